//! Estimating random indices by simulation, reproducibly.

use crate::random::SplitMix64;
use ndarray::ArrayView2;

use crate::ahp::eigen::eigenvector_from;
use crate::ahp::incomplete::upper_positions;
use crate::ahp::kernels;
use crate::ahp::SAATY_SCALE;
use crate::ahp::{CompletionMethod, IncompleteJudgments, WeightingMethod};
use crate::error::{Error, ErrorKind, Limit, Result};
use crate::limits::Limits;

/// A simulated random index: the mean CI of random reciprocal matrices of one order.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RandomIndexEstimate {
    /// The matrix order t.
    pub order: usize,
    /// How many matrices were drawn.
    pub samples: usize,
    /// How λmax was obtained: from the eigenvector (Saaty's definition) or another method's
    /// weights through λmax = (1/t) Σ (BW)_x / W_x.
    pub method: WeightingMethod,
    /// The estimate: the mean of CI = (λmax − t)/(t − 1) over the samples.
    pub ri: f64,
    /// Its standard error, sd / √samples (n − 1 denominator).
    pub standard_error: f64,
}

/// Estimates RI for order `order` from `samples` random reciprocal matrices whose upper
/// entries are drawn independently and uniformly from the 17 values of Saaty's scale
/// 1/9, 1/8, …, 1, …, 8, 9 (the lower triangle holds their reciprocals).
///
/// The stream is fixed by `seed` alone: SplitMix64 (Steele, Lea & Flood, 2014) gives, by
/// Lemire's unbiased bounded draw, a number below 17⁸ whose eight base-17 digits, least
/// significant first, index the scale for the next eight upper entries, taken in row order,
/// matrix after matrix. So a seed gives the same figure on every platform and in every version
/// of this crate that keeps this paragraph.
///
/// ```
/// use ahp_fce::{simulate_random_index, WeightingMethod};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let estimate = simulate_random_index(5, 20_000, 7, WeightingMethod::Eigenvector)?;
/// // Published tables give 1.06 to 1.17 at order 5 (Donegan & Dodd; Gupta's paper).
/// assert!((1.0..1.2).contains(&estimate.ri));
/// assert!(estimate.standard_error < 0.01);
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// [`ErrorKind::LimitExceeded`] for an order beyond [`Limits::default`]'s 1,000;
/// [`ErrorKind::TooFewSamples`] for fewer than 2 samples; [`ErrorKind::ZeroOrder`] for order 0; a matrix
/// whose eigenvector cannot be certified (not seen on Saaty's scale) gives
/// [`ErrorKind::EigenvectorNotConverged`].
pub fn simulate_random_index(
    order: usize,
    samples: usize,
    seed: u64,
    method: WeightingMethod,
) -> Result<RandomIndexEstimate> {
    simulate_random_index_with_limits(order, samples, seed, method, &Limits::default())
}

