//! Workloads shared by the benches, so that every bench measures the same inputs.

#![allow(dead_code)] // each bench uses a part

use ahp_fce::{AhpOptions, Criterion, Evaluator, Grades, Hierarchy, JudgmentMatrix};
use ndarray::Array3;

/// A reproducible order-t matrix on Saaty's scale, mildly inconsistent like real judgments
/// (the same numbers `scripts/compare.py` uses at order 9).
pub fn matrix(t: usize) -> JudgmentMatrix {
    let scale = [
        1.0,
        2.0,
        3.0,
        1.0 / 2.0,
        5.0,
        1.0 / 3.0,
        7.0,
        1.0 / 5.0,
        9.0,
    ];
    let mut upper = Vec::with_capacity(t * (t - 1) / 2);
    for x in 0..t {
        for y in x + 1..t {
            upper.push(scale[(3 * x + 5 * y) % scale.len()]);
        }
    }
    JudgmentMatrix::from_upper_triangle(&upper).expect("scale values are valid judgments")
}

/// The source paper's shape: a goal over three criteria, four indicators under each.
pub fn paper_hierarchy() -> Hierarchy {
    let d = JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0, 2.0, 0.5, 1.0 / 3.0])
        .expect("valid judgments");
    let criteria = ["U1", "U2", "U3"].map(|name| {
        let leaves = (1..=4).map(|k| Criterion::leaf(format!("{name}{k}")));
        Criterion::judged(name, d.clone(), leaves)
    });
    let f = JudgmentMatrix::from_upper_triangle(&[2.0, 3.0, 2.0]).expect("valid judgments");
    Hierarchy::new(Criterion::judged("U", f, criteria)).expect("a valid hierarchy")
}

/// The paper's hierarchy with four scored grades.
pub fn paper_evaluator() -> Evaluator {
    let grades = Grades::with_scores(["A", "B", "C", "D"], [4.0, 3.0, 2.0, 1.0])
        .expect("four distinct grades");
    Evaluator::new(paper_hierarchy(), grades, &AhpOptions::default())
        .expect("the paper's hierarchy synthesizes")
}

/// `objects` × 12 leaves × 4 grades of valid rows: vote shares of ten experts.
pub fn memberships(objects: usize) -> Array3<f64> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut values = Vec::with_capacity(objects * 48);
    for _ in 0..objects * 12 {
        let mut votes = [0u32; 4];
        for _ in 0..10 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            votes[(state % 4) as usize] += 1;
        }
        values.extend(votes.iter().map(|&v| f64::from(v) / 10.0));
    }
    Array3::from_shape_vec((objects, 12, 4), values).expect("48 values per object")
}
