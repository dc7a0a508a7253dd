//! Property tests: the invariants of weights, consistency and hierarchies on generated valid
//! inputs, and "Ok or Err, never a panic, never a NaN" on generated invalid ones.
//!
//! Strategies build valid inputs directly (consistent matrices from a weight vector, reciprocal
//! matrices from an upper triangle on Saaty's scale) and corrupt exactly one thing to make
//! invalid ones. Each "never panics" property counts how many of its cases reach the code
//! behind the validation, and fails if too few do: a property whose inputs are all rejected
//! tests only the validator.

mod common;

use common::{
    criterion_tree, hostile_f64, membership_row, positive_vector, run_counting, saaty_matrix,
    scale_upper, typed_rows, weights_and_memberships, EIGEN, EIGEN_WEIGHTS, EXACT, OPERATORS,
};

use ahp_fce::error::ErrorKind;
use ahp_fce::{
    lambda_max, AhpOptions, ConsistencyOptions, ConsistencyReport, Criterion, Evaluator,
    GeometricConsistency, Grades, Hierarchy, JudgmentMatrix, MembershipMatrix, Operator,
    RandomIndex, WeightingMethod, Weights,
};
use approx::{assert_abs_diff_eq, assert_relative_eq};
use ndarray::Array2;
use proptest::prelude::*;
use proptest::sample::Index;

const METHODS: [WeightingMethod; 3] = [
    WeightingMethod::GeometricMean,
    WeightingMethod::Eigenvector,
    WeightingMethod::ArithmeticMean,
];

proptest! {
    #[test]
    fn consistent_matrices_give_back_their_weights(raw in positive_vector(15)) {
        let w = Weights::from_unnormalized(&raw).unwrap();
        let b = JudgmentMatrix::from_weight_ratios(&w).unwrap();
        let t = b.order() as f64;
        for method in METHODS {
            let derived = b.weights(method).unwrap();
            assert_relative_eq!(derived, w, max_relative = EXACT);
            let lambda = lambda_max(&b, &derived).unwrap();
            assert_abs_diff_eq!(lambda, t, epsilon = EXACT);
            let report =
                ConsistencyReport::compute(&b, &derived, &ConsistencyOptions::default()).unwrap();
            assert_abs_diff_eq!(report.ci, 0.0, epsilon = EXACT);
            prop_assert!(report.acceptable);
        }
        let gci = GeometricConsistency::compute(&b).unwrap();
        assert_abs_diff_eq!(gci.gci, 0.0, epsilon = EXACT);
    }

    /// The GCI from the row means of the logarithms is the published formula with the
    /// geometric-mean weights themselves. Tolerance: each logarithm, of a ratio within 9⁴ on
    /// Saaty's scale, is off by a few ulps of ln 9⁴ ≈ 9 (about 1e-14 absolute) on either
    /// side; squares do not cancel, so the sums agree to that relative to the larger terms:
    /// 1e-12 relative, and 1e-15 absolute for the nearly consistent matrices whose index is
    /// itself of that size.
    #[test]
    fn gci_is_the_published_formula_with_geometric_mean_weights(b in saaty_matrix(15)) {
        let t = b.order();
        let w = b.weights(WeightingMethod::GeometricMean).unwrap();
        let mut sum = 0.0;
        for x in 0..t {
            for y in x + 1..t {
                let e = (b.get(x, y).unwrap() * w.as_slice()[y] / w.as_slice()[x]).ln();
                sum += e * e;
            }
        }
        let gci = GeometricConsistency::compute(&b).unwrap();
        if t > 2 {
            let expected = 2.0 * sum / ((t - 1) as f64 * (t - 2) as f64);
            assert_relative_eq!(gci.gci, expected, max_relative = 1e-12, epsilon = 1e-15);
        } else {
            prop_assert_eq!(gci.gci, 0.0);
        }
    }

    #[test]
    fn weights_of_reciprocal_matrices_are_positive_and_sum_to_one(b in saaty_matrix(15)) {
        let t = b.order() as f64;
        for method in METHODS {
            let w = b.weights(method).unwrap();
            prop_assert_eq!(w.len(), b.order());
            prop_assert!(w.iter().all(|x| x > 0.0 && x.is_finite()));
            assert_abs_diff_eq!(w.iter().sum::<f64>(), 1.0, epsilon = EXACT);
            // Σ_x (BW)_x / W_x = t + Σ_{x<y} (r + 1/r) ≥ t² for any positive W.
            prop_assert!(lambda_max(&b, &w).unwrap() >= t - 1e-9);
        }
    }

    #[test]
    fn eigenvector_satisfies_the_eigen_equation(b in saaty_matrix(15)) {
        assert_eigen_equation(&b);
    }

    #[test]
    fn permuting_items_permutes_the_weights(
        (b, order) in (1..=12usize).prop_flat_map(|t| (
            scale_upper(t).prop_map(|u| JudgmentMatrix::from_upper_triangle(&u).unwrap()),
            Just((0..t).collect::<Vec<_>>()).prop_shuffle(),
        ))
    ) {
        let permuted = b.permuted(&order).unwrap();
        for method in METHODS {
            let w = b.weights(method).unwrap();
            let wp = permuted.weights(method).unwrap();
            let expected = Weights::new(&order.iter().map(|&k| w.get(k).unwrap()).collect::<Vec<_>>())
                .unwrap();
            let tolerance = if method == WeightingMethod::Eigenvector { EIGEN_WEIGHTS } else { EXACT };
            assert_relative_eq!(wp, expected, max_relative = tolerance);
        }
    }

    #[test]
    fn geometric_weights_of_the_transpose_are_proportional_to_reciprocals(b in saaty_matrix(15)) {
        let w = b.weights(WeightingMethod::GeometricMean).unwrap();
        let wt = b.transpose().weights(WeightingMethod::GeometricMean).unwrap();
        let reciprocals: Vec<f64> = w.iter().map(|x| 1.0 / x).collect();
        assert_relative_eq!(wt, Weights::from_unnormalized(&reciprocals).unwrap(), max_relative = EXACT);
    }

    #[test]
    fn one_corrupted_entry_is_reported_where_it_is(
        (b, row, col, kind, factor) in (2..=9usize).prop_flat_map(|t| (
            scale_upper(t).prop_map(|u| JudgmentMatrix::from_upper_triangle(&u).unwrap()),
            0..t,
            0..t,
            0..6usize,
            1.2f64..10.0,
        ))
    ) {
        let mut entries: Array2<f64> = b.view().to_owned();
        let original = entries[[row, col]];
        entries[[row, col]] = match kind {
            0 => f64::NAN,
            1 => f64::INFINITY,
            2 => 0.0,
            3 => -original,
            4 => original * factor,
            _ => original / factor,
        };
        let err = JudgmentMatrix::from_array(&entries).unwrap_err();
        let located = match kind {
            0 | 1 => matches!(err.kind(), ErrorKind::NonFinite { row: r, col: c, .. } if (*r, *c) == (row, col)),
            2 | 3 => matches!(err.kind(), ErrorKind::NonPositive { row: r, col: c, .. } if (*r, *c) == (row, col)),
            _ if row == col => matches!(err.kind(), ErrorKind::DiagonalNotOne { index, .. } if *index == row),
            _ => matches!(
                err.kind(),
                ErrorKind::NotReciprocal { row: r, col: c, .. } if (*r, *c) == (row.min(col), row.max(col))
            ),
        };
        prop_assert!(located, "corruption {} at [{}][{}] gave {:?}", kind, row, col, err);
    }

    /// Judgments anywhere in the accepted range 1e-100..=1e100: whatever comes out is finite.
    #[test]
    fn extreme_valid_judgments_give_finite_results(
        exponents in (1..=12usize).prop_flat_map(|t| prop::collection::vec(-100.0f64..=100.0, t * (t - 1) / 2))
    ) {
        let upper: Vec<f64> = exponents.iter().map(|e| 10f64.powf(*e).clamp(1e-100, 1e100)).collect();
        let b = JudgmentMatrix::from_upper_triangle(&upper).unwrap();
        check_everything_is_finite(&b);
    }

    /// Far beyond Saaty's scale (ratios up to 1e4 either way) the eigenvector still converges.
    #[test]
    fn eigenvector_converges_for_judgments_up_to_1e4(
        exponents in (1..=12usize).prop_flat_map(|t| prop::collection::vec(-4.0f64..=4.0, t * (t - 1) / 2))
    ) {
        let upper: Vec<f64> = exponents.iter().map(|e| 10f64.powf(*e)).collect();
        let b = JudgmentMatrix::from_upper_triangle(&upper).unwrap();
        assert_eigen_equation(&b);
    }

    #[test]
    fn arbitrary_weights_never_panic(values in prop::collection::vec(proptest::num::f64::ANY, 0..8)) {
        for w in [Weights::new(&values), Weights::from_unnormalized(&values)].into_iter().flatten() {
            prop_assert!(w.iter().all(|x| x > 0.0 && x.is_finite()));
            assert_abs_diff_eq!(w.iter().sum::<f64>(), 1.0, epsilon = EXACT);
        }
    }

    #[test]
    fn hierarchy_weights_multiply_down_and_sum_to_one(tree in criterion_tree()) {
        let hierarchy = Hierarchy::new(tree).unwrap();
        let synthesis = hierarchy.synthesize(&AhpOptions::default()).unwrap();
        assert_abs_diff_eq!(synthesis.leaf_weights().iter().sum::<f64>(), 1.0, epsilon = EXACT);
        for (id, node) in hierarchy.nodes() {
            let global = synthesis.global_weight(id).unwrap();
            let along_path = {
                let mut product = 1.0;
                let mut current = Some(id);
                while let Some(c) = current {
                    product *= synthesis.local_weight(c).unwrap();
                    current = hierarchy.get(c).unwrap().parent();
                }
                product
            };
            assert_relative_eq!(global, along_path, max_relative = EXACT);
            if !node.is_leaf() {
                let children: f64 = node.children().iter().map(|&c| synthesis.global_weight(c).unwrap()).sum();
                assert_relative_eq!(children, global, max_relative = EXACT);
            }
        }
        let overall = synthesis.consistency();
        // If every matrix has CI < 0.1·RI, so do their weighted sums.
        if overall.all_nodes_acceptable {
            prop_assert!(overall.acceptable);
        }
        prop_assert!(overall.cr.is_finite());
    }
}

/// One way to make the rows of a valid judgment matrix into input for `from_rows`: most keep it
/// valid (exact, or typed with rounded reciprocals, or nudged), the rest break one thing.
#[derive(Debug, Clone)]
enum RowsChange {
    Exact,
    Typed(i32),
    Nudge(Index, Index, f64),
    Entry(Index, Index, f64),
    DropEntry(Index),
    AddEntry(Index),
    DropRow(Index),
}

fn rows_change() -> impl Strategy<Value = RowsChange> {
    prop_oneof![
        3 => Just(RowsChange::Exact),
        3 => (2..=3i32).prop_map(RowsChange::Typed),
        1 => (any::<Index>(), any::<Index>(), 0.97f64..1.03).prop_map(|(r, c, f)| RowsChange::Nudge(r, c, f)),
        1 => (any::<Index>(), any::<Index>(), hostile_f64()).prop_map(|(r, c, v)| RowsChange::Entry(r, c, v)),
        1 => any::<Index>().prop_map(RowsChange::DropEntry),
        1 => any::<Index>().prop_map(RowsChange::AddEntry),
        1 => any::<Index>().prop_map(RowsChange::DropRow),
    ]
}

fn apply(change: &RowsChange, upper: &[f64]) -> Vec<Vec<f64>> {
    let mut rows = match change {
        RowsChange::Typed(decimals) => typed_rows(upper, *decimals),
        _ => JudgmentMatrix::from_upper_triangle(upper)
            .unwrap()
            .to_rows(),
    };
    let t = rows.len();
    match change {
        RowsChange::Exact | RowsChange::Typed(_) => {}
        RowsChange::Nudge(r, c, f) => rows[r.index(t)][c.index(t)] *= f,
        RowsChange::Entry(r, c, v) => rows[r.index(t)][c.index(t)] = *v,
        RowsChange::DropEntry(r) => {
            rows[r.index(t)].pop();
        }
        RowsChange::AddEntry(r) => rows[r.index(t)].push(1.0),
        RowsChange::DropRow(r) => {
            rows.remove(r.index(t));
        }
    }
    rows
}

