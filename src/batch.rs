//! Scoring very many objects against one model: one contiguous (objects, leaves, grades) array
//! in, one (objects, grades) array and the scores out, with no allocation per object.

use ndarray::{Array1, Array2, ArrayView3};

use crate::composition::Operator;
use crate::error::{Error, Result};
use crate::evaluation::Evaluator;
use crate::tolerance;

/// A model prepared for batch scoring; from [`Evaluator::batch_scorer`].
///
/// For the weighted average the multi-level composition is linear, so E = Σ_leaf w_leaf·r_leaf
/// with the leaves' global weights: one contraction per object. The other operators are
/// composed level by level over precomputed index ranges, in a scratch buffer reused across
/// objects. Results agree with [`Evaluator::evaluate`] to rounding (the batch multiplies by
/// reciprocals where `evaluate` divides). With the `rayon` feature the objects are split
/// across threads; the results are the same bit for bit as without it.
///
/// ```
/// use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, Weights};
/// use ndarray::Array3;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let hierarchy = Hierarchy::new(Criterion::weighted(
///     "Goal",
///     Weights::new(&[0.75, 0.25])?,
///     [Criterion::leaf("a"), Criterion::leaf("b")],
/// ))?;
/// let grades = Grades::with_scores(["good", "bad"], [1.0, 0.0])?;
/// let scorer = Evaluator::new(hierarchy, grades, &AhpOptions::default())?.batch_scorer();
///
/// // Two objects, two leaves, two grades.
/// let data = Array3::from_shape_vec((2, 2, 2), vec![1.0, 0.0, 0.0, 1.0, 0.5, 0.5, 0.5, 0.5])
///     .unwrap();
/// let batch = scorer.score(data.view())?;
/// assert_eq!(batch.results().row(0).to_vec(), vec![0.75, 0.25]);
/// assert_eq!(batch.scores().unwrap().to_vec(), vec![0.75, 0.5]);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BatchScorer {
    operator: Operator,
    grades: usize,
    scores: Option<Vec<f64>>,
    /// Global weight of each leaf, leaves left to right.
    leaf_weights: Vec<f64>,
    /// Leaf paths, for error messages.
    leaf_paths: Vec<String>,
    /// Internal nodes, children before parents; the root's step is last.
    steps: Vec<Step>,
    /// Children of all steps, back to back; each step owns a range.
    children: Vec<(Source, f64)>,
    /// Internal node paths, indexed by slot, for error messages.
    slot_paths: Vec<String>,
}

/// One internal node's composition: its scratch slot and its children's range.
#[derive(Debug, Clone, PartialEq)]
struct Step {
    slot: usize,
    children: std::ops::Range<usize>,
}

/// Where a child's grade vector comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Source {
    Leaf(usize),
    Slot(usize),
}

/// The results of a batch: one normalized grade vector per object, and the scores when the
/// grades have them.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchEvaluation {
    results: Array2<f64>,
    scores: Option<Array1<f64>>,
}

impl BatchEvaluation {
    /// (objects, grades): each object's final vector E, normalized.
    pub fn results(&self) -> &Array2<f64> {
        &self.results
    }

    /// Each object's score Σ_h E_h·score_h, when the grades have scores.
    pub fn scores(&self) -> Option<&Array1<f64>> {
        self.scores.as_ref()
    }
}

impl Evaluator {
    /// Prepares this model for scoring many objects at once.
    pub fn batch_scorer(&self) -> BatchScorer {
        let hierarchy = self.hierarchy();
        let synthesis = self.synthesis();
        let leaves = synthesis.leaves();
        let mut leaf_index = vec![None; hierarchy.len()];
        for (k, leaf) in leaves.iter().enumerate() {
            leaf_index[leaf.index()] = Some(k);
        }
        let internal: Vec<_> = hierarchy.internal_nodes().collect();
        let mut slot_of = vec![None; hierarchy.len()];
        for (slot, id) in internal.iter().enumerate() {
            slot_of[id.index()] = Some(slot);
        }
        let mut steps = Vec::with_capacity(internal.len());
        let mut children = Vec::new();
        // Pre-order lists parents first; reversed, every child is composed before its parent.
        for (slot, &id) in internal.iter().enumerate().rev() {
            let start = children.len();
            let node = hierarchy.get(id);
            for &child in node.map_or(&[][..], |n| n.children()) {
                let source = match (leaf_index[child.index()], slot_of[child.index()]) {
                    (Some(leaf), _) => Source::Leaf(leaf),
                    (None, Some(child_slot)) => Source::Slot(child_slot),
                    (None, None) => continue,
                };
                let weight = synthesis.local_weight(child).unwrap_or(0.0);
                children.push((source, weight));
            }
            steps.push(Step {
                slot,
                children: start..children.len(),
            });
        }
        BatchScorer {
            operator: self.operator(),
            grades: self.grades().len(),
            scores: self.grades().scores().map(<[f64]>::to_vec),
            leaf_weights: synthesis.leaf_weights().to_vec(),
            leaf_paths: leaves.iter().map(|&l| hierarchy.path(l)).collect(),
            steps,
            children,
            slot_paths: internal.iter().map(|&id| hierarchy.path(id)).collect(),
        }
    }
}

