//! Published and independently computed values, each with its source beside it.
//!
//! "Independent computation" below means a short Python 3.11 script using only the standard
//! library: the matrix built from exact fractions, M_x as exact products, then the paper's
//! formulas in double precision, and for eigenvectors 500–2000 plain power iterations from the
//! uniform vector (no shared code with this crate).

use ahp_fce::{
    lambda_max, AhpOptions, ConsistencyOptions, ConsistencyReport, Criterion, Evaluator,
    GeometricConsistency, GeometricMeanSteps, Grades, Hierarchy, JudgmentMatrix, MembershipMatrix,
    Operator, RandomIndex, WeightingMethod, Weights,
};
use approx::{assert_abs_diff_eq, assert_relative_eq};

/// Values computed in double precision by a different route agree to a few hundred ulps.
const INDEPENDENT: f64 = 1e-12;
/// Published figures rounded to three decimals are within half a unit of the third decimal.
const THREE_DECIMALS: f64 = 0.0005;

fn drinks() -> JudgmentMatrix {
    JudgmentMatrix::from_rows(&[
        [1.0, 9.0, 5.0, 2.0, 1.0, 1.0, 0.5],
        [
            1.0 / 9.0,
            1.0,
            1.0 / 3.0,
            1.0 / 9.0,
            1.0 / 9.0,
            1.0 / 9.0,
            1.0 / 9.0,
        ],
        [0.2, 3.0, 1.0, 1.0 / 3.0, 0.25, 1.0 / 3.0, 1.0 / 9.0],
        [0.5, 9.0, 3.0, 1.0, 0.5, 1.0, 1.0 / 3.0],
        [1.0, 9.0, 4.0, 2.0, 1.0, 2.0, 0.5],
        [1.0, 9.0, 3.0, 1.0, 0.5, 1.0, 1.0 / 3.0],
        [2.0, 9.0, 9.0, 3.0, 2.0, 3.0, 1.0],
    ])
    .unwrap()
}

/// Saaty, T. L. (2008). Decision making with the analytic hierarchy process. International
/// Journal of Services Sciences 1(1), 83–98: relative consumption of drinks in the United
/// States; published eigenvector weights for coffee, wine, tea, beer, soda, milk, water.
#[test]
fn saaty_2008_drinks_eigenvector() {
    let w = drinks().weights(WeightingMethod::Eigenvector).unwrap();
    let published = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327];
    for (x, (&ours, &theirs)) in w.as_slice().iter().zip(&published).enumerate() {
        assert!(
            (ours - theirs).abs() <= THREE_DECIMALS,
            "drink {x}: {ours} vs {theirs}"
        );
    }
}

/// CR of the drinks matrix, 0.022, as published by Saaty (2008) and as asserted by the test
/// suite of the Python package ahpy with its "saaty" random indices (Saaty 2005, RI(7) = 1.35)
/// and eigenvector weights.
#[test]
fn drinks_consistency_ratio_with_saaty_2005() {
    let options = AhpOptions::default()
        .with_weighting(WeightingMethod::Eigenvector)
        .with_random_index(RandomIndex::Saaty2005);
    let report = options.analyze(&drinks()).unwrap().consistency;
    assert_eq!(report.ri, 1.35);
    assert_abs_diff_eq!(report.cr, 0.022, epsilon = THREE_DECIMALS);
    // Independent computation: λmax = 7.176629039330342.
    assert_relative_eq!(
        report.lambda_max,
        7.176629039330342,
        max_relative = INDEPENDENT
    );
    assert!(report.acceptable);
}

/// The illustrative matrix of the `walkthrough` example (upper triangle 3, 5, 2, 2, 1/2,
/// 1/3); every step against the independent computation.
#[test]
fn walkthrough_matrix_step_by_step() {
    let b = JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0, 2.0, 0.5, 1.0 / 3.0]).unwrap();
    let steps = GeometricMeanSteps::compute(&b).unwrap();
    // Exact: M = 3·5·2 = 30, 1/3·2·1/2 = 1/3, 1/5·1/2·1/3 = 1/30, 1/2·2·3 = 3.
    let m = [30.0, 1.0 / 3.0, 1.0 / 30.0, 3.0];
    for (ours, exact) in steps.row_products.iter().zip(m) {
        assert_relative_eq!(*ours, exact, max_relative = INDEPENDENT);
    }
    let w_gm = [
        0.48318902596302593,
        0.15687597383985907,
        0.0882178430196329,
        0.27171715717748196,
    ];
    assert_relative_eq!(
        steps.weights.as_slice(),
        &w_gm[..],
        max_relative = INDEPENDENT
    );
    let paper = ConsistencyOptions::default().with_random_index(RandomIndex::GuptaPaper);
    let report = ConsistencyReport::compute(&b, &steps.weights, &paper).unwrap();
    assert_relative_eq!(
        report.lambda_max,
        4.014518595540223,
        max_relative = INDEPENDENT
    );
    // CI and CR are differences of numbers near 4: compare absolutely.
    assert_abs_diff_eq!(report.ci, 0.004839531846741056, epsilon = INDEPENDENT);
    assert_eq!(report.ri, 0.96);
    assert_abs_diff_eq!(report.cr, 0.005041179007021933, epsilon = INDEPENDENT);

    let w_am = [
        0.4824065813018058,
        0.15750838612563486,
        0.08828733632725079,
        0.27179769624530853,
    ];
    let am = b.weights(WeightingMethod::ArithmeticMean).unwrap();
    assert_relative_eq!(am.as_slice(), &w_am[..], max_relative = INDEPENDENT);

    let w_ev = [
        0.48288561655474066,
        0.15698986076290622,
        0.08815006135763406,
        0.2719744613247191,
    ];
    let ev = b.weights(WeightingMethod::Eigenvector).unwrap();
    // 1e-11: the iteration stops once Bw = λw holds to 1e-12; the weights' error is that
    // amplified by 1 / (1 − |λ₂/λ₁|).
    assert_relative_eq!(ev.as_slice(), &w_ev[..], max_relative = 1e-11);
    assert_relative_eq!(
        lambda_max(&b, &ev).unwrap(),
        4.014520958632261,
        max_relative = INDEPENDENT
    );

    let gci = GeometricConsistency::compute(&b).unwrap();
    assert_abs_diff_eq!(gci.gci, 0.01933368748032051, epsilon = INDEPENDENT);
    assert_eq!(gci.threshold, Some(0.35));
}