/// Full rows built valid and then changed in one way: every input gives a matrix or an error,
/// and every matrix gives finite weights and consistency with CI ≥ 0.
#[test]
fn changed_rows_never_panic() {
    let strategy = ((1..=9usize).prop_flat_map(scale_upper), rows_change());
    run_counting(512, strategy, |(upper, change)| {
        let rows = apply(&change, &upper);
        match JudgmentMatrix::from_rows(&rows) {
            Ok(b) => {
                check_everything_is_finite(&b);
                Ok(true)
            }
            Err(e) => {
                prop_assert!(
                    !matches!(change, RowsChange::Exact | RowsChange::Typed(_)),
                    "valid rows {:?} rejected: {}",
                    rows,
                    e
                );
                Ok(false)
            }
        }
    })
    .at_least(0.5, "changed rows");
}

/// Upper triangles of judgments anywhere in 1e-100..=1e100, half of them with one entry
/// replaced by a hostile value or the length off by one.
#[test]
fn changed_upper_triangles_never_panic() {
    let upper = (1..=12usize)
        .prop_flat_map(|t| prop::collection::vec(-100.0f64..=100.0, t * (t - 1) / 2))
        .prop_map(|e| {
            e.iter()
                .map(|x| 10f64.powf(*x).clamp(1e-100, 1e100))
                .collect::<Vec<_>>()
        });
    let change = prop_oneof![
        3 => Just(None),
        1 => (any::<Index>(), hostile_f64()).prop_map(|(at, v)| Some((at, Some(v)))),
        1 => any::<Index>().prop_map(|at| Some((at, None))),
    ];
    run_counting(512, (upper, change), |(mut upper, change)| {
        match change {
            Some((at, Some(value))) if !upper.is_empty() => {
                let k = at.index(upper.len());
                upper[k] = value;
            }
            Some((at, None)) => {
                if at.index(2) == 0 {
                    upper.push(2.0);
                } else {
                    upper.pop();
                }
            }
            _ => {}
        }
        match JudgmentMatrix::from_upper_triangle(&upper) {
            Ok(b) => {
                check_everything_is_finite(&b);
                Ok(true)
            }
            Err(_) => Ok(false),
        }
    })
    .at_least(0.5, "changed upper triangles");
}

/// Typed reciprocals (two or three decimals, as people type 1/3) are repaired, so λmax ≥ t and
/// CI ≥ 0 under every weighting method, and the consistency is that of the upper triangle.
#[test]
fn typed_reciprocals_never_give_a_negative_ci() {
    let strategy = ((3..=12usize).prop_flat_map(scale_upper), 2..=3i32);
    run_counting(256, strategy, |(upper, decimals)| {
        let typed = JudgmentMatrix::from_rows(&typed_rows(&upper, decimals)).unwrap();
        let exact = JudgmentMatrix::from_upper_triangle(&upper).unwrap();
        prop_assert_eq!(&typed, &exact);
        for method in METHODS {
            let options = AhpOptions::default()
                .with_weighting(method)
                .with_random_index(RandomIndex::DoneganDodd1991);
            let report = options.analyze(&typed).unwrap().consistency;
            prop_assert!(report.ci >= 0.0 && report.lambda_max >= typed.order() as f64);
            prop_assert_eq!(report, options.analyze(&exact).unwrap().consistency);
        }
        Ok(true)
    })
    .at_least(1.0, "typed reciprocals");
}

/// Fuzzy weights in [0, 1] and valid membership rows, with one weight, one degree or one length
/// changed in some cases: every composition is Ok with finite results, or an error.
#[test]
fn changed_composition_inputs_never_panic() {
    let inputs = (1..=6usize, 2..=5usize).prop_flat_map(|(n, m)| {
        (
            prop::collection::vec(0.0f64..=1.0, n),
            prop::collection::vec(membership_row(m), n),
        )
    });
    let change = prop_oneof![
        4 => Just(0u8),
        1 => Just(1u8), // a hostile weight
        1 => Just(2u8), // a hostile degree
        1 => Just(3u8), // one weight too few or too many
    ];
    run_counting(
        512,
        (inputs, change, any::<Index>(), hostile_f64()),
        |((mut weights, mut rows), change, at, value)| {
            match change {
                1 => {
                    let k = at.index(weights.len());
                    weights[k] = value;
                }
                2 => {
                    let row = at.index(rows.len());
                    let col = at.index(rows[row].len());
                    rows[row][col] = value;
                }
                3 => {
                    if at.index(2) == 0 {
                        weights.pop();
                    } else {
                        weights.push(0.5);
                    }
                }
                _ => {}
            }
            let Ok(r) = MembershipMatrix::from_rows(&rows) else {
                return Ok(false);
            };
            let mut reached = false;
            for operator in OPERATORS {
                if let Ok(c) = operator.compose(&weights, &r) {
                    prop_assert!(c.raw().iter().all(|b| b.is_finite() && *b >= 0.0));
                    prop_assert!(c.normalized().iter().all(|b| b.is_finite()));
                    reached = true;
                }
            }
            Ok(reached)
        },
    )
    .at_least(0.5, "changed composition inputs");
}

proptest! {
    /// Every judgment is measured once, the worst first; the Koczkodaj index is the worst
    /// triad's (also as `koczkodaj_index` computes it) and lies in [0, 1); a consistent matrix
    /// has no error anywhere.
    #[test]
    fn inconsistency_is_measured_everywhere_and_vanishes_when_consistent(
        b in saaty_matrix(9), raw in positive_vector(9)
    ) {
        let w = b.weights(WeightingMethod::GeometricMean).unwrap();
        let found = ahp_fce::ahp::Inconsistency::analyze(&b, &w).unwrap();
        let t = b.order();
        prop_assert_eq!(found.judgments.len(), t * (t - 1) / 2);
        prop_assert!(found.judgments.windows(2).all(|p| p[0].error.ln().abs() >= p[1].error.ln().abs()));
        prop_assert!((0.0..1.0).contains(&found.koczkodaj));
        prop_assert_eq!(found.koczkodaj, found.triads.first().map_or(0.0, |x| x.index));
        // The index alone (extreme ratios only) is the worst triad's to the bit.
        prop_assert_eq!(ahp_fce::ahp::koczkodaj_index(&b).to_bits(), found.koczkodaj.to_bits());
        let consistent_w = Weights::from_unnormalized(&raw).unwrap();
        let consistent = JudgmentMatrix::from_weight_ratios(&consistent_w).unwrap();
        let none = ahp_fce::ahp::Inconsistency::analyze(&consistent, &consistent_w).unwrap();
        prop_assert!(none.judgments.iter().all(|j| (j.error - 1.0).abs() <= EXACT));
        prop_assert!(none.koczkodaj <= EXACT);
    }

    /// A suggested repair lowers CR at every step, says truly whether it reaches the
    /// threshold, and leaves the matrix it was given as it was.
    #[test]
    fn every_repair_step_lowers_cr(b in (3..=7usize).prop_flat_map(scale_upper).prop_map(|u| JudgmentMatrix::from_upper_triangle(&u).unwrap())) {
        let options = AhpOptions::default();
        let before = b.clone();
        let repair = options.suggest_repair(&b).unwrap();
        let mut previous = repair.cr_before;
        for step in &repair.steps {
            prop_assert!(step.cr_after < previous);
            previous = step.cr_after;
        }
        let last = options.analyze(&repair.repaired).unwrap().consistency;
        prop_assert_eq!(last.acceptable, repair.acceptable);
        prop_assert_eq!(last.cr, previous);
        prop_assert_eq!(b, before);
    }
}

/// The eigenvector weights w and λmax of `b` satisfy Bw = λmax·w, component by component.
fn assert_eigen_equation(b: &JudgmentMatrix) {
    let w = b.weights(WeightingMethod::Eigenvector).unwrap();
    let lambda = lambda_max(b, &w).unwrap();
    let bw = b.view().dot(&w.view());
    for (lhs, x) in bw.iter().zip(w.iter()) {
        assert_relative_eq!(*lhs, lambda * x, max_relative = EIGEN);
    }
}

/// Weights, consistency and GCI of a valid matrix: each Ok or Err, never a panic, and every
/// number in an Ok result finite.
fn check_everything_is_finite(b: &JudgmentMatrix) {
    for method in METHODS {
        let options = AhpOptions::default()
            .with_weighting(method)
            .with_random_index(RandomIndex::DoneganDodd1991);
        if let Ok(analysis) = options.analyze(b) {
            assert!(analysis.weights.iter().all(|x| x > 0.0 && x.is_finite()));
            let r = &analysis.consistency;
            for value in [r.lambda_max, r.ci, r.ri, r.cr] {
                assert!(value.is_finite(), "{r:?}");
            }
            assert!(r.ci >= 0.0, "{r:?}");
        }
    }
    if let Ok(gci) = GeometricConsistency::compute(b) {
        assert!(gci.gci.is_finite());
    }
}

fn compose(operator: Operator, weights: &[f64], r: &MembershipMatrix) -> Vec<f64> {
    operator.compose(weights, r).unwrap().raw().to_vec()
}

