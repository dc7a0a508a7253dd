//! Suggested repairs of inconsistent judgments: as few single changes as the method finds,
//! each lowering CR, never applied to the caller's matrix.

use super::consistency::{IncompleteRandomIndex, RandomIndex, RandomIndexTable};
use super::incomplete::{upper_positions, IncompleteJudgments};
use super::inconsistency::judgment_errors;
use super::judgment::JudgmentMatrix;
use super::options::AhpOptions;
use crate::error::Result;

/// One change of a suggested repair: judgment b_row,col from one value to another (its
/// reciprocal changes with it), and the CR the matrix has after it.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RepairStep {
    /// Row of the judgment changed (above the diagonal).
    pub row: usize,
    /// Its column.
    pub col: usize,
    /// Its value before.
    pub from: f64,
    /// Its value after: on Saaty's scale where that lowers CR, else the exact agreeing value.
    pub to: f64,
    /// CR after this change.
    pub cr_after: f64,
}

/// A suggested repair: the changes in order, and whether they bring CR under the threshold.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RepairSuggestion {
    /// CR before any change.
    pub cr_before: f64,
    /// The changes, each lowering CR; empty for a matrix already acceptable.
    pub steps: Vec<RepairStep>,
    /// Whether the last change (or the matrix as given) is under the threshold.
    pub acceptable: bool,
    /// The matrix with every change made (the caller's matrix is left as it is).
    pub repaired: JudgmentMatrix,
}

impl AhpOptions {
    /// Suggests how to make `matrix` acceptable by changing as few judgments as it can, one
    /// at a time: each step takes the 2t judgments that disagree most with the weights (by
    /// |ln ε|, see [`Inconsistency`](super::Inconsistency)) and changes the first one whose
    /// change lowers CR — to the nearest
    /// value on Saaty's scale of the value that would agree with the weights, or, if that does
    /// not lower CR, to that value itself. It stops when CR is under the threshold, when no
    /// single change lowers CR, or after t(t−1) changes. Nothing is applied to `matrix`.
    ///
    /// A completed matrix ([`JudgmentMatrix::completion`]) is repaired in the judgments that
    /// were given only; after each change its gaps are filled again by its own method, and CR
    /// is taken against the random index simulated once for its pattern of missing pairs.
    ///
    /// # Errors
    /// As [`AhpOptions::analyze`].
    ///
    /// ```
    /// use ahp_fce::{AhpOptions, CrThreshold, JudgmentMatrix};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// // Weights 8 : 4 : 2 : 1 would give b_03 = 8; it was judged 1/2.
    /// let b = JudgmentMatrix::from_upper_triangle(&[2.0, 4.0, 0.5, 2.0, 4.0, 2.0])?;
    /// let options = AhpOptions::default();
    /// assert!(!options.analyze(&b)?.consistency.acceptable);
    /// let repair = options.suggest_repair(&b)?;
    /// assert!(repair.acceptable);
    /// assert_eq!((repair.steps[0].row, repair.steps[0].col), (0, 3));
    /// assert!(repair.steps.windows(2).all(|s| s[1].cr_after < s[0].cr_after));
    /// # Ok(())
    /// # }
    /// ```
    pub fn suggest_repair(&self, matrix: &JudgmentMatrix) -> Result<RepairSuggestion> {
        let mut current = matrix.clone();
        let mut analysis = self.analyze(&current)?;
        // A completed matrix keeps its pattern of missing pairs through every change, so its
        // simulated RI is computed once, here; its filled entries are not judgments to change,
        // and after each change the gaps are filled again from the judgments given.
        let fixed;
        let options = match analysis
            .consistency
            .incomplete
            .as_ref()
            .and_then(|i| i.simulated.as_ref())
        {
            Some(estimate) if estimate.ri > 0.0 => {
                let mut values = vec![estimate.ri; matrix.order()];
                values.iter_mut().take(2).for_each(|v| *v = 0.0);
                fixed = AhpOptions {
                    consistency: self
                        .consistency
                        .clone()
                        .with_random_index(RandomIndex::Custom(RandomIndexTable::new(values)?))
                        .with_incomplete_random_index(IncompleteRandomIndex::CompleteTable),
                    ..self.clone()
                };
                &fixed
            }
            _ => self,
        };
        let filled =
            |row: usize, col: usize| matrix.completion().is_some_and(|c| c.is_filled(row, col));
        let cr_before = analysis.consistency.cr;
        let t = matrix.order();
        let mut steps = Vec::new();
        // Each judgment may need to move twice (once to the scale, once more): t(t−1) changes.
        while !analysis.consistency.acceptable && steps.len() < t * t.saturating_sub(1) {
            let judgments = judgment_errors(&current, &analysis.weights);
            let mut improved = None;
            // The 2t worst judgments are tried, so that a step costs O(t³) at most.
            let judged = judgments.iter().filter(|j| !filled(j.row, j.col));
            'judgments: for judgment in judged.take(2 * t) {
                for to in [judgment.nearest_scale_value, judgment.consistent_value] {
                    // A change too small to matter is no change.
                    if (to / judgment.value - 1.0).abs() <= 1e-12 {
                        continue;
                    }
                    let candidate = rejudged(&current, judgment.row, judgment.col, to)?;
                    let after = options.analyze(&candidate)?;
                    if after.consistency.cr < analysis.consistency.cr {
                        improved = Some((*judgment, to, candidate, after));
                        break 'judgments;
                    }
                }
            }
            let Some((judgment, to, candidate, after)) = improved else {
                break;
            };
            steps.push(RepairStep {
                row: judgment.row,
                col: judgment.col,
                from: judgment.value,
                to,
                cr_after: after.consistency.cr,
            });
            current = candidate;
            analysis = after;
        }
        Ok(RepairSuggestion {
            cr_before,
            steps,
            acceptable: analysis.consistency.acceptable,
            repaired: current,
        })
    }
}

