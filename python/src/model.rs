//! `ahp_fce._native.Model`: a loaded model, its report as JSON, and batch scoring from numpy.

use std::path::PathBuf;

use ahp_fce::error::ErrorKind;
use ahp_fce::fce::{BatchScorer, IndicatorMembership};
use ahp_fce::model::Model;
use ahp_fce::Error;
use numpy::{IntoPyArray, PyArray1, PyArray2};
use pyo3::prelude::*;

use pyo3_arrow::input::AnyRecordBatch;
use pyo3_arrow::PyTable;

use crate::arrays::{float64_array, Layout};
use crate::errors::IntoPyResult;

/// What the batch paths return: each object's grade vector, and the scores when the grades
/// have them.
type Scored<'py> = (Bound<'py, PyArray2<f64>>, Option<Bound<'py, PyArray1<f64>>>);

/// A validated and analysed model (weights and consistency are computed when it is loaded).
#[pyclass(module = "ahp_fce._native", name = "Model", frozen)]
pub(crate) struct NativeModel {
    model: Model,
    /// The compiled composition plan, for models with grades.
    scorer: Option<BatchScorer>,
}

impl NativeModel {
    fn new(model: Model) -> Self {
        let scorer = model.evaluator().map(|e| e.batch_scorer());
        Self { model, scorer }
    }

    fn scorer(&self) -> PyResult<&BatchScorer> {
        self.scorer.as_ref().ok_or_else(no_grades)
    }

    /// Every leaf's membership function, or the error naming the first leaf without one.
    fn indicators(&self) -> PyResult<Vec<IndicatorMembership>> {
        let hierarchy = self.model.hierarchy();
        hierarchy
            .leaves()
            .zip(self.model.indicators())
            .map(|(leaf, function)| {
                function.clone().ok_or_else(|| {
                    crate::errors::to_py(Error::from(ErrorKind::NoIndicator {
                        leaf: hierarchy.path(leaf),
                    }))
                })
            })
            .collect()
    }
}

#[pymethods]
impl NativeModel {
    /// Reads a model file, JSON or TOML by its extension.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        py.detach(|| Model::load(&path))
            .into_py_result()
            .map(Self::new)
    }

    /// Parses a model from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        py.detach(|| Model::from_json(text))
            .into_py_result()
            .map(Self::new)
    }

    /// Parses a model from TOML text.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: &str) -> PyResult<Self> {
        py.detach(|| Model::from_toml(text))
            .into_py_result()
            .map(Self::new)
    }

    /// The model as a model file's JSON (what `from_json` reads back).
    fn to_json(&self) -> String {
        self.model.to_json()
    }

    /// The full report as JSON, the schema of `ahp-fce evaluate --format json`.
    fn evaluate_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| self.model.evaluate().map(|report| report.to_json()))
            .into_py_result()
    }

    /// Every leaf's path, left to right: the order of the leaves axis of a batch.
    fn leaves(&self) -> Vec<String> {
        let hierarchy = self.model.hierarchy();
        hierarchy
            .leaves()
            .map(|leaf| hierarchy.path(leaf))
            .collect()
    }

    /// The grades' names, or `None` for a model without grades.
    fn grades(&self) -> Option<Vec<String>> {
        self.model.grades().map(|g| g.names().to_vec())
    }

    /// Scores an (objects, leaves, grades) float64 C-contiguous array in place.
    fn score<'py>(
        &self,
        py: Python<'py>,
        memberships: &Bound<'py, PyAny>,
    ) -> PyResult<Scored<'py>> {
        let scorer = self.scorer()?;
        let array = float64_array(
            memberships,
            3,
            "memberships",
            Layout::objects_leaves_grades(),
        )?;
        let view = array.as_array();
        let view = view
            .into_dimensionality::<ndarray::Ix3>()
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let batch = py.detach(|| scorer.score(view)).into_py_result()?;
        Ok(into_numpy(py, batch))
    }

    /// Scores an (objects, leaves) float64 C-contiguous array of measured values, each leaf's
    /// through its membership function.
    fn score_values<'py>(
        &self,
        py: Python<'py>,
        values: &Bound<'py, PyAny>,
    ) -> PyResult<Scored<'py>> {
        let scorer = self.scorer()?;
        let indicators = self.indicators()?;
        let array = float64_array(values, 2, "values", Layout::objects_leaves())?;
        let view = array.as_array();
        let view = view
            .into_dimensionality::<ndarray::Ix2>()
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        let batch = py
            .detach(|| scorer.score_values(view, &indicators))
            .into_py_result()?;
        Ok(into_numpy(py, batch))
    }

    /// Scores Arrow data (anything with `__arrow_c_stream__` or `__arrow_c_array__`): one
    /// float64 column per leaf and grade named `LEAF.GRADE`, or `LEAF` of measured values for
    /// a leaf with an indicator. Returns a table of `E.GRADE` columns, `verdict` and `score`.
    #[pyo3(signature = (data, *, nulls = "error"))]
    fn score_arrow(&self, py: Python<'_>, data: AnyRecordBatch, nulls: &str) -> PyResult<PyTable> {
        let nulls = crate::arrow::parse_nulls(nulls)?;
        let evaluator = self.model.evaluator().ok_or_else(no_grades)?;
        let indicators = self.model.indicators();
        let reader = data.into_reader()?;
        let (batches, schema) =
            py.detach(|| crate::arrow::score(evaluator, indicators, reader, nulls))?;
        PyTable::try_new(batches, schema)
    }

    fn __repr__(&self) -> String {
        let hierarchy = self.model.hierarchy();
        format!(
            "Model(goal={:?}, leaves={}, grades={}, objects={})",
            hierarchy.path(hierarchy.root()),
            hierarchy.leaves().count(),
            self.model.grades().map_or(0, |g| g.names().len()),
            self.model.objects().len()
        )
    }
}

/// The error for scoring with a model that has no grades.
fn no_grades() -> PyErr {
    crate::errors::to_py(Error::from(ErrorKind::ObjectsWithoutGrades))
}

/// Hands the batch's arrays to numpy without copying them.
pub(crate) fn into_numpy(py: Python<'_>, batch: ahp_fce::fce::BatchEvaluation) -> Scored<'_> {
    let (results, scores) = batch.into_parts();
    (
        results.into_pyarray(py),
        scores.map(|scores| scores.into_pyarray(py)),
    )
}
