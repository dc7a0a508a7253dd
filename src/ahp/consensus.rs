//! How far a panel's priorities agree: Goepel's AHP consensus indicator.
//!
//! The indicator partitions Shannon entropy (natural logarithm) into its within-expert and
//! between-expert parts (Goepel 2013, "Implementing the analytic hierarchy process as a
//! standard method for multi-criteria decision making in corporate enterprises", Proceedings
//! of the International Symposium on the AHP, Kuala Lumpur; Goepel 2018, "Implementation of an
//! online software tool for the analytic hierarchy process (AHP-OS)", *IJAHP* 10(3), 469–487):
//! - Hα = Σ_k λ_k H(w_k), the mean entropy of the experts' priority vectors w_k;
//! - Hγ = H(Σ_k λ_k w_k), the entropy of their mean;
//! - Hβ = Hγ − Hα ≥ 0, which is 0 exactly when all experts agree;
//! - S* = (e^(−Hβ) − D_α,min / n) / (1 − D_α,min / n), where n is the number of items and
//!   D_α,min = e^(H_α,min) is the diversity of the most concentrated priorities the scale allows,
//!   (M, 1, …, 1) / (n + M − 1) with M = 9 for Saaty's scale.
//!
//! S* is 1 for a panel in full agreement and falls toward 0 as the experts' priorities move
//! apart. With equal expert weights λ this is the indicator AHP-OS computes; with expert
//! weights the means are weighted. Priorities more concentrated than the scale's extreme
//! (possible through chains of extreme judgments) can take it below 0; it is reported as
//! computed.

use super::weights::Weights;
use crate::error::{Collection, Error, ErrorKind, Location, Quantity, Result};

/// The largest judgment of Saaty's scale, M in D_α,min.
pub const CONSENSUS_SCALE_MAX: f64 = 9.0;

/// Goepel's word for a consensus value (his AHP-OS documentation): below 0.5 very low, then
/// low, moderate and high in steps of 0.125, and very high from 0.875.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum ConsensusLevel {
    /// Below 0.5.
    VeryLow,
    /// From 0.5 to below 0.625.
    Low,
    /// From 0.625 to below 0.75.
    Moderate,
    /// From 0.75 to below 0.875.
    High,
    /// From 0.875.
    VeryHigh,
}

impl ConsensusLevel {
    /// The level of a consensus value.
    pub fn of(value: f64) -> Self {
        match value {
            v if v >= 0.875 => ConsensusLevel::VeryHigh,
            v if v >= 0.75 => ConsensusLevel::High,
            v if v >= 0.625 => ConsensusLevel::Moderate,
            v if v >= 0.5 => ConsensusLevel::Low,
            _ => ConsensusLevel::VeryLow,
        }
    }

    /// The level in words.
    pub fn name(self) -> &'static str {
        match self {
            ConsensusLevel::VeryLow => "very low",
            ConsensusLevel::Low => "low",
            ConsensusLevel::Moderate => "moderate",
            ConsensusLevel::High => "high",
            ConsensusLevel::VeryHigh => "very high",
        }
    }
}

/// Goepel's AHP consensus indicator S* of a panel's priorities, with its entropies.
///
/// ```
/// use ahp_fce::{Consensus, Weights};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let same = Weights::new(&[0.6, 0.3, 0.1])?;
/// let agreed = Consensus::of_priorities(&[same.clone(), same], None)?.unwrap();
/// assert_eq!(agreed.value, 1.0);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Consensus {
    /// S*: 1 for full agreement.
    pub value: f64,
    /// Its word.
    pub level: ConsensusLevel,
    /// Hα, the experts' mean entropy.
    pub alpha_entropy: f64,
    /// Hγ, the entropy of their mean priorities.
    pub gamma_entropy: f64,
    /// Hβ = Hγ − Hα.
    pub beta_entropy: f64,
}

