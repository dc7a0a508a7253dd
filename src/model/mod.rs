//! Whole evaluations described in one JSON or TOML file: method options, grades, the
//! hierarchy with its comparisons, and the evaluated objects.
//!
//! The format is documented in `docs/model-format.md`; [`spec`] mirrors it type by type.
//! Loading validates exactly as the constructors do, so a file can never produce an invalid
//! [`JudgmentMatrix`] or [`MembershipMatrix`]; every error names the place in the file.

mod report;
pub mod spec;

use std::path::Path;

pub use report::{NodeReport, NodeVector, ObjectReport, RankEntry, Report, ORIENTATION};
use spec::{
    ComparisonsSpec, GradeSpec, JudgmentSpec, LeafSpec, ModelSpec, NodeSpec, ObjectSpec,
    OptionsSpec,
};

use crate::analysis::AhpOptions;
use crate::composition::Operator;
use crate::consistency::{ConsistencyOptions, CrThreshold};
use crate::error::{Error, FileFormat, Result};
use crate::evaluation::Evaluator;
use crate::hierarchy::{Criterion, Hierarchy, Priorities};
use crate::judgment::JudgmentMatrix;
use crate::membership::{Grades, MembershipMatrix};
use crate::tolerance;
use crate::weighting::Weights;

/// A validated model: options, optional grades, the hierarchy, and the objects' leaf data.
///
/// ```
/// use ahp_fce::model::Model;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let model = Model::from_json(r#"{
///     "hierarchy": {
///         "name": "Car",
///         "comparisons": { "pairs": [["cost", "safety", 3], ["cost", "comfort", 5],
///                                    ["safety", "comfort", 2]] },
///         "children": [{ "name": "cost" }, { "name": "safety" }, { "name": "comfort" }]
///     }
/// }"#)?;
/// let report = model.evaluate()?;
/// assert!(report.hierarchy_consistency.acceptable);
/// assert_eq!(report.nodes[1].path, "Car/cost");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "ModelSpec", into = "ModelSpec")
)]
pub struct Model {
    options: AhpOptions,
    operator: Operator,
    grades: Option<Grades>,
    hierarchy: Hierarchy,
    /// Each object's membership rows, leaves left to right.
    objects: Vec<(String, MembershipMatrix)>,
}

