//! How sure the result is: Monte Carlo over the judgments (and the votes) of a whole model.
//!
//! Every draw perturbs every judgment given — by a log-normal factor, or by a step up or down
//! Saaty's scale with a given probability — and, optionally, resamples every vote row from
//! the multinomial of its observed shares; the model is then analysed and evaluated again.
//! Over the draws the result gives each item's probability of every rank, each object's
//! probability of every verdict grade, the 5/50/95 % quantiles of every score, and the
//! distribution of every matrix's CR.
//!
//! Draw k uses a random stream of its own, derived from the seed and k alone, so a run
//! reproduces on every platform, and with the `rayon` feature (draws split across threads) it
//! gives exactly the single-threaded result. With no noise (zero spread or probability, and
//! votes fixed) every draw is the deterministic result, bit for bit.

use crate::ahp::{IncompleteJudgments, JudgmentMatrix, Panel, SAATY_SCALE};
use crate::error::{Error, ErrorKind, Result};
use crate::random::SplitMix64;

/// The most draws a run may ask for.
pub const MAX_DRAWS: usize = 1_000_000;

/// The most numbers a run keeps over all its draws (draws × what each keeps): 800 MB.
pub const MAX_KEPT: u64 = 100_000_000;

/// How each judgment is perturbed in a draw.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum JudgmentNoise {
    /// Judgments as given.
    #[default]
    None,
    /// b · exp(σ·Z) with Z standard normal and the reciprocal kept exact; σ ≥ 0 is the spread
    /// of ln b (0.2: a judgment of 3 lands within 2–4.5 about 95 % of the time).
    LogNormal(f64),
    /// With this probability a judgment moves one step along Saaty's 1/9 … 9 scale, up or
    /// down with equal chance (held at the ends); a value between steps moves to the step on
    /// that side of it.
    ScaleStep(f64),
}

/// Whether vote rows are resampled in a draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum VoteNoise {
    /// Votes as given.
    #[default]
    Fixed,
    /// Each row of votes redrawn from the multinomial of its observed shares, with the same
    /// number of experts.
    Multinomial,
}

/// A Monte Carlo run: how many draws, the seed, and what is perturbed.
///
/// ```
/// use ahp_fce::uncertainty::{JudgmentNoise, MonteCarlo};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let run = MonteCarlo::new(10_000, 42)?.with_judgments(JudgmentNoise::LogNormal(0.2))?;
/// assert_eq!(run.draws(), 10_000);
/// assert!(MonteCarlo::new(0, 1).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MonteCarlo {
    draws: usize,
    seed: u64,
    judgments: JudgmentNoise,
    votes: VoteNoise,
}

impl MonteCarlo {
    /// `draws` draws from `seed`, with nothing perturbed yet.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidDraws`] unless 1 ≤ draws ≤ [`MAX_DRAWS`].
    pub fn new(draws: usize, seed: u64) -> Result<Self> {
        if draws == 0 || draws > MAX_DRAWS {
            return Err(Error::from(ErrorKind::InvalidDraws {
                draws,
                max: MAX_DRAWS,
            }));
        }
        Ok(Self {
            draws,
            seed,
            judgments: JudgmentNoise::None,
            votes: VoteNoise::Fixed,
        })
    }

    /// This run with judgments perturbed by `noise`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidNoise`] for a spread that is negative or not finite, or a
    /// probability outside [0, 1].
    pub fn with_judgments(mut self, noise: JudgmentNoise) -> Result<Self> {
        let valid = match noise {
            JudgmentNoise::None => true,
            JudgmentNoise::LogNormal(sigma) => sigma.is_finite() && sigma >= 0.0,
            JudgmentNoise::ScaleStep(p) => (0.0..=1.0).contains(&p),
        };
        if !valid {
            return Err(Error::from(ErrorKind::InvalidNoise {
                noise: format!("{noise:?}"),
            }));
        }
        self.judgments = noise;
        Ok(self)
    }

    /// This run with vote rows resampled or fixed.
    pub fn with_votes(mut self, votes: VoteNoise) -> Self {
        self.votes = votes;
        self
    }