/// The random-index tables against `shared/reference/random-index.md`, which cites: the source
/// paper's Table 2; Saaty (1980); Saaty (2005) p. 31; Donegan & Dodd (1991).
#[test]
fn random_index_tables_as_published() {
    let tables: [(RandomIndex, &[f64]); 5] = [
        // As the R package MCDA transcribes Aguarón & Moreno-Jiménez (2003), whom it cites.
        (
            RandomIndex::AguaronMorenoJimenez2003,
            &[
                0.0, 0.0, 0.525, 0.882, 1.115, 1.252, 1.341, 1.404, 1.452, 1.484, 1.513, 1.535,
                1.555, 1.570, 1.583, 1.595,
            ],
        ),
        (
            RandomIndex::GuptaPaper,
            &[0.0, 0.0, 0.57, 0.96, 1.17, 1.31, 1.38, 1.45, 1.51],
        ),
        (
            RandomIndex::Saaty1980,
            &[
                0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57,
                1.59,
            ],
        ),
        (
            RandomIndex::Saaty2005,
            &[
                0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58,
                1.59,
            ],
        ),
        (
            RandomIndex::DoneganDodd1991,
            &[
                0.0, 0.0, 0.4914, 0.8286, 1.0591, 1.1797, 1.2519, 1.3171, 1.3733, 1.4055, 1.4213,
                1.4497, 1.4643, 1.4822, 1.4969, 1.5078, 1.5153, 1.5262, 1.5313, 1.5371,
            ],
        ),
    ];
    for (table, values) in tables {
        for (k, &value) in values.iter().enumerate() {
            assert_eq!(
                table.value(k + 1).unwrap(),
                value,
                "{} order {}",
                table.name(),
                k + 1
            );
        }
    }
    let listed = [
        (25, 1.5619),
        (30, 1.5772),
        (40, 1.5976),
        (50, 1.6102),
        (60, 1.6178),
        (70, 1.6237),
        (80, 1.6277),
        (90, 1.6213),
        (100, 1.6339),
    ];
    for (order, value) in listed {
        assert_eq!(RandomIndex::DoneganDodd1991.value(order).unwrap(), value);
    }
    // Published tables end there; past the end is an error, never an extrapolation.
    assert!(RandomIndex::GuptaPaper.value(10).is_err());
    assert!(RandomIndex::Saaty1980.value(16).is_err());
    assert!(RandomIndex::Saaty2005.value(16).is_err());
}

/// Aguarón & Moreno-Jiménez (2003), EJOR 147: thresholds 0.31 (t = 3), 0.35 (t = 4), 0.37
/// (t > 4).
#[test]
fn gci_thresholds_as_published() {
    let threshold = |t: usize| {
        let upper = vec![1.0; t * (t - 1) / 2];
        GeometricConsistency::compute(&JudgmentMatrix::from_upper_triangle(&upper).unwrap())
            .unwrap()
            .threshold
    };
    assert_eq!(threshold(2), None);
    assert_eq!(threshold(3), Some(0.31));
    assert_eq!(threshold(4), Some(0.35));
    assert_eq!(threshold(5), Some(0.37));
    assert_eq!(threshold(12), Some(0.37));
}

/// A three-level hierarchy: goal judged by (3, 5, 2) over A, B, C; A judged by the walkthrough
/// matrix over A1..A4; B a leaf; C weighted 1/2, 1/2 over C1, C2. Expected values from the
/// independent computation, with Saaty (1980) RI: CR_H = (CI_goal + w_A·CI_A) /
/// (0.58 + w_A·0.90).
#[test]
fn hierarchy_global_weights_and_consistency() {
    let hierarchy = Hierarchy::new(Criterion::judged(
        "Goal",
        JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0]).unwrap(),
        [
            Criterion::judged(
                "A",
                JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0, 2.0, 0.5, 1.0 / 3.0]).unwrap(),
                ["A1", "A2", "A3", "A4"].map(Criterion::leaf),
            ),
            Criterion::leaf("B"),
            Criterion::weighted(
                "C",
                Weights::new(&[0.5, 0.5]).unwrap(),
                ["C1", "C2"].map(Criterion::leaf),
            ),
        ],
    ))
    .unwrap();
    let synthesis = hierarchy.synthesize(&AhpOptions::default()).unwrap();
    let expected = [
        0.31326546469233574,
        0.10170724541199884,
        0.057194187166443484,
        0.17616211655145858,
        0.22965079406263714,
        0.061010096057563114,
        0.061010096057563114,
    ];
    assert_relative_eq!(
        synthesis.leaf_weights().as_slice(),
        &expected[..],
        max_relative = INDEPENDENT
    );
    assert_abs_diff_eq!(
        synthesis.consistency().cr,
        0.004284421656489267,
        epsilon = INDEPENDENT
    );
    assert!(synthesis.consistency().acceptable);
    assert!(synthesis.consistency().all_nodes_acceptable);
    let c = hierarchy.find("C").unwrap();
    assert!(synthesis.consistency_of(c).is_none());
    assert_relative_eq!(
        synthesis.global_weight(c).unwrap(),
        0.12202019211512623,
        max_relative = INDEPENDENT
    );
}

