//! Scoring very many objects against one model: one contiguous (objects, leaves, grades) array
//! in, one (objects, grades) array and the scores out, with no allocation per object.

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayView3};

use super::indicator::IndicatorMembership;
use super::plan::Fault;

/// Objects whose measured values are turned into degrees at a time in
/// [`BatchScorer::score_values`].
pub const VALUES_PER_CHUNK: usize = 4096;
use super::Evaluator;
use crate::error::{Error, ErrorKind, Location, Quantity, Result};

/// A model prepared for batch scoring; from [`Evaluator::batch_scorer`].
///
/// It runs the evaluator's composition plan. For the weighted average the multi-level
/// composition is linear, so E = Σ_leaf w_leaf·r_leaf with the leaves' global weights: one
/// contraction per object, which agrees with [`Evaluator::evaluate`] to rounding. The other
/// operators run the same level-by-level kernel as `evaluate`, and give the same bits. With
/// the `rayon` feature the objects are split across threads; the results are the same bit for
/// bit as without it.
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
    evaluator: Evaluator,
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

    /// The grade vectors and the scores, taken out without a copy (to hand them on, e.g. to
    /// another language's arrays).
    pub fn into_parts(self) -> (Array2<f64>, Option<Array1<f64>>) {
        (self.results, self.scores)
    }
}

impl Evaluator {
    /// Prepares this model for scoring many objects at once.
    pub fn batch_scorer(&self) -> BatchScorer {
        BatchScorer {
            evaluator: self.clone(),
        }
    }
}

impl BatchScorer {
    /// The number of leaves each object needs a row for.
    pub fn leaves(&self) -> usize {
        self.evaluator.plan().leaves().len()
    }

    /// The number of grades.
    pub fn grades(&self) -> usize {
        self.evaluator.plan().grades()
    }

    /// Scores `memberships`, shaped (objects, leaves, grades), leaves left to right. A view in
    /// standard (C) layout is read in place; any other layout is copied once.
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`] for the wrong number of leaves, [`ErrorKind::GradeCountMismatch`]
    /// for the wrong number of grades; a membership row outside [0, 1] or not summing to 1
    /// ([`ErrorKind::MembershipOutOfRange`], [`ErrorKind::MembershipRowSum`]), or an all-zero
    /// composition, at a [`Location::Node`] with the node's path inside a [`Location::ObjectIndex`]
    /// with the object's index. With several bad objects, the first one is reported.
    pub fn score(&self, memberships: ArrayView3<'_, f64>) -> Result<BatchEvaluation> {
        let (objects, leaves, grades) = memberships.dim();
        if leaves != self.leaves() {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::RowsPerLeaf,
                expected: self.leaves(),
                found: leaves,
            }));
        }
        if grades != self.grades() {
            return Err(Error::from(ErrorKind::GradeCountMismatch {
                expected: self.grades(),
                found: grades,
            }));
        }
        // Read in place when contiguous; otherwise one copy in standard order.
        let copied;
        let input = match memberships.as_slice() {
            Some(input) => input,
            None => {
                copied = memberships.iter().copied().collect::<Vec<f64>>();
                &copied[..]
            }
        };
        let mut output = vec![0.0; objects * grades];
        self.score_all(input, &mut output)?;
        Ok(self.evaluation(objects, output))
    }

    /// The batch's results from `output`, objects × grades values, with their scores.
    fn evaluation(&self, objects: usize, output: Vec<f64>) -> BatchEvaluation {
        #[allow(clippy::expect_used)]
        let results = Array2::from_shape_vec((objects, self.grades()), output)
            .expect("objects × grades values were allocated for that shape");
        let scores = self
            .evaluator
            .grades()
            .scores()
            .map(|s| results.dot(&ArrayView1::from(s)));
        BatchEvaluation { results, scores }
    }

    /// Scores measured values, shaped (objects, leaves), each leaf's value turned into grade
    /// degrees by its membership function (`indicators`, one per leaf, left to right). The
    /// degrees are built and scored in chunks of [`VALUES_PER_CHUNK`] objects, so the memory
    /// is that of the values and the results.
    ///
    /// ```
    /// use ahp_fce::alternatives::Better;
    /// use ahp_fce::fce::{IndicatorMembership, IndicatorShape};
    /// use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, Weights};
    /// use ndarray::array;
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let hierarchy = Hierarchy::new(Criterion::weighted("Goal", Weights::new(&[0.5, 0.5])?, [
    ///     Criterion::leaf("defaults"),
    ///     Criterion::leaf("delays"),
    /// ]))?;
    /// let grades = Grades::with_scores(["good", "bad"], [1.0, 0.0])?;
    /// let scorer = Evaluator::new(hierarchy, grades, &AhpOptions::default())?.batch_scorer();
    /// let rate = IndicatorMembership::new(IndicatorShape::Triangular(vec![0.01, 0.05]), Better::Less)?;
    /// let days = IndicatorMembership::new(IndicatorShape::Triangular(vec![1.0, 10.0]), Better::Less)?;
    /// // Two objects: (1 % defaults, 1 day late) and (3 %, 10 days).
    /// let batch = scorer.score_values(array![[0.01, 1.0], [0.03, 10.0]].view(), &[rate, days])?;
    /// // By hand: the first is good on both; the second (0.5, 0.5) and (0, 1): score 0.25.
    /// approx::assert_relative_eq!(batch.scores().unwrap()[0], 1.0, max_relative = 1e-12);
    /// approx::assert_relative_eq!(batch.scores().unwrap()[1], 0.25, max_relative = 1e-12);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`] for the wrong number of leaves or of indicators, or an
    /// indicator over another number of grades; [`ErrorKind::NonFiniteIndicator`] at the leaf
    /// (a [`Location::Node`]) inside the object ([`Location::ObjectIndex`]); an all-zero
    /// composition as for [`BatchScorer::score`].
    pub fn score_values(
        &self,
        values: ArrayView2<'_, f64>,
        indicators: &[IndicatorMembership],
    ) -> Result<BatchEvaluation> {
        let (objects, leaves) = values.dim();
        let g = self.grades();
        for (found, what) in [
            (leaves, Quantity::RowsPerLeaf),
            (indicators.len(), Quantity::IndicatorsPerLeaf),
        ] {
            if found != self.leaves() {
                return Err(Error::from(ErrorKind::LengthMismatch {
                    what,
                    expected: self.leaves(),
                    found,
                }));
            }
        }
        if let Some((k, f)) = indicators.iter().enumerate().find(|(_, f)| f.grades() != g) {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::ScoresPerGrade,
                expected: g,
                found: f.grades(),
            })
            .in_node(self.leaf_path(k)));
        }
        let mut output = vec![0.0; objects * g];
        let mut degrees = vec![0.0; VALUES_PER_CHUNK.min(objects.max(1)) * leaves * g];
        for (chunk, out) in output.chunks_mut(VALUES_PER_CHUNK * g).enumerate() {
            let first = chunk * VALUES_PER_CHUNK;
            let count = out.len() / g.max(1);
            let input = &mut degrees[..count * leaves * g];
            for o in 0..count {
                let row = values.row(first + o);
                for (l, (&v, f)) in row.iter().zip(indicators).enumerate() {
                    let at = (o * leaves + l) * g;
                    f.degrees_into(v, &mut input[at..at + g]).map_err(|e| {
                        e.in_node(self.leaf_path(l))
                            .at(Location::ObjectIndex(first + o))
                    })?;
                }
            }
            self.score_all_from(first, input, out)?;
        }
        Ok(self.evaluation(objects, output))
    }

