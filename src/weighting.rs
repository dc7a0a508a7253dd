//! Priority weights: the validated [`Weights`] vector and the methods that derive it from a
//! judgment matrix.

use approx::{AbsDiffEq, RelativeEq};
use ndarray::{Array1, Array2, ArrayView1, ArrayView2};

use crate::dense;
use crate::error::{Error, Result};
use crate::judgment::JudgmentMatrix;
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
    /// [`Error::Empty`]; [`Error::InvalidWeight`] for a non-finite, zero or negative weight;
    /// [`Error::WeightSum`] when the sum is off by more than [`tolerance::WEIGHT_SUM`].
    pub fn new(values: &[f64]) -> Result<Self> {
        check_positive(values)?;
        let sum: f64 = values.iter().sum();
        if !((sum - 1.0).abs() <= tolerance::WEIGHT_SUM) {
            return Err(Error::WeightSum {
                sum,
                tolerance: tolerance::WEIGHT_SUM,
            });
        }
        Self::from_unnormalized(values)
    }

    /// Normalizes positive scores (any scale) into weights: `w_x = v_x / Σ v`.
    ///
    /// # Errors
    /// [`Error::Empty`]; [`Error::InvalidWeight`] for a non-finite, zero or negative value, or
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
            return Err(Error::InvalidWeight { index, value });
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
        // An Array1 built by collect or to_owned is contiguous in standard order.
        self.values.as_slice().unwrap_or(&[])
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
        return Err(Error::Empty {
            what: "weight vector",
        });
    }
    match values
        .iter()
        .enumerate()
        .find(|(_, v)| !(v.is_finite() && **v > 0.0))
    {
        Some((index, &value)) => Err(Error::InvalidWeight { index, value }),
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
    /// to [`tolerance::EIGENVECTOR`] relative (which certifies λmax and Bw = λmax·w to that
    /// accuracy), within [`tolerance::EIGENVECTOR_MAX_ITERATIONS`]; if that is not enough
    /// (extreme judgments, where |λ₂| nears λ₁ in modulus), shifted inverse iteration, at most
    /// [`tolerance::EIGENVECTOR_MAX_INVERSE_STEPS`] steps, whose best result is accepted if
    /// it reaches [`tolerance::EIGENVECTOR_ACCEPTABLE`].
    Eigenvector,
    /// The normalized-column mean: divide each column by its sum, then average each row.
    ArithmeticMean,
}

