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
/// matrix after matrix. The matrices are taken in blocks of 1,024, each block's CIs summed by
/// Welford's method and the blocks combined in order by Chan, Golub & LeVeque's update. So a
/// seed gives the same figure on every platform, with or without the `rayon` feature (which
/// computes the blocks on all cores) and whatever the number of threads, in every version of
/// this crate that keeps this paragraph.
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
    // Within the limit t² cannot overflow, but the limit is the caller's to raise.
    let entries = t.checked_mul(t).ok_or_else(|| {
        Error::from(ErrorKind::LimitExceeded {
            limit: Limit::MatrixOrder,
            value: order as u64,
            max: limits.matrix_order as u64,
        })
    })?;
    let logs: Vec<f64> = SAATY_SCALE.iter().map(|s| s.ln()).collect();
    let fresh = || CompleteSample {
        // Row by row: `rows[x * t + y]` is b_xy.
        rows: vec![1.0; entries],
        log_rows: vec![0.0; t],
        w: vec![0.0; t],
        scratch: vec![0.0; t],
    };
    let draw = |draws: &mut ScaleDraws, s: &mut CompleteSample| -> Result<f64> {
        s.log_rows.fill(0.0);
        for x in 0..t {
            for y in x + 1..t {
                let i = draws.next_index();
                // Index 16 − i holds the exact reciprocal on the scale (9 ↔ 1/9, …).
                s.rows[x * t + y] = SAATY_SCALE[i];
                s.rows[y * t + x] = SAATY_SCALE[SAATY_SCALE.len() - 1 - i];
                s.log_rows[x] += logs[i];
                s.log_rows[y] -= logs[i];
            }
        }
        // Geometric-mean weights from the row log sums (scaled to avoid overflow).
        let largest = s.log_rows.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for (w, l) in s.w.iter_mut().zip(&s.log_rows) {
            *w = ((l - largest) / t as f64).exp();
        }
        match method {
            WeightingMethod::GeometricMean => {}
            WeightingMethod::ArithmeticMean => {
                // w_x = Σ_y b_xy / c_y with c_y the sum of column y.
                s.scratch.fill(0.0);
                for row in s.rows.chunks_exact(t) {
                    for (c, b) in s.scratch.iter_mut().zip(row) {
                        *c += b;
                    }
                }
                for (w, row) in s.w.iter_mut().zip(s.rows.chunks_exact(t)) {
                    *w = row.iter().zip(&s.scratch).map(|(b, c)| b / c).sum();
                }
            }
            WeightingMethod::Eigenvector => {
                #[allow(clippy::expect_used)]
                let entries = ArrayView2::from_shape((t, t), &s.rows[..])
                    .expect("`rows` holds t·t entries by construction");
                s.w = eigenvector_from(entries, &s.rows, std::mem::take(&mut s.w))?;
            }
        }
        let lambda = kernels::lambda_max(&s.rows, &s.w, &mut s.scratch);
        Ok(consistency_index(lambda, t))
    };
    let running = simulate(seed, t * (t - 1) / 2, samples, fresh, draw)?;
    Ok(running.estimate(order, method))
}