proptest! {
    #[test]
    fn weighted_average_preserves_the_total_and_stays_within_columns(
        (w, r) in weights_and_memberships()
    ) {
        let b = compose(Operator::WeightedAverage, w.as_slice(), &r);
        assert_abs_diff_eq!(b.iter().sum::<f64>(), 1.0, epsilon = EXACT);
        for (h, &value) in b.iter().enumerate() {
            let column = r.view().column(h).to_vec();
            let (low, high) = column.iter().fold((f64::INFINITY, 0.0f64), |(l, u), &x| (l.min(x), u.max(x)));
            prop_assert!(value >= low - EXACT && value <= high + EXACT);
        }
    }

    #[test]
    fn a_one_hot_weight_selects_its_row((w, r) in weights_and_memberships(), pick in any::<Index>()) {
        let k = pick.index(w.len());
        let mut one_hot = vec![0.0; w.len()];
        one_hot[k] = 1.0;
        let row = r.row(k).unwrap().to_vec();
        for operator in [Operator::WeightedAverage, Operator::ZadehMinMax, Operator::ProductMax] {
            prop_assert_eq!(compose(operator, &one_hot, &r), row.clone());
        }
    }

    #[test]
    fn identical_rows_give_back_that_row((w, r) in weights_and_memberships()) {
        let row = r.row(0).unwrap().to_vec();
        let same = MembershipMatrix::from_rows(&vec![row.clone(); w.len()]).unwrap();
        let b = compose(Operator::WeightedAverage, w.as_slice(), &same);
        assert_relative_eq!(&b[..], &row[..], max_relative = EXACT);
        let product_max = Operator::ProductMax.compose(w.as_slice(), &same).unwrap();
        assert_relative_eq!(product_max.normalized(), &row[..], max_relative = EXACT);
    }

    #[test]
    fn the_order_of_the_indicators_does_not_matter(
        ((w, r), order) in weights_and_memberships().prop_flat_map(|(w, r)| {
            let n = w.len();
            (Just((w, r)), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let shuffled_w: Vec<f64> = order.iter().map(|&k| w.get(k).unwrap()).collect();
        let shuffled_r = MembershipMatrix::from_rows(
            &order.iter().map(|&k| r.row(k).unwrap().to_vec()).collect::<Vec<_>>(),
        ).unwrap();
        for operator in OPERATORS {
            let b = compose(operator, w.as_slice(), &r);
            let bs = compose(operator, &shuffled_w, &shuffled_r);
            assert_relative_eq!(&b[..], &bs[..], max_relative = EXACT);
        }
    }

    #[test]
    fn raising_a_membership_never_lowers_that_grade(
        (w, r) in weights_and_memberships(), pick in any::<Index>(), grade in any::<Index>(), share in 0.0f64..=1.0
    ) {
        let k = pick.index(w.len());
        let h = grade.index(r.grades());
        // Move `share` of the rest of row k into grade h: the row still sums to 1.
        let mut rows = r.to_rows();
        let moved: f64 = rows[k].iter().enumerate().filter(|&(j, _)| j != h).map(|(_, x)| x * share).sum();
        for (j, x) in rows[k].iter_mut().enumerate() {
            if j == h { *x += moved } else { *x *= 1.0 - share }
        }
        rows[k][h] = rows[k][h].min(1.0);
        let raised = MembershipMatrix::from_rows(&rows).unwrap();
        let before = compose(Operator::WeightedAverage, w.as_slice(), &r)[h];
        let after = compose(Operator::WeightedAverage, w.as_slice(), &raised)[h];
        prop_assert!(after >= before - EXACT, "{} < {}", after, before);
    }

    #[test]
    fn compositions_are_finite_non_negative_and_bounded(
        (w, r) in weights_and_memberships(), fuzzy in prop::collection::vec(0.0f64..=1.0, 8)
    ) {
        // AHP weights, and an arbitrary fuzzy weight set that need not sum to 1.
        for (weights, sums_to_one) in [(w.to_vec(), true), (fuzzy[..w.len()].to_vec(), false)] {
            for operator in OPERATORS {
                // Only the weighted average of weights summing past 1 can exceed 1.
                let bound = if sums_to_one || operator != Operator::WeightedAverage {
                    1.0 + EXACT
                } else {
                    f64::MAX
                };
                match operator.compose(&weights, &r) {
                    Ok(c) => {
                        prop_assert!(c.raw().iter().all(|b| b.is_finite() && *b >= 0.0 && *b <= bound));
                        assert_abs_diff_eq!(c.normalized().iter().sum::<f64>(), 1.0, epsilon = EXACT);
                    }
                    // Only an all-zero fuzzy weight set can compose to nothing.
                    Err(e) => prop_assert!(e.kind() == &ErrorKind::ZeroComposition && weights.iter().all(|a| *a == 0.0)),
                }
            }
        }
    }

    /// The weighted average through the levels equals one contraction with the leaves' global
    /// weights (it is linear), and the first-level contributions add up to E.
    #[test]
    fn multi_level_weighted_average_is_one_contraction(
        (tree, rows) in criterion_tree().prop_flat_map(|tree| {
            let leaves = Hierarchy::new(tree.clone()).unwrap().leaves().count();
            (Just(tree), prop::collection::vec(membership_row(4), leaves))
        })
    ) {
        let grades = Grades::with_scores(["A", "B", "C", "D"], [4.0, 3.0, 2.0, 1.0]).unwrap();
        let evaluator = Evaluator::new(Hierarchy::new(tree).unwrap(), grades, &AhpOptions::default()).unwrap();
        let r = MembershipMatrix::from_rows(&rows).unwrap();
        let evaluation = evaluator.evaluate(&r).unwrap();
        let leaf_weights = evaluator.synthesis().leaf_weights();
        let direct = compose(Operator::WeightedAverage, leaf_weights.as_slice(), &r);
        assert_relative_eq!(evaluation.result(), &direct[..], max_relative = 1e-10, epsilon = 1e-14);
        let mut summed = [0.0; 4];
        for c in evaluation.contributions() {
            for (s, x) in summed.iter_mut().zip(&c.weighted) { *s += x; }
        }
        assert_relative_eq!(&summed[..], evaluation.result(), max_relative = 1e-10, epsilon = 1e-14);
        let score_parts: f64 = evaluation.contributions().iter().map(|c| c.score.unwrap()).sum();
        assert_relative_eq!(score_parts, evaluation.score().unwrap(), max_relative = 1e-12);
        for operator in OPERATORS {
            let other = evaluator.clone().with_operator(operator).evaluate(&r).unwrap();
            prop_assert!(other.result().iter().all(|e| e.is_finite() && *e >= 0.0));
            assert_abs_diff_eq!(other.result().iter().sum::<f64>(), 1.0, epsilon = EXACT);
        }
    }
}

mod survey {
    use super::{positive_vector, saaty_matrix, EXACT};
    use ahp_fce::survey::{aggregate_judgments, ItemStatistics, ResponseTable, Scale};
    use ahp_fce::{AhpOptions, JudgmentMatrix, Weights};
    use approx::{assert_abs_diff_eq, assert_relative_eq};
    use proptest::prelude::*;

    /// m items and up to 30 respondents, each a random ranking with some ranks left out.
    fn rankings() -> impl Strategy<Value = (u32, Vec<Vec<Option<u32>>>)> {
        (2..=6u32).prop_flat_map(|m| {
            let respondent = (
                Just((1..=m).collect::<Vec<u32>>()).prop_shuffle(),
                prop::collection::vec(prop::bool::weighted(0.85), m as usize),
            )
                .prop_map(|(ranks, kept)| {
                    ranks
                        .into_iter()
                        .zip(kept)
                        .map(|(r, k)| k.then_some(r))
                        .collect::<Vec<_>>()
                });
            (Just(m), prop::collection::vec(respondent, 1..30))
        })
    }

    proptest! {
        #[test]
        fn complete_rankings_score_m_m_plus_1_over_2((m, rows) in rankings()) {
            let items: Vec<String> = (0..m).map(|i| format!("item {i}")).collect();
            let table = ResponseTable::new(items, Scale::Rank { items: m }, rows).unwrap();
            for (r, row) in table.rows().enumerate() {
                if row.iter().all(Option::is_some) {
                    let total: f64 = (0..m as usize).map(|i| table.scores(i).nth(r).flatten().unwrap()).sum();
                    prop_assert_eq!(total, f64::from(m * (m + 1) / 2));
                }
            }
        }

        #[test]
        fn statistics_hang_together(
            scores in prop::collection::vec(prop::option::weighted(0.9, -50.0f64..50.0), 0..40),
            shift in -100.0f64..100.0,
        ) {
            let s = ItemStatistics::of("x", scores.clone());
            prop_assert_eq!(s.valid + s.missing, scores.len());
            if let (Some(var), Some(sd), Some(se)) = (s.variance, s.standard_deviation, s.standard_error) {
                assert_relative_eq!(var, sd * sd, max_relative = EXACT);
                assert_relative_eq!(se, sd / (s.valid as f64).sqrt(), max_relative = EXACT);
            } else {
                prop_assert!(s.valid < 2);
            }
            let shifted = ItemStatistics::of("x", scores.iter().map(|x| x.map(|v| v + shift)));
            if let (Some(m), Some(ms)) = (s.mean, shifted.mean) {
                // Sums of up to 40 values below 150 in size: 1e-11 absolute.
                assert_abs_diff_eq!(ms, m + shift, epsilon = 1e-11);
            }
            if let (Some(sd), Some(sds)) = (s.standard_deviation, shifted.standard_deviation) {
                assert_abs_diff_eq!(sds, sd, epsilon = 1e-9);
            }
        }

        #[test]
        fn aij_of_identical_matrices_is_that_matrix(b in saaty_matrix(9), k in 1..5usize) {
            let group = aggregate_judgments(&vec![b.clone(); k], None).unwrap();
            for (g, x) in group.view().iter().zip(b.view().iter()) {
                assert_relative_eq!(*g, *x, max_relative = EXACT);
            }
        }

        #[test]
        fn aij_is_reciprocal(
            (matrices, raw) in (2..=8usize).prop_flat_map(|t| (
                prop::collection::vec(super::scale_upper(t), 1..6),
                positive_vector(6),
            ))
        ) {
            let matrices: Vec<JudgmentMatrix> = matrices
                .iter()
                .map(|u| JudgmentMatrix::from_upper_triangle(u).unwrap())
                .collect();
            let weights = (raw.len() >= matrices.len())
                .then(|| Weights::from_unnormalized(&raw[..matrices.len()]).unwrap());
            let group = aggregate_judgments(&matrices, weights.as_ref()).unwrap();
            let t = group.order();
            for x in 0..t {
                for y in 0..t {
                    let product = group.get(x, y).unwrap() * group.get(y, x).unwrap();
                    assert_relative_eq!(product, 1.0, max_relative = 1e-15);
                }
            }
        }

        #[test]
        fn aij_of_consistent_matrices_is_consistent(
            vectors in (2..=9usize).prop_flat_map(|t| prop::collection::vec(
                prop::collection::vec(0.05f64..20.0, t), 1..5))
        ) {
            let matrices: Vec<JudgmentMatrix> = vectors
                .iter()
                .map(|v| JudgmentMatrix::from_weight_ratios(&Weights::from_unnormalized(v).unwrap()).unwrap())
                .collect();
            let group = aggregate_judgments(&matrices, None).unwrap();
            let report = AhpOptions::default().analyze(&group).unwrap().consistency;
            assert_abs_diff_eq!(report.ci, 0.0, epsilon = EXACT);
        }

        #[test]
        fn arbitrary_csv_never_panics(
            text in prop_oneof![".{0,200}", "[1-5a,\"\n\r ]{0,200}"],
            m in 2..5u32,
        ) {
            for scale in [Scale::Rank { items: m }, Scale::Likert { levels: m }] {
                if let Ok(table) = ResponseTable::from_csv(text.as_bytes(), scale) {
                    for s in table.statistics() {
                        prop_assert!(s.mean.is_none_or(f64::is_finite));
                    }
                }
            }
        }
    }
}

#[cfg(feature = "model")]
mod model_files {
    use super::common::run_counting;
    use ahp_fce::error::ErrorKind;
    use ahp_fce::model::Model;
    use ahp_fce::Result;
    use proptest::prelude::*;
    use proptest::sample::Index;
    use serde_json::Value;

    /// Valid models, in both formats, that the mutations start from.
    const JSON_MODELS: [&str; 4] = [
        include_str!("../examples/models/paper.json"),
        include_str!("../examples/models/supplier.json"),
        include_str!("../examples/models/panel.json"),
        include_str!("../examples/models/car.json"),
    ];
    const TOML_MODELS: [&str; 7] = [
        include_str!("../examples/models/paper.toml"),
        include_str!("../examples/models/drinks.toml"),
        include_str!("../examples/models/incomplete.toml"),
        include_str!("../examples/models/panel.toml"),
        include_str!("../examples/models/leader.toml"),
        include_str!("../examples/models/indicators.toml"),
        include_str!("data/uncertain-leader.toml"),
    ];

    /// Whether loading got past the syntax into the model's own checks (a model, or an error
    /// that is not a parse error); a loaded model also evaluates, or says why not.
    fn reached(loaded: Result<Model>) -> Result<bool, TestCaseError> {
        match loaded {
            Ok(model) => {
                // A model that loads evaluates or reports why not; it never panics.
                let _ = model.evaluate();
                prop_assert_eq!(Model::from_json(&model.to_json()).unwrap(), model);
                Ok(true)
            }
            Err(e) => Ok(!matches!(e.kind(), ErrorKind::Parse { .. })),
        }
    }

    /// One byte-level change to a valid model file: a digit changed to another (which keeps
    /// the syntax), a byte replaced, deleted or inserted.
    #[derive(Debug, Clone)]
    enum ByteChange {
        Digit(Index, u8),
        Replace(Index, u8),
        Delete(Index),
        Insert(Index, u8),
    }

    fn byte_change() -> impl Strategy<Value = ByteChange> {
        prop_oneof![
            3 => (any::<Index>(), b'0'..=b'9').prop_map(|(at, d)| ByteChange::Digit(at, d)),
            1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| ByteChange::Replace(at, b)),
            1 => any::<Index>().prop_map(ByteChange::Delete),
            1 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| ByteChange::Insert(at, b)),
        ]
    }

    fn change_bytes(text: &str, change: &ByteChange) -> Vec<u8> {
        let mut bytes = text.as_bytes().to_vec();
        match *change {
            ByteChange::Digit(at, digit) => {
                let digits: Vec<usize> = (0..bytes.len())
                    .filter(|&k| bytes[k].is_ascii_digit())
                    .collect();
                if !digits.is_empty() {
                    bytes[digits[at.index(digits.len())]] = digit;
                }
            }
            ByteChange::Replace(at, byte) => {
                let k = at.index(bytes.len());
                bytes[k] = byte;
            }
            ByteChange::Delete(at) => {
                bytes.remove(at.index(bytes.len()));
            }
            ByteChange::Insert(at, byte) => bytes.insert(at.index(bytes.len() + 1), byte),
        }
        bytes
    }

    /// Shipped model files changed by one byte: each loads, or gives one error; at least half
    /// get past the syntax into the model's checks.
    #[test]
    fn changed_model_bytes_give_an_error_or_a_model() {
        let strategy = (any::<Index>(), any::<bool>(), byte_change());
        run_counting(256, strategy, |(pick, json, change)| {
            let models: &[&str] = if json { &JSON_MODELS } else { &TOML_MODELS };
            let bytes = change_bytes(models[pick.index(models.len())], &change);
            let text = String::from_utf8_lossy(&bytes);
            reached(if json {
                Model::from_json(&text)
            } else {
                Model::from_toml(&text)
            })
        })
        .at_least(0.5, "changed model bytes");
    }

    /// Every place in a JSON document, as a JSON pointer.
    fn pointers(value: &Value, here: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    pointers(
                        child,
                        format!("{here}/{}", key.replace('~', "~0").replace('/', "~1")),
                        out,
                    );
                }
            }
            Value::Array(items) => {
                for (k, child) in items.iter().enumerate() {
                    pointers(child, format!("{here}/{k}"), out);
                }
            }
            _ => {}
        }
        out.push(here);
    }

    /// One structural change at one place of a valid document.
    #[derive(Debug, Clone)]
    enum ValueChange {
        /// Scale a number (by −1, 0, 0.5, 2, 1e300, …), or put a number where there was none.
        Number(f64),
        /// Replace the value with another of any type.
        Replace(Value),
        /// Remove it from its object or array.
        Remove,
        /// Repeat it in its array (or wrap it in one).
        Repeat,
    }

    fn value_change() -> impl Strategy<Value = ValueChange> {
        let replacement = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            (-3i64..12).prop_map(Value::from),
            Just(Value::from("1/3")),
            Just(Value::from("")),
            Just(Value::Array(Vec::new())),
            Just(serde_json::json!({})),
        ];
        prop_oneof![
            3 => prop::sample::select(vec![-1.0, 0.0, 0.5, 0.999, 1.001, 2.0, 1e300, 1e-300])
                .prop_map(ValueChange::Number),
            1 => replacement.prop_map(ValueChange::Replace),
            2 => Just(ValueChange::Remove),
            1 => Just(ValueChange::Repeat),
        ]
    }

    fn change_value(document: &mut Value, pointer: &str, change: &ValueChange) {
        let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", ""));
        match change {
            ValueChange::Number(factor) => {
                if let Some(target) = document.pointer_mut(pointer) {
                    *target = match (target.as_i64(), target.as_f64()) {
                        // Counts stay whole numbers, as the format wants them.
                        (Some(n), _) => serde_json::json!(match *factor {
                            f if f < 0.0 => n - 1,
                            f if f < 0.25 => 0,
                            f if f < 0.75 => n / 2,
                            f if f < 1.0 => n + 1,
                            f if f < 1.5 => n + 2,
                            f if f < 3.0 => 2 * n,
                            _ => i64::from(u32::MAX) + 1,
                        }),
                        (None, Some(x)) => serde_json::json!(x * factor),
                        (None, None) => serde_json::json!(factor),
                    };
                }
            }
            ValueChange::Replace(value) => {
                if let Some(target) = document.pointer_mut(pointer) {
                    *target = value.clone();
                }
            }
            ValueChange::Remove => match document.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    if let Ok(k) = last.parse::<usize>() {
                        items.remove(k);
                    }
                }
                _ => {}
            },
            ValueChange::Repeat => match document.pointer_mut(parent) {
                Some(Value::Array(items)) => {
                    if let Some(item) = last
                        .parse::<usize>()
                        .ok()
                        .and_then(|k| items.get(k).cloned())
                    {
                        items.push(item);
                    }
                }
                _ => {
                    if let Some(target) = document.pointer_mut(pointer) {
                        *target = Value::Array(vec![target.clone(), target.clone()]);
                    }
                }
            },
        }
    }

    /// Shipped JSON models changed at one place: each loads, or gives one error; most get past
    /// the structure into the model's own checks, and a loaded model round-trips.
    #[test]
    fn changed_model_documents_give_an_error_or_a_model() {
        let strategy = (any::<Index>(), any::<Index>(), value_change());
        run_counting(512, strategy, |(pick, place, change)| {
            let mut document: Value =
                serde_json::from_str(JSON_MODELS[pick.index(JSON_MODELS.len())]).unwrap();
            let mut places = Vec::new();
            pointers(&document, String::new(), &mut places);
            // A number is changed where there is one; the other changes go anywhere.
            if matches!(change, ValueChange::Number(_)) {
                places.retain(|p| document.pointer(p).is_some_and(Value::is_number));
            }
            let pointer = places[place.index(places.len())].clone();
            change_value(&mut document, &pointer, &change);
            reached(Model::from_json(&document.to_string()))
        })
        .at_least(0.5, "changed model documents");
    }
}

