//! The synthesis of the alternatives' priorities under every leaf into overall priorities.

use super::scores::{AlternativeScores, Alternatives, Better};
use crate::ahp::{ConsistencyReport, JudgmentMatrix, PanelAnalysis};
use crate::error::{Error, ErrorKind, Quantity, Result};
use crate::fce::{RankOrder, TieTolerance};
use crate::hierarchy::{Hierarchy, HierarchyConsistency, NodeId, Synthesis};

/// How the leaves' priorities of the alternatives are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum SynthesisMode {
    /// Each leaf's priorities sum to 1 (Saaty's distributive mode): the alternatives share
    /// each criterion's weight. Adding an alternative can reverse the order of others. The
    /// default.
    #[default]
    Distributive,
    /// Each leaf's priorities are divided by the largest (the ideal mode, Belton & Gear 1983;
    /// Saaty 1994): every criterion gives its best alternative its whole weight, and adding an
    /// alternative that is nowhere the best changes no other's overall priority. Ratings are
    /// divided by the scale's top value instead, so they stay absolute.
    Ideal,
}

impl SynthesisMode {
    /// The mode in words.
    pub fn name(self) -> &'static str {
        match self {
            SynthesisMode::Distributive => "distributive",
            SynthesisMode::Ideal => "ideal",
        }
    }
}

/// The alternatives under one leaf criterion.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LeafAlternatives {
    /// The leaf.
    pub leaf: NodeId,
    /// Its global weight (the leaves' weights sum to 1).
    pub global_weight: f64,
    /// `judgments`, `panel`, `ratings` or `measurements`.
    pub form: &'static str,
    /// The alternatives' priorities under the leaf, summing to 1.
    pub priorities: Vec<f64>,
    /// The priorities as the mode uses them: the same in distributive mode; in ideal mode
    /// divided by the largest (ratings: by the scale's top value).
    pub used: Vec<f64>,
    /// The consistency of the judgments (a panel's group matrix); `None` for ratings and
    /// measurements.
    pub consistency: Option<ConsistencyReport>,
    /// The judgments themselves (a panel's group matrix), for diagnostics.
    pub matrix: Option<JudgmentMatrix>,
    /// A panel's experts and consensus.
    pub panel: Option<PanelAnalysis>,
}

/// Every alternative's overall priority: Σ over leaves of the leaf's global weight times the
/// alternative's priority under it, as the mode uses it.
///
/// ```
/// use ahp_fce::alternatives::{AlternativeScores, Alternatives, AlternativesSynthesis, Better, SynthesisMode};
/// use ahp_fce::{AhpOptions, Criterion, Hierarchy, JudgmentMatrix, Weights};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let hierarchy = Hierarchy::new(Criterion::weighted(
///     "Car",
///     Weights::new(&[0.6, 0.4])?,
///     [Criterion::leaf("Price"), Criterion::leaf("Comfort")],
/// ))?;
/// let synthesis = hierarchy.synthesize(&AhpOptions::default())?;
/// let cars = Alternatives::new(["A", "B"])?;
/// let scores = [
///     AlternativeScores::measurements(vec![20_000.0, 30_000.0], Better::Less)?,
///     AlternativeScores::Judgments(JudgmentMatrix::from_upper_triangle(&[1.0 / 3.0])?),
/// ];
/// let result = AlternativesSynthesis::compute(
///     &hierarchy, &synthesis, &cars, &scores, SynthesisMode::Distributive,
/// )?;
/// // By hand: price priorities ∝ 1/20000 : 1/30000 = 0.6 : 0.4; comfort 0.25 : 0.75.
/// // A: 0.6·0.6 + 0.4·0.25 = 0.46; B: 0.6·0.4 + 0.4·0.75 = 0.54.
/// approx::assert_relative_eq!(result.overall[0], 0.46, max_relative = 1e-12);
/// assert_eq!(result.ranking()[0].0, "B");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AlternativesSynthesis {
    /// The mode.
    pub mode: SynthesisMode,
    /// The alternatives.
    pub alternatives: Alternatives,
    /// Every leaf, left to right.
    pub leaves: Vec<LeafAlternatives>,
    /// Each alternative's overall priority (sums to 1 in distributive mode).
    pub overall: Vec<f64>,
    /// The same divided by their sum (equal to `overall` in distributive mode, up to
    /// rounding).
    pub normalized: Vec<f64>,
    /// The hierarchy's consistency with the alternatives' judgments included: their matrices
    /// form the level below each leaf, weighted by the leaf's global weight.
    pub hierarchy_consistency: HierarchyConsistency,
}

