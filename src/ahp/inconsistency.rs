//! Where a matrix's inconsistency comes from: each judgment's error against the weights, the
//! least consistent triads, and the value each judgment would need.

use super::judgment::{JudgmentMatrix, SAATY_SCALE};
use super::weights::Weights;
use crate::error::{Error, ErrorKind, Quantity, Result};

/// One judgment b_xy (above the diagonal) measured against the weights w.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct JudgmentError {
    /// Row x of the judgment.
    pub row: usize,
    /// Column y (y > x).
    pub col: usize,
    /// b_xy as used.
    pub value: f64,
    /// ε_xy = b_xy · w_y / w_x: 1 where the judgment agrees with the weights; ε > 1 says x
    /// was judged more important than the weights make it.
    pub error: f64,
    /// w_x / w_y, the value at which ε_xy = 1.
    pub consistent_value: f64,
    /// The value of Saaty's 1–9 scale (1/9 … 9) nearest to `consistent_value` in ratio.
    pub nearest_scale_value: f64,
}

/// Three items x < y < z and how far their judgments disagree: Koczkodaj's triad index
/// min(|1 − b_xz / (b_xy·b_yz)|, |1 − b_xy·b_yz / b_xz|), 0 for a consistent triad.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TriadInconsistency {
    /// The items x < y < z.
    pub items: [usize; 3],
    /// The triad's index, in [0, 1).
    pub index: f64,
}

/// Where the inconsistency of one judgment matrix comes from.
///
/// The judgments are ordered by |ln ε_xy|, the share each has in the geometric consistency
/// index (Aguarón & Moreno-Jiménez, 2003: GCI ∝ Σ ln² ε); the triads by Koczkodaj's index,
/// whose maximum is the matrix's Koczkodaj inconsistency index (Koczkodaj, 1993, "A new
/// definition of consistency of pairwise comparisons", *Mathematical and Computer Modelling*
/// 18(7), 79–84). The judgments at the top are the ones to reconsider first.
///
/// ```
/// use ahp_fce::ahp::Inconsistency;
/// use ahp_fce::{JudgmentMatrix, WeightingMethod};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// // Weights 8 : 4 : 2 : 1 would give b_03 = 8; it was judged 2.
/// let b = JudgmentMatrix::from_upper_triangle(&[2.0, 4.0, 2.0, 2.0, 4.0, 2.0])?;
/// let w = b.weights(WeightingMethod::GeometricMean)?;
/// let found = Inconsistency::analyze(&b, &w)?;
/// let worst = found.judgments[0];
/// assert_eq!((worst.row, worst.col, worst.value), (0, 3, 2.0));
/// // By hand: w ∝ 2, √2, 1/√2, 1/2, so ε = 2 · (1/2) / 2 = 1/2 and w_0 / w_3 = 4.
/// approx::assert_relative_eq!(worst.error, 0.5, max_relative = 1e-12);
/// assert_eq!(worst.nearest_scale_value, 4.0);
/// // The triads through items 0 and 3: b_03 / (b_01·b_13) = 2 / 8, index 1 − 1/4 = 0.75.
/// approx::assert_relative_eq!(found.koczkodaj, 0.75, max_relative = 1e-12);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Inconsistency {
    /// Every judgment above the diagonal, the largest |ln ε| first (row order on ties).
    pub judgments: Vec<JudgmentError>,
    /// The triads with the largest index, largest first (in item order on ties): all of them
    /// up to order 19, the worst [`Inconsistency::TRIADS_KEPT`] beyond (an order-1,000
    /// matrix has 166 million); empty below order 3.
    pub triads: Vec<TriadInconsistency>,
    /// Koczkodaj's inconsistency index: the largest triad index, 0 below order 3.
    pub koczkodaj: f64,
}

impl Inconsistency {
    /// The most triads kept, so that memory stays small at any order.
    pub const TRIADS_KEPT: usize = 1_000;

