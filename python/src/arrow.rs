//! Batch scoring of Arrow data (a table, a record batch or a stream of them, from pyarrow,
//! Polars, DuckDB or anything with the Arrow PyCapsule interface): one float64 column per leaf
//! and grade named `LEAF.GRADE`, or for a leaf with an indicator one column named `LEAF` of
//! measured values, as `ahp-fce score` reads CSV. Other columns (ids, say) are left alone.
//!
//! The columns are read where they lie; each chunk of rows is gathered into the scorer's
//! (objects, leaves, grades) layout in one reused buffer, so memory stays that of the input
//! and the results.

use std::sync::Arc;

use ahp_fce::error::{ErrorKind, Location};
use ahp_fce::fce::{BatchScorer, Evaluator, IndicatorMembership, VALUES_PER_CHUNK};
use ahp_fce::Error;
use arrow_array::builder::{Float64Builder, StringBuilder};
use arrow_array::{Array, ArrayRef, Float64Array, RecordBatch, RecordBatchReader};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use ndarray::{ArrayView1, ArrayView2};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::errors::to_py;

/// Where a leaf's degrees come from.
enum Source {
    /// One column per grade, in grade order.
    Degrees(Vec<usize>),
    /// One column of measured values and the leaf's membership function.
    Value(usize, IndicatorMembership),
}

/// What to do with a row that has a null in a column it needs.
#[derive(Clone, Copy)]
pub(crate) enum Nulls {
    /// Stop with an error naming the row and the column.
    Error,
    /// Give the row null results.
    Propagate,
}

impl Nulls {
    pub(crate) fn parse(name: &str) -> PyResult<Self> {
        match name {
            "error" => Ok(Self::Error),
            "propagate" => Ok(Self::Propagate),
            other => Err(PyValueError::new_err(format!(
                "nulls must be 'error' or 'propagate', not {other:?}"
            ))),
        }
    }
}

/// The Arrow scorer of one model: its evaluator (names, verdicts) and its compiled plan.
pub(crate) struct ArrowScorer<'m> {
    pub(crate) evaluator: &'m Evaluator,
    pub(crate) scorer: &'m BatchScorer,
    pub(crate) indicators: &'m [Option<IndicatorMembership>],
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

