//! The alternatives and how they score under one leaf criterion.

use super::{JudgmentMatrix, Panel};
use crate::error::{Collection, Error, ErrorKind, Quantity, Result};

/// The alternatives a decision chooses among, by name: at least one, names distinct and not
/// blank.
///
/// ```
/// use ahp_fce::alternatives::Alternatives;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let cars = Alternatives::new(["Accord", "Civic", "Pilot"])?;
/// assert_eq!(cars.len(), 3);
/// assert!(Alternatives::new(["Accord", "Accord"]).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Vec<String>", into = "Vec<String>")
)]
pub struct Alternatives {
    names: Vec<String>,
}

impl Alternatives {
    /// The alternatives in this order.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`] without names; [`ErrorKind::EmptyAlternativeName`] or
    /// [`ErrorKind::DuplicateAlternative`].
    pub fn new<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Result<Self> {
        let names: Vec<String> = names.into_iter().map(Into::into).collect();
        if names.is_empty() {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::Alternatives,
            }));
        }
        let mut seen = std::collections::HashSet::with_capacity(names.len());
        for (index, name) in names.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(Error::from(ErrorKind::EmptyAlternativeName { index }));
            }
            if !seen.insert(name.as_str()) {
                return Err(Error::from(ErrorKind::DuplicateAlternative {
                    name: name.clone(),
                }));
            }
        }
        Ok(Self { names })
    }

    /// The names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The number of alternatives.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Always `false`: there is at least one alternative.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The position of `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

impl TryFrom<Vec<String>> for Alternatives {
    type Error = Error;

    fn try_from(names: Vec<String>) -> Result<Self> {
        Self::new(names)
    }
}

impl From<Alternatives> for Vec<String> {
    fn from(alternatives: Alternatives) -> Self {
        alternatives.names
    }
}

/// A named ratings scale: levels in order, each with a positive value, e.g. excellent 1.0,
/// good 0.6, fair 0.3, poor 0.1 (Saaty's ratings mode: the values are the idealized priorities
/// of the intensities, the best usually 1).
///
/// ```
/// use ahp_fce::alternatives::RatingScale;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let scale = RatingScale::new([("excellent", 1.0), ("good", 0.6), ("poor", 0.1)])?;
/// assert_eq!(scale.value_of("good"), Some(0.6));
/// assert_eq!(scale.top(), 1.0);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Vec<(String, f64)>", into = "Vec<(String, f64)>")
)]
pub struct RatingScale {
    levels: Vec<(String, f64)>,
}

impl RatingScale {
    /// A scale of these levels.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`] without levels; [`ErrorKind::DuplicateRatingLevel`];
    /// [`ErrorKind::InvalidRating`] for a value that is not positive and finite.
    pub fn new<S: Into<String>>(levels: impl IntoIterator<Item = (S, f64)>) -> Result<Self> {
        let levels: Vec<(String, f64)> = levels.into_iter().map(|(n, v)| (n.into(), v)).collect();
        if levels.is_empty() {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::RatingScale,
            }));
        }
        let mut seen = std::collections::HashSet::with_capacity(levels.len());
        for (name, value) in &levels {
            if !seen.insert(name.as_str()) {
                return Err(Error::from(ErrorKind::DuplicateRatingLevel {
                    name: name.clone(),
                }));
            }
            if !(value.is_finite() && *value > 0.0) {
                return Err(Error::from(ErrorKind::InvalidRating {
                    level: name.clone(),
                    value: *value,
                }));
            }
        }
        Ok(Self { levels })
    }

    /// The levels and their values, in order.
    pub fn levels(&self) -> &[(String, f64)] {
        &self.levels
    }

    /// The value of the level named `name`.
    pub fn value_of(&self, name: &str) -> Option<f64> {
        self.levels.iter().find(|(n, _)| n == name).map(|&(_, v)| v)
    }

    /// The largest value of the scale.
    pub fn top(&self) -> f64 {
        self.levels.iter().map(|&(_, v)| v).fold(0.0, f64::max)
    }
}

impl TryFrom<Vec<(String, f64)>> for RatingScale {
    type Error = Error;

    fn try_from(levels: Vec<(String, f64)>) -> Result<Self> {
        Self::new(levels)
    }
}

impl From<RatingScale> for Vec<(String, f64)> {
    fn from(scale: RatingScale) -> Self {
        scale.levels
    }
}

/// Which end of a measurement is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Better {
    /// Larger values are better (capacity, fuel economy): priorities ∝ value.
    More,
    /// Smaller values are better (price, defects): priorities ∝ 1 / value.
    Less,
}

/// How the alternatives do under one leaf criterion.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AlternativeScores {
    /// Pairwise judgments over the alternatives, in their order.
    Judgments(JudgmentMatrix),
    /// A panel's judgments over the alternatives.
    Panel(Panel),
    /// Each alternative's level on a ratings scale.
    Ratings {
        /// The scale.
        scale: RatingScale,
        /// Each alternative's level (an index into the scale's levels), in the alternatives'
        /// order.
        levels: Vec<usize>,
    },
    /// Each alternative's measured value, positive and finite, and which end is better.
    Measurements {
        /// The values, in the alternatives' order.
        values: Vec<f64>,
        /// Which end is better.
        better: Better,
    },
}

impl AlternativeScores {
    /// Ratings by level name.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownRatingLevel`] for a name the scale does not have.
    pub fn ratings<S: AsRef<str>>(
        scale: RatingScale,
        levels: impl IntoIterator<Item = S>,
    ) -> Result<Self> {
        let levels = levels
            .into_iter()
            .map(|name| {
                let name = name.as_ref();
                scale
                    .levels
                    .iter()
                    .position(|(n, _)| n == name)
                    .ok_or_else(|| {
                        Error::from(ErrorKind::UnknownRatingLevel {
                            level: name.to_owned(),
                            known: scale.levels.iter().map(|(n, _)| n.clone()).collect(),
                        })
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Self::Ratings { scale, levels })
    }

    /// Measured values.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidMeasurement`] for a value that is not positive and finite.
    pub fn measurements(values: Vec<f64>, better: Better) -> Result<Self> {
        if let Some((index, &value)) = values
            .iter()
            .enumerate()
            .find(|(_, v)| !(v.is_finite() && **v > 0.0))
        {
            return Err(Error::from(ErrorKind::InvalidMeasurement { index, value }));
        }
        Ok(Self::Measurements { values, better })
    }

    /// The number of alternatives these scores are over.
    pub fn len(&self) -> usize {
        match self {
            AlternativeScores::Judgments(m) => m.order(),
            AlternativeScores::Panel(p) => p.order(),
            AlternativeScores::Ratings { levels, .. } => levels.len(),
            AlternativeScores::Measurements { values, .. } => values.len(),
        }
    }

    /// Whether these scores are over no alternative (never, once checked against them).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The form in words: `judgments`, `panel`, `ratings` or `measurements`.
    pub fn form(&self) -> &'static str {
        match self {
            AlternativeScores::Judgments(_) => "judgments",
            AlternativeScores::Panel(_) => "panel",
            AlternativeScores::Ratings { .. } => "ratings",
            AlternativeScores::Measurements { .. } => "measurements",
        }
    }

    pub(super) fn check_len(&self, alternatives: usize) -> Result<()> {
        if self.len() == alternatives {
            Ok(())
        } else {
            Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::ScoresPerAlternative,
                expected: alternatives,
                found: self.len(),
            }))
        }
    }
}
