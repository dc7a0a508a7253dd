//! The evaluator: a hierarchy, its weights, a comment set and an operator, compiled once into
//! a composition plan that evaluates objects one at a time or in batches.

use super::membership::row_error;
use super::outcome::{
    rank_by_score, shared_ranks, Contribution, Evaluation, RankOrder, Ranking, TieTolerance,
    Verdict,
};
use super::plan::{CompositionPlan, Fault};
use super::{Composition, Grades, MembershipMatrix, Operator};
use crate::ahp::AhpOptions;
use crate::error::{Error, ErrorKind, Quantity, Result};
use crate::hierarchy::{Hierarchy, Synthesis, PATH_SEPARATOR};

/// A ready-to-use evaluation model: a hierarchy with its weights computed once, a comment set,
/// and a composition operator.
///
/// Each internal node's grade vector is G = D ∘ R, where D are the node's local weights and the
/// rows of R are its children's grade vectors (a leaf's row is its membership row): the source
/// paper's G_i = D_i·R_i and E = F·G (Gupta, section 2.3), generalized to any depth. Each
/// node's vector is normalized before it enters its parent's R, which changes nothing for the
/// weighted average (its vectors already sum to 1) and keeps the other operators comparable
/// across levels.
///
/// ```
/// use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, JudgmentMatrix};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let hierarchy = Hierarchy::new(Criterion::judged(
///     "Store risk",
///     JudgmentMatrix::from_upper_triangle(&[3.0])?,
///     [Criterion::leaf("Credit"), Criterion::leaf("Logistics")],
/// ))?;
/// let grades = Grades::with_scores(["high", "medium", "low"], [3.0, 2.0, 1.0])?;
/// let evaluator = Evaluator::new(hierarchy, grades, &AhpOptions::default())?;
///
/// let mut data = evaluator.leaf_data();
/// data.set_votes("Credit", &[6, 3, 1], Some(10))?;
/// data.set_degrees("Logistics", &[0.1, 0.3, 0.6])?;
/// let evaluation = evaluator.evaluate(&data.build()?)?;
///
/// assert_eq!(evaluation.verdict().name, "high");
/// // E = 0.75·(0.6, 0.3, 0.1) + 0.25·(0.1, 0.3, 0.6) = (0.475, 0.3, 0.225); score 2.25.
/// approx::assert_relative_eq!(evaluation.score().unwrap(), 2.25, max_relative = 1e-15);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluator {
    hierarchy: Hierarchy,
    synthesis: Synthesis,
    grades: Grades,
    plan: CompositionPlan,
    grade_tie: TieTolerance,
    score_tie: TieTolerance,
    rank_order: RankOrder,
    /// For each node, its row in an object's membership matrix (leaves only).
    leaf_rows: Vec<Option<usize>>,
}

impl Evaluator {
    /// Synthesizes the hierarchy's weights under `options`, pairs them with `grades` and
    /// compiles the composition plan; the operator is the weighted average and the tie
    /// tolerances [`TieTolerance::grades_default`] and [`TieTolerance::scores_default`] until
    /// changed.
    ///
    /// # Errors
    /// As [`Hierarchy::synthesize`].
    pub fn new(hierarchy: Hierarchy, grades: Grades, options: &AhpOptions) -> Result<Self> {
        let synthesis = hierarchy.synthesize(options)?;
        Ok(Self::from_synthesis(hierarchy, synthesis, grades))
    }

