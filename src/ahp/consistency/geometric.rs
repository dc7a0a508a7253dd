//! The geometric consistency index (GCI) of Aguarón & Moreno-Jiménez (2003).

use crate::ahp::kernels;
use crate::ahp::JudgmentMatrix;
use crate::error::Result;

/// The geometric consistency index of a judgment matrix, with its published verdict.
///
/// GCI = 2 / ((t−1)(t−2)) · Σ_{x<y} ln²(b_xy · w_y / w_x), with geometric-mean weights w.
/// Aguarón, J., & Moreno-Jiménez, J. M. (2003). The geometric consistency index: Approximated
/// thresholds. *European Journal of Operational Research* 147, 137–145. Their thresholds,
/// which correspond to CR = 0.1: 0.31 for t = 3, 0.35 for t = 4, 0.37 for t > 4.
///
/// ```
/// use ahp_fce::{GeometricConsistency, JudgmentMatrix};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let b = JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0])?;
/// let gci = GeometricConsistency::compute(&b)?;
/// assert_eq!(gci.threshold, Some(0.31));
/// assert!(gci.acceptable);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct GeometricConsistency {
    /// Order t of the matrix.
    pub order: usize,
    /// The index; 0 for t ≤ 2, where the formula is undefined and every reciprocal matrix is
    /// consistent.
    pub gci: f64,
    /// The published threshold for this order; `None` for t ≤ 2, where none is needed.
    pub threshold: Option<f64>,
    /// Whether GCI ≤ threshold (always true for t ≤ 2).
    pub acceptable: bool,
}

impl GeometricConsistency {
    /// Computes the GCI of `matrix` with its geometric-mean weights.
    ///
    /// # Errors
    /// None: every judgment is positive and finite, so every logarithm is finite. The
    /// `Result` is kept so that a future check can fail without breaking callers.
    pub fn compute(matrix: &JudgmentMatrix) -> Result<Self> {
        let order = matrix.order();
        let threshold = match order {
            0..=2 => None,
            3 => Some(0.31),
            4 => Some(0.35),
            _ => Some(0.37),
        };
        let Some(limit) = threshold else {
            return Ok(Self {
                order,
                gci: 0.0,
                threshold,
                acceptable: true,
            });
        };
        // ln(b_xy·w_y/w_x) = ln b_xy − (ln w_x − ln w_y), and ln w_x of the geometric-mean
        // weights is the mean of row x's logarithms up to a constant that cancels: one
        // logarithm per judgment above the diagonal, no weights, exponentials or divisions.
        let b = matrix.rows();
        let t = order as f64;
        let pairs = order * (order - 1) / 2;
        let sum = kernels::with_scratch(pairs + order, |scratch| {
            let (logs, row_means) = scratch.split_at_mut(pairs);
            let mut next = 0;
            for x in 0..order {
                for y in x + 1..order {
                    let log = b[x * order + y].ln();
                    logs[next] = log;
                    next += 1;
                    row_means[x] += log;
                    row_means[y] -= log;
                }
            }
            row_means.iter_mut().for_each(|m| *m /= t);
            let mut logs = logs.iter();
            let mut sum = 0.0;
            for x in 0..order {
                // The shorter iterator first: zip takes from it first and stops without
                // losing an item of the other.
                for (mean_y, log) in row_means[x + 1..].iter().zip(logs.by_ref()) {
                    let e = log - (row_means[x] - mean_y);
                    sum += e * e;
                }
            }
            sum
        });
        let gci = 2.0 * sum / ((t - 1.0) * (t - 2.0));
        Ok(Self {
            order,
            gci,
            threshold,
            acceptable: gci <= limit,
        })
    }
}
