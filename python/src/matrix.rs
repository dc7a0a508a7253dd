//! `ahp_fce._native.JudgmentMatrix`: one pairwise-comparison matrix, its weights and its
//! consistency, with the method and table names of model files.

use ahp_fce::ahp::{AhpOptions, CompletionMethod, CrThreshold, IncompleteJudgments, Reciprocity};
use ahp_fce::{JudgmentMatrix, RandomIndex, WeightingMethod};
use numpy::{IntoPyArray, PyArray1, PyArray2};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use serde::de::DeserializeOwned;

use crate::errors::IntoPyResult;

/// A validated judgment matrix: positive, reciprocal, ones on the diagonal; judgments not given
/// are filled by the completion method and listed in `completed`.
#[pyclass(module = "ahp_fce._native", name = "JudgmentMatrix", frozen)]
pub(crate) struct NativeJudgmentMatrix {
    matrix: JudgmentMatrix,
}

/// A method or table named as in model files (`"geometric_mean"`, `"saaty1980"`, …).
fn named<T: DeserializeOwned>(what: &str, value: serde_json::Value) -> PyResult<T> {
    serde_json::from_value(value).map_err(|e| PyValueError::new_err(format!("{what}: {e}")))
}

/// A table by name, or a list of RI values from order 1 (a custom table).
fn random_index(table: &Bound<'_, PyAny>) -> PyResult<RandomIndex> {
    if let Ok(name) = table.cast::<PyString>() {
        return named(
            "table",
            serde_json::Value::String(name.to_cow()?.into_owned()),
        );
    }
    let values: Vec<f64> = table.extract().map_err(|_| {
        PyTypeError::new_err("table must be a table's name or a list of RI values from order 1")
    })?;
    named("table", serde_json::json!({ "custom": values }))
}

/// The options of a model file's `options` table: the weighting method, the RI table (Saaty
/// 1980 when not named) and the CR threshold.
fn options(method: &str, table: Option<&Bound<'_, PyAny>>, threshold: f64) -> PyResult<AhpOptions> {
    let weighting: WeightingMethod = named("method", method.into())?;
    let mut options = AhpOptions::default()
        .with_weighting(weighting)
        .with_threshold(CrThreshold::new(threshold).into_py_result()?);
    if let Some(table) = table {
        options = options.with_random_index(random_index(table)?);
    }
    Ok(options)
}

fn json_to_python<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

fn to_json(value: &impl serde::Serialize) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymethods]
impl NativeJudgmentMatrix {
    /// From a square matrix (rows) or a flat upper triangle (`b01, b02, …, b12, …`); `None`
    /// marks a judgment not given.
    #[new]
    #[pyo3(signature = (data, *, completion = "logarithmic_least_squares", reciprocity = "repair"))]
    fn new(data: &Bound<'_, PyAny>, completion: &str, reciprocity: &str) -> PyResult<Self> {
        let completion: CompletionMethod = named("completion", completion.into())?;
        let reciprocity: Reciprocity = named("reciprocity", reciprocity.into())?;
        let matrix = if let Ok(rows) = data.extract::<Vec<Vec<Option<f64>>>>() {
            match rows
                .iter()
                .map(|row| row.iter().copied().collect::<Option<Vec<f64>>>())
                .collect::<Option<Vec<_>>>()
            {
                Some(full) => JudgmentMatrix::from_rows_with(&full, reciprocity),
                None => IncompleteJudgments::from_rows(&rows, reciprocity)
                    .and_then(|judgments| judgments.complete(completion)),
            }
        } else if let Ok(upper) = data.extract::<Vec<Option<f64>>>() {
            IncompleteJudgments::matrix_from_upper_triangle(&upper, completion)
        } else {
            return Err(PyTypeError::new_err(
                "data must be a square matrix (a list of rows, or a 2-D array) or a flat upper \
                 triangle of numbers, with None for a judgment not given",
            ));
        };
        Ok(Self {
            matrix: matrix.into_py_result()?,
        })
    }

    /// The number of items compared.
    #[getter]
    fn order(&self) -> usize {
        self.matrix.order()
    }

    /// The full matrix as used (lower triangle the exact reciprocals, gaps filled).
    fn to_numpy<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray2<f64>> {
        self.matrix.view().to_owned().into_pyarray(py)
    }

    /// The priority weights, summing to 1.
    #[pyo3(signature = (method = "geometric_mean"))]
    fn weights<'py>(&self, py: Python<'py>, method: &str) -> PyResult<Bound<'py, PyArray1<f64>>> {
        let method: WeightingMethod = named("method", method.into())?;
        let weights = method.weights(&self.matrix).into_py_result()?;
        Ok(weights.as_slice().to_vec().into_pyarray(py))
    }

    /// λmax, CI, RI, CR and whether the matrix is acceptable, as a dict (the report's
    /// `consistency` of a node).
    #[pyo3(signature = (table = None, method = "geometric_mean", threshold = 0.1))]
    fn consistency<'py>(
        &self,
        py: Python<'py>,
        table: Option<&Bound<'py, PyAny>>,
        method: &str,
        threshold: f64,
    ) -> PyResult<Bound<'py, PyAny>> {
        let options = options(method, table, threshold)?;
        let analysis = options.analyze(&self.matrix).into_py_result()?;
        json_to_python(py, &to_json(&analysis.consistency)?)
    }

    /// Lower entries typed as inexact reciprocals and replaced by the exact ones.
    #[getter]
    fn repairs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &to_json(&self.matrix.repairs())?)
    }

    /// The judgments not given, as filled (`row`, `col`, `value`), or an empty list.
    #[getter]
    fn completed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let filled = self
            .matrix
            .completion()
            .map(|c| &c.filled[..])
            .unwrap_or_default();
        json_to_python(py, &to_json(&filled)?)
    }

    fn __repr__(&self) -> String {
        format!("JudgmentMatrix({:?})", self.matrix.to_rows())
    }
}
