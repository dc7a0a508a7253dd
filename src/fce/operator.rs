//! Fuzzy composition operators: how a weight vector A and a membership matrix R combine into a
//! grade vector B = A ∘ R.
//!
//! [`Weights`](crate::Weights) from AHP are the usual A.

use crate::error::{Error, ErrorKind, Quantity, Result};
use crate::fce::MembershipMatrix;

/// A fuzzy composition operator M(⊗, ⊕): b_h = ⊕_i (a_i ⊗ r_ih).
///
/// | operator | b_h | keeps | loses |
/// | --- | --- | --- | --- |
/// | [`WeightedAverage`](Operator::WeightedAverage) M(·,⊕) | Σ_i a_i·r_ih | every weight and every degree, in proportion | nothing; extremes are averaged out |
/// | [`ZadehMinMax`](Operator::ZadehMinMax) M(∧,∨) | max_i min(a_i, r_ih) | the single strongest link per grade | most of the weights: a weight above every degree, or below one, stops mattering |
/// | [`ProductMax`](Operator::ProductMax) M(·,∨) | max_i a_i·r_ih | the weights' proportions within the dominant indicator | every indicator but the dominant one per grade |
/// | [`MinBoundedSum`](Operator::MinBoundedSum) M(∧,⊕) | min(1, Σ_i min(a_i, r_ih)) | contributions of all indicators | weights above the degrees (capped by min), and anything past 1 |
///
/// The weighted average is the source paper's operator (Gupta, section 2.3: G_i = D_i·R_i,
/// "ordinary matrix multiplication") and the default. With weights and rows that sum to 1 its
/// raw result already sums to 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Operator {
    /// M(·,⊕): b_h = Σ_i a_i·r_ih, the ordinary matrix product.
    #[default]
    WeightedAverage,
    /// Zadeh's M(∧,∨): b_h = max_i min(a_i, r_ih).
    ZadehMinMax,
    /// M(·,∨): b_h = max_i a_i·r_ih.
    ProductMax,
    /// M(∧,⊕): b_h = min(1, Σ_i min(a_i, r_ih)).
    MinBoundedSum,
}

impl Operator {
    /// Composes `weights` (one per row) with the membership matrix.
    ///
    /// The weights form a fuzzy set over the indicators: each in [0, 1]. AHP [`Weights`](crate::Weights)
    /// qualify (pass `weights.as_slice()`), and so do a one-hot vector or weights that do not
    /// sum to 1, as the min–max operators allow.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidCompositionWeight`] for a weight outside [0, 1] (NaN included);
    /// [`ErrorKind::LengthMismatch`] when there is not one weight per row;
    /// [`ErrorKind::ZeroComposition`] when every grade comes out 0.
    ///
    /// ```
    /// use ahp_fce::{MembershipMatrix, Operator, Weights};
    /// use approx::assert_relative_eq;
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let a = Weights::new(&[0.6, 0.4])?;
    /// let r = MembershipMatrix::from_rows(&[[0.5, 0.5, 0.0], [0.0, 0.5, 0.5]])?;
    /// let b = Operator::WeightedAverage.compose(a.as_slice(), &r)?;
    /// // 0.6·0.5 = 0.3; 0.6·0.5 + 0.4·0.5 = 0.5; 0.4·0.5 = 0.2. 1e-15: two roundings.
    /// assert_relative_eq!(b.raw(), &[0.3, 0.5, 0.2][..], max_relative = 1e-15);
    /// let zadeh = Operator::ZadehMinMax.compose(a.as_slice(), &r)?;
    /// assert_eq!(zadeh.raw(), &[0.5, 0.5, 0.4]);
    /// assert_relative_eq!(zadeh.normalized(), &[0.5 / 1.4, 0.5 / 1.4, 0.4 / 1.4][..]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn compose(self, weights: &[f64], memberships: &MembershipMatrix) -> Result<Composition> {
        if let Some((index, &value)) = weights
            .iter()
            .enumerate()
            .find(|(_, a)| !(0.0..=1.0).contains(*a))
        {
            return Err(Error::from(ErrorKind::InvalidCompositionWeight {
                index,
                value,
            }));
        }
        if weights.len() != memberships.indicators() {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::WeightsPerMembershipRow,
                expected: memberships.indicators(),
                found: weights.len(),
            }));
        }
        let mut raw = vec![0.0; memberships.grades()];
        for (&weight, row) in weights.iter().zip(memberships.view().rows()) {
            for (b, &degree) in raw.iter_mut().zip(row) {
                *b = self.accumulate(*b, weight, degree);
            }
        }
        self.finish(&mut raw);
        Composition::from_raw(raw)
    }

    /// The operator's inner step, b ⊕ (a ⊗ r): the one place its semantics are written.
    /// Every kernel folds it over the inputs of a node, starting from b = 0, then applies
    /// [`Operator::finish`].
    #[inline(always)]
    pub(crate) fn accumulate(self, b: f64, weight: f64, degree: f64) -> f64 {
        match self {
            Operator::WeightedAverage => b + weight * degree,
            Operator::ZadehMinMax => b.max(weight.min(degree)),
            Operator::ProductMax => b.max(weight * degree),
            Operator::MinBoundedSum => b + weight.min(degree),
        }
    }

    /// What follows the fold: M(∧,⊕) is bounded at 1; the others leave b as it is.
    #[inline(always)]
    pub(crate) fn finish(self, b: &mut [f64]) {
        if self == Operator::MinBoundedSum {
            b.iter_mut().for_each(|v| *v = v.min(1.0));
        }
    }

    /// A short name with the operator's notation.
    pub fn name(self) -> &'static str {
        match self {
            Operator::WeightedAverage => "weighted average M(·,⊕)",
            Operator::ZadehMinMax => "Zadeh M(∧,∨)",
            Operator::ProductMax => "M(·,∨)",
            Operator::MinBoundedSum => "M(∧,⊕)",
        }
    }
}