/// Sums of up to three products of one-decimal numbers, then a division: within a few ulps
/// (2.2e-16 relative each) of the hand result.
const HAND: f64 = 1e-15 * 4.0;

/// A = (0.5, 0.3, 0.2) over three indicators, R with four grades:
///   (0.4, 0.4, 0.2, 0.0), (0.1, 0.5, 0.3, 0.1), (0.0, 0.2, 0.5, 0.3).
fn hand_example() -> (Vec<f64>, MembershipMatrix) {
    let r = MembershipMatrix::from_rows(&[
        [0.4, 0.4, 0.2, 0.0],
        [0.1, 0.5, 0.3, 0.1],
        [0.0, 0.2, 0.5, 0.3],
    ])
    .unwrap();
    (vec![0.5, 0.3, 0.2], r)
}

/// By hand, b_h = Σ a_i·r_ih:
///   b1 = 0.20 + 0.03 + 0.00 = 0.23; b2 = 0.20 + 0.15 + 0.04 = 0.39;
///   b3 = 0.10 + 0.09 + 0.10 = 0.29; b4 = 0.00 + 0.03 + 0.06 = 0.09; Σ = 1.
#[test]
fn weighted_average_by_hand() {
    let (a, r) = hand_example();
    let b = Operator::WeightedAverage.compose(&a, &r).unwrap();
    assert_relative_eq!(b.raw(), &[0.23, 0.39, 0.29, 0.09][..], max_relative = HAND);
    assert_relative_eq!(b.normalized(), b.raw(), max_relative = HAND);
}

/// By hand, b_h = max_i min(a_i, r_ih):
///   b1 = max(0.4, 0.1, 0.0) = 0.4; b2 = max(0.4, 0.3, 0.2) = 0.4;
///   b3 = max(0.2, 0.3, 0.2) = 0.3; b4 = max(0.0, 0.1, 0.2) = 0.2; Σ = 1.3.
#[test]
fn zadeh_min_max_by_hand() {
    let (a, r) = hand_example();
    let b = Operator::ZadehMinMax.compose(&a, &r).unwrap();
    assert_eq!(b.raw(), &[0.4, 0.4, 0.3, 0.2]);
    let thirteenths = [4.0 / 13.0, 4.0 / 13.0, 3.0 / 13.0, 2.0 / 13.0];
    assert_relative_eq!(b.normalized(), &thirteenths[..], max_relative = HAND);
}

/// By hand, b_h = max_i a_i·r_ih:
///   b1 = max(0.20, 0.03, 0.00) = 0.20; b2 = max(0.20, 0.15, 0.04) = 0.20;
///   b3 = max(0.10, 0.09, 0.10) = 0.10; b4 = max(0.00, 0.03, 0.06) = 0.06; Σ = 0.56,
///   normalized (5/14, 5/14, 5/28, 3/28).
#[test]
fn product_max_by_hand() {
    let (a, r) = hand_example();
    let b = Operator::ProductMax.compose(&a, &r).unwrap();
    assert_relative_eq!(b.raw(), &[0.2, 0.2, 0.1, 0.06][..], max_relative = HAND);
    let expected = [5.0 / 14.0, 5.0 / 14.0, 5.0 / 28.0, 3.0 / 28.0];
    assert_relative_eq!(b.normalized(), &expected[..], max_relative = HAND);
}

/// By hand, b_h = min(1, Σ_i min(a_i, r_ih)):
///   b1 = 0.4 + 0.1 + 0.0 = 0.5; b2 = 0.4 + 0.3 + 0.2 = 0.9;
///   b3 = 0.2 + 0.3 + 0.2 = 0.7; b4 = 0.0 + 0.1 + 0.2 = 0.3; Σ = 2.4 → (5, 9, 7, 3)/24.
/// And the cap: A = (0.6, 0.6), rows (0.9, 0.1), (0.8, 0.2): b1 = min(1, 0.6 + 0.6) = 1,
/// b2 = 0.1 + 0.2 = 0.3.
#[test]
fn min_bounded_sum_by_hand() {
    let (a, r) = hand_example();
    let b = Operator::MinBoundedSum.compose(&a, &r).unwrap();
    assert_relative_eq!(b.raw(), &[0.5, 0.9, 0.7, 0.3][..], max_relative = HAND);
    let expected = [5.0 / 24.0, 9.0 / 24.0, 7.0 / 24.0, 3.0 / 24.0];
    assert_relative_eq!(b.normalized(), &expected[..], max_relative = HAND);

    let r = MembershipMatrix::from_rows(&[[0.9, 0.1], [0.8, 0.2]]).unwrap();
    let capped = Operator::MinBoundedSum.compose(&[0.6, 0.6], &r).unwrap();
    assert_relative_eq!(capped.raw(), &[1.0, 0.3][..], max_relative = HAND);
}