impl Consensus {
    /// The consensus of the experts' priority vectors, weighted by `expert_weights` (equal
    /// when `None`); `None` with fewer than two experts or fewer than two items, where there
    /// is nothing to agree on.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`] without vectors; [`ErrorKind::LengthMismatch`] for expert weights
    /// that are not one per vector, or a vector of another length (at [`Location::Expert`]).
    pub fn of_priorities(
        priorities: &[Weights],
        expert_weights: Option<&Weights>,
    ) -> Result<Option<Self>> {
        let Some(first) = priorities.first() else {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::PriorityVectors,
            }));
        };
        let n = first.len();
        if let Some(k) = priorities.iter().position(|w| w.len() != n) {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::ExpertPriorityLength,
                expected: n,
                found: priorities[k].len(),
            })
            .at(Location::Expert(k)));
        }
        let equal = 1.0 / priorities.len() as f64;
        let lambdas: Vec<f64> = match expert_weights {
            Some(w) if w.len() != priorities.len() => {
                return Err(Error::from(ErrorKind::LengthMismatch {
                    what: Quantity::WeightsPerExpert,
                    expected: priorities.len(),
                    found: w.len(),
                }))
            }
            Some(w) => w.to_vec(),
            None => vec![equal; priorities.len()],
        };
        if priorities.len() < 2 || n < 2 {
            return Ok(None);
        }
        let alpha: f64 = priorities
            .iter()
            .zip(&lambdas)
            .map(|(w, l)| l * entropy(w.iter()))
            .sum();
        let mean = (0..n).map(|x| {
            priorities
                .iter()
                .zip(&lambdas)
                .map(|(w, l)| l * w.as_slice()[x])
                .sum::<f64>()
        });
        let gamma = entropy(mean);
        // Hβ ≥ 0 by the concavity of entropy; rounding can leave −1e-17 for identical vectors.
        let beta = (gamma - alpha).max(0.0);
        let value = corrected(beta, n);
        Ok(Some(Self {
            value,
            level: ConsensusLevel::of(value),
            alpha_entropy: alpha,
            gamma_entropy: gamma,
            beta_entropy: beta,
        }))
    }
}

/// S* from Hβ for n items.
fn corrected(beta: f64, n: usize) -> f64 {
    let n = n as f64;
    let m = CONSENSUS_SCALE_MAX;
    let total = n + m - 1.0;
    // H of (M, 1, …, 1) / (n + M − 1).
    let alpha_min =
        -(m / total) * (m / total).ln() - (n - 1.0) * (1.0 / total) * (1.0 / total).ln();
    let floor = alpha_min.exp() / n;
    ((-beta).exp() - floor) / (1.0 - floor)
}

/// Shannon entropy in nats; a zero share contributes nothing.
fn entropy(shares: impl Iterator<Item = f64>) -> f64 {
    shares.filter(|&p| p > 0.0).map(|p| -p * p.ln()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_concentrated_priorities_against_uniform_ones() {
        // Two experts, n = 2: one at the scale's extreme (0.9, 0.1), one uniform.
        // By hand: Hα = (H(0.9, 0.1) + ln 2)/2, Hγ = H(0.7, 0.3), S* from the formula.
        let extreme = Weights::new(&[0.9, 0.1]).unwrap();
        let uniform = Weights::new(&[0.5, 0.5]).unwrap();
        let c = Consensus::of_priorities(&[extreme, uniform], None)
            .unwrap()
            .unwrap();
        let h = |p: f64| -p * p.ln() - (1.0 - p) * (1.0 - p).ln();
        let alpha = (h(0.9) + 2f64.ln()) / 2.0;
        let beta = h(0.7) - alpha;
        let floor = h(0.9).exp() / 2.0;
        let expected = ((-beta).exp() - floor) / (1.0 - floor);
        // 1e-14: a few roundings of logarithms of numbers near 1.
        approx::assert_relative_eq!(c.value, expected, max_relative = 1e-14);
        assert_eq!(c.level, ConsensusLevel::of(expected));
    }

    #[test]
    fn levels_follow_the_word_scale() {
        assert_eq!(ConsensusLevel::of(0.49), ConsensusLevel::VeryLow);
        assert_eq!(ConsensusLevel::of(0.5), ConsensusLevel::Low);
        assert_eq!(ConsensusLevel::of(0.7), ConsensusLevel::Moderate);
        assert_eq!(ConsensusLevel::of(0.8), ConsensusLevel::High);
        assert_eq!(ConsensusLevel::of(0.875), ConsensusLevel::VeryHigh);
        assert_eq!(ConsensusLevel::of(-0.2), ConsensusLevel::VeryLow);
    }

    #[test]
    fn one_expert_or_one_item_has_no_consensus() {
        let w = Weights::new(&[0.6, 0.4]).unwrap();
        assert_eq!(Consensus::of_priorities(&[w], None).unwrap(), None);
        let one = Weights::new(&[1.0]).unwrap();
        assert_eq!(
            Consensus::of_priorities(&[one.clone(), one], None).unwrap(),
            None
        );
    }
}