    /// Measures `matrix` against `weights` (of the same order, e.g. its own weights by any
    /// method).
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`] when the weights do not match the matrix order.
    pub fn analyze(matrix: &JudgmentMatrix, weights: &Weights) -> Result<Self> {
        let t = matrix.order();
        if weights.len() != t {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::WeightsPerItem,
                expected: t,
                found: weights.len(),
            }));
        }
        let b = matrix.view();
        let judgments = judgment_errors(matrix, weights);
        let mut triads = Vec::new();
        for x in 0..t {
            for y in x + 1..t {
                for z in y + 1..t {
                    let ratio = triad_ratio(b[[x, z]], b[[y, x]], b[[z, y]]);
                    let index = (1.0 - ratio).abs().min((1.0 - 1.0 / ratio).abs());
                    triads.push(TriadInconsistency {
                        items: [x, y, z],
                        index,
                    });
                    // Keep the worst: sort and cut whenever twice the kept number piles up.
                    if triads.len() == 2 * Self::TRIADS_KEPT {
                        triads.sort_by(|p, q| q.index.total_cmp(&p.index));
                        triads.truncate(Self::TRIADS_KEPT);
                    }
                }
            }
        }
        triads.sort_by(|p, q| q.index.total_cmp(&p.index));
        triads.truncate(Self::TRIADS_KEPT);
        let koczkodaj = triads.first().map_or(0.0, |triad| triad.index);
        Ok(Self {
            judgments,
            triads,
            koczkodaj,
        })
    }
}

/// Koczkodaj's inconsistency index of `matrix`: the largest triad index
/// min(|1 − b_xz / (b_xy·b_yz)|, |1 − b_xy·b_yz / b_xz|) over all x < y < z (Koczkodaj 1993,
/// "A new definition of consistency of pairwise comparisons", *Mathematical and Computer
/// Modelling* 18(7), 79–84); 0 below order 3. The same value as
/// [`Inconsistency::koczkodaj`], without keeping the triads.
pub fn koczkodaj_index(matrix: &JudgmentMatrix) -> f64 {
    let t = matrix.order();
    if t < 3 {
        return 0.0;
    }
    let b = matrix.rows();
    // A triad's index is 1 − min(r, 1/r) for its ratio r: it grows with r above 1 and falls
    // with it below, and so does its rounded value (every step of it is monotone). So the
    // largest index is that of the smallest or the largest ratio, the same value to the bit
    // as taking every triad's index.
    //
    // r = b_xz / (b_xy·b_yz) = b_xz·(b_yx·b_zy) in a reciprocal matrix: no division. Each
    // pair (x, y) keeps its own extremes, so that the comparisons of different pairs do not
    // wait on one another.
    let (mut least, mut most) = (f64::INFINITY, f64::NEG_INFINITY);
    for x in 0..t {
        let row_x = &b[x * t..(x + 1) * t];
        for y in x + 1..t {
            let b_yx = b[y * t + x];
            let (mut low, mut high) = (f64::INFINITY, f64::NEG_INFINITY);
            for (z, &b_xz) in row_x.iter().enumerate().skip(y + 1) {
                let ratio = triad_ratio(b_xz, b_yx, b[z * t + y]);
                // Plain comparisons, not f64::min: no ratio is NaN (each is a product of
                // three positive finite judgments), and min's NaN handling lengthens the chain.
                low = if ratio < low { ratio } else { low };
                high = if ratio > high { ratio } else { high };
            }
            least = if low < least { low } else { least };
            most = if high > most { high } else { most };
        }
    }
    let index = |ratio: f64| (1.0 - ratio).abs().min((1.0 - 1.0 / ratio).abs());
    index(least).max(index(most))
}

/// The ratio b_xz / (b_xy·b_yz) of triad x < y < z as b_xz·(b_yx·b_zy), from the reciprocals
/// below the diagonal; the one expression of the triads and of [`koczkodaj_index`].
#[inline(always)]
fn triad_ratio(b_xz: f64, b_yx: f64, b_zy: f64) -> f64 {
    b_xz * (b_yx * b_zy)
}

/// Every judgment above the diagonal measured against `weights` (of the matrix's order), the
/// largest |ln ε| first, row order on ties.
pub(crate) fn judgment_errors(matrix: &JudgmentMatrix, weights: &Weights) -> Vec<JudgmentError> {
    let t = matrix.order();
    let b = matrix.view();
    let w = weights.as_slice();
    let mut judgments = Vec::with_capacity(t * t.saturating_sub(1) / 2);
    for x in 0..t {
        for y in x + 1..t {
            let consistent_value = w[x] / w[y];
            judgments.push(JudgmentError {
                row: x,
                col: y,
                value: b[[x, y]],
                error: b[[x, y]] / consistent_value,
                consistent_value,
                nearest_scale_value: nearest_on_scale(consistent_value),
            });
        }
    }
    // Stable: equal errors keep row order.
    judgments.sort_by(|p, q| q.error.ln().abs().total_cmp(&p.error.ln().abs()));
    judgments
}

/// The value of Saaty's scale nearest to `value` in ratio (|ln s − ln value| least).
fn nearest_on_scale(value: f64) -> f64 {
    let distance = |s: f64| (s.ln() - value.ln()).abs();
    SAATY_SCALE.iter().copied().fold(SAATY_SCALE[0], |best, s| {
        if distance(s) < distance(best) {
            s
        } else {
            best
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ahp::WeightingMethod;

    #[test]
    fn a_three_cycle_is_as_inconsistent_as_three_judgments_get() {
        // a ≻ b 9 times, b ≻ c 9 times, c ≻ a 9 times: geometric-mean weights are equal (each
        // row product is 1), so every ε is the judgment itself and every consistent value 1.
        let b = JudgmentMatrix::from_upper_triangle(&[9.0, 1.0 / 9.0, 9.0]).unwrap();
        let w = b.weights(WeightingMethod::GeometricMean).unwrap();
        let found = Inconsistency::analyze(&b, &w).unwrap();
        for j in &found.judgments {
            approx::assert_relative_eq!(j.error.ln().abs(), 9f64.ln(), max_relative = 1e-12);
            approx::assert_relative_eq!(j.consistent_value, 1.0, max_relative = 1e-12);
            assert_eq!(j.nearest_scale_value, 1.0);
        }
        // b_ac / (b_ab·b_bc) = (1/9) / 81 = 1/729: index 1 − 1/729 = 728/729.
        approx::assert_relative_eq!(found.koczkodaj, 728.0 / 729.0, max_relative = 1e-12);
        assert_eq!(koczkodaj_index(&b), found.koczkodaj);
        assert_eq!(found.triads.len(), 1);
    }

    #[test]
    fn a_consistent_matrix_has_no_error_anywhere() {
        let w = Weights::from_unnormalized(&[5.0, 3.0, 2.0, 1.0]).unwrap();
        let b = JudgmentMatrix::from_weight_ratios(&w).unwrap();
        let found = Inconsistency::analyze(&b, &w).unwrap();
        // 1e-12: a few roundings of ratios near 1.
        assert!(found
            .judgments
            .iter()
            .all(|j| (j.error - 1.0).abs() < 1e-12));
        assert!(found.koczkodaj < 1e-12);
        assert!(koczkodaj_index(&b) < 1e-12);
        assert!(Inconsistency::analyze(&b, &Weights::new(&[0.5, 0.5]).unwrap()).is_err());
    }
}
