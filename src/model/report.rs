//! The complete result of a model, or of any evaluator run: what `evaluate --format json`
//! prints. Its text form is in `text.rs`.

use serde::Serialize;

use super::spec::{to_pretty_json, AggregationSpec, GradeSpec, OptionsSpec};
use super::{grade_specs, options_spec};
use crate::ahp::consistency::KOCZKODAJ_THRESHOLD;
use crate::ahp::{
    AhpOptions, Consensus, ConsistencyCheck, ConsistencyReport, IncompleteRandomIndex,
    Inconsistency, JudgmentMatrix, LambdaMax, Panel, PanelAggregation, PanelAnalysis, PriorityMean,
    ReciprocalRepair, Weights,
};
use crate::alternatives::{AlternativesSynthesis, SynthesisMode};
use crate::error::{Error, ErrorKind, Quantity, Result};
use crate::fce::{Evaluation, Evaluator, IndicatorMembership, IndicatorShape, Operator, Verdict};
use crate::hierarchy::{Hierarchy, HierarchyConsistency, Priorities, Synthesis};
use crate::sensitivity::{CriterionSensitivity, WeightChange};
use crate::uncertainty::Uncertainty;

/// How judgment matrices are read, stated in every report.
pub const ORIENTATION: &str =
    "row over column: entry [x][y] says how many times as important item x is as item y";

/// Everything a model yields. Its JSON form is the stable output schema of
/// `evaluate --format json` (see `docs/model-format.md`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// [`SCHEMA_VERSION`]: raised whenever a field changes meaning or goes away.
    pub schema_version: u32,
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
    /// Objects by score, in `options.rank_order` (empty without objects or without grade
    /// scores).
    pub ranking: Vec<RankEntry>,
    /// The alternatives under every leaf and their overall priorities, when the model has
    /// alternatives (`hierarchy_consistency` then includes their judgments).
    pub alternatives: Option<AlternativesReport>,
    /// The objects' sensitivity to every weight (up to [`SENSITIVITY_OBJECTS_UP_TO`] objects).
    pub sensitivity: Option<SensitivityReport>,
    /// Why a sensitivity table was left out, when one was.
    pub sensitivity_note: Option<String>,
    /// How sure the result is, when the model asks for a Monte Carlo run.
    pub uncertainty: Option<Uncertainty>,
}

/// The alternatives × criteria table with the overall priorities and the ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AlternativesReport {
    /// `distributive` or `ideal`.
    pub mode: SynthesisMode,
    /// The alternatives, in file order.
    pub names: Vec<String>,
    /// Every leaf, left to right.
    pub leaves: Vec<AlternativesLeafReport>,
    /// Each alternative's overall priority: Σ leaf weight × priority as the mode uses it.
    pub overall: Vec<f64>,
    /// The same divided by their sum.
    pub normalized: Vec<f64>,
    /// The alternatives by overall priority, best first; ties share a rank.
    pub ranking: Vec<RankEntry>,
    /// How far each criterion's weight may move before the ranking changes.
    pub sensitivity: Vec<SensitivityEntry>,
}

/// The objects' sensitivity to every criterion's weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SensitivityReport {
    /// The objects, in file order (the order of every curve's scores).
    pub objects: Vec<String>,
    /// One entry per criterion that has siblings, in pre-order.
    pub criteria: Vec<SensitivityEntry>,
}

/// One criterion's sensitivity ([`CriterionSensitivity`]) with the criterion's path.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SensitivityEntry {
    /// The criterion's path.
    pub path: String,
    /// Its weight, where the best item, any two ranks and any verdict change, and its curves.
    #[serde(flatten)]
    pub sensitivity: CriterionSensitivity,
}

impl SensitivityEntry {
    fn of(hierarchy: &Hierarchy, s: &CriterionSensitivity) -> Self {
        Self {
            path: hierarchy.path(s.criterion),
            sensitivity: s.clone(),
        }
    }

    /// The three changes as "below / above" weights, "none" where nothing changes, in every
    /// format: best item, ranks, verdicts.
    pub fn cells(&self) -> [String; 3] {
        let show = |c: &Option<WeightChange>| match c {
            None => "–".to_owned(),
            Some(c) => {
                let side =
                    |w: Option<f64>| w.map_or_else(|| "none".to_owned(), |w| format!("{w:.4}"));
                format!("{} / {}", side(c.down), side(c.up))
            }
        };
        let s = &self.sensitivity;
        [show(&s.top), show(&s.ranks), show(&s.verdicts)]
    }
}

