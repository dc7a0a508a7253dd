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
    // Every length checked before anything is allocated: 25,000 empty rows of a would-be
    // judgment matrix must not ask for 25,000² entries.
    for (row, values) in rows.iter().enumerate() {
        let len = values.as_ref().len();
        if len != width {
            return Err(Error::from(ErrorKind::RaggedRow {
                row,
                len,
                expected: width,
            }));
        }
    }
    let values: Vec<U> = rows
        .iter()
        .flat_map(|row| row.as_ref().iter().map(&convert))
        .collect();
    #[allow(clippy::expect_used)]
    Ok(Array2::from_shape_vec((rows.len(), width), values)
        .expect("every row was checked to have `width` entries"))
}