/// A two-level evaluation by hand. Goal weights F = (0.6, 0.4) over A and B; A weights
/// D = (0.5, 0.5) over A1, A2. Rows: A1 (0.2, 0.8), A2 (0.6, 0.4), B (1, 0); grade scores
/// (1, 0).
///   Weighted average: G_A = (0.1 + 0.3, 0.4 + 0.2) = (0.4, 0.6);
///     E = 0.6·(0.4, 0.6) + 0.4·(1, 0) = (0.64, 0.36); verdict grade 0; score 0.64;
///     contributions A: 0.6·(0.4, 0.6) = (0.24, 0.36), B: (0.4, 0).
///   Zadeh: G_A = (max(0.2, 0.5), max(0.5, 0.4)) = (0.5, 0.5);
///     E = (max(0.5, 0.4), max(0.5, 0)) = (0.5, 0.5): a tie.
#[test]
fn two_level_evaluation_by_hand() {
    let hierarchy = Hierarchy::new(Criterion::weighted(
        "Goal",
        Weights::new(&[0.6, 0.4]).unwrap(),
        [
            Criterion::weighted(
                "A",
                Weights::new(&[0.5, 0.5]).unwrap(),
                ["A1", "A2"].map(Criterion::leaf),
            ),
            Criterion::leaf("B"),
        ],
    ))
    .unwrap();
    let grades = Grades::with_scores(["good", "bad"], [1.0, 0.0]).unwrap();
    let evaluator = Evaluator::new(hierarchy, grades, &AhpOptions::default()).unwrap();
    let r = MembershipMatrix::from_rows(&[[0.2, 0.8], [0.6, 0.4], [1.0, 0.0]]).unwrap();

    let e = evaluator.evaluate(&r).unwrap();
    let a = evaluator.hierarchy().find("A").unwrap();
    assert_relative_eq!(
        e.vector_of(a).unwrap(),
        &[0.4, 0.6][..],
        max_relative = HAND
    );
    assert_relative_eq!(e.result(), &[0.64, 0.36][..], max_relative = HAND);
    assert_eq!(e.verdict().grade, 0);
    assert!(!e.verdict().tied);
    assert_relative_eq!(e.score().unwrap(), 0.64, max_relative = HAND);
    let parts = e.contributions();
    assert_eq!(parts[0].name, "A");
    assert_relative_eq!(
        &parts[0].weighted[..],
        &[0.24, 0.36][..],
        max_relative = HAND
    );
    assert_relative_eq!(&parts[1].weighted[..], &[0.4, 0.0][..], max_relative = HAND);

    let zadeh = evaluator
        .clone()
        .with_operator(Operator::ZadehMinMax)
        .evaluate(&r)
        .unwrap();
    assert_eq!(zadeh.vector_of(a).unwrap(), &[0.5, 0.5]);
    assert_eq!(zadeh.result(), &[0.5, 0.5]);
    assert!(zadeh.verdict().tied);
}

/// Table 1 of Li, Zhang & Han, "Research on Risk Analysis and Countermeasures of Micro Store
/// Operation Model", section 4.5: 215 valid cases, no missing; per area the mean (2 decimals),
/// standard error, standard deviation and variance (as printed). The shipped responses were
/// built to reproduce them (examples/data/micro_store/build_table1_data.py); every statistic
/// computed from them must round to the printed figure.
#[test]
fn micro_store_table_1() {
    use ahp_fce::survey::{ResponseTable, Scale};
    let csv = include_str!("../examples/data/micro_store/responses.csv");
    let table = ResponseTable::from_csv(csv.as_bytes(), Scale::Rank { items: 4 }).unwrap();
    // (mean, se, sd, variance) with the decimals each is printed to.
    let published = [
        ([3.72, 0.05, 0.727, 0.529], [2, 2, 3, 3]),
        ([2.00, 0.07, 1.023, 1.047], [2, 2, 3, 3]),
        ([2.02, 0.055, 0.811, 0.658], [2, 3, 3, 3]),
        ([2.26, 0.059, 0.867, 0.752], [2, 3, 3, 3]),
    ];
    let rounds_to = |value: f64, printed: f64, decimals: i32| {
        (value - printed).abs() <= 0.5 * 10f64.powi(-decimals)
    };
    for (s, (values, decimals)) in table.statistics().iter().zip(published) {
        assert_eq!((s.valid, s.missing), (215, 0));
        let ours = [
            s.mean.unwrap(),
            s.standard_error.unwrap(),
            s.standard_deviation.unwrap(),
            s.variance.unwrap(),
        ];
        for k in 0..4 {
            assert!(
                rounds_to(ours[k], values[k], decimals[k]),
                "{}: statistic {k} is {} but {} was published",
                s.item,
                ours[k],
                values[k]
            );
        }
    }
    let key: Vec<String> = table.key_factors(3.2).into_iter().map(|f| f.item).collect();
    assert_eq!(key, ["Credit risks"]);
}

