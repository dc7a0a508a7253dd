//! Comparisons as a file writes them (a full matrix, an upper triangle or named pairs, with
//! numbers or fractions such as "1/3", and gaps) into judgment matrices.

use std::collections::HashMap;

use super::at;
use super::spec::{ComparisonsSpec, JudgmentSpec};
use crate::ahp::incomplete::{connected_groups, upper_positions};
use crate::ahp::{CompletionMethod, IncompleteJudgments, JudgmentMatrix, Reciprocity};
use crate::error::{Error, ErrorKind, Limit, Location, Result};
use crate::tolerance;

/// The text that marks a judgment not given (TOML has no `null`).
pub(super) const NOT_GIVEN: &str = "?";

/// How a node's comparisons are read.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading {
    pub(super) reciprocity: Reciprocity,
    pub(super) completion: CompletionMethod,
    /// The largest matrix order allowed (checked before a matrix is allocated).
    pub(super) max_order: usize,
    /// The most experts in one panel.
    pub(super) max_experts: usize,
}

/// A judgment's value; `None` for `null` or [`NOT_GIVEN`].
fn judgment_value(judgment: &Option<JudgmentSpec>) -> Result<Option<f64>> {
    match judgment {
        None => Ok(None),
        Some(JudgmentSpec::Text(text)) if text.trim() == NOT_GIVEN => Ok(None),
        Some(judgment) => given_value(judgment).map(Some),
    }
}

fn given_value(judgment: &JudgmentSpec) -> Result<f64> {
    match judgment {
        JudgmentSpec::Number(value) => Ok(*value),
        JudgmentSpec::Text(text) => {
            let bad = || Error::from(ErrorKind::BadJudgment { text: text.clone() });
            let number = |s: &str| s.trim().parse::<f64>().map_err(|_| bad());
            match text.split_once('/') {
                Some((n, d)) => Ok(number(n)? / number(d)?),
                None => number(text),
            }
        }
    }
}

pub(super) fn judgments_of(
    comparisons: &ComparisonsSpec,
    reading: Reading,
    names: &[&str],
    path: &str,
) -> Result<JudgmentMatrix> {
    let values = |row: &[Option<JudgmentSpec>], prefix: &str| -> Result<Vec<Option<f64>>> {
        row.iter()
            .enumerate()
            .map(|(k, j)| judgment_value(j).map_err(at(format!("{prefix}[{k}]"))))
            .collect()
    };
    match comparisons {
        ComparisonsSpec::Matrix(rows) => {
            let rows = rows
                .iter()
                .enumerate()
                .map(|(r, row)| values(row, &format!("{path}.matrix[{r}]")))
                .collect::<Result<Vec<_>>>()?;
            let complete: Option<Vec<Vec<f64>>> = rows
                .iter()
                .map(|row| row.iter().copied().collect::<Option<Vec<f64>>>())
                .collect();
            match complete {
                Some(rows) => JudgmentMatrix::from_rows_with(&rows, reading.reciprocity),
                None => IncompleteJudgments::from_rows(&rows, reading.reciprocity)
                    .and_then(|j| j.complete(reading.completion)),
            }
            .map_err(|e| between(e, names))
            .map_err(at(format!("{path}.matrix")))
        }
        ComparisonsSpec::Upper(upper) => {
            let upper = values(upper, &format!("{path}.upper"))?;
            IncompleteJudgments::matrix_from_upper_triangle(&upper, reading.completion)
                .map_err(|e| between(e, names))
                .map_err(at(format!("{path}.upper")))
        }
        ComparisonsSpec::Pairs(pairs) => {
            pairs_to_matrix(pairs, reading, names, &format!("{path}.pairs"))
        }
    }
}

fn pairs_to_matrix(
    pairs: &[(String, String, JudgmentSpec)],
    reading: Reading,
    names: &[&str],
    path: &str,
) -> Result<JudgmentMatrix> {
    let t = names.len();
    // Memory in proportion to the pairs written, not to the t(t−1)/2 a node of t children
    // would need: a file may name 20,000 children and give no pair at all.
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(k, n)| (*n, k)).collect();
    let mut given: HashMap<(usize, usize), f64> = HashMap::with_capacity(pairs.len());
    for (k, (a, b, judgment)) in pairs.iter().enumerate() {
        let here = format!("{path}[{k}]");
        let value = given_value(judgment).map_err(at(&here))?;
        let bad_pair = || {
            Err(Error::from(ErrorKind::BadPair {
                a: a.clone(),
                b: b.clone(),
            }))
        };
        let (Some(&x), Some(&y)) = (index.get(a.as_str()), index.get(b.as_str())) else {
            return bad_pair().map_err(at(here));
        };
        if x == y {
            return bad_pair().map_err(at(here));
        }
        // Stored as row over column with row < column.
        let (key, stored) = if x < y {
            ((x, y), value)
        } else {
            ((y, x), 1.0 / value)
        };
        match given.get(&key) {
            Some(&earlier) if !((stored / earlier - 1.0).abs() <= tolerance::ROUNDING) => {
                let as_written = |v: f64| if x < y { v } else { 1.0 / v };
                return Err(Error::from(ErrorKind::ConflictingPair {
                    a: a.clone(),
                    b: b.clone(),
                    first: as_written(earlier),
                    second: value,
                }))
                .map_err(at(here));
            }
            Some(_) => {}
            None => {
                given.insert(key, stored);
            }
        }
    }
    // Connected first: pairs that leave children apart are an error before the t(t−1)/2
    // entries are allocated, and a connected node has written at least t − 1 pairs.
    let groups = connected_groups(t, given.keys().copied());
    if groups.len() > 1 {
        return Err(disconnected(&groups, names)).map_err(at(path));
    }
    if t > reading.max_order {
        return Err(Error::from(ErrorKind::LimitExceeded {
            limit: Limit::MatrixOrder,
            value: t as u64,
            max: reading.max_order as u64,
        }))
        .map_err(at(path));
    }
    let upper: Vec<Option<f64>> = upper_positions(t).map(|p| given.get(&p).copied()).collect();
    IncompleteJudgments::matrix_from_upper_triangle(&upper, reading.completion)
        .map_err(|e| between(e, names))
        .map_err(at(path))
}

/// The groups of children no comparison connects, by name.
fn disconnected(groups: &[Vec<usize>], names: &[&str]) -> Error {
    let groups = groups
        .iter()
        .map(|g| {
            g.iter()
                .map(|&k| names.get(k).copied().unwrap_or("?").to_owned())
                .collect()
        })
        .collect();
    Error::from(ErrorKind::DisconnectedChildren { groups })
}

/// An entry's error, placed also by the names of the two children it compares.
fn between(error: Error, names: &[&str]) -> Error {
    if let ErrorKind::DisconnectedJudgments { groups } = error.kind() {
        return disconnected(groups, names);
    }
    let place = match error.kind() {
        ErrorKind::NonFinite { row, col, .. }
        | ErrorKind::NonPositive { row, col, .. }
        | ErrorKind::OutOfRange { row, col, .. }
        | ErrorKind::NotReciprocal { row, col, .. }
        | ErrorKind::OffSaatyScale { row, col, .. } => Some((*row, *col)),
        ErrorKind::DiagonalNotOne { index, .. } => Some((*index, *index)),
        _ => None,
    };
    match place.and_then(|(row, col)| Some((names.get(row)?, names.get(col)?))) {
        Some((row, col)) => error.at(Location::Comparison((*row).to_owned(), (*col).to_owned())),
        None => error,
    }
}