/// The working memory of one complete random matrix, reused from sample to sample.
struct CompleteSample {
    rows: Vec<f64>,
    log_rows: Vec<f64>,
    w: Vec<f64>,
    scratch: Vec<f64>,
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
    let fresh = || vec![None; positions.len()];
    let draw = |draws: &mut ScaleDraws, upper: &mut Vec<Option<f64>>| -> Result<f64> {
        for (entry, &gone) in upper.iter_mut().zip(&absent) {
            let value = SAATY_SCALE[draws.next_index()];
            *entry = (!gone).then_some(value);
        }
        let matrix = IncompleteJudgments::from_upper_triangle(upper)?.complete(completion)?;
        let w = if perron {
            WeightingMethod::Eigenvector.weights(&matrix)?
        } else {
            method.weights(&matrix)?
        };
        let lambda = crate::ahp::lambda_max(&matrix, &w)?.max(t as f64);
        Ok(consistency_index(lambda, t))
    };
    let running = simulate(seed, positions.len(), samples, fresh, draw)?;
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

/// Matrices per block of the simulation. The blocks are fixed by the sample count alone, and
/// their statistics are combined in block order, so the figure does not depend on how many
/// threads computed them.
const SAMPLES_PER_BLOCK: usize = 1024;

/// Runs `sample` once per matrix, each drawing `entries` scale indices from the seed's one
/// stream in order, and returns the statistics of the values it gives.
///
/// Each block starts its own reader of the stream at its first entry. SplitMix64 jumps there
/// in one step, save for the rare rejected draws of Lemire's method (about 1 in 3·10⁹), which
/// shift everything after them by one output: blocks are first read as if no draw before them
/// was rejected, and a block whose guess proves wrong is read again at its true place. The
/// first failing matrix in stream order gives the error, as in one pass.
fn simulate<S, F>(
    seed: u64,
    entries: usize,
    samples: usize,
    fresh: impl Fn() -> S + Sync,
    sample: F,
) -> Result<RunningMean>
where
    F: Fn(&mut ScaleDraws, &mut S) -> Result<f64> + Sync,
{
    let run_block = |block: usize, shift: u64| -> BlockRun {
        let first = block * SAMPLES_PER_BLOCK;
        let count = SAMPLES_PER_BLOCK.min(samples - first);
        let mut draws = ScaleDraws::at(seed, first as u128 * entries as u128, shift);
        let mut state = fresh();
        let mut running = RunningMean::default();
        let outcome = (0..count)
            .try_for_each(|_| {
                running.push(sample(&mut draws, &mut state)?);
                Ok(())
            })
            .map(|()| running);
        BlockRun {
            outcome,
            shift,
            rejections: draws.rejections,
        }
    };
    let blocks = samples.div_ceil(SAMPLES_PER_BLOCK);
    #[cfg(feature = "rayon")]
    let guesses: Vec<BlockRun> = {
        use rayon::prelude::*;
        (0..blocks)
            .into_par_iter()
            .map(|block| run_block(block, 0))
            .collect()
    };
    #[cfg(not(feature = "rayon"))]
    let guesses = std::iter::empty::<BlockRun>();
    let mut guesses = guesses.into_iter();
    let mut total = RunningMean::default();
    let mut shift = 0u64;
    for block in 0..blocks {
        let run = match guesses.next() {
            Some(guess) if guess.shift == shift => guess,
            _ => run_block(block, shift),
        };
        total.merge(&run.outcome?);
        shift += run.rejections;
    }
    Ok(total)
}

/// One block of the simulation, read at an assumed place in the stream.
struct BlockRun {
    outcome: Result<RunningMean>,
    /// The rejected draws assumed before the block.
    shift: u64,
    /// The rejected draws among those the block started.
    rejections: u64,
}

/// Welford's running mean and sum of squared deviations of the simulated CIs.
#[derive(Debug, Default)]
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

    /// Adds the values `other` summarizes (Chan, Golub & LeVeque's pairwise update).
    fn merge(&mut self, other: &Self) {
        if other.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = Self { ..*other };
            return;
        }
        let count = self.count + other.count;
        let delta = other.mean - self.mean;
        let share = other.count as f64 / count as f64;
        self.mean += delta * share;
        self.m2 += other.m2 + delta * delta * self.count as f64 * share;
        self.count = count;
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
    /// Outputs of the generator rejected by the draws this reader started.
    rejections: u64,
}

impl ScaleDraws {
    /// 17⁸: eight independent uniform digits in base 17, exactly.
    const BLOCK: u64 = 17u64.pow(8);

    #[cfg(test)]
    fn new(seed: u64) -> Self {
        Self::at(seed, 0, 0)
    }

    /// A reader of the stream from its entry `entry` on, assuming `shift` rejected outputs
    /// before the draw that holds it.
    fn at(seed: u64, entry: u128, shift: u64) -> Self {
        // The generator's state wraps modulo 2⁶⁴, so the draw's place may too.
        let draw = (entry / 8) as u64;
        let digit = (entry % 8) as u32;
        let mut reader = Self {
            rng: SplitMix64::skipped(seed, draw.wrapping_add(shift)),
            pending: 0,
            left: 0,
            rejections: 0,
        };
        if digit > 0 {
            // A draw begun by the block before: its rejections were counted there.
            reader.pending = reader.rng.below_counting(Self::BLOCK).0 / 17u64.pow(digit);
            reader.left = 8 - digit;
        }
        reader
    }