/// Saaty (2005), p. 31, obtained his random indices by simulating random reciprocal matrices
/// on the 1–9 scale; our simulation of the same experiment must land on his figures within
/// their two-decimal rounding plus sampling error. With 20 000 matrices the standard error is
/// below 0.0035 at every order, so 0.005 + 4 standard errors leaves no room for a wrong
/// distribution, scale or CI formula (a mistake of one scale value moves RI by more than 0.02).
#[test]
fn simulated_random_indices_agree_with_saaty_2005() {
    use ahp_fce::simulate_random_index;
    for order in 3..=9 {
        let estimate =
            simulate_random_index(order, 20_000, 11, WeightingMethod::Eigenvector).unwrap();
        let published = RandomIndex::Saaty2005.value(order).unwrap();
        let allowed = 0.005 + 4.0 * estimate.standard_error;
        assert!(
            (estimate.ri - published).abs() <= allowed,
            "order {order}: simulated {} ± {}, published {published}",
            estimate.ri,
            estimate.standard_error
        );
    }
    // The same seed gives the same figure, bit for bit.
    let a = simulate_random_index(7, 1_000, 5, WeightingMethod::GeometricMean).unwrap();
    let b = simulate_random_index(7, 1_000, 5, WeightingMethod::GeometricMean).unwrap();
    assert_eq!(a, b);
}

/// A panel of the 200 respondents of ahpsurvey's `city200` (`tests/data/`), against what the
/// package's vignette prints for the same data (F. Cho, "Analytic Hierarchy Process for Survey
/// Data in R", vignette of ahpsurvey 0.4.0).
mod city200 {
    use ahp_fce::survey::PriorityMean;
    use ahp_fce::{
        AhpOptions, ConsistencyOptions, JudgmentMatrix, LambdaMax, Panel, PanelAggregation,
        RandomIndex, WeightingMethod,
    };
    use approx::assert_abs_diff_eq;

    /// Each respondent's matrix over (culture, family, housing, jobs, transportation). Column
    /// `a_b` holds −k for "a is k times as important as b" and k for the reverse.
    fn respondents() -> Vec<(String, JudgmentMatrix)> {
        let text = include_str!("data/ahpsurvey-city200.csv");
        text.lines()
            .skip(1)
            .enumerate()
            .map(|(k, line)| {
                let upper: Vec<f64> = line
                    .split(',')
                    .map(|cell| {
                        let v: f64 = cell.trim().parse().unwrap();
                        if v < 0.0 {
                            -v
                        } else {
                            1.0 / v
                        }
                    })
                    .collect();
                let matrix = JudgmentMatrix::from_upper_triangle(&upper).unwrap();
                (format!("respondent {}", k + 1), matrix)
            })
            .collect()
    }

    fn panel(aggregation: PanelAggregation) -> Panel {
        Panel::new(respondents(), None, aggregation).unwrap()
    }

    /// `ahp.aggjudge(aggmethod = "geometric")`, printed with three decimals (two in the last
    /// column): every entry within half a unit of its last printed digit.
    #[test]
    fn aggregated_judgments_as_printed() {
        let printed = [
            [1.000, 0.220, 3.093, 0.488, 4.64],
            [4.541, 1.000, 6.461, 1.704, 6.15],
            [0.323, 0.155, 1.000, 0.249, 2.93],
            [2.048, 0.587, 4.019, 1.000, 7.04],
            [0.216, 0.163, 0.342, 0.142, 1.00],
        ];
        let panel = panel(PanelAggregation::Judgments);
        assert_eq!(panel.len(), 200);
        let group = panel.group_matrix();
        for (x, row) in printed.iter().enumerate() {
            for (y, &value) in row.iter().enumerate() {
                let half_digit = if y == 4 { 0.005 } else { 0.0005 };
                assert_abs_diff_eq!(group.get(x, y).unwrap(), value, epsilon = half_digit);
            }
        }
    }

    /// `ahp.aggpref(method = "arithmetic")`: normalized-column means per respondent, averaged
    /// arithmetically; printed with four decimals.
    #[test]
    fn aggregated_priorities_as_printed() {
        let options = AhpOptions::default().with_weighting(WeightingMethod::ArithmeticMean);
        let analysis = panel(PanelAggregation::Priorities(PriorityMean::Arithmetic))
            .analyze(&options)
            .unwrap();
        let printed = [0.1620, 0.4367, 0.0761, 0.2827, 0.0424];
        for (w, p) in analysis.weights.iter().zip(printed) {
            assert_abs_diff_eq!(w, p, epsilon = 0.00005);
        }
    }

    /// `ahp.cr` (λmax the principal eigenvalue, RI of Saaty's 2005 table, 1.11 for five
    /// items): 130 of the 200 respondents have CR ≤ 0.1. An independent recomputation puts the
    /// nearest CR 1.9e-5 from 0.1, so `<` and `≤` count the same.
    #[test]
    fn consistent_respondents_as_counted() {
        let options = AhpOptions {
            weighting: WeightingMethod::Eigenvector,
            consistency: ConsistencyOptions::default()
                .with_random_index(RandomIndex::Saaty2005)
                .with_lambda_max(LambdaMax::PerronRoot),
        };
        let analysis = panel(PanelAggregation::Judgments)
            .analyze(&options)
            .unwrap();
        assert_eq!(analysis.acceptable_experts(), 130);
        assert_eq!(analysis.experts[0].name, "respondent 1");
    }

