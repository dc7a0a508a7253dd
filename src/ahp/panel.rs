//! A panel: several named experts judging the same items, combined into one group judgment,
//! with each expert's consistency and the group's consensus beside it.

use super::consensus::Consensus;
use super::group::{aggregate_judgments, aggregate_priorities, PriorityMean};
use super::judgment::JudgmentMatrix;
use super::options::{AhpOptions, MatrixAnalysis};
use super::weights::Weights;
use crate::error::{Collection, Error, ErrorKind, Location, Quantity, Result};

/// How a panel's judgments become the group's priorities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum PanelAggregation {
    /// Aggregation of individual judgments (AIJ): the priorities of the weighted geometric
    /// mean of the experts' matrices, derived like any matrix's. The default: the panel acts
    /// as one decision maker (Forman & Peniwati 1998, "Aggregating individual judgments and
    /// priorities with the analytic hierarchy process", *EJOR* 108, 165–169).
    #[default]
    Judgments,
    /// Aggregation of individual priorities (AIP): each expert's priorities, averaged with
    /// the expert weights. For experts who act as separate individuals.
    Priorities(PriorityMean),
}

impl PanelAggregation {
    /// The aggregation in words, as reports name it.
    pub fn describe(self) -> &'static str {
        match self {
            PanelAggregation::Judgments => {
                "judgments aggregated (AIJ: weighted geometric mean of the judgments)"
            }
            PanelAggregation::Priorities(PriorityMean::Geometric) => {
                "priorities aggregated (AIP: weighted geometric mean of each expert's priorities)"
            }
            PanelAggregation::Priorities(PriorityMean::Arithmetic) => {
                "priorities aggregated (AIP: weighted arithmetic mean of each expert's priorities)"
            }
        }
    }
}

/// Several experts' judgments over the same items, validated: at least one expert, names
/// distinct and not blank, every matrix of one order, expert weights (when given) one per
/// expert, positive and finite.
///
/// The group matrix is computed once, here, by [`aggregate_judgments`]: under either
/// aggregation it is the matrix whose consistency stands for the panel's (its CR enters the
/// hierarchy's), while every expert's own CR is reported beside it.
///
/// ```
/// use ahp_fce::{AhpOptions, JudgmentMatrix, Panel, PanelAggregation};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let panel = Panel::new(
///     vec![
///         ("Ann".to_owned(), JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0])?),
///         ("Ben".to_owned(), JudgmentMatrix::from_upper_triangle(&[2.0, 4.0, 3.0])?),
///     ],
///     None,
///     PanelAggregation::Judgments,
/// )?;
/// let analysis = panel.analyze(&AhpOptions::default())?;
/// assert_eq!(analysis.experts.len(), 2);
/// assert!(analysis.group.consistency.acceptable);
/// assert!(analysis.consensus.unwrap().value > 0.9); // the two largely agree
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "PanelParts", into = "PanelParts")
)]
pub struct Panel {
    names: Vec<String>,
    matrices: Vec<JudgmentMatrix>,
    /// As given, so that a panel written out reads back bit for bit.
    expert_weights: Option<Vec<f64>>,
    lambdas: Weights,
    aggregation: PanelAggregation,
    group: JudgmentMatrix,
}

/// One expert's analysis within a [`PanelAnalysis`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ExpertAnalysis {
    /// The expert's name.
    pub name: String,
    /// The expert's weight λ in the group, normalized (all equal when none were given).
    pub weight: f64,
    /// The expert's own priorities and consistency.
    pub analysis: MatrixAnalysis,
}

/// What a panel yields under given options.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PanelAnalysis {
    /// How the group's priorities were formed.
    pub aggregation: PanelAggregation,
    /// The group's priorities: the group matrix's under AIJ, the mean of the experts' under
    /// AIP.
    pub weights: Weights,
    /// The group matrix's own weights and consistency.
    pub group: MatrixAnalysis,
    /// Each expert, in the order given.
    pub experts: Vec<ExpertAnalysis>,
    /// How far the experts' priorities agree; `None` for a single expert or a single item.
    pub consensus: Option<Consensus>,
}

impl PanelAnalysis {
    /// How many experts' matrices pass their own consistency check.
    pub fn acceptable_experts(&self) -> usize {
        self.experts
            .iter()
            .filter(|e| e.analysis.consistency.acceptable)
            .count()
    }
}

