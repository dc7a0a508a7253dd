//! Weights and consistency of one judgment matrix, per method and order; the synthesis of the
//! source paper's two-level hierarchy; one fuzzy evaluation of it; batch scoring; random-index
//! simulation. Compare figures as ratios within one run (e.g. eigenvector against geometric
//! mean at the same order): the machines are shared and absolute times drift.

use std::hint::black_box;

use ahp_fce::{AhpOptions, MembershipMatrix, Operator, WeightingMethod};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion as Bench};

mod common;
use common::{matrix, memberships, paper_evaluator, paper_hierarchy};

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

fn hierarchy(c: &mut Bench) {
    let tree = paper_hierarchy();
    let options = AhpOptions::default();
    c.bench_function("synthesize_3x4_hierarchy", |bench| {
        bench.iter(|| black_box(&tree).synthesize(&options))
    });
}

fn evaluation(c: &mut Bench) {
    let evaluator = paper_evaluator();
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

fn batch(c: &mut Bench) {
    let evaluator = paper_evaluator();
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

/// The same 100,000 objects laid out as rows (`score_slices`) and as columns
/// (`score_columns`, as a table holds them), scored chunk by chunk on one thread: the
/// columnar path of the query engine against the in-process layout.
fn batch_columns(c: &mut Bench) {
    const OBJECTS: usize = 100_000;
    const CHUNK: usize = ahp_fce::fce::VALUES_PER_CHUNK;
    let evaluator = paper_evaluator();
    let data = memberships(OBJECTS);
    let rows = data.as_slice().expect("a standard-layout array");
    let columns: Vec<Vec<f64>> = (0..48)
        .map(|k| rows.chunks_exact(48).map(|object| object[k]).collect())
        .collect();
    let mut output = vec![0.0; OBJECTS * 4];
    let mut group = c.benchmark_group("batch_100k_objects_rows_or_columns");
    group.throughput(criterion::Throughput::Elements(OBJECTS as u64));
    group.sample_size(20);
    for operator in [Operator::WeightedAverage, Operator::ZadehMinMax] {
        let scorer = evaluator.clone().with_operator(operator).batch_scorer();
        group.bench_function(format!("rows/{operator:?}"), |bench| {
            bench.iter(|| {
                for (k, out) in output.chunks_mut(CHUNK * 4).enumerate() {
                    let objects = k * CHUNK..k * CHUNK + out.len() / 4;
                    let input = &rows[objects.start * 48..objects.end * 48];
                    scorer
                        .score_slices(objects.start, input, out)
                        .expect("valid");
                }
            })
        });
        group.bench_function(format!("columns/{operator:?}"), |bench| {
            bench.iter(|| {
                for (k, out) in output.chunks_mut(CHUNK * 4).enumerate() {
                    let objects = k * CHUNK..k * CHUNK + out.len() / 4;
                    let chunk: Vec<&[f64]> = columns.iter().map(|c| &c[objects.clone()]).collect();
                    scorer
                        .score_columns(objects.start, &chunk, out)
                        .expect("valid");
                }
            })
        });
    }
    group.finish();
}

/// A model file of `leaves` leaves under the goal and one object, as JSON.
fn wide_model(leaves: usize) -> String {
    let children: Vec<String> = (0..leaves)
        .map(|k| format!(r#"{{"name":"c{k}"}}"#))
        .collect();
    let data: Vec<String> = (0..leaves)
        .map(|k| format!(r#""c{k}":{{"votes":[1,1]}}"#))
        .collect();
    let weight = format!("{:e}", 1.0 / leaves as f64);
    format!(
        r#"{{"grades":[{{"name":"good","score":1}},{{"name":"bad","score":0}}],
            "hierarchy":{{"name":"G","weights":[{}],"children":[{}]}},
            "objects":[{{"name":"o","leaves":{{{}}}}}]}}"#,
        vec![weight; leaves].join(","),
        children.join(","),
        data.join(",")
    )
}

/// Loading and evaluating wide models: time per leaf should not grow with the width (compare
/// the 100,000-leaf figure with 100 times the 1,000-leaf one).
fn wide_models(c: &mut Bench) {
    let mut group = c.benchmark_group("load_and_evaluate_wide_model");
    group.sample_size(10);
    for leaves in [1_000, 100_000] {
        let json = wide_model(leaves);
        group.bench_with_input(BenchmarkId::from_parameter(leaves), &json, |bench, json| {
            bench.iter(|| {
                ahp_fce::model::Model::from_json(black_box(json))
                    .and_then(|model| model.evaluate())
                    .expect("a valid wide model")
            })
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

/// 10,000 Monte Carlo draws of the source paper's model (judgments log-normal σ = 0.2, votes
/// resampled) beside one plain load-and-evaluate of it: the ratio is the cost of a draw in
/// evaluations.
fn monte_carlo(c: &mut Bench) {
    use ahp_fce::uncertainty::{JudgmentNoise, MonteCarlo, VoteNoise};
    let text = include_str!("../examples/models/paper.toml");
    let model = ahp_fce::model::Model::from_toml(text).expect("the shipped paper model");
    let run = MonteCarlo::new(10_000, 1)
        .and_then(|r| r.with_judgments(JudgmentNoise::LogNormal(0.2)))
        .expect("valid run parameters")
        .with_votes(VoteNoise::Multinomial);
    let mut group = c.benchmark_group("monte_carlo_paper_model");
    group.sample_size(10);
    group.bench_function("evaluate_once", |bench| {
        bench.iter(|| {
            ahp_fce::model::Model::from_toml(black_box(text))
                .and_then(|m| m.evaluate())
                .expect("the paper model evaluates")
        })
    });
    group.bench_function("10k_draws", |bench| {
        bench.iter(|| {
            model
                .uncertainty(black_box(&run))
                .expect("the paper model's draws")
        })
    });
    group.finish();
}

/// The weight sensitivity of 100 objects of the paper's model: exact under the weighted
/// average, bisected on the grid under min–max; the ratio is the price of the grid.
fn sensitivity(c: &mut Bench) {
    let evaluator = paper_evaluator();
    let data = memberships(100);
    let objects: Vec<MembershipMatrix> = data
        .outer_iter()
        .map(|o| MembershipMatrix::from_array(&o.to_owned()).expect("valid rows"))
        .collect();
    let mut group = c.benchmark_group("sensitivity_paper_model_100_objects");
    group.sample_size(10);
    for operator in [Operator::WeightedAverage, Operator::ZadehMinMax] {
        let e = evaluator.clone().with_operator(operator);
        group.bench_function(format!("{operator:?}"), |bench| {
            bench.iter(|| e.sensitivity(black_box(&objects)).expect("valid objects"))
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
    batch_columns,
    wide_models,
    random_index,
    monte_carlo,
    sensitivity
);
criterion_main!(benches);
