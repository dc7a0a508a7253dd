//! Whole evaluations described in one JSON or TOML file: method options, grades, the
//! hierarchy with its comparisons, and the evaluated objects.
//!
//! The format is documented in `docs/model-format.md`; [`spec`] mirrors it type by type.
//! Loading validates exactly as the constructors do, so a file can never produce an invalid
//! [`JudgmentMatrix`] or [`MembershipMatrix`]; every error names the
//! place in the file. A model is analysed once, when it is loaded: its weights and consistency
//! are computed then, and [`Model::evaluate`] only composes the objects.

mod alternatives;
mod comparisons;
mod indicators;
mod load;
mod markdown;
mod report;
pub mod spec;
mod text;
mod uncertainty;

pub use report::{
    AlternativesLeafReport, AlternativesReport, CompletedReport, ContributionReport, ExpertReport,
    InconsistencyReport, JudgmentReport, NodeReport, NodeVector, ObjectReport, PanelReport,
    RankEntry, RepairReport, Report, SensitivityEntry, SensitivityReport, TriadReport,
    EXPERTS_SHOWN, ORIENTATION, SCHEMA_VERSION, SENSITIVITY_OBJECTS_UP_TO, SENSITIVITY_TITLE,
};
use spec::{
    AggregationSpec, ComparisonsSpec, ExpertSpec, GradeSpec, JudgmentSpec, LeafSpec, ModelSpec,
    NodeSpec, ObjectSpec, OptionsSpec, PanelSpec, UncertaintySpec,
};

use comparisons::{judgments_of, Reading, NOT_GIVEN};

use crate::ahp::{
    AhpOptions, CompletionMethod, ConsistencyOptions, CrThreshold, JudgmentMatrix, Panel,
    PanelAggregation, Reciprocity, Weights,
};
use crate::alternatives::AlternativesSynthesis;
use crate::error::{Error, ErrorKind, Limit, Location, Result};
use crate::fce::{
    Evaluation, Evaluator, Grades, IndicatorMembership, MembershipMatrix, Operator, RankOrder,
};
use crate::hierarchy::{Criterion, Hierarchy, Priorities, Synthesis};
use crate::limits::Limits;
use crate::uncertainty::MonteCarlo;

/// A validated and analysed model: the hierarchy with its weights and consistency, the
/// operator, the grades and the objects' leaf data.
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
    operator: Operator,
    reciprocity: Reciprocity,
    completion: CompletionMethod,
    analysis: Analysis,
    /// The alternatives with every leaf's scores, and their synthesis.
    alternatives: Option<Box<(alternatives::AlternativesInput, AlternativesSynthesis)>>,
    /// Each object's membership rows, leaves left to right.
    objects: Vec<(String, MembershipMatrix)>,
    /// Each object's vote counts by leaf index, for the leaves given as votes.
    votes: Vec<Vec<(usize, Vec<u32>)>>,
    /// The Monte Carlo run the file asks for.
    monte_carlo: Option<MonteCarlo>,
    /// Each leaf's membership function of a measured value, left to right.
    indicators: Vec<Option<IndicatorMembership>>,
}

/// What loading computed: the synthesis alone for an AHP-only model, an evaluator (which holds
/// the synthesis) when the model has grades.
#[derive(Debug, Clone, PartialEq)]
enum Analysis {
    Ahp(Box<(Hierarchy, Synthesis)>),
    Fce(Box<Evaluator>),
}

impl Model {
    /// Validates a parsed file and analyses it: weights and consistency of every node are
    /// computed here, once.
    ///
    /// # Errors
    /// Every validation error of the crate's constructors, wrapped in a [`Location::Field`] with
    /// the place in the file; plus [`ErrorKind::ConflictingPriorities`], [`ErrorKind::PartialExpertWeights`],
    /// [`ErrorKind::PriorityMeanWithoutPriorities`], [`ErrorKind::BadJudgment`],
    /// [`ErrorKind::DisconnectedChildren`], [`ErrorKind::ConflictingPair`], [`ErrorKind::BadPair`],
    /// [`ErrorKind::LeafDataForm`], [`ErrorKind::PartialScores`], [`ErrorKind::ObjectsWithoutGrades`]; and
    /// any error of [`Hierarchy::synthesize`].
    pub fn from_spec(spec: ModelSpec) -> Result<Self> {
        Self::from_spec_with_limits(spec, &Limits::default())
    }

