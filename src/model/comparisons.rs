//! Comparisons as a file writes them (a full matrix, an upper triangle or named pairs, with
//! numbers or fractions such as "1/3") into judgment matrices.

use std::collections::HashMap;

use super::at;
use super::spec::{ComparisonsSpec, JudgmentSpec};
use crate::ahp::{JudgmentMatrix, Reciprocity};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::tolerance;

fn judgment_value(judgment: &JudgmentSpec) -> Result<f64> {
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
    reciprocity: Reciprocity,
    names: &[&str],
    path: &str,
) -> Result<JudgmentMatrix> {
    let values = |row: &[JudgmentSpec], prefix: &str| -> Result<Vec<f64>> {
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
            JudgmentMatrix::from_rows_with(&rows, reciprocity)
                .map_err(|e| between(e, names))
                .map_err(at(format!("{path}.matrix")))
        }
        ComparisonsSpec::Upper(upper) => {
            let upper = values(upper, &format!("{path}.upper"))?;
            JudgmentMatrix::from_upper_triangle(&upper)
                .map_err(|e| between(e, names))
                .map_err(at(format!("{path}.upper")))
        }
        ComparisonsSpec::Pairs(pairs) => pairs_to_matrix(pairs, names, &format!("{path}.pairs")),
    }
}

fn pairs_to_matrix(
    pairs: &[(String, String, JudgmentSpec)],
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
        let value = judgment_value(judgment).map_err(at(&here))?;
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
    let upper_pairs = (0..t).flat_map(|x| (x + 1..t).map(move |y| (x, y)));
    // With fewer distinct pairs than t(t−1)/2, one of the first `given.len() + 1` is missing:
    // the search below stops there.
    let mut values = Vec::with_capacity(given.len());
    for (x, y) in upper_pairs {
        match given.get(&(x, y)) {
            Some(&value) => values.push(value),
            None => {
                return Err(Error::from(ErrorKind::MissingPair {
                    a: names[x].to_owned(),
                    b: names[y].to_owned(),
                }))
                .map_err(at(path))
            }
        }
    }
    JudgmentMatrix::from_upper_triangle(&values).map_err(at(path))
}

/// An entry's error, placed also by the names of the two children it compares.
fn between(error: Error, names: &[&str]) -> Error {
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
