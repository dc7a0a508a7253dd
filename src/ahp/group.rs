//! Group decisions: combining several experts' judgments (AIJ) or priorities (AIP).

use super::incomplete::IncompleteJudgments;
use super::judgment::JudgmentMatrix;
use super::options::{AhpOptions, MatrixAnalysis};
use super::weights::Weights;
use crate::error::{Collection, Error, ErrorKind, Location, Quantity, Result};

/// Aggregation of individual judgments (AIJ): the element-wise weighted geometric mean
/// b_xy = Π_k b_xy,k^λ_k of the experts' matrices, with expert weights λ (equal when `None`).
///
/// The result is exactly reciprocal: each pair is averaged in the log domain as
/// (ln b_xy,k − ln b_yx,k) / 2, which is ln b_xy,k for reciprocal input and also absorbs typed
/// reciprocals such as 0.333. The geometric mean is the only averaging that keeps
/// reciprocity (Aczél & Saaty, 1983).
///
/// Only judgments count: an entry an expert did not give (one her matrix
/// [filled](JudgmentMatrix::completion) from her other judgments) is left out of that pair's
/// mean, and the weights of the experts who gave it are rescaled to sum 1. A pair no expert
/// gave is filled in the group matrix from the group's judgments, by the completion method of
/// the first expert's matrix that has one.
///
/// ```
/// use ahp_fce::{survey::aggregate_judgments, JudgmentMatrix};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let a = JudgmentMatrix::from_upper_triangle(&[4.0])?;
/// let b = JudgmentMatrix::from_upper_triangle(&[1.0])?;
/// let group = aggregate_judgments(&[a, b], None)?;
/// assert_eq!(group.get(0, 1), Some(2.0)); // √(4 · 1)
/// assert_eq!(group.get(1, 0), Some(0.5));
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// [`ErrorKind::Empty`] without matrices; [`ErrorKind::LengthMismatch`] when the expert weights do not
/// match; an expert whose matrix has another order than the first's, as
/// [`ErrorKind::LengthMismatch`] wrapped in [`Location::Expert`] naming the expert; the errors
/// of [`IncompleteJudgments::complete`] when pairs no expert gave must be filled.
pub fn aggregate_judgments(
    matrices: &[JudgmentMatrix],
    expert_weights: Option<&Weights>,
) -> Result<JudgmentMatrix> {
    let lambda = expert_lambdas(matrices.len(), expert_weights, Collection::JudgmentMatrices)?;
    let order = common_size(
        matrices.iter().map(JudgmentMatrix::order),
        Collection::JudgmentMatrices,
        Quantity::ExpertMatrixOrder,
    )?;
    let given =
        |m: &JudgmentMatrix, x: usize, y: usize| m.completion().is_none_or(|c| !c.is_filled(x, y));
    let mut upper = Vec::with_capacity(order * order.saturating_sub(1) / 2);
    for x in 0..order {
        for y in x + 1..order {
            let (mut log_sum, mut weight_sum, mut givers) = (0.0, 0.0, 0);
            for (m, l) in matrices.iter().zip(&lambda) {
                if given(m, x, y) {
                    let b = m.view();
                    log_sum += l * (b[[x, y]].ln() - b[[y, x]].ln()) / 2.0;
                    weight_sum += l;
                    givers += 1;
                }
            }
            upper.push(match givers {
                0 => None,
                // All gave it: the weights already sum to 1, and the mean stays bit for bit
                // the plain weighted one.
                n if n == matrices.len() => Some(log_sum.exp()),
                _ => Some((log_sum / weight_sum).exp()),
            });
        }
    }
    if upper.iter().all(Option::is_some) {
        let upper: Vec<f64> = upper.into_iter().flatten().collect();
        return JudgmentMatrix::from_upper_triangle(&upper);
    }
    let method = matrices
        .iter()
        .find_map(|m| m.completion().map(|c| c.method))
        .unwrap_or_default();
    IncompleteJudgments::matrix_from_upper_triangle(&upper, method)
}

/// How individual priority vectors are averaged in [`aggregate_priorities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum PriorityMean {
    /// Weighted geometric mean Π_k w_x,k^λ_k, renormalized (Forman & Peniwati, 1998).
    #[default]
    Geometric,
    /// Weighted arithmetic mean Σ_k λ_k·w_x,k.
    Arithmetic,
}