/// [`simulate_random_index`] with another bound on the order than [`Limits::default`]'s 1,000
/// (each sample holds t² entries and costs t² to t³ operations).
///
/// # Errors
/// As [`simulate_random_index`]; [`ErrorKind::LimitExceeded`] for an order beyond
/// `limits.matrix_order`.
pub fn simulate_random_index_with_limits(
    order: usize,
    samples: usize,
    seed: u64,
    method: WeightingMethod,
    limits: &Limits,
) -> Result<RandomIndexEstimate> {
    limits.check(Limit::MatrixOrder, order as u64)?;
    if samples < 2 {
        return Err(Error::from(ErrorKind::TooFewSamples { samples }));
    }
    if order == 0 {
        return Err(Error::from(ErrorKind::ZeroOrder));
    }
    let t = order;
    let logs: Vec<f64> = SAATY_SCALE.iter().map(|s| s.ln()).collect();
    let mut draws = ScaleDraws::new(seed);
    // Row by row: `rows[x * t + y]` is b_xy.
    // Within the limit t² cannot overflow, but the limit is the caller's to raise.
    let entries = t.checked_mul(t).ok_or_else(|| {
        Error::from(ErrorKind::LimitExceeded {
            limit: Limit::MatrixOrder,
            value: order as u64,
            max: limits.matrix_order as u64,
        })
    })?;
    let mut rows = vec![1.0; entries];
    let mut log_rows = vec![0.0; t];
    let mut w = vec![0.0; t];
    let mut scratch = vec![0.0; t];
    let mut running = RunningMean::default();
    for _ in 0..samples {
        log_rows.fill(0.0);
        for x in 0..t {
            for y in x + 1..t {
                let i = draws.next_index();
                // Index 16 − i holds the exact reciprocal on the scale (9 ↔ 1/9, …).
                rows[x * t + y] = SAATY_SCALE[i];
                rows[y * t + x] = SAATY_SCALE[SAATY_SCALE.len() - 1 - i];
                log_rows[x] += logs[i];
                log_rows[y] -= logs[i];
            }
        }
        // Geometric-mean weights from the row log sums (scaled to avoid overflow).
        let largest = log_rows.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for (w, l) in w.iter_mut().zip(&log_rows) {
            *w = ((l - largest) / t as f64).exp();
        }
        match method {
            WeightingMethod::GeometricMean => {}
            WeightingMethod::ArithmeticMean => {
                // w_x = Σ_y b_xy / c_y with c_y the sum of column y.
                scratch.fill(0.0);
                for row in rows.chunks_exact(t) {
                    for (c, b) in scratch.iter_mut().zip(row) {
                        *c += b;
                    }
                }
                for (w, row) in w.iter_mut().zip(rows.chunks_exact(t)) {
                    *w = row.iter().zip(&scratch).map(|(b, c)| b / c).sum();
                }
            }
            WeightingMethod::Eigenvector => {
                #[allow(clippy::expect_used)]
                let entries = ArrayView2::from_shape((t, t), &rows[..])
                    .expect("`rows` holds t·t entries by construction");
                w = eigenvector_from(entries, &rows, std::mem::take(&mut w))?;
            }
        }
        let lambda = kernels::lambda_max(&rows, &w, &mut scratch);
        running.push(consistency_index(lambda, t));
    }
    Ok(running.estimate(order, method))
}

/// Estimates RI for incomplete matrices of order `order` with the pairs `missing` left out
/// (each `(row, col)` with `row < col`): the mean CI of random matrices drawn as in
/// [`simulate_random_index`] (the same stream, every upper entry drawn), with those pairs
/// removed, completed by `completion` and weighted by that method's own weights (LLSM: the
/// geometric mean of the completed matrix; Harker: its principal eigenvector). λmax is the
/// source paper's formula, or the Perron root when `perron` is true.
///
/// The RI of incomplete matrices depends on how many pairs are missing (it falls as they
/// grow: with only t − 1 pairs every completion is consistent and RI is 0), so the complete
/// tables overstate it; Ágoston & Csató (2022, "Inconsistency thresholds for incomplete
/// pairwise comparison matrices", *Omega* 108) tabulate it for their λmax-optimal
/// completion. This estimate is for the very pattern and method used.
///
/// ```
/// use ahp_fce::{simulate_incomplete_random_index, simulate_random_index, CompletionMethod,
///     WeightingMethod};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let complete = simulate_random_index(5, 4_000, 3, WeightingMethod::GeometricMean)?;
/// let gaps = [(0, 1), (2, 4)];
/// let incomplete = simulate_incomplete_random_index(
///     5, &gaps, CompletionMethod::LogarithmicLeastSquares, false, 4_000, 3)?;
/// assert!(incomplete.ri < complete.ri);
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// As [`simulate_random_index`]; [`ErrorKind::NoSuchJudgment`] for a missing pair outside
/// the upper triangle; [`ErrorKind::DisconnectedJudgments`] when the pairs left connect not
/// every item.
pub fn simulate_incomplete_random_index(
    order: usize,
    missing: &[(usize, usize)],
    completion: CompletionMethod,
    perron: bool,
    samples: usize,
    seed: u64,
) -> Result<RandomIndexEstimate> {
    Limits::default().check(Limit::MatrixOrder, order as u64)?;
    if samples < 2 {
        return Err(Error::from(ErrorKind::TooFewSamples { samples }));
    }
    if order == 0 {
        return Err(Error::from(ErrorKind::ZeroOrder));
    }
    let t = order;
    let mut absent = vec![false; t * (t - 1) / 2];
    let positions: Vec<(usize, usize)> = upper_positions(t).collect();
    for &(row, col) in missing {
        let place = (row < col && col < t)
            .then(|| positions.binary_search(&(row, col)).ok())
            .flatten();
        let Some(place) = place else {
            return Err(Error::from(ErrorKind::NoSuchJudgment {
                row,
                col,
                order: t,
            }));
        };
        absent[place] = true;
    }
    let method = match completion {
        CompletionMethod::LogarithmicLeastSquares => WeightingMethod::GeometricMean,
        CompletionMethod::Harker => WeightingMethod::Eigenvector,
    };
    let mut draws = ScaleDraws::new(seed);
    let mut upper = vec![None; positions.len()];
    let mut running = RunningMean::default();
    for _ in 0..samples {
        for (entry, &gone) in upper.iter_mut().zip(&absent) {
            let value = SAATY_SCALE[draws.next_index()];
            *entry = (!gone).then_some(value);
        }
        let matrix = IncompleteJudgments::from_upper_triangle(&upper)?.complete(completion)?;
        let w = if perron {
            WeightingMethod::Eigenvector.weights(&matrix)?
        } else {
            method.weights(&matrix)?
        };
        let lambda = crate::ahp::lambda_max(&matrix, &w)?.max(t as f64);
        running.push(consistency_index(lambda, t));
    }
    Ok(running.estimate(order, method))
}

