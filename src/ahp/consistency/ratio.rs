//! λmax, the consistency index CI and the consistency ratio CR.

use ndarray::Array1;

use super::RandomIndex;
use crate::ahp::kernels;
use crate::ahp::JudgmentMatrix;
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
    // On the stack for the orders AHP uses.
    let mut small = [0.0; 16];
    let mut large = Vec::new();
    let scratch = if weights.len() <= small.len() {
        &mut small[..weights.len()]
    } else {
        large.resize(weights.len(), 0.0);
        &mut large[..]
    };
    Ok(kernels::lambda_max(
        matrix.rows(),
        weights.as_slice(),
        scratch,
    ))
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

/// How consistency is judged: which random-index table, and the CR threshold.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default)
)]
pub struct ConsistencyOptions {
    /// The random-index table; Saaty (1980) by default.
    pub random_index: RandomIndex,
    /// The CR threshold; 0.1 by default.
    pub threshold: CrThreshold,
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
    /// λmax = (1/t) Σ_x (BW)_x / W_x.
    pub lambda_max: f64,
    /// CI = (λmax − t) / (t − 1); 0 for t = 1. Never below 0: for an exactly reciprocal
    /// matrix and any positive weights Σ_x (BW)_x / W_x = t + Σ_{x<y} (u + 1/u) ≥ t² with
    /// u = b_xy·w_y / w_x, so λmax ≥ t, and a rounding error below that is reported as t.
    pub ci: f64,
    /// The random index of order t from the chosen table (0 for t ≤ 2).
    pub ri: f64,
    /// CR = CI / RI; 0 by convention for t ≤ 2, where every reciprocal matrix is consistent.
    pub cr: f64,
    /// The threshold CR was compared with.
    pub threshold: f64,
    /// Whether CR < threshold (the source paper's formula 6 uses a strict inequality).
    pub acceptable: bool,
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
        let lambda_max = lambda_max(matrix, weights)?.max(t);
        let ci = if order > 1 {
            (lambda_max - t) / (t - 1.0)
        } else {
            0.0
        };
        let (ri, cr) = if order > 2 {
            let ri = options.random_index.value(order)?;
            (ri, ci / ri)
        } else {
            (0.0, 0.0)
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
        Ok(Self {
            order,
            lambda_max,
            ci,
            ri,
            cr,
            threshold,
            acceptable: cr < threshold,
        })
    }
}
