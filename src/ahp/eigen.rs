//! The principal eigenvector of a positive matrix, certified by the Collatz–Wielandt bounds.

use ndarray::{Array1, Array2, ArrayView2};

use super::kernels;
use crate::error::{Error, ErrorKind, Result};
use crate::tolerance;

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
    Err(Error::from(ErrorKind::EigenvectorNotConverged {
        iterations: tolerance::EIGENVECTOR_MAX_ITERATIONS,
        inverse_steps: tolerance::EIGENVECTOR_MAX_INVERSE_STEPS,
        spread,
        tolerance: tolerance::EIGENVECTOR,
    }))
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
        kernels::mat_mul(&power, &power, t, &mut product);
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
        kernels::mat_vec(&power, &w, &mut next);
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
        kernels::mat_vec(rows, &w, scratch);
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
        kernels::mat_vec(rows, w, bw);
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
