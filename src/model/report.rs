//! The complete result of a model: what `evaluate --format json` prints, and its text form.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::spec::{GradeSpec, OptionsSpec};
use super::Model;
use crate::consistency::ConsistencyReport;
use crate::error::Result;
use crate::evaluation::{Evaluation, Verdict};
use crate::hierarchy::{HierarchyConsistency, Priorities};

/// How judgment matrices are read, stated in every report.
pub const ORIENTATION: &str =
    "row over column: entry [x][y] says how many times as important item x is as item y";

/// Everything a model yields. Its JSON form is the stable output schema of
/// `evaluate --format json` (see `docs/model-format.md`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`ORIENTATION`].
    pub orientation: String,
    /// The options in force, defaults filled in.
    pub options: OptionsSpec,
    /// Every node in pre-order (parents before children, leaves left to right).
    pub nodes: Vec<NodeReport>,
    /// CR of the whole hierarchy.
    pub hierarchy_consistency: HierarchyConsistency,
    /// The comment set (empty for an AHP-only model).
    pub grades: Vec<GradeSpec>,
    /// Each object's evaluation, in file order.
    pub objects: Vec<ObjectReport>,
    /// Objects by score, best first (empty without objects or without grade scores).
    pub ranking: Vec<RankEntry>,
}

/// One node's weights and consistency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeReport {
    /// Names from the goal down, joined by `/`.
    pub path: String,
    /// Depth below the goal (the goal is 0).
    pub depth: usize,
    /// Weight among its siblings (1 for the goal).
    pub local_weight: f64,
    /// Product of local weights from the goal.
    pub global_weight: f64,
    /// The comparisons over its children as a full matrix, if it has comparisons.
    pub comparisons: Option<Vec<Vec<f64>>>,
    /// Their consistency, if it has comparisons.
    pub consistency: Option<ConsistencyReport>,
}

/// One object's evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectReport {
    /// The object's name.
    pub name: String,
    /// The final vector E, normalized.
    pub result: Vec<f64>,
    /// The final vector before normalization.
    pub raw: Vec<f64>,
    /// The grade by maximum membership.
    pub verdict: Verdict,
    /// Σ E_h·score_h, when grades have scores.
    pub score: Option<f64>,
    /// Every internal node's normalized grade vector, in pre-order.
    pub node_vectors: Vec<NodeVector>,
}

/// The grade vector of one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeVector {
    /// The node's path.
    pub path: String,
    /// Its normalized grade vector.
    pub vector: Vec<f64>,
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankEntry {
    /// The object's name.
    pub name: String,
    /// 1 for the best; tied objects share a rank.
    pub rank: usize,
    /// Its score.
    pub score: f64,
}

impl Report {
    pub(super) fn of(model: &Model) -> Result<Self> {
        let hierarchy = model.hierarchy();
        let synthesis = hierarchy.synthesize(model.options())?;
        let nodes = hierarchy
            .nodes()
            .map(|(id, node)| NodeReport {
                path: hierarchy.path(id),
                depth: node.depth(),
                local_weight: synthesis.local_weight(id).unwrap_or(1.0),
                global_weight: synthesis.global_weight(id).unwrap_or(1.0),
                comparisons: match node.priorities() {
                    Some(Priorities::Judgments(matrix)) => Some(matrix.to_rows()),
                    _ => None,
                },
                consistency: synthesis.consistency_of(id).cloned(),
            })
            .collect();
        let spec = model.to_spec();
        let mut report = Self {
            orientation: ORIENTATION.to_owned(),
            options: spec.options,
            nodes,
            hierarchy_consistency: synthesis.consistency().clone(),
            grades: spec.grades,
            objects: Vec::new(),
            ranking: Vec::new(),
        };
        if model.objects().is_empty() {
            return Ok(report);
        }
        let evaluator = model.evaluator()?;
        for (name, rows) in model.objects() {
            let evaluation = evaluator
                .evaluate(rows)
                .map_err(|e| crate::Error::InObject {
                    object: name.clone(),
                    source: Box::new(e),
                })?;
            report.objects.push(object_report(model, name, &evaluation));
        }
        if evaluator.grades().scores().is_some() {
            report.ranking = evaluator
                .rank(model.objects())?
                .entries()
                .iter()
                .map(|e| RankEntry {
                    name: e.name.clone(),
                    rank: e.rank,
                    score: e.score,
                })
                .collect();
        }
        Ok(report)
    }

