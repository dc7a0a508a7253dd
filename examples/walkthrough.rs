//! The source paper's AHP procedure (Gupta, section 3.2), step by step on one judgment matrix,
//! so a hand calculation can be checked line by line.
//!
//! Run with the built-in matrix:
//!     cargo run --release --example walkthrough
//! or with your own, as its upper triangle in row order (fractions allowed):
//!     cargo run --release --example walkthrough -- 3 5 1/2 2 1/3 1/4
//!
//! The paper publishes no judgment matrices, so the built-in one is illustrative: four
//! second-level indicators U11..U14 under the criterion U1 ("business process").

use ahp_fce::{
    lambda_max, weighted_sums, ConsistencyOptions, ConsistencyReport, GeometricMeanSteps,
    JudgmentMatrix, RandomIndex,
};

fn main() {
    if let Err(error) = run() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let matrix = if args.is_empty() {
        // U11 vs U12 = 3, U11 vs U13 = 5, U11 vs U14 = 2, U12 vs U13 = 2, U12 vs U14 = 1/2,
        // U13 vs U14 = 1/3.
        JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0, 2.0, 0.5, 1.0 / 3.0])?
    } else {
        let upper = args
            .iter()
            .map(|a| parse_judgment(a))
            .collect::<Result<Vec<f64>, String>>()?;
        JudgmentMatrix::from_upper_triangle(&upper)?
    };
    let t = matrix.order();

    println!("Judgment matrix B (t = {t}), row over column:");
    for row in matrix.to_rows() {
        let cells: Vec<String> = row.iter().map(|b| format!("{b:>8.4}")).collect();
        println!("  {}", cells.join(" "));
    }

    let steps = GeometricMeanSteps::compute(&matrix)?;
    println!("\nStep 1, formula (2): M_x = product of row x");
    print_vector("M", &steps.row_products);
    println!("\nStep 2, formula (3): W̄_x = M_x^(1/{t})");
    print_vector("W̄", &steps.row_roots);
    println!(
        "\nStep 3, formula (4): W_x = W̄_x / ΣW̄  (ΣW̄ = {:.6})",
        steps.row_roots.iter().sum::<f64>()
    );
    print_vector("W", steps.weights.as_slice());

    let bw = weighted_sums(&matrix, &steps.weights)?;
    println!("\nStep 4, formula (5): (BW)_x, and (BW)_x / W_x");
    print_vector("BW", bw.as_slice().unwrap_or(&[]));
    let ratios: Vec<f64> = bw
        .iter()
        .zip(steps.weights.iter())
        .map(|(s, w)| s / w)
        .collect();
    print_vector("BW/W", &ratios);
    println!(
        "  λmax = (1/{t}) Σ (BW)_x / W_x = {:.6}",
        lambda_max(&matrix, &steps.weights)?
    );

    // The paper's own RI table (its Table 2) when it covers t, Saaty (1980) beyond.
    let random_index = if t <= RandomIndex::GuptaPaper.max_order() {
        RandomIndex::GuptaPaper
    } else {
        RandomIndex::Saaty1980
    };
    let options = ConsistencyOptions::default().with_random_index(random_index);
    let report = ConsistencyReport::compute(&matrix, &steps.weights, &options)?;
    println!("\nStep 5, formula (6): consistency test");
    println!("  CI = (λmax − t) / (t − 1) = {:.6}", report.ci);
    println!(
        "  RI = {:.2}  ({}, t = {t})",
        report.ri,
        options.random_index.name()
    );
    println!("  CR = CI / RI = {:.6}", report.cr);
    println!(
        "  CR {} {}: the judgments are {}",
        if report.acceptable { "<" } else { "≥" },
        report.threshold,
        if report.acceptable {
            "acceptably consistent"
        } else {
            "inconsistent; revise them"
        }
    );
    Ok(())
}

fn print_vector(label: &str, values: &[f64]) {
    for (x, v) in values.iter().enumerate() {
        println!("  {label}_{} = {v:.6}", x + 1);
    }
}

/// A number, or a fraction such as `1/3`.
fn parse_judgment(text: &str) -> Result<f64, String> {
    let bad = || format!("`{text}` is not a number or a fraction like 1/3");
    match text.split_once('/') {
        Some((n, d)) => {
            let (n, d): (f64, f64) = (
                n.trim().parse().map_err(|_| bad())?,
                d.trim().parse().map_err(|_| bad())?,
            );
            Ok(n / d)
        }
        None => text.trim().parse().map_err(|_| bad()),
    }
}
