//! Comparisons as a file writes them (a full matrix, an upper triangle or named pairs, with
//! numbers or fractions such as "1/3") into judgment matrices.

use super::at;
use super::spec::{ComparisonsSpec, JudgmentSpec};
use crate::ahp::{JudgmentMatrix, Reciprocity};
use crate::error::{Error, ErrorKind, Result};
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
            JudgmentMatrix::from_rows_with(&rows, reciprocity).map_err(at(format!("{path}.matrix")))
        }
        ComparisonsSpec::Upper(upper) => {
            let upper = values(upper, &format!("{path}.upper"))?;
            JudgmentMatrix::from_upper_triangle(&upper).map_err(at(format!("{path}.upper")))
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
    let mut upper: Vec<Option<(f64, usize)>> = vec![None; t * t.saturating_sub(1) / 2];
    let slot = |x: usize, y: usize| x * t - x * (x + 1) / 2 + (y - x - 1);
    for (k, (a, b, judgment)) in pairs.iter().enumerate() {
        let here = format!("{path}[{k}]");
        let value = judgment_value(judgment).map_err(at(&here))?;
        let position = |name: &str| names.iter().position(|n| *n == name);
        let (Some(x), Some(y)) = (position(a), position(b)) else {
            return Err(Error::from(ErrorKind::BadPair {
                a: a.clone(),
                b: b.clone(),
            }))
            .map_err(at(here));
        };
        if x == y {
            return Err(Error::from(ErrorKind::BadPair {
                a: a.clone(),
                b: b.clone(),
            }))
            .map_err(at(here));
        }
        // Stored as row over column with row < column.
        let (index, stored) = if x < y {
            (slot(x, y), value)
        } else {
            (slot(y, x), 1.0 / value)
        };
        match upper[index] {
            Some((earlier, _)) if !((stored / earlier - 1.0).abs() <= tolerance::ROUNDING) => {
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
            None => upper[index] = Some((stored, k)),
        }
    }
    let mut values = Vec::with_capacity(upper.len());
    for x in 0..t {
        for y in x + 1..t {
            match upper[slot(x, y)] {
                Some((value, _)) => values.push(value),
                None => {
                    return Err(Error::from(ErrorKind::MissingPair {
                        a: names[x].to_owned(),
                        b: names[y].to_owned(),
                    }))
                    .map_err(at(path))
                }
            }
        }
    }
    JudgmentMatrix::from_upper_triangle(&values).map_err(at(path))
}
