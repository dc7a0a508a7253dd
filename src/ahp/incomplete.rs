//! Judgments with gaps: the pairs an expert did not compare, completed from those she did.
//!
//! Two standard methods derive weights from the given pairs alone, and fill each gap with the
//! ratio of the weights, w_x / w_y:
//! - the logarithmic least squares method (LLSM): minimise Σ over given pairs of
//!   (ln b_xy − ln w_x + ln w_y)²; it is the geometric mean when nothing is missing, and the
//!   geometric mean of the matrix it completes is again its own weights (every filled entry
//!   has residual 0 at those weights, so they solve the complete problem's normal equations
//!   too; see Bozóki, Fülöp & Rónyai 2010, "On optimal completion of incomplete pairwise
//!   comparison matrices", *Mathematical and Computer Modelling* 52, 318–333, for LLSM on
//!   incomplete matrices);
//! - Harker's method (Harker 1987, "Incomplete pairwise comparisons in the analytic hierarchy
//!   process", *Mathematical Modelling* 9(11), 837–848): the principal eigenvector of the matrix
//!   with 0 for every missing entry and 1 + (missing pairs of the row) on the diagonal; it is
//!   also the principal eigenvector, with the same eigenvalue, of the matrix it completes.
//!
//! Either way the result is an ordinary [`JudgmentMatrix`] that remembers which entries were
//! filled ([`JudgmentMatrix::completion`]), so weights, consistency and diagnostics work on it
//! as on any other. Pair LLSM with geometric-mean weights and Harker with eigenvector weights
//! to get each method's own weights exactly.

use ndarray::Array2;

use super::eigen::eigenvector_from;
use super::judgment::{check_entry, order_of_upper_triangle, JudgmentMatrix, Reciprocity};
use super::weights::Weights;
use crate::error::{Collection, Error, ErrorKind, Result};
use crate::tolerance;

/// How missing judgments are filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum CompletionMethod {
    /// The logarithmic least squares method; the geometric mean when nothing is missing. The
    /// default.
    #[default]
    LogarithmicLeastSquares,
    /// Harker's eigenvector method.
    Harker,
}

impl CompletionMethod {
    /// The method's name, as used in reports.
    pub fn name(self) -> &'static str {
        match self {
            CompletionMethod::LogarithmicLeastSquares => "logarithmic least squares",
            CompletionMethod::Harker => "Harker's eigenvector",
        }
    }
}

/// One entry that was not given and was filled with w_row / w_col.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CompletedJudgment {
    /// Row of the filled upper entry (`row < col`).
    pub row: usize,
    /// Its column.
    pub col: usize,
    /// The value filled in, w_row / w_col.
    pub value: f64,
}

/// Which entries of a [`JudgmentMatrix`] were filled, and by which method.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Completion {
    /// The method that filled them.
    pub method: CompletionMethod,
    /// The filled upper entries, in row order.
    pub filled: Vec<CompletedJudgment>,
}

impl Completion {
    /// Whether the pair (row, col), in either order, was filled rather than judged.
    pub fn is_filled(&self, row: usize, col: usize) -> bool {
        let pair = (row.min(col), row.max(col));
        self.filled.iter().any(|f| (f.row, f.col) == pair)
    }
}

/// A reciprocal judgment matrix with some pairs left out; the pairs given connect all items.
///
/// ```
/// use ahp_fce::{CompletionMethod, IncompleteJudgments, WeightingMethod};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// // a over b = 2, b over c = 3, a over c not given.
/// let judgments = IncompleteJudgments::from_upper_triangle(&[Some(2.0), None, Some(3.0)])?;
/// assert_eq!(judgments.missing(), vec![(0, 2)]);
/// let b = judgments.complete(CompletionMethod::LogarithmicLeastSquares)?;
/// // The gap is filled consistently: a over c = 2 · 3. 1e-14: a few roundings near 6.
/// approx::assert_relative_eq!(b.get(0, 2).unwrap(), 6.0, max_relative = 1e-14);
/// assert_eq!(b.completion().unwrap().filled.len(), 1);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct IncompleteJudgments {
    order: usize,
    /// b_xy for x < y in row order; `None` where not given.
    upper: Vec<Option<f64>>,
}