impl Panel {
    /// A panel of named experts' matrices, with optional expert weights (normalized here;
    /// equal when `None`), combined by `aggregation`.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`] without experts; [`ErrorKind::EmptyExpertName`] or
    /// [`ErrorKind::DuplicateExpert`]; [`ErrorKind::LengthMismatch`] for expert weights that
    /// are not one per expert or a matrix of another order (at [`Location::ExpertName`]);
    /// [`ErrorKind::InvalidWeight`] for an expert weight that is not positive and finite; the
    /// completion errors of [`aggregate_judgments`].
    pub fn new(
        experts: Vec<(String, JudgmentMatrix)>,
        expert_weights: Option<Vec<f64>>,
        aggregation: PanelAggregation,
    ) -> Result<Self> {
        if experts.is_empty() {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::JudgmentMatrices,
            }));
        }
        let (names, matrices): (Vec<String>, Vec<JudgmentMatrix>) = experts.into_iter().unzip();
        let mut seen = std::collections::HashSet::with_capacity(names.len());
        for (k, name) in names.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(Error::from(ErrorKind::EmptyExpertName { index: k }));
            }
            if !seen.insert(name.as_str()) {
                return Err(Error::from(ErrorKind::DuplicateExpert {
                    name: name.clone(),
                }));
            }
        }
        if let Some(w) = expert_weights.as_ref().filter(|w| w.len() != names.len()) {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::WeightsPerExpert,
                expected: names.len(),
                found: w.len(),
            }));
        }
        let lambdas = match &expert_weights {
            Some(w) => Weights::from_unnormalized(w)?,
            None => Weights::from_unnormalized(&vec![1.0; names.len()])?,
        };
        let order = matrices[0].order();
        if let Some(k) = matrices.iter().position(|m| m.order() != order) {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::ExpertMatrixOrder,
                expected: order,
                found: matrices[k].order(),
            })
            .at(Location::ExpertName(names[k].clone())));
        }
        let group = aggregate_judgments(&matrices, Some(&lambdas))?;
        Ok(Self {
            names,
            matrices,
            expert_weights,
            lambdas,
            aggregation,
            group,
        })
    }

    /// The experts' names and matrices, in the order given.
    pub fn experts(&self) -> impl ExactSizeIterator<Item = (&str, &JudgmentMatrix)> + '_ {
        self.names
            .iter()
            .map(String::as_str)
            .zip(self.matrices.iter())
    }

    /// The number of experts.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Always `false`: a panel has at least one expert.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The number of items compared.
    pub fn order(&self) -> usize {
        self.group.order()
    }

    /// The expert weights as given, `None` for equal weights.
    pub fn expert_weights(&self) -> Option<&[f64]> {
        self.expert_weights.as_deref()
    }

    /// The normalized expert weights λ.
    pub fn lambdas(&self) -> &Weights {
        &self.lambdas
    }

    /// How the group's priorities are formed.
    pub fn aggregation(&self) -> PanelAggregation {
        self.aggregation
    }

    /// The weighted geometric mean of the experts' judgments.
    pub fn group_matrix(&self) -> &JudgmentMatrix {
        &self.group
    }

    /// Every expert's and the group matrix's weights and consistency, the group's priorities
    /// by the panel's aggregation, and the consensus of the experts' priorities.
    ///
    /// # Errors
    /// As [`AhpOptions::analyze`], an expert's error at [`Location::ExpertName`].
    pub fn analyze(&self, options: &AhpOptions) -> Result<PanelAnalysis> {
        let experts = self
            .experts()
            .zip(self.lambdas.iter())
            .map(|((name, matrix), weight)| {
                let analysis = options
                    .analyze(matrix)
                    .map_err(|e| e.at(Location::ExpertName(name.to_owned())))?;
                Ok(ExpertAnalysis {
                    name: name.to_owned(),
                    weight,
                    analysis,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let group = options.analyze(&self.group)?;
        let priorities: Vec<Weights> = experts.iter().map(|e| e.analysis.weights.clone()).collect();
        let weights = match self.aggregation {
            PanelAggregation::Judgments => group.weights.clone(),
            PanelAggregation::Priorities(mean) => {
                aggregate_priorities(&priorities, Some(&self.lambdas), mean)?
            }
        };
        let consensus = Consensus::of_priorities(&priorities, Some(&self.lambdas))?;
        Ok(PanelAnalysis {
            aggregation: self.aggregation,
            weights,
            group,
            experts,
            consensus,
        })
    }
}

/// A panel's serialized form.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct PanelParts {
    experts: Vec<ExpertParts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    expert_weights: Option<Vec<f64>>,
    #[serde(default)]
    aggregation: PanelAggregation,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ExpertParts {
    name: String,
    judgments: JudgmentMatrix,
}

#[cfg(feature = "serde")]
impl TryFrom<PanelParts> for Panel {
    type Error = Error;

    fn try_from(parts: PanelParts) -> Result<Self> {
        let experts = parts
            .experts
            .into_iter()
            .map(|e| (e.name, e.judgments))
            .collect();
        Panel::new(experts, parts.expert_weights, parts.aggregation)
    }
}

#[cfg(feature = "serde")]
impl From<Panel> for PanelParts {
    fn from(panel: Panel) -> Self {
        PanelParts {
            experts: panel
                .names
                .into_iter()
                .zip(panel.matrices)
                .map(|(name, judgments)| ExpertParts { name, judgments })
                .collect(),
            expert_weights: panel.expert_weights,
            aggregation: panel.aggregation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(upper: &[f64]) -> JudgmentMatrix {
        JudgmentMatrix::from_upper_triangle(upper).unwrap()
    }

    #[test]
    fn names_must_be_distinct_and_not_blank() {
        let twice = Panel::new(
            vec![("A".into(), matrix(&[2.0])), ("A".into(), matrix(&[3.0]))],
            None,
            PanelAggregation::Judgments,
        );
        assert!(matches!(
            twice.unwrap_err().kind(),
            ErrorKind::DuplicateExpert { name } if name == "A"
        ));
        let blank = Panel::new(
            vec![(" ".into(), matrix(&[2.0]))],
            None,
            PanelAggregation::Judgments,
        );
        assert!(matches!(
            blank.unwrap_err().kind(),
            ErrorKind::EmptyExpertName { index: 0 }
        ));
    }

    #[test]
    fn an_expert_of_another_order_is_named() {
        let err = Panel::new(
            vec![
                ("A".into(), matrix(&[2.0])),
                ("B".into(), matrix(&[2.0, 3.0, 1.0])),
            ],
            None,
            PanelAggregation::Judgments,
        )
        .unwrap_err();
        assert!(err.to_string().contains("for expert `B`"), "{err}");
    }

    #[test]
    fn a_zero_expert_weight_is_rejected() {
        let err = Panel::new(
            vec![("A".into(), matrix(&[2.0])), ("B".into(), matrix(&[3.0]))],
            Some(vec![1.0, 0.0]),
            PanelAggregation::Judgments,
        )
        .unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::InvalidWeight { index: 1, .. }
        ));
    }
}
