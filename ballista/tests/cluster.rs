//! One scheduler and two executors as separate processes on 127.0.0.1, the same SQL submitted
//! to them over a Parquet data set split in several files, the result checked against the
//! in-process batch scorer, and everything shut down. Every process is started with
//! `--exit-after`, so none outlives the test even if the test itself is killed.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ahp_fce::model::Model;
use ahp_fce_ballista::{connect, functions};
use datafusion::arrow::array::{Array, Float64Array, StringArray};
use datafusion::prelude::ParquetReadOptions;

/// How long any process of the cluster may live.
const LIFETIME_SECONDS: &str = "240";

/// Kills the processes when the test ends, however it ends.
struct Cluster(Vec<Child>);

impl Drop for Cluster {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port on 127.0.0.1")
}

fn wait_for(port: u16, cluster: &mut Cluster, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        for child in &mut cluster.0 {
            if let Ok(Some(status)) = child.try_wait() {
                panic!(
                    "a process of the cluster exited with {status} while waiting for the {what}"
                );
            }
        }
        assert!(
            Instant::now() < deadline,
            "the {what} did not listen on {port} within 60 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn start(binary: &str, args: &[String]) -> Child {
    Command::new(binary)
        .args(args)
        .args(["--exit-after", LIFETIME_SECONDS])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_executors_score_parquet_as_the_batch_scorer_does() {
    let model_path: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/models/paper.toml");
    let model = Model::load(&model_path).expect("the paper model loads");
    let functions = functions(&model_path).expect("the functions");
    let evaluator = model.evaluator().expect("grades");

    let dir = std::env::temp_dir().join(format!("ahp-fce-cluster-test-{}", std::process::id()));
    let data = dir.join("stores");
    std::fs::create_dir_all(&data).expect("a temporary folder");
    let x = ahp_fce_datafusion::sample_memberships(30_000, 12, 4, 5);
    let files = ahp_fce_datafusion::write_memberships_parquet(&data, &functions, x.view(), 6)
        .expect("the Parquet files");
    assert_eq!(files.len(), 6);

    let model_arg = model_path.to_str().expect("a UTF-8 path").to_owned();
    let scheduler_port = free_port();
    let mut cluster = Cluster(vec![start(
        env!("CARGO_BIN_EXE_ahp-fce-scheduler"),
        &[
            "--model".into(),
            model_arg.clone(),
            "--port".into(),
            scheduler_port.to_string(),
        ],
    )]);
    wait_for(scheduler_port, &mut cluster, "scheduler");
    let mut executor_ports = Vec::new();
    for k in 0..2 {
        let (port, grpc) = (free_port(), free_port());
        let work = dir.join(format!("executor-{k}"));
        std::fs::create_dir_all(&work).expect("a work folder");
        cluster.0.push(start(
            env!("CARGO_BIN_EXE_ahp-fce-executor"),
            &[
                "--model".into(),
                model_arg.clone(),
                "--port".into(),
                port.to_string(),
                "--grpc-port".into(),
                grpc.to_string(),
                "--scheduler-port".into(),
                scheduler_port.to_string(),
                "--work-dir".into(),
                work.to_str().expect("UTF-8").to_owned(),
            ],
        ));
        executor_ports.push(port);
    }
    for port in &executor_ports {
        wait_for(*port, &mut cluster, "executor");
    }

    let query = async {
        let ctx = connect(&format!("df://127.0.0.1:{scheduler_port}"), &functions).await?;
        ctx.register_parquet(
            "stores",
            data.to_str().expect("UTF-8"),
            ParquetReadOptions::default(),
        )
        .await?;
        let args = functions.sql_arguments();
        let sql = format!(
            "SELECT id, fce_score({args}) AS risk, fce_verdict({args}) AS verdict FROM stores ORDER BY id"
        );
        ctx.sql(&sql).await?.collect().await
    };
    let batches = tokio::time::timeout(Duration::from_secs(120), query)
        .await
        .expect("the query finishes within 120 s")
        .expect("the cluster runs the query");

    let expected = evaluator
        .batch_scorer()
        .score(x.view())
        .expect("valid rows");
    let mut scores = Vec::new();
    let mut verdicts = Vec::new();
    for batch in &batches {
        let risk = batch
            .column(1)
            .as_any()
            .downcast_ref::<Float64Array>()
            .expect("doubles");
        scores.extend_from_slice(risk.values());
        let verdict = batch
            .column(2)
            .as_any()
            .downcast_ref::<StringArray>()
            .expect("strings");
        verdicts.extend((0..verdict.len()).map(|k| verdict.value(k).to_owned()));
    }
    assert_eq!(scores, expected.scores().expect("scores").to_vec());
    for (k, row) in expected.results().rows().into_iter().enumerate() {
        let verdict = evaluator
            .verdict_of(row.as_slice().expect("contiguous"))
            .expect("four");
        assert_eq!(verdicts[k], verdict.name);
    }
    drop(cluster);
    std::fs::remove_dir_all(&dir).expect("cleaned up");
}
