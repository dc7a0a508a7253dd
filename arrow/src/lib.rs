//! Scoring Arrow columns with an `ahp-fce` model: one float64 column per leaf and grade
//! (degrees), or for a leaf with a membership function one column of measured values, in; the
//! grade vectors, verdicts and scores out as Arrow arrays.
//!
//! This is the columnar core that the Python package (`score_arrow`) and the query-engine
//! member share. The columns are read where they lie; each chunk of
//! [`VALUES_PER_CHUNK`] rows is gathered into the batch scorer's (objects, leaves, grades)
//! layout in one reused buffer and run through the model's compiled composition plan, so the
//! results are those of [`BatchScorer::score`] bit for bit.
//!
//! ```
//! use std::sync::Arc;
//! use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, Weights};
//! use ahp_fce_arrow::{ColumnScorer, Nulls};
//! use arrow_array::{ArrayRef, Float64Array};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let hierarchy = Hierarchy::new(Criterion::weighted("Goal", Weights::new(&[0.75, 0.25])?, [
//!     Criterion::leaf("a"),
//!     Criterion::leaf("b"),
//! ]))?;
//! let grades = Grades::with_scores(["good", "bad"], [1.0, 0.0])?;
//! let evaluator = Evaluator::new(hierarchy, grades, &AhpOptions::default())?;
//! // Columns a.good, a.bad, b.good, b.bad, by name as a table would have them.
//! let scorer = ColumnScorer::by_names(&evaluator, &[], &["a.good", "a.bad", "b.good", "b.bad"])?;
//! let column = |v: Vec<f64>| Arc::new(Float64Array::from(v)) as ArrayRef;
//! let columns = [column(vec![1.0, 0.5]), column(vec![0.0, 0.5]), column(vec![0.0, 0.5]), column(vec![1.0, 0.5])];
//! let scored = scorer.score(&columns, 0, Nulls::Error)?;
//! assert_eq!(scored.scores.unwrap().values().to_vec(), vec![0.75, 0.5]);
//! assert_eq!(scored.verdicts.unwrap().value(0), "good");
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

use std::sync::Arc;

use ahp_fce::error::{ErrorKind, Location};
use ahp_fce::fce::{BatchScorer, Evaluator, IndicatorMembership, VALUES_PER_CHUNK};
use arrow_array::builder::{Float64Builder, StringBuilder};
use arrow_array::{Array, ArrayRef, Float64Array, StringArray};
use arrow_schema::DataType;
use ndarray::{ArrayView1, ArrayView2};

/// What went wrong scoring columns.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ColumnError {
    /// An error of the model or of a row's values, with the row (`ObjectIndex`) and the leaf.
    #[error(transparent)]
    Model(#[from] ahp_fce::Error),
    /// A column a leaf reads is not float64.
    #[error("column {column} (`{name}`) must be float64, not {found}; cast it first")]
    NotFloat64 {
        /// The column's position.
        column: usize,
        /// Its name, where it has one.
        name: String,
        /// Its type.
        found: DataType,
    },
    /// A null in a column a row needs, under [`Nulls::Error`].
    #[error("row {row}: column {column} (`{name}`) is null; with `Nulls::Propagate` such rows give null results")]
    Null {
        /// The row, counted from the first row scored.
        row: usize,
        /// The column's position.
        column: usize,
        /// Its name, where it has one.
        name: String,
    },
    /// Not the number of columns the scorer reads.
    #[error("{found} columns given, but the model reads {expected}")]
    ColumnCount {
        /// The columns the scorer reads.
        expected: usize,
        /// The columns given.
        found: usize,
    },
    /// Columns of different lengths.
    #[error("column {column} has {found} rows, but column 0 has {expected}")]
    RowCount {
        /// The column.
        column: usize,
        /// Rows of the first column.
        expected: usize,
        /// Rows of this one.
        found: usize,
    },
}

/// What to do with a row that has a null in a column it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Nulls {
    /// Stop with [`ColumnError::Null`] naming the row and the column.
    #[default]
    Error,
    /// Give the row null results.
    Propagate,
}

/// Where a leaf's degrees come from.
#[derive(Debug, Clone, PartialEq)]
pub enum LeafColumns {
    /// One column per grade, in grade order: the degrees.
    Degrees(Vec<usize>),
    /// One column of measured values, turned into degrees by the leaf's membership function.
    Value(usize, IndicatorMembership),
}