impl BatchScorer {
    /// The number of leaves each object needs a row for.
    pub fn leaves(&self) -> usize {
        self.leaf_weights.len()
    }

    /// The number of grades.
    pub fn grades(&self) -> usize {
        self.grades
    }

    /// Scores `memberships`, shaped (objects, leaves, grades), leaves left to right. A view in
    /// standard (C) layout is read in place; any other layout is copied once.
    ///
    /// # Errors
    /// [`Error::LengthMismatch`] for the wrong number of leaves or grades; a membership row
    /// outside [0, 1] or not summing to 1 ([`Error::MembershipOutOfRange`],
    /// [`Error::MembershipRowSum`]), or an all-zero composition, wrapped in
    /// [`Error::InNode`] with the node's path and [`Error::InObject`] with the object's index.
    /// With several bad objects, the first one is reported.
    pub fn score(&self, memberships: ArrayView3<'_, f64>) -> Result<BatchEvaluation> {
        let (objects, leaves, grades) = memberships.dim();
        if leaves != self.leaves() {
            return Err(Error::LengthMismatch {
                what: "one membership row per leaf",
                expected: self.leaves(),
                found: leaves,
            });
        }
        if grades != self.grades {
            return Err(Error::GradeCountMismatch {
                expected: self.grades,
                found: grades,
            });
        }
        let data = memberships.as_standard_layout();
        let input = data.as_slice().unwrap_or(&[]);
        let mut results = Array2::zeros((objects, grades));
        let output = results.as_slice_mut().unwrap_or(&mut []);
        self.score_all(input, output)?;
        let scores = self
            .scores
            .as_ref()
            .map(|s| results.dot(&ndarray::ArrayView1::from(&s[..])));
        Ok(BatchEvaluation { results, scores })
    }

    /// Scores objects `first..` from `input` into `output`; both hold whole objects.
    fn score_chunk(&self, first: usize, input: &[f64], output: &mut [f64]) -> Result<()> {
        match self.operator {
            Operator::WeightedAverage => self.weighted_average_chunk(first, input, output),
            Operator::ZadehMinMax => {
                self.levels_chunk(first, input, output, |b, w, r| b.max(w.min(r)))
            }
            Operator::ProductMax => self.levels_chunk(first, input, output, |b, w, r| b.max(w * r)),
            Operator::MinBoundedSum => {
                self.levels_chunk(first, input, output, |b, w, r| b + w.min(r))
            }
        }
    }

    /// The error of object `object` (index within the batch): its first bad row, located.
    fn row_error(&self, object: usize, rows: &[f64]) -> Error {
        let source = self
            .check_rows(rows)
            .err()
            .unwrap_or(Error::ZeroComposition);
        Error::InObject {
            object: format!("object {object}"),
            source: Box::new(source),
        }
    }

    fn weighted_average_chunk(
        &self,
        first: usize,
        input: &[f64],
        output: &mut [f64],
    ) -> Result<()> {
        let g = self.grades;
        let per_object = (self.leaves() * g).max(1);
        let objects = input
            .chunks_exact(per_object)
            .zip(output.chunks_exact_mut(g));
        for (k, (object, out)) in objects.enumerate() {
            // One pass reads each degree once: it accumulates E and checks the row at once;
            // only a failed check goes back to find and name the bad row.
            let valid = match g {
                // Fixed widths keep the accumulator in registers and let the loop vectorize.
                2 => weighted_average_fixed::<2>(&self.leaf_weights, object, out),
                3 => weighted_average_fixed::<3>(&self.leaf_weights, object, out),
                4 => weighted_average_fixed::<4>(&self.leaf_weights, object, out),
                5 => weighted_average_fixed::<5>(&self.leaf_weights, object, out),
                6 => weighted_average_fixed::<6>(&self.leaf_weights, object, out),
                _ => weighted_average_any(&self.leaf_weights, object, out),
            };
            let sum: f64 = out.iter().sum();
            if !(valid && sum > 0.0) {
                return Err(self.row_error(first + k, object));
            }
            let inverse = 1.0 / sum;
            out.iter_mut().for_each(|e| *e *= inverse);
        }
        Ok(())
    }