    /// An evaluator over weights the crate has just synthesized from `hierarchy`, so that a
    /// model file is synthesized once. Crate-private: a synthesis carries no identity of its
    /// hierarchy, so a public version could pair weights with a tree they do not belong to.
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`] when `synthesis` is not over `hierarchy`'s nodes.
    #[cfg(feature = "model")]
    pub(crate) fn with_synthesis(
        hierarchy: Hierarchy,
        synthesis: Synthesis,
        grades: Grades,
    ) -> Result<Self> {
        if synthesis.len() != hierarchy.len() {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::NodesOfSynthesis,
                expected: hierarchy.len(),
                found: synthesis.len(),
            }));
        }
        Ok(Self::from_synthesis(hierarchy, synthesis, grades))
    }

    fn from_synthesis(hierarchy: Hierarchy, synthesis: Synthesis, grades: Grades) -> Self {
        let plan =
            CompositionPlan::compile(&hierarchy, &synthesis, Operator::default(), grades.len());
        let mut leaf_rows = vec![None; hierarchy.len()];
        for (row, leaf) in plan.leaves().iter().enumerate() {
            leaf_rows[leaf.index()] = Some(row);
        }
        Self {
            hierarchy,
            synthesis,
            grades,
            plan,
            grade_tie: TieTolerance::grades_default(),
            score_tie: TieTolerance::scores_default(),
            rank_order: RankOrder::default(),
            leaf_rows,
        }
    }

    /// This model with another composition operator.
    pub fn with_operator(mut self, operator: Operator) -> Self {
        self.plan = self.plan.with_operator(operator);
        self
    }

    /// This model with another gap under which the top two grades of an evaluation count as
    /// tied (in units of membership degree).
    pub fn with_grade_tie(mut self, tolerance: TieTolerance) -> Self {
        self.grade_tie = tolerance;
        self
    }

    /// This model with another gap under which two objects' scores count as tied (in the
    /// units of the grade scores).
    pub fn with_score_tie(mut self, tolerance: TieTolerance) -> Self {
        self.score_tie = tolerance;
        self
    }

    /// This model with another end of the scores ranking first (the highest by default).
    pub fn with_rank_order(mut self, order: RankOrder) -> Self {
        self.rank_order = order;
        self
    }

    /// Which end of the scores ranks first.
    pub fn rank_order(&self) -> RankOrder {
        self.rank_order
    }

    /// The hierarchy.
    pub fn hierarchy(&self) -> &Hierarchy {
        &self.hierarchy
    }

    /// The weights and consistency of the hierarchy.
    pub fn synthesis(&self) -> &Synthesis {
        &self.synthesis
    }

    /// The comment set.
    pub fn grades(&self) -> &Grades {
        &self.grades
    }

    /// The composition operator.
    pub fn operator(&self) -> Operator {
        self.plan.operator()
    }

    /// The gap under which the top two grades count as tied.
    pub fn grade_tie(&self) -> TieTolerance {
        self.grade_tie
    }

    /// The gap under which two scores count as tied.
    pub fn score_tie(&self) -> TieTolerance {
        self.score_tie
    }

    /// The row of an object's membership matrix that belongs to `leaf`, given by its name, or
    /// by its path (`Goal/Criterion/Leaf`, recognized by the `/`) where a name is not unique.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownNode`], [`ErrorKind::UnknownPath`], [`ErrorKind::AmbiguousName`],
    /// [`ErrorKind::NotALeaf`].
    ///
    /// ```
    /// use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, Weights};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let hierarchy = Hierarchy::new(Criterion::weighted(
    ///     "Goal",
    ///     Weights::new(&[0.5, 0.5])?,
    ///     [Criterion::leaf("a"), Criterion::leaf("b")],
    /// ))?;
    /// let evaluator = Evaluator::new(hierarchy, Grades::new(["good", "bad"])?, &AhpOptions::default())?;
    /// assert_eq!(evaluator.leaf_index("b")?, 1);
    /// assert_eq!(evaluator.leaf_index("Goal/a")?, 0);
    /// assert!(evaluator.leaf_index("Goal").is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn leaf_index(&self, leaf: &str) -> Result<usize> {
        let hierarchy = &self.hierarchy;
        let id = if leaf.contains(PATH_SEPARATOR) {
            hierarchy.find_path(&leaf.split(PATH_SEPARATOR).collect::<Vec<_>>())?
        } else {
            hierarchy.find(leaf)?
        };
        self.leaf_rows[id.index()].ok_or_else(|| {
            Error::from(ErrorKind::NotALeaf {
                node: hierarchy.path(id),
            })
        })
    }

    /// The verdict by maximum membership on a final vector E (one degree per grade), as
    /// [`Evaluator::evaluate`] gives it: for results of a [`BatchScorer`](super::BatchScorer).
    ///
    /// # Errors
    /// [`ErrorKind::GradeCountMismatch`] for a vector of another length than the grades.
    pub fn verdict_of(&self, e: &[f64]) -> Result<Verdict> {
        if e.len() != self.grades.len() {
            return Err(Error::from(ErrorKind::GradeCountMismatch {
                expected: self.grades.len(),
                found: e.len(),
            }));
        }
        Ok(Verdict::of(e, &self.grades, self.grade_tie))
    }

    /// The grade [`Evaluator::verdict_of`] names on E (maximum membership, the first of equal
    /// maxima), without building the whole verdict: for scoring loops that must not allocate.
    ///
    /// ```
    /// # use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, Weights};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// # let hierarchy = Hierarchy::new(Criterion::weighted("G", Weights::new(&[0.5, 0.5])?,
    /// #     [Criterion::leaf("a"), Criterion::leaf("b")]))?;
    /// # let evaluator = Evaluator::new(hierarchy, Grades::new(["good", "fair", "bad"])?, &AhpOptions::default())?;
    /// assert_eq!(evaluator.verdict_grade(&[0.2, 0.4, 0.4])?, 1);
    /// assert_eq!(evaluator.verdict_of(&[0.2, 0.4, 0.4])?.grade, 1);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::GradeCountMismatch`] for a vector of another length than the grades.
    pub fn verdict_grade(&self, e: &[f64]) -> Result<usize> {
        if e.len() != self.grades.len() {
            return Err(Error::from(ErrorKind::GradeCountMismatch {
                expected: self.grades.len(),
                found: e.len(),
            }));
        }
        Ok(Verdict::grade_of(e))
    }

    /// The rank of each score as [`Evaluator::rank`] gives it (highest first, scores within
    /// the score tie tolerance of the one ranked just above sharing its rank), in the order of
    /// `scores`: for scores of a [`BatchScorer`](super::BatchScorer).
    ///
    /// ```
    /// # use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, Weights};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// # let hierarchy = Hierarchy::new(Criterion::weighted("G", Weights::new(&[0.5, 0.5])?,
    /// #     [Criterion::leaf("a"), Criterion::leaf("b")]))?;
    /// # let evaluator = Evaluator::new(hierarchy, Grades::new(["good", "bad"])?, &AhpOptions::default())?;
    /// assert_eq!(evaluator.rank_scores(&[0.2, 0.9, 0.2, 0.5]), vec![3, 1, 3, 2]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn rank_scores(&self, scores: &[f64]) -> Vec<usize> {
        let mut ranks = vec![0; scores.len()];
        for (index, rank, _) in shared_ranks(
            scores.iter().copied().enumerate(),
            self.rank_order,
            self.score_tie,
        ) {
            ranks[index] = rank;
        }
        ranks
    }

    pub(crate) fn plan(&self) -> &CompositionPlan {
        &self.plan
    }

    /// An empty collection of leaf data for one object, to fill leaf by leaf.
    pub fn leaf_data(&self) -> LeafData<'_> {
        LeafData {
            evaluator: self,
            rows: vec![None; self.plan.leaves().len()],
        }
    }

    /// Evaluates one object from its membership matrix, whose rows are the leaves in the order
    /// of [`Hierarchy::leaves`] (left to right).
    ///
    /// # Errors
    /// [`ErrorKind::GradeCountMismatch`] when the matrix has another number of grades;
    /// [`ErrorKind::MissingLeafData`] naming the first leaf without a row;
    /// [`ErrorKind::LengthMismatch`] for more rows than leaves; [`ErrorKind::ZeroComposition`] (in
    /// a [`Location::Node`](crate::error::Location::Node)) if a node's vector comes out all zero.
    pub fn evaluate(&self, memberships: &MembershipMatrix) -> Result<Evaluation> {
        let leaves = self.plan.leaves();
        let g = self.grades.len();
        if memberships.grades() != g {
            return Err(Error::from(ErrorKind::GradeCountMismatch {
                expected: g,
                found: memberships.grades(),
            }));
        }
        if let Some(&missing) = leaves.get(memberships.indicators()) {
            return Err(Error::from(ErrorKind::MissingLeafData {
                leaf: self.hierarchy.path(missing),
            }));
        }
        if memberships.indicators() > leaves.len() {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::RowsPerLeaf,
                expected: leaves.len(),
                found: memberships.indicators(),
            }));
        }
        let rows = memberships.as_slice();
        let mut scratch = self.plan.scratch();
        let mut raw = self.plan.scratch();
        self.plan
            .compose_levels(rows, &mut scratch, |slot, vector| {
                raw[slot * g..(slot + 1) * g].copy_from_slice(vector);
            })
            .map_err(|fault| self.fault_error(fault, rows))?;
        let mut vectors = vec![Vec::new(); self.hierarchy.len()];
        let mut compositions = vec![None; self.hierarchy.len()];
        for (k, leaf) in leaves.iter().enumerate() {
            vectors[leaf.index()] = rows[k * g..(k + 1) * g].to_vec();
        }
        for (slot, id) in self.plan.slots().iter().enumerate() {
            let span = slot * g..(slot + 1) * g;
            vectors[id.index()] = scratch[span.clone()].to_vec();
            compositions[id.index()] = Some(Composition::from_parts(
                raw[span.clone()].to_vec(),
                scratch[span].to_vec(),
            ));
        }
        let result = Composition::from_parts(raw[..g].to_vec(), scratch[..g].to_vec());
        let verdict = Verdict::of(result.normalized(), &self.grades, self.grade_tie);
        let scores = self.grades.scores();
        let score = scores.map(|s| dot(result.normalized(), s));
        let contributions = self
            .hierarchy
            .node(self.hierarchy.root())
            .children()
            .iter()
            .map(|&child| {
                let weight = self.synthesis.node_of(child).local_weight;
                let grades = vectors[child.index()].clone();
                let weighted: Vec<f64> = grades.iter().map(|v| weight * v).collect();
                Contribution {
                    criterion: child,
                    name: self.hierarchy.node(child).name().to_owned(),
                    weight,
                    score: scores.map(|s| dot(&weighted, s)),
                    grades,
                    weighted,
                }
            })
            .collect();
        Ok(Evaluation::new(
            vectors,
            compositions,
            result,
            verdict,
            score,
            contributions,
        ))
    }

    /// The error for a fault of the composition plan on `object` (its leaf rows), located in
    /// the hierarchy.
    pub(crate) fn fault_error(&self, fault: Fault, object: &[f64]) -> Error {
        let g = self.grades.len();
        match fault {
            Fault::Zero(slot) => Error::from(ErrorKind::ZeroComposition)
                .in_node(self.hierarchy.path(self.plan.slots()[slot])),
            Fault::Row(leaf) => row_error(leaf, &object[leaf * g..(leaf + 1) * g])
                .in_node(self.hierarchy.path(self.plan.leaves()[leaf])),
        }
    }

    /// Evaluates several objects and ranks them by score, highest first; objects whose scores
    /// differ by at most the score tie tolerance share a rank (1, 2, 2, 4, …).
    ///
    /// # Errors
    /// [`ErrorKind::NoGradeScores`] when the grades have no scores; any evaluation error, wrapped
    /// in a [`Location::Object`](crate::error::Location::Object) with the object's name.
    pub fn rank<S: AsRef<str>>(&self, objects: &[(S, MembershipMatrix)]) -> Result<Ranking> {
        if self.grades.scores().is_none() {
            return Err(Error::from(ErrorKind::NoGradeScores));
        }
        let evaluations = objects
            .iter()
            .map(|(name, memberships)| {
                let name = name.as_ref();
                let evaluation = self.evaluate(memberships).map_err(|e| e.in_object(name))?;
                Ok((name.to_owned(), evaluation))
            })
            .collect::<Result<Vec<_>>>()?;
        self.rank_evaluations(evaluations)
    }

    /// Ranks objects already evaluated by this evaluator, as [`Evaluator::rank`] does, without
    /// evaluating them again.
    ///
    /// # Errors
    /// [`ErrorKind::NoGradeScores`] when the grades have no scores.
    pub fn rank_evaluations(&self, evaluations: Vec<(String, Evaluation)>) -> Result<Ranking> {
        let scores = self
            .grades
            .scores()
            .ok_or(Error::from(ErrorKind::NoGradeScores))?;
        Ok(rank_by_score(
            evaluations
                .into_iter()
                .map(|(name, e)| (name, dot(e.result(), scores), e)),
            self.rank_order,
            self.score_tie,
        ))
    }
}

pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// One object's membership rows, filled leaf by leaf and checked as they come; from
/// [`Evaluator::leaf_data`].
///
/// Leaves are named by their name, or by their path (`Goal/Criterion/Leaf`, recognized by the
/// `/` that no name may contain) where a name is not unique.
#[derive(Debug, Clone)]
pub struct LeafData<'e> {
    evaluator: &'e Evaluator,
    rows: Vec<Option<Vec<f64>>>,
}

impl LeafData<'_> {
    /// Sets a leaf's membership degrees, one per grade.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownNode`], [`ErrorKind::AmbiguousName`], [`ErrorKind::NotALeaf`],
    /// [`ErrorKind::DuplicateLeafData`]; [`ErrorKind::GradeCountMismatch`] or any membership-row error
    /// wrapped in a [`Location::Node`](crate::error::Location::Node) with the leaf's path.
    pub fn set_degrees(&mut self, leaf: &str, degrees: &[f64]) -> Result<()> {
        self.set(leaf, degrees.len(), || {
            MembershipMatrix::from_rows(&[degrees])
        })
    }

    /// Sets a leaf's degrees from vote counts per grade, r_h = V_h / V (see
    /// [`MembershipMatrix::from_votes`]).
    ///
    /// # Errors
    /// As [`LeafData::set_degrees`], plus the vote errors of
    /// [`MembershipMatrix::from_votes`].
    pub fn set_votes(&mut self, leaf: &str, votes: &[u32], experts: Option<u32>) -> Result<()> {
        self.set(leaf, votes.len(), || {
            MembershipMatrix::from_votes(&[votes], experts)
        })
    }

    /// Sets `leaf`'s row from `row()`, which has `given` values: their number is checked
    /// first, so that four votes for five grades say so rather than that their sum is off.
    fn set(
        &mut self,
        leaf: &str,
        given: usize,
        row: impl FnOnce() -> Result<MembershipMatrix>,
    ) -> Result<()> {
        let index = self.evaluator.leaf_index(leaf)?;
        let path = self
            .evaluator
            .hierarchy
            .path(self.evaluator.plan.leaves()[index]);
        if self.rows[index].is_some() {
            return Err(Error::from(ErrorKind::DuplicateLeafData { leaf: path }));
        }
        let expected = self.evaluator.grades.len();
        if given != expected {
            return Err(Error::from(ErrorKind::GradeCountMismatch {
                expected,
                found: given,
            })
            .in_node(path));
        }
        let checked = row().and_then(|m| {
            if m.grades() == expected {
                Ok(m)
            } else {
                Err(Error::from(ErrorKind::GradeCountMismatch {
                    expected,
                    found: m.grades(),
                }))
            }
        });
        let matrix = checked.map_err(|e| e.in_node(path))?;
        self.rows[index] = Some(matrix.as_slice().to_vec());
        Ok(())
    }

    /// The membership matrix in leaf order, ready for [`Evaluator::evaluate`].
    ///
    /// # Errors
    /// [`ErrorKind::MissingLeafData`] naming the first leaf (left to right) without data.
    pub fn build(self) -> Result<MembershipMatrix> {
        let leaves = self.evaluator.plan.leaves();
        let mut rows = Vec::with_capacity(self.rows.len());
        for (row, leaf) in self.rows.into_iter().zip(leaves) {
            rows.push(row.ok_or_else(|| {
                Error::from(ErrorKind::MissingLeafData {
                    leaf: self.evaluator.hierarchy.path(*leaf),
                })
            })?);
        }
        MembershipMatrix::from_rows(&rows)
    }
}