/// A fuzzing harness for the loaders: every file of the seeded corpus (`tests/corpus`, the
/// shipped models and the shipped survey) and a fixed number of seeded byte mutations of each
/// give a result or one error. Deterministic, so a failure found once is found every time, and
/// bounded, so `.ci/run` runs it in seconds.
mod seeded_corpus {
    use ahp_fce::model::Model;
    use ahp_fce::survey::{ResponseTable, Scale};
    use std::path::{Path, PathBuf};

    const MUTATIONS_PER_FILE: usize = 400;

    /// SplitMix64, so that the mutations are the same on every machine.
    struct Seeded(u64);

    impl Seeded {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    fn corpus() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<PathBuf> = ["tests/corpus", "examples/models"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).unwrap())
            .map(|entry| entry.unwrap().path())
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("json" | "toml")
                )
            })
            .collect();
        files.push(root.join("examples/data/micro_store/responses.csv"));
        files.sort();
        files
    }

    /// One seeded change: a byte replaced, deleted, inserted, a digit changed, or a span
    /// repeated (which makes documents longer and deeper).
    fn mutate(bytes: &mut Vec<u8>, rng: &mut Seeded) {
        let len = bytes.len();
        match rng.below(5) {
            0 => {
                let at = rng.below(len);
                bytes[at] = rng.next() as u8;
            }
            1 => {
                bytes.remove(rng.below(len));
            }
            2 => bytes.insert(rng.below(len + 1), b"[{,:\"0.9-e\n"[rng.below(11)]),
            3 => {
                let digits: Vec<usize> = (0..len).filter(|&k| bytes[k].is_ascii_digit()).collect();
                if !digits.is_empty() {
                    bytes[digits[rng.below(digits.len())]] = b'0' + rng.below(10) as u8;
                }
            }
            _ => {
                let start = rng.below(len);
                let end = (start + 1 + rng.below(64)).min(len);
                let span = bytes[start..end].to_vec();
                bytes.splice(start..start, span);
            }
        }
    }

    fn exercise(path: &Path, bytes: &[u8]) {
        let text = String::from_utf8_lossy(bytes);
        let loaded = match path.extension().and_then(|e| e.to_str()) {
            Some("json") => Model::from_json(&text),
            Some("toml") => Model::from_toml(&text),
            _ => {
                for scale in [Scale::Rank { items: 4 }, Scale::Likert { levels: 5 }] {
                    if let Ok(table) = ResponseTable::from_csv(bytes, scale) {
                        let _ = table.statistics();
                        let _ = table.key_factors(3.2);
                    }
                }
                return;
            }
        };
        if let Ok(model) = loaded {
            if let Ok(report) = model.evaluate() {
                assert!(!report.to_text().is_empty());
                assert_finite(&report, path);
            }
        }
    }

    /// Every number a report states is finite: JSON would print an infinity as `null`.
    fn assert_finite(report: &ahp_fce::model::Report, path: &Path) {
        let mut numbers = vec![report.hierarchy_consistency.cr];
        for node in &report.nodes {
            numbers.extend([node.local_weight, node.global_weight]);
            if let Some(c) = &node.consistency {
                numbers.extend([c.lambda_max, c.ci, c.ri, c.cr]);
            }
            numbers.extend(node.comparisons.iter().flatten().flatten());
        }
        for object in &report.objects {
            numbers.extend(object.result.iter().chain(&object.raw));
            numbers.extend([object.verdict.degree, object.verdict.runner_up_degree]);
            numbers.extend(object.score);
            numbers.extend(object.node_vectors.iter().flat_map(|v| v.vector.iter()));
        }
        numbers.extend(report.ranking.iter().map(|e| e.score));
        assert!(
            numbers.iter().all(|x| x.is_finite()),
            "a non-finite number in the report of a mutation of {path:?}"
        );
    }

    #[test]
    fn every_corpus_file_and_its_seeded_mutations_give_a_result_or_an_error() {
        let files = corpus();
        assert!(files.len() >= 14, "{files:?}");
        for (k, path) in files.iter().enumerate() {
            let original = std::fs::read(path).unwrap();
            exercise(path, &original);
            let mut rng = Seeded(0xA11C_E5ED ^ k as u64);
            for _ in 0..MUTATIONS_PER_FILE {
                let mut bytes = original.clone();
                for _ in 0..1 + rng.below(3) {
                    mutate(&mut bytes, &mut rng);
                }
                exercise(path, &bytes);
            }
        }
    }
}

mod batch {
    use super::{criterion_tree, membership_row, OPERATORS};
    use ahp_fce::error::Location;
    use ahp_fce::{AhpOptions, Evaluator, Grades, Hierarchy, MembershipMatrix, Operator};
    use approx::assert_relative_eq;
    use ndarray::Array3;
    use proptest::prelude::*;

