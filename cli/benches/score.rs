//! `ahp-fce score` on one million objects of the source paper's model (a 100 MB CSV), timed
//! against the library's batch scorer on the same objects in memory, in the same run; and the
//! cold start of `ahp-fce evaluate` on the paper model against starting a process that does
//! nothing.
//!
//!     cargo bench -p ahp-fce-cli --bench score            # full size
//!     cargo bench -p ahp-fce-cli --bench score -- --test  # small: checks that it runs (CI)
//!
//! Timings are printed, never asserted: the machines are shared and noisy.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use ahp_fce::model::Model;
use ndarray::Array3;

fn main() {
    let quick = std::env::args().any(|a| a == "--test");
    let objects = if quick { 10_000 } else { 1_000_000 };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let model_path = root.join("examples/models/paper.toml");
    let folder = tempfile::tempdir().expect("a temporary folder");
    let data = folder.path().join("stores.csv");
    let degrees = write_objects(&data, objects);
    let out = folder.path().join("scores.csv");
    let tool = env!("CARGO_BIN_EXE_ahp-fce");

    let best_of = |runs: usize, mut work: Box<dyn FnMut() + '_>| {
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                work();
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min)
    };
    let tool_seconds = best_of(
        3,
        Box::new(|| {
            let status = Command::new(tool)
                .arg("score")
                .arg(&model_path)
                .arg("--data")
                .arg(&data)
                .arg("--output")
                .arg(&out)
                .status()
                .expect("the tool runs");
            assert!(status.success());
        }),
    );
    let model = Model::load(&model_path).expect("the shipped model loads");
    let scorer = model.evaluator().expect("it has grades").batch_scorer();
    let library_seconds = best_of(
        3,
        Box::new(|| {
            std::hint::black_box(scorer.score(degrees.view()).expect("valid objects"));
        }),
    );
    let start_seconds = best_of(
        20,
        Box::new(|| {
            let status = Command::new(tool)
                .arg("evaluate")
                .arg(&model_path)
                .stdout(std::process::Stdio::null())
                .status()
                .expect("the tool runs");
            assert!(status.success());
        }),
    );
    let nothing_seconds = best_of(
        20,
        Box::new(|| {
            Command::new("true").status().expect("true runs");
        }),
    );
    println!(
        "score {objects} objects from CSV: {:.3} s ({:.0} objects/s); in-memory batch scorer: \
         {:.4} s; tool / library: {:.0}x",
        tool_seconds,
        objects as f64 / tool_seconds,
        library_seconds,
        tool_seconds / library_seconds
    );
    println!(
        "evaluate the paper model, cold start: {:.2} ms; starting `true`: {:.2} ms",
        start_seconds * 1e3,
        nothing_seconds * 1e3
    );
}

/// `objects` objects of the paper's model as CSV votes (ten experts per leaf), and the same
/// objects as degrees in memory.
fn write_objects(path: &Path, objects: usize) -> Array3<f64> {
    let mut text = String::from("name");
    for i in 1..=3 {
        for j in 1..=4 {
            for grade in ["very strong", "strong", "general", "poor"] {
                let _ = write!(text, ",U{i}{j}.{grade}");
            }
        }
    }
    text.push('\n');
    let mut degrees = Vec::with_capacity(objects * 48);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for k in 0..objects {
        let _ = write!(text, "store {k}");
        for _ in 0..12 {
            let mut votes = [0u32; 4];
            for _ in 0..10 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                votes[(state % 4) as usize] += 1;
            }
            for v in votes {
                let _ = write!(text, ",{v}");
                degrees.push(f64::from(v) / 10.0);
            }
        }
        text.push('\n');
    }
    std::fs::write(path, text).expect("the data is written");
    Array3::from_shape_vec((objects, 12, 4), degrees).expect("48 values per object")
}