impl AlternativesSynthesis {
    /// Synthesizes `scores` (one per leaf, left to right) over `alternatives` under the
    /// weights of `synthesis`, which must be `hierarchy`'s.
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`] for scores that are not one per leaf, or a leaf's scores
    /// not one per alternative (in the leaf's node); the errors of analysing a leaf's
    /// judgments or panel (in the leaf's node); [`ErrorKind::RandomIndexTooSmall`] as for
    /// the hierarchy's CR.
    pub fn compute(
        hierarchy: &Hierarchy,
        synthesis: &Synthesis,
        alternatives: &Alternatives,
        scores: &[AlternativeScores],
        mode: SynthesisMode,
    ) -> Result<Self> {
        let leaves = synthesis.leaves();
        if scores.len() != leaves.len() {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::ScoresPerLeaf,
                expected: leaves.len(),
                found: scores.len(),
            }));
        }
        let options = synthesis.options();
        let mut sums = synthesis.consistency_sums().clone();
        let mut overall = vec![0.0; alternatives.len()];
        let mut found = Vec::with_capacity(leaves.len());
        for ((&leaf, global_weight), score) in leaves
            .iter()
            .zip(synthesis.leaf_weights().iter())
            .zip(scores)
        {
            let in_leaf = |e: Error| e.in_node(hierarchy.path(leaf));
            score.check_len(alternatives.len()).map_err(in_leaf)?;
            let matrix = match score {
                AlternativeScores::Judgments(m) => Some(m.clone()),
                AlternativeScores::Panel(p) => Some(p.group_matrix().clone()),
                _ => None,
            };
            let (priorities, used, consistency, panel) = match score {
                AlternativeScores::Judgments(matrix) => {
                    let analysis = options.analyze(matrix).map_err(in_leaf)?;
                    let priorities = analysis.weights.to_vec();
                    (
                        priorities.clone(),
                        used_by(mode, priorities),
                        Some(analysis.consistency),
                        None,
                    )
                }
                AlternativeScores::Panel(p) => {
                    let analysis = p.analyze(options).map_err(in_leaf)?;
                    let priorities = analysis.weights.to_vec();
                    (
                        priorities.clone(),
                        used_by(mode, priorities),
                        Some(analysis.group.consistency.clone()),
                        Some(analysis),
                    )
                }
                AlternativeScores::Ratings { scale, levels } => {
                    let values: Vec<f64> = levels
                        .iter()
                        .map(|&k| scale.levels().get(k).map_or(0.0, |&(_, v)| v))
                        .collect();
                    let priorities = shares(&values);
                    let used = match mode {
                        SynthesisMode::Distributive => priorities.clone(),
                        SynthesisMode::Ideal => values.iter().map(|v| v / scale.top()).collect(),
                    };
                    (priorities, used, None, None)
                }
                AlternativeScores::Measurements { values, better } => {
                    let oriented: Vec<f64> = match better {
                        Better::More => values.clone(),
                        // ∝ 1 / v, as min / v: 1 / v overflows for a subnormal v.
                        Better::Less => {
                            let least = values.iter().copied().fold(f64::INFINITY, f64::min);
                            values.iter().map(|v| least / v).collect()
                        }
                    };
                    let priorities = shares(&oriented);
                    (priorities.clone(), used_by(mode, priorities), None, None)
                }
            };
            if let Some(report) = &consistency {
                let depth = hierarchy.get(leaf).map_or(0, |n| n.depth());
                sums.add(depth, global_weight, report);
            }
            for (total, p) in overall.iter_mut().zip(&used) {
                *total += global_weight * p;
            }
            found.push(LeafAlternatives {
                leaf,
                global_weight,
                form: score.form(),
                priorities,
                used,
                consistency,
                matrix,
                panel,
            });
        }
        let root = hierarchy.root();
        let hierarchy_consistency = sums.finish(
            options.consistency.threshold.value(),
            hierarchy.get(root).map_or(0, |n| n.children().len()),
            || hierarchy.path(root),
        )?;
        let total: f64 = overall.iter().sum();
        let normalized = overall.iter().map(|v| v / total).collect();
        Ok(Self {
            mode,
            alternatives: alternatives.clone(),
            leaves: found,
            overall,
            normalized,
            hierarchy_consistency,
        })
    }

    /// The alternatives by overall priority, best first: (name, rank, priority); alternatives
    /// within [`tolerance::SCORE_TIE`](crate::tolerance::SCORE_TIE) of each other share a
    /// rank.
    pub fn ranking(&self) -> Vec<(String, usize, f64)> {
        crate::fce::shared_ranks(
            self.alternatives
                .names()
                .iter()
                .cloned()
                .zip(self.overall.iter().copied()),
            RankOrder::HighestFirst,
            TieTolerance::scores_default(),
        )
    }
}

/// Values as shares of their sum. Every value is positive and finite (validated), so the sum
/// is too, short of overflow, which dividing by the largest first avoids.
fn shares(values: &[f64]) -> Vec<f64> {
    let largest = values.iter().copied().fold(0.0, f64::max);
    let scaled: Vec<f64> = values.iter().map(|v| v / largest).collect();
    let sum: f64 = scaled.iter().sum();
    scaled.iter().map(|v| v / sum).collect()
}

fn used_by(mode: SynthesisMode, priorities: Vec<f64>) -> Vec<f64> {
    match mode {
        SynthesisMode::Distributive => priorities,
        SynthesisMode::Ideal => {
            let best = priorities.iter().copied().fold(0.0, f64::max);
            priorities.iter().map(|p| p / best).collect()
        }
    }
}