    proptest! {
        /// Scoring a batch gives what evaluating each object alone gives: within 1e-14 relative
        /// level by level (the batch multiplies by a reciprocal where `evaluate` divides, a few
        /// ulps per level), and within 1e-12 for the weighted average, whose batch route is one
        /// contraction with the leaves' global weights instead of a sum per level.
        #[test]
        fn batch_equals_one_by_one(
            (tree, objects) in criterion_tree().prop_flat_map(|tree| {
                let leaves = Hierarchy::new(tree.clone()).unwrap().leaves().count();
                (Just(tree), prop::collection::vec(prop::collection::vec(membership_row(3), leaves), 0..12))
            })
        ) {
            let hierarchy = Hierarchy::new(tree).unwrap();
            let leaves = hierarchy.leaves().count();
            let grades = Grades::with_scores(["A", "B", "C"], [3.0, 2.0, 1.0]).unwrap();
            let base = Evaluator::new(hierarchy, grades, &AhpOptions::default()).unwrap();
            let flat: Vec<f64> = objects.iter().flatten().flatten().copied().collect();
            let data = Array3::from_shape_vec((objects.len(), leaves, 3), flat).unwrap();
            for operator in OPERATORS {
                let evaluator = base.clone().with_operator(operator);
                let batch = evaluator.batch_scorer().score(data.view()).unwrap();
                for (n, rows) in objects.iter().enumerate() {
                    let alone = evaluator.evaluate(&MembershipMatrix::from_rows(rows).unwrap()).unwrap();
                    let ours = batch.results().row(n).to_vec();
                    let tolerance = if operator == Operator::WeightedAverage { 1e-12 } else { 1e-14 };
                    assert_relative_eq!(&ours[..], alone.result(), max_relative = tolerance, epsilon = 1e-15);
                    assert_relative_eq!(batch.scores().unwrap()[n], alone.score().unwrap(), max_relative = tolerance);
                }
            }
        }

        /// Degrees in columns score as the same degrees in rows, bit for bit, and a bad row
        /// gives the same error (object, leaf and values) as it does there: up to 150 objects,
        /// across the columnar kernel's blocks of eight and its tail, 2 to 7 grades (7 is
        /// gathered into rows), under every operator.
        #[test]
        fn columns_score_as_rows_bit_for_bit(
            (tree, g, objects, bad) in (criterion_tree(), 2..=7usize).prop_flat_map(|(tree, g)| {
                let leaves = Hierarchy::new(tree.clone()).unwrap().leaves().count();
                (
                    Just(tree),
                    Just(g),
                    prop::collection::vec(prop::collection::vec(membership_row(g), leaves), 0..150),
                    prop::option::of((any::<prop::sample::Index>(), 0..leaves, prop_oneof![
                        Just(f64::NAN), Just(-0.5), Just(1.5), Just(0.7), Just(f64::INFINITY), Just(0.0),
                    ])),
                )
            })
        ) {
            let hierarchy = Hierarchy::new(tree).unwrap();
            let leaves = hierarchy.leaves().count();
            let names = ["A", "B", "C", "D", "E", "F", "G"];
            let scores: Vec<f64> = (0..g).rev().map(|k| k as f64).collect();
            let grades = Grades::with_scores(names[..g].iter().copied(), scores).unwrap();
            let base = Evaluator::new(hierarchy, grades, &AhpOptions::default()).unwrap();
            let mut rows: Vec<f64> = objects.iter().flatten().flatten().copied().collect();
            if let (Some((object, leaf, value)), false) = (bad, objects.is_empty()) {
                // (value, …, value): out of range, or a sum of g·value (never 1 for these
                // values); 0 gives an all-zero row, which fails too.
                let at = (object.index(objects.len()) * leaves + leaf) * g;
                rows[at..at + g].fill(value);
            }
            let columns: Vec<Vec<f64>> = (0..leaves * g)
                .map(|c| rows.chunks_exact(leaves * g).map(|object| object[c]).collect())
                .collect();
            let columns: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
            for operator in OPERATORS {
                let scorer = base.clone().with_operator(operator).batch_scorer();
                let mut by_rows = vec![0.0; objects.len() * g];
                let mut by_columns = vec![0.0; objects.len() * g];
                let from_rows = scorer.score_slices(100, &rows, &mut by_rows);
                let from_columns = scorer.score_columns(100, &columns, &mut by_columns);
                match (from_rows, from_columns) {
                    (Ok(()), Ok(())) => {
                        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                        prop_assert_eq!(bits(&by_rows), bits(&by_columns), "{:?}", operator);
                    }
                    (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                    (a, b) => prop_assert!(false, "{:?}: rows {:?}, columns {:?}", operator, a, b),
                }
            }
        }

        /// Columns that do not fit the model are a typed error, never a panic.
        #[test]
        fn columns_of_the_wrong_shape_are_an_error(
            count in 0..8usize, lengths in prop::collection::vec(0..4usize, 0..8), out in 0..10usize,
        ) {
            let hierarchy = Hierarchy::new(ahp_fce::Criterion::weighted(
                "G",
                ahp_fce::Weights::new(&[0.5, 0.5]).unwrap(),
                [ahp_fce::Criterion::leaf("a"), ahp_fce::Criterion::leaf("b")],
            )).unwrap();
            let grades = Grades::new(["A", "B"]).unwrap();
            let scorer = Evaluator::new(hierarchy, grades, &AhpOptions::default()).unwrap().batch_scorer();
            let data: Vec<Vec<f64>> = (0..count).map(|k| vec![0.5; lengths.get(k).copied().unwrap_or(2)]).collect();
            let columns: Vec<&[f64]> = data.iter().map(Vec::as_slice).collect();
            let mut output = vec![0.0; out];
            let fits = count == 4 && out % 2 == 0 && columns.iter().all(|c| c.len() == out / 2);
            let result = scorer.score_columns(0, &columns, &mut output);
            prop_assert_eq!(result.is_ok(), fits, "{:?}", result);
        }

        /// A bad row anywhere is reported with its object and leaf, never skipped.
        #[test]
        fn a_bad_row_is_found_and_located(
            (objects, n, leaf, value) in (1..20usize, 1..6usize).prop_flat_map(|(count, leaves)| (
                prop::collection::vec(prop::collection::vec(membership_row(2), leaves), count),
                0..count,
                0..leaves,
                prop_oneof![Just(f64::NAN), Just(-0.5), Just(1.5), Just(0.7)],
            ))
        ) {
            let leaves = objects[0].len();
            let hierarchy = Hierarchy::new(ahp_fce::Criterion::weighted(
                "G",
                ahp_fce::Weights::from_unnormalized(&vec![1.0; leaves]).unwrap(),
                (0..leaves).map(|k| ahp_fce::Criterion::leaf(format!("l{k}"))),
            )).unwrap();
            let grades = Grades::new(["A", "B"]).unwrap();
            let evaluator = Evaluator::new(hierarchy, grades, &AhpOptions::default()).unwrap();
            let mut flat: Vec<f64> = objects.iter().flatten().flatten().copied().collect();
            // Set the row to (value, value): out of range or summing to 1.4, never valid.
            flat[(n * leaves + leaf) * 2] = value;
            flat[(n * leaves + leaf) * 2 + 1] = value;
            let data = Array3::from_shape_vec((objects.len(), leaves, 2), flat).unwrap();
            for operator in OPERATORS {
                let err = evaluator.clone().with_operator(operator).batch_scorer().score(data.view()).unwrap_err();
                let places: Vec<&Location> = err.locations().collect();
                prop_assert_eq!(
                    places,
                    [&Location::ObjectIndex(n), &Location::Node(format!("G/l{leaf}"))]
                );
                let text = err.to_string();
                let expected = format!("in object {n} of the batch: in node `G/l{leaf}`");
                prop_assert!(text.starts_with(&expected), "{}", text);
            }
        }
    }
}

mod incomplete {
    use super::common::{hostile_f64, positive_vector_of, run_counting, scale_upper};
    use ahp_fce::{
        AhpOptions, CompletionMethod, ConsistencyOptions, IncompleteJudgments,
        IncompleteRandomIndex, JudgmentMatrix, WeightingMethod, Weights,
    };
    use approx::assert_relative_eq;
    use proptest::prelude::*;
    use proptest::sample::Index;

    const COMPLETIONS: [CompletionMethod; 2] = [
        CompletionMethod::LogarithmicLeastSquares,
        CompletionMethod::Harker,
    ];

    /// An upper triangle of order 3..=9 with about a third of its pairs left out.
    fn with_gaps(upper: Vec<f64>) -> impl Strategy<Value = Vec<Option<f64>>> {
        let len = upper.len();
        prop::collection::vec(prop::bool::weighted(0.35), len).prop_map(move |gone| {
            upper
                .iter()
                .zip(gone)
                .map(|(&v, gone)| (!gone).then_some(v))
                .collect()
        })
    }

    proptest! {
        /// LLSM on complete judgments is the geometric mean; 1e-12: a Cholesky solve against
        /// row-product roots, for judgments on the 1–9 scale up to order 9.
        #[test]
        fn llsm_of_complete_judgments_is_the_geometric_mean(
            upper in (3..=9usize).prop_flat_map(scale_upper)
        ) {
            let b = JudgmentMatrix::from_upper_triangle(&upper).unwrap();
            let given: Vec<_> = upper.iter().map(|&v| Some(v)).collect();
            let j = IncompleteJudgments::from_upper_triangle(&given).unwrap();
            let gm = b.weights(WeightingMethod::GeometricMean).unwrap();
            assert_relative_eq!(j.llsm_weights().unwrap().as_slice(), gm.as_slice(), max_relative = 1e-12);
            // Nothing missing: completing changes nothing and records nothing.
            prop_assert!(j.complete(CompletionMethod::Harker).unwrap().completion().is_none());
        }

        /// A consistent matrix with pairs removed (still connected) is completed exactly, by
        /// either method; 1e-12: weight ratios over four orders of magnitude, a few roundings.
        #[test]
        fn consistent_judgments_with_gaps_are_completed_exactly(
            (w, upper) in (3..=9usize).prop_flat_map(positive_vector_of).prop_flat_map(|w| {
                let b = JudgmentMatrix::from_weight_ratios(&Weights::from_unnormalized(&w).unwrap()).unwrap();
                let t = w.len();
                let upper: Vec<f64> = (0..t).flat_map(|x| (x + 1..t).map(move |y| (x, y)))
                    .map(|(x, y)| b.get(x, y).unwrap()).collect();
                (Just(w), with_gaps(upper))
            })
        ) {
            let Ok(j) = IncompleteJudgments::from_upper_triangle(&upper) else {
                return Ok(()); // gaps that split the items
            };
            let expected = Weights::from_unnormalized(&w).unwrap();
            for method in COMPLETIONS {
                let weights = j.weights(method).unwrap();
                assert_relative_eq!(weights.as_slice(), expected.as_slice(), max_relative = 1e-12);
                let b = j.complete(method).unwrap();
                for f in &b.completion().map_or(Vec::new(), |c| c.filled.clone()) {
                    assert_relative_eq!(f.value, w[f.row] / w[f.col], max_relative = 1e-12);
                }
            }
        }

        /// Each method's weights are again its own weights on the matrix it completes: the
        /// geometric mean of the LLSM completion, the eigenvector of Harker's (Bozóki, Fülöp
        /// & Rónyai 2010; Harker 1987). 1e-10: the eigenvector is certified to 1e-12 of its
        /// Collatz–Wielandt spread, which bounds the componentwise error by a few times that.
        #[test]
        fn completion_reproduces_its_own_weights(
            upper in (3..=9usize).prop_flat_map(scale_upper).prop_flat_map(with_gaps)
        ) {
            let Ok(j) = IncompleteJudgments::from_upper_triangle(&upper) else {
                return Ok(());
            };
            let llsm = j.llsm_weights().unwrap();
            let b = j.complete(CompletionMethod::LogarithmicLeastSquares).unwrap();
            let gm = b.weights(WeightingMethod::GeometricMean).unwrap();
            assert_relative_eq!(gm.as_slice(), llsm.as_slice(), max_relative = 1e-12);
            let harker = j.harker_weights().unwrap();
            let h = j.complete(CompletionMethod::Harker).unwrap();
            let ev = h.weights(WeightingMethod::Eigenvector).unwrap();
            assert_relative_eq!(ev.as_slice(), harker.as_slice(), max_relative = 1e-10);
        }
    }

    /// Upper triangles with gaps, judgments anywhere in 1e-10..=1e10, a third of them with one
    /// entry replaced by a hostile value: Ok or Err, never a panic or a non-finite number.
    #[test]
    fn changed_incomplete_judgments_never_panic() {
        let upper = (2..=10usize)
            .prop_flat_map(|t| prop::collection::vec(-100.0f64..=100.0, t * (t - 1) / 2))
            .prop_map(|e| e.iter().map(|x| 10f64.powf(*x / 10.0)).collect::<Vec<_>>())
            .prop_flat_map(with_gaps);
        let change = prop_oneof![
            2 => Just(None),
            1 => (any::<Index>(), hostile_f64()).prop_map(Some),
        ];
        let options = AhpOptions {
            consistency: ConsistencyOptions::default()
                .with_incomplete_random_index(IncompleteRandomIndex::CompleteTable),
            ..AhpOptions::default()
        };
        run_counting(512, (upper, change), |(mut upper, change)| {
            if let Some((at, value)) = change {
                if !upper.is_empty() {
                    let k = at.index(upper.len());
                    upper[k] = Some(value);
                }
            }
            let Ok(j) = IncompleteJudgments::from_upper_triangle(&upper) else {
                return Ok(false);
            };
            let mut reached = false;
            for method in COMPLETIONS {
                if let Ok(b) = j.complete(method) {
                    reached = true;
                    if let Ok(analysis) = options.analyze(&b) {
                        let r = &analysis.consistency;
                        for value in [r.lambda_max, r.ci, r.ri, r.cr] {
                            assert!(value.is_finite(), "{r:?}");
                        }
                    }
                }
            }
            Ok(reached)
        })
        .at_least(0.5, "changed incomplete judgments");
    }
}

/// Panels: the group matrix, the consensus and the two aggregations on generated experts, and
/// arbitrary panel inputs from Rust giving a panel or an error.
mod panels {
    use super::common::{hostile_f64, run_counting, scale_upper};
    use ahp_fce::survey::PriorityMean;
    use ahp_fce::{
        AhpOptions, Consensus, JudgmentMatrix, Panel, PanelAggregation, WeightingMethod, Weights,
    };
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    /// 1–6 experts' upper triangles on Saaty's scale over the same 2..=7 items, with
    /// positive expert weights.
    fn experts() -> impl Strategy<Value = (Vec<Vec<f64>>, Vec<f64>)> {
        (2..=7usize, 1..=6usize).prop_flat_map(|(t, k)| {
            (
                prop::collection::vec(scale_upper(t), k),
                prop::collection::vec(0.1f64..10.0, k),
            )
        })
    }