    /// [`Model::from_spec`] with other bounds than [`Limits::default`].
    ///
    /// # Errors
    /// As [`Model::from_spec`]; [`ErrorKind::LimitExceeded`] for a hierarchy beyond the
    /// limits (at `hierarchy`), more objects than `limits.objects` (at `objects`), or more
    /// draws than `limits.draws` (at `uncertainty.draws`); [`ErrorKind::MonteCarloTooLarge`]
    /// (at `uncertainty`) for draws that would keep more than
    /// [`MAX_KEPT`](crate::uncertainty::MAX_KEPT) numbers.
    pub fn from_spec_with_limits(spec: ModelSpec, limits: &Limits) -> Result<Self> {
        if let Some(u) = &spec.uncertainty {
            limits
                .check(Limit::Draws, u.draws as u64)
                .map_err(at("uncertainty.draws"))?;
        }
        let model = Self::build(spec, limits)?;
        if let Some(run) = &model.monte_carlo {
            model.check_run_size(run).map_err(at("uncertainty"))?;
        }
        Ok(model)
    }

    fn build(spec: ModelSpec, limits: &Limits) -> Result<Self> {
        let threshold =
            CrThreshold::new(spec.options.cr_threshold).map_err(at("options.cr_threshold"))?;
        let options = AhpOptions {
            weighting: spec.options.weighting,
            consistency: ConsistencyOptions::default()
                .with_random_index(spec.options.random_index.clone())
                .with_threshold(threshold)
                .with_lambda_max(spec.options.lambda_max)
                .with_incomplete_random_index(spec.options.incomplete_random_index)
                .with_check(spec.options.consistency_check),
        };
        let grades = grades_of(&spec.grades).map_err(at("grades"))?;
        let reading = Reading {
            reciprocity: spec.options.reciprocity,
            completion: spec.options.completion,
            max_order: limits.matrix_order,
            max_experts: limits.experts,
        };
        let alternatives_input = alternatives::read(&spec, reading)?;
        let indicators = indicators::read(&spec, grades.as_ref().map(Grades::len))?;
        let mode = spec.options.synthesis;
        let monte_carlo = spec
            .uncertainty
            .as_ref()
            .map(|u| {
                MonteCarlo::new(u.draws, u.seed)
                    .and_then(|m| m.with_judgments(u.judgments))
                    .map(|m| m.with_votes(u.votes))
            })
            .transpose()
            .map_err(at("uncertainty"))?;
        limits
            .check(Limit::Objects, spec.objects.len() as u64)
            .map_err(at("objects"))?;
        let hierarchy =
            Hierarchy::new_with_limits(criterion_of(spec.hierarchy, "hierarchy", reading)?, limits)
                .map_err(at("hierarchy"))?;
        let synthesis = hierarchy.synthesize(&options).map_err(|e| {
            // Placed at the judgments of the node it concerns, not at the whole hierarchy.
            let field = e
                .node()
                .and_then(|path| field_of(&hierarchy, path))
                .unwrap_or_else(|| "hierarchy".to_owned());
            e.at(Location::Field(field))
        })?;
        let alternatives = match alternatives_input {
            Some(input) => {
                let scores: Vec<_> = input.leaves.iter().map(|(s, _)| s.clone()).collect();
                let found = AlternativesSynthesis::compute(
                    &hierarchy,
                    &synthesis,
                    &input.alternatives,
                    &scores,
                    mode,
                )
                .map_err(|e| {
                    let field = e
                        .node()
                        .and_then(|path| field_of(&hierarchy, path))
                        .map_or_else(|| "hierarchy".to_owned(), |f| format!("{f}.alternatives"));
                    e.at(Location::Field(field))
                })?;
                Some(Box::new((input, found)))
            }
            None => None,
        };
        let (operator, reciprocity) = (spec.options.operator, spec.options.reciprocity);
        let completion = spec.options.completion;
        let Some(grades) = grades else {
            if !spec.objects.is_empty() {
                return Err(Error::from(ErrorKind::ObjectsWithoutGrades)).map_err(at("objects"));
            }
            return Ok(Self {
                operator,
                reciprocity,
                completion,
                analysis: Analysis::Ahp(Box::new((hierarchy, synthesis))),
                alternatives,
                objects: Vec::new(),
                votes: Vec::new(),
                monte_carlo,
                indicators,
            });
        };
        let evaluator = Evaluator::with_synthesis(hierarchy, synthesis, grades)?
            .with_operator(operator)
            .with_rank_order(spec.options.rank_order);
        let objects = spec
            .objects
            .into_iter()
            .enumerate()
            .map(|(k, object)| {
                let rows = leaf_rows(&evaluator, &object, &format!("objects[{k}]."), &indicators)
                    .map_err(|e| e.in_object(&object.name))?;
                // The counts behind vote rows, for Monte Carlo resampling.
                let mut counts: Vec<(usize, Vec<u32>)> = object
                    .leaves
                    .iter()
                    .filter_map(|(leaf, spec)| {
                        let votes = spec.votes.as_ref()?;
                        Some((evaluator.leaf_index(leaf).ok()?, votes.clone()))
                    })
                    .collect();
                counts.sort_by_key(|(leaf, _)| *leaf);
                Ok(((object.name, rows), counts))
            })
            .collect::<Result<Vec<_>>>()?;
        let (objects, votes): (Vec<_>, Vec<_>) = objects.into_iter().unzip();
        Ok(Self {
            operator,
            reciprocity,
            completion,
            analysis: Analysis::Fce(Box::new(evaluator)),
            alternatives,
            objects,
            votes,
            monte_carlo,
            indicators,
        })
    }