impl Report {
    /// The Monte Carlo summary in words, one line per item, object verdict and matrix; `None`
    /// without a run. Shared by every format.
    pub fn uncertainty_lines(&self) -> Option<Vec<String>> {
        let u = self.uncertainty.as_ref()?;
        let mut lines = vec![format!("How sure the result is ({})", u.run)];
        for (i, name) in u.items.iter().enumerate() {
            let mut line = name.clone();
            if let Some(q) = u.scores.get(i) {
                line.push_str(&format!(
                    ": score {:.4} / {:.4} / {:.4} (5 / 50 / 95 %)",
                    q.p5, q.p50, q.p95
                ));
            }
            if let Some(p) = u.rank_probabilities.get(i) {
                let ranks: Vec<String> = p
                    .iter()
                    .enumerate()
                    .filter(|(_, &p)| p > 0.0)
                    .take(4)
                    .map(|(r, p)| format!("rank {} {:.1} %", r + 1, 100.0 * p))
                    .collect();
                line.push_str(&format!("; {}", ranks.join(", ")));
            }
            if let Some(v) = u.verdict_probabilities.get(i) {
                let grades: Vec<String> = v
                    .iter()
                    .zip(&u.grades)
                    .filter(|(&p, _)| p > 0.0)
                    .map(|(p, g)| format!("{g} {:.1} %", 100.0 * p))
                    .collect();
                line.push_str(&format!("; verdict {}", grades.join(", ")));
            }
            lines.push(line);
        }
        for m in &u.matrices {
            lines.push(format!(
                "CR of {}: {:.4} / {:.4} / {:.4} (5 / 50 / 95 %), acceptable in {:.1} % of draws",
                m.matrix,
                m.cr.p5,
                m.cr.p50,
                m.cr.p95,
                100.0 * m.acceptable
            ));
        }
        Some(lines)
    }
}

fn within_budget(hierarchy: &Hierarchy, items: usize, exact: bool) -> bool {
    crate::sensitivity::work(hierarchy, items, exact) <= crate::sensitivity::REPORTED_WORK_UP_TO
}

fn budget_note(hierarchy: &Hierarchy, items: usize) -> String {
    format!(
        "Sensitivity left out: {} criteria × {} leaves × {items} items is more work than a \
         report spends (ahp_fce::sensitivity::REPORTED_WORK_UP_TO); the sensitivity API \
         computes it for any size.",
        crate::sensitivity::criteria(hierarchy).len(),
        hierarchy.leaves().count()
    )
}

/// The heading of a sensitivity table, shared by every format.
pub const SENSITIVITY_TITLE: &str =
    "Sensitivity: the local weight (below / above the current one; siblings \
     rescaled to keep their sum) at which the best, any two ranks, or any verdict change";

/// Objects followed by the sensitivity in a report; beyond, it is left out (every object is
/// evaluated at up to 200 weights per criterion under a non-linear operator).
pub const SENSITIVITY_OBJECTS_UP_TO: usize = 1_000;

impl AlternativesReport {
    /// The heading of the table in words, shared by every format.
    pub fn title(&self) -> String {
        format!(
            "Alternatives ({} synthesis: {})",
            self.mode.name(),
            match self.mode {
                SynthesisMode::Distributive => "each criterion's priorities sum to 1",
                SynthesisMode::Ideal => "each criterion's priorities divided by the best",
            }
        )
    }

    /// The rank of alternative `k` (by file order).
    pub fn rank_of(&self, k: usize) -> Option<usize> {
        let name = self.names.get(k)?;
        self.ranking
            .iter()
            .find(|e| &e.name == name)
            .map(|e| e.rank)
    }
}

/// The alternatives under one leaf.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AlternativesLeafReport {
    /// The leaf's path.
    pub path: String,
    /// Its global weight.
    pub global_weight: f64,
    /// `judgments`, `panel`, `ratings` or `measurements`.
    pub form: String,
    /// The alternatives' priorities under it, summing to 1.
    pub priorities: Vec<f64>,
    /// As the mode uses them (ideal: divided by the largest, ratings by the scale's top).
    pub used: Vec<f64>,
    /// The consistency of the judgments, for judgments and panels.
    pub consistency: Option<ConsistencyReport>,
    /// Where the inconsistency comes from, and a suggested repair, when the judgments fail
    /// their threshold (as a node's `inconsistency`).
    pub inconsistency: Option<InconsistencyReport>,
    /// A panel's experts and consensus.
    pub panel: Option<PanelReport>,
}

/// The version of the JSON report's schema (`schema_version`): 2 added the schema version,
/// reciprocal repairs, the inconsistency of failing matrices, contributions, the verdict's
/// margin and the rank order. Fields added since (completed judgments, `lambda_max_by`) left it
/// at 2: it is raised when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 2;