/// Which results to build: a query that asks only for scores builds no verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    /// The grade vectors E, one array per grade.
    pub vectors: bool,
    /// The verdicts' grade names.
    pub verdicts: bool,
    /// The scores (when the grades have scores).
    pub scores: bool,
}

impl Outputs {
    /// Every result.
    pub const ALL: Self = Self {
        vectors: true,
        verdicts: true,
        scores: true,
    };
}

/// The results of scoring columns, those asked for ([`Outputs`]): one array per grade (the
/// normalized vector E), the verdict's grade name, and the score when the grades have scores.
/// Null where a row was null under [`Nulls::Propagate`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ScoredColumns {
    /// E_h for each grade h, in grade order (empty when not asked for).
    pub grades: Vec<Float64Array>,
    /// The grade of maximum membership, as [`Evaluator::verdict_of`] names it.
    pub verdicts: Option<StringArray>,
    /// Σ_h E_h·score_h, when asked for and the grades have scores.
    pub scores: Option<Float64Array>,
}

/// A model ready to score columns: its evaluator, compiled plan, and each leaf's columns.
#[derive(Debug, Clone)]
pub struct ColumnScorer {
    evaluator: Evaluator,
    scorer: BatchScorer,
    leaves: Vec<LeafColumns>,
    /// Column names for messages, by position (empty where unnamed).
    names: Vec<String>,
}

/// A leaf column's title split into leaf and grade, trying every dot from the last (names
/// may hold dots themselves).
fn grade_column(evaluator: &Evaluator, title: &str) -> Option<(usize, usize)> {
    title.rmatch_indices('.').find_map(|(at, _)| {
        let grade = evaluator.grades().index_of(&title[at + 1..])?;
        let leaf = evaluator.leaf_index(&title[..at]).ok()?;
        Some((leaf, grade))
    })
}

fn leaf_error(evaluator: &Evaluator, leaf: usize, kind: fn(String) -> ErrorKind) -> ahp_fce::Error {
    let id = evaluator.synthesis().leaves()[leaf];
    ahp_fce::Error::from(kind(evaluator.hierarchy().path(id)))
}

impl ColumnScorer {
    /// Reads the columns by position: leaf after leaf, left to right, one value column for
    /// each leaf with a membership function in `indicators` (one entry per leaf, or none at
    /// all) and one column per grade for the others.
    ///
    /// # Errors
    /// [`ErrorKind::LengthMismatch`] for `indicators` neither empty nor one per leaf.
    pub fn positional(
        evaluator: &Evaluator,
        indicators: &[Option<IndicatorMembership>],
    ) -> Result<Self, ColumnError> {
        let count = evaluator.synthesis().leaves().len();
        let functions = Self::functions(count, indicators)?;
        let grades = evaluator.grades().len();
        let mut next = 0;
        let leaves = functions
            .into_iter()
            .map(|function| match function {
                Some(function) => {
                    next += 1;
                    LeafColumns::Value(next - 1, function.clone())
                }
                None => {
                    next += grades;
                    LeafColumns::Degrees((next - grades..next).collect())
                }
            })
            .collect();
        Ok(Self::with_leaves(evaluator, leaves, Vec::new()))
    }

