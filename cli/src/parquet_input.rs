//! `score --data *.parquet`: the CSV input's columns, read from a Parquet file through Arrow.
//!
//! The columns are those of the CSV header (`name`, then `LEAF.GRADE` or `LEAF`), matched by
//! the same rules and giving the same rows, so a table scores the same from either format.
//! Degree and value columns may hold any integer or float type; the name column strings or
//! integers. Nulls are refused with their row and column: a score is never made up.

use std::fs::File;
use std::path::Path;

use ahp_fce::fce::IndicatorMembership;
use ahp_fce::Evaluator;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrowPrimitiveType, PrimitiveArray};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::score::{columns, object_rows, Place, Results};

/// Rows per Arrow batch read from the file.
const BATCH_ROWS: usize = 8192;

pub(crate) fn read_parquet(
    path: &Path,
    evaluator: &Evaluator,
    indicators: &[Option<IndicatorMembership>],
    results: &mut Results,
) -> Result<(), String> {
    let file = File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)
        .map_err(|e| format!("not a Parquet file this tool can read: {e}"))?;
    let schema = builder.schema().clone();
    let titles: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let header = csv::StringRecord::from(titles);
    let cells =
        columns(&header, evaluator, indicators).map_err(|e| e.replacen("line 1: ", "", 1))?;
    let name_type = schema.field(0).data_type();
    if !(is_text(name_type) || integers(name_type)) {
        return Err(format!(
            "column `name` holds {name_type}: give strings or integers"
        ));
    }
    for &(column, _) in &cells {
        let field = schema.field(column);
        if !(integers(field.data_type()) || floats(field.data_type())) {
            return Err(format!(
                "column `{}` holds {}: give numbers (integers or floats)",
                field.name(),
                field.data_type()
            ));
        }
    }
    let reader = builder
        .with_batch_size(BATCH_ROWS)
        .build()
        .map_err(|e| e.to_string())?;
    let g = evaluator.grades().len();
    let mut rows = vec![0.0; evaluator.synthesis().leaves().len() * g];
    let mut first_row = 1u64;
    for batch in reader {
        let batch = batch.map_err(|e| format!("from row {first_row} on: {e}"))?;
        let names = batch.column(0);
        let numbers: Vec<Vec<Option<f64>>> = cells
            .iter()
            .map(|&(column, _)| as_floats(batch.column(column).as_ref()))
            .collect();
        // `k` is the row: it indexes every column's values.
        #[allow(clippy::needless_range_loop)]
        for k in 0..batch.num_rows() {
            let place = Place::Row(first_row + k as u64);
            let name = name_at(names.as_ref(), k)
                .ok_or_else(|| format!("{place}, column `name`: the name is null"))?;
            let mut at = 0;
            let fields = (&header, place);
            object_rows(&cells, evaluator, indicators, fields, &mut rows, |_| {
                let value = numbers[at][k];
                at += 1;
                value.ok_or_else(|| "null where a number is needed".to_owned())
            })?;
            results.push(name, place, &rows)?;
        }
        first_row += batch.num_rows() as u64;
    }
    Ok(())
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn integers(t: &DataType) -> bool {
    t.is_integer()
}

fn floats(t: &DataType) -> bool {
    matches!(t, DataType::Float32 | DataType::Float64)
}

/// A numeric column as f64 values (integers beyond 2⁵³ round, as they would in CSV).
fn as_floats(array: &dyn Array) -> Vec<Option<f64>> {
    fn each<T: ArrowPrimitiveType>(
        array: &PrimitiveArray<T>,
        to_f64: impl Fn(T::Native) -> f64,
    ) -> Vec<Option<f64>> {
        array.iter().map(|v| v.map(&to_f64)).collect()
    }
    match array.data_type() {
        DataType::Float64 => each(array.as_primitive::<Float64Type>(), |v| v),
        DataType::Float32 => each(array.as_primitive::<Float32Type>(), f64::from),
        DataType::Int8 => each(array.as_primitive::<Int8Type>(), f64::from),
        DataType::Int16 => each(array.as_primitive::<Int16Type>(), f64::from),
        DataType::Int32 => each(array.as_primitive::<Int32Type>(), f64::from),
        DataType::Int64 => each(array.as_primitive::<Int64Type>(), |v| v as f64),
        DataType::UInt8 => each(array.as_primitive::<UInt8Type>(), f64::from),
        DataType::UInt16 => each(array.as_primitive::<UInt16Type>(), f64::from),
        DataType::UInt32 => each(array.as_primitive::<UInt32Type>(), f64::from),
        DataType::UInt64 => each(array.as_primitive::<UInt64Type>(), |v| v as f64),
        // The types were checked against the schema; a batch of another type reads as nulls,
        // which are refused row by row.
        _ => vec![None; array.len()],
    }
}