/// One node's weights and consistency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
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
    /// Lower entries of its comparisons that were typed as inexact reciprocals and replaced by
    /// the exact ones before anything was computed (empty when none were).
    pub reciprocal_repairs: Vec<ReciprocalRepair>,
    /// Where the inconsistency comes from, for a matrix that fails its threshold.
    pub inconsistency: Option<InconsistencyReport>,
    /// The judgments not given, as filled from the others (empty when all were given).
    pub completed_judgments: Vec<CompletedReport>,
    /// The experts and their consensus, for a node judged by a panel (whose group matrix is
    /// then `comparisons`).
    pub panel: Option<PanelReport>,
    /// A leaf's membership function of a measured value, when the model gives it one.
    pub indicator: Option<IndicatorMembership>,
}

impl NodeReport {
    /// The leaf's membership function in words (shape, breakpoints in grade order, better
    /// end); `None` without one. Shared by every format.
    pub fn indicator_line(&self) -> Option<String> {
        let f = self.indicator.as_ref()?;
        let list = |v: &[f64]| {
            v.iter()
                .map(|x| format!("{x}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let pairs = |v: &[(f64, f64)]| {
            v.iter()
                .map(|(a, b)| format!("[{a}, {b}]"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let shape = match f.shape() {
            IndicatorShape::Triangular(p) => format!("triangular, peaks {}", list(p)),
            IndicatorShape::Trapezoidal(p) => format!("trapezoidal, plateaus {}", pairs(p)),
            IndicatorShape::Gaussian(b) => format!("Gaussian, [centre, width] {}", pairs(b)),
            IndicatorShape::Sigmoid {
                thresholds,
                steepness,
            } => format!(
                "sigmoid, thresholds {}, steepness {steepness}",
                list(thresholds)
            ),
        };
        let better = match f.better() {
            crate::alternatives::Better::More => "more",
            crate::alternatives::Better::Less => "less",
        };
        Some(format!(
            "{}: {shape} in grade order; {better} is better",
            self.path
        ))
    }
}

/// A panel's experts beside its group judgment.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PanelReport {
    /// `judgments` (AIJ) or `priorities` (AIP).
    pub aggregation: AggregationSpec,
    /// The mean of the experts' priorities under AIP; `None` under AIJ.
    pub priority_mean: Option<PriorityMean>,
    /// Each expert, in file order.
    pub experts: Vec<ExpertReport>,
    /// How many experts' own matrices are acceptable.
    pub acceptable_experts: usize,
    /// Goepel's AHP consensus indicator; `None` for a single expert.
    pub consensus: Option<Consensus>,
}

/// One expert of a panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ExpertReport {
    /// The expert's name.
    pub name: String,
    /// Their weight λ in the group (normalized).
    pub weight: f64,
    /// Their own priorities over the node's children.
    pub priorities: Vec<f64>,
    /// The consistency of their own matrix.
    pub consistency: ConsistencyReport,
    /// Where their inconsistency comes from, and a suggested repair, when their matrix fails
    /// its threshold (as a node's `inconsistency`).
    pub inconsistency: Option<InconsistencyReport>,
}

impl PanelReport {
    /// The report of a panel's analysis; with the panel, the names of what it compares and
    /// the options, failing experts also get diagnostics and a suggested repair.
    fn of(analysis: &PanelAnalysis, diagnose: Option<(&Panel, &[String], &AhpOptions)>) -> Self {
        let (aggregation, priority_mean) = match analysis.aggregation {
            PanelAggregation::Priorities(mean) => (AggregationSpec::Priorities, Some(mean)),
            _ => (AggregationSpec::Judgments, None),
        };
        Self {
            aggregation,
            priority_mean,
            experts: analysis
                .experts
                .iter()
                .enumerate()
                .map(|(k, e)| ExpertReport {
                    name: e.name.clone(),
                    weight: e.weight,
                    priorities: e.analysis.weights.to_vec(),
                    consistency: e.analysis.consistency.clone(),
                    inconsistency: match diagnose {
                        Some((panel, names, options)) if !e.analysis.consistency.acceptable => {
                            panel.experts().nth(k).and_then(|(_, matrix)| {
                                inconsistency_of(matrix, &e.analysis.weights, names, options)
                            })
                        }
                        _ => None,
                    },
                })
                .collect(),
            acceptable_experts: analysis.acceptable_experts(),
            consensus: analysis.consensus,
        }
    }

    /// The panel in words: what was aggregated, how many experts pass, the consensus, then
    /// one line per expert (the first [`EXPERTS_SHOWN`]). Shared by every format.
    pub fn lines(&self) -> Vec<String> {
        let aggregation = match (self.aggregation, self.priority_mean) {
            (AggregationSpec::Priorities, Some(mean)) => PanelAggregation::Priorities(mean),
            (AggregationSpec::Priorities, None) => {
                PanelAggregation::Priorities(PriorityMean::default())
            }
            (AggregationSpec::Judgments, _) => PanelAggregation::Judgments,
        };
        let mut summary = format!(
            "{} experts, {}; {} of {} matrices acceptable on their own",
            self.experts.len(),
            aggregation.describe(),
            self.acceptable_experts,
            self.experts.len()
        );
        if let Some(c) = &self.consensus {
            summary.push_str(&format!(
                "; consensus {:.3} ({}), Goepel's AHP consensus indicator",
                c.value,
                c.level.name()
            ));
        }
        let mut lines = vec![summary];
        for e in self.experts.iter().take(EXPERTS_SHOWN) {
            let priorities: Vec<String> = e.priorities.iter().map(|w| format!("{w:.4}")).collect();
            let verdict = match (&e.inconsistency, e.consistency.acceptable) {
                (_, true) => String::new(),
                (Some(found), false) => match (found.repair.first(), found.judgments.first()) {
                    (Some(step), _) => format!(
                        " NOT acceptable (first change suggested: {} over {} from {:.4} to {:.4}, \
                         CR {:.4})",
                        step.row, step.column, step.from, step.to, step.cr_after
                    ),
                    (None, Some(worst)) => format!(
                        " NOT acceptable (reconsider {} over {} first)",
                        worst.row, worst.column
                    ),
                    (None, None) => " NOT acceptable".to_owned(),
                },
                (None, false) => " NOT acceptable".to_owned(),
            };
            lines.push(format!(
                "{} (weight {:.4}): CR {:.4}{verdict}, priorities {}",
                e.name,
                e.weight,
                e.consistency.cr,
                priorities.join(", ")
            ));
        }
        let more = self.experts.len().saturating_sub(EXPERTS_SHOWN);
        if more > 0 {
            lines.push(format!("and {more} more experts (all in the JSON report)"));
        }
        lines
    }
}

/// Experts listed one by one in the text, Markdown and HTML reports.
pub const EXPERTS_SHOWN: usize = 12;

/// One judgment that was not given, as filled.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CompletedReport {
    /// The child in the entry's row.
    pub row: String,
    /// The child in its column.
    pub column: String,
    /// The value filled in: w_row / w_column.
    pub value: f64,
}

impl NodeReport {
    /// How this node's missing judgments were filled, and the RI they were measured
    /// against, in words; `None` when every judgment was given. Shared by every format.
    pub fn completion_lines(&self) -> Option<Vec<String>> {
        let c = self.consistency.as_ref()?;
        let incomplete = c.incomplete.as_ref()?;
        let filled: Vec<String> = self
            .completed_judgments
            .iter()
            .take(COMPLETED_SHOWN)
            .map(|j| format!("{} over {} = {:.4}", j.row, j.column, j.value))
            .collect();
        let more = self
            .completed_judgments
            .len()
            .saturating_sub(COMPLETED_SHOWN);
        let mut lines = vec![format!(
            "{} of {} pairs not given, filled by {} weights: {}{}",
            incomplete.missing,
            c.order * (c.order - 1) / 2,
            incomplete.completion.name(),
            filled.join("; "),
            if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            }
        )];
        lines.push(match &incomplete.simulated {
            Some(e) => format!(
                "RI {:.4} ± {:.4} simulated for this pattern of missing pairs ({} draws)",
                e.ri, e.standard_error, e.samples
            ),
            None if c.ri == 0.0 => {
                "RI 0: the pairs given form a tree, so any completion is consistent".to_owned()
            }
            None => format!(
                "RI {:.4} from the complete table (overstates the RI of an incomplete matrix)",
                c.ri
            ),
        });
        Some(lines)
    }
}

impl Report {
    /// The choices beyond weighting, table, threshold and operator that differ from the
    /// defaults (λmax convention, acceptability check, completion, RI of completed matrices),
    /// in words; `None` when all are the defaults. Shared by every format.
    pub fn method_details(&self) -> Option<String> {
        let o = &self.options;
        let mut details = Vec::new();
        if o.lambda_max == LambdaMax::PerronRoot {
            details.push("λmax as the Perron root".to_owned());
        }
        match o.consistency_check {
            ConsistencyCheck::Ratio => {}
            ConsistencyCheck::Geometric => details.push(
                "a matrix is acceptable when its GCI is within 0.31 (t = 3), 0.35 (t = 4), 0.37 \
                 (t > 4) (Aguarón & Moreno-Jiménez 2003)"
                    .to_owned(),
            ),
            ConsistencyCheck::Koczkodaj => details.push(format!(
                "a matrix is acceptable when its Koczkodaj index is below {:.4}",
                KOCZKODAJ_THRESHOLD
            )),
        }
        let completed = self
            .nodes
            .iter()
            .find_map(|n| n.consistency.as_ref()?.incomplete.as_ref());
        if let Some(incomplete) = completed {
            details.push(format!(
                "judgments not given are filled by {} weights",
                incomplete.completion.name()
            ));
            if o.incomplete_random_index == IncompleteRandomIndex::CompleteTable {
                details.push("completed matrices use the complete RI table".to_owned());
            }
        }
        (!details.is_empty()).then(|| format!("Also: {}.", details.join("; ")))
    }

