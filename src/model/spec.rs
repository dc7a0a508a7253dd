//! The model file's structure, exactly as written: unchecked until [`Model`](super::Model)
//! validates it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ahp::{
    CompletionMethod, ConsistencyCheck, IncompleteRandomIndex, LambdaMax, RandomIndex, Reciprocity,
};
use crate::ahp::{PriorityMean, WeightingMethod};
use crate::alternatives::{Better, SynthesisMode};
use crate::fce::{Operator, RankOrder};
use crate::uncertainty::{JudgmentNoise, VoteNoise};

/// A whole model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    /// Method options; every field has a default.
    #[serde(default)]
    pub options: OptionsSpec,
    /// The comment set; needed only when objects are evaluated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<GradeSpec>,
    /// The goal and everything below it.
    pub hierarchy: NodeSpec,
    /// The evaluated objects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<ObjectSpec>,
    /// The alternatives a decision chooses among; each leaf then scores them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// Named ratings scales: levels in order, each `[name, value]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rating_scales: BTreeMap<String, Vec<(String, f64)>>,
    /// A Monte Carlo run over the judgments and votes, reported with the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<UncertaintySpec>,
}

/// How sure the result is: a Monte Carlo run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UncertaintySpec {
    /// Draws, 10,000 by default.
    #[serde(default = "default_draws")]
    pub draws: usize,
    /// The seed, 1 by default.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// `"none"`, `{ log_normal = σ }` or `{ scale_step = p }`.
    #[serde(default)]
    pub judgments: JudgmentNoise,
    /// `"fixed"` (default) or `"multinomial"`.
    #[serde(default)]
    pub votes: VoteNoise,
}

fn default_draws() -> usize {
    10_000
}

fn default_seed() -> u64 {
    1
}

/// Method options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OptionsSpec {
    /// `geometric_mean` (default), `eigenvector` or `arithmetic_mean`.
    pub weighting: WeightingMethod,
    /// `gupta_paper`, `saaty1980` (default), `saaty2005`, `donegan_dodd1991`,
    /// `alonso_lamata2006`, `alonso_lamata2006_fit`, `aguaron_moreno_jimenez2003`, or
    /// `{ custom = [...] }`.
    pub random_index: RandomIndex,
    /// The CR threshold, 0.1 by default.
    pub cr_threshold: f64,
    /// `weighted_average` (default), `zadeh_min_max`, `product_max` or `min_bounded_sum`.
    pub operator: Operator,
    /// How a full matrix's lower triangle must match its upper one: `repair` (default: typed
    /// reciprocals within 5 % replaced by the exact ones, and listed) or `strict` (within 1e-9).
    pub reciprocity: Reciprocity,
    /// Which end of the scores ranks first: `highest_first` (default) or `lowest_first` (when
    /// grades are scored by risk).
    pub rank_order: RankOrder,
    /// How judgments not given are filled: `logarithmic_least_squares` (default) or
    /// `harker`.
    pub completion: CompletionMethod,
    /// λmax by `weight_ratios` (the source paper's formula, default) or as the
    /// `perron_root`.
    pub lambda_max: LambdaMax,
    /// The RI of a matrix with judgments not given: `simulated` for its pattern (default) or
    /// `complete_table`.
    pub incomplete_random_index: IncompleteRandomIndex,
    /// Which index decides whether a matrix is acceptable: `ratio` (CR, default),
    /// `geometric` (GCI) or `koczkodaj`.
    pub consistency_check: ConsistencyCheck,
    /// How the alternatives' priorities combine: `distributive` (default) or `ideal`.
    pub synthesis: SynthesisMode,
}

impl Default for OptionsSpec {
    fn default() -> Self {
        Self {
            weighting: WeightingMethod::default(),
            random_index: RandomIndex::default(),
            cr_threshold: 0.1,
            operator: Operator::default(),
            reciprocity: Reciprocity::default(),
            rank_order: RankOrder::default(),
            completion: CompletionMethod::default(),
            lambda_max: LambdaMax::default(),
            incomplete_random_index: IncompleteRandomIndex::default(),
            consistency_check: ConsistencyCheck::default(),
            synthesis: SynthesisMode::default(),
        }
    }
}

/// One grade of the comment set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeSpec {
    /// The grade's name.
    pub name: String,
    /// Its score; give all grades a score or none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

/// A criterion: a leaf, or a node with comparisons or weights over its children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeSpec {
    /// Unique among siblings.
    pub name: String,
    /// Pairwise comparisons of the children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparisons: Option<ComparisonsSpec>,
    /// Weights of the children given directly (instead of comparisons).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<Vec<f64>>,
    /// Several experts' comparisons of the children, combined (instead of comparisons).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panel: Option<PanelSpec>,
    /// On a leaf, when the model has alternatives: how they score under it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<AlternativesSpec>,
    /// On a leaf: the membership function that turns an object's measured `value` into
    /// grade degrees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<IndicatorSpec>,
    /// The sub-criteria, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<NodeSpec>,
}