    /// The report as pretty-printed JSON (the stable schema).
    pub fn to_json(&self) -> String {
        // Serializing plain data to a string cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Readable, aligned tables: weights and consistency per node (inconsistent matrices
    /// flagged), the hierarchy CR, each object's vectors and verdict, and the ranking.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let o = &self.options;
        let _ = writeln!(
            out,
            "Method: {} weights; RI table {}; CR threshold {}; operator {}",
            o.weighting.name(),
            o.random_index.name(),
            o.cr_threshold,
            o.operator.name()
        );
        let _ = writeln!(out, "Judgment matrices are read {ORIENTATION}.\n");
        let width = self
            .nodes
            .iter()
            .map(|n| 2 * n.depth + last_name(&n.path).chars().count())
            .max()
            .unwrap_or(4)
            .max(4);
        let _ = writeln!(
            out,
            "{:<width$}  {:>8}  {:>8}  {:>8}  {:>7}  {:>7}  {:>6}",
            "node", "local", "global", "λmax", "CI", "CR", "RI"
        );
        for node in &self.nodes {
            let name = format!("{}{}", "  ".repeat(node.depth), last_name(&node.path));
            let _ = write!(
                out,
                "{name:<width$}  {:>8.4}  {:>8.4}",
                node.local_weight, node.global_weight
            );
            if let Some(c) = &node.consistency {
                let flag = if c.acceptable {
                    ""
                } else {
                    "  ← INCONSISTENT"
                };
                let _ = write!(
                    out,
                    "  {:>8.4}  {:>7.4}  {:>7.4}  {:>6.2}{flag}",
                    c.lambda_max, c.ci, c.cr, c.ri
                );
            }
            out.push('\n');
        }
        let h = &self.hierarchy_consistency;
        let _ = writeln!(
            out,
            "\nHierarchy CR = {:.4} ({}){}",
            h.cr,
            if h.acceptable {
                "acceptable"
            } else {
                "NOT acceptable"
            },
            if h.all_nodes_acceptable {
                ""
            } else {
                "; some matrices are inconsistent"
            }
        );
        if self.objects.is_empty() {
            return out;
        }
        let grade_names: Vec<&str> = self.grades.iter().map(|g| g.name.as_str()).collect();
        for object in &self.objects {
            let _ = writeln!(
                out,
                "\n{}: grade vectors over ({})",
                object.name,
                grade_names.join(", ")
            );
            let label_width = object
                .node_vectors
                .iter()
                .map(|v| v.path.chars().count())
                .max()
                .unwrap_or(0)
                .max(1);
            for v in &object.node_vectors {
                let _ = writeln!(out, "  {:<label_width$}  {}", v.path, vector(&v.vector));
            }
            let verdict = &object.verdict;
            let _ = write!(
                out,
                "  verdict: {} ({:.4}){}",
                verdict.name,
                verdict.degree,
                if verdict.tied {
                    ", TIED with the runner-up"
                } else {
                    ""
                }
            );
            if let Some(score) = object.score {
                let _ = write!(out, "; score {score:.4}");
            }
            out.push('\n');
        }
        if !self.ranking.is_empty() {
            let _ = writeln!(out, "\nRanking:");
            let name_width = self
                .ranking
                .iter()
                .map(|e| e.name.chars().count())
                .max()
                .unwrap_or(0);
            for entry in &self.ranking {
                let _ = writeln!(
                    out,
                    "  {:>2}. {:<name_width$}  {:.4}",
                    entry.rank, entry.name, entry.score
                );
            }
        }
        out
    }
}

fn object_report(model: &Model, name: &str, evaluation: &Evaluation) -> ObjectReport {
    let hierarchy = model.hierarchy();
    ObjectReport {
        name: name.to_owned(),
        result: evaluation.result().to_vec(),
        raw: evaluation.composition().raw().to_vec(),
        verdict: evaluation.verdict().clone(),
        score: evaluation.score(),
        node_vectors: hierarchy
            .internal_nodes()
            .filter_map(|id| {
                Some(NodeVector {
                    path: hierarchy.path(id),
                    vector: evaluation.vector_of(id)?.to_vec(),
                })
            })
            .collect(),
    }
}

fn last_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn vector(values: &[f64]) -> String {
    let cells: Vec<String> = values.iter().map(|v| format!("{v:.4}")).collect();
    format!("({})", cells.join(", "))
}