    /// The per-level CR ("total ranking consistency", see
    /// [`HierarchyConsistency`](crate::HierarchyConsistency)) in words, for hierarchies with
    /// more than one judged level; shared by every format.
    pub fn levels_line(&self) -> Option<String> {
        let levels = &self.hierarchy_consistency.levels;
        if levels.iter().filter(|l| l.matrices > 0).count() < 2 {
            return None;
        }
        let cells: Vec<String> = levels
            .iter()
            .filter(|l| l.matrices > 0)
            .map(|l| {
                format!(
                    "level {} {:.4}{}",
                    l.level,
                    l.cr,
                    if l.acceptable {
                        ""
                    } else {
                        " (NOT acceptable)"
                    }
                )
            })
            .collect();
        Some(format!(
            "Per-level CR (Σ w·CI / Σ w·RI of each level's matrices): {}",
            cells.join(", ")
        ))
    }
}

/// How many filled judgments a text report lists per node.
const COMPLETED_SHOWN: usize = 5;

/// The judgments and triads to reconsider in a matrix that fails its threshold: the three of
/// each that disagree most with the weights ([`Inconsistency`]), by the children's names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct InconsistencyReport {
    /// Koczkodaj's inconsistency index of the matrix.
    pub koczkodaj: f64,
    /// The judgments with the largest |ln ε|, largest first.
    pub judgments: Vec<JudgmentReport>,
    /// The triads with the largest Koczkodaj index, largest first.
    pub triads: Vec<TriadReport>,
    /// A suggested repair ([`AhpOptions::suggest_repair`]): single changes in order, each
    /// lowering CR, for matrices of order up to 20 (empty beyond). Suggestions only: the
    /// report's numbers are those of the judgments given.
    pub repair: Vec<RepairReport>,
    /// Whether those changes bring CR under the threshold.
    pub repair_reaches_threshold: bool,
}

