//! Pairwise judgment matrices: validated, positive and reciprocal.

use ndarray::{Array2, ArrayRef2, ArrayView2};

use super::incomplete::{CompletedJudgment, Completion};
use super::weights::Weights;
use crate::error::{Collection, Error, ErrorKind, Result};
use crate::matrix_rows::rows_to_array;
use crate::tolerance;

/// Largest judgment accepted; its reciprocal, [`MIN_JUDGMENT`], is the smallest.
///
/// No pairwise judgment is a ratio beyond 10¹⁰⁰ (Saaty's scale stops at 9); the bound keeps
/// every product the weighting and consistency computations form finite.
pub const MAX_JUDGMENT: f64 = 1e100;

/// Smallest judgment accepted, `1 / MAX_JUDGMENT`.
pub const MIN_JUDGMENT: f64 = 1e-100;

/// Saaty's fundamental scale: 1 (equal) … 9 (extreme), and the reciprocals 1/2 … 1/9.
pub const SAATY_SCALE: [f64; 17] = [
    1.0 / 9.0,
    1.0 / 8.0,
    1.0 / 7.0,
    1.0 / 6.0,
    1.0 / 5.0,
    1.0 / 4.0,
    1.0 / 3.0,
    1.0 / 2.0,
    1.0,
    2.0,
    3.0,
    4.0,
    5.0,
    6.0,
    7.0,
    8.0,
    9.0,
];

/// A pairwise comparison matrix B = (b_xy) of order t: positive, with unit diagonal, and
/// reciprocal (b_yx = 1/b_xy).
///
/// Entry `[x][y]` says how much more important item x is than item y, read **row over
/// column**: `b_xy = 3` means "x is moderately more important than y". A transposed matrix
/// inverts every weight, so mind the orientation.
///
/// A value of this type is always valid: the constructors check every entry and name the first
/// bad one, and the matrix is exactly reciprocal. A full matrix whose lower triangle is typed
/// within [`tolerance::ROUNDING`] (5 %) of the reciprocals, such as `0.333` for 1/3, is accepted
/// and used as the exact reciprocal matrix of its upper triangle: every lower entry becomes
/// 1/b_xy, and each pair that was more than [`tolerance::RECIPROCAL_EXACT`] off is listed in
/// [`JudgmentMatrix::repairs`]. (Kept as typed, such entries would move λmax and could give a
/// CI below zero, which no reciprocal matrix has.) [`Reciprocity::Strict`] rejects them instead.
///
/// ```
/// use ahp_fce::JudgmentMatrix;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// // Cost is 3 times as important as safety and 5 times as comfort; safety is 2 times comfort.
/// let b = JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0])?;
/// assert_eq!(b.order(), 3);
/// assert_eq!(b.get(2, 0), Some(1.0 / 5.0));
///
/// let typed = JudgmentMatrix::from_rows(&[
///     [1.0, 3.0, 5.0],
///     [0.333, 1.0, 2.0],
///     [0.2, 0.5, 1.0],
/// ])?;
/// assert_eq!(typed.get(1, 0), Some(1.0 / 3.0)); // used as the exact reciprocal of 3
/// assert_eq!(typed.repairs().len(), 1);
/// assert_eq!(typed.repairs()[0].typed, 0.333);
/// # Ok(())
/// # }
/// ```
///
/// Two matrices are equal when they hold the same judgments, however they were typed.
#[derive(Debug, Clone)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Vec<Vec<f64>>", into = "Vec<Vec<f64>>")
)]
pub struct JudgmentMatrix {
    /// Always in standard (row-major, contiguous) layout, so kernels can take it as a slice;
    /// always exactly reciprocal.
    entries: Array2<f64>,
    /// The lower entries that were typed inexactly and replaced.
    repairs: Vec<ReciprocalRepair>,
    /// The entries that were not given but filled from the others.
    completion: Option<Box<Completion>>,
}

impl PartialEq for JudgmentMatrix {
    fn eq(&self, other: &Self) -> bool {
        self.entries == other.entries
    }
}

impl std::fmt::Display for ReciprocalRepair {
    /// `[1][0] 0.48 → 0.500000 (4.0 %)`: where, as typed, as used, and how far off.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "[{}][{}] {} → {:.6} ({:.1} %)",
            self.row,
            self.col,
            self.typed,
            self.used,
            100.0 * self.deviation
        )
    }
}

/// How a full matrix's lower triangle must match the reciprocals of its upper triangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Reciprocity {
    /// Within [`tolerance::ROUNDING`] (typed reciprocals such as `0.33`), each such entry
    /// replaced by the exact reciprocal and the repair listed. The default.
    #[default]
    Repair,
    /// Within [`tolerance::RECIPROCAL_EXACT`]: anything the default would repair is rejected.
    Strict,
}

