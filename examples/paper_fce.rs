//! The source paper's AHP + fuzzy comprehensive evaluation, end to end (Gupta, "Intelligent
//! Optimization of Management Mode of Small and Medium-sized E-commerce Enterprises",
//! sections 2.3 and 3.2).
//!
//!     cargo run --release --example paper_fce
//!
//! The structure is the paper's: goal U over three first-level criteria U1..U3, four
//! second-level indicators under each (U11..U34), a four-level comment set, ten experts, and
//! three management models compared. The paper publishes no judgment matrices and no votes,
//! so every number below is illustrative: only the procedure is the paper's.

use ahp_fce::{
    AhpOptions, Criterion, Evaluation, Evaluator, Grades, Hierarchy, JudgmentMatrix,
    MembershipMatrix, RandomIndex,
};

const EXPERTS: u32 = 10;

/// First-level criteria with their four indicators each, and the upper triangle of the
/// judgment matrix D_i over the indicators (row over column, Saaty's 1–9 scale).
const CRITERIA: [(&str, [&str; 4], [f64; 6]); 3] = [
    (
        "U1 business process",
        ["U11", "U12", "U13", "U14"],
        [3.0, 5.0, 2.0, 2.0, 0.5, 1.0 / 3.0],
    ),
    (
        "U2 partner relationships",
        ["U21", "U22", "U23", "U24"],
        [2.0, 4.0, 3.0, 2.0, 2.0, 1.0],
    ),
    (
        "U3 innovation and learning",
        ["U31", "U32", "U33", "U34"],
        [0.5, 2.0, 3.0, 3.0, 4.0, 2.0],
    ),
];

/// The goal's judgment matrix F over U1, U2, U3 (upper triangle).
const GOAL: [f64; 3] = [2.0, 3.0, 2.0];

/// For each model, ten experts' ticks per indicator over (very strong, strong, general, poor),
/// indicators in the order U11..U14, U21..U24, U31..U34.
const VOTES: [(&str, [[u32; 4]; 12]); 3] = [
    (
        "Model A",
        [
            [3, 5, 2, 0],
            [2, 5, 3, 0],
            [1, 4, 4, 1],
            [4, 4, 2, 0],
            [2, 4, 3, 1],
            [3, 4, 3, 0],
            [1, 5, 3, 1],
            [2, 3, 4, 1],
            [1, 3, 4, 2],
            [2, 4, 3, 1],
            [3, 3, 3, 1],
            [1, 4, 3, 2],
        ],
    ),
    (
        "Model B",
        [
            [1, 4, 4, 1],
            [2, 3, 4, 1],
            [2, 4, 3, 1],
            [1, 3, 5, 1],
            [4, 4, 2, 0],
            [3, 5, 2, 0],
            [2, 5, 2, 1],
            [3, 4, 2, 1],
            [2, 4, 3, 1],
            [1, 4, 4, 1],
            [2, 3, 4, 1],
            [1, 3, 4, 2],
        ],
    ),
    (
        "Model C",
        [
            [2, 3, 3, 2],
            [1, 3, 4, 2],
            [1, 2, 5, 2],
            [2, 4, 3, 1],
            [1, 3, 4, 2],
            [2, 3, 3, 2],
            [1, 4, 3, 2],
            [2, 2, 4, 2],
            [4, 4, 2, 0],
            [3, 5, 2, 0],
            [4, 3, 3, 0],
            [3, 4, 2, 1],
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
    // 1. The indicator set and the judgment matrices at both levels.
    let mut criteria = Vec::new();
    for (name, indicators, upper) in CRITERIA {
        let d = JudgmentMatrix::from_upper_triangle(&upper)?;
        criteria.push(Criterion::judged(name, d, indicators.map(Criterion::leaf)));
    }
    let goal = Criterion::judged("U", JudgmentMatrix::from_upper_triangle(&GOAL)?, criteria);
    let hierarchy = Hierarchy::new(goal)?;

    // 2. Weights by the paper's geometric mean; CR against the paper's own RI table.
    let options = AhpOptions::default().with_random_index(RandomIndex::GuptaPaper);
    let grades = Grades::with_scores(
        ["very strong", "strong", "general", "poor"],
        [4.0, 3.0, 2.0, 1.0],
    )?;
    let evaluator = Evaluator::new(hierarchy, grades, &options)?;
    print_weights(&evaluator);

    // 3. Membership degrees r_ijh = V_ijh / V from the experts' votes, then composition.
    let models: Vec<(&str, MembershipMatrix)> = VOTES
        .iter()
        .map(|(name, votes)| Ok((*name, MembershipMatrix::from_votes(votes, Some(EXPERTS))?)))
        .collect::<Result<_, ahp_fce::Error>>()?;
    let ranking = evaluator.rank(&models)?;
    for (name, _) in &models {
        if let Some(entry) = ranking.entries().iter().find(|e| e.name == *name) {
            print_evaluation(&evaluator, name, &entry.evaluation);
        }
    }

    println!("\nRanking by score (very strong = 4 … poor = 1):");
    for entry in ranking.entries() {
        println!("  {}. {:<8} {:.4}", entry.rank, entry.name, entry.score);
    }
    if ranking.has_ties() {
        println!("  (models sharing a rank are tied)");
    }
    Ok(())
}

fn print_weights(evaluator: &Evaluator) {
    let hierarchy = evaluator.hierarchy();
    let synthesis = evaluator.synthesis();
    println!(
        "AHP weights (geometric mean) and consistency (RI: {})",
        RandomIndex::GuptaPaper.name()
    );
    for id in hierarchy.internal_nodes() {
        let Some(node) = hierarchy.get(id) else {
            continue;
        };
        let symbol = if id == hierarchy.root() { "F" } else { "D" };
        let weights: Vec<String> = node
            .children()
            .iter()
            .filter_map(|&c| {
                Some(format!(
                    "{} {:.4}",
                    hierarchy.get(c)?.name(),
                    synthesis.local_weight(c)?
                ))
            })
            .collect();
        println!("\n  {symbol} for {}: {}", node.name(), weights.join(", "));
        if let Some(r) = synthesis.consistency_of(id) {
            println!(
                "    λmax = {:.4}, CI = {:.4}, RI = {:.2}, CR = {:.4} → {}",
                r.lambda_max,
                r.ci,
                r.ri,
                r.cr,
                if r.acceptable {
                    "consistent"
                } else {
                    "INCONSISTENT: revise"
                }
            );
        }
    }
    let overall = synthesis.consistency();
    println!(
        "\n  Hierarchy CR = {:.4} ({})",
        overall.cr,
        if overall.acceptable {
            "acceptable"
        } else {
            "not acceptable"
        }
    );
}

fn print_evaluation(evaluator: &Evaluator, name: &str, evaluation: &Evaluation) {
    let grades = evaluator.grades().names().join(", ");
    println!("\n{name}: grade vectors over ({grades})");
    for part in evaluation.contributions() {
        let label = format!("G for {}", part.name);
        println!("  {label:<34} {}", format_vector(&part.grades));
    }
    let label = "E (normalized)";
    println!("  {label:<34} {}", format_vector(evaluation.result()));
    let verdict = evaluation.verdict();
    println!(
        "  Verdict: {} ({:.4}){}; score {:.4}",
        verdict.name,
        verdict.degree,
        if verdict.tied {
            ", tied with the runner-up"
        } else {
            ""
        },
        evaluation.score().unwrap_or_default()
    );
}

fn format_vector(values: &[f64]) -> String {
    let cells: Vec<String> = values.iter().map(|v| format!("{v:.4}")).collect();
    format!("({})", cells.join(", "))
}
