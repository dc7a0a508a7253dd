//! Nested rows (arrays, vectors or slices of rows) into ndarray matrices.

use ndarray::Array2;

use crate::error::{Collection, Error, ErrorKind, Result};

/// Copies nested rows into an array of `width` columns (the first row's length when `None`),
/// rejecting an empty list and rows of another length.
pub(crate) fn rows_to_array<T, U: Clone + Default, R: AsRef<[T]>>(
    rows: &[R],
    width: Option<usize>,
    what: Collection,
    convert: impl Fn(&T) -> U,
) -> Result<Array2<U>> {
    let Some(first) = rows.first() else {
        return Err(Error::from(ErrorKind::Empty { what }));
    };
    let width = width.unwrap_or(first.as_ref().len());
    let mut array = Array2::from_elem((rows.len(), width), U::default());
    for (row, values) in rows.iter().enumerate() {
        let values = values.as_ref();
        if values.len() != width {
            return Err(Error::from(ErrorKind::RaggedRow {
                row,
                len: values.len(),
                expected: width,
            }));
        }
        for (col, value) in values.iter().enumerate() {
            array[[row, col]] = convert(value);
        }
    }
    Ok(array)
}
