//! The geometric consistency index (GCI) of Aguarón & Moreno-Jiménez (2003).

use crate::ahp::JudgmentMatrix;
use crate::ahp::WeightingMethod;
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
    /// None in practice; the `Result` carries any error of the weight computation.
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
        let w = WeightingMethod::GeometricMean.weights(matrix)?;
        let b = matrix.view();
        let mut sum = 0.0;
        for x in 0..order {
            for y in x + 1..order {
                let e = (b[[x, y]] * w.as_slice()[y] / w.as_slice()[x]).ln();
                sum += e * e;
            }
        }
        let t = order as f64;
        let gci = 2.0 * sum / ((t - 1.0) * (t - 2.0));
        Ok(Self {
            order,
            gci,
            threshold,
            acceptable: gci <= limit,
        })
    }
}
