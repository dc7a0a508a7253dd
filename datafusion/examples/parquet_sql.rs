//! Scores a few million stores from Parquet with SQL, and checks every score against the
//! in-process batch scorer.
//!
//! ```sh
//! cargo run --release -p ahp-fce-datafusion --example parquet_sql            # 2,000,000 rows
//! cargo run --release -p ahp-fce-datafusion --example parquet_sql -- 50000  # fewer
//! ```
//!
//! It writes random memberships for the source paper's model (12 leaves, 4 grades) into
//! eight Parquet files in a temporary folder (columns `id` and `LEAF.GRADE`), registers the model's functions on a
//! DataFusion session, runs
//! `SELECT id AS store_id, fce_score(...) AS risk FROM stores ORDER BY risk DESC LIMIT 5`,
//! then scores every row with SQL and compares the scores with `BatchScorer`, bit for bit.

use std::path::Path;
use std::time::Instant;

use ahp_fce::model::Model;
use ahp_fce_datafusion::FceFunctions;
use datafusion::arrow::array::Float64Array;
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::{ParquetReadOptions, SessionContext};

const FILES: usize = 8;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: usize = std::env::args()
        .nth(1)
        .map_or(Ok(2_000_000), |n| n.parse())?;
    let model =
        Model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/models/paper.toml"))?;
    let functions = FceFunctions::from_model(&model)?;
    let evaluator = model.evaluator().ok_or("the paper model has grades")?;
    let (leaves, grades) = (
        evaluator.synthesis().leaves().len(),
        evaluator.grades().len(),
    );

    let x = ahp_fce_datafusion::sample_memberships(rows, leaves, grades, 1);

    let dir = std::env::temp_dir().join(format!("ahp-fce-parquet-sql-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let started = Instant::now();
    ahp_fce_datafusion::write_memberships_parquet(&dir, &functions, x.view(), FILES)
        .map_err(|e| e.to_string())?;
    println!(
        "wrote {rows} rows into {FILES} Parquet files in {:.2?}",
        started.elapsed()
    );

    let ctx = SessionContext::new();
    functions.register(&ctx);
    ctx.register_parquet(
        "stores",
        dir.to_str().ok_or("a UTF-8 path")?,
        ParquetReadOptions::default(),
    )
    .await?;
    let args = functions.sql_arguments();
    let top = format!(
        "SELECT id AS store_id, fce_score({args}) AS risk, fce_verdict({args}) AS verdict \
         FROM stores ORDER BY risk DESC LIMIT 5"
    );
    let started = Instant::now();
    let batches = ctx.sql(&top).await?.collect().await?;
    println!(
        "{}\n(top 5 in {:.2?})",
        pretty_format_batches(&batches)?,
        started.elapsed()
    );

    let started = Instant::now();
    let all = ctx
        .sql(&format!(
            "SELECT id AS store_id, fce_score({args}) AS risk FROM stores ORDER BY id"
        ))
        .await?
        .collect()
        .await?;
    let sql_time = started.elapsed();
    let mut scores = Vec::with_capacity(rows);
    for batch in &all {
        let column = batch
            .column(1)
            .as_any()
            .downcast_ref::<Float64Array>()
            .ok_or("doubles")?;
        scores.extend_from_slice(column.values());
    }
    let started = Instant::now();
    let expected = evaluator.batch_scorer().score(x.view())?;
    let batch_time = started.elapsed();
    let expected = expected.scores().ok_or("graded scores")?;
    if scores.as_slice() != expected.as_slice().ok_or("contiguous")? {
        return Err("SQL scores differ from the batch scorer's".into());
    }
    println!(
        "all {rows} scores by SQL from Parquet in {sql_time:.2?}, by BatchScorer from memory in \
         {batch_time:.2?}: equal bit for bit"
    );
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
