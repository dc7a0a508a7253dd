//! Membership functions of measured indicators in model files: a leaf's `indicator`, read
//! into [`IndicatorMembership`] and written back.

use super::spec::{IndicatorSpec, ModelSpec, NodeSpec};
use super::{at, leaf_specs};
use crate::error::{Error, ErrorKind, Quantity, Result};
use crate::fce::{IndicatorMembership, IndicatorShape};

/// Every leaf's membership function, left to right (`None` where it has none); `grades` is
/// the comment set's size, `None` without one.
pub(super) fn read(
    spec: &ModelSpec,
    grades: Option<usize>,
) -> Result<Vec<Option<IndicatorMembership>>> {
    let leaves = leaf_specs(&spec.hierarchy, &|node, field| {
        if node.indicator.is_some() {
            return Err(Error::from(ErrorKind::MisplacedIndicator))
                .map_err(at(format!("{field}.indicator")));
        }
        Ok(())
    })?;
    leaves
        .iter()
        .map(|(field, _, node)| {
            let Some(given) = &node.indicator else {
                return Ok(None);
            };
            let here = format!("{field}.indicator");
            let Some(grades) = grades else {
                return Err(Error::from(ErrorKind::MisplacedIndicator)).map_err(at(here));
            };
            let f = IndicatorMembership::new(shape_of(given).map_err(at(&here))?, given.better)
                .map_err(at(&here))?;
            if f.grades() != grades {
                return Err(Error::from(ErrorKind::LengthMismatch {
                    what: Quantity::ScoresPerGrade,
                    expected: grades,
                    found: f.grades(),
                }))
                .map_err(at(here));
            }
            Ok(Some(f))
        })
        .collect()
}

fn shape_of(spec: &IndicatorSpec) -> Result<IndicatorShape> {
    let form = || Err(Error::from(ErrorKind::IndicatorForm));
    match (
        &spec.triangular,
        &spec.trapezoidal,
        &spec.gaussian,
        &spec.sigmoid,
        spec.steepness,
    ) {
        (Some(p), None, None, None, None) => Ok(IndicatorShape::Triangular(p.clone())),
        (None, Some(p), None, None, None) => Ok(IndicatorShape::Trapezoidal(p.clone())),
        (None, None, Some(b), None, None) => Ok(IndicatorShape::Gaussian(b.clone())),
        (None, None, None, Some(t), Some(k)) => Ok(IndicatorShape::Sigmoid {
            thresholds: t.clone(),
            steepness: k,
        }),
        _ => form(),
    }
}

/// Writes the membership functions back into the leaves of a file structure.
pub(super) fn write(indicators: &[Option<IndicatorMembership>], spec: &mut ModelSpec) {
    let mut functions = indicators.iter();
    let mut pending: Vec<&mut NodeSpec> = vec![&mut spec.hierarchy];
    while let Some(node) = pending.pop() {
        if node.children.is_empty() {
            if let Some(Some(f)) = functions.next() {
                node.indicator = Some(spec_of(f));
            }
        } else {
            pending.extend(node.children.iter_mut().rev());
        }
    }
}

fn spec_of(f: &IndicatorMembership) -> IndicatorSpec {
    let mut spec = IndicatorSpec {
        better: f.better(),
        triangular: None,
        trapezoidal: None,
        gaussian: None,
        sigmoid: None,
        steepness: None,
    };
    match f.shape() {
        IndicatorShape::Triangular(p) => spec.triangular = Some(p.clone()),
        IndicatorShape::Trapezoidal(p) => spec.trapezoidal = Some(p.clone()),
        IndicatorShape::Gaussian(b) => spec.gaussian = Some(b.clone()),
        IndicatorShape::Sigmoid {
            thresholds,
            steepness,
        } => {
            spec.sigmoid = Some(thresholds.clone());
            spec.steepness = Some(*steepness);
        }
    }
    spec
}