/// Aggregation of individual priorities (AIP): the experts' weight vectors averaged with
/// expert weights λ (equal when `None`) and renormalized to sum 1.
///
/// # Errors
/// [`ErrorKind::Empty`]; [`ErrorKind::LengthMismatch`] for expert weights or vectors of other lengths
/// (the latter wrapped in [`Location::Expert`] naming the expert).
///
/// ```
/// use ahp_fce::{survey::{aggregate_priorities, PriorityMean}, Weights};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let a = Weights::new(&[0.8, 0.2])?;
/// let b = Weights::new(&[0.2, 0.8])?;
/// let mean = aggregate_priorities(&[a, b], None, PriorityMean::Arithmetic)?;
/// assert_eq!(mean.as_slice(), &[0.5, 0.5]);
/// # Ok(())
/// # }
/// ```
pub fn aggregate_priorities(
    priorities: &[Weights],
    expert_weights: Option<&Weights>,
    mean: PriorityMean,
) -> Result<Weights> {
    let lambda = expert_lambdas(
        priorities.len(),
        expert_weights,
        Collection::PriorityVectors,
    )?;
    let len = common_size(
        priorities.iter().map(Weights::len),
        Collection::PriorityVectors,
        Quantity::ExpertPriorityLength,
    )?;
    let combined: Vec<f64> = (0..len)
        .map(|x| {
            let terms = priorities.iter().zip(&lambda);
            match mean {
                // Through logarithms so that many small weights cannot underflow.
                PriorityMean::Geometric => {
                    terms.map(|(w, l)| l * w.as_slice()[x].ln()).sum::<f64>()
                }
                PriorityMean::Arithmetic => terms.map(|(w, l)| l * w.as_slice()[x]).sum(),
            }
        })
        .collect();
    match mean {
        PriorityMean::Geometric => {
            let largest = combined.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let scaled: Vec<f64> = combined.iter().map(|l| (l - largest).exp()).collect();
            Weights::from_unnormalized(&scaled)
        }
        PriorityMean::Arithmetic => Weights::from_unnormalized(&combined),
    }
}

/// The size every expert's input shares (the first one's), or the first expert who differs;
/// `empty` when there is no expert.
fn common_size(
    sizes: impl Iterator<Item = usize>,
    empty: Collection,
    what: Quantity,
) -> Result<usize> {
    let mut sizes = sizes.enumerate();
    let Some((_, first)) = sizes.next() else {
        return Err(Error::from(ErrorKind::Empty { what: empty }));
    };
    for (k, size) in sizes {
        if size != first {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what,
                expected: first,
                found: size,
            })
            .at(Location::Expert(k)));
        }
    }
    Ok(first)
}

/// The expert weights λ, equal ones when none are given.
fn expert_lambdas(
    experts: usize,
    expert_weights: Option<&Weights>,
    what: Collection,
) -> Result<Vec<f64>> {
    if experts == 0 {
        return Err(Error::from(ErrorKind::Empty { what }));
    }
    match expert_weights {
        None => Ok(vec![1.0 / experts as f64; experts]),
        Some(w) if w.len() == experts => Ok(w.to_vec()),
        Some(w) => Err(Error::from(ErrorKind::LengthMismatch {
            what: Quantity::WeightsPerExpert,
            expected: experts,
            found: w.len(),
        })),
    }
}

/// A group judgment by AIJ, with each expert's own weights and consistency beside the
/// group's.
///
/// ```
/// use ahp_fce::{survey::GroupJudgment, AhpOptions, JudgmentMatrix};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let experts = [
///     JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0])?,
///     JudgmentMatrix::from_upper_triangle(&[2.0, 4.0, 3.0])?,
/// ];
/// let group = GroupJudgment::aggregate(&experts, None, &AhpOptions::default())?;
/// assert_eq!(group.experts.len(), 2);
/// assert!(group.group.consistency.acceptable);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct GroupJudgment {
    /// The aggregated matrix.
    pub matrix: JudgmentMatrix,
    /// Its weights and consistency.
    pub group: MatrixAnalysis,
    /// Each expert's weights and consistency, in the order given.
    pub experts: Vec<MatrixAnalysis>,
}

impl GroupJudgment {
    /// Aggregates the experts' matrices by AIJ and analyses every matrix under `options`.
    ///
    /// # Errors
    /// As [`aggregate_judgments`] and [`AhpOptions::analyze`] (an expert's error wrapped in
    /// [`Location::Expert`]).
    pub fn aggregate(
        matrices: &[JudgmentMatrix],
        expert_weights: Option<&Weights>,
        options: &AhpOptions,
    ) -> Result<Self> {
        let matrix = aggregate_judgments(matrices, expert_weights)?;
        let experts = matrices
            .iter()
            .enumerate()
            .map(|(k, m)| options.analyze(m).map_err(|e| e.at(Location::Expert(k))))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            group: options.analyze(&matrix)?,
            matrix,
            experts,
        })
    }
}
