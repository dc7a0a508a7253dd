//! Reading a response table from CSV.

use std::io::Read;

use super::{ResponseTable, Scale};
use crate::error::{Collection, Error, ErrorKind, Location, Result};
use crate::limits::Limits;

impl ResponseTable {
    /// Reads a table from CSV: a header of item names, then one line per respondent; an empty
    /// cell is a missing answer. Every other cell must be a whole number on `scale`.
    ///
    /// Nothing is dropped silently: the first bad cell stops the reading with an error that
    /// names its line (the header is line 1) and its column's item.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`] for a file without a header; [`ErrorKind::Csv`] for malformed CSV (e.g. a
    /// line with another number of fields); [`ErrorKind::NotANumber`]; the validation errors of
    /// [`ResponseTable::new`] (wrapped in a [`Location::Line`] when they concern one line).
    ///
    /// ```
    /// use ahp_fce::survey::{ResponseTable, Scale};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let csv = "credit,promotion,logistics\n1,2,3\n2,1,\n";
    /// let table = ResponseTable::from_csv(csv.as_bytes(), Scale::Rank { items: 3 })?;
    /// assert_eq!(table.respondents(), 2);
    /// assert_eq!(table.statistics()[0].mean, Some(2.5)); // scores 3 and 2
    ///
    /// let err = ResponseTable::from_csv("a,b\n1,x\n".as_bytes(), Scale::Likert { levels: 5 })
    ///     .unwrap_err();
    /// assert_eq!(err.line(), Some(2));
    /// assert_eq!(err.to_string(), "line 2: column `b`: `x` is not a whole number \
    ///     (leave the cell empty for a missing answer)");
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_csv<R: Read>(reader: R, scale: Scale) -> Result<Self> {
        Self::from_csv_with_limits(reader, scale, &Limits::default())
    }

    /// [`ResponseTable::from_csv`] with other bounds on the scale than [`Limits::default`].
    ///
    /// # Errors
    /// As [`ResponseTable::from_csv`] and [`ResponseTable::new_with_limits`].
    pub fn from_csv_with_limits<R: Read>(
        mut reader: R,
        scale: Scale,
        limits: &Limits,
    ) -> Result<Self> {
        // Read whole so that line numbers can be counted from byte offsets: the CSV reader's
        // own line count does not advance over blank lines, which it skips.
        let mut text = Vec::new();
        reader.read_to_end(&mut text).map_err(|e| {
            Error::from(ErrorKind::Csv {
                message: e.to_string(),
            })
        })?;
        // Where every line starts, once, so that placing a record is a binary search and a
        // large file is read in linear time.
        let newlines: Vec<usize> = text
            .iter()
            .enumerate()
            .filter_map(|(k, &b)| (b == b'\n').then_some(k))
            .collect();
        let line_at = |byte: u64| {
            // A record's position is where reading resumed, before any blank lines it skipped.
            let start = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
            let blank = text[start..]
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            1 + newlines.partition_point(|&k| k < start + blank) as u64
        };
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_slice());
        let items: Vec<String> = csv
            .headers()
            .map_err(|e| csv_error(e, line_at))?
            .iter()
            .map(str::to_owned)
            .collect();
        if items.iter().all(String::is_empty) {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::CsvHeader,
            }));
        }
        // An empty table checks the header and the scale before any line is read.
        Self::new_with_limits(items.clone(), scale, Vec::new(), limits)?;
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        for record in csv.records() {
            let record = record.map_err(|e| csv_error(e, line_at))?;
            let line = record.position().map(|p| line_at(p.byte()));
            let mut row = Vec::with_capacity(items.len());
            for (cell, item) in record.iter().zip(items.iter()) {
                row.push(if cell.is_empty() {
                    None
                } else {
                    Some(cell.parse::<u32>().map_err(|_| {
                        at_line(
                            ErrorKind::NotANumber {
                                item: item.clone(),
                                text: cell.to_owned(),
                            }
                            .into(),
                            line,
                        )
                    })?)
                });
            }
            rows.push(row);
            lines.push(line);
        }
        Self::new_with_limits(items, scale, rows, limits).map_err(|e| match respondent_of(&e) {
            Some(index) => {
                let line = lines.get(index).copied().flatten();
                at_line(e, line)
            }
            None => e,
        })
    }
}

/// The respondent (data row) an error concerns, if it concerns one.
fn respondent_of(error: &Error) -> Option<usize> {
    match error.kind() {
        ErrorKind::OffScale { respondent, .. } | ErrorKind::RepeatedRank { respondent, .. } => {
            Some(*respondent)
        }
        ErrorKind::RaggedRow { row, .. } => Some(*row),
        _ => None,
    }
}

/// `error` on `line` of the file, where the line is known.
fn at_line(error: Error, line: Option<u64>) -> Error {
    match line {
        Some(line) => error.at(Location::Line(line)),
        None => error,
    }
}

fn csv_error(error: csv::Error, line_at: impl Fn(u64) -> u64) -> Error {
    let line = error.position().map(|p| line_at(p.byte()));
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("expected {expected_len} fields like the header, found {len}"),
        _ => error.to_string(),
    };
    at_line(Error::from(ErrorKind::Csv { message }), line)
}