    fn panel_of(uppers: &[Vec<f64>], weights: Option<Vec<f64>>, how: PanelAggregation) -> Panel {
        let experts = uppers
            .iter()
            .enumerate()
            .map(|(k, u)| {
                (
                    format!("e{k}"),
                    JudgmentMatrix::from_upper_triangle(u).unwrap(),
                )
            })
            .collect();
        Panel::new(experts, weights, how).unwrap()
    }

    proptest! {
        /// The group matrix is reciprocal, each entry lies between the experts' smallest and
        /// largest (a weighted geometric mean), and the order of the experts does not matter.
        /// 1e-12: sums of a few logarithms in another order.
        #[test]
        fn the_group_matrix_is_a_weighted_geometric_mean((uppers, weights) in experts()) {
            let panel = panel_of(&uppers, Some(weights.clone()), PanelAggregation::Judgments);
            let group = panel.group_matrix();
            let t = group.order();
            let mut reversed = uppers.clone();
            reversed.reverse();
            let mut reversed_weights = weights;
            reversed_weights.reverse();
            let other = panel_of(&reversed, Some(reversed_weights), PanelAggregation::Judgments);
            for x in 0..t {
                for y in 0..t {
                    let b = group.get(x, y).unwrap();
                    assert_relative_eq!(b * group.get(y, x).unwrap(), 1.0, max_relative = 1e-12);
                    let values = panel.experts().map(|(_, m)| m.get(x, y).unwrap());
                    let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(l, h), v| (l.min(v), h.max(v)));
                    prop_assert!(b >= lo * (1.0 - 1e-12) && b <= hi * (1.0 + 1e-12));
                    assert_relative_eq!(b, other.group_matrix().get(x, y).unwrap(), max_relative = 1e-12);
                }
            }
        }

        /// A panel of one is that expert: the same matrix (to 1e-12, through exp ∘ ln) and no
        /// consensus; a panel of identical experts has that expert's matrix too, in full
        /// consensus.
        #[test]
        fn one_expert_or_identical_experts((uppers, _) in experts(), copies in 2..5usize) {
            let one = panel_of(&uppers[..1], None, PanelAggregation::Judgments);
            let expert = JudgmentMatrix::from_upper_triangle(&uppers[0]).unwrap();
            let same_entries = |group: &JudgmentMatrix| {
                for x in 0..expert.order() {
                    for y in 0..expert.order() {
                        assert_relative_eq!(
                            group.get(x, y).unwrap(),
                            expert.get(x, y).unwrap(),
                            max_relative = 1e-12
                        );
                    }
                }
            };
            same_entries(one.group_matrix());
            let options = AhpOptions::default();
            prop_assert!(one.analyze(&options).unwrap().consensus.is_none());
            let same = panel_of(&vec![uppers[0].clone(); copies], None, PanelAggregation::Judgments);
            same_entries(same.group_matrix());
            let consensus = same.analyze(&options).unwrap().consensus.unwrap();
            assert_relative_eq!(consensus.value, 1.0, max_relative = 1e-12);
        }

        /// Consensus never exceeds 1, and is 1 only when the priorities agree; Hβ ≥ 0. Under
        /// AIP the group's weights are the mean of the experts' own (arithmetic: exactly their
        /// weighted sum, to 1e-12).
        #[test]
        fn consensus_and_aip_on_generated_panels((uppers, weights) in experts()) {
            let how = PanelAggregation::Priorities(PriorityMean::Arithmetic);
            let panel = panel_of(&uppers, Some(weights), how);
            let options = AhpOptions::default().with_weighting(WeightingMethod::GeometricMean);
            let analysis = panel.analyze(&options).unwrap();
            if let Some(c) = analysis.consensus {
                prop_assert!(c.value <= 1.0 + 1e-12 && c.beta_entropy >= 0.0);
                prop_assert!(c.value.is_finite());
            }
            let lambdas = panel.lambdas();
            for (x, w) in analysis.weights.iter().enumerate() {
                let mean: f64 = analysis
                    .experts
                    .iter()
                    .zip(lambdas.iter())
                    .map(|(e, l)| l * e.analysis.weights.as_slice()[x])
                    .sum();
                assert_relative_eq!(w, mean, max_relative = 1e-12);
            }
            prop_assert_eq!(analysis.experts.len(), uppers.len());
        }

        /// Consensus from any priority vectors and weights: a value or an error, never a panic
        /// or a NaN.
        #[test]
        fn consensus_of_any_vectors_never_panics(
            vectors in prop::collection::vec(prop::collection::vec(0.001f64..1.0, 1..6), 0..6),
            weights in prop::option::of(prop::collection::vec(0.001f64..1.0, 0..6)),
        ) {
            let vectors: Vec<Weights> = vectors
                .iter()
                .filter_map(|v| Weights::from_unnormalized(v).ok())
                .collect();
            let weights = weights.and_then(|w| Weights::from_unnormalized(&w).ok());
            if let Ok(Some(c)) = Consensus::of_priorities(&vectors, weights.as_ref()) {
                prop_assert!(c.value.is_finite() && c.value <= 1.0 + 1e-12);
            }
        }
    }

    /// Panels built from arbitrary matrices, names and expert weights (hostile floats among
    /// them): a panel or one error, never a panic; at least a third are valid panels whose
    /// analysis also gives a result or an error.
    #[test]
    fn any_panel_input_gives_a_panel_or_an_error() {
        // Names: 0 a distinct one, 1 the same "b" for each, 2 a blank one; one order for the
        // panel and, now and then, an expert of another.
        let strategy = (
            1..=4usize,
            prop::collection::vec(
                (
                    prop::sample::select(vec![0usize, 0, 0, 0, 0, 0, 0, 0, 1, 2]),
                    prop::bool::weighted(0.1),
                ),
                0..5,
            ),
            prop::option::weighted(0.3, prop::collection::vec(hostile_f64(), 0..5)),
            any::<bool>(),
        );
        run_counting(256, strategy, |(t, experts, weights, aip)| {
            let built: Vec<(String, JudgmentMatrix)> = experts
                .iter()
                .enumerate()
                .map(|(k, &(name, odd))| {
                    let t = if odd { t + 1 } else { t };
                    let upper: Vec<f64> =
                        (0..t * (t - 1) / 2).map(|i| (i % 9 + 1) as f64).collect();
                    let name = match name {
                        0 => format!("e{k}"),
                        1 => "b".to_owned(),
                        _ => " ".to_owned(),
                    };
                    (name, JudgmentMatrix::from_upper_triangle(&upper).unwrap())
                })
                .collect();
            let how = if aip {
                PanelAggregation::Priorities(PriorityMean::Geometric)
            } else {
                PanelAggregation::Judgments
            };
            match Panel::new(built, weights, how) {
                Ok(panel) => {
                    let _ = panel.analyze(&AhpOptions::default());
                    Ok(true)
                }
                Err(e) => {
                    prop_assert!(!e.to_string().is_empty());
                    Ok(false)
                }
            }
        })
        .at_least(0.3, "valid panels");
    }
}

/// Alternatives: the synthesis modes on generated decisions, and any alternatives input from
/// Rust giving scores or an error.
mod alternatives {
    use super::common::{hostile_f64, run_counting};
    use ahp_fce::alternatives::{
        AlternativeScores, Alternatives, AlternativesSynthesis, Better, RatingScale, SynthesisMode,
    };
    use ahp_fce::{AhpOptions, Criterion, Hierarchy, JudgmentMatrix, Weights};
    use approx::assert_relative_eq;
    use proptest::prelude::*;

    /// 1–5 leaf weights and, per leaf, 2–6 alternatives' positive "true" values.
    fn decision() -> impl Strategy<Value = (Vec<f64>, Vec<Vec<f64>>)> {
        (1..=5usize, 2..=6usize).prop_flat_map(|(leaves, alternatives)| {
            (
                prop::collection::vec(0.05f64..1.0, leaves),
                prop::collection::vec(prop::collection::vec(0.1f64..10.0, alternatives), leaves),
            )
        })
    }

    fn hierarchy(weights: &[f64]) -> Hierarchy {
        Hierarchy::new(Criterion::weighted(
            "G",
            Weights::from_unnormalized(weights).unwrap(),
            (0..weights.len()).map(|k| Criterion::leaf(format!("c{k}"))),
        ))
        .unwrap()
    }

    /// Leaf k's scores: consistent judgments b_xy = v_x / v_y on even leaves, measurements
    /// (more is better) on odd ones; both give priorities ∝ v.
    fn scores(values: &[Vec<f64>]) -> Vec<AlternativeScores> {
        values
            .iter()
            .enumerate()
            .map(|(k, v)| {
                if k % 2 == 0 {
                    let rows: Vec<Vec<f64>> = v
                        .iter()
                        .map(|a| v.iter().map(|b| a / b).collect())
                        .collect();
                    AlternativeScores::Judgments(JudgmentMatrix::from_rows(&rows).unwrap())
                } else {
                    AlternativeScores::measurements(v.clone(), Better::More).unwrap()
                }
            })
            .collect()
    }

    fn synthesize(
        weights: &[f64],
        values: &[Vec<f64>],
        mode: SynthesisMode,
    ) -> AlternativesSynthesis {
        let h = hierarchy(weights);
        let s = h.synthesize(&AhpOptions::default()).unwrap();
        let names = Alternatives::new((0..values[0].len()).map(|k| format!("a{k}"))).unwrap();
        AlternativesSynthesis::compute(&h, &s, &names, &scores(values), mode).unwrap()
    }