impl IncompleteJudgments {
    /// Validates an upper triangle in row order (`b_01, b_02, …, b_12, …`) with `None` for the
    /// pairs not compared.
    ///
    /// # Errors
    /// [`ErrorKind::UpperTriangleLength`]; [`ErrorKind::NonFinite`], [`ErrorKind::NonPositive`]
    /// or [`ErrorKind::OutOfRange`] naming the entry; [`ErrorKind::DisconnectedJudgments`]
    /// naming the groups of items that no given pair connects.
    pub fn from_upper_triangle(upper: &[Option<f64>]) -> Result<Self> {
        let order = order_of_upper_triangle(upper.len()).ok_or(Error::from(
            ErrorKind::UpperTriangleLength { len: upper.len() },
        ))?;
        for ((row, col), value) in upper_positions(order).zip(upper) {
            if let Some(value) = *value {
                check_entry(row, col, value)?;
            }
        }
        let judgments = Self {
            order,
            upper: upper.to_vec(),
        };
        judgments.check_connected()?;
        Ok(judgments)
    }

    /// Validates a full square matrix with `None` where a judgment is missing. A pair may be
    /// given above or below the diagonal or both (then reciprocal within `reciprocity`'s
    /// tolerance; the upper entry is used); the diagonal is 1 or `None`.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`], [`ErrorKind::NotSquare`], [`ErrorKind::RaggedRow`], the entry
    /// errors of [`JudgmentMatrix::from_rows`], [`ErrorKind::DisconnectedJudgments`].
    pub fn from_rows<R: AsRef<[Option<f64>]>>(
        rows: &[R],
        reciprocity: Reciprocity,
    ) -> Result<Self> {
        let t = rows.len();
        if t == 0 {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::JudgmentMatrix,
            }));
        }
        let cols = rows[0].as_ref().len();
        if cols != t && rows.iter().all(|r| r.as_ref().len() == cols) {
            return Err(Error::from(ErrorKind::NotSquare { rows: t, cols }));
        }
        for (row, r) in rows.iter().enumerate() {
            let len = r.as_ref().len();
            if len != t {
                return Err(Error::from(ErrorKind::RaggedRow {
                    row,
                    len,
                    expected: t,
                }));
            }
            for (col, value) in r.as_ref().iter().enumerate() {
                if let Some(value) = *value {
                    check_entry(row, col, value)?;
                }
            }
            if let Some(value) = r.as_ref()[row] {
                if !((value - 1.0).abs() <= tolerance::DIAGONAL) {
                    return Err(Error::from(ErrorKind::DiagonalNotOne { index: row, value }));
                }
            }
        }
        let mut upper = Vec::with_capacity(t * (t - 1) / 2);
        for (row, col) in upper_positions(t) {
            let (a_ij, a_ji) = (rows[row].as_ref()[col], rows[col].as_ref()[row]);
            upper.push(match (a_ij, a_ji) {
                (Some(a_ij), Some(a_ji)) => {
                    if !((a_ij * a_ji - 1.0).abs() <= reciprocity.tolerance()) {
                        return Err(Error::from(ErrorKind::NotReciprocal {
                            row,
                            col,
                            a_ij,
                            a_ji,
                            tolerance: reciprocity.tolerance(),
                        }));
                    }
                    Some(a_ij)
                }
                (Some(a_ij), None) => Some(a_ij),
                (None, Some(a_ji)) => Some(1.0 / a_ji),
                (None, None) => None,
            });
        }
        let judgments = Self { order: t, upper };
        judgments.check_connected()?;
        Ok(judgments)
    }

    /// The number of items compared.
    pub fn order(&self) -> usize {
        self.order
    }

    /// b_row,col where given (either orientation), `None` where missing or outside.
    pub fn get(&self, row: usize, col: usize) -> Option<f64> {
        let t = self.order;
        if row >= t || col >= t {
            return None;
        }
        if row == col {
            return Some(1.0);
        }
        let (x, y) = (row.min(col), row.max(col));
        let value = self.upper[upper_index(t, x, y)]?;
        Some(if row < col { value } else { 1.0 / value })
    }

    /// The pairs not compared, as (row, col) with row < col, in row order.
    pub fn missing(&self) -> Vec<(usize, usize)> {
        upper_positions(self.order)
            .zip(&self.upper)
            .filter(|(_, v)| v.is_none())
            .map(|(place, _)| place)
            .collect()
    }

    /// Weights from the given pairs by the logarithmic least squares method.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidWeight`] if a weight underflows (judgments chained far beyond
    /// the 1–9 scale).
    pub fn llsm_weights(&self) -> Result<Weights> {
        let logs = llsm_logs(self.order, &self.upper);
        exp_weights(&logs)
    }

    /// Weights from the given pairs by Harker's method.
    ///
    /// # Errors
    /// As [`IncompleteJudgments::llsm_weights`]; [`ErrorKind::EigenvectorNotConverged`] when
    /// the eigenvector cannot be certified.
    pub fn harker_weights(&self) -> Result<Weights> {
        let t = self.order;
        let mut rows = vec![0.0; t * t];
        for x in 0..t {
            let mut missing = 0;
            for y in 0..t {
                match (x == y, self.get(x, y)) {
                    (true, _) => {}
                    (false, Some(value)) => rows[x * t + y] = value,
                    (false, None) => missing += 1,
                }
            }
            rows[x * t + x] = 1.0 + missing as f64;
        }
        let start = self.llsm_weights()?.to_vec();
        let matrix = Array2::from_shape_fn((t, t), |(x, y)| rows[x * t + y]);
        Weights::normalize(eigenvector_from(matrix.view(), &rows, start)?)
    }

    /// The weights of `method`.
    ///
    /// # Errors
    /// As the method's own function.
    pub fn weights(&self, method: CompletionMethod) -> Result<Weights> {
        match method {
            CompletionMethod::LogarithmicLeastSquares => self.llsm_weights(),
            CompletionMethod::Harker => self.harker_weights(),
        }
    }

    /// Judgments from an upper triangle with gaps: the complete matrix when none is missing,
    /// else the matrix completed by `method`.
    ///
    /// # Errors
    /// As [`JudgmentMatrix::from_upper_triangle`], [`IncompleteJudgments::from_upper_triangle`]
    /// and [`IncompleteJudgments::complete`].
    pub fn matrix_from_upper_triangle(
        upper: &[Option<f64>],
        method: CompletionMethod,
    ) -> Result<JudgmentMatrix> {
        match upper.iter().copied().collect::<Option<Vec<f64>>>() {
            Some(values) => JudgmentMatrix::from_upper_triangle(&values),
            None => Self::from_upper_triangle(upper)?.complete(method),
        }
    }

    /// The full matrix: every missing entry b_xy filled with w_x / w_y for the weights of
    /// `method`, and listed in [`JudgmentMatrix::completion`].
    ///
    /// # Errors
    /// As [`IncompleteJudgments::weights`]; [`ErrorKind::OutOfRange`] when a filled ratio
    /// leaves the judgment range.
    pub fn complete(&self, method: CompletionMethod) -> Result<JudgmentMatrix> {
        let weights = self.weights(method)?;
        let w = weights.as_slice();
        let mut filled = Vec::new();
        let values = upper_positions(self.order)
            .zip(&self.upper)
            .map(|((row, col), given)| {
                given.unwrap_or_else(|| {
                    let value = w[row] / w[col];
                    filled.push(CompletedJudgment { row, col, value });
                    value
                })
            })
            .collect::<Vec<_>>();
        let matrix = JudgmentMatrix::from_upper_triangle(&values)?;
        Ok(if filled.is_empty() {
            matrix
        } else {
            matrix.with_completion(Completion { method, filled })
        })
    }

    /// Every pair of items is joined by a chain of given pairs, or the groups that are not.
    fn check_connected(&self) -> Result<()> {
        let groups = connected_groups(self.order, self.upper_given());
        if groups.len() <= 1 {
            Ok(())
        } else {
            Err(Error::from(ErrorKind::DisconnectedJudgments { groups }))
        }
    }

    fn upper_given(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        upper_positions(self.order)
            .zip(&self.upper)
            .filter(|(_, v)| v.is_some())
            .map(|(place, _)| place)
    }
}