    /// Reads the columns by name, as `ahp-fce score` reads a CSV header: `LEAF.GRADE` for a
    /// degree, `LEAF` for the measured value of a leaf with a membership function (leaves by
    /// name or path). Columns that name no leaf (ids, say) are left alone.
    ///
    /// # Errors
    /// [`ErrorKind::NoIndicator`] for a value column of a leaf without a function,
    /// [`ErrorKind::DuplicateLeafData`] for a leaf given twice (or as both value and degrees),
    /// [`ErrorKind::MissingLeafData`] for a leaf without all its columns,
    /// [`ErrorKind::AmbiguousName`] for a name several leaves share.
    pub fn by_names<S: AsRef<str>>(
        evaluator: &Evaluator,
        indicators: &[Option<IndicatorMembership>],
        names: &[S],
    ) -> Result<Self, ColumnError> {
        let count = evaluator.synthesis().leaves().len();
        let functions = Self::functions(count, indicators)?;
        let grades = evaluator.grades().len();
        let mut degrees: Vec<Vec<Option<usize>>> = vec![vec![None; grades]; count];
        let mut values: Vec<Option<usize>> = vec![None; count];
        let duplicate = |leaf| {
            leaf_error(evaluator, leaf, |leaf| ErrorKind::DuplicateLeafData {
                leaf,
            })
        };
        for (column, title) in names.iter().enumerate() {
            let title = title.as_ref();
            match evaluator.leaf_index(title) {
                Ok(leaf) => {
                    if functions[leaf].is_none() {
                        return Err(leaf_error(evaluator, leaf, |leaf| ErrorKind::NoIndicator {
                            leaf,
                        })
                        .into());
                    }
                    if values[leaf].replace(column).is_some() {
                        return Err(duplicate(leaf).into());
                    }
                }
                Err(e) if matches!(e.kind(), ErrorKind::AmbiguousName { .. }) => {
                    return Err(e.into())
                }
                Err(_) => {
                    if let Some((leaf, grade)) = grade_column(evaluator, title) {
                        if degrees[leaf][grade].replace(column).is_some() {
                            return Err(duplicate(leaf).into());
                        }
                    }
                }
            }
        }
        let leaves = (0..count)
            .map(|leaf| {
                let given: Vec<usize> = degrees[leaf].iter().flatten().copied().collect();
                match (values[leaf], functions[leaf], given.len()) {
                    (Some(column), Some(function), 0) => {
                        Ok(LeafColumns::Value(column, function.clone()))
                    }
                    (None, _, g) if g == grades => Ok(LeafColumns::Degrees(given)),
                    (Some(_), _, _) => Err(duplicate(leaf).into()),
                    (None, _, _) => {
                        Err(
                            leaf_error(evaluator, leaf, |leaf| ErrorKind::MissingLeafData { leaf })
                                .into(),
                        )
                    }
                }
            })
            .collect::<Result<Vec<_>, ColumnError>>()?;
        let names = names.iter().map(|n| n.as_ref().to_owned()).collect();
        Ok(Self::with_leaves(evaluator, leaves, names))
    }

    fn functions(
        count: usize,
        indicators: &[Option<IndicatorMembership>],
    ) -> Result<Vec<Option<&IndicatorMembership>>, ColumnError> {
        match indicators.len() {
            0 => Ok(vec![None; count]),
            n if n == count => Ok(indicators.iter().map(Option::as_ref).collect()),
            found => Err(ahp_fce::Error::from(ErrorKind::LengthMismatch {
                what: ahp_fce::error::Quantity::IndicatorsPerLeaf,
                expected: count,
                found,
            })
            .into()),
        }
    }

    fn with_leaves(evaluator: &Evaluator, leaves: Vec<LeafColumns>, names: Vec<String>) -> Self {
        Self {
            evaluator: evaluator.clone(),
            scorer: evaluator.batch_scorer(),
            leaves,
            names,
        }
    }

    /// Each leaf's columns, left to right.
    pub fn leaves(&self) -> &[LeafColumns] {
        &self.leaves
    }

    /// The number of columns read: one past the highest position any leaf reads.
    pub fn columns(&self) -> usize {
        self.leaves
            .iter()
            .filter_map(|leaf| match leaf {
                LeafColumns::Degrees(columns) => columns.iter().copied().max(),
                LeafColumns::Value(column, _) => Some(*column),
            })
            .max()
            .map_or(0, |last| last + 1)
    }

    /// The evaluator whose plan runs.
    pub fn evaluator(&self) -> &Evaluator {
        &self.evaluator
    }

    fn name(&self, column: usize) -> String {
        self.names.get(column).cloned().unwrap_or_default()
    }

    /// Scores the rows of `columns` (all of one length; positions as the scorer reads them,
    /// others ignored). Errors number the rows from `first`.
    ///
    /// # Errors
    /// [`ColumnError::ColumnCount`], [`ColumnError::RowCount`], [`ColumnError::NotFloat64`];
    /// [`ColumnError::Null`] under [`Nulls::Error`]; [`ColumnError::Model`] for a row the
    /// model refuses (a degree outside [0, 1], a row not summing to 1, a value that is not
    /// finite), at the leaf inside the row.
    pub fn score(
        &self,
        columns: &[ArrayRef],
        first: usize,
        nulls: Nulls,
    ) -> Result<ScoredColumns, ColumnError> {
        self.score_outputs(columns, first, nulls, Outputs::ALL)
    }