impl Reciprocity {
    /// The largest |b_xy·b_yx − 1| accepted.
    pub fn tolerance(self) -> f64 {
        match self {
            Reciprocity::Repair => tolerance::ROUNDING,
            Reciprocity::Strict => tolerance::RECIPROCAL_EXACT,
        }
    }
}

/// A lower entry that was typed as an inexact reciprocal and replaced by the exact one.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReciprocalRepair {
    /// Row of the entry replaced (below the diagonal: `row > col`).
    pub row: usize,
    /// Its column.
    pub col: usize,
    /// b_row,col as typed.
    pub typed: f64,
    /// The value used, 1 / b_col,row.
    pub used: f64,
    /// |b_row,col · b_col,row − 1| as typed: the relative deviation.
    pub deviation: f64,
}

impl JudgmentMatrix {
    /// Validates a full square matrix, given as an owned array or a view.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`], [`ErrorKind::NotSquare`], [`ErrorKind::NonFinite`], [`ErrorKind::NonPositive`]
    /// [`ErrorKind::OutOfRange`] (beyond [`MIN_JUDGMENT`]..=[`MAX_JUDGMENT`]), [`ErrorKind::DiagonalNotOne`],
    /// [`ErrorKind::NotReciprocal`]; each names the first offending position in row order.
    ///
    /// ```
    /// use ahp_fce::{error::ErrorKind, JudgmentMatrix};
    /// use ndarray::array;
    /// let err = JudgmentMatrix::from_array(&array![[1.0, 3.0], [3.0, 1.0]]).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::NotReciprocal { row: 0, col: 1, .. }));
    /// ```
    pub fn from_array(matrix: &ArrayRef2<f64>) -> Result<Self> {
        Self::from_array_with(matrix, Reciprocity::default())
    }

