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

/// `objects` × 12 leaves × 4 grades of valid rows: vote shares of ten experts.
fn memberships(objects: usize) -> ndarray::Array3<f64> {
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
    ndarray::Array3::from_shape_vec((objects, 12, 4), values).expect("48 values per object")
}

fn batch(c: &mut Bench) {
    let grades = Grades::with_scores(["A", "B", "C", "D"], [4.0, 3.0, 2.0, 1.0])
        .expect("four distinct grades");
    let evaluator = Evaluator::new(paper_hierarchy(), grades, &AhpOptions::default())
        .expect("the paper's hierarchy synthesizes");
    let data = memberships(1_000_000);
    let mut group = c.benchmark_group("batch_1M_objects_12_leaves_4_grades");
    group.sample_size(10);
    for operator in [Operator::WeightedAverage, Operator::ZadehMinMax] {
        let scorer = evaluator.clone().with_operator(operator).batch_scorer();
        group.bench_function(format!("{operator:?}"), |bench| {
            bench.iter(|| scorer.score(black_box(data.view())))
        });
    }
    group.finish();
}

fn random_index(c: &mut Bench) {
    let mut group = c.benchmark_group("ri_simulation_t9_10k_matrices");
    group.sample_size(10);
    for method in [WeightingMethod::GeometricMean, WeightingMethod::Eigenvector] {
        group.bench_function(format!("{method:?}"), |bench| {
            bench.iter(|| ahp_fce::simulate_random_index(9, 10_000, black_box(1), method))
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    single_matrix,
    hierarchy,
    evaluation,
    batch,
    random_index
);
criterion_main!(benches);
