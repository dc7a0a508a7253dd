//! Regenerates a random-index table for orders 3..15 by simulation and prints it beside the
//! published tables (sources in the docs of `ahp_fce::RandomIndex`).
//!
//!     cargo run --release --example ri_table [-- SAMPLES [SEED]]
//!
//! Each order draws SAMPLES (default 100 000) random reciprocal matrices on Saaty's 1–9 scale
//! and averages CI with λmax from the principal eigenvector (Saaty's definition); the last
//! column takes λmax from the geometric-mean weights through the source paper's formula, which
//! differs slightly. A seed gives the same table on every machine.

use ahp_fce::{simulate_random_index, RandomIndex, WeightingMethod};

fn main() {
    if let Err(error) = run() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let samples: usize = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let seed: u64 = args.next().map_or(Ok(2026), |a| a.parse())?;
    let tables = [
        RandomIndex::GuptaPaper,
        RandomIndex::Saaty1980,
        RandomIndex::Saaty2005,
        RandomIndex::DoneganDodd1991,
    ];
    println!("Random index by simulation: {samples} matrices per order, seed {seed}\n");
    println!(
        "{:>2}  {:>15}  {:>6}  {:>6}  {:>6}  {:>7}  {:>12}",
        "t", "eigen (± s.e.)", "Gupta", "S1980", "S2005", "D&D1991", "geo. mean"
    );
    for order in 3..=15 {
        let eigen = simulate_random_index(order, samples, seed, WeightingMethod::Eigenvector)?;
        let geometric =
            simulate_random_index(order, samples, seed, WeightingMethod::GeometricMean)?;
        let published: Vec<String> = tables
            .iter()
            .map(|table| {
                table
                    .value(order)
                    .map_or_else(|_| "–".to_owned(), |ri| format!("{ri:.4}"))
            })
            .collect();
        println!(
            "{order:>2}  {:>8.4} ± {:.4}  {:>6}  {:>6}  {:>6}  {:>7}  {:>12.4}",
            eigen.ri,
            eigen.standard_error,
            published[0],
            published[1],
            published[2],
            published[3],
            geometric.ri
        );
    }
    Ok(())
}
