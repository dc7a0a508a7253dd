//! The crate's side of `scripts/compare.sh`: times the comparison workloads in-process and
//! prints one JSON object (seconds per unit of work, best of several runs), plus a STREAM-style
//! single-core read of memory for the hardware bound of batch scoring.
//!
//!     cargo bench --bench compare            # full size
//!     cargo bench --bench compare -- --test  # tiny sizes: checks that it runs (CI)
//!
//! Timings are printed, never asserted: the machines are shared and noisy.

use std::hint::black_box;
use std::time::Instant;

use ahp_fce::{simulate_random_index, AhpOptions, Operator, WeightingMethod};

mod common;
use common::{matrix, memberships, paper_evaluator};

/// Best of `runs` timings of `work`, in seconds.
fn best_of(runs: usize, mut work: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Single-core read bandwidth in bytes per second: a sum over `bytes` of f64s.
fn stream_read(bytes: usize) -> f64 {
    let data = vec![1.0f64; bytes / 8];
    let seconds = best_of(5, || {
        // Four accumulators so that the adds do not serialize on one register.
        let mut acc = [0.0f64; 4];
        for chunk in data.chunks_exact(4) {
            for k in 0..4 {
                acc[k] += chunk[k];
            }
        }
        black_box(acc);
    });
    bytes as f64 / seconds
}

fn main() {
    let quick = std::env::args().any(|a| a == "--test");
    let (calls, objects, samples, stream_bytes) = if quick {
        (100, 1_000, 1_000, 1 << 20)
    } else {
        (200_000, 1_000_000, 200_000, 1 << 30)
    };

    let b = matrix(9);
    let per_call = |method: WeightingMethod| {
        let options = AhpOptions::default().with_weighting(method);
        best_of(5, || {
            for _ in 0..calls {
                black_box(options.analyze(black_box(&b)).expect("valid"));
            }
        }) / calls as f64
    };
    let matrix_gm = per_call(WeightingMethod::GeometricMean);
    let matrix_eig = per_call(WeightingMethod::Eigenvector);

    let data = memberships(objects);
    let evaluator = paper_evaluator();
    let per_object = |operator: Operator| {
        let scorer = evaluator.clone().with_operator(operator).batch_scorer();
        best_of(3, || {
            black_box(scorer.score(black_box(data.view())).expect("valid"));
        }) / objects as f64
    };
    let batch_wa = per_object(Operator::WeightedAverage);
    let batch_minmax = per_object(Operator::ZadehMinMax);

    let per_matrix = |method: WeightingMethod| {
        best_of(3, || {
            black_box(simulate_random_index(9, samples, 1, method).expect("valid"));
        }) / samples as f64
    };
    let ri_gm = per_matrix(WeightingMethod::GeometricMean);
    let ri_eig = per_matrix(WeightingMethod::Eigenvector);
    let bandwidth = stream_read(stream_bytes);

    println!(
        "{{\"matrix9_geometric_mean_s\": {matrix_gm:e}, \"matrix9_eigenvector_s\": {matrix_eig:e}, \
         \"batch_weighted_average_s_per_object\": {batch_wa:e}, \
         \"batch_min_max_s_per_object\": {batch_minmax:e}, \
         \"ri_t9_geometric_mean_s_per_matrix\": {ri_gm:e}, \
         \"ri_t9_eigenvector_s_per_matrix\": {ri_eig:e}, \
         \"stream_read_bytes_per_s\": {bandwidth:e}, \"bytes_per_object\": {}, \
         \"rayon\": {}}}",
        12 * 4 * 8,
        cfg!(feature = "rayon")
    );
}
