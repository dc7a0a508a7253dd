//! λmax, the consistency index CI and the consistency ratio CR.

use ndarray::Array1;

use super::simulation::simulate_incomplete_random_index;
use super::GeometricConsistency;
use super::{RandomIndex, RandomIndexEstimate};
use crate::ahp::inconsistency::koczkodaj_index;
use crate::ahp::kernels;
use crate::ahp::CompletionMethod;
use crate::ahp::JudgmentMatrix;
use crate::ahp::WeightingMethod;
use crate::ahp::Weights;
use crate::error::{Error, ErrorKind, Quantity, Result};

/// The vector BW: entry x is Σ_y b_xy·w_y.
///
/// # Errors
/// [`ErrorKind::LengthMismatch`] when the weights do not match the matrix order.
pub fn weighted_sums(matrix: &JudgmentMatrix, weights: &Weights) -> Result<Array1<f64>> {
    check_lengths(matrix, weights)?;
    Ok(matrix.view().dot(&weights.view()))
}

/// λmax by the source paper's formula (Gupta, section 3.2, formula 5):
/// λmax = (1/t) Σ_x (BW)_x / W_x.
///
/// For eigenvector weights this is the principal eigenvalue; for other weights it is the
/// estimate the paper uses. It is at least t for a reciprocal matrix (up to rounding).
///
/// # Errors
/// [`ErrorKind::LengthMismatch`] when the weights do not match the matrix order.
///
/// ```
/// use ahp_fce::{lambda_max, JudgmentMatrix, WeightingMethod};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let b = JudgmentMatrix::from_upper_triangle(&[2.0, 6.0, 3.0])?; // consistent
/// let w = b.weights(WeightingMethod::GeometricMean)?;
/// // 1e-14: three roundings of sums near 3.
/// approx::assert_abs_diff_eq!(lambda_max(&b, &w)?, 3.0, epsilon = 1e-14);
/// # Ok(())
/// # }
/// ```
pub fn lambda_max(matrix: &JudgmentMatrix, weights: &Weights) -> Result<f64> {
    check_lengths(matrix, weights)?;
    Ok(kernels::with_scratch(weights.len(), |scratch| {
        kernels::lambda_max(matrix.rows(), weights.as_slice(), scratch)
    }))
}

fn check_lengths(matrix: &JudgmentMatrix, weights: &Weights) -> Result<()> {
    if matrix.order() == weights.len() {
        Ok(())
    } else {
        Err(Error::from(ErrorKind::LengthMismatch {
            what: Quantity::WeightsPerItem,
            expected: matrix.order(),
            found: weights.len(),
        }))
    }
}

/// The CR below which judgments count as consistent: finite and positive, 0.1 by default
/// (Saaty; the source paper's formula 6).
///
/// ```
/// use ahp_fce::CrThreshold;
/// assert_eq!(CrThreshold::default().value(), 0.1);
/// assert!(CrThreshold::new(0.08).is_ok());
/// assert!(CrThreshold::new(f64::NAN).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "f64", into = "f64")
)]
pub struct CrThreshold(f64);

impl CrThreshold {
    /// Validates a threshold.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidThreshold`] unless finite and positive.
    pub fn new(value: f64) -> Result<Self> {
        if value.is_finite() && value > 0.0 {
            Ok(Self(value))
        } else {
            Err(Error::from(ErrorKind::InvalidThreshold { value }))
        }
    }

    /// The threshold as a number.
    pub fn value(self) -> f64 {
        self.0
    }
}

impl Default for CrThreshold {
    fn default() -> Self {
        Self(0.1)
    }
}

impl TryFrom<f64> for CrThreshold {
    type Error = Error;

    fn try_from(value: f64) -> Result<Self> {
        Self::new(value)
    }
}

impl From<CrThreshold> for f64 {
    fn from(threshold: CrThreshold) -> Self {
        threshold.0
    }
}

