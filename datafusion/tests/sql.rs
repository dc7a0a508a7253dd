//! SQL over the model's functions equals the in-process batch scorer, bit for bit; nulls and
//! refused rows give what was asked for.

use std::path::Path;
use std::sync::Arc;

use ahp_fce::model::Model;
use ahp_fce_datafusion::{sample_memberships as memberships, FceFunctions, Nulls};
use datafusion::arrow::array::{
    Array, ArrayRef, FixedSizeListArray, Float64Array, Int64Array, StringArray,
};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::datasource::MemTable;
use datafusion::prelude::{ParquetReadOptions, SessionContext};
use ndarray::Array3;

fn model(name: &str) -> Model {
    Model::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../examples/models")
            .join(name),
    )
    .expect("a shipped model loads")
}

/// A table `id, LEAF.GRADE...` of `x`, split in batches of `batch` rows.
fn batches(
    functions: &FceFunctions,
    x: &Array3<f64>,
    batch: usize,
) -> (Arc<Schema>, Vec<RecordBatch>) {
    let names = functions.argument_names();
    let mut fields = vec![Field::new("id", DataType::Int64, false)];
    fields.extend(names.iter().map(|n| Field::new(n, DataType::Float64, true)));
    let schema = Arc::new(Schema::new(fields));
    let (objects, _, grades) = x.dim();
    let batches = (0..objects)
        .step_by(batch)
        .map(|start| {
            let end = (start + batch).min(objects);
            let mut columns: Vec<ArrayRef> = vec![Arc::new(Int64Array::from_iter_values(
                start as i64..end as i64,
            ))];
            for k in 0..names.len() {
                let (l, g) = (k / grades, k % grades);
                columns.push(Arc::new(Float64Array::from_iter_values(
                    (start..end).map(|o| x[[o, l, g]]),
                )));
            }
            RecordBatch::try_new(schema.clone(), columns).expect("columns match the schema")
        })
        .collect();
    (schema, batches)
}

async fn context(functions: &FceFunctions, x: &Array3<f64>, batch: usize) -> SessionContext {
    let ctx = SessionContext::new();
    functions.register(&ctx);
    let (schema, batches) = batches(functions, x, batch);
    let table = MemTable::try_new(schema, vec![batches]).expect("a table");
    ctx.register_table("stores", Arc::new(table))
        .expect("registered");
    ctx
}

async fn query(ctx: &SessionContext, sql: &str) -> datafusion::error::Result<Vec<RecordBatch>> {
    ctx.sql(sql).await?.collect().await
}

fn column<T: Array + Clone + 'static>(batches: &[RecordBatch], index: usize) -> Vec<T> {
    batches
        .iter()
        .map(|b| {
            b.column(index)
                .as_any()
                .downcast_ref::<T>()
                .expect("the column's type")
                .clone()
        })
        .collect()
}

