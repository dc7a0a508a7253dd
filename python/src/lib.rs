//! The native half of the `ahp_fce` Python package: the crate's models, judgment matrices and
//! batch scoring, with its errors raised as Python exceptions. The package's Python half
//! (`ahp_fce/__init__.py`) builds the results' Pythonic surface on top of it.

mod arrays;
mod arrow;
mod errors;
mod matrix;
mod model;
mod survey;

use pyo3::prelude::*;

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add("SCHEMA_VERSION", ahp_fce::model::SCHEMA_VERSION)?;
    errors::register(module)?;
    module.add_class::<model::NativeModel>()?;
    module.add_class::<matrix::NativeJudgmentMatrix>()?;
    module.add_function(pyo3::wrap_pyfunction!(survey::survey_json, module)?)?;
    Ok(())
}
