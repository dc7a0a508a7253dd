//! What the test binaries share: tolerances, strategies that build valid inputs directly,
//! corruptions that make exactly one thing invalid, and a runner that counts how many
//! generated cases reach the code under test.
//!
//! Each test binary uses a part of this module, so unused items are allowed here.
#![allow(dead_code)]

use std::cell::Cell;

use ahp_fce::ahp::SAATY_SCALE;
use ahp_fce::{Criterion, JudgmentMatrix, MembershipMatrix, Operator, Weights};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

/// Exact results recomputed through a different but exact-in-theory route agree to 1e-12:
/// hundreds of ulps of slack over the few roundings each entry sees.
pub const EXACT: f64 = 1e-12;
/// The eigen-equation is certified to 1e-12 relative by the iteration's stopping rule
/// (Collatz–Wielandt spread); 1e-9 is the bar the method is held to.
pub const EIGEN: f64 = 1e-9;
/// Eigenvector weights of a permuted matrix: both runs stop with the eigen-equation satisfied
/// to 1e-12, and the weights' remaining error is that amplified by 1 / (1 − |λ₂/λ₁|).
pub const EIGEN_WEIGHTS: f64 = 1e-9;

pub const OPERATORS: [Operator; 4] = [
    Operator::WeightedAverage,
    Operator::ZadehMinMax,
    Operator::ProductMax,
    Operator::MinBoundedSum,
];

/// A positive vector of exactly `len` entries spanning four orders of magnitude.
pub fn positive_vector_of(len: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.01f64..100.0, len)
}

/// A positive vector of 1..=max_len entries spanning four orders of magnitude.
pub fn positive_vector(max_len: usize) -> impl Strategy<Value = Vec<f64>> {
    (1..=max_len).prop_flat_map(positive_vector_of)
}

/// Saaty-scale values for the upper triangle of an order-t matrix.
pub fn scale_upper(t: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0..SAATY_SCALE.len(), t * (t - 1) / 2)
        .prop_map(|idx| idx.into_iter().map(|i| SAATY_SCALE[i]).collect())
}

/// A reciprocal matrix of order 1..=max_t on Saaty's 1–9 scale.
pub fn saaty_matrix(max_t: usize) -> impl Strategy<Value = JudgmentMatrix> {
    (1..=max_t)
        .prop_flat_map(scale_upper)
        .prop_map(|upper| JudgmentMatrix::from_upper_triangle(&upper).unwrap())
}

/// The full rows of the matrix with upper triangle `upper`, its lower triangle typed as people
/// type reciprocals: rounded to `decimals` decimals (so 1/3 is `0.33` or `0.333`).
pub fn typed_rows(upper: &[f64], decimals: i32) -> Vec<Vec<f64>> {
    let b = JudgmentMatrix::from_upper_triangle(upper).unwrap();
    let scale = 10f64.powi(decimals);
    let mut rows = b.to_rows();
    for (x, row) in rows.iter_mut().enumerate() {
        for value in &mut row[..x] {
            *value = (*value * scale).round() / scale;
        }
    }
    rows
}

/// A membership row over `grades` grades from ten experts' votes (zeros included), at least
/// one vote cast.
pub fn membership_row(grades: usize) -> impl Strategy<Value = Vec<f64>> {
    (prop::collection::vec(0..=10u32, grades), any::<Index>()).prop_map(move |(mut votes, at)| {
        // Someone voted: one more vote where none might have been, rather than a filter.
        votes[at.index(grades)] += 1;
        let total: u32 = votes.iter().sum();
        votes
            .iter()
            .map(|&v| f64::from(v) / f64::from(total))
            .collect()
    })
}

/// Weights over n indicators with a membership matrix of n rows and 2..=6 grades.
pub fn weights_and_memberships() -> impl Strategy<Value = (Weights, MembershipMatrix)> {
    (1..=8usize, 2..=6usize).prop_flat_map(|(n, m)| {
        (
            positive_vector_of(n).prop_map(|v| Weights::from_unnormalized(&v).unwrap()),
            prop::collection::vec(membership_row(m), n)
                .prop_map(|rows| MembershipMatrix::from_rows(&rows).unwrap()),
        )
    })
}

/// An internal node over `children`, judged on Saaty's scale or weighted directly.
fn node(children: impl Strategy<Value = Vec<Criterion>>) -> impl Strategy<Value = Criterion> {
    (
        children,
        prop::collection::vec(0..SAATY_SCALE.len(), 10),
        prop::collection::vec(0.01f64..1.0, 5),
        any::<bool>(),
        any::<Index>(),
    )
        .prop_map(|(mut children, scale, raw_weights, judged, name)| {
            let t = children.len();
            for (k, child) in children.iter_mut().enumerate() {
                child.name = format!("c{k}");
            }
            let node_name = format!("n{}", name.index(1000));
            if judged {
                let upper: Vec<f64> = scale[..t * (t - 1) / 2]
                    .iter()
                    .map(|&i| SAATY_SCALE[i])
                    .collect();
                let b = JudgmentMatrix::from_upper_triangle(&upper).unwrap();
                Criterion::judged(node_name, b, children)
            } else {
                let w = Weights::from_unnormalized(&raw_weights[..t]).unwrap();
                Criterion::weighted(node_name, w, children)
            }
        })
}

/// A random hierarchy up to four levels deep, each internal node with 1..=5 children judged on
/// Saaty's scale or weighted directly. The goal is always an internal node.
pub fn criterion_tree() -> impl Strategy<Value = Criterion> {
    let below = Just(Criterion::leaf("leaf"))
        .prop_recursive(3, 40, 5, |inner| node(prop::collection::vec(inner, 1..=5)));
    node(prop::collection::vec(below, 1..=5))
}

/// Any `f64`, with the values that break numerical code (NaN, ±∞, 0, −0, subnormals, the
/// extremes) drawn often.
pub fn hostile_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::MIN,
            1e-300,
            1e300,
            -1.0,
            1.0,
        ]),
        proptest::num::f64::ANY,
    ]
}

/// How many of a property's cases reached the code under test.
#[derive(Debug, Clone, Copy)]
pub struct Reach {
    pub reached: u32,
    pub cases: u32,
}

impl Reach {
    /// Fails unless at least `share` of the cases reached the code under test.
    pub fn at_least(self, share: f64, what: &str) {
        eprintln!(
            "{what}: {} of {} cases reached the code under test",
            self.reached, self.cases
        );
        assert!(
            f64::from(self.reached) >= share * f64::from(self.cases),
            "{what}: only {} of {} cases reached the code under test (wanted {:.0} %)",
            self.reached,
            self.cases,
            100.0 * share
        );
    }
}

/// Runs `test` on `cases` inputs from `strategy`, like `proptest!` (shrinking a failure to a
/// minimal input, and keeping its seed in the calling file's `.proptest-regressions`), and
/// counts the cases for which `test` says it reached the code under test.
#[track_caller]
pub fn run_counting<S: Strategy>(
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<bool, TestCaseError>,
) -> Reach {
    let reached = Cell::new(0u32);
    let total = Cell::new(0u32);
    let mut runner = TestRunner::new(Config {
        cases,
        source_file: Some(std::panic::Location::caller().file()),
        failure_persistence: Some(Box::new(FileFailurePersistence::default())),
        ..Config::default()
    });
    let outcome = runner.run(&strategy, |value| {
        total.set(total.get() + 1);
        if test(value)? {
            reached.set(reached.get() + 1);
        }
        Ok(())
    });
    if let Err(failure) = outcome {
        panic!("{failure}");
    }
    Reach {
        reached: reached.get(),
        cases: total.get(),
    }
}
