//! A Monte Carlo run over a whole model (see [`crate::uncertainty`]).

use super::{Analysis, Model};
use crate::alternatives::{AlternativeScores, AlternativesSynthesis};
use crate::error::{Error, ErrorKind, Result};
use crate::fce::{Evaluator, MembershipMatrix, RankOrder, TieTolerance};
use crate::hierarchy::{Criterion, Hierarchy, Priorities};
use crate::random::SplitMix64;
use crate::uncertainty::{
    perturbed_matrix, perturbed_panel, resampled_votes, MatrixUncertainty, MonteCarlo, Quantiles,
    Uncertainty, VoteNoise, MAX_KEPT,
};

/// What one draw gives.
struct Draw {
    scores: Vec<f64>,
    ranks: Vec<usize>,
    verdicts: Vec<usize>,
    matrices: Vec<(f64, bool)>,
}

impl Model {
    /// How sure the result is: `run`'s draws of perturbed judgments (and votes), each analysed
    /// and evaluated like the model, summarized as rank and verdict probabilities, score
    /// quantiles and the distribution of every matrix's CR. The items ranked are the
    /// alternatives when the model has them, else the objects (by score, when the grades have
    /// scores).
    ///
    /// ```
    /// use ahp_fce::model::Model;
    /// use ahp_fce::uncertainty::{JudgmentNoise, MonteCarlo};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let model = Model::load(std::path::Path::new("examples/models/leader.toml"))?;
    /// let run = MonteCarlo::new(500, 7)?.with_judgments(JudgmentNoise::LogNormal(0.2))?;
    /// let found = model.uncertainty(&run)?;
    /// let nell = found.items.iter().position(|n| n == "Nell").unwrap();
    /// assert!(found.rank_probabilities[nell][0] > 0.5); // Nell stays first most of the time
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::MonteCarloTooLarge`] for more draws than [`MAX_KEPT`] numbers hold; the
    /// errors of analysing or evaluating a perturbed model (a perturbed matrix is still a valid
    /// one, so these are the model's own, e.g. a composition that comes out zero).
    pub fn uncertainty(&self, run: &MonteCarlo) -> Result<Uncertainty> {
        self.check_run_size(run)?;
        let base = self.hierarchy().to_criterion();
        let draw = |k: usize| self.draw(&base, run, k as u64);
        #[cfg(feature = "rayon")]
        let draws: Vec<Draw> = {
            use rayon::prelude::*;
            (0..run.draws())
                .into_par_iter()
                .map(draw)
                .collect::<Result<_>>()?
        };
        #[cfg(not(feature = "rayon"))]
        let draws: Vec<Draw> = (0..run.draws()).map(draw).collect::<Result<_>>()?;
        Ok(self.summarize(run, &draws))
    }

    /// [`ErrorKind::MonteCarloTooLarge`] unless `run`'s draws fit in [`MAX_KEPT`] numbers.
    pub(super) fn check_run_size(&self, run: &MonteCarlo) -> Result<()> {
        let items = match &self.alternatives {
            Some(a) => a.0.alternatives.len(),
            None => self.objects.len(),
        };
        // Scores and ranks of every item, every object's verdict, every matrix's CR.
        let per_draw = 2 * items + self.objects.len() + self.matrix_labels().len();
        let total = (run.draws() as u64).saturating_mul(per_draw as u64);
        if total > MAX_KEPT {
            return Err(Error::from(ErrorKind::MonteCarloTooLarge {
                draws: run.draws(),
                per_draw,
                total,
                max: MAX_KEPT,
            }));
        }
        Ok(())
    }

    fn draw(&self, base: &Criterion, run: &MonteCarlo, k: u64) -> Result<Draw> {
        let mut rng = SplitMix64::for_draw(run.seed(), k);
        let noise = run.judgments();
        let mut tree = base.clone();
        // Pre-order, so the stream is used in the same order in every draw.
        let mut pending: Vec<&mut Criterion> = vec![&mut tree];
        while let Some(node) = pending.pop() {
            node.priorities = match node.priorities.take() {
                Some(Priorities::Judgments(m)) => Some(Priorities::Judgments(perturbed_matrix(
                    &m, noise, &mut rng,
                )?)),
                Some(Priorities::Panel(p)) => {
                    Some(Priorities::Panel(perturbed_panel(&p, noise, &mut rng)?))
                }
                other => other,
            };
            pending.extend(node.children.iter_mut().rev());
        }
        let hierarchy = Hierarchy::new(tree)?;
        let synthesis = hierarchy.synthesize(self.options())?;
        let mut matrices: Vec<(f64, bool)> = hierarchy
            .nodes()
            .filter_map(|(id, _)| synthesis.consistency_of(id))
            .map(|c| (c.cr, c.acceptable))
            .collect();
        let mut out = Draw {
            scores: Vec::new(),
            ranks: Vec::new(),
            verdicts: Vec::new(),
            matrices: Vec::new(),
        };
        if let Some(alternatives) = &self.alternatives {
            let scores = alternatives
                .0
                .leaves
                .iter()
                .map(|(s, _)| {
                    Ok(match s {
                        AlternativeScores::Judgments(m) => {
                            AlternativeScores::Judgments(perturbed_matrix(m, noise, &mut rng)?)
                        }
                        AlternativeScores::Panel(p) => {
                            AlternativeScores::Panel(perturbed_panel(p, noise, &mut rng)?)
                        }
                        other => other.clone(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let found = AlternativesSynthesis::compute(
                &hierarchy,
                &synthesis,
                &alternatives.0.alternatives,
                &scores,
                alternatives.1.mode,
            )?;
            matrices.extend(
                found
                    .leaves
                    .iter()
                    .filter_map(|l| l.consistency.as_ref())
                    .map(|c| (c.cr, c.acceptable)),
            );
            out.ranks = ranks_of(
                &found.overall,
                RankOrder::HighestFirst,
                TieTolerance::scores_default(),
            );
            out.scores = found.overall;
        }
        if let Analysis::Fce(original) = &self.analysis {
            let evaluator =
                Evaluator::with_synthesis(hierarchy, synthesis, original.grades().clone())?
                    .with_operator(original.operator())
                    .with_rank_order(original.rank_order())
                    .with_grade_tie(original.grade_tie())
                    .with_score_tie(original.score_tie());
            let g = evaluator.grades().len();
            let mut scores = Vec::with_capacity(self.objects.len());
            for ((_, rows), counts) in self.objects.iter().zip(&self.votes) {
                let rows = if run.votes() == VoteNoise::Multinomial && !counts.is_empty() {
                    let mut degrees: Vec<Vec<f64>> = rows.to_rows();
                    for (leaf, votes) in counts {
                        let drawn = resampled_votes(votes, &mut rng);
                        let experts: u32 = drawn.iter().sum();
                        if let Some(row) = degrees.get_mut(*leaf) {
                            *row = drawn
                                .iter()
                                .map(|&v| f64::from(v) / f64::from(experts.max(1)))
                                .collect();
                        }
                    }
                    MembershipMatrix::from_rows(&degrees)?
                } else {
                    rows.clone()
                };
                let evaluation = evaluator.evaluate(&rows)?;
                let verdict = evaluation.verdict();
                out.verdicts.push(
                    evaluator
                        .grades()
                        .names()
                        .iter()
                        .position(|n| *n == verdict.name)
                        .unwrap_or(g),
                );
                scores.push(evaluation.score());
            }
            if self.alternatives.is_none() {
                if let Some(scores) = scores.into_iter().collect::<Option<Vec<f64>>>() {
                    out.ranks = ranks_of(&scores, evaluator.rank_order(), evaluator.score_tie());
                    out.scores = scores;
                }
            }
        }
        out.matrices = matrices;
        Ok(out)
    }

    fn summarize(&self, run: &MonteCarlo, draws: &[Draw]) -> Uncertainty {
        let n = draws.len() as f64;
        let items: Vec<String> = match &self.alternatives {
            Some(a) => a.0.alternatives.names().to_vec(),
            None => self.objects.iter().map(|(name, _)| name.clone()).collect(),
        };
        let ranked = draws.first().is_some_and(|d| !d.ranks.is_empty());
        let count = items.len();
        let mut rank_probabilities = vec![vec![0.0; count]; if ranked { count } else { 0 }];
        let mut samples: Vec<Vec<f64>> =
            vec![Vec::with_capacity(draws.len()); if ranked { count } else { 0 }];
        for d in draws {
            for (i, &r) in d.ranks.iter().enumerate() {
                if let Some(p) = rank_probabilities
                    .get_mut(i)
                    .and_then(|row| row.get_mut(r - 1))
                {
                    *p += 1.0 / n;
                }
            }
            for (i, &s) in d.scores.iter().enumerate() {
                if let Some(sample) = samples.get_mut(i) {
                    sample.push(s);
                }
            }
        }
        let scores = samples
            .iter_mut()
            .filter_map(|s| Quantiles::of(s))
            .collect();
        let grades: Vec<String> = match &self.analysis {
            Analysis::Fce(e) if !self.objects.is_empty() => e.grades().names().to_vec(),
            _ => Vec::new(),
        };
        let mut verdict_probabilities = vec![
            vec![0.0; grades.len()];
            if grades.is_empty() {
                0
            } else {
                self.objects.len()
            }
        ];
        for d in draws {
            for (o, &h) in d.verdicts.iter().enumerate() {
                if let Some(p) = verdict_probabilities
                    .get_mut(o)
                    .and_then(|row| row.get_mut(h))
                {
                    *p += 1.0 / n;
                }
            }
        }
        let labels = self.matrix_labels();
        let matrices = labels
            .into_iter()
            .enumerate()
            .filter_map(|(m, matrix)| {
                let mut crs: Vec<f64> = draws
                    .iter()
                    .filter_map(|d| d.matrices.get(m).map(|c| c.0))
                    .collect();
                let acceptable = draws
                    .iter()
                    .filter(|d| d.matrices.get(m).is_some_and(|c| c.1))
                    .count() as f64
                    / n;
                Some(MatrixUncertainty {
                    matrix,
                    cr: Quantiles::of(&mut crs)?,
                    acceptable,
                })
            })
            .collect();
        Uncertainty {
            run: run.describe(),
            items: if ranked || !grades.is_empty() {
                items
            } else {
                Vec::new()
            },
            rank_probabilities,
            scores,
            grades,
            verdict_probabilities,
            matrices,
        }
    }

    /// The judged matrices in the order every draw lists their CRs.
    fn matrix_labels(&self) -> Vec<String> {
        let hierarchy = self.hierarchy();
        let synthesis = self.synthesis();
        let mut labels: Vec<String> = hierarchy
            .nodes()
            .filter(|(id, _)| synthesis.consistency_of(*id).is_some())
            .map(|(id, _)| hierarchy.path(id))
            .collect();
        if let Some(a) = &self.alternatives {
            labels.extend(
                a.1.leaves
                    .iter()
                    .filter(|l| l.consistency.is_some())
                    .map(|l| format!("{} (alternatives)", hierarchy.path(l.leaf))),
            );
        }
        labels
    }
}

/// Each item's rank (tied items share the better one), in the items' order.
fn ranks_of(scores: &[f64], order: RankOrder, tie: TieTolerance) -> Vec<usize> {
    let mut ranks = vec![0; scores.len()];
    for (k, rank, _) in crate::fce::shared_ranks(scores.iter().copied().enumerate(), order, tie) {
        ranks[k] = rank;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::uncertainty::JudgmentNoise;

    /// The run as `uncertainty` makes it (across threads with `rayon`) equals the draws made
    /// one after another in order.
    #[test]
    fn threads_give_the_sequential_result() {
        let model = Model::from_toml(include_str!("../../examples/models/paper.toml")).unwrap();
        let run = MonteCarlo::new(64, 5)
            .unwrap()
            .with_judgments(JudgmentNoise::LogNormal(0.3))
            .unwrap()
            .with_votes(VoteNoise::Multinomial);
        let base = model.hierarchy().to_criterion();
        let sequential: Vec<Draw> = (0..64)
            .map(|k| model.draw(&base, &run, k).unwrap())
            .collect();
        assert_eq!(
            model.uncertainty(&run).unwrap(),
            model.summarize(&run, &sequential)
        );
    }
}
