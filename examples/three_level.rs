//! A classic AHP decision, three levels deep: choose one of three suppliers.
//!
//!     cargo run --release --example three_level
//!
//! Goal → criteria (cost, quality, delivery) → sub-criteria → the three suppliers, compared
//! pairwise under every sub-criterion. A supplier's overall priority is the sum of the global
//! weights of its leaves. The judgments are illustrative.

use std::collections::BTreeMap;

use ahp_fce::{AhpOptions, Criterion, Hierarchy, JudgmentMatrix, RandomIndex};

const SUPPLIERS: [&str; 3] = ["Acme", "Bolt", "Crane"];

/// The suppliers compared under one sub-criterion (upper triangle: A/B, A/C, B/C).
fn suppliers(name: &str, a_b: f64, a_c: f64, b_c: f64) -> Result<Criterion, ahp_fce::Error> {
    Ok(Criterion::judged(
        name,
        JudgmentMatrix::from_upper_triangle(&[a_b, a_c, b_c])?,
        SUPPLIERS.map(Criterion::leaf),
    ))
}

fn main() {
    if let Err(error) = run() {
        eprintln!("error: {error}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), ahp_fce::Error> {
    let cost = Criterion::judged(
        "Cost",
        JudgmentMatrix::from_upper_triangle(&[3.0])?,
        [
            suppliers("Unit price", 1.0 / 3.0, 2.0, 5.0)?,
            suppliers("Payment terms", 2.0, 3.0, 2.0)?,
        ],
    );
    let quality = Criterion::judged(
        "Quality",
        JudgmentMatrix::from_upper_triangle(&[2.0, 4.0, 3.0])?,
        [
            suppliers("Defect rate", 4.0, 2.0, 1.0 / 3.0)?,
            suppliers("Certification", 1.0, 3.0, 3.0)?,
            suppliers("Support", 1.0 / 2.0, 1.0, 2.0)?,
        ],
    );
    let delivery = suppliers("Delivery", 1.0 / 5.0, 1.0 / 2.0, 3.0)?;
    let goal = Criterion::judged(
        "Choose a supplier",
        JudgmentMatrix::from_upper_triangle(&[1.0 / 2.0, 3.0, 5.0])?,
        [cost, quality, delivery],
    );
    let hierarchy = Hierarchy::new(goal)?;
    let options = AhpOptions::default().with_random_index(RandomIndex::Saaty1980);
    let synthesis = hierarchy.synthesize(&options)?;

    println!("{:<40} {:>8} {:>8} {:>8}", "node", "local", "global", "CR");
    for (id, node) in hierarchy.nodes() {
        let cr = synthesis
            .consistency_of(id)
            .map(|r| format!("{:.4}{}", r.cr, if r.acceptable { "" } else { " !" }))
            .unwrap_or_default();
        let indent = "  ".repeat(node.depth());
        println!(
            "{:<40} {:>8.4} {:>8.4} {:>8}",
            format!("{indent}{}", node.name()),
            synthesis.local_weight(id).unwrap_or(f64::NAN),
            synthesis.global_weight(id).unwrap_or(f64::NAN),
            cr
        );
    }

    let mut totals: BTreeMap<&str, f64> = BTreeMap::new();
    for (&leaf, weight) in synthesis
        .leaves()
        .iter()
        .zip(synthesis.leaf_weights().iter())
    {
        if let Some(node) = hierarchy.get(leaf) {
            *totals.entry(node.name()).or_default() += weight;
        }
    }
    let mut ranking: Vec<(&str, f64)> = totals.into_iter().collect();
    ranking.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!("\nOverall priorities:");
    for (rank, (name, priority)) in ranking.iter().enumerate() {
        println!("  {}. {name:<8} {priority:.4}", rank + 1);
    }
    let overall = synthesis.consistency();
    println!(
        "\nHierarchy CR = {:.4} ({}); every matrix acceptable: {}",
        overall.cr,
        if overall.acceptable {
            "acceptable"
        } else {
            "revise the judgments"
        },
        overall.all_nodes_acceptable
    );
    Ok(())
}