/// The name in row `k`: text as it is, an integer in decimal; `None` for a null.
fn name_at(array: &dyn Array, k: usize) -> Option<String> {
    if array.is_null(k) {
        return None;
    }
    Some(match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(k).to_owned(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(k).to_owned(),
        DataType::Utf8View => array.as_string_view().value(k).to_owned(),
        DataType::Int8 => array.as_primitive::<Int8Type>().value(k).to_string(),
        DataType::Int16 => array.as_primitive::<Int16Type>().value(k).to_string(),
        DataType::Int32 => array.as_primitive::<Int32Type>().value(k).to_string(),
        DataType::Int64 => array.as_primitive::<Int64Type>().value(k).to_string(),
        DataType::UInt8 => array.as_primitive::<UInt8Type>().value(k).to_string(),
        DataType::UInt16 => array.as_primitive::<UInt16Type>().value(k).to_string(),
        DataType::UInt32 => array.as_primitive::<UInt32Type>().value(k).to_string(),
        DataType::UInt64 => array.as_primitive::<UInt64Type>().value(k).to_string(),
        // Checked against the schema before the first row.
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use arrow_array::{ArrayRef, Float32Array, Float64Array, Int32Array, RecordBatch, StringArray};
    use arrow_schema::{Field, Schema};
    use parquet::arrow::ArrowWriter;
    use proptest::prelude::*;

    fn paper() -> ahp_fce::model::Model {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/models/paper.toml");
        ahp_fce::model::Model::load(&path).expect("the shipped model loads")
    }

    /// A column of `rows` cells: its type picked by `kind` (text rarely, so that whole
    /// tables of numbers come too), cells from `cells` (nulls among them), cycled.
    fn column(kind: u8, cells: &[Option<f64>], rows: usize) -> (DataType, ArrayRef) {
        let cell = |k: usize| cells.get(k % cells.len().max(1)).copied().flatten();
        match if kind == u8::MAX { 3 } else { kind % 3 } {
            0 => (
                DataType::Float64,
                Arc::new(Float64Array::from_iter((0..rows).map(cell))),
            ),
            1 => (
                DataType::Float32,
                Arc::new(Float32Array::from_iter(
                    (0..rows).map(|k| cell(k).map(|v| v as f32)),
                )),
            ),
            2 => (
                DataType::Int32,
                Arc::new(Int32Array::from_iter(
                    (0..rows).map(|k| cell(k).map(|v| v as i32)),
                )),
            ),
            _ => (
                DataType::Utf8,
                Arc::new(StringArray::from_iter(
                    (0..rows).map(|k| cell(k).map(|v| v.to_string())),
                )),
            ),
        }
    }

    fn read(path: &Path) -> Result<(), String> {
        let model = paper();
        let evaluator = model.evaluator().expect("the paper's model has grades");
        let mut results = Results::new(evaluator).map_err(|_| "no temporary file".to_owned())?;
        read_parquet(path, evaluator, model.indicators(), &mut results)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Any table of the right or wrong columns, types, values and nulls reads to rows
        /// or a message: never a panic.
        #[test]
        fn any_table_gives_rows_or_a_message(
            drop_columns in proptest::collection::vec(0usize..49, 0..3),
            kinds in proptest::collection::vec(any::<u8>(), 49),
            cells in proptest::collection::vec(
                prop_oneof![
                    Just(None), Just(Some(f64::NAN)), Just(Some(-1.0)), Just(Some(f64::INFINITY)),
                    (0u32..11).prop_map(|v| Some(f64::from(v))), (0.0..1.0f64).prop_map(Some),
                ],
                1..12,
            ),
            rows in 0usize..30,
        ) {
            let model = paper();
            let evaluator = model.evaluator().expect("grades");
            let grades = evaluator.grades().names().to_vec();
            let mut titles = vec!["name".to_owned()];
            for i in 1..=3 {
                for j in 1..=4 {
                    titles.extend(grades.iter().map(|g| format!("U{i}{j}.{g}")));
                }
            }
            let mut fields = Vec::new();
            let mut columns = Vec::new();
            for (c, title) in titles.iter().enumerate() {
                if drop_columns.contains(&c) {
                    continue;
                }
                let (data_type, array) = column(kinds[c], &cells, rows);
                fields.push(Field::new(title, data_type, true));
                columns.push(array);
            }
            let folder = tempfile::tempdir().expect("a temporary folder");
            let path = folder.path().join("t.parquet");
            let schema = Arc::new(Schema::new(fields));
            if let Ok(batch) = RecordBatch::try_new(schema.clone(), columns) {
                let file = File::create(&path).expect("a temporary file");
                let mut writer = ArrowWriter::try_new(file, schema, None).expect("a writer");
                writer.write(&batch).expect("written");
                writer.close().expect("closed");
                let _ = read(&path);
            }
        }

        /// Any bytes, or a valid file cut short or with bytes flipped, give a message.
        #[test]
        fn damaged_files_give_a_message(
            cut in 0usize..4000,
            flips in proptest::collection::vec((0usize..4000, any::<u8>()), 0..4),
        ) {
            let folder = tempfile::tempdir().expect("a temporary folder");
            let path = folder.path().join("t.parquet");
            let schema = Arc::new(Schema::new(vec![
                Field::new("name", DataType::Utf8, false),
                Field::new("x", DataType::Float64, false),
            ]));
            let batch = RecordBatch::try_new(schema.clone(), vec![
                Arc::new(StringArray::from(vec!["a", "b"])) as ArrayRef,
                Arc::new(Float64Array::from(vec![1.0, 2.0])),
            ]).expect("a batch");
            let mut bytes = Vec::new();
            let mut writer = ArrowWriter::try_new(&mut bytes, schema, None).expect("a writer");
            writer.write(&batch).expect("written");
            writer.close().expect("closed");
            bytes.truncate(cut.min(bytes.len()));
            for (at, byte) in flips {
                if let Some(b) = bytes.get_mut(at) {
                    *b ^= byte;
                }
            }
            std::fs::write(&path, &bytes).expect("written");
            prop_assert!(read(&path).is_err());
        }
    }
}