    /// The file structure of this model: comparisons as full matrices, leaf data as degrees
    /// (votes where they were given) keyed by leaf path. Reading it back gives an equal model.
    pub fn to_spec(&self) -> ModelSpec {
        let hierarchy = self.hierarchy();
        let mut spec = ModelSpec {
            options: self.options_spec(),
            alternatives: Vec::new(),
            rating_scales: std::collections::BTreeMap::new(),
            uncertainty: None,
            grades: self.grades().map_or_else(Vec::new, grade_specs),
            hierarchy: node_spec_of(&hierarchy.to_criterion()),
            objects: self
                .objects
                .iter()
                .zip(&self.votes)
                .map(|((name, rows), counts)| ObjectSpec {
                    name: name.clone(),
                    leaves: hierarchy
                        .leaves()
                        .zip(rows.to_rows())
                        .enumerate()
                        .map(|(k, (leaf, degrees))| {
                            // Votes stay votes, so a Monte Carlo run can resample them.
                            let votes = counts.iter().find(|(l, _)| *l == k).map(|(_, v)| v);
                            let data = match votes {
                                Some(votes) => LeafSpec {
                                    degrees: None,
                                    votes: Some(votes.clone()),
                                    experts: None,
                                    value: None,
                                },
                                None => LeafSpec {
                                    degrees: Some(degrees),
                                    votes: None,
                                    experts: None,
                                    value: None,
                                },
                            };
                            (hierarchy.path(leaf), data)
                        })
                        .collect(),
                })
                .collect(),
        };
        if let Some(alternatives) = &self.alternatives {
            alternatives::write(&alternatives.0, &mut spec);
        }
        indicators::write(&self.indicators, &mut spec);
        spec.uncertainty = self.monte_carlo.map(|m| UncertaintySpec {
            draws: m.draws(),
            seed: m.seed(),
            judgments: m.judgments(),
            votes: m.votes(),
        });
        spec
    }