impl Model {
    /// Parses and validates a JSON model.
    ///
    /// # Errors
    /// [`Error::Parse`] with line, column and path for malformed JSON or a value of the wrong
    /// type; any validation error wrapped in [`Error::AtPath`].
    pub fn from_json(text: &str) -> Result<Self> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let spec: ModelSpec = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            Error::Parse {
                format: FileFormat::Json,
                path: clean_path(path),
                line: saturate(inner.line()),
                column: saturate(inner.column()),
                message: strip_position(&inner.to_string()),
            }
        })?;
        Self::from_spec(spec)
    }

    /// Parses and validates a TOML model (same structure as JSON).
    ///
    /// # Errors
    /// As [`Model::from_json`].
    pub fn from_toml(text: &str) -> Result<Self> {
        let toml_error = |e: toml::de::Error, path: String| {
            let (line, column) = e.span().map_or((0, 0), |s| line_and_column(text, s.start));
            Error::Parse {
                format: FileFormat::Toml,
                path: clean_path(path),
                line: saturate(line),
                column: saturate(column),
                message: e.message().trim().to_owned(),
            }
        };
        let deserializer =
            toml::de::Deserializer::parse(text).map_err(|e| toml_error(e, String::new()))?;
        let spec: ModelSpec = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let path = e.path().to_string();
            toml_error(e.into_inner(), path)
        })?;
        Self::from_spec(spec)
    }

    /// Reads a model file, JSON or TOML by its extension.
    ///
    /// # Errors
    /// [`Error::UnknownFormat`], [`Error::Io`], and the errors of [`Model::from_json`] and
    /// [`Model::from_toml`].
    pub fn load(path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let parse = match extension.as_deref() {
            Some("json") => Self::from_json,
            Some("toml") => Self::from_toml,
            _ => return Err(Error::UnknownFormat { name }),
        };
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: name,
            message: e.to_string(),
        })?;
        parse(&text)
    }

    /// Validates a parsed file.
    ///
    /// # Errors
    /// Every validation error of the crate's constructors, wrapped in [`Error::AtPath`] with
    /// the place in the file; plus [`Error::ComparisonsAndWeights`], [`Error::BadJudgment`],
    /// [`Error::MissingPair`], [`Error::ConflictingPair`], [`Error::BadPair`],
    /// [`Error::LeafDataForm`], [`Error::PartialScores`], [`Error::ObjectsWithoutGrades`].
    pub fn from_spec(spec: ModelSpec) -> Result<Self> {
        let threshold =
            CrThreshold::new(spec.options.cr_threshold).map_err(at("options.cr_threshold"))?;
        let options = AhpOptions {
            weighting: spec.options.weighting,
            consistency: ConsistencyOptions {
                random_index: spec.options.random_index,
                threshold,
            },
        };
        let grades = grades_of(&spec.grades).map_err(at("grades"))?;
        let hierarchy =
            Hierarchy::new(criterion_of(spec.hierarchy, "hierarchy")?).map_err(at("hierarchy"))?;
        let mut model = Self {
            options,
            operator: spec.options.operator,
            grades,
            hierarchy,
            objects: Vec::new(),
        };
        if !spec.objects.is_empty() {
            let evaluator = model.evaluator().map_err(at("objects"))?;
            for (k, object) in spec.objects.into_iter().enumerate() {
                let rows = leaf_rows(&evaluator, &object, &format!("objects[{k}]"))?;
                model.objects.push((object.name, rows));
            }
        }
        Ok(model)
    }

    /// The file structure of this model: comparisons as full matrices, leaf data as degrees
    /// keyed by leaf path. Reading it back gives an equal model.
    pub fn to_spec(&self) -> ModelSpec {
        let consistency = &self.options.consistency;
        ModelSpec {
            options: OptionsSpec {
                weighting: self.options.weighting,
                random_index: consistency.random_index.clone(),
                cr_threshold: consistency.threshold.value(),
                operator: self.operator,
            },
            grades: self.grades.as_ref().map_or_else(Vec::new, |g| {
                g.names()
                    .iter()
                    .enumerate()
                    .map(|(h, name)| GradeSpec {
                        name: name.clone(),
                        score: g.score(h),
                    })
                    .collect()
            }),
            hierarchy: node_spec_of(&self.hierarchy.to_criterion()),
            objects: self
                .objects
                .iter()
                .map(|(name, rows)| ObjectSpec {
                    name: name.clone(),
                    leaves: self
                        .hierarchy
                        .leaves()
                        .zip(rows.to_rows())
                        .map(|(leaf, degrees)| {
                            let data = LeafSpec {
                                degrees: Some(degrees),
                                votes: None,
                                experts: None,
                            };
                            (self.hierarchy.path(leaf), data)
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// The model as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Serializing plain data to a string cannot fail.
        serde_json::to_string_pretty(&self.to_spec()).unwrap_or_default()
    }

    /// The AHP options.
    pub fn options(&self) -> &AhpOptions {
        &self.options
    }

    /// The composition operator.
    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// The comment set, if the model has one.
    pub fn grades(&self) -> Option<&Grades> {
        self.grades.as_ref()
    }

    /// The hierarchy.
    pub fn hierarchy(&self) -> &Hierarchy {
        &self.hierarchy
    }

    /// The objects with their membership rows (leaves left to right).
    pub fn objects(&self) -> &[(String, MembershipMatrix)] {
        &self.objects
    }

    /// Weights and consistency of every node, and every object's evaluation and rank.
    ///
    /// # Errors
    /// Any error of [`Hierarchy::synthesize`] or [`Evaluator::evaluate`].
    pub fn evaluate(&self) -> Result<Report> {
        Report::of(self)
    }

    /// An evaluator over this model's grades.
    fn evaluator(&self) -> Result<Evaluator> {
        let grades = match &self.grades {
            Some(g) => g.clone(),
            None => return Err(Error::ObjectsWithoutGrades),
        };
        Ok(
            Evaluator::new(self.hierarchy.clone(), grades, &self.options)?
                .with_operator(self.operator),
        )
    }
}

impl TryFrom<ModelSpec> for Model {
    type Error = Error;

    fn try_from(spec: ModelSpec) -> Result<Self> {
        Self::from_spec(spec)
    }
}

impl From<Model> for ModelSpec {
    fn from(model: Model) -> Self {
        model.to_spec()
    }
}

/// Wraps an error with its place in the file.
fn at(path: impl Into<String>) -> impl FnOnce(Error) -> Error {
    let path = path.into();
    move |source| Error::AtPath {
        path,
        source: Box::new(source),
    }
}

fn grades_of(specs: &[GradeSpec]) -> Result<Option<Grades>> {
    if specs.is_empty() {
        return Ok(None);
    }
    let names = specs.iter().map(|g| g.name.clone());
    let scores: Option<Vec<f64>> = specs.iter().map(|g| g.score).collect();
    match scores {
        Some(scores) => Grades::with_scores(names, scores).map(Some),
        None if specs.iter().any(|g| g.score.is_some()) => Err(Error::PartialScores),
        None => Grades::new(names).map(Some),
    }
}

fn criterion_of(node: NodeSpec, path: &str) -> Result<Criterion> {
    let priorities = match (node.comparisons, node.weights) {
        (Some(_), Some(_)) => return Err(Error::ComparisonsAndWeights).map_err(at(path)),
        (Some(comparisons), None) => {
            let names: Vec<&str> = node.children.iter().map(|c| c.name.as_str()).collect();
            let matrix = judgments_of(&comparisons, &names, &format!("{path}.comparisons"))?;
            Some(Priorities::Judgments(matrix))
        }
        (None, Some(weights)) => Some(Priorities::Weights(
            Weights::new(&weights).map_err(at(format!("{path}.weights")))?,
        )),
        (None, None) => None,
    };
    let children = node
        .children
        .into_iter()
        .enumerate()
        .map(|(k, child)| criterion_of(child, &format!("{path}.children[{k}]")))
        .collect::<Result<Vec<_>>>()?;
    Ok(Criterion {
        name: node.name,
        priorities,
        children,
    })
}

fn judgment_value(judgment: &JudgmentSpec) -> Result<f64> {
    match judgment {
        JudgmentSpec::Number(value) => Ok(*value),
        JudgmentSpec::Text(text) => {
            let bad = || Error::BadJudgment { text: text.clone() };
            let number = |s: &str| s.trim().parse::<f64>().map_err(|_| bad());
            match text.split_once('/') {
                Some((n, d)) => Ok(number(n)? / number(d)?),
                None => number(text),
            }
        }
    }
}

fn judgments_of(
    comparisons: &ComparisonsSpec,
    names: &[&str],
    path: &str,
) -> Result<JudgmentMatrix> {
    let values = |row: &[JudgmentSpec], prefix: &str| -> Result<Vec<f64>> {
        row.iter()
            .enumerate()
            .map(|(k, j)| judgment_value(j).map_err(at(format!("{prefix}[{k}]"))))
            .collect()
    };
    match comparisons {
        ComparisonsSpec::Matrix(rows) => {
            let rows = rows
                .iter()
                .enumerate()
                .map(|(r, row)| values(row, &format!("{path}.matrix[{r}]")))
                .collect::<Result<Vec<_>>>()?;
            JudgmentMatrix::from_rows(&rows).map_err(at(format!("{path}.matrix")))
        }
        ComparisonsSpec::Upper(upper) => {
            let upper = values(upper, &format!("{path}.upper"))?;
            JudgmentMatrix::from_upper_triangle(&upper).map_err(at(format!("{path}.upper")))
        }
        ComparisonsSpec::Pairs(pairs) => pairs_to_matrix(pairs, names, &format!("{path}.pairs")),
    }
}

fn pairs_to_matrix(
    pairs: &[(String, String, JudgmentSpec)],
    names: &[&str],
    path: &str,
) -> Result<JudgmentMatrix> {
    let t = names.len();
    let mut upper: Vec<Option<(f64, usize)>> = vec![None; t * t.saturating_sub(1) / 2];
    let slot = |x: usize, y: usize| x * t - x * (x + 1) / 2 + (y - x - 1);
    for (k, (a, b, judgment)) in pairs.iter().enumerate() {
        let here = format!("{path}[{k}]");
        let value = judgment_value(judgment).map_err(at(&here))?;
        let position = |name: &str| names.iter().position(|n| *n == name);
        let (Some(x), Some(y)) = (position(a), position(b)) else {
            return Err(Error::BadPair {
                a: a.clone(),
                b: b.clone(),
            })
            .map_err(at(here));
        };
        if x == y {
            return Err(Error::BadPair {
                a: a.clone(),
                b: b.clone(),
            })
            .map_err(at(here));
        }
        // Stored as row over column with row < column.
        let (index, stored) = if x < y {
            (slot(x, y), value)
        } else {
            (slot(y, x), 1.0 / value)
        };
        match upper[index] {
            Some((earlier, _)) if !((stored / earlier - 1.0).abs() <= tolerance::ROUNDING) => {
                let as_written = |v: f64| if x < y { v } else { 1.0 / v };
                return Err(Error::ConflictingPair {
                    a: a.clone(),
                    b: b.clone(),
                    first: as_written(earlier),
                    second: value,
                })
                .map_err(at(here));
            }
            Some(_) => {}
            None => upper[index] = Some((stored, k)),
        }
    }
    let mut values = Vec::with_capacity(upper.len());
    for x in 0..t {
        for y in x + 1..t {
            match upper[slot(x, y)] {
                Some((value, _)) => values.push(value),
                None => {
                    return Err(Error::MissingPair {
                        a: names[x].to_owned(),
                        b: names[y].to_owned(),
                    })
                    .map_err(at(path))
                }
            }
        }
    }
    JudgmentMatrix::from_upper_triangle(&values).map_err(at(path))
}

fn leaf_rows(evaluator: &Evaluator, object: &ObjectSpec, path: &str) -> Result<MembershipMatrix> {
    let mut data = evaluator.leaf_data();
    for (leaf, spec) in &object.leaves {
        let here = format!("{path}.leaves.{leaf}");
        match (&spec.degrees, &spec.votes, spec.experts) {
            (Some(degrees), None, None) => data
                .set_degrees(leaf, degrees)
                .map_err(at(format!("{here}.degrees")))?,
            (None, Some(votes), experts) => data
                .set_votes(leaf, votes, experts)
                .map_err(at(format!("{here}.votes")))?,
            _ => return Err(Error::LeafDataForm).map_err(at(here)),
        }
    }
    data.build().map_err(at(format!("{path}.leaves")))
}

fn node_spec_of(criterion: &Criterion) -> NodeSpec {
    let (comparisons, weights) = match &criterion.priorities {
        Some(Priorities::Judgments(matrix)) => (
            Some(ComparisonsSpec::Matrix(
                matrix
                    .to_rows()
                    .into_iter()
                    .map(|row| row.into_iter().map(JudgmentSpec::Number).collect())
                    .collect(),
            )),
            None,
        ),
        Some(Priorities::Weights(weights)) => (None, Some(weights.to_vec())),
        None => (None, None),
    };
    NodeSpec {
        name: criterion.name.clone(),
        comparisons,
        weights,
        children: criterion.children.iter().map(node_spec_of).collect(),
    }
}

/// `serde_path_to_error` writes `.` for the document root; an empty path reads better.
fn clean_path(path: String) -> String {
    if path == "." {
        String::new()
    } else {
        path
    }
}

/// serde_json appends " at line L column C" to its messages; the error carries them apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The 1-based line and column of byte `offset` in `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(before.len(), |n| before.len() - n - 1)
        + 1;
    (line, column)
}