    /// [`ColumnScorer::score`], building only the results in `outputs`.
    ///
    /// # Errors
    /// As [`ColumnScorer::score`].
    pub fn score_outputs(
        &self,
        columns: &[ArrayRef],
        first: usize,
        nulls: Nulls,
        outputs: Outputs,
    ) -> Result<ScoredColumns, ColumnError> {
        let needed = self.columns();
        if columns.len() < needed {
            return Err(ColumnError::ColumnCount {
                expected: needed,
                found: columns.len(),
            });
        }
        let rows = columns.first().map_or(0, |c| c.len());
        let mut float64: Vec<Option<&Float64Array>> = Vec::with_capacity(columns.len());
        for (column, array) in columns.iter().enumerate() {
            if array.len() != rows {
                return Err(ColumnError::RowCount {
                    column,
                    expected: rows,
                    found: array.len(),
                });
            }
            float64.push(array.as_any().downcast_ref::<Float64Array>());
        }
        let used = |column: usize| {
            float64[column].ok_or_else(|| ColumnError::NotFloat64 {
                column,
                name: self.name(column),
                found: columns[column].data_type().clone(),
            })
        };
        // Each leaf's arrays, checked once.
        let mut sources: Vec<Vec<&Float64Array>> = Vec::with_capacity(self.leaves.len());
        for leaf in &self.leaves {
            let positions: &[usize] = match leaf {
                LeafColumns::Degrees(columns) => columns,
                LeafColumns::Value(column, _) => std::slice::from_ref(column),
            };
            sources.push(
                positions
                    .iter()
                    .map(|&c| used(c))
                    .collect::<Result<_, _>>()?,
            );
        }
        self.score_rows(&sources, rows, first, nulls, outputs)
    }

