//! The comment set ([`Grades`]) and membership matrices: how strongly each indicator belongs to
//! each grade.

use std::collections::HashSet;

use ndarray::{Array2, ArrayRef2, ArrayView1, ArrayView2};

use crate::error::{Error, Result};
use crate::nested::rows_to_array;
use crate::tolerance;

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
    /// [`Error::TooFewGrades`], [`Error::EmptyGradeName`], [`Error::DuplicateGrade`].
    pub fn new<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Result<Self> {
        let names: Vec<String> = names.into_iter().map(Into::into).collect();
        if names.len() < 2 {
            return Err(Error::TooFewGrades { count: names.len() });
        }
        let mut seen = HashSet::new();
        for (index, name) in names.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(Error::EmptyGradeName { index });
            }
            if !seen.insert(name.as_str()) {
                return Err(Error::DuplicateGrade { name: name.clone() });
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
    /// As [`Grades::new`], plus [`Error::LengthMismatch`] and [`Error::InvalidGradeScore`].
    pub fn with_scores<S: Into<String>>(
        names: impl IntoIterator<Item = S>,
        scores: impl IntoIterator<Item = f64>,
    ) -> Result<Self> {
        let mut grades = Self::new(names)?;
        let scores: Vec<f64> = scores.into_iter().collect();
        if scores.len() != grades.len() {
            return Err(Error::LengthMismatch {
                what: "one score per grade",
                expected: grades.len(),
                found: scores.len(),
            });
        }
        if let Some((index, &value)) = scores.iter().enumerate().find(|(_, s)| !s.is_finite()) {
            return Err(Error::InvalidGradeScore { index, value });
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

/// A membership matrix R: one row per indicator, one column per grade, every degree in [0, 1]
/// and every row summing to 1 within [`tolerance::MEMBERSHIP_ROW_SUM`].
///
/// In the source paper (Gupta, section 2.3) r_ijh = V_ijh / V, the share of the V experts who
/// put indicator U_ij in grade h; [`MembershipMatrix::from_votes`] builds exactly that.
///
/// ```
/// use ahp_fce::MembershipMatrix;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// // Ten experts; indicator 0: 3 say "very strong", 5 "strong", 2 "general", 0 "poor".
/// let r = MembershipMatrix::from_votes(&[[3, 5, 2, 0], [1, 4, 4, 1]], Some(10))?;
/// assert_eq!(r.row(0).unwrap().to_vec(), vec![0.3, 0.5, 0.2, 0.0]);
/// assert!(MembershipMatrix::from_rows(&[[0.5, 0.4]]).is_err()); // sums to 0.9
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Vec<Vec<f64>>", into = "Vec<Vec<f64>>")
)]
pub struct MembershipMatrix {
    degrees: Array2<f64>,
}

impl MembershipMatrix {
    /// Validates membership degrees given as an owned array or a view.
    ///
    /// # Errors
    /// [`Error::Empty`] without rows; [`Error::TooFewGrades`] with fewer than 2 columns;
    /// [`Error::MembershipOutOfRange`] (NaN included) and [`Error::MembershipRowSum`] naming
    /// the row.
    pub fn from_array(degrees: &ArrayRef2<f64>) -> Result<Self> {
        let (rows, grades) = degrees.dim();
        if rows == 0 {
            return Err(Error::Empty {
                what: "membership matrix",
            });
        }
        if grades < 2 {
            return Err(Error::TooFewGrades { count: grades });
        }
        for (row, values) in degrees.rows().into_iter().enumerate() {
            for (col, &value) in values.iter().enumerate() {
                if !(0.0..=1.0).contains(&value) {
                    return Err(Error::MembershipOutOfRange { row, col, value });
                }
            }
            let sum = values.sum();
            if !((sum - 1.0).abs() <= tolerance::MEMBERSHIP_ROW_SUM) {
                return Err(Error::MembershipRowSum {
                    row,
                    sum,
                    tolerance: tolerance::MEMBERSHIP_ROW_SUM,
                });
            }
        }
        Ok(Self {
            degrees: degrees.to_owned(),
        })
    }

    /// Validates membership degrees given as rows (arrays, vectors or slices).
    ///
    /// # Errors
    /// As [`MembershipMatrix::from_array`], plus [`Error::RaggedRow`].
    pub fn from_rows<R: AsRef<[f64]>>(rows: &[R]) -> Result<Self> {
        Self::from_array(&rows_to_array(rows, None, "membership matrix", |&v| v)?)
    }

    /// Degrees from expert votes: r_h = V_h / V for each row, where `counts[row][h]` experts put
    /// the indicator in grade h and V is `experts`, or each row's total when `None`.
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::RaggedRow`], [`Error::TooFewGrades`]; [`Error::NoExperts`]
    /// for V = 0; [`Error::VoteTotal`] when a row's votes do not add up to V (a count above V
    /// included).
    pub fn from_votes<R: AsRef<[u32]>>(counts: &[R], experts: Option<u32>) -> Result<Self> {
        let counts = rows_to_array(counts, None, "membership matrix", |&c| u64::from(c))?;
        let mut degrees = Array2::zeros(counts.dim());
        for (row, votes) in counts.rows().into_iter().enumerate() {
            let total: u64 = votes.sum();
            let experts = experts.map_or(total, u64::from);
            if experts == 0 {
                return Err(Error::NoExperts { row });
            }
            if total != experts {
                return Err(Error::VoteTotal {
                    row,
                    votes: total,
                    experts,
                });
            }
            for (h, &v) in votes.iter().enumerate() {
                degrees[[row, h]] = v as f64 / experts as f64;
            }
        }
        Self::from_array(&degrees)
    }

    /// Degrees from raw responses: `responses[expert][indicator]` is the index of the grade that
    /// expert chose for that indicator; the degrees are each grade's share of the experts.
    ///
    /// # Errors
    /// [`Error::NoExperts`] without responses; [`Error::RaggedRow`] for an expert who answered
    /// a different number of indicators than the first; [`Error::GradeOutOfRange`];
    /// [`Error::TooFewGrades`] and [`Error::Empty`] as for the other constructors.
    ///
    /// ```
    /// use ahp_fce::MembershipMatrix;
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// // Four experts grade two indicators on three grades.
    /// let r = MembershipMatrix::from_responses(&[[0, 2], [1, 2], [0, 1], [0, 2]], 3)?;
    /// assert_eq!(r.row(0).unwrap().to_vec(), vec![0.75, 0.25, 0.0]);
    /// assert_eq!(r.row(1).unwrap().to_vec(), vec![0.0, 0.25, 0.75]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_responses<R: AsRef<[usize]>>(responses: &[R], grades: usize) -> Result<Self> {
        let Some(first) = responses.first() else {
            return Err(Error::NoExperts { row: 0 });
        };
        let indicators = first.as_ref().len();
        let mut counts = vec![vec![0u32; grades]; indicators];
        for (expert, answers) in responses.iter().enumerate() {
            let answers = answers.as_ref();
            if answers.len() != indicators {
                return Err(Error::RaggedRow {
                    row: expert,
                    len: answers.len(),
                    expected: indicators,
                });
            }
            for (indicator, &grade) in answers.iter().enumerate() {
                let cell = counts[indicator]
                    .get_mut(grade)
                    .ok_or(Error::GradeOutOfRange {
                        expert,
                        indicator,
                        grade,
                        grades,
                    })?;
                *cell = cell.saturating_add(1);
            }
        }
        Self::from_votes(&counts, None)
    }

    /// The number of indicators (rows).
    pub fn indicators(&self) -> usize {
        self.degrees.nrows()
    }

    /// The number of grades (columns).
    pub fn grades(&self) -> usize {
        self.degrees.ncols()
    }

    /// The degrees of indicator `index`.
    pub fn row(&self, index: usize) -> Option<ArrayView1<'_, f64>> {
        (index < self.indicators()).then(|| self.degrees.row(index))
    }

    /// A read-only view of all degrees.
    pub fn view(&self) -> ArrayView2<'_, f64> {
        self.degrees.view()
    }

    /// The degrees as nested rows.
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.degrees
            .rows()
            .into_iter()
            .map(|r| r.to_vec())
            .collect()
    }
}

impl TryFrom<Vec<Vec<f64>>> for MembershipMatrix {
    type Error = Error;

    fn try_from(rows: Vec<Vec<f64>>) -> Result<Self> {
        Self::from_rows(&rows)
    }
}

impl From<MembershipMatrix> for Vec<Vec<f64>> {
    fn from(matrix: MembershipMatrix) -> Self {
        matrix.to_rows()
    }
}
