//! How priority weights are derived from a judgment matrix: the geometric mean, the principal
//! eigenvector and the normalized-column mean.

use super::eigen::eigenvector_from;
use super::judgment::JudgmentMatrix;
use super::kernels;
use super::weights::Weights;
use crate::error::Result;

/// How priority weights are derived from a judgment matrix.
///
/// All three agree on a perfectly consistent matrix (b_xy = w_x / w_y gives back w); they
/// differ, slightly, on inconsistent ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum WeightingMethod {
    /// The row geometric mean, as in the source paper (Gupta, section 3.2, formulas 2–4):
    /// M_x = Π_y b_xy, W̄_x = M_x^(1/t), W_x = W̄_x / Σ W̄.
    ///
    /// Computed through logarithms, `W̄_x ∝ exp(mean_y ln b_xy)`, scaled by the largest row,
    /// so it neither overflows nor underflows at any order.
    #[default]
    GeometricMean,
    /// The principal (Perron) right eigenvector, Bw = λmax·w, normalized to sum 1 (Saaty's
    /// original method).
    ///
    /// Power iteration from the geometric-mean weights, first with B⁸ (three squarings; each
    /// step then gains eight steps' worth) and then with B, until the ratios (Bw)_x / w_x agree
    /// to [`crate::tolerance::EIGENVECTOR`] relative (which certifies λmax and Bw = λmax·w to that
    /// accuracy), within [`crate::tolerance::EIGENVECTOR_MAX_ITERATIONS`]; if that is not enough
    /// (extreme judgments, where |λ₂| nears λ₁ in modulus), shifted inverse iteration, at most
    /// [`crate::tolerance::EIGENVECTOR_MAX_INVERSE_STEPS`] steps, whose best result is accepted if
    /// it reaches [`crate::tolerance::EIGENVECTOR_ACCEPTABLE`].
    Eigenvector,
    /// The normalized-column mean: divide each column by its sum, then average each row.
    ArithmeticMean,
}

impl WeightingMethod {
    /// Derives the weights of `matrix` by this method.
    ///
    /// # Errors
    /// [`ErrorKind::EigenvectorNotConverged`](crate::error::ErrorKind::EigenvectorNotConverged) if power iteration does not settle (not seen in
    /// practice: a positive matrix always has a dominant eigenvalue).
    ///
    /// ```
    /// use ahp_fce::{JudgmentMatrix, WeightingMethod};
    /// use approx::assert_relative_eq;
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// // Consistent: 0.6 / 0.3 = 2, 0.6 / 0.1 = 6, 0.3 / 0.1 = 3.
    /// let b = JudgmentMatrix::from_upper_triangle(&[2.0, 6.0, 3.0])?;
    /// for method in [WeightingMethod::GeometricMean, WeightingMethod::Eigenvector,
    ///                WeightingMethod::ArithmeticMean] {
    ///     let w = method.weights(&b)?;
    ///     // 1e-14: a handful of roundings on numbers of size 1.
    ///     assert_relative_eq!(w.as_slice(), &[0.6, 0.3, 0.1][..], max_relative = 1e-14);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn weights(self, matrix: &JudgmentMatrix) -> Result<Weights> {
        match self {
            WeightingMethod::GeometricMean => geometric_mean(matrix),
            WeightingMethod::Eigenvector => principal_eigenvector(matrix),
            WeightingMethod::ArithmeticMean => arithmetic_mean(matrix),
        }
    }

    /// A short human-readable name.
    pub fn name(self) -> &'static str {
        match self {
            WeightingMethod::GeometricMean => "geometric mean",
            WeightingMethod::Eigenvector => "principal eigenvector",
            WeightingMethod::ArithmeticMean => "normalized-column mean",
        }
    }
}

// The shorthand lives here, beside the methods, so that the matrix does not depend on them.
impl JudgmentMatrix {
    /// Priority weights by the given method; shorthand for [`WeightingMethod::weights`].
    ///
    /// # Errors
    /// As [`WeightingMethod::weights`].
    pub fn weights(&self, method: WeightingMethod) -> Result<Weights> {
        method.weights(self)
    }
}

