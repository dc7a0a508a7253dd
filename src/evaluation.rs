//! Multi-level fuzzy comprehensive evaluation: AHP weights composed with membership degrees,
//! bottom-up through the hierarchy, into a verdict.

use ndarray::{Array2, ArrayView1};

use crate::analysis::AhpOptions;
use crate::composition::{Composition, Operator};
use crate::error::{Error, Result};
use crate::hierarchy::{Hierarchy, NodeId, Synthesis};
use crate::membership::{Grades, MembershipMatrix};
use crate::tolerance;

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
    operator: Operator,
    tie_tolerance: f64,
    /// For each node, its row in the leaf membership matrix (leaves only).
    leaf_rows: Vec<Option<usize>>,
}

impl Evaluator {
    /// Synthesizes the hierarchy's weights under `options` and pairs them with `grades`; the
    /// operator is the weighted average and the tie tolerance [`tolerance::GRADE_TIE`] until
    /// changed.
    ///
    /// # Errors
    /// As [`Hierarchy::synthesize`].
    pub fn new(hierarchy: Hierarchy, grades: Grades, options: &AhpOptions) -> Result<Self> {
        let synthesis = hierarchy.synthesize(options)?;
        let mut leaf_rows = vec![None; hierarchy.len()];
        for (row, leaf) in synthesis.leaves().iter().enumerate() {
            leaf_rows[leaf.index()] = Some(row);
        }
        Ok(Self {
            hierarchy,
            synthesis,
            grades,
            operator: Operator::default(),
            tie_tolerance: tolerance::GRADE_TIE,
            leaf_rows,
        })
    }

    /// This model with another composition operator.
    pub fn with_operator(mut self, operator: Operator) -> Self {
        self.operator = operator;
        self
    }

    /// This model with another gap under which the top two grades, or two objects' scores,
    /// count as tied.
    ///
    /// # Errors
    /// [`Error::InvalidTieTolerance`] unless finite and non-negative.
    pub fn with_tie_tolerance(mut self, tolerance: f64) -> Result<Self> {
        if !(tolerance.is_finite() && tolerance >= 0.0) {
            return Err(Error::InvalidTieTolerance { value: tolerance });
        }
        self.tie_tolerance = tolerance;
        Ok(self)
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
        self.operator
    }