    /// The number of draws.
    pub fn draws(&self) -> usize {
        self.draws
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// How judgments are perturbed.
    pub fn judgments(&self) -> JudgmentNoise {
        self.judgments
    }

    /// How votes are perturbed.
    pub fn votes(&self) -> VoteNoise {
        self.votes
    }

    /// The run in words, as reports state it.
    pub fn describe(&self) -> String {
        let judgments = match self.judgments {
            JudgmentNoise::None => "judgments as given".to_owned(),
            JudgmentNoise::LogNormal(s) => format!("judgments × a log-normal factor (σ = {s})"),
            JudgmentNoise::ScaleStep(p) => {
                format!("judgments one step along Saaty's scale with probability {p}")
            }
        };
        let votes = match self.votes {
            VoteNoise::Fixed => "votes as given",
            VoteNoise::Multinomial => "votes resampled from their multinomial",
        };
        format!(
            "{} draws, seed {}: {judgments}; {votes}",
            self.draws, self.seed
        )
    }
}

/// The 5 %, 50 % and 95 % quantiles of a sample (linear interpolation between order
/// statistics, Hyndman & Fan's type 7, as R and numpy compute them by default).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Quantiles {
    /// The 5 % quantile.
    pub p5: f64,
    /// The median.
    pub p50: f64,
    /// The 95 % quantile.
    pub p95: f64,
}

impl Quantiles {
    /// The quantiles of `values` (sorted here); `None` when empty.
    pub fn of(values: &mut [f64]) -> Option<Self> {
        if values.is_empty() {
            return None;
        }
        values.sort_by(f64::total_cmp);
        let at = |q: f64| {
            let h = (values.len() - 1) as f64 * q;
            let (lo, frac) = (h.floor() as usize, h - h.floor());
            let hi = (lo + 1).min(values.len() - 1);
            values[lo] + frac * (values[hi] - values[lo])
        };
        Some(Self {
            p5: at(0.05),
            p50: at(0.5),
            p95: at(0.95),
        })
    }
}

/// One matrix's consistency over the draws.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MatrixUncertainty {
    /// The node whose judgments these are (for alternatives, `… (alternatives)`).
    pub matrix: String,
    /// Quantiles of CR.
    pub cr: Quantiles,
    /// The share of draws in which the matrix is acceptable.
    pub acceptable: f64,
}

/// What a Monte Carlo run found.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Uncertainty {
    /// The run, in words.
    pub run: String,
    /// The items ranked: the alternatives, or else the objects.
    pub items: Vec<String>,
    /// `rank_probabilities[i][r]`: the share of draws in which item i has rank r + 1 (tied
    /// items share the better rank).
    pub rank_probabilities: Vec<Vec<f64>>,
    /// Each item's score (an alternative's overall priority, an object's score) over the
    /// draws; empty for objects without grade scores.
    pub scores: Vec<Quantiles>,
    /// The grades, when objects are evaluated.
    pub grades: Vec<String>,
    /// `verdict_probabilities[o][h]`: the share of draws in which object o's verdict is grade
    /// h; empty without objects.
    pub verdict_probabilities: Vec<Vec<f64>>,
    /// Every judged matrix's CR over the draws, in pre-order (the alternatives' last).
    pub matrices: Vec<MatrixUncertainty>,
}

/// `matrix` with every judgment given perturbed by `noise`; a completed matrix is completed
/// again, by its own method, from its perturbed given judgments.
// Used by model files' runs only.
#[cfg_attr(not(feature = "model"), allow(dead_code))]
pub(crate) fn perturbed_matrix(
    matrix: &JudgmentMatrix,
    noise: JudgmentNoise,
    rng: &mut SplitMix64,
) -> Result<JudgmentMatrix> {
    if noise == JudgmentNoise::None {
        return Ok(matrix.clone());
    }
    let t = matrix.order();
    let completion = matrix.completion();
    let mut upper = Vec::with_capacity(t * t.saturating_sub(1) / 2);
    for x in 0..t {
        for y in x + 1..t {
            let given = completion.is_none_or(|c| !c.is_filled(x, y));
            upper.push(match matrix.get(x, y) {
                Some(b) if given => Some(perturbed(b, noise, rng)),
                _ => None,
            });
        }
    }
    match completion {
        None => {
            let upper: Vec<f64> = upper.into_iter().flatten().collect();
            JudgmentMatrix::from_upper_triangle(&upper)
        }
        Some(c) => IncompleteJudgments::from_upper_triangle(&upper)?.complete(c.method),
    }
}