/// The groups of items joined by the given pairs, each sorted, ordered by their first item.
pub(crate) fn connected_groups(
    order: usize,
    pairs: impl IntoIterator<Item = (usize, usize)>,
) -> Vec<Vec<usize>> {
    // Union–find with path halving.
    let mut parent: Vec<usize> = (0..order).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (x, y) in pairs {
        let (a, b) = (root(&mut parent, x), root(&mut parent, y));
        if a != b {
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root = vec![usize::MAX; order];
    for x in 0..order {
        let r = root(&mut parent, x);
        if group_of_root[r] == usize::MAX {
            group_of_root[r] = groups.len();
            groups.push(Vec::new());
        }
        groups[group_of_root[r]].push(x);
    }
    groups
}

/// ln w (up to a constant) by LLSM: the Laplacian system L v = r of the given pairs, with
/// v_0 = 0, solved by Cholesky (L without its first row and column is positive definite when
/// the pairs connect all items).
pub(crate) fn llsm_logs(t: usize, upper: &[Option<f64>]) -> Vec<f64> {
    let n = t.saturating_sub(1);
    // Reduced system over items 1..t.
    let mut l = vec![0.0; n * n];
    let mut r = vec![0.0; t];
    let mut degree = vec![0.0; t];
    for ((x, y), value) in upper_positions(t).zip(upper) {
        let Some(value) = *value else { continue };
        let log = value.ln();
        r[x] += log;
        r[y] -= log;
        degree[x] += 1.0;
        degree[y] += 1.0;
        if x > 0 {
            l[(x - 1) * n + (y - 1)] -= 1.0;
            l[(y - 1) * n + (x - 1)] -= 1.0;
        }
    }
    for k in 0..n {
        l[k * n + k] = degree[k + 1];
    }
    let mut v = r[1..].to_vec();
    cholesky_solve(&mut l, &mut v, n);
    let mut logs = Vec::with_capacity(t);
    logs.push(0.0);
    logs.extend(v);
    logs
}

/// Solves A x = b in place for a symmetric positive definite A (row-major, n×n).
fn cholesky_solve(a: &mut [f64], b: &mut [f64], n: usize) {
    for j in 0..n {
        let mut d = a[j * n + j];
        for k in 0..j {
            d -= a[j * n + k] * a[j * n + k];
        }
        let d = d.sqrt();
        a[j * n + j] = d;
        for i in j + 1..n {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= a[i * n + k] * a[j * n + k];
            }
            a[i * n + j] = s / d;
        }
    }
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= a[i * n + k] * b[k];
        }
        b[i] = s / a[i * n + i];
    }
    for i in (0..n).rev() {
        let mut s = b[i];
        for k in i + 1..n {
            s -= a[k * n + i] * b[k];
        }
        b[i] = s / a[i * n + i];
    }
}

