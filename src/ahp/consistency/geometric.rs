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
        // logarithm per judgment above the diagonal (a table's, on Saaty's scale), no
        // weights, exponentials or divisions.
        let b = matrix.rows();
        let t = order as f64;
        let pairs = order * (order - 1) / 2;
        let sum = kernels::with_scratch(pairs + order, |scratch| {
            let (logs, row_means) = scratch.split_at_mut(pairs);
            let mut next = 0;
            for x in 0..order {
                for y in x + 1..order {
                    let log = judgment_log(b[x * order + y], b[y * order + x]);
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

/// ln k for the whole numbers of Saaty's scale, k = 0..=9 (index 0 unused), each the f64
/// nearest ln k (a unit test compares them with `f64::ln`).
const SCALE_LOGS: [f64; 10] = [
    0.0,
    0.0,
    std::f64::consts::LN_2,
    1.0986122886681098,
    1.3862943611198906,
    1.6094379124341003,
    1.791759469228055,
    1.9459101490553132,
    2.0794415416798357,
    2.1972245773362196,
];

/// ln b_xy, given the judgment and its reciprocal b_yx as the matrix stores them. Judgments on
/// Saaty's 1–9 scale, whole numbers or their reciprocals, take their logarithm from a table:
/// ln(1/k) as −ln k, which differs from the computed logarithm of the rounded reciprocal by
/// at most 1.2e-16 (the rounding of 1/k) plus an ulp of ln k: under 6e-16, far below anything
/// the index is compared with. Any other judgment is computed.
#[inline]
fn judgment_log(b_xy: f64, b_yx: f64) -> f64 {
    let whole = |v: f64| ((1.0..=9.0).contains(&v) && v == v.trunc()).then_some(v as usize);
    if let Some(k) = whole(b_xy) {
        SCALE_LOGS[k]
    } else if let Some(k) = whole(b_yx) {
        -SCALE_LOGS[k]
    } else {
        b_xy.ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_table_holds_the_logarithms_of_the_scale() {
        for (k, &log) in SCALE_LOGS.iter().enumerate().skip(1) {
            assert_eq!(log, (k as f64).ln(), "ln {k}");
            // The reciprocal's own logarithm is within the documented 6e-16 of −ln k.
            let reciprocal = 1.0 / k as f64;
            approx::assert_abs_diff_eq!(
                judgment_log(reciprocal, k as f64),
                reciprocal.ln(),
                epsilon = 6e-16
            );
            assert_eq!(judgment_log(k as f64, reciprocal), log);
        }
        // Off the scale, the logarithm itself.
        for b in [0.3, 2.5, 10.0, 1e-300, 1e300, 0.999_999] {
            assert_eq!(judgment_log(b, 1.0 / b), b.ln());
        }
    }
}