    /// Scores objects laid out flat, as [`BatchScorer::score`] reads them, into a buffer of
    /// the caller's: `input` holds leaves × grades degrees per object, `output` receives
    /// grades values per object, and errors number the objects from `first`. For callers
    /// that gather chunks of a larger source themselves (columns of a table, say) and reuse
    /// their buffers.
    ///
    /// ```
    /// use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, Weights};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let hierarchy = Hierarchy::new(Criterion::weighted("Goal", Weights::new(&[0.75, 0.25])?, [
    ///     Criterion::leaf("a"),
    ///     Criterion::leaf("b"),
    /// ]))?;
    /// let grades = Grades::with_scores(["good", "bad"], [1.0, 0.0])?;
    /// let scorer = Evaluator::new(hierarchy, grades, &AhpOptions::default())?.batch_scorer();
    /// let mut output = [0.0; 2];
    /// scorer.score_slices(0, &[1.0, 0.0, 0.0, 1.0], &mut output)?;
    /// assert_eq!(output, [0.75, 0.25]);
    /// // A bad row names its object counted from `first`: here object 1000.
    /// let err = scorer.score_slices(1000, &[1.5, 0.0, 0.0, 1.0], &mut output).unwrap_err();
    /// assert!(err.to_string().starts_with("in object 1000 of the batch"));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`] when `output` is not whole objects or `input` does not
    /// hold leaves × grades degrees for each of them; else as [`BatchScorer::score`].
    pub fn score_slices(&self, first: usize, input: &[f64], output: &mut [f64]) -> Result<()> {
        let (leaves, grades) = (self.leaves(), self.grades());
        let objects = self.objects_of(output)?;
        if input.len() != objects * leaves * grades {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::DegreesOfBatch,
                expected: objects * leaves * grades,
                found: input.len(),
            }));
        }
        self.score_all_from(first, input, output)
    }

    /// Scores objects whose degrees lie in columns, as a table holds them, into a buffer of
    /// the caller's: `columns[leaf * grades + h]` holds grade h of that leaf (leaves left
    /// to right, as in [`BatchScorer::score`]) for every object, `output` receives grades values per
    /// object, and errors number the objects from `first`. The results and errors are those
    /// of [`BatchScorer::score_slices`] on the same degrees gathered into rows, bit for bit;
    /// no rows are gathered for the weighted average, which runs over blocks of objects column
    /// by column. On the calling thread (a query engine runs one per partition).
    ///
    /// ```
    /// use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, Weights};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let hierarchy = Hierarchy::new(Criterion::weighted("Goal", Weights::new(&[0.75, 0.25])?, [
    ///     Criterion::leaf("a"),
    ///     Criterion::leaf("b"),
    /// ]))?;
    /// let grades = Grades::with_scores(["good", "bad"], [1.0, 0.0])?;
    /// let scorer = Evaluator::new(hierarchy, grades, &AhpOptions::default())?.batch_scorer();
    /// // Two objects; the columns a.good, a.bad, b.good, b.bad.
    /// let columns: [&[f64]; 4] = [&[1.0, 0.5], &[0.0, 0.5], &[0.0, 0.5], &[1.0, 0.5]];
    /// let mut output = [0.0; 4];
    /// scorer.score_columns(0, &columns, &mut output)?;
    /// assert_eq!(output, [0.75, 0.25, 0.5, 0.5]);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`] when `output` is not whole objects, there is not one
    /// column per leaf and grade, or a column (its leaf named) does not hold one value per
    /// object; else as [`BatchScorer::score`].
    pub fn score_columns(
        &self,
        first: usize,
        columns: &[&[f64]],
        output: &mut [f64],
    ) -> Result<()> {
        let (leaves, grades) = (self.leaves(), self.grades());
        let objects = self.objects_of(output)?;
        if columns.len() != leaves * grades {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::ColumnsOfBatch,
                expected: leaves * grades,
                found: columns.len(),
            }));
        }
        if let Some(k) = columns.iter().position(|c| c.len() != objects) {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::ValuesPerColumn,
                expected: objects,
                found: columns[k].len(),
            })
            .in_node(self.leaf_path(k / grades.max(1))));
        }
        let plan = self.evaluator.plan();
        plan.score_columns(columns, output).map_err(|(k, fault)| {
            let object: Vec<f64> = columns.iter().map(|c| c[k]).collect();
            self.locate(first + k, fault, &object)
        })
    }

    /// How many objects' results `output` holds, one grade vector each; an error when it is
    /// not whole vectors.
    fn objects_of(&self, output: &[f64]) -> Result<usize> {
        let grades = self.grades();
        let objects = output.len() / grades.max(1);
        if objects * grades != output.len() {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::ScoresPerGrade,
                expected: grades,
                found: output.len() % grades.max(1),
            }));
        }
        Ok(objects)
    }

    fn leaf_path(&self, leaf: usize) -> String {
        let plan = self.evaluator.plan();
        plan.leaves()
            .get(leaf)
            .map_or_else(String::new, |&id| self.evaluator.hierarchy().path(id))
    }

    /// Scores objects `first..` from `input` into `output`; both hold whole objects.
    fn score_chunk(&self, first: usize, input: &[f64], output: &mut [f64]) -> Result<()> {
        let plan = self.evaluator.plan();
        plan.score_objects(input, output).map_err(|(k, fault)| {
            let per_object = self.leaves() * self.grades();
            let object = &input[k * per_object..(k + 1) * per_object];
            self.locate(first + k, fault, object)
        })
    }

    fn locate(&self, object: usize, fault: Fault, rows: &[f64]) -> Error {
        self.evaluator
            .fault_error(fault, rows)
            .at(Location::ObjectIndex(object))
    }

    fn score_all(&self, input: &[f64], output: &mut [f64]) -> Result<()> {
        self.score_all_from(0, input, output)
    }

    #[cfg(not(feature = "rayon"))]
    fn score_all_from(&self, first: usize, input: &[f64], output: &mut [f64]) -> Result<()> {
        self.score_chunk(first, input, output)
    }

    #[cfg(feature = "rayon")]
    fn score_all_from(&self, first: usize, input: &[f64], output: &mut [f64]) -> Result<()> {
        use rayon::prelude::*;
        // Large enough to amortize a task, small enough to balance two to a few dozen cores.
        const OBJECTS_PER_TASK: usize = 4096;
        let per_object = (self.leaves() * self.grades()).max(1);
        let results: Vec<Result<()>> = input
            .par_chunks(per_object * OBJECTS_PER_TASK)
            .zip(output.par_chunks_mut(self.grades() * OBJECTS_PER_TASK))
            .enumerate()
            .map(|(task, (input, output))| {
                self.score_chunk(first + task * OBJECTS_PER_TASK, input, output)
            })
            .collect();
        // The first failing task in order holds the first bad object, as without threads.
        results.into_iter().collect()
    }
}