    /// [`JudgmentMatrix::from_array`] with the reciprocity check of your choice.
    ///
    /// # Errors
    /// As [`JudgmentMatrix::from_array`]; [`ErrorKind::NotReciprocal`] names the tolerance that was
    /// exceeded.
    ///
    /// ```
    /// use ahp_fce::{ahp::Reciprocity, JudgmentMatrix};
    /// use ndarray::array;
    /// let typed = array![[1.0, 3.0], [0.333, 1.0]];
    /// assert!(JudgmentMatrix::from_array_with(&typed, Reciprocity::Repair).is_ok());
    /// assert!(JudgmentMatrix::from_array_with(&typed, Reciprocity::Strict).is_err());
    /// ```
    pub fn from_array_with(matrix: &ArrayRef2<f64>, reciprocity: Reciprocity) -> Result<Self> {
        let (rows, cols) = matrix.dim();
        if rows == 0 || cols == 0 {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::JudgmentMatrix,
            }));
        }
        if rows != cols {
            return Err(Error::from(ErrorKind::NotSquare { rows, cols }));
        }
        for ((row, col), &value) in matrix.indexed_iter() {
            check_entry(row, col, value)?;
        }
        for index in 0..rows {
            let value = matrix[[index, index]];
            if !((value - 1.0).abs() <= tolerance::DIAGONAL) {
                return Err(Error::from(ErrorKind::DiagonalNotOne { index, value }));
            }
        }
        let mut entries = matrix.to_owned();
        let mut repairs = Vec::new();
        for row in 0..rows {
            entries[[row, row]] = 1.0;
            for col in row + 1..cols {
                let (a_ij, a_ji) = (matrix[[row, col]], matrix[[col, row]]);
                let deviation = (a_ij * a_ji - 1.0).abs();
                if !(deviation <= reciprocity.tolerance()) {
                    return Err(Error::from(ErrorKind::NotReciprocal {
                        row,
                        col,
                        a_ij,
                        a_ji,
                        tolerance: reciprocity.tolerance(),
                    }));
                }
                let exact = 1.0 / a_ij;
                if deviation > tolerance::RECIPROCAL_EXACT {
                    repairs.push(ReciprocalRepair {
                        row: col,
                        col: row,
                        typed: a_ji,
                        used: exact,
                        deviation,
                    });
                }
                entries[[col, row]] = exact;
            }
        }
        let mut checked = Self::checked(entries);
        checked.repairs = repairs;
        Ok(checked)
    }

    /// Validates a full square matrix given as rows (arrays, vectors or slices).
    ///
    /// # Errors
    /// As [`JudgmentMatrix::from_array`], plus [`ErrorKind::RaggedRow`] for a row whose length
    /// differs from the number of rows.
    pub fn from_rows<R: AsRef<[f64]>>(rows: &[R]) -> Result<Self> {
        Self::from_rows_with(rows, Reciprocity::default())
    }

    /// [`JudgmentMatrix::from_rows`] with the reciprocity check of your choice.
    ///
    /// # Errors
    /// As [`JudgmentMatrix::from_rows`].
    pub fn from_rows_with<R: AsRef<[f64]>>(rows: &[R], reciprocity: Reciprocity) -> Result<Self> {
        // Rows that all have one length other than their number: a row is missing (or one
        // too many), which is not the fault of any row in particular.
        if let Some(first) = rows.first() {
            let cols = first.as_ref().len();
            if cols != rows.len() && rows.iter().all(|r| r.as_ref().len() == cols) {
                return Err(Error::from(ErrorKind::NotSquare {
                    rows: rows.len(),
                    cols,
                }));
            }
        }
        Self::from_array_with(
            &rows_to_array(rows, Some(rows.len()), Collection::JudgmentMatrix, |&v| v)?,
            reciprocity,
        )
    }

    /// Builds the matrix from its upper triangle in row order, `b_01, b_02, …, b_0(t−1), b_12,
    /// …`: t(t−1)/2 values for order t. The diagonal is 1 and the lower triangle holds the exact
    /// reciprocals. No values at all give the 1×1 matrix.
    ///
    /// # Errors
    /// [`ErrorKind::UpperTriangleLength`] when the length is not t(t−1)/2 for any t;
    /// [`ErrorKind::NonFinite`], [`ErrorKind::NonPositive`] or [`ErrorKind::OutOfRange`] naming the entry's place in the full
    /// matrix.
    ///
    /// ```
    /// use ahp_fce::JudgmentMatrix;
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let b = JudgmentMatrix::from_upper_triangle(&[2.0, 4.0, 2.0])?;
    /// assert_eq!(b.to_rows(), vec![
    ///     vec![1.0, 2.0, 4.0],
    ///     vec![0.5, 1.0, 2.0],
    ///     vec![0.25, 0.5, 1.0],
    /// ]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_upper_triangle(upper: &[f64]) -> Result<Self> {
        let order = order_of_upper_triangle(upper.len()).ok_or(Error::from(
            ErrorKind::UpperTriangleLength { len: upper.len() },
        ))?;
        let mut entries = Array2::ones((order, order));
        let positions = (0..order).flat_map(|row| (row + 1..order).map(move |col| (row, col)));
        for ((row, col), &value) in positions.zip(upper) {
            check_entry(row, col, value)?;
            entries[[row, col]] = value;
            entries[[col, row]] = 1.0 / value;
        }
        Ok(Self::checked(entries))
    }

    /// The perfectly consistent matrix of a weight vector, `b_xy = w_x / w_y`.
    ///
    /// # Errors
    /// [`ErrorKind::OutOfRange`] when two weights are so far apart that a ratio leaves
    /// [`MIN_JUDGMENT`]..=[`MAX_JUDGMENT`].
    pub fn from_weight_ratios(weights: &Weights) -> Result<Self> {
        let w = weights.as_slice();
        // The lower triangle as reciprocals of the upper, so the matrix is exactly reciprocal.
        let entries = Array2::from_shape_fn((w.len(), w.len()), |(x, y)| {
            if x <= y {
                w[x] / w[y]
            } else {
                1.0 / (w[y] / w[x])
            }
        });
        for ((row, col), &value) in entries.indexed_iter() {
            check_entry(row, col, value)?;
        }
        Ok(Self::checked(entries))
    }

    /// Wraps entries that have passed the checks, in standard layout.
    fn checked(entries: Array2<f64>) -> Self {
        Self {
            entries: entries.as_standard_layout().into_owned(),
            repairs: Vec::new(),
            completion: None,
        }
    }

    /// This matrix, marked as completed from incomplete judgments.
    pub(crate) fn with_completion(mut self, completion: Completion) -> Self {
        self.completion = Some(Box::new(completion));
        self
    }

    /// Which entries were not judged but filled by
    /// [`IncompleteJudgments::complete`](crate::IncompleteJudgments::complete), and how;
    /// `None` for a matrix whose every pair was given.
    pub fn completion(&self) -> Option<&Completion> {
        self.completion.as_deref()
    }

    /// The same completion record with every filled pair mapped by `place` (pairs of the old
    /// matrix to pairs of the new one) and its value read from `self`.
    fn carry_completion(
        mut self,
        old: &Self,
        place: impl Fn(usize, usize) -> (usize, usize),
    ) -> Self {
        if let Some(completion) = old.completion() {
            let filled = completion
                .filled
                .iter()
                .map(|f| {
                    let (a, b) = place(f.row, f.col);
                    let (row, col) = (a.min(b), a.max(b));
                    CompletedJudgment {
                        row,
                        col,
                        value: self.entries[[row, col]],
                    }
                })
                .collect::<Vec<_>>();
            let mut filled = filled;
            filled.sort_unstable_by_key(|f| (f.row, f.col));
            self.completion = Some(Box::new(Completion {
                method: completion.method,
                filled,
            }));
        }
        self
    }

    /// The lower entries that were typed as inexact reciprocals and replaced by the exact
    /// ones, in row order of their upper partners; empty for a matrix built from an upper
    /// triangle or typed exactly.
    pub fn repairs(&self) -> &[ReciprocalRepair] {
        &self.repairs
    }

    /// The largest relative deviation among [`JudgmentMatrix::repairs`], 0 when there are none.
    pub fn largest_repair(&self) -> f64 {
        self.repairs.iter().map(|r| r.deviation).fold(0.0, f64::max)
    }

    /// The entries row by row, contiguous: `rows()[x * t + y]` is b_xy.
    pub(crate) fn rows(&self) -> &[f64] {
        #[allow(clippy::expect_used)]
        self.entries
            .as_slice()
            .expect("put in standard layout by `checked`")
    }

    /// The order t (number of compared items).
    pub fn order(&self) -> usize {
        self.entries.nrows()
    }

    /// Entry `[row][col]`, or `None` outside the matrix.
    pub fn get(&self, row: usize, col: usize) -> Option<f64> {
        self.entries.get([row, col]).copied()
    }

    /// A read-only view of the entries.
    pub fn view(&self) -> ArrayView2<'_, f64> {
        self.entries.view()
    }

    /// The entries as nested rows.
    pub fn to_rows(&self) -> Vec<Vec<f64>> {
        self.entries
            .rows()
            .into_iter()
            .map(|r| r.to_vec())
            .collect()
    }

    /// The same judgments with b_row,col set to `value` and b_col,row to its exact reciprocal:
    /// one judgment changed, as a repair suggests.
    ///
    /// # Errors
    /// [`ErrorKind::NoSuchJudgment`] for a place outside the matrix or on its diagonal; the entry errors of
    /// [`JudgmentMatrix::from_upper_triangle`] for `value`.
    ///
    /// ```
    /// use ahp_fce::JudgmentMatrix;
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let b = JudgmentMatrix::from_upper_triangle(&[3.0])?.with_judgment(1, 0, 2.0)?;
    /// assert_eq!(b.to_rows(), vec![vec![1.0, 0.5], vec![2.0, 1.0]]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn with_judgment(&self, row: usize, col: usize, value: f64) -> Result<Self> {
        let t = self.order();
        if row >= t || col >= t || row == col {
            return Err(Error::from(ErrorKind::NoSuchJudgment {
                row,
                col,
                order: t,
            }));
        }
        check_entry(row, col, value)?;
        let mut entries = self.entries.clone();
        entries[[row, col]] = value;
        entries[[col, row]] = 1.0 / value;
        let mut changed = Self::checked(entries).carry_completion(self, |a, b| (a, b));
        // A filled entry set by hand is a judgment now.
        let pair = (row.min(col), row.max(col));
        if let Some(completion) = changed.completion.as_mut() {
            completion.filled.retain(|f| (f.row, f.col) != pair);
            if completion.filled.is_empty() {
                changed.completion = None;
            }
        }
        Ok(changed)
    }

    /// The transposed matrix: every judgment read the other way round. It is again a valid
    /// judgment matrix, and its weights are (for the geometric mean exactly) proportional to
    /// the reciprocals of the original weights.
    pub fn transpose(&self) -> Self {
        Self::checked(self.entries.t().to_owned()).carry_completion(self, |a, b| (a, b))
    }

    /// The same judgments with the items reordered: item `order[k]` of `self` becomes item `k`.
    ///
    /// # Errors
    /// [`ErrorKind::NotAPermutation`] when `order` is not a permutation of `0..t`.
    pub fn permuted(&self, order: &[usize]) -> Result<Self> {
        let t = self.order();
        let mut seen = vec![false; t];
        let is_permutation = order.len() == t
            && order
                .iter()
                .all(|&k| k < t && !std::mem::replace(&mut seen[k], true));
        if !is_permutation {
            return Err(Error::from(ErrorKind::NotAPermutation {
                order: t,
                given: order.len(),
            }));
        }
        let entries = Array2::from_shape_fn((t, t), |(x, y)| self.entries[[order[x], order[y]]]);
        let mut new_index = vec![0; t];
        for (k, &old) in order.iter().enumerate() {
            new_index[old] = k;
        }
        Ok(Self::checked(entries).carry_completion(self, |a, b| (new_index[a], new_index[b])))
    }

    /// Whether every entry is on Saaty's 1–9 scale ([`SAATY_SCALE`]) within the rounding
    /// tolerance, so `0.333` counts as 1/3.
    ///
    /// # Errors
    /// [`ErrorKind::OffSaatyScale`] naming the first entry (in row order) that is not.
    ///
    /// ```
    /// use ahp_fce::JudgmentMatrix;
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// JudgmentMatrix::from_upper_triangle(&[3.0, 0.2, 9.0])?.check_saaty_scale()?;
    /// assert!(JudgmentMatrix::from_upper_triangle(&[2.5])?.check_saaty_scale().is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn check_saaty_scale(&self) -> Result<()> {
        for ((row, col), &value) in self.entries.indexed_iter() {
            let on_scale = SAATY_SCALE
                .iter()
                .any(|&s| (value / s - 1.0).abs() <= tolerance::ROUNDING);
            if !on_scale {
                return Err(Error::from(ErrorKind::OffSaatyScale { row, col, value }));
            }
        }
        Ok(())
    }
}