    fn next_index(&mut self) -> usize {
        if self.left == 0 {
            let (value, rejected) = self.rng.below_counting(Self::BLOCK);
            self.pending = value;
            self.rejections += rejected;
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

    /// A seed whose generator gives 0, which Lemire's draw below 17⁸ rejects, as its output
    /// number `k` (from 0): SplitMix64's output is 0 exactly when its state is.
    fn rejecting_at(k: u64) -> u64 {
        (k + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_neg()
    }

    fn sequential_indices(seed: u64, count: usize) -> (Vec<usize>, u64) {
        let mut draws = ScaleDraws::new(seed);
        let indices = (0..count).map(|_| draws.next_index()).collect();
        (indices, draws.rejections)
    }

    #[test]
    fn a_reader_placed_anywhere_continues_the_one_stream() {
        for k in [0, 3, 10] {
            let seed = rejecting_at(k);
            let (stream, rejections) = sequential_indices(seed, 200);
            assert_eq!(rejections, 1, "the output {k} is rejected");
            for entry in 0..150 {
                let draw = entry as u64 / 8;
                // Outputs rejected before the reader's first: the draw's own retry counts
                // when the reader picks up a draw begun before it.
                let shift = u64::from(draw > k || (draw == k && entry % 8 > 0));
                let mut reader = ScaleDraws::at(seed, entry as u128, shift);
                let read: Vec<usize> = (0..50).map(|_| reader.next_index()).collect();
                assert_eq!(
                    read,
                    stream[entry..entry + 50],
                    "seed {seed}, entry {entry}"
                );
                // The draws it began itself hold its count of rejections.
                let first_begun = if entry % 8 == 0 { draw } else { draw + 1 };
                let last = (entry as u64 + 49) / 8;
                let began_the_rejected = (first_begun..=last).contains(&k);
                assert_eq!(reader.rejections, u64::from(began_the_rejected));
            }
        }
    }

    /// `simulate` equals one pass over the stream, its values summed block by block, also when
    /// a rejection early in the stream moves every later block (the guessed places are wrong).
    #[test]
    fn blocks_give_the_statistics_of_one_pass() {
        // A value that tells every matrix's entries apart, exactly representable.
        let fingerprint = |indices: &[usize]| {
            indices
                .iter()
                .fold(0u64, |h, &i| (h ^ i as u64).wrapping_mul(0x0100_0000_01b3))
                >> 11
        };
        let entries = 10;
        let samples = 3 * SAMPLES_PER_BLOCK + 17;
        for seed in [rejecting_at(5), rejecting_at(1300), rejecting_at(2000), 99] {
            let (stream, _) = sequential_indices(seed, entries * samples);
            let mut expected = RunningMean::default();
            for block in stream.chunks(entries * SAMPLES_PER_BLOCK) {
                let mut running = RunningMean::default();
                for matrix in block.chunks(entries) {
                    running.push(fingerprint(matrix) as f64);
                }
                expected.merge(&running);
            }
            let got = simulate(seed, entries, samples, Vec::new, |draws, indices| {
                indices.clear();
                indices.extend((0..entries).map(|_| draws.next_index()));
                Ok(fingerprint(indices) as f64)
            })
            .unwrap();
            assert_eq!(got.count, expected.count);
            assert_eq!(got.mean.to_bits(), expected.mean.to_bits(), "seed {seed}");
            assert_eq!(got.m2.to_bits(), expected.m2.to_bits(), "seed {seed}");
        }
    }

    #[test]
    fn the_first_failing_matrix_in_stream_order_gives_the_error() {
        let seed = rejecting_at(700);
        let entries = 4;
        let fingerprint = |indices: &[usize]| indices.iter().fold(0, |h, &i| h * 17 + i);
        // Every block fails at its own matrix 3: the error must be the first block's.
        let got = simulate(
            seed,
            entries,
            5 * SAMPLES_PER_BLOCK,
            || 0usize,
            |draws, n| {
                *n += 1;
                let matrix: Vec<usize> = (0..entries).map(|_| draws.next_index()).collect();
                if *n == 3 {
                    Err(Error::from(ErrorKind::TooFewSamples {
                        samples: fingerprint(&matrix),
                    }))
                } else {
                    Ok(0.0)
                }
            },
        )
        .unwrap_err();
        let (stream, _) = sequential_indices(seed, 3 * entries);
        let third = fingerprint(&stream[2 * entries..]);
        assert_eq!(got.kind(), &ErrorKind::TooFewSamples { samples: third });
    }

    /// Merging block statistics agrees with one Welford pass to rounding (the values here
    /// are small integers, whose sums are exact, so the two agree to a few ulps).
    #[test]
    fn merged_statistics_equal_one_pass() {
        let values: Vec<f64> = (0..5000).map(|i| ((i * 7919) % 101) as f64).collect();
        let mut one = RunningMean::default();
        values.iter().for_each(|&v| one.push(v));
        let mut merged = RunningMean::default();
        for block in values.chunks(333) {
            let mut part = RunningMean::default();
            block.iter().for_each(|&v| part.push(v));
            merged.merge(&part);
        }
        assert_eq!(merged.count, one.count);
        approx::assert_relative_eq!(merged.mean, one.mean, max_relative = 1e-13);
        approx::assert_relative_eq!(merged.m2, one.m2, max_relative = 1e-12);
    }

    #[cfg(feature = "rayon")]
    #[test]
    fn the_figure_is_the_same_for_any_number_of_threads() {
        let run = |threads: usize, method: WeightingMethod| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| simulate_random_index(6, 5_000, 21, method).unwrap())
        };
        for method in [WeightingMethod::GeometricMean, WeightingMethod::Eigenvector] {
            let one = run(1, method);
            for threads in [2, 3, 8] {
                assert_eq!(run(threads, method), one, "{threads} threads, {method:?}");
            }
        }
        let incomplete = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| {
                    simulate_incomplete_random_index(
                        5,
                        &[(0, 1)],
                        CompletionMethod::Harker,
                        false,
                        3_000,
                        4,
                    )
                    .unwrap()
                })
        };
        assert_eq!(incomplete(1), incomplete(5));
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