    /// The model as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        spec::to_pretty_json(&self.to_spec())
    }

    /// The AHP options.
    pub fn options(&self) -> &AhpOptions {
        self.synthesis().options()
    }

    /// The composition operator.
    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// How full matrices' reciprocals were checked.
    pub fn reciprocity(&self) -> Reciprocity {
        self.reciprocity
    }

    /// The options as the file states them, defaults filled in.
    fn options_spec(&self) -> OptionsSpec {
        let mut options = options_spec(self.options(), self.operator);
        options.reciprocity = self.reciprocity;
        options.completion = self.completion;
        if let Some(evaluator) = self.evaluator() {
            options.rank_order = evaluator.rank_order();
        }
        if let Some(alternatives) = &self.alternatives {
            options.synthesis = alternatives.1.mode;
        }
        options
    }

    /// Each leaf's membership function of a measured value, left to right (`None` where the
    /// file gives it none): what [`BatchScorer::score_values`](crate::BatchScorer::score_values)
    /// takes when every leaf has one.
    pub fn indicators(&self) -> &[Option<IndicatorMembership>] {
        &self.indicators
    }

    /// The synthesis of the alternatives, when the model has alternatives.
    pub fn alternatives(&self) -> Option<&AlternativesSynthesis> {
        self.alternatives.as_ref().map(|a| &a.1)
    }

    /// The comment set, if the model has one.
    pub fn grades(&self) -> Option<&Grades> {
        match &self.analysis {
            Analysis::Ahp(_) => None,
            Analysis::Fce(evaluator) => Some(evaluator.grades()),
        }
    }

    /// The hierarchy.
    pub fn hierarchy(&self) -> &Hierarchy {
        match &self.analysis {
            Analysis::Ahp(ahp) => &ahp.0,
            Analysis::Fce(evaluator) => evaluator.hierarchy(),
        }
    }

    /// The weights and consistency of every node, computed when the model was loaded.
    pub fn synthesis(&self) -> &Synthesis {
        match &self.analysis {
            Analysis::Ahp(ahp) => &ahp.1,
            Analysis::Fce(evaluator) => evaluator.synthesis(),
        }
    }

    /// The evaluator, when the model has grades.
    pub fn evaluator(&self) -> Option<&Evaluator> {
        match &self.analysis {
            Analysis::Ahp(_) => None,
            Analysis::Fce(evaluator) => Some(evaluator),
        }
    }

    /// The objects with their membership rows (leaves left to right).
    pub fn objects(&self) -> &[(String, MembershipMatrix)] {
        &self.objects
    }

    /// Every object's evaluation, in file order (each object evaluated once).
    ///
    /// # Errors
    /// Any error of [`Evaluator::evaluate`], wrapped in a [`Location::Object`].
    pub fn evaluations(&self) -> Result<Vec<(String, Evaluation)>> {
        let Analysis::Fce(evaluator) = &self.analysis else {
            return Ok(Vec::new());
        };
        self.objects
            .iter()
            .map(|(name, rows)| {
                let evaluation = evaluator.evaluate(rows).map_err(|e| e.in_object(name))?;
                Ok((name.clone(), evaluation))
            })
            .collect()
    }

    /// Weights and consistency of every node, and every object's evaluation and rank.
    ///
    /// # Errors
    /// Any error of [`Evaluator::evaluate`].
    pub fn evaluate(&self) -> Result<Report> {
        let mut report = match &self.analysis {
            Analysis::Ahp(ahp) => Report::of_synthesis(&ahp.0, &ahp.1),
            Analysis::Fce(evaluator) => Report::of_evaluations(evaluator, &self.evaluations()?)?,
        };
        report.options = self.options_spec();
        if self.indicators.iter().any(Option::is_some) {
            // The report's nodes are in pre-order, as the hierarchy's, and the leaves come
            // left to right in it: the k-th leaf met is leaf k.
            let mut functions = self.indicators.iter();
            for ((_, node), entry) in self.hierarchy().nodes().zip(&mut report.nodes) {
                if node.is_leaf() {
                    entry.indicator = functions.next().cloned().flatten();
                }
            }
        }
        if let Some(alternatives) = self.alternatives() {
            report.with_alternatives(self.hierarchy(), self.synthesis(), alternatives);
        }
        if let Analysis::Fce(evaluator) = &self.analysis {
            report.with_sensitivity(evaluator, &self.objects)?;
        }
        if let Some(run) = &self.monte_carlo {
            report.uncertainty = Some(self.uncertainty(run)?);
        }
        Ok(report)
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

/// The options as a file writes them.
fn options_spec(options: &AhpOptions, operator: Operator) -> OptionsSpec {
    OptionsSpec {
        weighting: options.weighting,
        random_index: options.consistency.random_index.clone(),
        cr_threshold: options.consistency.threshold.value(),
        operator,
        reciprocity: Reciprocity::default(),
        rank_order: RankOrder::default(),
        completion: CompletionMethod::default(),
        lambda_max: options.consistency.lambda_max,
        incomplete_random_index: options.consistency.incomplete_random_index,
        consistency_check: options.consistency.check,
        synthesis: crate::alternatives::SynthesisMode::default(),
    }
}

/// The grades as a file writes them.
fn grade_specs(grades: &Grades) -> Vec<GradeSpec> {
    grades
        .names()
        .iter()
        .enumerate()
        .map(|(h, name)| GradeSpec {
            name: name.clone(),
            score: grades.score(h),
        })
        .collect()
}

/// Wraps an error with its place in the file.
pub(crate) fn at(path: impl Into<String>) -> impl FnOnce(Error) -> Error {
    let path = path.into();
    move |source| source.at(Location::Field(path))
}

fn grades_of(specs: &[GradeSpec]) -> Result<Option<Grades>> {
    if specs.is_empty() {
        return Ok(None);
    }
    let names = specs.iter().map(|g| g.name.clone());
    let scores: Option<Vec<f64>> = specs.iter().map(|g| g.score).collect();
    match scores {
        Some(scores) => Grades::with_scores(names, scores).map(Some),
        None if specs.iter().any(|g| g.score.is_some()) => {
            Err(Error::from(ErrorKind::PartialScores))
        }
        None => Grades::new(names).map(Some),
    }
}

fn criterion_of(node: NodeSpec, path: &str, reading: Reading) -> Result<Criterion> {
    let given: Vec<&'static str> = [
        node.comparisons.as_ref().map(|_| "comparisons"),
        node.weights.as_ref().map(|_| "weights"),
        node.panel.as_ref().map(|_| "panel"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let [first, second, ..] = given[..] {
        return Err(Error::from(ErrorKind::ConflictingPriorities {
            first,
            second,
        }))
        .map_err(at(path));
    }
    let names: Vec<&str> = node.children.iter().map(|c| c.name.as_str()).collect();
    let priorities = if let Some(comparisons) = &node.comparisons {
        let matrix = judgments_of(comparisons, reading, &names, &format!("{path}.comparisons"))?;
        Some(Priorities::Judgments(matrix))
    } else if let Some(weights) = &node.weights {
        Some(Priorities::Weights(
            Weights::new(weights).map_err(at(format!("{path}.weights")))?,
        ))
    } else if let Some(panel) = &node.panel {
        Some(Priorities::Panel(panel_of(
            panel,
            reading,
            &names,
            &format!("{path}.panel"),
        )?))
    } else {
        None
    };
    let children = node
        .children
        .into_iter()
        .enumerate()
        .map(|(k, child)| criterion_of(child, &format!("{path}.children[{k}]"), reading))
        .collect::<Result<Vec<_>>>()?;
    Ok(Criterion {
        name: node.name,
        priorities,
        children,
    })
}

/// The leaves of a file's hierarchy, left to right, each with its place in the file and its
/// path; `internal` checks every node with children (for keys that belong on leaves only).
pub(super) fn leaf_specs<'a>(
    root: &'a NodeSpec,
    internal: &dyn Fn(&NodeSpec, &str) -> Result<()>,
) -> Result<Vec<(String, String, &'a NodeSpec)>> {
    let mut out = Vec::new();
    // Pre-order, children left to right, without recursion.
    let mut pending = vec![("hierarchy".to_owned(), root.name.clone(), root)];
    while let Some((field, path, node)) = pending.pop() {
        if node.children.is_empty() {
            out.push((field, path, node));
            continue;
        }
        internal(node, &field)?;
        for (k, child) in node.children.iter().enumerate().rev() {
            pending.push((
                format!("{field}.children[{k}]"),
                format!("{path}/{}", child.name),
                child,
            ));
        }
    }
    Ok(out)
}

/// A panel as a file writes it, each expert's comparisons read like a node's.
fn panel_of(spec: &PanelSpec, reading: Reading, names: &[&str], path: &str) -> Result<Panel> {
    if spec.experts.len() > reading.max_experts {
        return Err(Error::from(ErrorKind::LimitExceeded {
            limit: Limit::Experts,
            value: spec.experts.len() as u64,
            max: reading.max_experts as u64,
        }))
        .map_err(at(format!("{path}.experts")));
    }
    let aggregation = match (spec.aggregation, spec.priority_mean) {
        (AggregationSpec::Judgments, None) => PanelAggregation::Judgments,
        (AggregationSpec::Judgments, Some(_)) => {
            return Err(Error::from(ErrorKind::PriorityMeanWithoutPriorities))
                .map_err(at(format!("{path}.priority_mean")))
        }
        (AggregationSpec::Priorities, mean) => {
            PanelAggregation::Priorities(mean.unwrap_or_default())
        }
    };
    let weights: Option<Vec<f64>> = spec.experts.iter().map(|e| e.weight).collect();
    if weights.is_none() && spec.experts.iter().any(|e| e.weight.is_some()) {
        return Err(Error::from(ErrorKind::PartialExpertWeights))
            .map_err(at(format!("{path}.experts")));
    }
    let experts = spec
        .experts
        .iter()
        .enumerate()
        .map(|(k, expert)| {
            let matrix = judgments_of(
                &expert.comparisons,
                reading,
                names,
                &format!("{path}.experts[{k}].comparisons"),
            )?;
            Ok((expert.name.clone(), matrix))
        })
        .collect::<Result<Vec<_>>>()?;
    Panel::new(experts, weights, aggregation).map_err(|e| {
        // An expert weight's error names the expert's index: place it at that expert.
        let field = match e.kind() {
            ErrorKind::InvalidWeight { index, .. } => format!("{path}.experts[{index}].weight"),
            _ => path.to_owned(),
        };
        e.at(Location::Field(field))
    })
}

/// The membership rows of one object, errors placed at `{prefix}leaves.…`.
fn leaf_rows(
    evaluator: &Evaluator,
    object: &ObjectSpec,
    prefix: &str,
    indicators: &[Option<IndicatorMembership>],
) -> Result<MembershipMatrix> {
    let mut data = evaluator.leaf_data();
    for (leaf, spec) in &object.leaves {
        let here = format!("{prefix}leaves.{leaf}");
        match (&spec.degrees, &spec.votes, spec.experts, spec.value) {
            (Some(degrees), None, None, None) => data
                .set_degrees(leaf, degrees)
                .map_err(at(format!("{here}.degrees")))?,
            (None, Some(votes), experts, None) => data
                .set_votes(leaf, votes, experts)
                .map_err(at(format!("{here}.votes")))?,
            (None, None, None, Some(value)) => {
                let index = evaluator.leaf_index(leaf).map_err(at(&here))?;
                let Some(Some(f)) = indicators.get(index) else {
                    let path = evaluator
                        .synthesis()
                        .leaves()
                        .get(index)
                        .map_or_else(|| leaf.clone(), |&id| evaluator.hierarchy().path(id));
                    return Err(Error::from(ErrorKind::NoIndicator { leaf: path }))
                        .map_err(at(format!("{here}.value")));
                };
                let degrees = f.degrees(value).map_err(at(format!("{here}.value")))?;
                data.set_degrees(leaf, &degrees)
                    .map_err(at(format!("{here}.value")))?
            }
            _ => return Err(Error::from(ErrorKind::LeafDataForm)).map_err(at(here)),
        }
    }
    data.build().map_err(at(format!("{prefix}leaves")))
}

impl ObjectSpec {
    /// The object's membership rows under `evaluator`, validated as a model file's objects
    /// are; errors are placed at `leaves.…` within the object. For objects read one at a
    /// time, such as a JSON Lines file of them.
    ///
    /// # Errors
    /// As [`LeafData`](crate::LeafData), at a [`Location::Field`]; [`ErrorKind::LeafDataForm`]
    /// for a leaf with both degrees and votes or neither.
    pub fn memberships(&self, evaluator: &Evaluator) -> Result<MembershipMatrix> {
        leaf_rows(evaluator, self, "", &[])
    }

    /// [`ObjectSpec::memberships`] under `model`'s evaluator, measured `value`s turned into
    /// degrees by its leaves' indicators.
    ///
    /// # Errors
    /// As [`ObjectSpec::memberships`]; [`ErrorKind::ObjectsWithoutGrades`] for a model without
    /// grades; [`ErrorKind::NoIndicator`] for a value at a leaf without one.
    pub fn memberships_in(&self, model: &Model) -> Result<MembershipMatrix> {
        let Some(evaluator) = model.evaluator() else {
            return Err(Error::from(ErrorKind::ObjectsWithoutGrades));
        };
        leaf_rows(evaluator, self, "", &model.indicators)
    }
}

fn node_spec_of(criterion: &Criterion) -> NodeSpec {
    let (mut comparisons, mut weights, mut panel) = (None, None, None);
    match &criterion.priorities {
        Some(Priorities::Judgments(matrix)) => comparisons = Some(comparisons_spec_of(matrix)),
        Some(Priorities::Weights(w)) => weights = Some(w.to_vec()),
        Some(Priorities::Panel(p)) => panel = Some(panel_spec_of(p)),
        None => {}
    }
    NodeSpec {
        name: criterion.name.clone(),
        comparisons,
        weights,
        panel,
        alternatives: None,
        indicator: None,
        children: criterion.children.iter().map(node_spec_of).collect(),
    }
}

/// A panel as a file writes it.
fn panel_spec_of(p: &Panel) -> PanelSpec {
    let (aggregation, priority_mean) = match p.aggregation() {
        PanelAggregation::Priorities(mean) => (AggregationSpec::Priorities, Some(mean)),
        _ => (AggregationSpec::Judgments, None),
    };
    let given = p.expert_weights();
    PanelSpec {
        aggregation,
        priority_mean,
        experts: p
            .experts()
            .enumerate()
            .map(|(k, (name, matrix))| ExpertSpec {
                name: name.to_owned(),
                weight: given.and_then(|w| w.get(k).copied()),
                comparisons: comparisons_spec_of(matrix),
            })
            .collect(),
    }
}

/// A matrix as a file writes it: the full matrix, with [`NOT_GIVEN`] for filled entries.
fn comparisons_spec_of(matrix: &JudgmentMatrix) -> ComparisonsSpec {
    let filled = |x: usize, y: usize| matrix.completion().is_some_and(|c| c.is_filled(x, y));
    let rows = matrix
        .to_rows()
        .into_iter()
        .enumerate()
        .map(|(x, row)| {
            row.into_iter()
                .enumerate()
                .map(|(y, value)| {
                    Some(if filled(x, y) {
                        JudgmentSpec::Text(NOT_GIVEN.to_owned())
                    } else {
                        JudgmentSpec::Number(value)
                    })
                })
                .collect()
        })
        .collect();
    ComparisonsSpec::Matrix(rows)
}

/// The place in the file of the node at `path`: `hierarchy.children[1].children[0]`, with
/// `.comparisons` for a judged node.
fn field_of(hierarchy: &Hierarchy, path: &str) -> Option<String> {
    let id = hierarchy
        .find_path(
            &path
                .split(crate::hierarchy::PATH_SEPARATOR)
                .collect::<Vec<_>>(),
        )
        .ok()?;
    let mut steps = Vec::new();
    let mut current = id;
    while let Some(parent) = hierarchy.get(current)?.parent() {
        let position = hierarchy
            .get(parent)?
            .children()
            .iter()
            .position(|&c| c == current)?;
        steps.push(format!(".children[{position}]"));
        current = parent;
    }
    steps.reverse();
    let judgments = match hierarchy.get(id)?.priorities() {
        Some(Priorities::Judgments(_)) => ".comparisons",
        Some(Priorities::Panel(_)) => ".panel",
        _ => "",
    };
    Some(format!("hierarchy{}{judgments}", steps.concat()))
}