/// One change of a suggested repair.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RepairReport {
    /// The child in the judgment's row.
    pub row: String,
    /// The child in its column.
    pub column: String,
    /// The judgment before.
    pub from: f64,
    /// The judgment after.
    pub to: f64,
    /// CR after the change.
    pub cr_after: f64,
}

/// One judgment to reconsider.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct JudgmentReport {
    /// The child in the judgment's row: `row` is `value` times as important as `column`.
    pub row: String,
    /// The child in its column.
    pub column: String,
    /// The judgment as used.
    pub value: f64,
    /// ε = value · w_column / w_row (1 where it agrees with the weights).
    pub error: f64,
    /// w_row / w_column, the value that would agree.
    pub consistent_value: f64,
    /// The nearest value of Saaty's 1–9 scale to that.
    pub nearest_scale_value: f64,
}

/// One triad to reconsider.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct TriadReport {
    /// The three children.
    pub items: [String; 3],
    /// Koczkodaj's index of the triad.
    pub index: f64,
}

/// The largest order whose failing matrices get a suggested repair in a report.
const REPAIRED_UP_TO: usize = 20;

/// How many judgments and triads a report lists for a matrix that fails.
const WORST_SHOWN: usize = 3;

/// The inconsistency report of `matrix` against its `weights`, children named by `names`.
/// The names of a node's children, in order.
fn child_names(hierarchy: &Hierarchy, node: &crate::hierarchy::Node) -> Vec<String> {
    node.children()
        .iter()
        .map(|&child| hierarchy.path(child))
        .map(|p| p.rsplit('/').next().unwrap_or_default().to_owned())
        .collect()
}

fn inconsistency_of(
    matrix: &JudgmentMatrix,
    weights: &Weights,
    names: &[String],
    options: &AhpOptions,
) -> Option<InconsistencyReport> {
    let found = Inconsistency::analyze(matrix, weights).ok()?;
    // A repair costs up to t(t−1) steps of O(t³): suggested for the orders people judge.
    let repair = (matrix.order() <= REPAIRED_UP_TO)
        .then(|| options.suggest_repair(matrix).ok())
        .flatten();
    let name = |k: usize| names.get(k).cloned().unwrap_or_else(|| k.to_string());
    Some(InconsistencyReport {
        koczkodaj: found.koczkodaj,
        judgments: found
            .judgments
            .iter()
            .take(WORST_SHOWN)
            .map(|j| JudgmentReport {
                row: name(j.row),
                column: name(j.col),
                value: j.value,
                error: j.error,
                consistent_value: j.consistent_value,
                nearest_scale_value: j.nearest_scale_value,
            })
            .collect(),
        triads: found
            .triads
            .iter()
            .take(WORST_SHOWN)
            .map(|t| TriadReport {
                items: t.items.map(name),
                index: t.index,
            })
            .collect(),
        repair: repair
            .iter()
            .flat_map(|r| r.steps.iter())
            .map(|s| RepairReport {
                row: name(s.row),
                column: name(s.col),
                from: s.from,
                to: s.to,
                cr_after: s.cr_after,
            })
            .collect(),
        repair_reaches_threshold: repair.is_some_and(|r| r.acceptable),
    })
}

