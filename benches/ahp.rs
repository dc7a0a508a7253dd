//! Weights and consistency of one judgment matrix, per method and order; the synthesis of the
//! source paper's two-level hierarchy; and one fuzzy evaluation of it. Compare figures as ratios within one run (e.g. eigenvector against
//! geometric mean at the same order): the machines are shared and absolute times drift.

use std::hint::black_box;

use ahp_fce::{
    AhpOptions, Criterion, Evaluator, Grades, Hierarchy, JudgmentMatrix, MembershipMatrix,
    Operator, WeightingMethod,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion as Bench};

/// A reproducible order-t matrix on Saaty's scale, mildly inconsistent like real judgments.
fn matrix(t: usize) -> JudgmentMatrix {
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

fn single_matrix(c: &mut Bench) {
    let mut group = c.benchmark_group("weights_and_consistency");
    for t in [3, 5, 9, 15] {
        let b = matrix(t);
        for method in [
            WeightingMethod::GeometricMean,
            WeightingMethod::Eigenvector,
            WeightingMethod::ArithmeticMean,
        ] {
            let options = AhpOptions::default().with_weighting(method);
            group.bench_with_input(BenchmarkId::new(method.name(), t), &b, |bench, b| {
                bench.iter(|| options.analyze(black_box(b)))
            });
        }
    }
    group.finish();
}

/// The source paper's shape: a goal over three criteria, four indicators under each.
fn paper_hierarchy() -> Hierarchy {
    let criteria = ["U1", "U2", "U3"].map(|name| {
        let leaves = (1..=4).map(|k| Criterion::leaf(format!("{name}{k}")));
        Criterion::judged(name, matrix(4), leaves)
    });
    Hierarchy::new(Criterion::judged("U", matrix(3), criteria))
        .expect("the paper's shape is a valid hierarchy")
}

fn hierarchy(c: &mut Bench) {
    let tree = paper_hierarchy();
    let options = AhpOptions::default();
    c.bench_function("synthesize_3x4_hierarchy", |bench| {
        bench.iter(|| black_box(&tree).synthesize(&options))
    });
}

fn evaluation(c: &mut Bench) {
    let grades = Grades::with_scores(["A", "B", "C", "D"], [4.0, 3.0, 2.0, 1.0])
        .expect("four distinct grades");
    let evaluator = Evaluator::new(paper_hierarchy(), grades, &AhpOptions::default())
        .expect("the paper's hierarchy synthesizes");
    let votes: Vec<[u32; 4]> = (0..12u32).map(|k| [k % 4, 3, 4 - k % 4, 3]).collect();
    let memberships = MembershipMatrix::from_votes(&votes, Some(10)).expect("ten votes a row");
    let mut group = c.benchmark_group("evaluate_paper_model");
    for operator in [Operator::WeightedAverage, Operator::ZadehMinMax] {
        let evaluator = evaluator.clone().with_operator(operator);
        group.bench_function(format!("{operator:?}"), |bench| {
            bench.iter(|| evaluator.evaluate(black_box(&memberships)))
        });
    }
    group.finish();
}

criterion_group!(benches, single_matrix, hierarchy, evaluation);
criterion_main!(benches);
