//! Batch scoring of Arrow data (a table, a record batch or a stream of them, from pyarrow,
//! Polars, DuckDB or anything with the Arrow PyCapsule interface), through the columnar core
//! `ahp-fce-arrow`: columns named `LEAF.GRADE` (degrees) or `LEAF` (measured values), as
//! `ahp-fce score` reads CSV; other columns (ids, say) are left alone.

use std::sync::Arc;

use ahp_fce::fce::{Evaluator, IndicatorMembership};
use ahp_fce_arrow::{ColumnError, ColumnScorer, Nulls};
use arrow_array::{RecordBatch, RecordBatchReader};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

use crate::errors::to_py;

/// `nulls="error"` or `"propagate"`.
pub(crate) fn parse_nulls(name: &str) -> PyResult<Nulls> {
    match name {
        "error" => Ok(Nulls::Error),
        "propagate" => Ok(Nulls::Propagate),
        other => Err(PyValueError::new_err(format!(
            "nulls must be 'error' or 'propagate', not {other:?}"
        ))),
    }
}

/// The Python exception for a column error: the crate's own class for a model's error, a
/// `TypeError` for a column of another type, a `ValueError` for the rest.
fn to_py_error(error: ColumnError) -> PyErr {
    match error {
        ColumnError::Model(e) => to_py(e),
        not_float @ ColumnError::NotFloat64 { .. } => PyTypeError::new_err(not_float.to_string()),
        ColumnError::Null { row, name, .. } => PyValueError::new_err(format!(
            "row {row}: column `{name}` is null; pass nulls='propagate' to give such rows null \
             results"
        )),
        other => PyValueError::new_err(other.to_string()),
    }
}

/// The output's schema: `E.GRADE` per grade, `verdict`, and `score` when grades have scores.
fn output_schema(evaluator: &Evaluator) -> SchemaRef {
    let grades = evaluator.grades();
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
    evaluator: &Evaluator,
    indicators: &[Option<IndicatorMembership>],
    reader: Box<dyn RecordBatchReader + Send>,
    nulls: Nulls,
) -> PyResult<(Vec<RecordBatch>, SchemaRef)> {
    let input = reader.schema();
    let names: Vec<&str> = input.fields().iter().map(|f| f.name().as_str()).collect();
    let scorer = ColumnScorer::by_names(evaluator, indicators, &names).map_err(to_py_error)?;
    let schema = output_schema(evaluator);
    let mut first = 0;
    let mut output = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| PyValueError::new_err(e.to_string()))?;
        let scored = scorer
            .score(batch.columns(), first, nulls)
            .map_err(to_py_error)?;
        output.push(
            RecordBatch::try_new(schema.clone(), scored.into_arrays())
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
        );
        first += batch.num_rows();
    }
    Ok((output, schema))
}