impl WeightingMethod {
    /// Derives the weights of `matrix` by this method.
    ///
    /// # Errors
    /// [`Error::EigenvectorNotConverged`] if power iteration does not settle (not seen in
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

fn geometric_mean(matrix: &JudgmentMatrix) -> Result<Weights> {
    let t = matrix.order();
    let mut logs = vec![0.0; t];
    dense::row_products(matrix.rows(), &mut logs);
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

/// The principal eigenvector of B (given as a view and as its contiguous rows) from a positive
/// start, certified to [`tolerance::EIGENVECTOR`] (or, failing that, to
/// [`tolerance::EIGENVECTOR_ACCEPTABLE`]).
pub(crate) fn eigenvector_from(
    b: ArrayView2<'_, f64>,
    rows: &[f64],
    start: Vec<f64>,
) -> Result<Vec<f64>> {
    let mut w = start;
    let mut bw = vec![0.0; w.len()];
    // One step certifies nearly consistent matrices at once.
    if power_iteration(rows, &mut w, &mut bw, 1) <= tolerance::EIGENVECTOR {
        return Ok(w);
    }
    if let Some(certified) = squared_power_iteration(rows, &w, &mut bw) {
        return Ok(certified);
    }
    // Power iteration: componentwise accurate, and quick for judgments on any practical scale.
    let spread = power_iteration(rows, &mut w, &mut bw, tolerance::EIGENVECTOR_MAX_ITERATIONS);
    if spread <= tolerance::EIGENVECTOR {
        return Ok(w);
    }
    // When |λ₂| is close to λ₁ in modulus (extreme judgments), power iteration crawls; inverse
    // iteration converges by |λ₁ − σ| / |λ₂ − σ| however close |λ₂| is to λ₁. Rounding can
    // hold the smallest weights of extreme matrices just above the target.
    let (spread, best) = inverse_iteration(b, &w, spread, tolerance::EIGENVECTOR_MAX_INVERSE_STEPS);
    if spread <= tolerance::EIGENVECTOR_ACCEPTABLE {
        return Ok(best);
    }
    Err(Error::EigenvectorNotConverged {
        iterations: tolerance::EIGENVECTOR_MAX_ITERATIONS,
        inverse_steps: tolerance::EIGENVECTOR_MAX_INVERSE_STEPS,
        spread,
        tolerance: tolerance::EIGENVECTOR,
    })
}

/// Squarings of B before [`squared_power_iteration`] iterates, and its step limit.
const SQUARINGS: usize = 3;
const SQUARED_STEPS: usize = 12;

/// Power iteration with B⁸ = ((B²)²)²: each step shrinks the error by |λ₂/λ₁|⁸, so a random
/// 9×9 matrix (|λ₂/λ₁| ≈ 0.5) certifies in about five steps instead of forty, for the price of
/// three matrix products. Every candidate is certified against B itself; `None` when none is
/// within [`tolerance::EIGENVECTOR`] (or the powers leave the range of `f64`), and the caller
/// falls back to plain power iteration.
fn squared_power_iteration(rows: &[f64], start: &[f64], scratch: &mut [f64]) -> Option<Vec<f64>> {
    let t = start.len();
    let mut power = rows.to_vec();
    let mut product = vec![0.0; t * t];
    for _ in 0..SQUARINGS {
        dense::mat_mul(&power, &power, t, &mut product);
        // Rescaled by the largest entry so that high powers stay finite.
        let largest = product.iter().copied().fold(0.0, f64::max);
        if !(largest.is_finite() && largest > 0.0) {
            return None;
        }
        let inverse = 1.0 / largest;
        for (p, q) in power.iter_mut().zip(&product) {
            *p = q * inverse;
        }
    }
    let mut w = start.to_vec();
    let mut next = vec![0.0; t];
    for step in 0..SQUARED_STEPS {
        dense::mat_vec(&power, &w, &mut next);
        let sum: f64 = next.iter().sum();
        if !(sum.is_finite() && sum > 0.0) || next.iter().any(|x| !(*x > 0.0)) {
            return None;
        }
        for (x, n) in w.iter_mut().zip(&next) {
            *x = n / sum;
        }
        // From a spread near 1e-2 the first two steps cannot reach 1e-12: skip their checks.
        if step < 2 {
            continue;
        }
        dense::mat_vec(rows, &w, scratch);
        let (mut low, mut high) = (f64::INFINITY, 0.0f64);
        for (&s, &x) in scratch.iter().zip(&w) {
            let ratio = s / x;
            low = low.min(ratio);
            high = high.max(ratio);
        }
        if high / low - 1.0 <= tolerance::EIGENVECTOR {
            return Some(w);
        }
    }
    None
}

/// Shifted inverse iteration from `start` (whose spread is `start_spread`), at most `steps`
/// steps, each with the shift σ = max_x (Bw)_x / w_x ≥ λ₁. Returns the smallest
/// Collatz–Wielandt spread reached and its (normalized) vector.
fn inverse_iteration(
    b: ArrayView2<'_, f64>,
    start: &[f64],
    start_spread: f64,
    steps: usize,
) -> (f64, Vec<f64>) {
    let mut w = Array1::from(start.to_vec());
    let mut best = (start_spread, start.to_vec());
    for _ in 0..steps {
        let bw = b.dot(&w);
        let shift = bw
            .iter()
            .zip(w.iter())
            .map(|(s, x)| s / x)
            .fold(0.0, f64::max);
        let mut shifted = b.to_owned();
        shifted.diag_mut().mapv_inplace(|d| d - shift);
        let Some(next) = solve(shifted, w.clone()) else {
            break;
        };
        let next = normalized(next);
        if !next.iter().all(|x| *x > 0.0) {
            break;
        }
        let spread = collatz_wielandt_spread(&b.dot(&next), &next);
        if spread < best.0 {
            best = (spread, next.to_vec());
        }
        if spread <= tolerance::EIGENVECTOR {
            break;
        }
        w = next;
    }
    best
}

/// Power iteration on B, given row by row (`rows[x * t + y]` = b_xy), from `w`
/// (positive, any scale), at most `steps` steps, stopping once the Collatz–Wielandt spread
/// of (Bw)_x / w_x is within [`tolerance::EIGENVECTOR`]. Leaves the last iterate, normalized,
/// in `w` and returns its spread; `bw` is scratch of the same length. Allocates nothing.
pub(crate) fn power_iteration(rows: &[f64], w: &mut [f64], bw: &mut [f64], steps: usize) -> f64 {
    let mut spread = f64::INFINITY;
    for step in 0..steps {
        dense::mat_vec(rows, w, bw);
        let sum: f64 = bw.iter().sum();
        // The ratios cost a division each, as much as the product itself at small orders:
        // look at them every third step (and at the last), which delays the stop by at most
        // two cheap steps.
        if step % 3 == 0 || step + 1 == steps {
            let (mut low, mut high) = (f64::INFINITY, 0.0f64);
            for (&s, &x) in bw.iter().zip(w.iter()) {
                let ratio = s / x;
                low = low.min(ratio);
                high = high.max(ratio);
            }
            spread = high / low - 1.0;
            if spread.is_nan() {
                return f64::INFINITY;
            }
            if spread <= tolerance::EIGENVECTOR {
                let total: f64 = w.iter().sum();
                w.iter_mut().for_each(|x| *x /= total);
                return spread;
            }
        }
        let inverse = 1.0 / sum;
        for (x, s) in w.iter_mut().zip(bw.iter()) {
            *x = s * inverse;
        }
    }
    spread
}

/// Solves A·x = y by Gaussian elimination with partial pivoting. A pivot that is exactly zero
/// (the shift hit λ₁ on the nose) is nudged to a rounding-sized value, as inverse iteration
/// only needs the direction of x. `None` if anything comes out non-finite.
fn solve(mut a: Array2<f64>, mut y: Array1<f64>) -> Option<Array1<f64>> {
    let n = y.len();
    let nudge = f64::EPSILON * a.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    for k in 0..n {
        let pivot_row = (k..n).max_by(|&i, &j| a[[i, k]].abs().total_cmp(&a[[j, k]].abs()))?;
        if pivot_row != k {
            for c in 0..n {
                a.swap([k, c], [pivot_row, c]);
            }
            y.swap(k, pivot_row);
        }
        if a[[k, k]] == 0.0 {
            a[[k, k]] = nudge.max(f64::MIN_POSITIVE);
        }
        for i in k + 1..n {
            let factor = a[[i, k]] / a[[k, k]];
            for c in k..n {
                a[[i, c]] -= factor * a[[k, c]];
            }
            y[i] -= factor * y[k];
        }
    }
    let mut x = Array1::zeros(n);
    for k in (0..n).rev() {
        let tail: f64 = (k + 1..n).map(|c| a[[k, c]] * x[c]).sum();
        x[k] = (y[k] - tail) / a[[k, k]];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

fn normalized(v: Array1<f64>) -> Array1<f64> {
    let sum = v.sum();
    v / sum
}

/// max_x r_x / min_x r_x − 1 for r_x = (Bw)_x / w_x. By the Collatz–Wielandt bounds λmax lies
/// between min r and max r, so a small spread certifies both λmax and Bw = λmax·w. NaN (from
/// an underflowed component) counts as no convergence.
fn collatz_wielandt_spread(bw: &Array1<f64>, w: &Array1<f64>) -> f64 {
    let (low, high) = bw
        .iter()
        .zip(w.iter())
        .map(|(s, x)| s / x)
        .fold((f64::INFINITY, 0.0f64), |(low, high), r| {
            (low.min(r), high.max(r))
        });
    let spread = high / low - 1.0;
    if spread.is_nan() {
        f64::INFINITY
    } else {
        spread
    }
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    fn weights_reject_bad_values_with_their_index() {
        assert!(matches!(
            Weights::new(&[0.5, f64::NAN, 0.5]),
            Err(Error::InvalidWeight { index: 1, value }) if value.is_nan()
        ));
        assert!(matches!(
            Weights::new(&[0.5, -0.1, 0.6]),
            Err(Error::InvalidWeight { index: 1, .. })
        ));
        assert!(matches!(Weights::new(&[]), Err(Error::Empty { .. })));
        assert!(matches!(
            Weights::new(&[0.5, 0.4]),
            Err(Error::WeightSum { .. })
        ));
    }

    #[test]
    fn unnormalized_extremes_stay_finite() {
        let w = Weights::from_unnormalized(&[f64::MAX, f64::MAX]).unwrap();
        assert_eq!(w.as_slice(), &[0.5, 0.5]);
        assert!(matches!(
            Weights::from_unnormalized(&[f64::MAX, f64::MIN_POSITIVE]),
            Err(Error::InvalidWeight { index: 1, .. })
        ));
    }

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