    proptest! {
        /// Distributive: every leaf's priorities and the overall priorities sum to 1; ideal:
        /// every leaf's best is 1. 1e-12: sums of a few products.
        #[test]
        fn the_modes_normalize_as_defined((weights, values) in decision()) {
            let d = synthesize(&weights, &values, SynthesisMode::Distributive);
            assert_relative_eq!(d.overall.iter().sum::<f64>(), 1.0, max_relative = 1e-12);
            for leaf in &d.leaves {
                assert_relative_eq!(leaf.priorities.iter().sum::<f64>(), 1.0, max_relative = 1e-12);
            }
            let i = synthesize(&weights, &values, SynthesisMode::Ideal);
            for leaf in &i.leaves {
                let best = leaf.used.iter().copied().fold(0.0, f64::max);
                assert_relative_eq!(best, 1.0, max_relative = 1e-12);
            }
            assert_relative_eq!(i.normalized.iter().sum::<f64>(), 1.0, max_relative = 1e-12);
        }

        /// Ideal mode: an alternative added that is worse than every other under every leaf
        /// leaves every other's overall priority as it was (to 1e-9: consistent judgments
        /// give their weights through the eigen- or geometric-mean computation with a few
        /// roundings) and so their ranking.
        #[test]
        fn ideal_mode_keeps_the_order_when_a_dominated_alternative_is_added(
            (weights, values) in decision(),
            shrink in 0.1f64..0.9,
        ) {
            let before = synthesize(&weights, &values, SynthesisMode::Ideal);
            let worse: Vec<Vec<f64>> = values
                .iter()
                .map(|v| {
                    let least = v.iter().copied().fold(f64::INFINITY, f64::min);
                    let mut v = v.clone();
                    v.push(least * shrink);
                    v
                })
                .collect();
            let after = synthesize(&weights, &worse, SynthesisMode::Ideal);
            for (a, b) in before.overall.iter().zip(&after.overall) {
                assert_relative_eq!(*a, *b, max_relative = 1e-9);
            }
            let order = |s: &AlternativesSynthesis| {
                s.ranking().into_iter().filter(|(n, _, _)| n != &format!("a{}", values[0].len()))
                    .map(|(n, _, _)| n).collect::<Vec<_>>()
            };
            let (kept, added) = (order(&before), order(&after));
            // Ties may order differently; compare where the priorities differ.
            if before.overall.windows(2).all(|w| (w[0] - w[1]).abs() > 1e-6) {
                prop_assert_eq!(kept, added);
            }
        }

        /// Measurements: scaling every value leaves the priorities as they were; less is
        /// better is more is better on the reciprocals. 1e-12: one division each.
        #[test]
        fn measurements_are_scale_free(values in prop::collection::vec(0.01f64..100.0, 2..8), c in 0.001f64..1000.0) {
            let h = hierarchy(&[1.0]);
            let s = h.synthesize(&AhpOptions::default()).unwrap();
            let names = Alternatives::new((0..values.len()).map(|k| format!("a{k}"))).unwrap();
            let run = |v: Vec<f64>, better| {
                let scores = [AlternativeScores::measurements(v, better).unwrap()];
                AlternativesSynthesis::compute(&h, &s, &names, &scores, SynthesisMode::Distributive)
                    .unwrap()
                    .overall
            };
            let plain = run(values.clone(), Better::More);
            let scaled = run(values.iter().map(|v| v * c).collect(), Better::More);
            let reciprocal = run(values.iter().map(|v| 1.0 / v).collect(), Better::Less);
            for ((p, s), r) in plain.iter().zip(&scaled).zip(&reciprocal) {
                assert_relative_eq!(*p, *s, max_relative = 1e-12);
                assert_relative_eq!(*p, *r, max_relative = 1e-12);
            }
        }
    }

    /// Alternatives, scales, ratings and measurements from arbitrary input (hostile floats,
    /// repeated and blank names, one value too many now and then): each gives a value or one
    /// error, never a panic, and a synthesis of what was accepted gives finite priorities or
    /// an error.
    #[test]
    fn any_alternatives_input_gives_scores_or_an_error() {
        let value = prop_oneof![3 => 0.01f64..100.0, 1 => hostile_f64()];
        let strategy = (1..5usize).prop_flat_map(move |n| {
            (
                prop::collection::vec(prop::sample::select(vec![0usize, 0, 0, 0, 0, 0, 1, 2]), n),
                prop::collection::vec(value.clone(), n),
                prop::collection::vec(
                    (
                        prop::sample::select(vec!["good", "fair", "poor", "good"]),
                        value.clone(),
                    ),
                    1..4,
                ),
                prop::collection::vec(prop::sample::select(vec!["good", "fair", "poor"]), n),
                any::<bool>(),
                prop::bool::weighted(0.1),
            )
        });
        run_counting(
            256,
            strategy,
            |(kinds, mut measured, levels, ratings, less, extra)| {
                let names: Vec<String> = kinds
                    .iter()
                    .enumerate()
                    .map(|(k, kind)| match kind {
                        0 => format!("a{k}"),
                        1 => "same".to_owned(),
                        _ => " ".to_owned(),
                    })
                    .collect();
                if extra {
                    measured.push(1.0);
                }
                let mut reached = false;
                let alternatives = Alternatives::new(names);
                let better = if less { Better::Less } else { Better::More };
                let measurements = AlternativeScores::measurements(measured, better);
                let rated =
                    RatingScale::new(levels).and_then(|s| AlternativeScores::ratings(s, &ratings));
                for scores in [measurements, rated].into_iter().flatten() {
                    let Ok(alternatives) = &alternatives else {
                        continue;
                    };
                    let h = hierarchy(&[1.0]);
                    let s = h.synthesize(&AhpOptions::default()).unwrap();
                    for mode in [SynthesisMode::Distributive, SynthesisMode::Ideal] {
                        let found = AlternativesSynthesis::compute(
                            &h,
                            &s,
                            alternatives,
                            std::slice::from_ref(&scores),
                            mode,
                        );
                        if let Ok(found) = found {
                            prop_assert!(found.overall.iter().all(|v| v.is_finite()));
                            reached = true;
                        }
                    }
                }
                Ok(reached)
            },
        )
        .at_least(0.3, "accepted alternatives");
    }
}

/// Sensitivity: a weight change smaller than the reported threshold never changes the winner
/// (or a verdict); the threshold change does. Checked by recomputing from scratch with the
/// weights moved, through the hierarchy's own synthesis.
mod sensitivity {
    use super::common::OPERATORS;
    use ahp_fce::alternatives::{
        AlternativeScores, Alternatives, AlternativesSynthesis, Better, SynthesisMode,
    };
    use ahp_fce::{
        AhpOptions, Criterion, Evaluator, Grades, Hierarchy, MembershipMatrix, Operator, Weights,
    };
    use proptest::prelude::*;

    /// A goal over `top.len()` criteria, the first of which has `sub.len()` leaves below it.
    fn tree(top: &[f64], sub: &[f64]) -> Hierarchy {
        let mut children: Vec<Criterion> = Vec::new();
        children.push(Criterion::weighted(
            "c0",
            Weights::from_unnormalized(sub).unwrap(),
            (0..sub.len()).map(|k| Criterion::leaf(format!("l{k}"))),
        ));
        children.extend((1..top.len()).map(|k| Criterion::leaf(format!("c{k}"))));
        Hierarchy::new(Criterion::weighted(
            "G",
            Weights::from_unnormalized(top).unwrap(),
            children,
        ))
        .unwrap()
    }

    /// The same tree with criterion `which` (0: c0 under the goal; 1: l0 under c0) at local
    /// weight `w`, its siblings rescaled.
    fn moved(top: &[f64], sub: &[f64], which: usize, w: f64) -> Hierarchy {
        let rescale = |v: &[f64]| {
            let total: f64 = v.iter().sum();
            let current = v[0] / total;
            let mut out: Vec<f64> = v
                .iter()
                .map(|x| x / total * (1.0 - w) / (1.0 - current))
                .collect();
            out[0] = w;
            out
        };
        if which == 0 {
            tree(&rescale(top), sub)
        } else {
            tree(top, &rescale(sub))
        }
    }

    fn decision() -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<Vec<f64>>)> {
        (2..=4usize, 2..=3usize, 2..=5usize).prop_flat_map(|(top, sub, alternatives)| {
            let leaves = sub + top - 1;
            (
                prop::collection::vec(0.1f64..1.0, top),
                prop::collection::vec(0.1f64..1.0, sub),
                prop::collection::vec(prop::collection::vec(0.1f64..10.0, alternatives), leaves),
            )
        })
    }

    fn winner(h: &Hierarchy, values: &[Vec<f64>]) -> String {
        let s = h.synthesize(&AhpOptions::default()).unwrap();
        let names = Alternatives::new((0..values[0].len()).map(|k| format!("a{k}"))).unwrap();
        let scores: Vec<AlternativeScores> = values
            .iter()
            .map(|v| AlternativeScores::measurements(v.clone(), Better::More).unwrap())
            .collect();
        let r =
            AlternativesSynthesis::compute(h, &s, &names, &scores, SynthesisMode::Ideal).unwrap();
        r.ranking()[0].0.clone()
    }

    /// Moving a weight 99 % of the way to a reported threshold keeps the winner (unless the
    /// winner is within rounding of a tie there); 1e-6 past it changes it.
    fn check(before: &str, near: &str, past: &str, gap: f64) -> Result<(), TestCaseError> {
        if gap > 1e-6 {
            prop_assert_eq!(before, near);
        }
        prop_assert_ne!(before, past);
        Ok(())
    }

    proptest! {
        #[test]
        fn alternatives_thresholds_are_where_the_winner_changes((top, sub, values) in decision()) {
            let h = tree(&top, &sub);
            let s = h.synthesize(&AhpOptions::default()).unwrap();
            let names = Alternatives::new((0..values[0].len()).map(|k| format!("a{k}"))).unwrap();
            let scores: Vec<AlternativeScores> = values
                .iter()
                .map(|v| AlternativeScores::measurements(v.clone(), Better::More).unwrap())
                .collect();
            let r = AlternativesSynthesis::compute(&h, &s, &names, &scores, SynthesisMode::Ideal).unwrap();
            let before = winner(&h, &values);
            for entry in r.sensitivity(&h, &s) {
                let which = match h.get(entry.criterion).unwrap().name() {
                    "c0" => 0,
                    "l0" => 1,
                    _ => continue,
                };
                let top_change = entry.top.unwrap();
                let w = entry.weight;
                if let Some(up) = top_change.up.filter(|&u| u < 1.0 - 1e-5 && u > w + 1e-5) {
                    let near = winner(&moved(&top, &sub, which, w + 0.99 * (up - w)), &values);
                    let past = winner(&moved(&top, &sub, which, up + 1e-6), &values);
                    check(&before, &near, &past, up - w)?;
                }
                if let Some(down) = top_change.down.filter(|&d| d > 1e-5 && d < w - 1e-5) {
                    let near = winner(&moved(&top, &sub, which, w - 0.99 * (w - down)), &values);
                    let past = winner(&moved(&top, &sub, which, down - 1e-6), &values);
                    check(&before, &near, &past, w - down)?;
                }
            }
        }

        /// Objects, every operator: 99 % of the way to a verdict threshold no verdict changes;
        /// just past it one does. Exact for the weighted average, bisected to 1e-12 for the
        /// others, so "just past" is 1e-6.
        #[test]
        fn object_verdict_thresholds_are_where_a_verdict_changes(
            (top, sub, rows) in (2..=3usize, 2..=3usize, 1..=3usize).prop_flat_map(|(t, s, objects)| {
                let leaves = s + t - 1;
                (
                    prop::collection::vec(0.1f64..1.0, t),
                    prop::collection::vec(0.1f64..1.0, s),
                    prop::collection::vec(prop::collection::vec(prop::collection::vec(0.0f64..1.0, 3), leaves), objects),
                )
            }),
            operator in prop::sample::select(OPERATORS.to_vec()),
        ) {
            let objects: Vec<MembershipMatrix> = rows
                .iter()
                .map(|object| {
                    let rows: Vec<Vec<f64>> = object
                        .iter()
                        .map(|r| {
                            let total: f64 = r.iter().sum::<f64>() + 0.3;
                            vec![(r[0] + 0.1) / total, (r[1] + 0.1) / total, (r[2] + 0.1) / total]
                        })
                        .collect();
                    MembershipMatrix::from_rows(&rows).unwrap()
                })
                .collect();
            let grades = || Grades::new(["good", "fair", "poor"]).unwrap();
            let evaluator = |h: Hierarchy| {
                Evaluator::new(h, grades(), &AhpOptions::default()).unwrap().with_operator(operator)
            };
            let verdicts = |e: &Evaluator| -> Vec<String> {
                objects.iter().map(|m| e.evaluate(m).unwrap().verdict().name.clone()).collect()
            };
            let base = evaluator(tree(&top, &sub));
            let Ok(found) = base.sensitivity(&objects) else { return Ok(()) };
            prop_assert_eq!(found.iter().all(|s| s.exact), operator == Operator::WeightedAverage);
            let before = verdicts(&base);
            for entry in found {
                let which = match base.hierarchy().get(entry.criterion).unwrap().name() {
                    "c0" => 0,
                    "l0" => 1,
                    _ => continue,
                };
                let w = entry.weight;
                let change = entry.verdicts.unwrap();
                for target in [change.up.filter(|&u| u > w + 1e-4 && u < 1.0 - 1e-4), change.down.filter(|&d| d < w - 1e-4 && d > 1e-4)].into_iter().flatten() {
                    let near = evaluator(moved(&top, &sub, which, w + 0.99 * (target - w)));
                    let past = evaluator(moved(&top, &sub, which, target + (target - w).signum() * 1e-6));
                    // Ties of two grades within 1e-9 are resolved by grade order on both sides.
                    prop_assert_eq!(&verdicts(&near), &before);
                    prop_assert_ne!(&verdicts(&past), &before);
                }
            }
        }
    }
}