/// `panel` with every expert's judgments perturbed.
// Used by model files' runs only.
#[cfg_attr(not(feature = "model"), allow(dead_code))]
pub(crate) fn perturbed_panel(
    panel: &Panel,
    noise: JudgmentNoise,
    rng: &mut SplitMix64,
) -> Result<Panel> {
    if noise == JudgmentNoise::None {
        return Ok(panel.clone());
    }
    let experts = panel
        .experts()
        .map(|(name, m)| Ok((name.to_owned(), perturbed_matrix(m, noise, rng)?)))
        .collect::<Result<Vec<_>>>()?;
    Panel::new(
        experts,
        panel.expert_weights().map(<[f64]>::to_vec),
        panel.aggregation(),
    )
}

#[cfg_attr(not(feature = "model"), allow(dead_code))]
fn perturbed(b: f64, noise: JudgmentNoise, rng: &mut SplitMix64) -> f64 {
    match noise {
        JudgmentNoise::None => b,
        JudgmentNoise::LogNormal(sigma) => {
            let z = rng.normal();
            // exp(0) is exactly 1: no spread gives the judgment back bit for bit.
            b * (sigma * z).exp()
        }
        JudgmentNoise::ScaleStep(p) => {
            let u = rng.unit();
            if u >= p {
                return b;
            }
            let up = u < p / 2.0;
            // The steps on either side of b (b itself when it is a step).
            let above = SAATY_SCALE.iter().position(|&s| s >= b * (1.0 - 1e-9));
            let below = SAATY_SCALE.iter().rposition(|&s| s <= b * (1.0 + 1e-9));
            let on_step = matches!((above, below), (Some(a), Some(l)) if a == l);
            let last = SAATY_SCALE.len() - 1;
            let k = match (up, above, below) {
                (true, Some(a), _) => (if on_step { a + 1 } else { a }).min(last),
                (true, None, _) => last,
                (false, _, Some(l)) => {
                    if on_step {
                        l.saturating_sub(1)
                    } else {
                        l
                    }
                }
                (false, _, None) => 0,
            };
            SAATY_SCALE[k]
        }
    }
}

/// A row of votes redrawn from the multinomial of its shares, with as many experts.
// Used by model files' runs only.
#[cfg_attr(not(feature = "model"), allow(dead_code))]
pub(crate) fn resampled_votes(votes: &[u32], rng: &mut SplitMix64) -> Vec<u32> {
    let experts: u64 = votes.iter().map(|&v| u64::from(v)).sum();
    let mut out = vec![0u32; votes.len()];
    if experts == 0 {
        return out;
    }
    for _ in 0..experts {
        let mut pick = rng.below(experts);
        for (k, &v) in votes.iter().enumerate() {
            if pick < u64::from(v) {
                out[k] += 1;
                break;
            }
            pick -= u64::from(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_move_along_the_scale_and_stop_at_its_ends() {
        let mut rng = SplitMix64::new(7);
        for _ in 0..1000 {
            let b = perturbed(9.0, JudgmentNoise::ScaleStep(1.0), &mut rng);
            assert!(b == 9.0 || b == 8.0, "{b}");
            let c = perturbed(3.0, JudgmentNoise::ScaleStep(1.0), &mut rng);
            assert!(c == 2.0 || c == 4.0, "{c}");
            // Between 2 and 3: up to 3 or down to 2.
            let d = perturbed(2.5, JudgmentNoise::ScaleStep(1.0), &mut rng);
            assert!(d == 2.0 || d == 3.0, "{d}");
        }
        assert_eq!(perturbed(5.0, JudgmentNoise::ScaleStep(0.0), &mut rng), 5.0);
        assert_eq!(perturbed(5.0, JudgmentNoise::LogNormal(0.0), &mut rng), 5.0);
    }

    #[test]
    fn resampled_votes_keep_their_total() {
        let mut rng = SplitMix64::new(3);
        for _ in 0..100 {
            let v = resampled_votes(&[3, 0, 5, 2], &mut rng);
            assert_eq!(v.iter().sum::<u32>(), 10);
            assert_eq!(v[1], 0);
        }
    }

    #[test]
    fn quantiles_interpolate_between_order_statistics() {
        // Type 7 on 1..=21: h = 20 q, so 5 % is 2, the median 11, 95 % 20.
        let mut values: Vec<f64> = (1..=21).rev().map(f64::from).collect();
        let q = Quantiles::of(&mut values).unwrap();
        assert_eq!((q.p5, q.p50, q.p95), (2.0, 11.0, 20.0));
        assert_eq!(Quantiles::of(&mut []), None);
    }
}