    /// Goepel's consensus of the respondents' geometric-mean priorities, against an
    /// independent pure-Python computation of the same definition (entropies summed in another
    /// order, no code shared): S* = 0.9709959414058023, Hβ = 0.012609082288606466. 1e-12:
    /// sums of 200 entropies, each a few roundings.
    #[test]
    fn consensus_of_the_panel() {
        let analysis = panel(PanelAggregation::Judgments)
            .analyze(&AhpOptions::default())
            .unwrap();
        let consensus = analysis.consensus.unwrap();
        assert_abs_diff_eq!(consensus.value, 0.9709959414058023, epsilon = 1e-12);
        assert_abs_diff_eq!(
            consensus.beta_entropy,
            0.012609082288606466,
            epsilon = 1e-12
        );
        assert_eq!(consensus.level, ahp_fce::ConsensusLevel::VeryHigh);
    }
}

/// Saaty's house example (Saaty 2003, "Decision-making with the AHP: why is the principal
/// eigenvector necessary", *EJOR* 145, 85–91), as printed in ahpsurvey's vignette: CR 0.17
/// (λmax the principal eigenvalue, Saaty's 2005 RI 1.40 for eight items); the most
/// inconsistent judgment is neighbourhood over condition, b_[3,7] = 6; Saaty's maximum
/// deviation method, which removes it and fills it from the others by Harker's method, gives
/// 0.459 (and 2.180 below the diagonal), printed with three decimals.
mod saaty_house {
    use super::THREE_DECIMALS;
    use ahp_fce::ahp::Inconsistency;
    use ahp_fce::{
        AhpOptions, CompletionMethod, ConsistencyOptions, IncompleteJudgments, JudgmentMatrix,
        LambdaMax, RandomIndex, WeightingMethod,
    };
    use approx::assert_abs_diff_eq;

    /// Size, transportation, neighbourhood, age, yard, modern facilities, condition, finance.
    const UPPER: [f64; 28] = [
        5.0,
        3.0,
        7.0,
        6.0,
        6.0,
        1.0 / 3.0,
        1.0 / 4.0, // size
        1.0 / 3.0,
        5.0,
        3.0,
        3.0,
        1.0 / 5.0,
        1.0 / 7.0, // transportation
        6.0,
        3.0,
        4.0,
        6.0,
        1.0 / 5.0, // neighbourhood
        1.0 / 3.0,
        1.0 / 4.0,
        1.0 / 7.0,
        1.0 / 8.0, // age
        1.0 / 2.0,
        1.0 / 5.0,
        1.0 / 6.0, // yard
        1.0 / 5.0,
        1.0 / 6.0, // modern facilities
        1.0 / 2.0, // condition
    ];

    fn options() -> AhpOptions {
        AhpOptions {
            weighting: WeightingMethod::Eigenvector,
            consistency: ConsistencyOptions::default()
                .with_random_index(RandomIndex::Saaty2005)
                .with_lambda_max(LambdaMax::PerronRoot),
        }
    }

    #[test]
    fn consistency_and_the_worst_judgment() {
        let b = JudgmentMatrix::from_upper_triangle(&UPPER).unwrap();
        let analysis = options().analyze(&b).unwrap();
        assert_abs_diff_eq!(analysis.consistency.cr, 0.17, epsilon = 0.005);
        let found = Inconsistency::analyze(&b, &analysis.weights).unwrap();
        let worst = found.judgments[0];
        assert_eq!((worst.row, worst.col, worst.value), (2, 6, 6.0));
        // The suggested repair changes the judgment Saaty's method does, once, and CR falls
        // below 0.1. Its value differs: the scale value nearest w_3 / w_7 under the weights
        // with the judgment in place (1.13, so 1), where Saaty's method first removes it.
        let repair = options().suggest_repair(&b).unwrap();
        assert_eq!(repair.steps.len(), 1);
        let step = repair.steps[0];
        assert_eq!((step.row, step.col, step.from, step.to), (2, 6, 6.0, 1.0));
        assert!(step.cr_after < 0.1 && repair.acceptable);
    }

    #[test]
    fn maximum_deviation_replacement() {
        let mut upper: Vec<Option<f64>> = UPPER.iter().copied().map(Some).collect();
        // b_[3,7] (one-based) is upper entry (2, 6): after 7 + 6 entries of rows 0 and 1,
        // the fourth of row 2 (whose entries start at column 3).
        upper[7 + 6 + 3] = None;
        let completed = IncompleteJudgments::from_upper_triangle(&upper)
            .unwrap()
            .complete(CompletionMethod::Harker)
            .unwrap();
        assert_abs_diff_eq!(
            completed.get(2, 6).unwrap(),
            0.459,
            epsilon = THREE_DECIMALS
        );
        assert_abs_diff_eq!(
            completed.get(6, 2).unwrap(),
            2.180,
            epsilon = THREE_DECIMALS
        );
        // The matrix with that value in place, judged as a complete one. An independent
        // computation (power iterations) gives CR 0.08277265223142379 against RI 1.40; the
        // vignette's 0.082 is what RI 1.41 (Saaty 1980) gives, 0.0822. 1e-10: both sides
        // stop their eigen-iterations near 1e-12.
        let replaced = JudgmentMatrix::from_rows(&completed.to_rows()).unwrap();
        let cr = options().analyze(&replaced).unwrap().consistency.cr;
        assert_abs_diff_eq!(cr, 0.08277265223142379, epsilon = 1e-10);
    }
}