    /// Composes objects level by level with `combine(b, weight, degree)` as the operator's
    /// inner step; `scratch` holds one vector per internal node and is reused for every object.
    fn levels_chunk(
        &self,
        first: usize,
        input: &[f64],
        output: &mut [f64],
        combine: impl Fn(f64, f64, f64) -> f64,
    ) -> Result<()> {
        match self.grades {
            // Fixed widths keep each node's vector in registers.
            2 => return self.levels_fixed::<2>(first, input, output, combine),
            3 => return self.levels_fixed::<3>(first, input, output, combine),
            4 => return self.levels_fixed::<4>(first, input, output, combine),
            5 => return self.levels_fixed::<5>(first, input, output, combine),
            _ => {}
        }
        let g = self.grades;
        let per_object = (self.leaves() * g).max(1);
        let mut scratch = vec![0.0; self.slot_paths.len() * g];
        let objects = input
            .chunks_exact(per_object)
            .zip(output.chunks_exact_mut(g));
        for (k, (object, out)) in objects.enumerate() {
            if !rows_are_valid(object, g) {
                return Err(self.row_error(first + k, object));
            }
            for step in &self.steps {
                let (target, after) = scratch[step.slot * g..].split_at_mut(g);
                target.fill(0.0);
                for &(source, weight) in &self.children[step.children.clone()] {
                    let row = match source {
                        Source::Leaf(leaf) => &object[leaf * g..(leaf + 1) * g],
                        // Children come later in pre-order, so their slots follow this one.
                        Source::Slot(slot) => {
                            let offset = (slot - step.slot - 1) * g;
                            &after[offset..offset + g]
                        }
                    };
                    for (b, &r) in target.iter_mut().zip(row) {
                        *b = combine(*b, weight, r);
                    }
                }
                if self.operator == Operator::MinBoundedSum {
                    target.iter_mut().for_each(|b| *b = b.min(1.0));
                }
                let sum: f64 = target.iter().sum();
                if !(sum > 0.0) {
                    let path = self.slot_paths[step.slot].clone();
                    return Err(Error::InObject {
                        object: format!("object {}", first + k),
                        source: Box::new(Error::ZeroComposition.in_node(path)),
                    });
                }
                let inverse = 1.0 / sum;
                target.iter_mut().for_each(|b| *b *= inverse);
            }
            out.copy_from_slice(&scratch[..g]);
        }
        Ok(())
    }

    #[cfg(not(feature = "rayon"))]
    fn score_all(&self, input: &[f64], output: &mut [f64]) -> Result<()> {
        self.score_chunk(0, input, output)
    }

    #[cfg(feature = "rayon")]
    fn score_all(&self, input: &[f64], output: &mut [f64]) -> Result<()> {
        use rayon::prelude::*;
        // Large enough to amortize a task, small enough to balance two to a few dozen cores.
        const OBJECTS_PER_TASK: usize = 4096;
        let per_object = (self.leaves() * self.grades).max(1);
        let results: Vec<Result<()>> = input
            .par_chunks(per_object * OBJECTS_PER_TASK)
            .zip(output.par_chunks_mut(self.grades * OBJECTS_PER_TASK))
            .enumerate()
            .map(|(task, (input, output))| self.score_chunk(task * OBJECTS_PER_TASK, input, output))
            .collect();
        // The first failing task in order holds the first bad object, as without threads.
        results.into_iter().collect()
    }

    /// [`BatchScorer::levels_chunk`] for G grades known at compile time.
    fn levels_fixed<const G: usize>(
        &self,
        first: usize,
        input: &[f64],
        output: &mut [f64],
        combine: impl Fn(f64, f64, f64) -> f64,
    ) -> Result<()> {
        let per_object = (self.leaves() * G).max(1);
        let cap = self.operator == Operator::MinBoundedSum;
        let mut scratch = vec![[0.0; G]; self.slot_paths.len()];
        let objects = input
            .chunks_exact(per_object)
            .zip(output.chunks_exact_mut(G));
        for (k, (object, out)) in objects.enumerate() {
            if !rows_are_valid_fixed::<G>(object) {
                return Err(self.row_error(first + k, object));
            }
            for step in &self.steps {
                let mut target = [0.0; G];
                for &(source, weight) in &self.children[step.children.clone()] {
                    let row: [f64; G] = match source {
                        Source::Leaf(leaf) => {
                            let start = leaf * G;
                            match object.get(start..start + G).map(<[f64; G]>::try_from) {
                                Some(Ok(row)) => row,
                                _ => continue,
                            }
                        }
                        Source::Slot(slot) => scratch[slot],
                    };
                    for h in 0..G {
                        target[h] = combine(target[h], weight, row[h]);
                    }
                }
                if cap {
                    target.iter_mut().for_each(|b| *b = b.min(1.0));
                }
                let sum: f64 = target.iter().sum();
                if !(sum > 0.0) {
                    let path = self.slot_paths[step.slot].clone();
                    return Err(Error::InObject {
                        object: format!("object {}", first + k),
                        source: Box::new(Error::ZeroComposition.in_node(path)),
                    });
                }
                let inverse = 1.0 / sum;
                target.iter_mut().for_each(|b| *b *= inverse);
                scratch[step.slot] = target;
            }
            out.copy_from_slice(&scratch[0]);
        }
        Ok(())
    }

