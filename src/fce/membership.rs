//! Membership matrices: how strongly each indicator belongs to each grade.

use ndarray::{Array2, ArrayRef2, ArrayView1, ArrayView2};

use crate::error::{Collection, Error, ErrorKind, Limit, Result};
use crate::limits::Limits;
use crate::matrix_rows::rows_to_array;
use crate::tolerance;

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
    /// [`ErrorKind::Empty`] without rows; [`ErrorKind::TooFewGrades`] with fewer than 2 columns;
    /// [`ErrorKind::MembershipOutOfRange`] (NaN included) and [`ErrorKind::MembershipRowSum`] naming
    /// the row.
    pub fn from_array(degrees: &ArrayRef2<f64>) -> Result<Self> {
        let (rows, grades) = degrees.dim();
        if rows == 0 {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::MembershipMatrix,
            }));
        }
        if grades < 2 {
            return Err(Error::from(ErrorKind::TooFewGrades { count: grades }));
        }
        for (row, values) in degrees.rows().into_iter().enumerate() {
            match values.as_slice() {
                Some(values) => check_row(row, values)?,
                None => check_row(row, &values.to_vec())?,
            }
        }
        Ok(Self {
            degrees: degrees.as_standard_layout().into_owned(),
        })
    }

    /// Validates membership degrees given as rows (arrays, vectors or slices).
    ///
    /// # Errors
    /// As [`MembershipMatrix::from_array`], plus [`ErrorKind::RaggedRow`].
    pub fn from_rows<R: AsRef<[f64]>>(rows: &[R]) -> Result<Self> {
        Self::from_array(&rows_to_array(
            rows,
            None,
            Collection::MembershipMatrix,
            |&v| v,
        )?)
    }

    /// Degrees from expert votes: r_h = V_h / V for each row, where `counts[row][h]` experts put
    /// the indicator in grade h and V is `experts`, or each row's total when `None`.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`], [`ErrorKind::RaggedRow`], [`ErrorKind::TooFewGrades`]; [`ErrorKind::NoExperts`]
    /// for V = 0; [`ErrorKind::VoteTotal`] when a row's votes do not add up to V (a count above V
    /// included).
    pub fn from_votes<R: AsRef<[u32]>>(counts: &[R], experts: Option<u32>) -> Result<Self> {
        let counts = rows_to_array(counts, None, Collection::MembershipMatrix, |&c| {
            u64::from(c)
        })?;
        let mut degrees = Array2::zeros(counts.dim());
        for (row, votes) in counts.rows().into_iter().enumerate() {
            let total: u64 = votes.sum();
            let experts = experts.map_or(total, u64::from);
            if experts == 0 {
                return Err(Error::from(ErrorKind::NoExperts { row }));
            }
            if total != experts {
                return Err(Error::from(ErrorKind::VoteTotal {
                    row,
                    votes: total,
                    experts,
                }));
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
    /// [`ErrorKind::NoResponses`] without responses; [`ErrorKind::LimitExceeded`] for more
    /// grades than [`Limits::default`] allows answer categories (1,000);
    /// [`ErrorKind::RaggedRow`] for an expert who answered
    /// a different number of indicators than the first; [`ErrorKind::GradeOutOfRange`];
    /// [`ErrorKind::TooFewGrades`] and [`ErrorKind::Empty`] as for the other constructors.
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
        // One count per grade and indicator is allocated: the declared number of grades is
        // bounded first, as a survey scale is.
        Limits::default().check(Limit::ScaleLevels, grades as u64)?;
        let Some(first) = responses.first() else {
            return Err(Error::from(ErrorKind::NoResponses));
        };
        let indicators = first.as_ref().len();
        let mut counts = vec![vec![0u32; grades]; indicators];
        for (expert, answers) in responses.iter().enumerate() {
            let answers = answers.as_ref();
            if answers.len() != indicators {
                return Err(Error::from(ErrorKind::RaggedRow {
                    row: expert,
                    len: answers.len(),
                    expected: indicators,
                }));
            }
            for (indicator, &grade) in answers.iter().enumerate() {
                let cell = counts[indicator].get_mut(grade).ok_or(Error::from(
                    ErrorKind::GradeOutOfRange {
                        expert,
                        indicator,
                        grade,
                        grades,
                    },
                ))?;
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

    /// The degrees row by row, contiguous: `as_slice()[i * grades + h]` is r_ih.
    pub(crate) fn as_slice(&self) -> &[f64] {
        #[allow(clippy::expect_used)]
        self.degrees
            .as_slice()
            .expect("put in standard layout by the constructor")
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

/// Whether one membership row is valid: every degree in [0, 1] (a NaN fails) and the row
/// summing to 1 within [`tolerance::MEMBERSHIP_ROW_SUM`]. Branch-free over the row, for the
/// batch kernels; [`check_row`] says what is wrong.
#[inline]
// `contains` short-circuits, which puts a branch on every degree of a batch.
#[allow(clippy::manual_range_contains)]
pub(crate) fn row_is_valid(row: &[f64]) -> bool {
    let mut sum = 0.0;
    let mut in_range = true;
    for &r in row {
        sum += r;
        // `&`, not `&&`: no branch per degree. A NaN fails both comparisons.
        in_range &= (r >= 0.0) & (r <= 1.0);
    }
    in_range && (sum - 1.0).abs() <= tolerance::MEMBERSHIP_ROW_SUM
}

/// The membership-row check of every input path, naming row `index` when it fails.
pub(crate) fn check_row(index: usize, row: &[f64]) -> Result<()> {
    if row_is_valid(row) {
        Ok(())
    } else {
        Err(row_error(index, row))
    }
}

/// What is wrong with row `index`, which failed [`row_is_valid`]: the first degree outside
/// [0, 1], or else its sum.
pub(crate) fn row_error(index: usize, row: &[f64]) -> Error {
    match row.iter().position(|r| !(0.0..=1.0).contains(r)) {
        Some(col) => Error::from(ErrorKind::MembershipOutOfRange {
            row: index,
            col,
            value: row[col],
        }),
        None => Error::from(ErrorKind::MembershipRowSum {
            row: index,
            sum: row.iter().sum(),
            tolerance: tolerance::MEMBERSHIP_ROW_SUM,
        }),
    }
}