    fn score_rows(
        &self,
        sources: &[Vec<&Float64Array>],
        rows: usize,
        first: usize,
        nulls: Nulls,
        outputs: Outputs,
    ) -> Result<ScoredColumns, ColumnError> {
        let grades = self.evaluator.grades();
        let names = grades.names();
        let g = grades.len();
        let leaves = self.leaves.len();
        let vectors = if outputs.vectors { g } else { 0 };
        let mut results: Vec<Float64Builder> = (0..vectors)
            .map(|_| Float64Builder::with_capacity(rows))
            .collect();
        let mut verdicts = outputs
            .verdicts
            .then(|| StringBuilder::with_capacity(rows, rows * 8));
        let graded_scores = grades.scores().filter(|_| outputs.scores);
        let mut scores = graded_scores.map(|_| Float64Builder::with_capacity(rows));
        let chunk = VALUES_PER_CHUNK.min(rows.max(1));
        // A leaf of degree columns without nulls is read where it lies. The others (a value
        // to convert, or a null to look for) are written row by row, in row order so that the
        // first failing row is the one reported, into columns of their own here.
        let row_wise: Vec<bool> = self
            .leaves
            .iter()
            .zip(sources)
            .map(|(leaf, arrays)| {
                matches!(leaf, LeafColumns::Value(..)) || arrays.iter().any(|a| a.null_count() > 0)
            })
            .collect();
        let any_row_wise = row_wise.contains(&true);
        let mut written = vec![0.0; if any_row_wise { leaves * g * chunk } else { 0 }];
        let mut cells = vec![0.0; g];
        let mut out = vec![0.0; chunk * g];
        let mut valid = vec![true; chunk];
        for start in (0..rows).step_by(chunk) {
            let count = chunk.min(rows - start);
            valid[..count].fill(true);
            let rows_to_write = if any_row_wise { count } else { 0 };
            for (o, row_valid) in valid[..rows_to_write].iter_mut().enumerate() {
                let row = start + o;
                let leaves = self.leaves.iter().zip(sources).enumerate();
                for (l, (leaf, arrays)) in leaves.filter(|&(l, _)| row_wise[l]) {
                    if let Some(k) = arrays.iter().position(|a| a.is_null(row)) {
                        if nulls == Nulls::Error {
                            let column = match leaf {
                                LeafColumns::Degrees(columns) => columns[k],
                                LeafColumns::Value(column, _) => *column,
                            };
                            return Err(ColumnError::Null {
                                row: first + row,
                                column,
                                name: self.name(column),
                            });
                        }
                        *row_valid = false;
                        // Any valid row keeps the plan's checks quiet; its result is dropped.
                        cells.fill(1.0 / g as f64);
                    } else {
                        match leaf {
                            LeafColumns::Degrees(_) => {
                                for (cell, array) in cells.iter_mut().zip(arrays) {
                                    *cell = array.value(row);
                                }
                            }
                            LeafColumns::Value(_, function) => {
                                function
                                    .degrees_into(arrays[0].value(row), &mut cells)
                                    .map_err(|e| {
                                        let id = self.evaluator.synthesis().leaves()[l];
                                        e.at(Location::Node(self.evaluator.hierarchy().path(id)))
                                            .at(Location::ObjectIndex(first + row))
                                    })?;
                            }
                        }
                    }
                    for (h, &cell) in cells.iter().enumerate() {
                        written[(l * g + h) * chunk + o] = cell;
                    }
                }
            }
            let columns: Vec<&[f64]> = sources
                .iter()
                .enumerate()
                .flat_map(|(l, arrays)| {
                    let (written, row_wise) = (&written, row_wise[l]);
                    (0..g).map(move |h| {
                        if row_wise {
                            &written[(l * g + h) * chunk..][..count]
                        } else {
                            &arrays[h].values()[start..start + count]
                        }
                    })
                })
                .collect();
            self.scorer
                .score_columns(first + start, &columns, &mut out[..count * g])?;
            // The scores as the in-process batch computes them (one matrix-vector product),
            // so both give the same bits.
            let chunk_scores = match graded_scores {
                Some(s) => Some(
                    ArrayView2::from_shape((count, g), &out[..count * g])
                        .map_err(|_| shape_error(count * g, out.len()))?
                        .dot(&ArrayView1::from(s)),
                ),
                None => None,
            };
            if let (false, Some(scores), Some(s)) = (any_row_wise, &mut scores, &chunk_scores) {
                // No row of the chunk can be null: its scores go in at once.
                if let Some(s) = s.as_slice() {
                    scores.append_slice(s);
                } else {
                    s.iter().for_each(|&v| scores.append_value(v));
                }
            }
            for (o, &row_valid) in valid[..count].iter().enumerate() {
                if !row_valid {
                    results.iter_mut().for_each(Float64Builder::append_null);
                    if let Some(verdicts) = &mut verdicts {
                        verdicts.append_null();
                    }
                    if let Some(scores) = &mut scores {
                        scores.append_null();
                    }
                    continue;
                }
                let e = &out[o * g..(o + 1) * g];
                for (builder, &value) in results.iter_mut().zip(e) {
                    builder.append_value(value);
                }
                if let Some(verdicts) = &mut verdicts {
                    verdicts.append_value(&names[self.evaluator.verdict_grade(e)?]);
                }
                if let (true, Some(scores), Some(s)) = (any_row_wise, &mut scores, &chunk_scores) {
                    scores.append_value(s[o]);
                }
            }
        }
        Ok(ScoredColumns {
            grades: results.iter_mut().map(Float64Builder::finish).collect(),
            verdicts: verdicts.as_mut().map(StringBuilder::finish),
            scores: scores.as_mut().map(Float64Builder::finish),
        })
    }
}

/// A chunk that is not whole rows of grades: cannot happen for buffers sized here, reported
/// as the library reports a length mismatch rather than unwound.
fn shape_error(expected: usize, found: usize) -> ColumnError {
    ahp_fce::Error::from(ErrorKind::LengthMismatch {
        what: ahp_fce::error::Quantity::DegreesOfBatch,
        expected,
        found,
    })
    .into()
}

impl ScoredColumns {
    /// The arrays built, grade vectors first, then the verdicts and the scores.
    pub fn into_arrays(self) -> Vec<ArrayRef> {
        let mut arrays: Vec<ArrayRef> = self
            .grades
            .into_iter()
            .map(|a| Arc::new(a) as ArrayRef)
            .collect();
        if let Some(verdicts) = self.verdicts {
            arrays.push(Arc::new(verdicts));
        }
        if let Some(scores) = self.scores {
            arrays.push(Arc::new(scores));
        }
        arrays
    }
}