/// The example of the R package MCDA's `pairwiseConsistencyMeasures` (its own test asserts
/// these, rounded to three decimals): CR 0.164 (λmax the principal eigenvalue, Aguarón &
/// Moreno-Jiménez's RI 0.882 for four items) and Koczkodaj's index 0.792.
#[test]
fn mcda_example_cr_and_koczkodaj_index() {
    use ahp_fce::ahp::koczkodaj_index;
    use ahp_fce::LambdaMax;
    let b = JudgmentMatrix::from_rows(&[
        vec![1.0, 0.25, 4.0, 1.0 / 6.0],
        vec![4.0, 1.0, 4.0, 0.25],
        vec![0.25, 0.25, 1.0, 0.2],
        vec![6.0, 4.0, 5.0, 1.0],
    ])
    .unwrap();
    let options = AhpOptions {
        weighting: WeightingMethod::Eigenvector,
        consistency: ConsistencyOptions::default()
            .with_random_index(RandomIndex::AguaronMorenoJimenez2003)
            .with_lambda_max(LambdaMax::PerronRoot),
    };
    let report = options.analyze(&b).unwrap().consistency;
    assert_abs_diff_eq!(report.cr, 0.164, epsilon = THREE_DECIMALS);
    assert_abs_diff_eq!(koczkodaj_index(&b), 0.792, epsilon = THREE_DECIMALS);
    assert_abs_diff_eq!(report.koczkodaj.unwrap(), 0.792, epsilon = THREE_DECIMALS);
}

/// Alternatives synthesized as the Python package ahpy's README works the leader and car
/// examples of the English Wikipedia's AHP article (principal-eigenvector weights, λmax the
/// Perron root). ahpy rounds every node's weights to three decimals before it synthesizes, so
/// its printed targets are within 0.001, not half a unit, of the exact ones; an independent
/// computation (2,000–3,000 power iterations in pure Python, no shared code) gives the exact
/// values, to 1e-9: both eigen-iterations stop near 1e-12, amplified by the spectral gap.
#[cfg(feature = "model")]
mod alternatives {
    use ahp_fce::model::Model;
    use approx::assert_abs_diff_eq;
    use std::path::Path;

    const ROUNDED_BY_AHPY: f64 = 0.001;
    const EIGEN: f64 = 1e-9;

    fn shipped(name: &str) -> Model {
        Model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
    }

    #[test]
    fn the_leader_example() {
        let report = shipped("examples/models/leader.toml").evaluate().unwrap();
        let a = report.alternatives.as_ref().unwrap();
        assert_eq!(a.names, ["Moll", "Nell", "Sue"]);
        let exact = [0.3581367694223652, 0.49278818823437454, 0.14907504234326013];
        let ahpy = [0.358, 0.493, 0.15];
        for ((ours, exact), ahpy) in a.overall.iter().zip(exact).zip(ahpy) {
            assert_abs_diff_eq!(*ours, exact, epsilon = EIGEN);
            assert_abs_diff_eq!(*ours, ahpy, epsilon = ROUNDED_BY_AHPY);
        }
        assert_eq!(a.ranking[0].name, "Nell");
        // ahpy: experience local weights Moll 0.217, Nell 0.717, Sue 0.066, CR 0.035;
        // education CR 0.062; the criteria's CR 0.044.
        let experience = &a.leaves[0];
        for (ours, ahpy) in experience.priorities.iter().zip([0.217, 0.717, 0.066]) {
            assert_abs_diff_eq!(*ours, ahpy, epsilon = super::THREE_DECIMALS);
        }
        let cr = |k: usize| a.leaves[k].consistency.as_ref().unwrap().cr;
        assert_abs_diff_eq!(cr(0), 0.035, epsilon = super::THREE_DECIMALS);
        assert_abs_diff_eq!(cr(1), 0.062, epsilon = super::THREE_DECIMALS);
        let goal = report.nodes[0].consistency.as_ref().unwrap().cr;
        assert_abs_diff_eq!(goal, 0.044, epsilon = super::THREE_DECIMALS);
        // The alternatives' matrices enter the hierarchy's CR as the level below the leaves.
        assert_eq!(report.hierarchy_consistency.levels.len(), 2);
        assert_eq!(report.hierarchy_consistency.levels[1].matrices, 4);
    }

