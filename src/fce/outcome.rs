//! What an evaluation yields: the grade vectors, the verdict, the score, each criterion's
//! contribution, and the ranking of several objects.

use super::{Composition, Grades};
use crate::error::{Error, ErrorKind, Result};
use crate::hierarchy::NodeId;
use crate::tolerance;

/// A gap under which two numbers count as tied: finite and non-negative.
///
/// Grade degrees and scores are in different units (a degree lies in [0, 1], a score in the
/// units of the grade scores), so an [`Evaluator`](super::Evaluator) holds one for each.
///
/// ```
/// use ahp_fce::TieTolerance;
/// assert_eq!(TieTolerance::new(0.05).map(TieTolerance::value), Ok(0.05));
/// assert!(TieTolerance::new(-1.0).is_err());
/// assert!(TieTolerance::new(f64::NAN).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "f64", into = "f64")
)]
pub struct TieTolerance(f64);

impl TieTolerance {
    /// Validates a gap.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidTieTolerance`] unless finite and non-negative.
    pub fn new(value: f64) -> Result<Self> {
        if value.is_finite() && value >= 0.0 {
            Ok(Self(value))
        } else {
            Err(Error::from(ErrorKind::InvalidTieTolerance { value }))
        }
    }

    /// [`tolerance::GRADE_TIE`], the default for grade degrees.
    pub fn grades_default() -> Self {
        Self(tolerance::GRADE_TIE)
    }

    /// [`tolerance::SCORE_TIE`], the default for scores.
    pub fn scores_default() -> Self {
        Self(tolerance::SCORE_TIE)
    }

    /// The gap as a number.
    pub fn value(self) -> f64 {
        self.0
    }

    /// Whether `a` and `b` are within the gap.
    pub(crate) fn ties(self, a: f64, b: f64) -> bool {
        (a - b).abs() <= self.0
    }
}

impl TryFrom<f64> for TieTolerance {
    type Error = Error;

    fn try_from(value: f64) -> Result<Self> {
        Self::new(value)
    }
}

impl From<TieTolerance> for f64 {
    fn from(tolerance: TieTolerance) -> Self {
        tolerance.0
    }
}

/// The grade chosen by the maximum-membership principle.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Verdict {
    /// Index of the grade with the largest normalized membership (the first, on a tie).
    pub grade: usize,
    /// Its name.
    pub name: String,
    /// Its membership in E.
    pub degree: f64,
    /// Index of the grade with the second largest membership.
    pub runner_up: usize,
    /// Its membership in E.
    pub runner_up_degree: f64,
    /// `degree − runner_up_degree`: how far the verdict is ahead.
    pub margin: f64,
    /// Whether the top two are within the tie tolerance: the principle cannot decide.
    pub tied: bool,
}

impl Verdict {
    /// The grade of maximum membership, the first of equal maxima: the one the stable sort
    /// in [`Verdict::of`] puts first.
    pub(crate) fn grade_of(e: &[f64]) -> usize {
        let mut best = 0;
        for (k, value) in e.iter().enumerate().skip(1) {
            if value.total_cmp(&e[best]).is_gt() {
                best = k;
            }
        }
        best
    }

    /// The verdict on E, one degree per grade of `grades` (at least two, as grades are).
    pub(crate) fn of(e: &[f64], grades: &Grades, tie: TieTolerance) -> Self {
        let mut order: Vec<usize> = (0..e.len()).collect();
        // Stable sort: equal memberships keep the grades' order.
        order.sort_by(|&a, &b| e[b].total_cmp(&e[a]));
        let (grade, runner_up) = (order[0], order[1]);
        Self {
            grade,
            name: grades.names()[grade].clone(),
            degree: e[grade],
            runner_up,
            runner_up_degree: e[runner_up],
            margin: e[grade] - e[runner_up],
            tied: tie.ties(e[grade], e[runner_up]),
        }
    }
}

/// What one first-level criterion contributes to the result.
///
/// For the weighted average the parts add up: Σ_i `weighted` = E and Σ_i `score` = the score.
/// For the other operators they show each criterion's share of the input, but the result is not
/// their sum.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Contribution {
    /// The criterion.
    pub criterion: NodeId,
    /// Its name.
    pub name: String,
    /// Its weight F_i under the goal.
    pub weight: f64,
    /// Its normalized grade vector G_i.
    pub grades: Vec<f64>,
    /// F_i·G_i.
    pub weighted: Vec<f64>,
    /// Σ_h F_i·G_ih·score_h, when the grades have scores.
    pub score: Option<f64>,
}

/// The result of evaluating one object.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Evaluation {
    /// Normalized grade vector of every node, indexed by `NodeId` (a leaf's is its row).
    vectors: Vec<Vec<f64>>,
    /// The composition at every internal node.
    compositions: Vec<Option<Composition>>,
    result: Composition,
    verdict: Verdict,
    score: Option<f64>,
    contributions: Vec<Contribution>,
}

