//! Table 1 of the micro-store study, reproduced: Li, Zhang & Han, "Research on Risk Analysis
//! and Countermeasures of Micro Store Operation Model", section 4.5.
//!
//!     cargo run --release --example micro_store
//!
//! 215 respondents ranked four risk areas by importance; ranks score 4, 3, 2, 1, and an area
//! is a key risk factor when its mean passes 3.2 (80 % of the full 4 points).
//!
//! The raw answers were never published. `examples/data/micro_store/responses.csv` holds 215
//! rankings built to reproduce the published figures: a search over how many respondents gave
//! each area each rank, keeping count vectors whose mean rounds to the published mean and whose
//! standard deviation rounds to the published one at three decimals, and combining four of
//! them so that every rank is given exactly 215 times (3700 combinations qualify; the one
//! closest in standard deviation was taken). That count matrix splits into 215 individual
//! rankings (Birkhoff–von Neumann). `build_table1_data.py` beside the CSV does all of it.
//!
//! The example then turns the study's percentage breakdowns (sections 4.1–4.4) into membership
//! rows.

use ahp_fce::survey::{membership_from_percentages, ResponseTable, Scale};

const RESPONSES: &str = include_str!("data/micro_store/responses.csv");

/// Table 1 as published: mean, standard error, standard deviation, variance per area.
const PUBLISHED: [(f64, f64, f64, f64); 4] = [
    (3.72, 0.05, 0.727, 0.529),
    (2.00, 0.07, 1.023, 1.047),
    (2.02, 0.055, 0.811, 0.658),
    (2.26, 0.059, 0.867, 0.752),
];

/// Sections 4.1–4.4: the share of respondents naming each problem within each risk area.
const BREAKDOWNS: [(&str, &[(&str, f64)]); 4] = [
    (
        "Credit risk (4.1)",
        &[
            ("counterfeit goods", 26.3),
            ("poor quality", 26.1),
            ("paid, not shipped", 14.7),
            ("no after-sale guarantee", 29.5),
            ("other", 3.4),
        ],
    ),
    (
        "Way of promotion (4.2)",
        &[
            ("reading burden in feeds", 32.9),
            ("false advertising", 29.7),
            ("opaque product information", 32.4),
            ("other", 5.0),
        ],
    ),
    (
        "Logistics distribution (4.3)",
        &[
            ("late shipment", 21.9),
            ("no choice of carrier", 24.3),
            ("remote areas not served", 15.2),
            ("slow delivery", 18.0),
            ("damage and loss", 13.6),
            ("other", 7.0),
        ],
    ),
    (
        "Customer service (4.4)",
        &[
            ("no complaint channel", 29.1),
            ("reviews not shown", 27.4),
            ("slow problem solving", 21.8),
            ("poor attitude", 16.5),
            ("other", 5.2),
        ],
    ),
];

fn main() {
    if let Err(error) = run() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), ahp_fce::Error> {
    let table = ResponseTable::from_csv(RESPONSES.as_bytes(), Scale::Rank { items: 4 })?;
    let stats = table.statistics();

    println!("Table 1. Comprehensive analysis of risks in micro shop marketing");
    println!("         (ours, from the reconstructed responses / published)\n");
    let header: Vec<String> = stats.iter().map(|s| format!("{:>24}", s.item)).collect();
    println!("{:<22}{}", "", header.join(""));
    let ours = |i: usize| {
        let s = &stats[i];
        let value = |v: Option<f64>| v.unwrap_or(f64::NAN);
        [
            s.valid as f64,
            s.missing as f64,
            value(s.mean),
            value(s.standard_error),
            value(s.standard_deviation),
            value(s.variance),
        ]
    };
    let published = |i: usize| {
        let (mean, se, sd, variance) = PUBLISHED[i];
        [215.0, 0.0, mean, se, sd, variance]
    };
    let rows = [
        ("Valid N", 0),
        ("Missing N", 0),
        ("Mean", 2),
        ("Std. error of mean", 3),
        ("Std. deviation", 3),
        ("Variance", 3),
    ];
    for (k, (label, decimals)) in rows.into_iter().enumerate() {
        let cells: Vec<String> = (0..stats.len())
            .map(|i| {
                format!(
                    "{:>24}",
                    format!("{:.decimals$} / {}", ours(i)[k], published(i)[k])
                )
            })
            .collect();
        println!("{label:<22}{}", cells.join(""));
    }

    println!("\nKey risk factors (mean > 3.2 of 4):");
    for factor in table.key_factors(3.2) {
        println!("  {} (mean {:.2})", factor.item, factor.mean);
    }

    println!("\nRank frequencies as membership rows (rank 1 = most important):");
    for item in 0..table.items().len() {
        let frequencies = table.frequencies(item)?;
        let membership = frequencies.to_membership()?;
        let shares: Vec<String> = membership.to_rows()[0]
            .iter()
            .map(|r| format!("{r:.3}"))
            .collect();
        println!(
            "  {:<24} counts {:?} → ({})",
            frequencies.item,
            frequencies.counts,
            shares.join(", ")
        );
    }

    println!("\nProblem breakdowns (sections 4.1–4.4) as membership rows:");
    for (area, problems) in BREAKDOWNS {
        let percentages: Vec<f64> = problems.iter().map(|(_, p)| *p).collect();
        let row = membership_from_percentages(&[percentages], 1)?;
        println!("  {area}");
        for ((problem, _), degree) in problems.iter().zip(row.to_rows()[0].iter()) {
            println!("    {problem:<28} {degree:.3}");
        }
    }
    Ok(())
}
