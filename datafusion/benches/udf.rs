//! The SQL function per row against the in-process batch scorer, on one thread.
//!
//! `cargo bench -p ahp-fce-datafusion` (release). Three lines over the same million objects of
//! the source paper's model: `batch_scorer` (the baseline: `BatchScorer::score` on one
//! contiguous array), `column_scorer` (the columnar core the function runs: the batches'
//! columns read where they lie by the same plan), and `sql` (`SELECT fce_score(...)`
//! over an in-memory table in batches of 8,192 rows, one partition). Report them as ratios to
//! `batch_scorer` from the same run.

use std::path::Path;
use std::sync::Arc;

use ahp_fce::model::Model;
use ahp_fce_arrow::{ColumnScorer, Nulls, Outputs};
use ahp_fce_datafusion::FceFunctions;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use datafusion::arrow::array::{ArrayRef, Float64Array};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use ndarray::Array3;

/// A million rows, so that the query's fixed cost (parsing, planning) is spread as it is over
/// the tables the functions are for; ten thousand when criterion only tests that the bench
/// runs (`cargo test --benches`, which passes no `--bench`, or `cargo bench -- --test`).
fn objects() -> usize {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--test") {
        1_000_000
    } else {
        10_000
    }
}
const BATCH: usize = 8192;

fn columns(x: &Array3<f64>, rows: std::ops::Range<usize>) -> Vec<ArrayRef> {
    (0..48)
        .map(|k| {
            let (l, g) = (k / 4, k % 4);
            Arc::new(Float64Array::from_iter_values(
                rows.clone().map(|o| x[[o, l, g]]),
            )) as ArrayRef
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let model =
        Model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/models/paper.toml"))
            .expect("the paper model");
    let evaluator = model.evaluator().expect("grades");
    let functions = FceFunctions::from_model(&model).expect("graded");
    let objects = objects();
    let x = ahp_fce_datafusion::sample_memberships(objects, 12, 4, 1);
    let scorer = evaluator.batch_scorer();
    let column_scorer = ColumnScorer::positional(evaluator, &[]).expect("degrees");
    let names = functions.argument_names();
    let schema = Arc::new(Schema::new(
        names
            .iter()
            .map(|n| Field::new(n, DataType::Float64, false))
            .collect::<Vec<_>>(),
    ));
    let batches: Vec<RecordBatch> = (0..objects)
        .step_by(BATCH)
        .map(|start| {
            let rows = start..(start + BATCH).min(objects);
            RecordBatch::try_new(schema.clone(), columns(&x, rows)).expect("a batch")
        })
        .collect();
    let ctx = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(1));
    functions.register(&ctx);
    ctx.register_table(
        "stores",
        Arc::new(MemTable::try_new(schema, vec![batches.clone()]).expect("a table")),
    )
    .expect("registered");
    let sql = format!(
        "SELECT fce_score({}) FROM stores",
        functions.sql_arguments()
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");

    let mut group = c.benchmark_group("score");
    group.throughput(Throughput::Elements(objects as u64));
    group.sample_size(10);
    group.bench_function("batch_scorer", |b| {
        b.iter(|| scorer.score(x.view()).expect("valid"))
    });
    let scores_only = Outputs {
        vectors: false,
        verdicts: false,
        scores: true,
    };
    group.bench_function("column_scorer", |b| {
        b.iter(|| {
            for batch in &batches {
                column_scorer
                    .score_outputs(batch.columns(), 0, Nulls::Error, scores_only)
                    .expect("valid");
            }
        })
    });
    group.bench_function("sql", |b| {
        b.iter(|| {
            runtime
                .block_on(async { ctx.sql(&sql).await?.collect().await })
                .expect("the query runs")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