/// The result of one composition: the raw vector b and its normalization b / Σ b.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "CompositionSpec")
)]
pub struct Composition {
    raw: Vec<f64>,
    normalized: Vec<f64>,
}

/// The serialized form; deserialization recomputes the normalization from `raw`.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct CompositionSpec {
    raw: Vec<f64>,
}

#[cfg(feature = "serde")]
impl TryFrom<CompositionSpec> for Composition {
    type Error = Error;

    fn try_from(spec: CompositionSpec) -> Result<Self> {
        if let Some((index, &value)) = spec
            .raw
            .iter()
            .enumerate()
            .find(|(_, v)| !(v.is_finite() && **v >= 0.0))
        {
            return Err(Error::from(ErrorKind::InvalidComposition { index, value }));
        }
        Self::from_raw(spec.raw)
    }
}

impl Composition {
    /// Normalizes a raw composed vector (finite, non-negative entries).
    pub(crate) fn from_raw(raw: Vec<f64>) -> Result<Self> {
        let mut normalized = raw.clone();
        if !normalize(&mut normalized) {
            return Err(Error::from(ErrorKind::ZeroComposition));
        }
        Ok(Self { raw, normalized })
    }

    /// A composition whose normalization the plan has computed.
    pub(crate) fn from_parts(raw: Vec<f64>, normalized: Vec<f64>) -> Self {
        Self { raw, normalized }
    }

    /// The raw vector b = a ∘ r.
    pub fn raw(&self) -> &[f64] {
        &self.raw
    }

    /// b / Σ b, which sums to 1.
    pub fn normalized(&self) -> &[f64] {
        &self.normalized
    }
}

/// b ← b / Σ b in place, the one normalization every composed vector goes through; `false`
/// (and b unchanged) when Σ b is not positive.
///
/// Multiplies by the reciprocal of the sum, so that the single and the batch paths give the
/// same bits. Where that reciprocal would not be finite (a sum in the subnormal range, from
/// weights near 5e-324) or the sum itself overflows (only possible for deserialized data:
/// composed values are at most the number of inputs), the vector is first divided by its
/// largest entry, which brings the sum into [1, n].
#[inline]
pub(crate) fn normalize(b: &mut [f64]) -> bool {
    let mut sum: f64 = b.iter().sum();
    if !(sum > 0.0) {
        return false;
    }
    let mut inverse = 1.0 / sum;
    if !(sum.is_finite() && inverse.is_finite()) {
        let largest = b.iter().copied().fold(0.0, f64::max);
        b.iter_mut().for_each(|v| *v /= largest);
        sum = b.iter().sum();
        inverse = 1.0 / sum;
    }
    b.iter_mut().for_each(|v| *v *= inverse);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_and_huge_sums_normalize_to_finite_shares() {
        // 1 / 5e-324 overflows: the shares must still be (1, 0), not (inf, NaN).
        let mut tiny = [5e-324, 0.0];
        assert!(normalize(&mut tiny));
        assert_eq!(tiny, [1.0, 0.0]);
        // The sum of two 1.7e308 overflows: the shares must still be halves, not zeros.
        let mut huge = [1.7e308, 1.7e308];
        assert!(normalize(&mut huge));
        assert_eq!(huge, [0.5, 0.5]);
        let mut zero = [0.0, 0.0];
        assert!(!normalize(&mut zero));
    }
}