    /// Every leaf row of one object in [0, 1] and summing to 1.
    fn check_rows(&self, object: &[f64]) -> Result<()> {
        for (leaf, row) in object.chunks_exact(self.grades).enumerate() {
            let mut sum = 0.0;
            let mut in_range = true;
            for &r in row {
                sum += r;
                in_range &= (0.0..=1.0).contains(&r);
            }
            if in_range && (sum - 1.0).abs() <= tolerance::MEMBERSHIP_ROW_SUM {
                continue;
            }
            let error = match row.iter().position(|r| !(0.0..=1.0).contains(r)) {
                Some(col) => Error::MembershipOutOfRange {
                    row: leaf,
                    col,
                    value: row[col],
                },
                None => Error::MembershipRowSum {
                    row: leaf,
                    sum,
                    tolerance: tolerance::MEMBERSHIP_ROW_SUM,
                },
            };
            return Err(error.in_node(self.leaf_paths[leaf].clone()));
        }
        Ok(())
    }
}

/// Whether every row of one object lies in [0, 1] and sums to 1 (a NaN fails).
fn rows_are_valid(object: &[f64], g: usize) -> bool {
    let (mut low, mut high, mut bad_sums) = (0.0f64, 1.0f64, 0u32);
    for row in object.chunks_exact(g) {
        let mut sum = 0.0;
        for &r in row {
            sum += r;
            low = if r < low { r } else { low };
            high = if r > high { r } else { high };
        }
        // A NaN degree makes the sum NaN, and `NaN <= x` is false: counted as bad.
        bad_sums += u32::from(!((sum - 1.0).abs() <= tolerance::MEMBERSHIP_ROW_SUM));
    }
    low >= 0.0 && high <= 1.0 && bad_sums == 0
}

/// [`rows_are_valid`] for G grades known at compile time.
fn rows_are_valid_fixed<const G: usize>(object: &[f64]) -> bool {
    let (mut low, mut high) = ([0.0f64; G], [1.0f64; G]);
    let mut bad_sums = 0u32;
    for row in object.chunks_exact(G) {
        let Ok(row) = <&[f64; G]>::try_from(row) else {
            return false;
        };
        let mut sum = 0.0;
        for h in 0..G {
            let r = row[h];
            sum += r;
            low[h] = if r < low[h] { r } else { low[h] };
            high[h] = if r > high[h] { r } else { high[h] };
        }
        // A NaN degree makes the sum NaN, and `NaN <= x` is false: counted as bad.
        bad_sums += u32::from(!((sum - 1.0).abs() <= tolerance::MEMBERSHIP_ROW_SUM));
    }
    bad_sums == 0 && low.iter().all(|&l| l >= 0.0) && high.iter().all(|&h| h <= 1.0)
}

/// E = Σ_leaf w_leaf·r_leaf into `out` (not normalized); returns whether every row was valid.
fn weighted_average_fixed<const G: usize>(
    weights: &[f64],
    object: &[f64],
    out: &mut [f64],
) -> bool {
    let mut acc = [0.0; G];
    for (&w, row) in weights.iter().zip(object.chunks_exact(G)) {
        if let Ok(row) = <&[f64; G]>::try_from(row) {
            for h in 0..G {
                acc[h] += w * row[h];
            }
        }
    }
    out.copy_from_slice(&acc);
    // A second pass over 12 × 4 degrees that are already in L1 cache.
    rows_are_valid_fixed::<G>(object)
}

fn weighted_average_any(weights: &[f64], object: &[f64], out: &mut [f64]) -> bool {
    let g = out.len();
    out.fill(0.0);
    for (&w, row) in weights.iter().zip(object.chunks_exact(g)) {
        for (e, &r) in out.iter_mut().zip(row) {
            *e += w * r;
        }
    }
    rows_are_valid(object, g)
}