fn exp_weights(logs: &[f64]) -> Result<Weights> {
    let largest = logs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    Weights::normalize(logs.iter().map(|l| (l - largest).exp()).collect())
}

pub(crate) fn upper_positions(t: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..t).flat_map(move |row| (row + 1..t).map(move |col| (row, col)))
}

/// Index of (x, y), x < y, in the row-order upper triangle of order t.
fn upper_index(t: usize, x: usize, y: usize) -> usize {
    x * t - x * (x + 1) / 2 + (y - x - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ahp::WeightingMethod;
    use approx::assert_relative_eq;

    #[test]
    fn upper_index_walks_the_triangle_in_row_order() {
        let t = 5;
        for (k, (x, y)) in upper_positions(t).enumerate() {
            assert_eq!(upper_index(t, x, y), k);
        }
    }

    #[test]
    fn llsm_of_a_complete_matrix_is_the_geometric_mean() {
        let upper = [3.0, 5.0, 0.5, 2.0, 4.0, 1.0 / 3.0];
        let full = JudgmentMatrix::from_upper_triangle(&upper).unwrap();
        let some: Vec<_> = upper.iter().map(|&v| Some(v)).collect();
        let llsm = IncompleteJudgments::from_upper_triangle(&some)
            .unwrap()
            .llsm_weights()
            .unwrap();
        let gm = full.weights(WeightingMethod::GeometricMean).unwrap();
        // 1e-14: a Cholesky solve of order 3 against row-product roots.
        assert_relative_eq!(llsm.as_slice(), gm.as_slice(), max_relative = 1e-14);
    }

    #[test]
    fn disconnected_pairs_name_their_groups() {
        // Order 4: only a–b and c–d compared.
        let upper = [Some(2.0), None, None, None, None, Some(3.0)];
        let err = IncompleteJudgments::from_upper_triangle(&upper).unwrap_err();
        assert_eq!(
            err.into_kind(),
            ErrorKind::DisconnectedJudgments {
                groups: vec![vec![0, 1], vec![2, 3]]
            }
        );
    }

    #[test]
    fn rows_take_a_pair_from_either_side() {
        let rows = [
            vec![None, Some(2.0), None],
            vec![None, Some(1.0), None],
            vec![Some(1.0 / 6.0), Some(1.0 / 3.0), None],
        ];
        let j = IncompleteJudgments::from_rows(&rows, Reciprocity::Repair).unwrap();
        assert_eq!(j.get(0, 1), Some(2.0));
        assert_eq!(j.get(0, 2), Some(6.0));
        assert_eq!(j.get(1, 2), Some(3.0));
        assert!(j.missing().is_empty());
    }
}