/// The three ways to write comparisons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum ComparisonsSpec {
    /// The full matrix, row over column; `null` or `"?"` where a judgment is not given.
    Matrix(Vec<Vec<Option<JudgmentSpec>>>),
    /// The upper triangle in row order: b_01, b_02, …, b_12, …; `null` or `"?"` where a
    /// judgment is not given.
    Upper(Vec<Option<JudgmentSpec>>),
    /// Named pairs `[a, b, v]`: a is v times as important as b. A pair not written is a
    /// judgment not given; the pairs written must connect all children.
    Pairs(Vec<(String, String, JudgmentSpec)>),
}

/// Several experts' comparisons of one node's children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PanelSpec {
    /// `judgments` (AIJ: the weighted geometric mean of the judgments, default) or
    /// `priorities` (AIP: the mean of each expert's priorities).
    #[serde(default)]
    pub aggregation: AggregationSpec,
    /// With `aggregation = "priorities"`: `geometric` (default) or `arithmetic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_mean: Option<PriorityMean>,
    /// The experts, each with their own comparisons.
    pub experts: Vec<ExpertSpec>,
}

/// How the alternatives score under one leaf.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum AlternativesSpec {
    /// Pairwise comparisons of the alternatives, in any of the three forms.
    Comparisons(ComparisonsSpec),
    /// A panel's comparisons of the alternatives.
    Panel(PanelSpec),
    /// Each alternative's level on a named scale.
    Ratings(RatingsSpec),
    /// Each alternative's measured value.
    Measurements(MeasurementsSpec),
}

/// Ratings of the alternatives on a scale of `rating_scales`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingsSpec {
    /// The scale's name.
    pub scale: String,
    /// Each alternative's level, in the order of `alternatives`.
    pub values: Vec<String>,
}

/// Measured values of the alternatives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasurementsSpec {
    /// Each alternative's value, positive, in the order of `alternatives`.
    pub values: Vec<f64>,
    /// `more` (larger is better) or `less`.
    pub better: Better,
}

/// A leaf's membership function: one shape, breakpoints in grade order, and which end of the
/// indicator is better.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// `more` or `less`.
    pub better: Better,
    /// Each grade's peak.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub triangular: Option<Vec<f64>>,
    /// Each grade's plateau `[from, to]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trapezoidal: Option<Vec<(f64, f64)>>,
    /// Each grade's `[centre, width]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gaussian: Option<Vec<(f64, f64)>>,
    /// The thresholds between consecutive grades (with `steepness`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sigmoid: Option<Vec<f64>>,
    /// The sigmoid's steepness k, per unit of the indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steepness: Option<f64>,
}

/// What a panel aggregates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregationSpec {
    /// The judgments (AIJ).
    #[default]
    Judgments,
    /// Each expert's priorities (AIP).
    Priorities,
}

/// One expert of a panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpertSpec {
    /// Unique within the panel.
    pub name: String,
    /// The expert's weight in the group; give every expert a weight or none (equal weights).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// The expert's comparisons, in any of the three forms, with gaps allowed.
    pub comparisons: ComparisonsSpec,
}

/// A judgment: a number, or a string holding a number or a fraction such as `"1/3"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum JudgmentSpec {
    /// A number.
    Number(f64),
    /// `"3"`, `"0.5"` or `"1/3"`.
    Text(String),
}

/// One evaluated object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectSpec {
    /// The object's name.
    pub name: String,
    /// Data per leaf, keyed by the leaf's name or its path (`Goal/Criterion/Leaf`). A key
    /// given twice is an error (JSON would otherwise keep the last silently).
    #[serde(deserialize_with = "unique_keys")]
    pub leaves: BTreeMap<String, LeafSpec>,
}

/// One leaf's data: membership degrees, or vote counts per grade (not both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeafSpec {
    /// Degrees per grade, summing to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degrees: Option<Vec<f64>>,
    /// Expert counts per grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub votes: Option<Vec<u32>>,
    /// The number of experts; the votes must add up to it (their sum when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experts: Option<u32>,
    /// A measured value, turned into degrees by the leaf's `indicator`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// Pretty-printed JSON of a file structure or a report.
pub(crate) fn to_pretty_json<T: Serialize>(value: &T) -> String {
    // serde_json fails only on maps with non-string keys and on a Serialize impl that
    // reports an error; the types written here have neither.
    #[allow(clippy::expect_used)]
    serde_json::to_string_pretty(value).expect("plain data with string keys serializes")
}

/// A map whose keys must be distinct, as TOML's are.
fn unique_keys<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);

    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map of leaves to their data")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "the leaf `{key}` is given twice"
                    )));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_map(Unique(std::marker::PhantomData))
}