impl TryFrom<Vec<Vec<f64>>> for JudgmentMatrix {
    type Error = Error;

    fn try_from(rows: Vec<Vec<f64>>) -> Result<Self> {
        Self::from_rows(&rows)
    }
}

impl From<JudgmentMatrix> for Vec<Vec<f64>> {
    fn from(matrix: JudgmentMatrix) -> Self {
        matrix.to_rows()
    }
}

/// Rejects non-finite, non-positive and out-of-range entries.
pub(crate) fn check_entry(row: usize, col: usize, value: f64) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::from(ErrorKind::NonFinite { row, col, value }));
    }
    if !(value > 0.0) {
        return Err(Error::from(ErrorKind::NonPositive { row, col, value }));
    }
    if !(MIN_JUDGMENT..=MAX_JUDGMENT).contains(&value) {
        return Err(Error::from(ErrorKind::OutOfRange { row, col, value }));
    }
    Ok(())
}

/// The order t with t(t−1)/2 = `len`, if there is one.
pub(crate) fn order_of_upper_triangle(len: usize) -> Option<usize> {
    // The float root is within one of the answer for any usize; confirm it exactly.
    let estimate = ((1.0 + (1.0 + 8.0 * len as f64).sqrt()) / 2.0) as usize;
    (estimate.saturating_sub(1)..=estimate.saturating_add(1))
        .find(|&t| t >= 1 && (t as u128) * (t as u128 - 1) / 2 == len as u128)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_triangle_lengths() {
        assert_eq!(order_of_upper_triangle(0), Some(1));
        assert_eq!(order_of_upper_triangle(1), Some(2));
        assert_eq!(order_of_upper_triangle(3), Some(3));
        assert_eq!(order_of_upper_triangle(6), Some(4));
        assert_eq!(order_of_upper_triangle(4), None);
        assert_eq!(order_of_upper_triangle(usize::MAX), None);
        for t in [2usize, 17, 1_000, 3_037_000_499, 4_000_000_000] {
            let len = t * (t - 1) / 2;
            assert_eq!(order_of_upper_triangle(len), Some(t));
            assert_eq!(order_of_upper_triangle(len + 1), None);
        }
    }

    #[test]
    fn typed_reciprocals_within_rounding_pass_and_neighbours_fail() {
        // 1/8 typed with two decimals is the worst case of two-decimal rounding (4 % off).
        assert!(JudgmentMatrix::from_rows(&[[1.0, 8.0], [0.13, 1.0]]).is_ok());
        // 1/9 where 1/8 belongs is 11 % off: rejected.
        assert!(matches!(
            JudgmentMatrix::from_rows(&[[1.0, 8.0], [1.0 / 9.0, 1.0]]).map_err(Error::into_kind),
            Err(ErrorKind::NotReciprocal { row: 0, col: 1, .. })
        ));
    }

    #[test]
    fn out_of_range_entries_are_rejected() {
        let err = JudgmentMatrix::from_upper_triangle(&[1e-300]);
        assert!(matches!(
            err.map_err(Error::into_kind),
            Err(ErrorKind::OutOfRange { row: 0, col: 1, .. })
        ));
    }
}