/// How consistency is judged: which random-index table, the CR threshold, how λmax is
/// taken, and which RI an incomplete (completed) matrix is measured against.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default)
)]
#[non_exhaustive]
pub struct ConsistencyOptions {
    /// The random-index table; Saaty (1980) by default.
    pub random_index: RandomIndex,
    /// The CR threshold; 0.1 by default.
    pub threshold: CrThreshold,
    /// λmax by the source paper's formula (default) or as the Perron root.
    pub lambda_max: LambdaMax,
    /// The RI of completed matrices: simulated for their pattern of missing pairs (default)
    /// or read from the complete table.
    pub incomplete_random_index: IncompleteRandomIndex,
    /// Which index decides whether a matrix is acceptable: CR (default), the GCI or
    /// Koczkodaj's index. The report gives all three where they are computed.
    pub check: ConsistencyCheck,
}

impl ConsistencyOptions {
    /// These options with another random-index table.
    pub fn with_random_index(mut self, table: RandomIndex) -> Self {
        self.random_index = table;
        self
    }

    /// These options with another CR threshold.
    pub fn with_threshold(mut self, threshold: CrThreshold) -> Self {
        self.threshold = threshold;
        self
    }

    /// These options with another λmax convention.
    pub fn with_lambda_max(mut self, lambda_max: LambdaMax) -> Self {
        self.lambda_max = lambda_max;
        self
    }

    /// These options with another index deciding acceptability.
    pub fn with_check(mut self, check: ConsistencyCheck) -> Self {
        self.check = check;
        self
    }

    /// These options with another RI for completed matrices.
    pub fn with_incomplete_random_index(mut self, choice: IncompleteRandomIndex) -> Self {
        self.incomplete_random_index = choice;
        self
    }
}

/// Which index decides whether one matrix's judgments are acceptable. The hierarchy's CR is
/// always Saaty's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum ConsistencyCheck {
    /// CR = CI / RI below the CR threshold (Saaty; the source paper). The default.
    #[default]
    Ratio,
    /// The geometric consistency index within Aguarón & Moreno-Jiménez's (2003) thresholds:
    /// 0.31 (t = 3), 0.35 (t = 4), 0.37 (t > 4), which they derived to correspond to CR = 0.1.
    Geometric,
    /// Koczkodaj's index below [`KOCZKODAJ_THRESHOLD`].
    Koczkodaj,
}

/// The Koczkodaj index below which a matrix passes [`ConsistencyCheck::Koczkodaj`]: 1/3, the
/// rule of thumb usually quoted for the index. It is not calibrated to CR < 0.1 (Bozóki &
/// Rapcsák 2008, "On Saaty's and Koczkodaj's inconsistencies of pairwise comparison
/// matrices", *Journal of Global Optimization* 42, compare the two), so compare like with like.
pub const KOCZKODAJ_THRESHOLD: f64 = 1.0 / 3.0;

/// Orders up to which every report carries Koczkodaj's index (it costs t³/6 triads); beyond,
/// only when it is the check.
pub const KOCZKODAJ_REPORTED_UP_TO: usize = 50;

/// How λmax is obtained.
///
/// The two agree for eigenvector weights. For other weights the source paper's formula
/// (1/t) Σ (BW)_x / W_x is an estimate that depends on the weights; the Perron root is the
/// matrix's principal eigenvalue whatever the weights (the convention of ahpy, pymcdm and
/// R `ahp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum LambdaMax {
    /// (1/t) Σ_x (BW)_x / W_x with the weights of the chosen method (Gupta, formula 5). The
    /// default.
    #[default]
    WeightRatios,
    /// The principal (Perron) eigenvalue of the matrix.
    PerronRoot,
}