    /// An empty collection of leaf data for one object, to fill leaf by leaf.
    pub fn leaf_data(&self) -> LeafData<'_> {
        LeafData {
            evaluator: self,
            rows: vec![None; self.synthesis.leaves().len()],
        }
    }

    /// Evaluates one object from its membership matrix, whose rows are the leaves in the order
    /// of [`Hierarchy::leaves`] (left to right).
    ///
    /// # Errors
    /// [`Error::GradeCountMismatch`] when the matrix has another number of grades;
    /// [`Error::MissingLeafData`] naming the first leaf without a row;
    /// [`Error::LengthMismatch`] for more rows than leaves; [`Error::ZeroComposition`] (in
    /// [`Error::InNode`]) if a node's vector comes out all zero.
    pub fn evaluate(&self, memberships: &MembershipMatrix) -> Result<Evaluation> {
        let leaves = self.synthesis.leaves();
        if memberships.grades() != self.grades.len() {
            return Err(Error::GradeCountMismatch {
                expected: self.grades.len(),
                found: memberships.grades(),
            });
        }
        if let Some(&missing) = leaves.get(memberships.indicators()) {
            return Err(Error::MissingLeafData {
                leaf: self.hierarchy.path(missing),
            });
        }
        if memberships.indicators() > leaves.len() {
            return Err(Error::LengthMismatch {
                what: "one membership row per leaf",
                expected: leaves.len(),
                found: memberships.indicators(),
            });
        }
        let grades = self.grades.len();
        let mut vectors: Vec<Vec<f64>> = vec![Vec::new(); self.hierarchy.len()];
        let mut compositions: Vec<Option<Composition>> = vec![None; self.hierarchy.len()];
        // Pre-order puts every child after its parent, so the reverse order composes children
        // first.
        let nodes: Vec<_> = self.hierarchy.nodes().collect();
        for &(id, node) in nodes.iter().rev() {
            if let Some(row) = self.leaf_rows[id.index()] {
                vectors[id.index()] = memberships.view().row(row).to_vec();
                continue;
            }
            let children = node.children();
            let mut rows = Array2::zeros((children.len(), grades));
            for (k, child) in children.iter().enumerate() {
                rows.row_mut(k)
                    .assign(&ArrayView1::from(&vectors[child.index()][..]));
            }
            let weights = self
                .synthesis
                .node(id)
                .and_then(|n| n.child_weights.as_ref())
                .map(|w| w.view())
                .unwrap_or_else(|| ArrayView1::from(&[][..]));
            let mut raw = vec![0.0; grades];
            self.operator.compose_into(weights, rows.view(), &mut raw);
            let composition =
                Composition::from_raw(raw).map_err(|e| e.in_node(self.hierarchy.path(id)))?;
            vectors[id.index()] = composition.normalized().to_vec();
            compositions[id.index()] = Some(composition);
        }
        let root = self.hierarchy.root();
        let result = compositions[root.index()]
            .clone()
            .ok_or(Error::ZeroComposition)?;
        let verdict = Verdict::of(result.normalized(), &self.grades, self.tie_tolerance);
        let score = self.grades.scores().map(|s| dot(result.normalized(), s));
        let contributions = self.hierarchy.get(root).map_or_else(Vec::new, |node| {
            node.children()
                .iter()
                .map(|&child| {
                    let weight = self.synthesis.local_weight(child).unwrap_or(0.0);
                    let vector = vectors[child.index()].clone();
                    let weighted: Vec<f64> = vector.iter().map(|g| weight * g).collect();
                    Contribution {
                        criterion: child,
                        name: self
                            .hierarchy
                            .get(child)
                            .map_or_else(String::new, |n| n.name().to_owned()),
                        weight,
                        score: self.grades.scores().map(|s| dot(&weighted, s)),
                        grades: vector,
                        weighted,
                    }
                })
                .collect()
        });
        Ok(Evaluation {
            vectors,
            compositions,
            result,
            verdict,
            score,
            contributions,
        })
    }

    /// Evaluates several objects and ranks them by score, highest first; objects whose scores
    /// differ by at most the tie tolerance share a rank (1, 2, 2, 4, …).
    ///
    /// # Errors
    /// [`Error::NoGradeScores`] when the grades have no scores; any evaluation error, wrapped
    /// in [`Error::InObject`] with the object's name.
    pub fn rank<S: AsRef<str>>(&self, objects: &[(S, MembershipMatrix)]) -> Result<Ranking> {
        if self.grades.scores().is_none() {
            return Err(Error::NoGradeScores);
        }
        let mut entries = Vec::with_capacity(objects.len());
        for (name, memberships) in objects {
            let name = name.as_ref().to_owned();
            let evaluation = self.evaluate(memberships).map_err(|e| Error::InObject {
                object: name.clone(),
                source: Box::new(e),
            })?;
            let score = evaluation.score.ok_or(Error::NoGradeScores)?;
            entries.push(RankedObject {
                name,
                rank: 0,
                score,
                evaluation,
            });
        }
        entries.sort_by(|a, b| b.score.total_cmp(&a.score));
        for k in 0..entries.len() {
            entries[k].rank = match k.checked_sub(1).map(|p| &entries[p]) {
                Some(previous) if previous.score - entries[k].score <= self.tie_tolerance => {
                    previous.rank
                }
                _ => k + 1,
            };
        }
        Ok(Ranking { entries })
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// One object's membership rows, filled leaf by leaf and checked as they come; from
/// [`Evaluator::leaf_data`].
///
/// Leaves are named by their name, or by their path (`Goal/Criterion/Leaf`) when the name
/// contains `/` — use the path where a name is not unique.
#[derive(Debug, Clone)]
pub struct LeafData<'e> {
    evaluator: &'e Evaluator,
    rows: Vec<Option<Vec<f64>>>,
}

