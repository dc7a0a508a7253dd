//! The validated priority vector.

use approx::{AbsDiffEq, RelativeEq};
use ndarray::{Array1, ArrayView1};

use crate::error::{Collection, Error, ErrorKind, Result};
use crate::tolerance;

/// A priority vector: every weight finite and positive, the weights summing to 1.
///
/// ```
/// use ahp_fce::Weights;
/// use approx::assert_relative_eq;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let w = Weights::new(&[0.5, 0.3, 0.2])?;
/// assert_eq!(w.len(), 3);
/// let same = Weights::from_unnormalized(&[5.0, 3.0, 2.0])?;
/// // 1e-15: two roundings of numbers below 1.
/// assert_relative_eq!(w, same, max_relative = 1e-15);
/// assert!(Weights::new(&[0.5, 0.3, 0.1]).is_err()); // sums to 0.9
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Vec<f64>", into = "Vec<f64>")
)]
pub struct Weights {
    values: Array1<f64>,
}

impl Weights {
    /// Validates weights that are meant to sum to 1, and rescales them to sum to 1 exactly (up
    /// to rounding).
    ///
    /// # Errors
    /// [`ErrorKind::Empty`]; [`ErrorKind::InvalidWeight`] for a non-finite, zero or negative weight;
    /// [`ErrorKind::WeightSum`] when the sum is off by more than [`tolerance::WEIGHT_SUM`].
    pub fn new(values: &[f64]) -> Result<Self> {
        check_positive(values)?;
        let sum: f64 = values.iter().sum();
        if !((sum - 1.0).abs() <= tolerance::WEIGHT_SUM) {
            return Err(Error::from(ErrorKind::WeightSum {
                sum,
                tolerance: tolerance::WEIGHT_SUM,
            }));
        }
        Self::from_unnormalized(values)
    }

    /// Normalizes positive scores (any scale) into weights: `w_x = v_x / Σ v`.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`]; [`ErrorKind::InvalidWeight`] for a non-finite, zero or negative value, or
    /// for one so much smaller than the largest that its weight underflows to 0.
    pub fn from_unnormalized(values: &[f64]) -> Result<Self> {
        Self::normalize(values.to_vec())
    }

    /// [`Weights::from_unnormalized`], normalizing in place.
    pub(crate) fn normalize(mut values: Vec<f64>) -> Result<Self> {
        check_positive(&values)?;
        // Dividing by the largest value first keeps the sum finite for any finite input.
        let largest = values.iter().copied().fold(0.0, f64::max);
        values.iter_mut().for_each(|v| *v /= largest);
        let sum: f64 = values.iter().sum();
        values.iter_mut().for_each(|v| *v /= sum);
        if let Some((index, &value)) = values.iter().enumerate().find(|(_, w)| !(**w > 0.0)) {
            return Err(Error::from(ErrorKind::InvalidWeight { index, value }));
        }
        Ok(Self {
            values: Array1::from(values),
        })
    }

    /// Number of weights.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Always `false`: a weight vector has at least one entry.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Weight `index`, or `None` past the end.
    pub fn get(&self, index: usize) -> Option<f64> {
        self.values.get(index).copied()
    }

    /// The weights as a slice.
    pub fn as_slice(&self) -> &[f64] {
        #[allow(clippy::expect_used)]
        self.values
            .as_slice()
            .expect("an Array1 built from a Vec is contiguous")
    }

    /// The weights as an ndarray view.
    pub fn view(&self) -> ArrayView1<'_, f64> {
        self.values.view()
    }

    /// Iterates over the weights in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = f64> + '_ {
        self.values.iter().copied()
    }

    /// The weights as a vector.
    pub fn to_vec(&self) -> Vec<f64> {
        self.values.to_vec()
    }
}

fn check_positive(values: &[f64]) -> Result<()> {
    if values.is_empty() {
        return Err(Error::from(ErrorKind::Empty {
            what: Collection::WeightVector,
        }));
    }
    match values
        .iter()
        .enumerate()
        .find(|(_, v)| !(v.is_finite() && **v > 0.0))
    {
        Some((index, &value)) => Err(Error::from(ErrorKind::InvalidWeight { index, value })),
        None => Ok(()),
    }
}

impl TryFrom<Vec<f64>> for Weights {
    type Error = Error;

    fn try_from(values: Vec<f64>) -> Result<Self> {
        Self::new(&values)
    }
}

impl From<Weights> for Vec<f64> {
    fn from(weights: Weights) -> Self {
        weights.values.to_vec()
    }
}

impl AbsDiffEq for Weights {
    type Epsilon = f64;

    fn default_epsilon() -> f64 {
        f64::default_epsilon()
    }

    /// Equal length and every weight within `epsilon`.
    fn abs_diff_eq(&self, other: &Self, epsilon: f64) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|(a, b)| a.abs_diff_eq(&b, epsilon))
    }
}

impl RelativeEq for Weights {
    fn default_max_relative() -> f64 {
        f64::default_max_relative()
    }

    /// Equal length and every weight within `epsilon` or `max_relative`.
    fn relative_eq(&self, other: &Self, epsilon: f64, max_relative: f64) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|(a, b)| a.relative_eq(&b, epsilon, max_relative))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_reject_bad_values_with_their_index() {
        assert!(matches!(
            Weights::new(&[0.5, f64::NAN, 0.5]).map_err(Error::into_kind),
            Err(ErrorKind::InvalidWeight { index: 1, value }) if value.is_nan()
        ));
        assert!(matches!(
            Weights::new(&[0.5, -0.1, 0.6]).map_err(Error::into_kind),
            Err(ErrorKind::InvalidWeight { index: 1, .. })
        ));
        assert!(matches!(
            Weights::new(&[]).map_err(Error::into_kind),
            Err(ErrorKind::Empty { .. })
        ));
        assert!(matches!(
            Weights::new(&[0.5, 0.4]).map_err(Error::into_kind),
            Err(ErrorKind::WeightSum { .. })
        ));
    }

    #[test]
    fn unnormalized_extremes_stay_finite() {
        let w = Weights::from_unnormalized(&[f64::MAX, f64::MAX]).unwrap();
        assert_eq!(w.as_slice(), &[0.5, 0.5]);
        assert!(matches!(
            Weights::from_unnormalized(&[f64::MAX, f64::MIN_POSITIVE]).map_err(Error::into_kind),
            Err(ErrorKind::InvalidWeight { index: 1, .. })
        ));
    }
}