/// Which random index a matrix completed from incomplete judgments is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum IncompleteRandomIndex {
    /// Simulated for the matrix's own order, missing pairs and completion method with
    /// [`simulate_incomplete_random_index`](crate::simulate_incomplete_random_index):
    /// [`INCOMPLETE_RI_SAMPLES`] draws (fewer above order 20, so that the cost stays near
    /// that of order 20) from seed [`INCOMPLETE_RI_SEED`]; up to order 100, beyond which
    /// the complete table is used. The default.
    #[default]
    Simulated,
    /// The complete table's RI for the order, as if nothing were missing (what ahpy does). It
    /// overstates the RI, so CR comes out lower than it should.
    CompleteTable,
}

/// Draws of the simulated RI for a completed matrix (up to order 20).
pub const INCOMPLETE_RI_SAMPLES: usize = 10_000;
/// The seed of the simulated RI for a completed matrix.
pub const INCOMPLETE_RI_SEED: u64 = 20_100_318;
/// The largest order whose completed matrices get a simulated RI.
pub const INCOMPLETE_RI_MAX_ORDER: usize = 100;

/// Where the RI of a completed matrix came from.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IncompleteConsistency {
    /// How many pairs were missing.
    pub missing: usize,
    /// How they were filled.
    pub completion: CompletionMethod,
    /// The simulated RI, when it was simulated (else the table's RI was used).
    pub simulated: Option<RandomIndexEstimate>,
}

/// The consistency of one judgment matrix under given weights.
///
/// ```
/// use ahp_fce::{ConsistencyOptions, ConsistencyReport, JudgmentMatrix, WeightingMethod};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let b = JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0])?;
/// let w = b.weights(WeightingMethod::GeometricMean)?;
/// let report = ConsistencyReport::compute(&b, &w, &ConsistencyOptions::default())?;
/// assert!(report.acceptable);
/// assert_eq!(report.ri, 0.58); // Saaty (1980), order 3
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ConsistencyReport {
    /// Order t of the matrix.
    pub order: usize,
    /// λmax = (1/t) Σ_x (BW)_x / W_x, or the Perron root, as [`ConsistencyReport::lambda_max_by`]
    /// says.
    pub lambda_max: f64,
    /// How λmax was taken.
    pub lambda_max_by: LambdaMax,
    /// CI = (λmax − t) / (t − 1); 0 for t = 1. Never below 0: for an exactly reciprocal
    /// matrix and any positive weights Σ_x (BW)_x / W_x = t + Σ_{x<y} (u + 1/u) ≥ t² with
    /// u = b_xy·w_y / w_x, so λmax ≥ t, and a rounding error below that is reported as t.
    pub ci: f64,
    /// The random index of order t from the chosen table (0 for t ≤ 2).
    pub ri: f64,
    /// CR = CI / RI; 0 by convention for t ≤ 2 and for judgments given only along a tree
    /// (t − 1 pairs), where every matrix is consistent.
    pub cr: f64,
    /// The threshold CR was compared with.
    pub threshold: f64,
    /// Whether the chosen check passes: by default CR < threshold (the source paper's formula 6
    /// uses a strict inequality).
    pub acceptable: bool,
    /// For a matrix completed from incomplete judgments: how many pairs were missing and
    /// where its RI came from.
    pub incomplete: Option<IncompleteConsistency>,
    /// Which index decided [`ConsistencyReport::acceptable`].
    pub check: ConsistencyCheck,
    /// The geometric consistency index with its published threshold.
    pub geometric: GeometricConsistency,
    /// Koczkodaj's index, up to order [`KOCZKODAJ_REPORTED_UP_TO`] or when it is the check.
    pub koczkodaj: Option<f64>,
}