fn geometric_mean(matrix: &JudgmentMatrix) -> Result<Weights> {
    let t = matrix.order();
    let mut logs = vec![0.0; t];
    kernels::row_products(matrix.rows(), &mut logs);
    for (x, log) in logs.iter_mut().enumerate() {
        // One logarithm of the row product where the product is representable (always on
        // Saaty's scale up to order 300); a sum of logarithms where it would overflow or
        // underflow.
        *log = if log.is_normal() {
            log.ln()
        } else {
            matrix.view().row(x).iter().map(|b| b.ln()).sum::<f64>()
        } / t as f64;
    }
    let largest = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    logs.iter_mut().for_each(|l| *l = (*l - largest).exp());
    Weights::normalize(logs)
}

fn principal_eigenvector(matrix: &JudgmentMatrix) -> Result<Weights> {
    let start = geometric_mean(matrix)?.to_vec();
    Weights::normalize(eigenvector_from(matrix.view(), matrix.rows(), start)?)
}

fn arithmetic_mean(matrix: &JudgmentMatrix) -> Result<Weights> {
    let b = matrix.view();
    let column_sums = b.sum_axis(ndarray::Axis(0));
    let means: Vec<f64> = b
        .rows()
        .into_iter()
        .map(|row| {
            row.iter()
                .zip(column_sums.iter())
                .map(|(x, s)| x / s)
                .sum::<f64>()
                / row.len() as f64
        })
        .collect();
    Weights::from_unnormalized(&means)
}

/// The intermediate numbers of the geometric-mean method, named as in the source paper, for
/// checking a hand calculation step by step.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct GeometricMeanSteps {
    /// M_x = Π_y b_xy, the product of row x. Computed directly as the paper does, so it can be
    /// infinite or zero for very large matrices; the weights never are.
    pub row_products: Vec<f64>,
    /// W̄_x = M_x^(1/t), the t-th root of each row product (computed through logarithms).
    pub row_roots: Vec<f64>,
    /// W_x = W̄_x / Σ W̄, the normalized weights.
    pub weights: Weights,
}

impl GeometricMeanSteps {
    /// Works through the geometric-mean method on `matrix`.
    ///
    /// # Errors
    /// None in practice; the `Result` guards the normalization like every weight construction.
    ///
    /// ```
    /// use ahp_fce::{GeometricMeanSteps, JudgmentMatrix};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let steps = GeometricMeanSteps::compute(&JudgmentMatrix::from_upper_triangle(&[4.0])?)?;
    /// assert_eq!(steps.row_products, vec![4.0, 0.25]);
    /// assert_eq!(steps.row_roots, vec![2.0, 0.5]);
    /// assert_eq!(steps.weights.as_slice(), &[0.8, 0.2]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn compute(matrix: &JudgmentMatrix) -> Result<Self> {
        let t = matrix.order() as f64;
        let rows = matrix.view();
        let row_products = rows.rows().into_iter().map(|r| r.product()).collect();
        let row_roots: Vec<f64> = rows
            .rows()
            .into_iter()
            .map(|r| (r.iter().map(|b| b.ln()).sum::<f64>() / t).exp())
            .collect();
        Ok(Self {
            row_products,
            weights: geometric_mean(matrix)?,
            row_roots,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn geometric_mean_does_not_overflow_at_large_order() {
        // 400 items, item 0 preferred 1e90 to every other: Π of row 0 is 1e35910, far past f64.
        let t = 400;
        let mut upper = Vec::new();
        for row in 0..t {
            for _ in row + 1..t {
                upper.push(if row == 0 { 1e90 } else { 1.0 });
            }
        }
        let b = JudgmentMatrix::from_upper_triangle(&upper).unwrap();
        let w = WeightingMethod::GeometricMean.weights(&b).unwrap();
        // By hand: W̄_0 = (1e90)^(399/400), W̄_other = (1e-90)^(1/400); their ratio is 1e90,
        // so w_0 = 1e90 / (1e90 + 399) = 1 − 399e-90 ≈ 1 in f64.
        assert_relative_eq!(w.get(0).unwrap(), 1.0, max_relative = 1e-15);
        assert!(w.iter().all(|x| x > 0.0 && x.is_finite()));
    }
}
