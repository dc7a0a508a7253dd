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

use ahp_fce::model::Report;
use ahp_fce::{
    AhpOptions, Criterion, Evaluator, Grades, Hierarchy, JudgmentMatrix, MembershipMatrix,
    RandomIndex,
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

    // 2. Weights by the paper's geometric mean (D_i under each criterion, F under the goal);
    //    CR against the paper's own RI table.
    let options = AhpOptions::default().with_random_index(RandomIndex::GuptaPaper);
    let grades = Grades::with_scores(
        ["very strong", "strong", "general", "poor"],
        [4.0, 3.0, 2.0, 1.0],
    )?;
    let evaluator = Evaluator::new(hierarchy, grades, &options)?;

    // 3. Membership degrees r_ijh = V_ijh / V from the experts' votes; G_i = D_i·R_i for each
    //    criterion, then E = F·G, normalized; the verdict by maximum membership and the score
    //    with very strong = 4 … poor = 1.
    let mut evaluations = Vec::new();
    for (name, votes) in &VOTES {
        let memberships = MembershipMatrix::from_votes(votes, Some(EXPERTS))?;
        evaluations.push((name.to_string(), evaluator.evaluate(&memberships)?));
    }

    // 4. The same report a model file gives: weights, consistency, every grade vector, the
    //    verdicts and the ranking.
    print!(
        "{}",
        Report::of_evaluations(&evaluator, &evaluations)?.to_text()
    );
    Ok(())
}