impl ArrowScorer<'_> {
    /// Each leaf's source among the schema's columns.
    fn sources(&self, schema: &Schema) -> PyResult<Vec<Source>> {
        let evaluator = self.evaluator;
        let hierarchy = evaluator.hierarchy();
        let leaves = evaluator.synthesis().leaves();
        let grades = evaluator.grades().len();
        let mut degrees: Vec<Vec<Option<usize>>> = vec![vec![None; grades]; leaves.len()];
        let mut values: Vec<Option<usize>> = vec![None; leaves.len()];
        let duplicate = |leaf: usize| {
            to_py(Error::from(ErrorKind::DuplicateLeafData {
                leaf: hierarchy.path(leaves[leaf]),
            }))
        };
        for (column, field) in schema.fields().iter().enumerate() {
            let title = field.name().as_str();
            let target = match evaluator.leaf_index(title) {
                Ok(leaf) => {
                    if self.indicators.get(leaf).is_none_or(Option::is_none) {
                        return Err(to_py(Error::from(ErrorKind::NoIndicator {
                            leaf: hierarchy.path(leaves[leaf]),
                        })));
                    }
                    if values[leaf].replace(column).is_some() {
                        return Err(duplicate(leaf));
                    }
                    Some(())
                }
                Err(e) if matches!(e.kind(), ErrorKind::AmbiguousName { .. }) => {
                    return Err(to_py(e));
                }
                Err(_) => match grade_column(evaluator, title) {
                    Some((leaf, grade)) => {
                        if degrees[leaf][grade].replace(column).is_some() {
                            return Err(duplicate(leaf));
                        }
                        Some(())
                    }
                    None => None,
                },
            };
            if target.is_some() && field.data_type() != &DataType::Float64 {
                return Err(PyTypeError::new_err(format!(
                    "column `{title}` must be float64, not {}; cast it first",
                    field.data_type()
                )));
            }
        }
        (0..leaves.len())
            .map(|leaf| {
                let given = degrees[leaf].iter().filter(|c| c.is_some()).count();
                match (values[leaf], given) {
                    (Some(column), 0) => Ok(Source::Value(
                        column,
                        self.indicators[leaf]
                            .clone()
                            .unwrap_or_else(|| unreachable!()),
                    )),
                    (None, g) if g == grades => Ok(Source::Degrees(
                        degrees[leaf].iter().flatten().copied().collect(),
                    )),
                    (Some(_), _) => Err(duplicate(leaf)),
                    (None, _) => Err(to_py(Error::from(ErrorKind::MissingLeafData {
                        leaf: hierarchy.path(leaves[leaf]),
                    }))),
                }
            })
            .collect()
    }

    /// The output's schema: `E.GRADE` per grade, `verdict`, and `score` when grades have
    /// scores.
    fn output_schema(&self) -> SchemaRef {
        let grades = self.evaluator.grades();
        let mut fields: Vec<Field> = grades
            .names()
            .iter()
            .map(|name| Field::new(format!("E.{name}"), DataType::Float64, true))
            .collect();
        fields.push(Field::new("verdict", DataType::Utf8, true));
        if grades.scores().is_some() {
            fields.push(Field::new("score", DataType::Float64, true));
        }
        Arc::new(Schema::new(fields))
    }

    /// Scores every batch `reader` yields, one output batch per input batch.
    pub(crate) fn score(
        &self,
        reader: Box<dyn RecordBatchReader + Send>,
        nulls: Nulls,
    ) -> PyResult<(Vec<RecordBatch>, SchemaRef)> {
        let sources = self.sources(&reader.schema())?;
        let schema = self.output_schema();
        let mut first = 0;
        let mut output = Vec::new();
        for batch in reader {
            let batch = batch.map_err(|e| PyValueError::new_err(e.to_string()))?;
            output.push(self.score_batch(&batch, &sources, first, nulls, &schema)?);
            first += batch.num_rows();
        }
        Ok((output, schema))
    }

    fn score_batch(
        &self,
        batch: &RecordBatch,
        sources: &[Source],
        first: usize,
        nulls: Nulls,
        schema: &SchemaRef,
    ) -> PyResult<RecordBatch> {
        let grades = self.evaluator.grades();
        let g = grades.len();
        let leaves = sources.len();
        // The columns a leaf reads were checked to be float64 against the schema.
        let float64: Vec<Option<&Float64Array>> = batch
            .columns()
            .iter()
            .map(|c| c.as_any().downcast_ref::<Float64Array>())
            .collect();
        let column = |c: usize| {
            float64[c].ok_or_else(|| {
                PyTypeError::new_err(format!(
                    "column `{}` must be float64 in every batch",
                    batch.schema().field(c).name()
                ))
            })
        };
        let rows = batch.num_rows();
        let mut results: Vec<Float64Builder> = (0..g)
            .map(|_| Float64Builder::with_capacity(rows))
            .collect();
        let mut verdicts = StringBuilder::with_capacity(rows, rows * 8);
        let mut scores = Float64Builder::with_capacity(rows);
        let chunk = VALUES_PER_CHUNK.min(rows.max(1));
        let mut input = vec![0.0; chunk * leaves * g];
        let mut out = vec![0.0; chunk * g];
        let mut valid = vec![true; chunk];
        for start in (0..rows).step_by(chunk) {
            let count = chunk.min(rows - start);
            for (o, row_valid) in valid[..count].iter_mut().enumerate() {
                let row = start + o;
                *row_valid = true;
                for (l, source) in sources.iter().enumerate() {
                    let at = (o * leaves + l) * g;
                    let cells = &mut input[at..at + g];
                    let needed: &[usize] = match source {
                        Source::Degrees(cols) => cols,
                        Source::Value(col, _) => std::slice::from_ref(col),
                    };
                    let mut null = None;
                    for &c in needed {
                        if column(c)?.is_null(row) {
                            null = Some(c);
                            break;
                        }
                    }
                    if let Some(null) = null {
                        match nulls {
                            Nulls::Error => {
                                return Err(PyValueError::new_err(format!(
                                    "row {}: column `{}` is null; pass nulls='propagate' to \
                                     give such rows null results",
                                    first + row,
                                    batch.schema().field(null).name()
                                )))
                            }
                            Nulls::Propagate => {
                                *row_valid = false;
                                // Any valid row keeps the plan's checks quiet; its result
                                // is dropped.
                                cells.fill(1.0 / g as f64);
                                continue;
                            }
                        }
                    }
                    match source {
                        Source::Degrees(cols) => {
                            for (cell, &c) in cells.iter_mut().zip(cols) {
                                *cell = column(c)?.value(row);
                            }
                        }
                        Source::Value(col, function) => function
                            .degrees_into(column(*col)?.value(row), cells)
                            .map_err(|e| {
                                let leaf = self.evaluator.synthesis().leaves()[l];
                                to_py(
                                    e.at(Location::Node(self.evaluator.hierarchy().path(leaf)))
                                        .at(Location::ObjectIndex(first + row)),
                                )
                            })?,
                    }
                }
            }
            self.scorer
                .score_slices(
                    first + start,
                    &input[..count * leaves * g],
                    &mut out[..count * g],
                )
                .map_err(to_py)?;
            // The scores as the in-process batch computes them (one matrix-vector product),
            // so both give the same bits.
            let chunk_scores = grades.scores().map(|s| {
                ArrayView2::from_shape((count, g), &out[..count * g])
                    .map(|e| e.dot(&ArrayView1::from(s)))
            });
            let chunk_scores = chunk_scores
                .transpose()
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            for o in 0..count {
                let e = &out[o * g..(o + 1) * g];
                if !valid[o] {
                    results.iter_mut().for_each(Float64Builder::append_null);
                    verdicts.append_null();
                    scores.append_null();
                    continue;
                }
                for (builder, &value) in results.iter_mut().zip(e) {
                    builder.append_value(value);
                }
                let verdict = self.evaluator.verdict_of(e).map_err(to_py)?;
                verdicts.append_value(&verdict.name);
                if let Some(s) = &chunk_scores {
                    scores.append_value(s[o]);
                }
            }
        }
        let mut arrays: Vec<ArrayRef> = results
            .into_iter()
            .map(|mut b| Arc::new(b.finish()) as ArrayRef)
            .collect();
        arrays.push(Arc::new(verdicts.finish()));
        if grades.scores().is_some() {
            arrays.push(Arc::new(scores.finish()));
        }
        RecordBatch::try_new(schema.clone(), arrays)
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }
}