impl Evaluation {
    pub(crate) fn new(
        vectors: Vec<Vec<f64>>,
        compositions: Vec<Option<Composition>>,
        result: Composition,
        verdict: Verdict,
        score: Option<f64>,
        contributions: Vec<Contribution>,
    ) -> Self {
        Self {
            vectors,
            compositions,
            result,
            verdict,
            score,
            contributions,
        }
    }

    /// The final vector E, normalized to sum 1.
    pub fn result(&self) -> &[f64] {
        self.result.normalized()
    }

    /// The final composition, raw and normalized.
    pub fn composition(&self) -> &Composition {
        &self.result
    }

    /// The vectors of the internal nodes of `hierarchy` (the one evaluated), in pre-order.
    #[cfg(feature = "model")]
    pub(crate) fn internal_vectors<'a>(
        &'a self,
        hierarchy: &'a crate::hierarchy::Hierarchy,
    ) -> impl Iterator<Item = &'a [f64]> + 'a {
        hierarchy
            .internal_nodes()
            .map(|id| self.vectors[id.index()].as_slice())
    }

    /// The number of nodes the evaluation has a vector for.
    #[cfg(feature = "model")]
    pub(crate) fn nodes(&self) -> usize {
        self.vectors.len()
    }

    /// The normalized grade vector of node `id` (for a leaf, its membership row).
    pub fn vector_of(&self, id: NodeId) -> Option<&[f64]> {
        self.vectors.get(id.index()).map(Vec::as_slice)
    }

    /// The composition at internal node `id`, raw and normalized.
    pub fn composition_of(&self, id: NodeId) -> Option<&Composition> {
        self.compositions.get(id.index()).and_then(Option::as_ref)
    }

    /// The grade chosen by maximum membership.
    pub fn verdict(&self) -> &Verdict {
        &self.verdict
    }

    /// Σ_h E_h·score_h, when the grades have scores.
    pub fn score(&self) -> Option<f64> {
        self.score
    }

    /// The first-level criteria's contributions, in order.
    pub fn contributions(&self) -> &[Contribution] {
        &self.contributions
    }
}

/// One object in a [`Ranking`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RankedObject {
    /// The object's name.
    pub name: String,
    /// Its rank, 1 for the best; tied objects share one.
    pub rank: usize,
    /// Its score.
    pub score: f64,
    /// Its whole evaluation.
    pub evaluation: Evaluation,
}

/// Objects ordered by score, highest first, from [`Evaluator::rank`](super::Evaluator::rank).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Ranking {
    entries: Vec<RankedObject>,
}

impl Ranking {
    /// The objects, best first.
    pub fn entries(&self) -> &[RankedObject] {
        &self.entries
    }

    /// Whether any two objects share a rank.
    pub fn has_ties(&self) -> bool {
        self.entries.windows(2).any(|w| w[0].rank == w[1].rank)
    }
}

/// Ranks `(name, score, evaluation)` entries, highest score first, by [`shared_ranks`].
pub(crate) fn rank_by_score(
    entries: impl IntoIterator<Item = (String, f64, Evaluation)>,
    order: RankOrder,
    tie: TieTolerance,
) -> Ranking {
    let entries = shared_ranks(
        entries
            .into_iter()
            .map(|(name, score, evaluation)| ((name, evaluation), score)),
        order,
        tie,
    )
    .into_iter()
    .map(|((name, evaluation), rank, score)| RankedObject {
        name,
        rank,
        score,
        evaluation,
    })
    .collect();
    Ranking { entries }
}

/// Which end of the scores ranks first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum RankOrder {
    /// The highest score ranks first: grades scored by merit (4 = very strong … 1 = poor).
    #[default]
    HighestFirst,
    /// The lowest score ranks first: grades scored by risk (3 = high risk … 1 = low).
    LowestFirst,
}

impl RankOrder {
    /// How the order reads in a report.
    pub fn describe(self) -> &'static str {
        match self {
            RankOrder::HighestFirst => "highest score first",
            RankOrder::LowestFirst => "lowest score first",
        }
    }
}

/// The ranking rule, written once: entries by score in `order` (equal scores keep their
/// order), ranks from 1, and a score within `tie` of the one ranked just above shares its rank
/// (1, 2, 2, 4, …).
pub(crate) fn shared_ranks<T>(
    entries: impl IntoIterator<Item = (T, f64)>,
    order: RankOrder,
    tie: TieTolerance,
) -> Vec<(T, usize, f64)> {
    let mut entries: Vec<(T, f64)> = entries.into_iter().collect();
    match order {
        RankOrder::HighestFirst => entries.sort_by(|a, b| b.1.total_cmp(&a.1)),
        RankOrder::LowestFirst => entries.sort_by(|a, b| a.1.total_cmp(&b.1)),
    }
    let mut ranked: Vec<(T, usize, f64)> = Vec::with_capacity(entries.len());
    for (k, (item, score)) in entries.into_iter().enumerate() {
        let rank = match ranked.last() {
            Some(&(_, rank, previous)) if tie.ties(previous, score) => rank,
            _ => k + 1,
        };
        ranked.push((item, rank, score));
    }
    ranked
}