    /// The weights at which the leader changes, against an independent computation of the
    /// crossing of two linear overall priorities (same script, to 1e-9 as above).
    #[test]
    fn the_leader_example_sensitivity() {
        let report = shipped("examples/models/leader.toml").evaluate().unwrap();
        let s = &report.alternatives.as_ref().unwrap().sensitivity;
        let paths: Vec<&str> = s.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "Choose a leader/Experience",
                "Choose a leader/Education",
                "Choose a leader/Charisma",
                "Choose a leader/Age"
            ]
        );
        // Experience below 0.3808: Moll overtakes Nell.
        let experience = s[0].sensitivity.top.unwrap();
        assert_abs_diff_eq!(
            experience.down.unwrap(),
            0.3807772466243305,
            epsilon = EIGEN
        );
        assert_eq!(experience.up, None);
        // Education above 0.4288: Sue overtakes Nell; Sue passes Moll first, at 0.3696.
        assert_abs_diff_eq!(
            s[1].sensitivity.top.unwrap().up.unwrap(),
            0.4287653336395694,
            epsilon = EIGEN
        );
        assert_abs_diff_eq!(
            s[1].sensitivity.ranks.unwrap().up.unwrap(),
            0.36960183148738984,
            epsilon = EIGEN
        );
        // Charisma above 0.4137: Moll overtakes Nell.
        assert_abs_diff_eq!(
            s[2].sensitivity.top.unwrap().up.unwrap(),
            0.41374314009015584,
            epsilon = EIGEN
        );
        // Age can move anywhere in [0, 1] without changing the order.
        assert_eq!(s[3].sensitivity.ranks.unwrap().up, None);
        assert_eq!(s[3].sensitivity.ranks.unwrap().down, None);
        // Curves for plots: the three lines at 0, every crossing, the current weight and 1.
        assert!(
            s[0].sensitivity.curve.len() >= 3
                && s[0].sensitivity.curve.iter().all(|p| p.scores.len() == 3)
        );
    }

    #[test]
    fn the_car_example_with_measured_values() {
        let report = shipped("examples/models/car.json").evaluate().unwrap();
        let a = report.alternatives.as_ref().unwrap();
        let exact = [
            0.2100245720648383,
            0.15397843175131506,
            0.10747751674508742,
            0.14928884062821096,
            0.16140942518142284,
            0.21782121362912552,
        ];
        // ahpy: Odyssey 0.218, Accord Sedan 0.21, Element 0.161, Accord Hybrid 0.154,
        // CR-V 0.149, Pilot 0.108 (in the file's order below).
        let ahpy = [0.21, 0.154, 0.108, 0.149, 0.161, 0.218];
        for ((ours, exact), ahpy) in a.overall.iter().zip(exact).zip(ahpy) {
            assert_abs_diff_eq!(*ours, exact, epsilon = EIGEN);
            assert_abs_diff_eq!(*ours, ahpy, epsilon = ROUNDED_BY_AHPY);
        }
        // Style's judgments fail CR 0.1 against Donegan & Dodd's RI: diagnosed like a node's,
        // with a repair that reaches the threshold.
        let style = a
            .leaves
            .iter()
            .find(|l| l.path.ends_with("/Style"))
            .unwrap();
        assert!(!style.consistency.as_ref().unwrap().acceptable);
        assert!(
            style
                .inconsistency
                .as_ref()
                .unwrap()
                .repair_reaches_threshold
        );
        assert!(
            a.leaves
                .iter()
                .filter(|l| l.inconsistency.is_some())
                .count()
                == 1
        );
        // ahpy's passenger weights: Pilot and Odyssey 0.229, Sedan, Hybrid and CR-V 0.143,
        // Element 0.114 (5, 5, 8, 5, 4, 8 normalized).
        let passenger = a.leaves.last().unwrap();
        for (ours, v) in passenger
            .priorities
            .iter()
            .zip([5.0, 5.0, 8.0, 5.0, 4.0, 8.0])
        {
            assert_abs_diff_eq!(*ours, v / 35.0, epsilon = 1e-15);
        }
    }

    /// The same car with every leaf compared pairwise, as in ahpy's first car example.
    #[test]
    fn the_car_example_with_judgments_everywhere() {
        let mut model: serde_json::Value =
            serde_json::from_str(include_str!("../examples/models/car.json")).unwrap();
        let pairs = |values: [&str; 15]| {
            let cars = [
                "Accord Sedan",
                "Accord Hybrid",
                "Pilot",
                "CR-V",
                "Element",
                "Odyssey",
            ];
            let mut out = Vec::new();
            let mut k = 0;
            for x in 0..6 {
                for y in x + 1..6 {
                    out.push(serde_json::json!([cars[x], cars[y], values[k]]));
                    k += 1;
                }
            }
            serde_json::json!({ "comparisons": { "pairs": out } })
        };
        let fuel = [
            "1/1.13", "1.41", "1.15", "1.24", "1.19", "1.59", "1.3", "1.4", "1.35", "1/1.23",
            "1/1.14", "1/1.18", "1.08", "1.04", "1/1.04",
        ];
        let resale = [
            "3", "4", "1/2", "2", "2", "2", "1/5", "1", "1", "1/6", "1/2", "1/2", "4", "4", "1",
        ];
        let cargo = [
            "1", "1/2", "1/2", "1/2", "1/3", "1/2", "1/2", "1/2", "1/3", "1", "1", "1/2", "1",
            "1/2", "1/2",
        ];
        let passenger = [
            "1", "1/2", "1", "3", "1/2", "1/2", "1", "3", "1/2", "2", "6", "1", "3", "1/2", "1/6",
        ];
        let children = &mut model["hierarchy"]["children"];
        children[0]["children"][1]["alternatives"] = pairs(fuel);
        children[0]["children"][3]["alternatives"] = pairs(resale);
        children[3]["children"][0]["alternatives"] = pairs(cargo);
        children[3]["children"][1]["alternatives"] = pairs(passenger);
        let report = Model::from_json(&model.to_string())
            .unwrap()
            .evaluate()
            .unwrap();
        let a = report.alternatives.as_ref().unwrap();
        let exact = [
            0.21472427763471988,
            0.1497390111756403,
            0.10604976595787462,
            0.16653465881190813,
            0.14381879203832817,
            0.21913349438152893,
        ];
        // ahpy: Odyssey 0.219, Accord Sedan 0.215, CR-V 0.167, Accord Hybrid 0.15,
        // Element 0.144, Pilot 0.106.
        let ahpy = [0.215, 0.15, 0.106, 0.167, 0.144, 0.219];
        for ((ours, exact), ahpy) in a.overall.iter().zip(exact).zip(ahpy) {
            assert_abs_diff_eq!(*ours, exact, epsilon = EIGEN);
            assert_abs_diff_eq!(*ours, ahpy, epsilon = ROUNDED_BY_AHPY);
        }
        assert_eq!(a.ranking[0].name, "Odyssey");
    }
}