impl ConsistencyReport {
    /// Computes λmax, CI, RI and CR of `matrix` for `weights`.
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`] for weights of the wrong length;
    /// [`ErrorKind::RandomIndexOutOfRange`] when the table does not cover the matrix order;
    /// [`ErrorKind::RandomIndexTooSmall`] when CI / RI would not be finite.
    pub fn compute(
        matrix: &JudgmentMatrix,
        weights: &Weights,
        options: &ConsistencyOptions,
    ) -> Result<Self> {
        let order = matrix.order();
        let t = order as f64;
        // λmax ≥ t in exact arithmetic (see `ci`); only rounding can put it below.
        let lambda_max = match options.lambda_max {
            LambdaMax::WeightRatios => lambda_max(matrix, weights)?,
            LambdaMax::PerronRoot => {
                check_lengths(matrix, weights)?;
                lambda_max(matrix, &WeightingMethod::Eigenvector.weights(matrix)?)?
            }
        }
        .max(t);
        let ci = if order > 1 {
            (lambda_max - t) / (t - 1.0)
        } else {
            0.0
        };
        let incomplete = matrix
            .completion()
            .map(|completion| {
                // Given pairs that form a tree (t − 1 of them) complete to a consistent matrix
                // whatever their values: RI is 0 and needs no simulation.
                let tree = completion.filled.len() + order - 1 == order * (order - 1) / 2;
                let simulate = options.incomplete_random_index == IncompleteRandomIndex::Simulated
                    && order <= INCOMPLETE_RI_MAX_ORDER
                    && !tree;
                let simulated = if simulate {
                    let missing: Vec<_> =
                        completion.filled.iter().map(|f| (f.row, f.col)).collect();
                    Some(simulate_incomplete_random_index(
                        order,
                        &missing,
                        completion.method,
                        options.lambda_max == LambdaMax::PerronRoot,
                        incomplete_ri_samples(order),
                        INCOMPLETE_RI_SEED,
                    )?)
                } else {
                    None
                };
                Ok::<_, Error>((
                    IncompleteConsistency {
                        missing: completion.filled.len(),
                        completion: completion.method,
                        simulated,
                    },
                    tree,
                ))
            })
            .transpose()?;
        let tree = incomplete.as_ref().is_some_and(|(_, tree)| *tree);
        let incomplete = incomplete.map(|(i, _)| i);
        let (ri, cr) = match incomplete.as_ref().and_then(|i| i.simulated.as_ref()) {
            _ if tree => (0.0, 0.0),
            Some(estimate) => (estimate.ri, ci / estimate.ri),
            None if order > 2 => {
                let ri = options.random_index.value(order)?;
                (ri, ci / ri)
            }
            None => (0.0, 0.0),
        };
        // A custom table may hold a positive RI as small as 5e-324.
        if !cr.is_finite() {
            return Err(Error::from(ErrorKind::RandomIndexTooSmall {
                order,
                ci,
                ri,
                cr,
            }));
        }
        let threshold = options.threshold.value();
        let geometric = GeometricConsistency::compute(matrix)?;
        let koczkodaj = (order <= KOCZKODAJ_REPORTED_UP_TO
            || options.check == ConsistencyCheck::Koczkodaj)
            .then(|| koczkodaj_index(matrix));
        let acceptable = match options.check {
            ConsistencyCheck::Ratio => cr < threshold,
            ConsistencyCheck::Geometric => geometric.acceptable,
            ConsistencyCheck::Koczkodaj => koczkodaj.unwrap_or(0.0) < KOCZKODAJ_THRESHOLD,
        };
        Ok(Self {
            order,
            lambda_max,
            lambda_max_by: options.lambda_max,
            ci,
            ri,
            cr,
            threshold,
            acceptable,
            incomplete,
            check: options.check,
            geometric,
            koczkodaj,
        })
    }
}

/// Draws for a completed matrix of order t: [`INCOMPLETE_RI_SAMPLES`] up to order 20, then
/// fewer in proportion to 1/t³ (the cost of one draw), but never under 500.
fn incomplete_ri_samples(order: usize) -> usize {
    if order <= 20 {
        return INCOMPLETE_RI_SAMPLES;
    }
    let scaled = INCOMPLETE_RI_SAMPLES as f64 * (20.0 / order as f64).powi(3);
    (scaled as usize).max(500)
}