/// One object's evaluation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
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
    /// What each first-level criterion contributes (for the weighted average they add up to
    /// E and to the score).
    pub contributions: Vec<ContributionReport>,
}

impl InconsistencyReport {
    /// The report in one line per judgment and triad, the same in every format.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .judgments
            .iter()
            .map(|j| {
                format!(
                    "`{}` over `{}` = {:.4}: ε = {:.4}; {:.4} would agree ({} on Saaty's scale)",
                    j.row,
                    j.column,
                    j.value,
                    j.error,
                    j.consistent_value,
                    scale_value(j.nearest_scale_value)
                )
            })
            .collect();
        lines.extend(self.triads.iter().map(|t| {
            format!(
                "triad `{}`, `{}`, `{}`: Koczkodaj index {:.4}",
                t.items[0], t.items[1], t.items[2], t.index
            )
        }));
        lines.extend(self.repair.iter().enumerate().map(|(k, r)| {
            let on_scale = crate::ahp::SAATY_SCALE
                .iter()
                .any(|s| (s / r.to - 1.0).abs() <= 1e-12);
            format!(
                "repair step {}: `{}` over `{}` from {:.4} to {:.4}{}, CR {:.4} after",
                k + 1,
                r.row,
                r.column,
                r.from,
                r.to,
                if on_scale {
                    format!(" ({})", scale_value(r.to))
                } else {
                    String::new()
                },
                r.cr_after
            )
        }));
        if !self.repair.is_empty() {
            lines.push(if self.repair_reaches_threshold {
                "these changes bring CR under the threshold; none is applied to the numbers above"
                    .to_owned()
            } else {
                "no sequence of single changes found brings CR under the threshold".to_owned()
            });
        }
        lines
    }
}

/// A value of Saaty's scale as people write it: `5` or `1/5`.
fn scale_value(value: f64) -> String {
    if value >= 1.0 {
        format!("{}", value.round())
    } else {
        format!("1/{}", (1.0 / value).round())
    }
}

impl Report {
    /// How the verdict of `object` reads beside its grade, the same in every format:
    /// `(0.4271, 0.1544 ahead of general)`, and whether it is a tie.
    pub fn verdict_detail(&self, object: &ObjectReport) -> String {
        let verdict = &object.verdict;
        let runner_up = self
            .grades
            .get(verdict.runner_up)
            .map_or("the runner-up", |g| g.name.as_str());
        format!(
            "({:.4}, {:.4} ahead of {runner_up}){}",
            verdict.degree,
            verdict.margin,
            if verdict.tied {
                "; tied: maximum membership cannot decide"
            } else {
                ""
            }
        )
    }
}

/// One first-level criterion's part in one object's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ContributionReport {
    /// The criterion's path.
    pub path: String,
    /// Its weight F_i under the goal.
    pub weight: f64,
    /// Its normalized grade vector G_i.
    pub grades: Vec<f64>,
    /// F_i·G_i.
    pub weighted: Vec<f64>,
    /// Σ_h F_i·G_ih·score_h, when grades have scores.
    pub score: Option<f64>,
}

/// The grade vector of one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NodeVector {
    /// The node's path.
    pub path: String,
    /// Its normalized grade vector.
    pub vector: Vec<f64>,
}

/// One line of the ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct RankEntry {
    /// The object's name.
    pub name: String,
    /// 1 for the best; tied objects share a rank.
    pub rank: usize,
    /// Its score.
    pub score: f64,
}