impl LeafData<'_> {
    /// Sets a leaf's membership degrees, one per grade.
    ///
    /// # Errors
    /// [`Error::UnknownNode`], [`Error::AmbiguousName`], [`Error::NotALeaf`],
    /// [`Error::DuplicateLeafData`]; [`Error::GradeCountMismatch`] or any membership-row error
    /// wrapped in [`Error::InNode`] with the leaf's path.
    pub fn set_degrees(&mut self, leaf: &str, degrees: &[f64]) -> Result<()> {
        self.set(leaf, || MembershipMatrix::from_rows(&[degrees]))
    }

    /// Sets a leaf's degrees from vote counts per grade, r_h = V_h / V (see
    /// [`MembershipMatrix::from_votes`]).
    ///
    /// # Errors
    /// As [`LeafData::set_degrees`], plus the vote errors of
    /// [`MembershipMatrix::from_votes`].
    pub fn set_votes(&mut self, leaf: &str, votes: &[u32], experts: Option<u32>) -> Result<()> {
        self.set(leaf, || MembershipMatrix::from_votes(&[votes], experts))
    }

    fn set(&mut self, leaf: &str, row: impl FnOnce() -> Result<MembershipMatrix>) -> Result<()> {
        let hierarchy = self.evaluator.hierarchy();
        let id = if leaf.contains('/') {
            hierarchy.find_path(&leaf.split('/').collect::<Vec<_>>())?
        } else {
            hierarchy.find(leaf)?
        };
        let path = hierarchy.path(id);
        let Some(index) = self.evaluator.leaf_rows.get(id.index()).copied().flatten() else {
            return Err(Error::NotALeaf { node: path });
        };
        if self.rows[index].is_some() {
            return Err(Error::DuplicateLeafData { leaf: path });
        }
        let expected = self.evaluator.grades.len();
        let checked = row().and_then(|m| {
            if m.grades() == expected {
                Ok(m)
            } else {
                Err(Error::GradeCountMismatch {
                    expected,
                    found: m.grades(),
                })
            }
        });
        let matrix = checked.map_err(|e| e.in_node(path))?;
        self.rows[index] = matrix.row(0).map(|r| r.to_vec());
        Ok(())
    }

    /// The membership matrix in leaf order, ready for [`Evaluator::evaluate`].
    ///
    /// # Errors
    /// [`Error::MissingLeafData`] naming the first leaf (left to right) without data.
    pub fn build(self) -> Result<MembershipMatrix> {
        let leaves = self.evaluator.synthesis.leaves();
        let mut rows = Vec::with_capacity(self.rows.len());
        for (row, leaf) in self.rows.into_iter().zip(leaves) {
            rows.push(row.ok_or_else(|| Error::MissingLeafData {
                leaf: self.evaluator.hierarchy.path(*leaf),
            })?);
        }
        MembershipMatrix::from_rows(&rows)
    }
}

/// The grade chosen by the maximum-membership principle.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    /// Whether the top two are within the tie tolerance: the principle cannot decide.
    pub tied: bool,
}

impl Verdict {
    fn of(e: &[f64], grades: &Grades, tie_tolerance: f64) -> Self {
        let mut order: Vec<usize> = (0..e.len()).collect();
        // Stable sort: equal memberships keep the grades' order.
        order.sort_by(|&a, &b| e[b].total_cmp(&e[a]));
        let (grade, runner_up) = (order[0], order[1]);
        Self {
            grade,
            name: grades.name(grade).unwrap_or_default().to_owned(),
            degree: e[grade],
            runner_up,
            runner_up_degree: e[runner_up],
            tied: e[grade] - e[runner_up] <= tie_tolerance,
        }
    }
}

/// What one first-level criterion contributes to the result.
///
/// For the weighted average the parts add up: Σ_i `weighted` = E and Σ_i `score` = the score.
/// For the other operators they show each criterion's share of the input, but the result is not
/// their sum.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    /// The final vector E, normalized to sum 1.
    pub fn result(&self) -> &[f64] {
        self.result.normalized()
    }

    /// The final composition, raw and normalized.
    pub fn composition(&self) -> &Composition {
        &self.result
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

/// Objects ordered by score, highest first, from [`Evaluator::rank`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