/// Monte Carlo: zero noise reproduces the deterministic result exactly on generated models,
/// and any run parameters give a run or an error.
#[cfg(feature = "model")]
mod monte_carlo {
    use super::common::{hostile_f64, scale_upper};
    use ahp_fce::model::Model;
    use ahp_fce::uncertainty::{JudgmentNoise, MonteCarlo, VoteNoise};
    use proptest::prelude::*;

    /// Criteria judged over three alternatives, every matrix on Saaty's scale.
    fn model() -> impl Strategy<Value = String> {
        (2..=4usize).prop_flat_map(|criteria| {
            (scale_upper(criteria), prop::collection::vec(scale_upper(3), criteria)).prop_map(
                move |(goal, leaves)| {
                    let children: Vec<String> = leaves
                        .iter()
                        .enumerate()
                        .map(|(k, u)| {
                            format!(
                                r#"{{"name": "c{k}", "alternatives": {{"comparisons": {{"upper": {u:?}}}}}}}"#
                            )
                        })
                        .collect();
                    format!(
                        r#"{{"alternatives": ["x", "y", "z"], "hierarchy": {{"name": "G",
                            "comparisons": {{"upper": {goal:?}}}, "children": [{}]}}}}"#,
                        children.join(",")
                    )
                },
            )
        })
    }

    proptest! {
        #[test]
        fn zero_noise_reproduces_the_deterministic_result(text in model(), seed in any::<u64>(), step in any::<bool>()) {
            let model = Model::from_json(&text).unwrap();
            let report = model.evaluate().unwrap();
            let overall = &report.alternatives.as_ref().unwrap().overall;
            let noise = if step { JudgmentNoise::ScaleStep(0.0) } else { JudgmentNoise::LogNormal(0.0) };
            let run = MonteCarlo::new(8, seed).unwrap().with_judgments(noise).unwrap();
            let u = model.uncertainty(&run).unwrap();
            for (q, s) in u.scores.iter().zip(overall) {
                prop_assert_eq!((q.p5, q.p50, q.p95), (*s, *s, *s));
            }
            prop_assert!(u.rank_probabilities.iter().all(|row| row.contains(&1.0)));
        }

        /// Any draws, seed and noise parameters: a run or one error, never a panic; a run
        /// of a valid model gives finite quantiles and probabilities summing to 1.
        #[test]
        fn any_run_parameters_give_a_run_or_an_error(
            draws in prop_oneof![0..40usize, Just(usize::MAX), Just(1_000_001usize)],
            seed in any::<u64>(),
            spread in hostile_f64(),
            kind in 0..3u8,
            multinomial in any::<bool>(),
        ) {
            let noise = match kind {
                0 => JudgmentNoise::None,
                1 => JudgmentNoise::LogNormal(spread),
                _ => JudgmentNoise::ScaleStep(spread),
            };
            let votes = if multinomial { VoteNoise::Multinomial } else { VoteNoise::Fixed };
            let Ok(run) = MonteCarlo::new(draws, seed).and_then(|r| r.with_judgments(noise)).map(|r| r.with_votes(votes)) else {
                return Ok(());
            };
            let model = Model::from_toml(include_str!("../examples/models/paper.toml")).unwrap();
            if let Ok(u) = model.uncertainty(&run) {
                prop_assert!(u.scores.iter().all(|q| q.p5.is_finite() && q.p95.is_finite()));
                for row in &u.rank_probabilities {
                    prop_assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                }
            }
        }
    }
}

/// Membership functions of measured indicators: rows in [0, 1] summing to 1, mass moving
/// monotonically between grades, and any parameters or value giving a row or an error.
mod indicators {
    use super::common::{hostile_f64, run_counting};
    use ahp_fce::alternatives::Better;
    use ahp_fce::fce::{IndicatorMembership, IndicatorShape};
    use proptest::prelude::*;

    /// A valid function of 2–6 grades: its shape, with breakpoints built ascending from
    /// positive gaps and reversed for `Better::More`.
    fn function() -> impl Strategy<Value = IndicatorMembership> {
        (2..=6usize, any::<bool>(), 0..4u8, -100.0f64..100.0).prop_flat_map(
            |(m, more, kind, start)| {
                (prop::collection::vec(0.01f64..10.0, 2 * m), 0.05f64..20.0).prop_map(
                    move |(gaps, k)| {
                        let mut x = start;
                        let mut points = Vec::new();
                        for g in &gaps {
                            x += g;
                            points.push(x);
                        }
                        let grade_order = |mut v: Vec<(f64, f64)>| {
                            if more {
                                v.reverse();
                            }
                            v
                        };
                        let shape = match kind {
                            0 => IndicatorShape::Triangular(
                                grade_order(
                                    points.iter().step_by(2).take(m).map(|&p| (p, p)).collect(),
                                )
                                .into_iter()
                                .map(|(p, _)| p)
                                .collect(),
                            ),
                            1 => IndicatorShape::Trapezoidal(grade_order(
                                points.chunks(2).take(m).map(|c| (c[0], c[1])).collect(),
                            )),
                            // Equal widths: the Gaussian family is monotone then.
                            2 => IndicatorShape::Gaussian(grade_order(
                                points
                                    .iter()
                                    .step_by(2)
                                    .take(m)
                                    .map(|&p| (p, gaps[0] + 0.5))
                                    .collect(),
                            )),
                            _ => IndicatorShape::Sigmoid {
                                thresholds: grade_order(
                                    points
                                        .iter()
                                        .step_by(2)
                                        .take(m - 1)
                                        .map(|&p| (p, p))
                                        .collect(),
                                )
                                .into_iter()
                                .map(|(p, _)| p)
                                .collect(),
                                steepness: k,
                            },
                        };
                        let better = if more { Better::More } else { Better::Less };
                        IndicatorMembership::new(shape, better).unwrap()
                    },
                )
            },
        )
    }

    /// The mean grade position along ascending values (0 for the grade of the lowest values).
    fn position(f: &IndicatorMembership, d: &[f64]) -> f64 {
        let m = d.len();
        d.iter()
            .enumerate()
            .map(|(h, p)| {
                let j = if f.better() == Better::Less {
                    h
                } else {
                    m - 1 - h
                };
                j as f64 * p
            })
            .sum()
    }

    proptest! {
        /// Every row lies in [0, 1] and sums to 1 (1e-12: a normalization); the mean grade
        /// position never goes back as the value grows (1e-9: sigmoid differences).
        #[test]
        fn rows_are_memberships_and_move_monotonically(
            f in function(),
            mut xs in prop::collection::vec(-300.0f64..300.0, 2..20),
        ) {
            xs.sort_by(f64::total_cmp);
            let mut last = f64::NEG_INFINITY;
            for x in xs {
                let d = f.degrees(x).unwrap();
                prop_assert!(d.iter().all(|v| (0.0..=1.0).contains(v)));
                prop_assert!((d.iter().sum::<f64>() - 1.0).abs() <= 1e-12);
                let p = position(&f, &d);
                prop_assert!(p >= last - 1e-9, "{p} after {last} at {x}");
                last = p;
            }
        }
    }

    /// Any shape and value, hostile floats among them: a function or one error, and from a
    /// function a row or one error; never a panic, never a NaN in a row.
    #[test]
    fn any_indicator_input_gives_a_row_or_an_error() {
        let value = prop_oneof![3 => -50.0f64..50.0, 1 => hostile_f64()];
        let strategy = (
            0..4u8,
            prop::collection::vec(value.clone(), 0..6),
            value.clone(),
            value,
            any::<bool>(),
        );
        run_counting(256, strategy, |(kind, mut points, k, x, more)| {
            points.sort_by(f64::total_cmp);
            if more {
                points.reverse();
            }
            let shape = match kind {
                0 => IndicatorShape::Triangular(points.clone()),
                1 => IndicatorShape::Trapezoidal(points.iter().map(|&p| (p, p + 0.5)).collect()),
                2 => IndicatorShape::Gaussian(points.iter().map(|&p| (p, k)).collect()),
                _ => IndicatorShape::Sigmoid {
                    thresholds: points.clone(),
                    steepness: k,
                },
            };
            let better = if more { Better::More } else { Better::Less };
            let Ok(f) = IndicatorMembership::new(shape, better) else {
                return Ok(false);
            };
            if let Ok(d) = f.degrees(x) {
                prop_assert!(d.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v)));
                prop_assert!((d.iter().sum::<f64>() - 1.0).abs() <= 1e-12);
            }
            Ok(true)
        })
        .at_least(0.3, "valid indicators");
    }
}

/// The batch scorer on measured values: the same bits as scoring the degrees the indicators
/// give, and any values (hostile floats among them) give results or one error.
#[cfg(feature = "model")]
mod indicator_batches {
    use super::common::hostile_f64;
    use ahp_fce::fce::IndicatorMembership;
    use ahp_fce::model::Model;
    use ndarray::{Array2, Array3};
    use proptest::prelude::*;

    fn shipped() -> (Model, Vec<IndicatorMembership>) {
        let model = Model::from_toml(include_str!("../examples/models/indicators.toml")).unwrap();
        let indicators = model
            .indicators()
            .iter()
            .map(|f| f.clone().unwrap())
            .collect();
        (model, indicators)
    }

    proptest! {
        #[test]
        fn values_score_as_their_degrees(values in prop::collection::vec((0.0f64..0.1, 0.7f64..1.0), 0..40)) {
            let (model, indicators) = shipped();
            let scorer = model.evaluator().unwrap().batch_scorer();
            let flat: Vec<f64> = values.iter().flat_map(|&(a, b)| [a, b]).collect();
            let values = Array2::from_shape_vec((values.len(), 2), flat).unwrap();
            let by_values = scorer.score_values(values.view(), &indicators).unwrap();
            let mut degrees = Vec::new();
            for row in values.rows() {
                for (v, f) in row.iter().zip(&indicators) {
                    degrees.extend(f.degrees(*v).unwrap());
                }
            }
            let degrees = Array3::from_shape_vec((values.nrows(), 2, 3), degrees).unwrap();
            prop_assert_eq!(by_values, scorer.score(degrees.view()).unwrap());
        }

        #[test]
        fn any_values_give_results_or_an_error(values in prop::collection::vec(hostile_f64(), 0..12)) {
            let (model, indicators) = shipped();
            let scorer = model.evaluator().unwrap().batch_scorer();
            let n = values.len() / 2;
            let values = Array2::from_shape_vec((n, 2), values[..2 * n].to_vec()).unwrap();
            match scorer.score_values(values.view(), &indicators) {
                Ok(batch) => prop_assert!(batch.results().iter().all(|v| v.is_finite())),
                Err(e) => prop_assert!(e.to_string().contains("object")),
            }
        }
    }
}

proptest! {
    /// The verdict's grade without building the verdict is the verdict's grade, ties and
    /// non-finite degrees included.
    #[test]
    fn verdict_grade_is_the_verdicts_grade(
        e in prop::collection::vec(
            prop_oneof![
                4 => 0.0..=1.0f64,
                1 => prop_oneof![Just(0.5), Just(0.0), Just(f64::NAN), Just(-0.0), Just(f64::INFINITY)],
            ],
            4,
        ),
    ) {
        let hierarchy = Hierarchy::new(Criterion::weighted(
            "Goal",
            Weights::new(&[0.5, 0.5]).expect("valid weights"),
            [Criterion::leaf("a"), Criterion::leaf("b")],
        ))
        .expect("a valid hierarchy");
        let grades = Grades::new(["w", "x", "y", "z"]).expect("four grades");
        let evaluator = Evaluator::new(hierarchy, grades, &AhpOptions::default()).expect("valid");
        prop_assert_eq!(
            evaluator.verdict_grade(&e).expect("four degrees"),
            evaluator.verdict_of(&e).expect("four degrees").grade
        );
    }
}
