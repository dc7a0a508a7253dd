//! Alternatives in model files: the top-level names and scales, each leaf's scores, read into
//! [`AlternativeScores`] and written back.

use std::collections::BTreeMap;

use super::comparisons::{judgments_of, Reading};
use super::spec::{AlternativesSpec, MeasurementsSpec, ModelSpec, NodeSpec, RatingsSpec};
use super::{at, comparisons_spec_of, leaf_specs, panel_of, panel_spec_of};
use crate::alternatives::{AlternativeScores, Alternatives, RatingScale};
use crate::error::{Error, ErrorKind, Quantity, Result};

/// The alternatives as the file gives them, validated.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct AlternativesInput {
    pub(super) alternatives: Alternatives,
    pub(super) scales: BTreeMap<String, RatingScale>,
    /// One per leaf, left to right, with the name of the scale of ratings.
    pub(super) leaves: Vec<(AlternativeScores, Option<String>)>,
}

/// The file's alternatives and every leaf's scores; `None` for a model without alternatives.
pub(super) fn read(spec: &ModelSpec, reading: Reading) -> Result<Option<AlternativesInput>> {
    let leaves = leaf_specs(&spec.hierarchy, &|node, field| {
        if node.alternatives.is_some() {
            return Err(Error::from(ErrorKind::AlternativesOnInternalNode))
                .map_err(at(format!("{field}.alternatives")));
        }
        Ok(())
    })?;
    if spec.alternatives.is_empty() {
        if !spec.rating_scales.is_empty() {
            return Err(Error::from(ErrorKind::AlternativeScoresWithoutAlternatives))
                .map_err(at("rating_scales"));
        }
        if let Some((field, _, _)) = leaves.iter().find(|(_, _, n)| n.alternatives.is_some()) {
            return Err(Error::from(ErrorKind::AlternativeScoresWithoutAlternatives))
                .map_err(at(format!("{field}.alternatives")));
        }
        return Ok(None);
    }
    let alternatives =
        Alternatives::new(spec.alternatives.iter().cloned()).map_err(at("alternatives"))?;
    let scales = spec
        .rating_scales
        .iter()
        .map(|(name, levels)| {
            let scale = RatingScale::new(levels.iter().cloned())
                .map_err(at(format!("rating_scales.{name}")))?;
            Ok((name.clone(), scale))
        })
        .collect::<Result<BTreeMap<_, _>>>()?;
    let names: Vec<&str> = alternatives.names().iter().map(String::as_str).collect();
    let scores = leaves
        .iter()
        .map(|(field, path, node)| {
            let here = format!("{field}.alternatives");
            let Some(given) = &node.alternatives else {
                return Err(Error::from(ErrorKind::MissingAlternativeScores {
                    leaf: path.clone(),
                }))
                .map_err(at(field.clone()));
            };
            let (scores, scale) = match given {
                AlternativesSpec::Comparisons(comparisons) => (
                    AlternativeScores::Judgments(judgments_of(
                        comparisons,
                        reading,
                        &names,
                        &format!("{here}.comparisons"),
                    )?),
                    None,
                ),
                AlternativesSpec::Panel(panel) => (
                    AlternativeScores::Panel(panel_of(
                        panel,
                        reading,
                        &names,
                        &format!("{here}.panel"),
                    )?),
                    None,
                ),
                AlternativesSpec::Ratings(ratings) => {
                    let scale = scales.get(&ratings.scale).ok_or_else(|| {
                        Error::from(ErrorKind::UnknownRatingScale {
                            name: ratings.scale.clone(),
                            known: scales.keys().cloned().collect(),
                        })
                        .at(crate::error::Location::Field(format!(
                            "{here}.ratings.scale"
                        )))
                    })?;
                    let scores = AlternativeScores::ratings(scale.clone(), &ratings.values)
                        .map_err(at(format!("{here}.ratings.values")))?;
                    (scores, Some(ratings.scale.clone()))
                }
                AlternativesSpec::Measurements(m) => (
                    AlternativeScores::measurements(m.values.clone(), m.better)
                        .map_err(at(format!("{here}.measurements.values")))?,
                    None,
                ),
            };
            if scores.len() != alternatives.len() {
                return Err(Error::from(ErrorKind::LengthMismatch {
                    what: Quantity::ScoresPerAlternative,
                    expected: alternatives.len(),
                    found: scores.len(),
                }))
                .map_err(at(here));
            }
            Ok((scores, scale))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(AlternativesInput {
        alternatives,
        scales,
        leaves: scores,
    }))
}

/// Writes the alternatives back into a file structure whose hierarchy has no scores yet.
pub(super) fn write(input: &AlternativesInput, spec: &mut ModelSpec) {
    spec.alternatives = input.alternatives.names().to_vec();
    spec.rating_scales = input
        .scales
        .iter()
        .map(|(name, scale)| (name.clone(), scale.levels().to_vec()))
        .collect();
    let mut leaves = input.leaves.iter();
    // Pre-order, children left to right: the order the leaves were read in.
    let mut pending: Vec<&mut NodeSpec> = vec![&mut spec.hierarchy];
    while let Some(node) = pending.pop() {
        if node.children.is_empty() {
            if let Some((scores, scale)) = leaves.next() {
                node.alternatives = Some(spec_of(scores, scale.as_deref()));
            }
        } else {
            pending.extend(node.children.iter_mut().rev());
        }
    }
}

fn spec_of(scores: &AlternativeScores, scale: Option<&str>) -> AlternativesSpec {
    match scores {
        AlternativeScores::Judgments(matrix) => {
            AlternativesSpec::Comparisons(comparisons_spec_of(matrix))
        }
        AlternativeScores::Panel(panel) => AlternativesSpec::Panel(panel_spec_of(panel)),
        AlternativeScores::Ratings { scale: s, levels } => AlternativesSpec::Ratings(RatingsSpec {
            scale: scale.unwrap_or_default().to_owned(),
            values: levels
                .iter()
                .map(|&k| {
                    s.levels()
                        .get(k)
                        .map(|(n, _)| n.clone())
                        .unwrap_or_default()
                })
                .collect(),
        }),
        AlternativeScores::Measurements { values, better } => {
            AlternativesSpec::Measurements(MeasurementsSpec {
                values: values.clone(),
                better: *better,
            })
        }
    }
}