/// CI = (λmax − t)/(t − 1); 0 for t = 1.
fn consistency_index(lambda: f64, t: usize) -> f64 {
    if t > 1 {
        (lambda - t as f64) / (t as f64 - 1.0)
    } else {
        0.0
    }
}

/// Welford's running mean and sum of squared deviations of the simulated CIs.
#[derive(Default)]
struct RunningMean {
    count: usize,
    mean: f64,
    m2: f64,
}

impl RunningMean {
    fn push(&mut self, ci: f64) {
        self.count += 1;
        let delta = ci - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (ci - self.mean);
    }

    /// The estimate from at least two values (the callers check).
    fn estimate(&self, order: usize, method: WeightingMethod) -> RandomIndexEstimate {
        let samples = self.count;
        let variance = self.m2 / (samples.max(2) - 1) as f64;
        RandomIndexEstimate {
            order,
            samples,
            method,
            ri: self.mean,
            standard_error: (variance / samples as f64).sqrt(),
        }
    }
}

/// Scale indices 0..17, eight per draw of the generator.
struct ScaleDraws {
    rng: SplitMix64,
    pending: u64,
    left: u32,
}

impl ScaleDraws {
    /// 17⁸: eight independent uniform digits in base 17, exactly.
    const BLOCK: u64 = 17u64.pow(8);

    fn new(seed: u64) -> Self {
        Self {
            rng: SplitMix64::new(seed),
            pending: 0,
            left: 0,
        }
    }

    fn next_index(&mut self) -> usize {
        if self.left == 0 {
            self.pending = self.rng.below(Self::BLOCK);
            self.left = 8;
        }
        let digit = self.pending % 17;
        self.pending /= 17;
        self.left -= 1;
        digit as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_its_reference_stream() {
        // First five outputs for seed 1234567 as listed by Rosetta Code ("Pseudo-random
        // numbers/Splitmix64"), and reproduced by an independent Python implementation.
        let mut rng = SplitMix64::new(1234567);
        let expected = [
            6457827717110365317u64,
            3203168211198807973,
            9817491932198370423,
            4593380528125082431,
            16408922859458223821,
        ];
        for e in expected {
            assert_eq!(rng.next(), e);
        }
    }

    #[test]
    fn scale_indices_cover_the_range_evenly() {
        let mut draws = ScaleDraws::new(42);
        let mut counts = [0u32; 17];
        for _ in 0..170_000 {
            counts[draws.next_index()] += 1;
        }
        // 10 000 expected per value; 5 standard deviations is about ±490.
        assert!(
            counts.iter().all(|&c| (9_500..=10_500).contains(&c)),
            "{counts:?}"
        );
    }
}
