//! Submits SQL with the model's functions to a Ballista cluster of `ahp-fce-scheduler` and
//! `ahp-fce-executor` processes.
//!
//! ```sh
//! ahp-fce-scheduler --model examples/models/paper.toml &
//! ahp-fce-executor --model examples/models/paper.toml &
//! cargo run -p ahp-fce-ballista --example cluster_sql -- \
//!     df://127.0.0.1:50050 examples/models/paper.toml /data/stores
//! ```
//!
//! The folder holds Parquet files with an `id` column and the functions' argument columns
//! (`LEAF.GRADE`), as `ahp_fce_datafusion::write_memberships_parquet` writes them; every
//! executor must be able to read it at the same path.

use std::path::Path;

use ahp_fce_ballista::{connect, functions};
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::ParquetReadOptions;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: cluster_sql df://HOST:PORT MODEL PARQUET_FOLDER";
    let (url, model, data) = match (args.next(), args.next(), args.next()) {
        (Some(url), Some(model), Some(data)) => (url, model, data),
        _ => return Err(usage.into()),
    };
    let functions = functions(Path::new(&model))?;
    let ctx = connect(&url, &functions).await?;
    ctx.register_parquet("stores", &data, ParquetReadOptions::default())
        .await?;
    let args = functions.sql_arguments();
    let sql = format!(
        "SELECT id, fce_score({args}) AS risk, fce_verdict({args}) AS verdict \
         FROM stores ORDER BY risk DESC LIMIT 10"
    );
    let batches = ctx.sql(&sql).await?.collect().await?;
    println!("{}", pretty_format_batches(&batches)?);
    Ok(())
}