/// `matrix` with b_row,col = `value`; a completed matrix is completed again, by its own
/// method, from its given judgments.
fn rejudged(matrix: &JudgmentMatrix, row: usize, col: usize, value: f64) -> Result<JudgmentMatrix> {
    let changed = matrix.with_judgment(row, col, value)?;
    let Some(completion) = changed.completion() else {
        return Ok(changed);
    };
    let upper: Vec<Option<f64>> = upper_positions(changed.order())
        .map(|(x, y)| {
            (!completion.is_filled(x, y))
                .then(|| changed.get(x, y))
                .flatten()
        })
        .collect();
    IncompleteJudgments::from_upper_triangle(&upper)?.complete(completion.method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_completed_matrix_is_repaired_in_its_given_judgments_only() {
        use crate::ahp::CompletionMethod;
        // Order 5, b_04 not given, and b_01 = 1/9 against weights that want about 2.
        let upper = [
            Some(1.0 / 9.0),
            Some(4.0),
            Some(8.0),
            None,
            Some(2.0),
            Some(4.0),
            Some(8.0),
            Some(2.0),
            Some(4.0),
            Some(2.0),
        ];
        let b = IncompleteJudgments::from_upper_triangle(&upper)
            .unwrap()
            .complete(CompletionMethod::LogarithmicLeastSquares)
            .unwrap();
        let options = AhpOptions::default();
        assert!(!options.analyze(&b).unwrap().consistency.acceptable);
        let repair = options.suggest_repair(&b).unwrap();
        assert!(!repair.steps.is_empty());
        assert!(repair.steps.iter().all(|s| (s.row, s.col) != (0, 4)));
        assert!(repair
            .steps
            .windows(2)
            .all(|s| s[1].cr_after < s[0].cr_after));
        assert!(repair.steps[0].cr_after < repair.cr_before);
        // Still a completion of the same gap.
        assert_eq!(repair.repaired.completion().unwrap().filled.len(), 1);
    }

    #[test]
    fn an_acceptable_matrix_needs_no_change() {
        let b = JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0]).unwrap();
        let repair = AhpOptions::default().suggest_repair(&b).unwrap();
        assert!(repair.steps.is_empty() && repair.acceptable);
        assert_eq!(repair.repaired, b);
    }

    #[test]
    fn a_three_cycle_is_repaired_in_steps_that_each_lower_cr() {
        let b = JudgmentMatrix::from_upper_triangle(&[9.0, 1.0 / 9.0, 9.0]).unwrap();
        let repair = AhpOptions::default().suggest_repair(&b).unwrap();
        assert!(repair.acceptable, "{repair:?}");
        let mut previous = repair.cr_before;
        for step in &repair.steps {
            assert!(step.cr_after < previous);
            previous = step.cr_after;
        }
        // The caller's matrix is as it was.
        assert_eq!(b.get(0, 1), Some(9.0));
    }
}