#[tokio::test]
async fn sql_scores_equal_the_batch_scorer_bit_for_bit() {
    let model = model("paper.toml");
    let evaluator = model.evaluator().expect("grades");
    let functions = FceFunctions::from_model(&model).expect("a graded model");
    let x = memberships(20_000, 12, 4, 1);
    let expected = evaluator
        .batch_scorer()
        .score(x.view())
        .expect("valid rows");
    // Batches of 5,000 rows cross the scorer's chunks of 4,096.
    let ctx = context(&functions, &x, 5_000).await;
    let args = functions.sql_arguments();
    let sql = format!(
        "SELECT id, fce_score({args}), fce_verdict({args}), fce_vector({args}) FROM stores ORDER BY id"
    );
    let batches = query(&ctx, &sql).await.expect("the query runs");
    let scores: Vec<f64> = column::<Float64Array>(&batches, 1)
        .iter()
        .flat_map(|a| a.values().to_vec())
        .collect();
    assert_eq!(scores, expected.scores().expect("scores").to_vec());
    let verdicts: Vec<String> = column::<StringArray>(&batches, 2)
        .iter()
        .flat_map(|a| {
            a.iter()
                .map(|v| v.expect("no nulls").to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    let vectors: Vec<f64> = column::<FixedSizeListArray>(&batches, 3)
        .iter()
        .flat_map(|a| {
            a.values()
                .as_any()
                .downcast_ref::<Float64Array>()
                .expect("doubles")
                .values()
                .to_vec()
        })
        .collect();
    assert_eq!(
        vectors,
        expected.results().iter().copied().collect::<Vec<_>>()
    );
    for (k, row) in expected.results().rows().into_iter().enumerate() {
        let verdict = evaluator
            .verdict_of(row.as_slice().expect("contiguous"))
            .expect("four");
        assert_eq!(verdicts[k], verdict.name);
    }
}

#[tokio::test]
async fn a_refused_row_names_itself_and_its_arguments() {
    let model = model("paper.toml");
    let functions = FceFunctions::from_model(&model).expect("graded");
    let mut x = memberships(10, 12, 4, 2);
    x[[3, 0, 0]] += 0.25;
    let ctx = context(&functions, &x, 10).await;
    let sql = format!(
        "SELECT fce_score({}) FROM stores",
        functions.sql_arguments()
    );
    let err = query(&ctx, &sql).await.unwrap_err().to_string();
    assert!(err.contains("fce_score: in object 3 of the batch"), "{err}");
    assert!(err.contains("sums to"), "{err}");
    assert!(
        err.contains(&format!("U11.very strong = {}", x[[3, 0, 0]])),
        "{err}"
    );
}

#[tokio::test]
async fn nulls_give_errors_or_null_results() {
    let model = model("paper.toml");
    let x = memberships(4, 12, 4, 3);
    let strict = FceFunctions::from_model(&model).expect("graded");
    let ctx = context(&strict, &x, 4).await;
    let args = strict.sql_arguments().replacen(
        "\"U11.poor\"",
        "CASE WHEN id = 2 THEN NULL ELSE \"U11.poor\" END",
        1,
    );
    let err = query(&ctx, &format!("SELECT fce_score({args}) FROM stores"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("row 2: column 3"), "{err}");
    let lenient = FceFunctions::from_model(&model)
        .expect("graded")
        .with_nulls(Nulls::Propagate)
        .with_prefix("risk");
    lenient.register(&ctx);
    let args = args.replace("fce_", "risk_");
    let batches = query(
        &ctx,
        &format!("SELECT risk_score({args}) FROM stores ORDER BY id"),
    )
    .await
    .expect("runs");
    let scores = column::<Float64Array>(&batches, 0);
    let nulls: Vec<bool> = scores
        .iter()
        .flat_map(|a| (0..a.len()).map(|k| a.is_null(k)).collect::<Vec<_>>())
        .collect();
    assert_eq!(nulls, [false, false, true, false]);
}

#[tokio::test]
async fn measured_values_and_parquet_files() {
    let model = model("indicators.toml");
    let evaluator = model.evaluator().expect("grades");
    let functions = FceFunctions::from_model(&model).expect("graded");
    assert_eq!(
        functions.argument_names(),
        ["default rate", "on-time share"]
    );
    let values = ndarray::array![
        [0.01, 0.99],
        [0.04, 0.8],
        [0.2, 0.5],
        [0.0, 1.0],
        [0.03, 0.9]
    ];
    let indicators: Vec<_> = model.indicators().iter().flatten().cloned().collect();
    let expected = evaluator
        .batch_scorer()
        .score_values(values.view(), &indicators)
        .expect("finite");
    // Three Parquet files, read as one table.
    let dir = std::env::temp_dir().join(format!("ahp-fce-datafusion-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let ctx = SessionContext::new();
    functions.register(&ctx);
    for (part, rows) in [(0, 0..2), (1, 2..4), (2, 4..5)] {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int64Array::from_iter_values(rows.clone().map(|r| r as i64))),
            Arc::new(Float64Array::from_iter_values(
                rows.clone().map(|r| values[[r, 0]]),
            )),
            Arc::new(Float64Array::from_iter_values(
                rows.clone().map(|r| values[[r, 1]]),
            )),
        ];
        let schema = Arc::new(Schema::new(vec![
            Field::new("id", DataType::Int64, false),
            Field::new("default rate", DataType::Float64, false),
            Field::new("on-time share", DataType::Float64, false),
        ]));
        let batch = RecordBatch::try_new(schema.clone(), columns).expect("a batch");
        let file = std::fs::File::create(dir.join(format!("part-{part}.parquet"))).expect("a file");
        let mut writer =
            datafusion::parquet::arrow::ArrowWriter::try_new(file, schema, None).expect("a writer");
        writer.write(&batch).expect("written");
        writer.close().expect("closed");
    }
    ctx.register_parquet(
        "suppliers",
        dir.to_str().expect("a UTF-8 path"),
        ParquetReadOptions::default(),
    )
    .await
    .expect("the files register");
    let sql = format!(
        "SELECT id, fce_score({}) FROM suppliers ORDER BY id",
        functions.sql_arguments()
    );
    let batches = query(&ctx, &sql).await.expect("runs");
    let scores: Vec<f64> = column::<Float64Array>(&batches, 1)
        .iter()
        .flat_map(|a| a.values().to_vec())
        .collect();
    assert_eq!(scores, expected.scores().expect("scores").to_vec());
    std::fs::remove_dir_all(&dir).expect("cleaned up");
}

#[test]
fn a_model_without_grades_has_no_functions() {
    assert!(FceFunctions::from_model(&model("drinks.toml")).is_err());
}
