//! The comment set: the ordered grades an object is evaluated over.

use std::collections::HashSet;

use crate::error::{Error, ErrorKind, Quantity, Result};

/// The ordered comment set Y = (y_1, …, y_m): at least two uniquely named grades, optionally
/// each with a numeric score for a weighted score Σ E_h·score_h.
///
/// ```
/// use ahp_fce::Grades;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let grades = Grades::with_scores(
///     ["very strong", "strong", "general", "poor"],
///     [4.0, 3.0, 2.0, 1.0],
/// )?;
/// assert_eq!(grades.len(), 4);
/// assert_eq!(grades.index_of("general"), Some(2));
/// assert_eq!(grades.score(0), Some(4.0));
/// assert!(Grades::new(["good", "good"]).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "GradesSpec", into = "GradesSpec")
)]
pub struct Grades {
    names: Vec<String>,
    scores: Option<Vec<f64>>,
}

/// The unchecked form of [`Grades`] that (de)serialization goes through.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct GradesSpec {
    names: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scores: Option<Vec<f64>>,
}

#[cfg(feature = "serde")]
impl TryFrom<GradesSpec> for Grades {
    type Error = Error;

    fn try_from(spec: GradesSpec) -> Result<Self> {
        match spec.scores {
            Some(scores) => Self::with_scores(spec.names, scores),
            None => Self::new(spec.names),
        }
    }
}

#[cfg(feature = "serde")]
impl From<Grades> for GradesSpec {
    fn from(grades: Grades) -> Self {
        Self {
            names: grades.names,
            scores: grades.scores,
        }
    }
}

impl Grades {
    /// Grades without scores, best or worst first as you like (the order is kept).
    ///
    /// # Errors
    /// [`ErrorKind::TooFewGrades`], [`ErrorKind::EmptyGradeName`], [`ErrorKind::DuplicateGrade`].
    pub fn new<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Result<Self> {
        let names: Vec<String> = names.into_iter().map(Into::into).collect();
        if names.len() < 2 {
            return Err(Error::from(ErrorKind::TooFewGrades { count: names.len() }));
        }
        let mut seen = HashSet::new();
        for (index, name) in names.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(Error::from(ErrorKind::EmptyGradeName { index }));
            }
            if !seen.insert(name.as_str()) {
                return Err(Error::from(ErrorKind::DuplicateGrade {
                    name: name.clone(),
                }));
            }
        }
        Ok(Self {
            names,
            scores: None,
        })
    }

    /// Grades with a score each, e.g. 4, 3, 2, 1.
    ///
    /// # Errors
    /// As [`Grades::new`], plus [`ErrorKind::LengthMismatch`] and [`ErrorKind::InvalidGradeScore`].
    pub fn with_scores<S: Into<String>>(
        names: impl IntoIterator<Item = S>,
        scores: impl IntoIterator<Item = f64>,
    ) -> Result<Self> {
        let mut grades = Self::new(names)?;
        let scores: Vec<f64> = scores.into_iter().collect();
        if scores.len() != grades.len() {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: Quantity::ScoresPerGrade,
                expected: grades.len(),
                found: scores.len(),
            }));
        }
        if let Some((index, &value)) = scores.iter().enumerate().find(|(_, s)| !s.is_finite()) {
            return Err(Error::from(ErrorKind::InvalidGradeScore { index, value }));
        }
        grades.scores = Some(scores);
        Ok(grades)
    }

    /// The number of grades m.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Always `false`: there are at least two grades.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The name of grade `index`.
    pub fn name(&self, index: usize) -> Option<&str> {
        self.names.get(index).map(String::as_str)
    }

    /// The index of the grade called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The scores, if the grades have them.
    pub fn scores(&self) -> Option<&[f64]> {
        self.scores.as_deref()
    }

    /// The score of grade `index`, if the grades have scores.
    pub fn score(&self, index: usize) -> Option<f64> {
        self.scores.as_ref().and_then(|s| s.get(index)).copied()
    }
}
