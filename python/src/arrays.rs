//! numpy arrays handed in: float64, the right number of axes, C-contiguous, read in place.
//! Anything else is refused with a message that says how to get there, never copied quietly.

use numpy::{
    dtype, PyArrayDescrMethods, PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArray,
    PyUntypedArrayMethods,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;

/// The axes an argument must have, named for the messages.
pub(crate) struct Layout(&'static [&'static str]);

impl Layout {
    pub(crate) fn objects_leaves_grades() -> Self {
        Self(&["objects", "leaves", "grades"])
    }

    pub(crate) fn objects_leaves() -> Self {
        Self(&["objects", "leaves"])
    }

    fn describe(&self) -> String {
        format!("({})", self.0.join(", "))
    }
}

/// `argument` as a read-only float64 array of `ndim` axes in C order.
pub(crate) fn float64_array<'py>(
    argument: &Bound<'py, PyAny>,
    ndim: usize,
    name: &str,
    layout: Layout,
) -> PyResult<PyReadonlyArrayDyn<'py, f64>> {
    let py = argument.py();
    let shape = layout.describe();
    let Ok(untyped) = argument.cast::<PyUntypedArray>() else {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a numpy.ndarray shaped {shape}, not {}; \
             convert it with numpy.ascontiguousarray(x, dtype=numpy.float64)",
            argument.get_type().name()?
        )));
    };
    let found = untyped.dtype();
    if !found.is_equiv_to(&dtype::<f64>(py)) {
        return Err(PyTypeError::new_err(format!(
            "{name} must have dtype float64, not {}; convert it with x.astype(numpy.float64)",
            found.str()?
        )));
    }
    if untyped.ndim() != ndim {
        return Err(PyValueError::new_err(format!(
            "{name} must have {ndim} axes {shape}, not {} (shape {:?})",
            untyped.ndim(),
            untyped.shape()
        )));
    }
    if !untyped.is_c_contiguous() {
        return Err(PyValueError::new_err(format!(
            "{name} must be C-contiguous so it can be read in place; \
             pass numpy.ascontiguousarray(x)"
        )));
    }
    let array = argument.cast::<PyArrayDyn<f64>>()?;
    // A borrow numpy's own checks allow: no writer of the array in this extension meanwhile.
    array
        .try_readonly()
        .map_err(|e| PyValueError::new_err(format!("{name}: {e}")))
}
