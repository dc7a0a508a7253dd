//! `ahp_fce._native.survey`: questionnaire statistics (N, missing, mean, standard error,
//! standard deviation, variance) and key factors, from a CSV file or rows of answers.

use std::path::PathBuf;

use ahp_fce::survey::{ResponseTable, Scale};
use pyo3::exceptions::{PyOSError, PyTypeError};
use pyo3::prelude::*;

use crate::errors::IntoPyResult;

/// A CSV file (one column per item, one row per respondent, empty for missing) or, with
/// `items`, rows of answers (`None` for missing); ranks (1 = most important, scored
/// items..1) unless `likert` gives the number of levels. Returns the report as JSON.
#[pyfunction]
#[pyo3(signature = (responses, *, items = None, likert = None, threshold = None))]
pub(crate) fn survey_json(
    py: Python<'_>,
    responses: &Bound<'_, PyAny>,
    items: Option<Vec<String>>,
    likert: Option<u32>,
    threshold: Option<f64>,
) -> PyResult<String> {
    let scale = |count: usize| match likert {
        Some(levels) => Scale::Likert { levels },
        None => Scale::Rank {
            items: u32::try_from(count).unwrap_or(u32::MAX),
        },
    };
    let table = match items {
        Some(items) => {
            let rows: Vec<Vec<Option<u32>>> = responses.extract().map_err(|_| {
                PyTypeError::new_err(
                    "with items, responses must be rows of whole-number answers (None for missing)",
                )
            })?;
            let scale = scale(items.len());
            py.detach(|| ResponseTable::new(items, scale, rows))
        }
        None => {
            let path: PathBuf = responses.extract().map_err(|_| {
                PyTypeError::new_err(
                    "responses must be a CSV file's path, or rows of answers with items=[...]",
                )
            })?;
            let bytes = std::fs::read(&path).map_err(|e| {
                PyOSError::new_err(format!("cannot read `{}`: {e}", path.display()))
            })?;
            // A rank scale has as many ranks as the header has items.
            let count = csv::Reader::from_reader(bytes.as_slice())
                .headers()
                .map_or(0, |header| header.len());
            py.detach(|| ResponseTable::from_csv(bytes.as_slice(), scale(count)))
        }
    }
    .into_py_result()?;
    let statistics = table.statistics();
    let key_factors = threshold.map(|t| table.key_factors(t));
    let scale_json = serde_json::to_value(table.scale())
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    Ok(serde_json::json!({
        "respondents": table.respondents(),
        "scale": scale_json,
        "statistics": statistics,
        "key_factors": key_factors,
    })
    .to_string())
}
