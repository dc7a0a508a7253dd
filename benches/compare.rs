//! The crate's side of `scripts/compare.sh`: times the comparison workloads in-process and
//! prints one JSON object (seconds per unit of work, best of several runs), plus a STREAM-style
//! single-core read of memory for the hardware bound of batch scoring. With the `rayon` feature
//! the single-core figures are taken in a one-thread pool, and the same batch, read and RI
//! simulation are timed again on every core (the speed-up of each, measured in the same run).
//!
//!     cargo bench --bench compare                   # full size, one core
//!     cargo bench --bench compare --features rayon  # and on every core
//!     cargo bench --bench compare -- --test         # tiny sizes: checks that it runs (CI)
//!
//! Timings are printed, never asserted: the machines are shared and noisy.

use std::hint::black_box;
use std::time::Instant;

use ahp_fce::{
    lambda_max, simulate_random_index, AhpOptions, Operator, RandomIndex, WeightingMethod,
};

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

/// Read bandwidth in bytes per second: a sum over `bytes` of f64s, on one thread or, with
/// `rayon`, split over the pool's threads in 1 MiB pieces.
fn stream_read(bytes: usize, threads: Threads) -> f64 {
    let data = vec![1.0f64; bytes / 8];
    // Four accumulators so that the adds do not serialize on one register.
    let sum = |piece: &[f64]| {
        let mut acc = [0.0f64; 4];
        for chunk in piece.chunks_exact(4) {
            for k in 0..4 {
                acc[k] += chunk[k];
            }
        }
        acc.iter().sum::<f64>()
    };
    let seconds = best_of(5, || match threads {
        Threads::One => {
            black_box(sum(&data));
        }
        #[cfg(feature = "rayon")]
        Threads::All => {
            use rayon::prelude::*;
            black_box(data.par_chunks(1 << 17).map(sum).sum::<f64>());
        }
    });
    bytes as f64 / seconds
}

#[derive(Clone, Copy)]
enum Threads {
    One,
    #[cfg(feature = "rayon")]
    All,
}

/// Runs `work` on one thread: in a one-thread pool with `rayon`, else as it is.
fn on_one_thread<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    #[cfg(feature = "rayon")]
    {
        rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a one-thread pool")
            .install(work)
    }
    #[cfg(not(feature = "rayon"))]
    work()
}

fn main() {
    let quick = std::env::args().any(|a| a == "--test");
    let sizes = if quick {
        Sizes {
            calls: 100,
            objects: 1_000,
            samples: 1_000,
            stream_bytes: 1 << 20,
        }
    } else {
        Sizes {
            calls: 200_000,
            objects: 1_000_000,
            samples: 200_000,
            stream_bytes: 1 << 30,
        }
    };
    let one = on_one_thread(|| one_core(&sizes));
    #[cfg(feature = "rayon")]
    let all = format!(
        ", \"all_cores\": {{\"threads\": {}, {}}}",
        rayon::current_num_threads(),
        throughput(&sizes, Threads::All)
    );
    #[cfg(not(feature = "rayon"))]
    let all = String::new();
    println!(
        "{{{one}, \"bytes_per_object\": {}, \"rayon\": {}{all}}}",
        12 * 4 * 8,
        cfg!(feature = "rayon")
    );
}

struct Sizes {
    calls: usize,
    objects: usize,
    samples: usize,
    stream_bytes: usize,
}

/// The single-core figures, as JSON fields.
fn one_core(sizes: &Sizes) -> String {
    let b = matrix(9);
    let per_call = |method: WeightingMethod| {
        let options = AhpOptions::default().with_weighting(method);
        best_of(5, || {
            for _ in 0..sizes.calls {
                black_box(options.analyze(black_box(&b)).expect("valid"));
            }
        }) / sizes.calls as f64
    };
    let matrix_gm = per_call(WeightingMethod::GeometricMean);
    let matrix_eig = per_call(WeightingMethod::Eigenvector);
    // The peer's work alone: weights, λmax and CR (RI of Saaty 1980 at order 9, as numpy's
    // side), without the GCI, Koczkodaj's index and the checks of the full report.
    let ri = RandomIndex::Saaty1980.value(9).expect("order 9 is listed");
    let cr_only = |method: WeightingMethod| {
        best_of(5, || {
            for _ in 0..sizes.calls {
                let b = black_box(&b);
                let w = method.weights(b).expect("valid");
                let lambda = lambda_max(b, &w).expect("weights of the matrix's order");
                black_box((w, (lambda - 9.0) / 8.0 / ri));
            }
        }) / sizes.calls as f64
    };
    let cr_only_gm = cr_only(WeightingMethod::GeometricMean);
    let cr_only_eig = cr_only(WeightingMethod::Eigenvector);
    let minmax = per_object(sizes, Operator::ZadehMinMax);
    format!(
        "\"matrix9_geometric_mean_s\": {matrix_gm:e}, \"matrix9_eigenvector_s\": {matrix_eig:e}, \
         \"matrix9_geometric_mean_cr_only_s\": {cr_only_gm:e}, \
         \"matrix9_eigenvector_cr_only_s\": {cr_only_eig:e}, \
         \"batch_min_max_s_per_object\": {minmax:e}, {}",
        throughput(sizes, Threads::One)
    )
}

/// The figures timed both on one core and on all: batch scoring, the read bound and the RI
/// simulation, as JSON fields.
fn throughput(sizes: &Sizes, threads: Threads) -> String {
    let weighted_average = per_object(sizes, Operator::WeightedAverage);
    let per_matrix = |method: WeightingMethod| {
        best_of(3, || {
            black_box(simulate_random_index(9, sizes.samples, 1, method).expect("valid"));
        }) / sizes.samples as f64
    };
    let ri_gm = per_matrix(WeightingMethod::GeometricMean);
    let ri_eig = per_matrix(WeightingMethod::Eigenvector);
    let bandwidth = stream_read(sizes.stream_bytes, threads);
    format!(
        "\"batch_weighted_average_s_per_object\": {weighted_average:e}, \
         \"ri_t9_geometric_mean_s_per_matrix\": {ri_gm:e}, \
         \"ri_t9_eigenvector_s_per_matrix\": {ri_eig:e}, \
         \"stream_read_bytes_per_s\": {bandwidth:e}"
    )
}

/// Seconds per object of scoring the paper-shaped model's batch under `operator`.
fn per_object(sizes: &Sizes, operator: Operator) -> f64 {
    let data = memberships(sizes.objects);
    let scorer = paper_evaluator().with_operator(operator).batch_scorer();
    best_of(3, || {
        black_box(scorer.score(black_box(data.view())).expect("valid"));
    }) / sizes.objects as f64
}