impl Report {
    /// The AHP part of a report: every node's weights and consistency, and the hierarchy's
    /// CR, with no grades and no objects. The operator reported is the default until
    /// [`Report::with_operator`].
    ///
    /// ```
    /// use ahp_fce::model::Report;
    /// use ahp_fce::{AhpOptions, Criterion, Hierarchy, JudgmentMatrix};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let hierarchy = Hierarchy::new(Criterion::judged(
    ///     "Goal",
    ///     JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0])?,
    ///     [Criterion::leaf("A"), Criterion::leaf("B"), Criterion::leaf("C")],
    /// ))?;
    /// let synthesis = hierarchy.synthesize(&AhpOptions::default())?;
    /// let report = Report::of_synthesis(&hierarchy, &synthesis);
    /// assert!(report.to_text().contains("Hierarchy CR"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn of_synthesis(hierarchy: &Hierarchy, synthesis: &Synthesis) -> Self {
        let nodes = hierarchy
            .nodes()
            .map(|(id, node)| {
                let found = synthesis.node_of(id);
                // A panel's diagnostics concern its group matrix, under that matrix's own
                // weights (under AIP the node's weights are the experts' mean).
                let (judgments, judgment_weights) = match node.priorities() {
                    Some(Priorities::Judgments(matrix)) => {
                        (Some(matrix), found.child_weights.as_ref())
                    }
                    Some(Priorities::Panel(panel)) => (
                        Some(panel.group_matrix()),
                        found.panel.as_ref().map(|p| &p.group.weights),
                    ),
                    _ => (None, None),
                };
                NodeReport {
                    path: hierarchy.path(id),
                    depth: node.depth(),
                    local_weight: found.local_weight,
                    global_weight: found.global_weight,
                    comparisons: judgments.map(JudgmentMatrix::to_rows),
                    consistency: found.consistency.clone(),
                    reciprocal_repairs: judgments
                        .map_or_else(Vec::new, |matrix| matrix.repairs().to_vec()),
                    completed_judgments: judgments
                        .and_then(JudgmentMatrix::completion)
                        .map_or_else(Vec::new, |completion| {
                            let names = child_names(hierarchy, node);
                            let name =
                                |k: usize| names.get(k).cloned().unwrap_or_else(|| k.to_string());
                            completion
                                .filled
                                .iter()
                                .map(|f| CompletedReport {
                                    row: name(f.row),
                                    column: name(f.col),
                                    value: f.value,
                                })
                                .collect()
                        }),
                    indicator: None,
                    panel: match (node.priorities(), &found.panel) {
                        (Some(Priorities::Panel(panel)), Some(analysis)) => Some(PanelReport::of(
                            analysis,
                            Some((panel, &child_names(hierarchy, node), synthesis.options())),
                        )),
                        _ => None,
                    },
                    inconsistency: match (judgments, &found.consistency, judgment_weights) {
                        (Some(matrix), Some(c), Some(weights)) if !c.acceptable => {
                            let names = child_names(hierarchy, node);
                            inconsistency_of(matrix, weights, &names, synthesis.options())
                        }
                        _ => None,
                    },
                }
            })
            .collect::<Vec<NodeReport>>();
        let mut options = options_spec(synthesis.options(), Operator::default());
        // The completion method is the matrices' own, not an option of the synthesis.
        if let Some(incomplete) = nodes
            .iter()
            .find_map(|n| n.consistency.as_ref()?.incomplete.as_ref())
        {
            options.completion = incomplete.completion;
        }
        Self {
            schema_version: SCHEMA_VERSION,
            orientation: ORIENTATION.to_owned(),
            options,
            nodes,
            hierarchy_consistency: synthesis.consistency().clone(),
            grades: Vec::new(),
            objects: Vec::new(),
            ranking: Vec::new(),
            alternatives: None,
            sensitivity: None,
            sensitivity_note: None,
            uncertainty: None,
        }
    }

    /// The same report with the alternatives' synthesis: its table and ranking, and the
    /// hierarchy's consistency with the alternatives' judgments included. `alternatives` must
    /// come from `hierarchy`.
    pub fn with_alternatives(
        &mut self,
        hierarchy: &Hierarchy,
        synthesis: &Synthesis,
        alternatives: &AlternativesSynthesis,
    ) -> &mut Self {
        let names = alternatives.alternatives.names().to_vec();
        self.hierarchy_consistency = alternatives.hierarchy_consistency.clone();
        self.alternatives = Some(AlternativesReport {
            mode: alternatives.mode,
            names: names.clone(),
            leaves: alternatives
                .leaves
                .iter()
                .map(|leaf| AlternativesLeafReport {
                    path: hierarchy.path(leaf.leaf),
                    global_weight: leaf.global_weight,
                    form: leaf.form.to_owned(),
                    priorities: leaf.priorities.clone(),
                    used: leaf.used.clone(),
                    consistency: leaf.consistency.clone(),
                    inconsistency: match (&leaf.matrix, &leaf.consistency) {
                        (Some(matrix), Some(c)) if !c.acceptable => {
                            // The matrix's own weights: a panel's AIP priorities are not its.
                            synthesis
                                .options()
                                .weighting
                                .weights(matrix)
                                .ok()
                                .and_then(|w| {
                                    inconsistency_of(matrix, &w, &names, synthesis.options())
                                })
                        }
                        _ => None,
                    },
                    panel: leaf.panel.as_ref().map(|p| PanelReport::of(p, None)),
                })
                .collect(),
            overall: alternatives.overall.clone(),
            normalized: alternatives.normalized.clone(),
            ranking: alternatives
                .ranking()
                .into_iter()
                .map(|(name, rank, score)| RankEntry { name, rank, score })
                .collect(),
            sensitivity: if within_budget(hierarchy, names.len(), true) {
                alternatives
                    .sensitivity(hierarchy, synthesis)
                    .iter()
                    .map(|s| SensitivityEntry::of(hierarchy, s))
                    .collect()
            } else {
                self.sensitivity_note = Some(budget_note(hierarchy, names.len()));
                Vec::new()
            },
        });
        self
    }

    /// The same report with the objects' sensitivity to every weight, for up to
    /// [`SENSITIVITY_OBJECTS_UP_TO`] objects.
    ///
    /// # Errors
    /// As [`Evaluator::sensitivity`].
    pub fn with_sensitivity(
        &mut self,
        evaluator: &Evaluator,
        objects: &[(String, crate::fce::MembershipMatrix)],
    ) -> Result<&mut Self> {
        if objects.is_empty() {
            return Ok(self);
        }
        let exact = evaluator.operator() == Operator::WeightedAverage;
        if objects.len() > SENSITIVITY_OBJECTS_UP_TO {
            self.sensitivity_note = Some(format!(
                "Sensitivity left out: {} objects, more than the {SENSITIVITY_OBJECTS_UP_TO} a \
                 report follows (Evaluator::sensitivity computes it for any number).",
                objects.len()
            ));
            return Ok(self);
        }
        if !within_budget(evaluator.hierarchy(), objects.len(), exact) {
            self.sensitivity_note = Some(budget_note(evaluator.hierarchy(), objects.len()));
            return Ok(self);
        }
        let rows: Vec<_> = objects.iter().map(|(_, m)| m.clone()).collect();
        let found = evaluator.sensitivity(&rows)?;
        self.sensitivity = Some(SensitivityReport {
            objects: objects.iter().map(|(n, _)| n.clone()).collect(),
            criteria: found
                .iter()
                .map(|s| SensitivityEntry::of(evaluator.hierarchy(), s))
                .collect(),
        });
        Ok(self)
    }

    /// The same report with `operator` named as the one in force.
    pub fn with_operator(mut self, operator: Operator) -> Self {
        self.options.operator = operator;
        self
    }

    /// The whole report of an evaluator run: the AHP part, the grades, every object's
    /// evaluation (in the order given) and, when the grades have scores, the ranking.
    /// `evaluations` must come from `evaluator`; nothing is evaluated again.
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`], in a [`Location::Object`](crate::error::Location::Object), for an evaluation that has not the
    /// evaluator's nodes and grades.
    pub fn of_evaluations(
        evaluator: &Evaluator,
        evaluations: &[(String, Evaluation)],
    ) -> Result<Self> {
        let hierarchy = evaluator.hierarchy();
        for (name, evaluation) in evaluations {
            if evaluation.nodes() != hierarchy.len()
                || evaluation.result().len() != evaluator.grades().len()
            {
                return Err(Error::from(ErrorKind::LengthMismatch {
                    what: Quantity::NodesOfEvaluation,
                    expected: hierarchy.len(),
                    found: evaluation.nodes(),
                })
                .in_object(name));
            }
        }
        let mut report = Self::of_synthesis(hierarchy, evaluator.synthesis())
            .with_operator(evaluator.operator());
        report.options.rank_order = evaluator.rank_order();
        report.grades = grade_specs(evaluator.grades());
        report.objects = evaluations
            .iter()
            .map(|(name, evaluation)| ObjectReport {
                name: name.clone(),
                result: evaluation.result().to_vec(),
                raw: evaluation.composition().raw().to_vec(),
                verdict: evaluation.verdict().clone(),
                score: evaluation.score(),
                node_vectors: hierarchy
                    .internal_nodes()
                    .zip(evaluation.internal_vectors(hierarchy))
                    .map(|(id, vector)| NodeVector {
                        path: hierarchy.path(id),
                        vector: vector.to_vec(),
                    })
                    .collect(),
                contributions: evaluation
                    .contributions()
                    .iter()
                    .map(|c| ContributionReport {
                        path: hierarchy.path(c.criterion),
                        weight: c.weight,
                        grades: c.grades.clone(),
                        weighted: c.weighted.clone(),
                        score: c.score,
                    })
                    .collect(),
            })
            .collect();
        if let Some(scores) = evaluator.grades().scores() {
            let scored = report
                .objects
                .iter()
                .map(|o| (o.name.clone(), crate::fce::dot(&o.result, scores)));
            report.ranking =
                crate::fce::shared_ranks(scored, evaluator.rank_order(), evaluator.score_tie())
                    .into_iter()
                    .map(|(name, rank, score)| RankEntry { name, rank, score })
                    .collect();
        }
        Ok(report)
    }

    /// The report as pretty-printed JSON (the stable schema).
    pub fn to_json(&self) -> String {
        to_pretty_json(self)
    }
}
