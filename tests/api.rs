//! The public API's behaviour at its edges: each validation error with its location, lookups,
//! options, and (with the `serde` feature) validating deserialization.

use ahp_fce::error::{Collection, ErrorKind, Location, Quantity};
use ahp_fce::{
    AhpOptions, Composition, ConsistencyOptions, ConsistencyReport, CrThreshold, Criterion, Error,
    Evaluator, Grades, Hierarchy, JudgmentMatrix, MembershipMatrix, Operator, RandomIndex,
    RandomIndexTable, TieTolerance, WeightingMethod, Weights,
};
use ndarray::{array, ShapeBuilder};

fn upper(values: &[f64]) -> JudgmentMatrix {
    JudgmentMatrix::from_upper_triangle(values).unwrap()
}

#[test]
fn matrix_shape_errors() {
    let empty: [[f64; 0]; 0] = [];
    assert_eq!(
        JudgmentMatrix::from_rows(&empty).map_err(Error::into_kind),
        Err(ErrorKind::Empty {
            what: Collection::JudgmentMatrix
        })
    );
    assert_eq!(
        JudgmentMatrix::from_array(&array![[1.0, 2.0, 3.0], [0.5, 1.0, 1.0]])
            .map_err(Error::into_kind),
        Err(ErrorKind::NotSquare { rows: 2, cols: 3 })
    );
    assert_eq!(
        JudgmentMatrix::from_rows(&[vec![1.0, 2.0], vec![0.5]]).map_err(Error::into_kind),
        Err(ErrorKind::RaggedRow {
            row: 1,
            len: 1,
            expected: 2
        })
    );
    assert_eq!(
        JudgmentMatrix::from_upper_triangle(&[2.0, 3.0]).map_err(Error::into_kind),
        Err(ErrorKind::UpperTriangleLength { len: 2 })
    );
}

#[test]
fn matrix_entry_errors_name_position_and_value() {
    assert_eq!(
        JudgmentMatrix::from_rows(&[[1.0, 2.0], [0.5, 2.0]]).map_err(Error::into_kind),
        Err(ErrorKind::DiagonalNotOne {
            index: 1,
            value: 2.0
        })
    );
    assert_eq!(
        JudgmentMatrix::from_upper_triangle(&[2.0, -3.0, 1.0]).map_err(Error::into_kind),
        Err(ErrorKind::NonPositive {
            row: 0,
            col: 2,
            value: -3.0
        })
    );
    assert!(matches!(
        JudgmentMatrix::from_upper_triangle(&[2.0, 3.0, f64::NAN]).map_err(Error::into_kind),
        Err(ErrorKind::NonFinite { row: 1, col: 2, value }) if value.is_nan()
    ));
    let err = JudgmentMatrix::from_rows(&[[1.0, 3.0], [3.0, 1.0]]).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::NotReciprocal {
            row: 0,
            col: 1,
            a_ij: 3.0,
            a_ji: 3.0,
            tolerance: 0.05
        }
    );
    assert!(err.to_string().contains("product is 9"), "{err}");
}

#[test]
fn saaty_scale_check_accepts_typed_reciprocals() {
    let typed = JudgmentMatrix::from_rows(&[[1.0, 3.0], [0.333, 1.0]]).unwrap();
    assert!(typed.check_saaty_scale().is_ok());
    assert_eq!(
        upper(&[3.0, 10.0, 1.0])
            .check_saaty_scale()
            .map_err(Error::into_kind),
        Err(ErrorKind::OffSaatyScale {
            row: 0,
            col: 2,
            value: 10.0
        })
    );
}

#[test]
fn small_matrices_are_always_consistent() {
    for b in [upper(&[]), upper(&[7.0])] {
        for method in [
            WeightingMethod::GeometricMean,
            WeightingMethod::Eigenvector,
            WeightingMethod::ArithmeticMean,
        ] {
            let report = AhpOptions::default()
                .with_weighting(method)
                .analyze(&b)
                .unwrap()
                .consistency;
            assert_eq!(report.cr, 0.0);
            assert_eq!(report.ri, 0.0);
            assert!(report.acceptable);
        }
    }
    // Even a table that does not list orders 1 and 2 judges them.
    let table = RandomIndex::Custom(RandomIndexTable::new(vec![0.0]).unwrap());
    let report = AhpOptions::default()
        .with_random_index(table)
        .analyze(&upper(&[7.0]))
        .unwrap();
    assert!(report.consistency.acceptable);
}

#[test]
fn an_inconsistent_matrix_fails_and_the_threshold_is_configurable() {
    // A prefers B 9:1, B prefers C 9:1, yet C prefers A 9:1: a cycle.
    let cycle = upper(&[9.0, 1.0 / 9.0, 9.0]);
    let report = AhpOptions::default().analyze(&cycle).unwrap().consistency;
    assert!(report.cr > 1.0 && !report.acceptable, "{report:?}");
    let lenient = AhpOptions::default().with_threshold(CrThreshold::new(1e6).unwrap());
    assert!(lenient.analyze(&cycle).unwrap().consistency.acceptable);
    assert_eq!(
        CrThreshold::new(0.0).map_err(Error::into_kind),
        Err(ErrorKind::InvalidThreshold { value: 0.0 })
    );
}

#[test]
fn weights_of_the_wrong_length_are_rejected() {
    let b = upper(&[3.0, 5.0, 2.0]);
    let w = Weights::new(&[0.5, 0.5]).unwrap();
    assert_eq!(
        ConsistencyReport::compute(&b, &w, &ConsistencyOptions::default())
            .map_err(Error::into_kind),
        Err(ErrorKind::LengthMismatch {
            what: Quantity::WeightsPerItem,
            expected: 3,
            found: 2
        })
    );
    // Once reported as "expected 3 values, found 3": now a kind of its own.
    assert_eq!(
        b.permuted(&[0, 0, 1]).map_err(Error::into_kind),
        Err(ErrorKind::NotAPermutation { order: 3, given: 3 })
    );
}

fn sample_tree() -> Criterion {
    Criterion::judged(
        "Goal",
        upper(&[3.0]),
        [
            Criterion::judged("A", upper(&[2.0]), ["x", "y"].map(Criterion::leaf)),
            Criterion::weighted(
                "B",
                Weights::new(&[0.25, 0.75]).unwrap(),
                ["x", "z"].map(Criterion::leaf),
            ),
        ],
    )
}

#[test]
fn hierarchy_lookup_by_id_name_and_path() {
    let h = Hierarchy::new(sample_tree()).unwrap();
    assert_eq!(h.len(), 7);
    let names: Vec<&str> = h.leaves().map(|id| h.get(id).unwrap().name()).collect();
    assert_eq!(names, ["x", "y", "x", "z"]);
    let bx = h.find_path(&["Goal", "B", "x"]).unwrap();
    assert_eq!(h.path(bx), "Goal/B/x");
    assert_eq!(h.get(bx).unwrap().depth(), 2);
    assert_eq!(
        h.find("z").unwrap(),
        h.find_path(&["Goal", "B", "z"]).unwrap()
    );
    assert_eq!(
        h.find("x").map_err(Error::into_kind),
        Err(ErrorKind::AmbiguousName {
            name: "x".into(),
            count: 2,
            paths: "Goal/A/x, Goal/B/x".into()
        })
    );
    assert!(matches!(
        h.find("w").map_err(Error::into_kind),
        Err(ErrorKind::UnknownNode { .. })
    ));
    assert!(matches!(
        h.find_path(&["Goal", "C"]).map_err(Error::into_kind),
        Err(ErrorKind::UnknownPath { path }) if path == "Goal/C"
    ));
    assert!(h.find_path::<&str>(&[]).is_err());
    assert_eq!(h.to_criterion(), sample_tree());
}

#[test]
fn hierarchy_validation_names_the_node() {
    let mut duplicate = sample_tree();
    duplicate.children[1].children[1].name = "x".into();
    assert_eq!(
        Hierarchy::new(duplicate).map_err(Error::into_kind),
        Err(ErrorKind::DuplicateSibling {
            parent: "Goal/B".into(),
            name: "x".into()
        })
    );

    let mut mismatch = sample_tree();
    mismatch.children[0].children.push(Criterion::leaf("w"));
    assert_eq!(
        Hierarchy::new(mismatch).map_err(Error::into_kind),
        Err(ErrorKind::OrderMismatch {
            node: "Goal/A".into(),
            children: 3,
            order: 2
        })
    );

    let mut missing = sample_tree();
    missing.children[0].priorities = None;
    assert_eq!(
        Hierarchy::new(missing).map_err(Error::into_kind),
        Err(ErrorKind::MissingPriorities {
            node: "Goal/A".into(),
            children: 2
        })
    );

    let mut on_leaf = sample_tree();
    on_leaf.children[0].children[0].priorities =
        Some(ahp_fce::Priorities::Weights(Weights::new(&[1.0]).unwrap()));
    assert_eq!(
        Hierarchy::new(on_leaf).map_err(Error::into_kind),
        Err(ErrorKind::PrioritiesOnLeaf {
            node: "Goal/A/x".into()
        })
    );

    let mut unnamed = sample_tree();
    unnamed.children[1].name = "  ".into();
    assert_eq!(
        Hierarchy::new(unnamed).map_err(Error::into_kind),
        Err(ErrorKind::EmptyName {
            parent: "Goal".into()
        })
    );

    assert!(matches!(
        Hierarchy::new(Criterion::leaf("Goal")).map_err(Error::into_kind),
        Err(ErrorKind::Empty { .. })
    ));
}

#[test]
fn synthesis_errors_name_the_node() {
    let ten = vec![1.0; 45];
    let h = Hierarchy::new(Criterion::weighted(
        "Goal",
        Weights::new(&[1.0]).unwrap(),
        [Criterion::judged(
            "Big",
            upper(&ten),
            (0..10).map(|k| Criterion::leaf(format!("i{k}"))),
        )],
    ))
    .unwrap();
    let err = h
        .synthesize(&AhpOptions::default().with_random_index(RandomIndex::GuptaPaper))
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::RandomIndexOutOfRange {
            table: "Gupta (source paper, Table 2)",
            order: 10,
            max_order: 9
        }
    );
    assert!(err.to_string().starts_with("in node `Goal/Big`: "), "{err}");
    assert!(h.synthesize(&AhpOptions::default()).is_ok());
}

#[test]
fn grades_are_validated() {
    assert_eq!(
        Grades::new(["only"]).map_err(Error::into_kind),
        Err(ErrorKind::TooFewGrades { count: 1 })
    );
    assert_eq!(
        Grades::new(["a", "b", "a"]).map_err(Error::into_kind),
        Err(ErrorKind::DuplicateGrade { name: "a".into() })
    );
    assert_eq!(
        Grades::new(["a", " "]).map_err(Error::into_kind),
        Err(ErrorKind::EmptyGradeName { index: 1 })
    );
    assert!(matches!(
        Grades::with_scores(["a", "b"], [1.0]).map_err(Error::into_kind),
        Err(ErrorKind::LengthMismatch { .. })
    ));
    assert!(matches!(
        Grades::with_scores(["a", "b"], [1.0, f64::NAN]).map_err(Error::into_kind),
        Err(ErrorKind::InvalidGradeScore { index: 1, .. })
    ));
}

#[test]
fn membership_errors_name_the_row() {
    assert_eq!(
        MembershipMatrix::from_rows(&[[0.5, 0.5], [1.2, -0.2]]).map_err(Error::into_kind),
        Err(ErrorKind::MembershipOutOfRange {
            row: 1,
            col: 0,
            value: 1.2
        })
    );
    assert!(matches!(
        MembershipMatrix::from_rows(&[[0.5, 0.5], [0.333, 0.333]]).map_err(Error::into_kind),
        Err(ErrorKind::MembershipRowSum { row: 1, .. })
    ));
    assert_eq!(
        MembershipMatrix::from_rows(&[[1.0]]).map_err(Error::into_kind),
        Err(ErrorKind::TooFewGrades { count: 1 })
    );
    assert_eq!(
        MembershipMatrix::from_votes(&[vec![5, 5], vec![4, 4, 2]], None).map_err(Error::into_kind),
        Err(ErrorKind::RaggedRow {
            row: 1,
            len: 3,
            expected: 2
        })
    );
    assert_eq!(
        MembershipMatrix::from_votes(&[[5, 5], [0, 0]], None).map_err(Error::into_kind),
        Err(ErrorKind::NoExperts { row: 1 })
    );
    assert_eq!(
        MembershipMatrix::from_votes(&[[5, 5]], Some(0)).map_err(Error::into_kind),
        Err(ErrorKind::NoExperts { row: 0 })
    );
    assert_eq!(
        MembershipMatrix::from_votes(&[[5, 5], [11, 0]], Some(10)).map_err(Error::into_kind),
        Err(ErrorKind::VoteTotal {
            row: 1,
            votes: 11,
            experts: 10
        })
    );
    assert_eq!(
        MembershipMatrix::from_responses(&[[0, 1], [3, 1]], 3).map_err(Error::into_kind),
        Err(ErrorKind::GradeOutOfRange {
            expert: 1,
            indicator: 0,
            grade: 3,
            grades: 3
        })
    );
    let none: [[usize; 2]; 0] = [];
    assert_eq!(
        MembershipMatrix::from_responses(&none, 3).map_err(Error::into_kind),
        Err(ErrorKind::NoResponses)
    );
    // A declared number of grades is bounded before one count per grade is allocated.
    assert!(matches!(
        MembershipMatrix::from_responses(&[[0]], usize::MAX).map_err(Error::into_kind),
        Err(ErrorKind::LimitExceeded { .. })
    ));
    let thirds = MembershipMatrix::from_votes(&[[1, 1, 1]], None).unwrap();
    assert_eq!(thirds.row(0).unwrap()[0], 1.0 / 3.0);
}

#[test]
fn composition_checks_its_inputs() {
    let r = MembershipMatrix::from_rows(&[[0.5, 0.5], [1.0, 0.0]]).unwrap();
    assert!(matches!(
        Operator::WeightedAverage
            .compose(&[0.5], &r)
            .map_err(Error::into_kind),
        Err(ErrorKind::LengthMismatch { .. })
    ));
    assert_eq!(
        Operator::ZadehMinMax
            .compose(&[0.5, 1.5], &r)
            .map_err(Error::into_kind),
        Err(ErrorKind::InvalidCompositionWeight {
            index: 1,
            value: 1.5
        })
    );
    assert_eq!(
        Operator::ProductMax
            .compose(&[0.0, 0.0], &r)
            .map_err(Error::into_kind),
        Err(ErrorKind::ZeroComposition)
    );
}

fn evaluator() -> Evaluator {
    let grades = Grades::with_scores(["high", "low"], [2.0, 1.0]).unwrap();
    Evaluator::new(
        Hierarchy::new(sample_tree()).unwrap(),
        grades,
        &AhpOptions::default(),
    )
    .unwrap()
}

#[test]
fn leaf_data_errors_name_the_leaf() {
    let evaluator = evaluator();
    let mut data = evaluator.leaf_data();
    data.set_degrees("Goal/A/x", &[1.0, 0.0]).unwrap();
    assert!(matches!(
        data.set_degrees("x", &[1.0, 0.0]).map_err(Error::into_kind),
        Err(ErrorKind::AmbiguousName { .. })
    ));
    assert_eq!(
        data.set_degrees("Goal/A/x", &[1.0, 0.0])
            .map_err(Error::into_kind),
        Err(ErrorKind::DuplicateLeafData {
            leaf: "Goal/A/x".into()
        })
    );
    assert_eq!(
        data.set_degrees("B", &[1.0, 0.0]).map_err(Error::into_kind),
        Err(ErrorKind::NotALeaf {
            node: "Goal/B".into()
        })
    );
    let err = data.set_degrees("y", &[0.5, 0.3, 0.2]).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::GradeCountMismatch {
            expected: 2,
            found: 3
        }
    );
    assert_eq!(
        err.locations().collect::<Vec<_>>(),
        [&Location::Node("Goal/A/y".into())]
    );
    let err = data.set_votes("z", &[3, 3], Some(10)).unwrap_err();
    assert!(
        err.to_string().starts_with("in node `Goal/B/z`: the votes"),
        "{err}"
    );
    data.set_votes("y", &[3, 7], Some(10)).unwrap();
    data.set_degrees("Goal/B/x", &[0.5, 0.5]).unwrap();
    assert_eq!(
        data.clone().build().map_err(Error::into_kind),
        Err(ErrorKind::MissingLeafData {
            leaf: "Goal/B/z".into()
        })
    );
    data.set_degrees("z", &[0.0, 1.0]).unwrap();
    let r = data.build().unwrap();
    assert_eq!(r.to_rows()[1], vec![0.3, 0.7]);
    assert!(evaluator.evaluate(&r).is_ok());
}

#[test]
fn evaluate_checks_the_matrix_against_the_model() {
    let evaluator = evaluator();
    let three_grades = MembershipMatrix::from_rows(&[[1.0, 0.0, 0.0]; 4]).unwrap();
    assert_eq!(
        evaluator.evaluate(&three_grades).map_err(Error::into_kind),
        Err(ErrorKind::GradeCountMismatch {
            expected: 2,
            found: 3
        })
    );
    let short = MembershipMatrix::from_rows(&[[1.0, 0.0]; 3]).unwrap();
    assert_eq!(
        evaluator.evaluate(&short).map_err(Error::into_kind),
        Err(ErrorKind::MissingLeafData {
            leaf: "Goal/B/z".into()
        })
    );
    let long = MembershipMatrix::from_rows(&[[1.0, 0.0]; 5]).unwrap();
    assert!(matches!(
        evaluator.evaluate(&long).map_err(Error::into_kind),
        Err(ErrorKind::LengthMismatch { .. })
    ));
}

#[test]
fn ranking_orders_by_score_and_shares_ranks_on_ties() {
    let evaluator = evaluator();
    let all = |high: f64| MembershipMatrix::from_rows(&[[high, 1.0 - high]; 4]).unwrap();
    let ranking = evaluator
        .rank(&[
            ("middling", all(0.5)),
            ("best", all(0.9)),
            ("also middling", all(0.5)),
            ("worst", all(0.1)),
        ])
        .unwrap();
    let order: Vec<(&str, usize)> = ranking
        .entries()
        .iter()
        .map(|e| (e.name.as_str(), e.rank))
        .collect();
    assert_eq!(
        order,
        [
            ("best", 1),
            ("middling", 2),
            ("also middling", 2),
            ("worst", 4)
        ]
    );
    assert!(ranking.has_ties());

    let unscored = Evaluator::new(
        Hierarchy::new(sample_tree()).unwrap(),
        Grades::new(["high", "low"]).unwrap(),
        &AhpOptions::default(),
    )
    .unwrap();
    assert_eq!(
        unscored.rank(&[("a", all(0.5))]).map_err(Error::into_kind),
        Err(ErrorKind::NoGradeScores)
    );
    let err = evaluator
        .rank(&[(
            "broken",
            MembershipMatrix::from_rows(&[[1.0, 0.0]]).unwrap(),
        )])
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("in object `broken`: leaf `Goal/A/y`"),
        "{err}"
    );
    assert!(matches!(
        TieTolerance::new(-1.0).map_err(Error::into_kind),
        Err(ErrorKind::InvalidTieTolerance { .. })
    ));
}

#[cfg(feature = "serde")]
mod serde_round_trips {
    use super::*;

    #[test]
    fn valid_values_round_trip() {
        let h = Hierarchy::new(sample_tree()).unwrap();
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(serde_json::from_str::<Hierarchy>(&json).unwrap(), h);

        let options = AhpOptions::default()
            .with_weighting(WeightingMethod::Eigenvector)
            .with_random_index(RandomIndex::Custom(
                RandomIndexTable::new(vec![0.0, 0.0, 0.5]).unwrap(),
            ));
        let json = serde_json::to_string(&options).unwrap();
        assert_eq!(serde_json::from_str::<AhpOptions>(&json).unwrap(), options);

        let grades = Grades::with_scores(["high", "low"], [2.0, 1.0]).unwrap();
        let json = serde_json::to_string(&grades).unwrap();
        assert_eq!(serde_json::from_str::<Grades>(&json).unwrap(), grades);
        let evaluation = evaluator()
            .evaluate(&MembershipMatrix::from_rows(&[[0.3, 0.7]; 4]).unwrap())
            .unwrap();
        // Computed outputs serialize only (a deserialized verdict could name a grade that does
        // not exist); their JSON carries the numbers exactly.
        let json: serde_json::Value = serde_json::to_value(&evaluation).unwrap();
        assert_eq!(json["verdict"]["grade"], evaluation.verdict().grade);
        assert_eq!(
            json["result"]["normalized"][0].as_f64(),
            Some(evaluation.result()[0])
        );
        assert_eq!(
            serde_json::from_str::<Operator>(r#""zadeh_min_max""#).unwrap(),
            Operator::ZadehMinMax
        );

        let synthesis = h.synthesize(&options).unwrap();
        let json = serde_json::to_value(&synthesis).unwrap();
        assert_eq!(
            json["consistency"]["cr"].as_f64(),
            Some(synthesis.consistency().cr)
        );
    }

    #[test]
    fn invalid_json_is_rejected_by_the_constructors() {
        let not_reciprocal = serde_json::from_str::<JudgmentMatrix>("[[1, 3], [3, 1]]");
        assert!(not_reciprocal
            .unwrap_err()
            .to_string()
            .contains("not reciprocal"));
        assert!(serde_json::from_str::<Weights>("[0.5, 0.4]").is_err());
        assert!(serde_json::from_str::<Weights>("[]").is_err());
        assert!(serde_json::from_str::<CrThreshold>("-0.1").is_err());
        assert!(serde_json::from_str::<RandomIndexTable>("[0, 0, 0]").is_err());
        let duplicate = r#"{"name": "Goal", "priorities": {"weights": [0.5, 0.5]},
            "children": [{"name": "a"}, {"name": "a"}]}"#;
        let err = serde_json::from_str::<Hierarchy>(duplicate).unwrap_err();
        assert!(err.to_string().contains("two children named `a`"), "{err}");
        assert!(serde_json::from_str::<Grades>(r#"{"names": ["a", "a"]}"#).is_err());
        assert!(serde_json::from_str::<MembershipMatrix>("[[0.5, 0.6]]").is_err());
        assert!(serde_json::from_str::<Operator>(r#""max_min""#).is_err());
        let options = r#"{"weighting": "median"}"#;
        assert!(serde_json::from_str::<AhpOptions>(options).is_err());
    }

    #[test]
    fn option_names_are_stable() {
        let options: AhpOptions = serde_json::from_str(
            r#"{"weighting": "arithmetic_mean",
                "consistency": {"random_index": "donegan_dodd1991", "threshold": 0.08}}"#,
        )
        .unwrap();
        assert_eq!(options.weighting, WeightingMethod::ArithmeticMean);
        assert_eq!(
            options.consistency.random_index,
            RandomIndex::DoneganDodd1991
        );
        assert_eq!(options.consistency.threshold.value(), 0.08);
        assert_eq!(
            serde_json::from_str::<AhpOptions>("{}").unwrap(),
            AhpOptions::default()
        );
    }
}

mod survey {
    use ahp_fce::error::{ErrorKind, Location};
    use ahp_fce::survey::{
        aggregate_judgments, aggregate_priorities, GroupJudgment, PriorityMean, ResponseTable,
        Scale,
    };
    use ahp_fce::{AhpOptions, Error, JudgmentMatrix, Weights};

    const RANK4: Scale = Scale::Rank { items: 4 };

    #[test]
    fn tables_reject_bad_items_scales_and_answers() {
        let rows = || vec![vec![Some(1), Some(2)]];
        assert_eq!(
            ResponseTable::new(["a", "a"], Scale::Likert { levels: 5 }, rows())
                .map_err(Error::into_kind),
            Err(ErrorKind::DuplicateItem { name: "a".into() })
        );
        assert_eq!(
            ResponseTable::new(["a", "b"], Scale::Likert { levels: 1 }, rows())
                .map_err(Error::into_kind),
            Err(ErrorKind::InvalidScale { categories: 1 })
        );
        assert_eq!(
            ResponseTable::new(["a", "b"], Scale::Rank { items: 3 }, rows())
                .map_err(Error::into_kind),
            Err(ErrorKind::RankScaleMismatch {
                items: 2,
                ranked: 3
            })
        );
        assert_eq!(
            ResponseTable::new(
                ["a", "b"],
                Scale::Likert { levels: 5 },
                vec![vec![Some(1), Some(2)], vec![Some(6), None]]
            )
            .map_err(Error::into_kind),
            Err(ErrorKind::OffScale {
                respondent: 1,
                item: "a".into(),
                value: 6,
                min: 1,
                max: 5
            })
        );
        assert!(matches!(
            ResponseTable::new(["a", "b"], Scale::Likert { levels: 5 }, vec![vec![Some(1)]])
                .map_err(Error::into_kind),
            Err(ErrorKind::RaggedRow { row: 0, .. })
        ));
    }

    fn csv_error(text: &str) -> Error {
        ResponseTable::from_csv(text.as_bytes(), RANK4).unwrap_err()
    }

    #[test]
    fn broken_csv_files_each_give_their_error() {
        assert!(matches!(csv_error("").kind(), ErrorKind::Empty { .. }));
        let three = csv_error("a,b,c,d\n1,2,3,4\n2,1,three,4\n");
        assert_eq!(
            three.kind(),
            &ErrorKind::NotANumber {
                item: "c".into(),
                text: "three".into()
            }
        );
        assert_eq!(three.line(), Some(3));
        let negative = csv_error("a,b,c,d\n1,2,3,-4\n");
        assert_eq!(
            negative.kind(),
            &ErrorKind::NotANumber {
                item: "d".into(),
                text: "-4".into()
            }
        );
        assert_eq!(negative.line(), Some(2));
        let off_scale = csv_error("a,b,c,d\n1,2,3,4\n1,2,5,4\n");
        assert_eq!(
            off_scale.kind(),
            &ErrorKind::OffScale {
                respondent: 1,
                item: "c".into(),
                value: 5,
                min: 1,
                max: 4
            }
        );
        assert_eq!(off_scale.line(), Some(3));
        let repeated = csv_error("a,b,c,d\n1,2,3,4\n\n4,1,1,2\n");
        assert_eq!(
            repeated.kind(),
            &ErrorKind::RepeatedRank {
                respondent: 1,
                rank: 1,
                first: "b".into(),
                second: "c".into()
            }
        );
        assert!(repeated.to_string().starts_with("line 4: "), "{repeated}");
        let short = csv_error("a,b,c,d\n1,2,3\n");
        assert_eq!(
            short.kind(),
            &ErrorKind::Csv {
                message: "expected 4 fields like the header, found 3".into()
            }
        );
        assert_eq!(short.line(), Some(2));
        assert_eq!(
            csv_error("a,b,,d\n1,2,3,4\n").kind(),
            &ErrorKind::EmptyItemName { index: 2 }
        );
        assert_eq!(
            csv_error("a,b,a,d\n").kind(),
            &ErrorKind::DuplicateItem { name: "a".into() }
        );
        assert!(matches!(
            csv_error("a,b,c\n").kind(),
            ErrorKind::RankScaleMismatch { .. }
        ));
    }

    #[test]
    fn csv_missing_cells_are_counted_not_dropped() {
        let table =
            ResponseTable::from_csv("a,b,c,d\n1,2,3,4\n, 1 ,,\n".as_bytes(), RANK4).unwrap();
        let stats = table.statistics();
        assert_eq!((stats[0].valid, stats[0].missing), (1, 1));
        assert_eq!(stats[0].standard_deviation, None);
        assert_eq!((stats[1].valid, stats[1].mean), (2, Some(3.5)));
        let frequencies = table.frequencies(1).unwrap();
        assert_eq!(
            (frequencies.counts.clone(), frequencies.missing),
            (vec![1, 1, 0, 0], 0)
        );
        assert!(table.frequencies(4).is_err());
    }

    #[test]
    fn group_aggregation_checks_its_inputs() {
        let three = JudgmentMatrix::from_upper_triangle(&[2.0, 3.0, 4.0]).unwrap();
        let two = JudgmentMatrix::from_upper_triangle(&[2.0]).unwrap();
        assert!(matches!(
            aggregate_judgments(&[], None).map_err(Error::into_kind),
            Err(ErrorKind::Empty { .. })
        ));
        let err = aggregate_judgments(&[three.clone(), two], None).unwrap_err();
        assert_eq!(err.locations().collect::<Vec<_>>(), [&Location::Expert(1)]);
        assert!(err.to_string().starts_with("for expert 1: "), "{err}");
        let weights = Weights::new(&[0.5, 0.5]).unwrap();
        assert!(matches!(
            aggregate_judgments(std::slice::from_ref(&three), Some(&weights))
                .map_err(Error::into_kind),
            Err(ErrorKind::LengthMismatch { .. })
        ));
        let w = Weights::new(&[0.2, 0.8]).unwrap();
        let short = Weights::new(&[1.0]).unwrap();
        assert!(aggregate_priorities(&[w, short], None, PriorityMean::Geometric).is_err());

        // Typed reciprocals (0.333 for 1/3) still give an exactly reciprocal group matrix:
        // every lower entry is the reciprocal of its upper one.
        let typed = JudgmentMatrix::from_rows(&[[1.0, 3.0], [0.333, 1.0]]).unwrap();
        let group = aggregate_judgments(&[typed.clone(), typed], None).unwrap();
        assert_eq!(group.get(1, 0).unwrap(), 1.0 / group.get(0, 1).unwrap());

        let report = GroupJudgment::aggregate(
            &[three.clone(), three.transpose()],
            None,
            &AhpOptions::default(),
        )
        .unwrap();
        // Opposite experts cancel: the group is indifferent.
        assert!(report
            .matrix
            .view()
            .iter()
            .all(|&b| (b - 1.0).abs() < 1e-15));
        assert_eq!(report.experts.len(), 2);
    }
}

#[cfg(feature = "model")]
mod model {
    use ahp_fce::error::ErrorKind;
    use ahp_fce::model::Model;
    use ahp_fce::{Error, FileFormat};
    use std::path::Path;

    const SHIPPED: [&str; 10] = [
        "examples/models/paper.json",
        "examples/models/paper.toml",
        "examples/models/drinks.toml",
        "examples/models/supplier.json",
        "examples/models/incomplete.toml",
        "examples/models/panel.toml",
        "examples/models/panel.json",
        "examples/models/leader.toml",
        "examples/models/car.json",
        "examples/models/indicators.toml",
    ];

    fn load(name: &str) -> Model {
        Model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
    }

    #[test]
    fn every_shipped_model_evaluates_and_both_formats_agree() {
        for name in SHIPPED {
            let report = load(name).evaluate().unwrap();
            assert!(report.hierarchy_consistency.acceptable, "{name}");
            assert!(!report.to_text().is_empty());
        }
        assert_eq!(
            load("examples/models/paper.json"),
            load("examples/models/paper.toml")
        );
        let paper = load("examples/models/paper.json").evaluate().unwrap();
        assert_eq!(paper.objects.len(), 3);
        assert_eq!(paper.ranking[0].name, "Model A");
        // The drinks model is Saaty's (2008) example: CR 0.022 as published.
        let drinks = load("examples/models/drinks.toml").evaluate().unwrap();
        let cr = drinks.nodes[0].consistency.as_ref().unwrap().cr;
        assert!((cr - 0.022).abs() <= 0.0005, "{cr}");
        assert!(drinks.objects.is_empty() && drinks.ranking.is_empty());
    }

    #[test]
    fn the_documented_examples_evaluate_identically() {
        let whole = include_str!("../docs/model-format.md");
        let doc = &whole[whole.find("## A complete small example").unwrap()..];
        let block = |fence: &str| {
            let start = doc.find(fence).unwrap() + fence.len();
            let end = start + doc[start..].find("```").unwrap();
            doc[start..end].to_owned()
        };
        let json = Model::from_json(&block("```json\n")).unwrap();
        let toml = Model::from_toml(&block("```toml\n")).unwrap();
        assert_eq!(json, toml);
        let report = json.evaluate().unwrap();
        // By hand: Credit 3/4, Logistics 1/4; Credit's vector 0.6·(0.6, 0.3, 0.1) +
        // 0.4·(0.2, 0.5, 0.3) = (0.44, 0.38, 0.18); E = 0.75·that + 0.25·(0.2, 0.5, 0.3)
        // = (0.38, 0.41, 0.21); score 3·0.38 + 2·0.41 + 0.21 = 2.17.
        let e = &report.objects[0];
        for (ours, hand) in e.result.iter().zip([0.38, 0.41, 0.21]) {
            assert!((ours - hand).abs() < 1e-12, "{ours} vs {hand}");
        }
        assert!((e.score.unwrap() - 2.17).abs() < 1e-12);
    }

    #[test]
    fn round_trips_are_exact() {
        for name in SHIPPED {
            let model = load(name);
            assert_eq!(Model::from_json(&model.to_json()).unwrap(), model, "{name}");
            // The report serializes only; its JSON carries every number exactly.
            let report = model.evaluate().unwrap();
            let back: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
            assert_eq!(
                back["hierarchy_consistency"]["cr"].as_f64(),
                Some(report.hierarchy_consistency.cr),
                "{name}"
            );
            for (object, json) in report
                .objects
                .iter()
                .zip(back["objects"].as_array().unwrap())
            {
                let result: Vec<f64> = serde_json::from_value(json["result"].clone()).unwrap();
                assert_eq!(result, object.result, "{name}");
            }
        }
    }

    fn json_error(text: &str) -> Error {
        Model::from_json(text).unwrap_err()
    }

    fn toml_error(text: &str) -> Error {
        Model::from_toml(text).unwrap_err()
    }

    /// The error's place in the file and what went wrong there.
    fn at(error: &Error) -> (&str, &ErrorKind) {
        match error.field() {
            Some(path) => (path, error.kind()),
            None => panic!("expected an error with a place in the file, got {error:?}"),
        }
    }

    const LEAVES: &str = r#""children": [{"name": "a"}, {"name": "b"}]"#;

    #[test]
    fn syntax_and_type_errors_give_line_column_and_place() {
        let truncated = json_error("{\n  \"hierarchy\": {\"name\": \"G\"");
        assert!(
            matches!(
                &truncated.kind(),
                ErrorKind::Parse {
                    format: FileFormat::Json,
                    line: 2,
                    ..
                }
            ),
            "{truncated:?}"
        );
        let wrong_type = json_error(&format!(
            r#"{{"hierarchy": {{"name": "G", "weights": [0.5, "half"], {LEAVES}}}}}"#
        ));
        assert!(
            matches!(wrong_type.kind(), ErrorKind::Parse { line: 1, .. })
                && wrong_type.field() == Some("hierarchy.weights[1]"),
            "{wrong_type:?}"
        );
        let operator = json_error(&format!(
            r#"{{"options": {{"operator": "max_min"}}, "hierarchy": {{"name": "G", "weights": [0.5, 0.5], {LEAVES}}}}}"#
        ));
        assert!(
            matches!(operator.kind(), ErrorKind::Parse { message, .. } if message.contains("max_min"))
                && operator.field() == Some("options.operator"),
            "{operator:?}"
        );
        let unknown_field = json_error(r#"{"hierarchy": {"name": "G", "wieghts": [1]}}"#);
        assert!(
            matches!(&unknown_field.kind(), ErrorKind::Parse { message, .. } if message.contains("wieghts")),
            "{unknown_field:?}"
        );
        let toml = toml_error("[hierarchy]\nname = \"G\"\nweights = [0.5, \"a\"]\n");
        assert!(
            matches!(
                toml.kind(),
                ErrorKind::Parse {
                    format: FileFormat::Toml,
                    line: 3,
                    ..
                }
            ) && toml.field() == Some("hierarchy.weights[1]"),
            "{toml:?}"
        );
        assert!(matches!(
            toml_error("[hierarchy\n").kind(),
            ErrorKind::Parse { line: 1, .. }
        ));
    }

    #[test]
    fn invalid_values_are_rejected_where_they_are() {
        // NaN can only be written in TOML.
        let nan = toml_error(
            "[hierarchy]\nname = \"G\"\ncomparisons = { upper = [nan] }\nchildren = [{ name = \"a\" }, { name = \"b\" }]\n",
        );
        assert_eq!(at(&nan).0, "hierarchy.comparisons.upper");
        assert!(matches!(
            at(&nan).1,
            ErrorKind::NonFinite { row: 0, col: 1, .. }
        ));

        let zero = json_error(&format!(
            r#"{{"hierarchy": {{"name": "G", "comparisons": {{"matrix": [[1, 0], [0, 1]]}}, {LEAVES}}}}}"#
        ));
        assert_eq!(at(&zero).0, "hierarchy.comparisons.matrix");
        assert!(matches!(
            at(&zero).1,
            ErrorKind::NonPositive { row: 0, col: 1, .. }
        ));

        let negative = json_error(&format!(
            r#"{{"hierarchy": {{"name": "G", "comparisons": {{"upper": ["-3"]}}, {LEAVES}}}}}"#
        ));
        assert!(matches!(at(&negative).1, ErrorKind::NonPositive { .. }));

        let fraction = json_error(&format!(
            r#"{{"hierarchy": {{"name": "G", "comparisons": {{"upper": ["1/x"]}}, {LEAVES}}}}}"#
        ));
        assert_eq!(at(&fraction).0, "hierarchy.comparisons.upper[0]");
        assert!(matches!(at(&fraction).1, ErrorKind::BadJudgment { .. }));

        let size = json_error(&format!(
            r#"{{"hierarchy": {{"name": "G", "comparisons": {{"upper": [2, 3, 4]}}, {LEAVES}}}}}"#
        ));
        assert_eq!(
            at(&size),
            (
                "hierarchy",
                &ErrorKind::OrderMismatch {
                    node: "G".into(),
                    children: 2,
                    order: 3
                }
            )
        );

        let duplicate = json_error(
            r#"{"hierarchy": {"name": "G", "weights": [0.5, 0.5], "children": [{"name": "a"}, {"name": "a"}]}}"#,
        );
        assert!(matches!(
            at(&duplicate).1,
            ErrorKind::DuplicateSibling { .. }
        ));

        let empty = json_error(r#"{"hierarchy": {"name": "G"}}"#);
        assert!(matches!(at(&empty), ("hierarchy", ErrorKind::Empty { .. })));

        let both = json_error(&format!(
            r#"{{"hierarchy": {{"name": "G", "weights": [0.5, 0.5], "comparisons": {{"upper": [2]}}, {LEAVES}}}}}"#
        ));
        assert_eq!(
            at(&both),
            (
                "hierarchy",
                &ErrorKind::ConflictingPriorities {
                    first: "comparisons",
                    second: "weights"
                }
            )
        );

        let threshold = json_error(&format!(
            r#"{{"options": {{"cr_threshold": -1}}, "hierarchy": {{"name": "G", "weights": [0.5, 0.5], {LEAVES}}}}}"#
        ));
        assert_eq!(at(&threshold).0, "options.cr_threshold");
    }

    const THREE: &str = r#""children": [{"name": "a"}, {"name": "b"}, {"name": "c"}]"#;

    #[test]
    fn named_pairs_must_connect_the_children_and_agree() {
        let apart = json_error(&format!(
            r#"{{"hierarchy": {{"name": "G", "comparisons": {{"pairs": [["a", "b", 2]]}}, {THREE}}}}}"#
        ));
        assert_eq!(
            at(&apart),
            (
                "hierarchy.comparisons.pairs",
                &ErrorKind::DisconnectedChildren {
                    groups: vec![vec!["a".into(), "b".into()], vec!["c".into()]]
                }
            )
        );
        assert!(apart.to_string().contains("groups {`a`, `b`} and {`c`}"));
        let conflict = json_error(&format!(
            r#"{{"hierarchy": {{"name": "G", "comparisons": {{"pairs": [["a", "b", 2], ["b", "a", 2], ["a", "c", 1], ["b", "c", 1]]}}, {THREE}}}}}"#
        ));
        assert_eq!(
            at(&conflict),
            (
                "hierarchy.comparisons.pairs[1]",
                &ErrorKind::ConflictingPair {
                    a: "b".into(),
                    b: "a".into(),
                    first: 0.5,
                    second: 2.0
                }
            )
        );
        let unknown = json_error(&format!(
            r#"{{"hierarchy": {{"name": "G", "comparisons": {{"pairs": [["a", "z", 2]]}}, {THREE}}}}}"#
        ));
        assert!(matches!(
            at(&unknown),
            ("hierarchy.comparisons.pairs[0]", ErrorKind::BadPair { .. })
        ));
        // The same pair twice, consistently and in either order, is fine.
        let agreeing = Model::from_json(&format!(
            r#"{{"hierarchy": {{"name": "G", "comparisons": {{"pairs": [["a", "b", 2], ["b", "a", "1/2"], ["a", "c", 4], ["b", "c", 2]]}}, {THREE}}}}}"#
        ));
        assert!(agreeing.is_ok(), "{agreeing:?}");
    }

    fn with_objects(grades: &str, leaves: &str) -> String {
        format!(
            r#"{{"grades": {grades}, "hierarchy": {{"name": "G", "weights": [0.5, 0.5], {LEAVES}}},
                "objects": [{{"name": "x", "leaves": {leaves}}}]}}"#
        )
    }

    const GRADES: &str = r#"[{"name": "hi", "score": 2}, {"name": "lo", "score": 1}]"#;

    #[test]
    fn leaf_data_errors_name_the_object_and_leaf() {
        let short = json_error(&with_objects(
            GRADES,
            r#"{"a": {"votes": [3, 2, 1]}, "b": {"votes": [1, 1]}}"#,
        ));
        assert_eq!(at(&short).0, "objects[0].leaves.a.votes");
        assert!(matches!(
            at(&short).1,
            ErrorKind::GradeCountMismatch {
                expected: 2,
                found: 3
            }
        ));
        let missing = json_error(&with_objects(GRADES, r#"{"a": {"votes": [3, 2]}}"#));
        assert_eq!(
            at(&missing),
            (
                "objects[0].leaves",
                &ErrorKind::MissingLeafData { leaf: "G/b".into() }
            )
        );
        let both = json_error(&with_objects(
            GRADES,
            r#"{"a": {"votes": [1, 1], "degrees": [0.5, 0.5]}, "b": {"votes": [1, 1]}}"#,
        ));
        assert_eq!(at(&both), ("objects[0].leaves.a", &ErrorKind::LeafDataForm));
        let experts = json_error(&with_objects(
            GRADES,
            r#"{"a": {"votes": [1, 1], "experts": 3}, "b": {"votes": [1, 1]}}"#,
        ));
        assert!(matches!(at(&experts).1, ErrorKind::VoteTotal { .. }));
        let unknown = json_error(&with_objects(GRADES, r#"{"q": {"votes": [1, 1]}}"#));
        assert!(matches!(at(&unknown).1, ErrorKind::UnknownNode { .. }));
        let no_grades = json_error(&with_objects("[]", r#"{"a": {"votes": [1, 1]}}"#));
        assert_eq!(
            at(&no_grades),
            ("objects", &ErrorKind::ObjectsWithoutGrades)
        );
        let partial = json_error(&with_objects(
            r#"[{"name": "hi", "score": 2}, {"name": "lo"}]"#,
            "{}",
        ));
        assert_eq!(at(&partial), ("grades", &ErrorKind::PartialScores));
        let ok = Model::from_json(&with_objects(
            GRADES,
            r#"{"a": {"votes": [1, 1]}, "G/b": {"degrees": [1, 0]}}"#,
        ));
        assert!(ok.is_ok(), "{ok:?}");
    }

    #[test]
    fn files_are_told_apart_by_extension() {
        assert!(matches!(
            Model::load(Path::new("model.yaml")).map_err(Error::into_kind),
            Err(ErrorKind::UnknownFormat { .. })
        ));
        assert!(matches!(
            Model::load(Path::new("no/such/model.json")).map_err(Error::into_kind),
            Err(ErrorKind::Io { .. })
        ));
    }
}

/// Edge cases that once gave answers that looked valid and were not.
mod honest_edges {
    use super::*;
    use ahp_fce::ahp::Reciprocity;

    #[test]
    fn typed_reciprocals_are_used_as_exact_ones_and_listed() {
        // Upper triangle 2, 4, 2 is perfectly consistent (2·2 = 4); typed 4 % low below, it
        // once reported CR −0.035.
        let typed =
            JudgmentMatrix::from_rows(&[[1.0, 2.0, 4.0], [0.48, 1.0, 2.0], [0.24, 0.48, 1.0]])
                .unwrap();
        assert_eq!(typed, upper(&[2.0, 4.0, 2.0]));
        let repaired: Vec<(usize, usize, f64)> = typed
            .repairs()
            .iter()
            .map(|r| (r.row, r.col, r.typed))
            .collect();
        assert_eq!(repaired, [(1, 0, 0.48), (2, 0, 0.24), (2, 1, 0.48)]);
        // 2·0.48 = 4·0.24 = 0.96: each 4 % off. 1e-15: one rounding of the product.
        approx::assert_abs_diff_eq!(typed.largest_repair(), 0.04, epsilon = 1e-15);
        let analysis = AhpOptions::default().analyze(&typed).unwrap();
        assert_eq!(analysis.repairs.len(), 3);
        assert!(analysis.consistency.ci >= 0.0);
        // Consistent judgments: CI is zero up to the rounding of λmax ≈ 3 (a few ulps).
        assert!(
            analysis.consistency.ci <= 1e-15,
            "{}",
            analysis.consistency.ci
        );
    }

    #[test]
    fn a_lower_triangle_typed_low_cannot_pass_an_inconsistent_matrix() {
        // Upper triangle 5, 1/2, 4, 1/2, 1/2, 3: CR 0.118672 with geometric-mean weights and
        // Saaty's (1980) RI 0.90, by an independent Python computation. Typed 4.9 % low below,
        // the matrix once read CR 0.0898, accepted.
        let exact = upper(&[5.0, 0.5, 4.0, 0.5, 0.5, 3.0]);
        let mut rows = exact.to_rows();
        for (x, row) in rows.iter_mut().enumerate() {
            for value in &mut row[..x] {
                *value *= 0.951;
            }
        }
        let typed = JudgmentMatrix::from_rows(&rows).unwrap();
        let options = AhpOptions::default();
        let report = options.analyze(&typed).unwrap().consistency;
        assert_eq!(report, options.analyze(&exact).unwrap().consistency);
        // 1e-12: the Python figure went through other roundings of the same sums.
        approx::assert_abs_diff_eq!(report.cr, 0.11867211452920579, epsilon = 1e-12);
        assert!(!report.acceptable);
        assert_eq!(typed.repairs().len(), 6);
    }

    #[test]
    fn strict_reciprocity_rejects_what_the_default_repairs() {
        let rows = [[1.0, 3.0], [0.333, 1.0]];
        assert!(JudgmentMatrix::from_rows(&rows).is_ok());
        assert!(matches!(
            JudgmentMatrix::from_rows_with(&rows, Reciprocity::Strict).map_err(Error::into_kind),
            Err(ErrorKind::NotReciprocal { row: 0, col: 1, tolerance, .. }) if tolerance == 1e-9
        ));
        // Reciprocals computed in f64 are exact enough for strict, and repair nothing.
        let computed = [[1.0, 3.0], [1.0 / 3.0, 1.0]];
        let strict = JudgmentMatrix::from_rows_with(&computed, Reciprocity::Strict).unwrap();
        assert!(strict.repairs().is_empty());
    }

    #[test]
    fn order_two_nodes_stay_out_of_the_hierarchy_cr() {
        // The 2×2 child [[1, 3], [0.35, 1]] is consistent, as every 2×2 matrix is; it once
        // added its CI (from the typed 0.35) to the hierarchy's while reading CR 0 itself.
        let root = JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0]).unwrap();
        let pair = JudgmentMatrix::from_rows(&[[1.0, 3.0], [0.35, 1.0]]).unwrap();
        let h = Hierarchy::new(Criterion::judged(
            "Goal",
            root,
            [
                Criterion::judged("A", pair, ["a1", "a2"].map(Criterion::leaf)),
                Criterion::leaf("B"),
                Criterion::leaf("C"),
            ],
        ))
        .unwrap();
        let synthesis = h.synthesize(&AhpOptions::default()).unwrap();
        let a = synthesis.consistency_of(h.find("A").unwrap()).unwrap();
        assert_eq!((a.cr, a.acceptable), (0.0, true));
        // Only the root counts: CR_H = w·CI / (w·RI) with w = 1 is the root's own CR.
        let root_cr = synthesis.consistency_of(h.root()).unwrap().cr;
        approx::assert_relative_eq!(synthesis.consistency().cr, root_cr, max_relative = 1e-15);
    }

    #[test]
    fn names_holding_the_path_separator_are_rejected() {
        let err = Hierarchy::new(Criterion::weighted(
            "Goal",
            Weights::new(&[0.5, 0.5]).unwrap(),
            [Criterion::leaf("a/b"), Criterion::leaf("c")],
        ))
        .unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::NameWithSeparator {
                parent: "Goal".into(),
                name: "a/b".into()
            }
        );
        assert!(err.to_string().contains("contains `/`"), "{err}");
    }

    #[test]
    fn grade_and_score_ties_are_separate() {
        let half = MembershipMatrix::from_rows(&[[0.5, 0.5]; 4]).unwrap();
        let leaning = MembershipMatrix::from_rows(&[[0.52, 0.48]; 4]).unwrap();
        let loose_grades = evaluator().with_grade_tie(TieTolerance::new(0.1).unwrap());
        // Degrees 0.52 and 0.48 are within 0.1: a tied verdict ...
        assert!(loose_grades.evaluate(&leaning).unwrap().verdict().tied);
        // ... while scores 1.52 and 1.5 are not within the default score tie (1e-9).
        let ranking = loose_grades
            .rank(&[("half", half.clone()), ("leaning", leaning.clone())])
            .unwrap();
        assert!(!ranking.has_ties());
        let loose_scores = evaluator().with_score_tie(TieTolerance::new(0.05).unwrap());
        let ranking = loose_scores
            .rank(&[("half", half), ("leaning", leaning.clone())])
            .unwrap();
        assert!(ranking.has_ties());
        assert!(!loose_scores.evaluate(&leaning).unwrap().verdict().tied);
    }
}

/// Inputs built to be huge or odd: each gives a result or one clear error, in memory and time
/// in proportion to what was read.
mod hostile_inputs {
    use super::*;
    use ahp_fce::error::Limit;
    use ahp_fce::survey::{ResponseTable, Scale};
    use ahp_fce::{simulate_random_index, simulate_random_index_with_limits, Limits};

    #[test]
    fn a_declared_scale_is_bounded_before_anything_is_counted() {
        // 70 bytes of JSON once asked for 64 GB: one count per declared answer category.
        let json =
            r#"{"items": ["a"], "scale": {"likert": {"levels": 4294967295}}, "answers": [[1]]}"#;
        let err = serde_json::from_str::<ResponseTable>(json).unwrap_err();
        assert!(
            err.to_string().contains("beyond the limit of 1000"),
            "{err}"
        );
        let err =
            ResponseTable::new(["a"], Scale::Likert { levels: u32::MAX }, vec![]).unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::LimitExceeded {
                limit: Limit::ScaleLevels,
                value: u64::from(u32::MAX),
                max: 1000
            }
        );
        assert!(
            err.to_string().contains("Limits::with_scale_levels"),
            "{err}"
        );
    }

    #[test]
    fn simulated_orders_are_bounded_and_never_wrap() {
        for order in [100_000, 1 << 32] {
            let err =
                simulate_random_index(order, 10, 1, WeightingMethod::GeometricMean).unwrap_err();
            assert!(
                matches!(
                    err.kind(),
                    ErrorKind::LimitExceeded {
                        limit: Limit::MatrixOrder,
                        ..
                    }
                ),
                "{err}"
            );
        }
        let raised = Limits::default().with_matrix_order(2_000);
        let estimate =
            simulate_random_index_with_limits(1_200, 2, 1, WeightingMethod::GeometricMean, &raised)
                .unwrap();
        assert!(estimate.ri.is_finite());
    }

    #[test]
    fn a_random_index_too_small_to_divide_by_is_an_error_not_infinity() {
        let table = RandomIndexTable::new(vec![0.0, 0.0, 5e-324]).unwrap();
        let options = AhpOptions::default().with_random_index(RandomIndex::Custom(table));
        let err = options.analyze(&upper(&[2.0, 5.0, 3.0])).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::RandomIndexTooSmall { order: 3, ri, .. } if *ri == 5e-324),
            "{err}"
        );
    }

    /// A chain `levels` deep: a goal over one criterion over one criterion … over two leaves.
    fn chain(levels: usize) -> Criterion {
        let one = || Weights::new(&[1.0]).unwrap();
        let mut node = Criterion::weighted(
            "bottom",
            Weights::new(&[0.5, 0.5]).unwrap(),
            ["a", "b"].map(Criterion::leaf),
        );
        for _ in 0..levels {
            node = Criterion::weighted("level", one(), [node]);
        }
        node
    }

    #[test]
    fn deep_hierarchies_are_bounded_and_handled_without_recursion() {
        // 30,000 levels once overflowed the stack in `to_criterion` and in `Drop`.
        let err = Hierarchy::new(chain(30_000)).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::LimitExceeded {
                    limit: Limit::Depth,
                    max: 256,
                    ..
                }
            ),
            "{err}"
        );
        let deep = Limits::default().with_depth(40_000);
        let h = Hierarchy::new_with_limits(chain(30_000), &deep).unwrap();
        assert_eq!(h.len(), 30_003);
        let back = h.to_criterion();
        assert_eq!(back.children.len(), 1);
        let synthesis = h.synthesize(&AhpOptions::default()).unwrap();
        assert_eq!(synthesis.leaf_weights().as_slice(), &[0.5, 0.5]);
        drop(back);
        drop(h);
    }

    #[test]
    fn node_counts_and_judged_orders_are_bounded() {
        let wide = Criterion::weighted(
            "G",
            Weights::from_unnormalized(&[1.0; 11]).unwrap(),
            (0..11).map(|k| Criterion::leaf(format!("c{k}"))),
        );
        let few = Limits::default().with_nodes(10);
        let err = Hierarchy::new_with_limits(wide, &few).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::LimitExceeded {
                limit: Limit::Nodes,
                ..
            }
        ));
        let judged = Criterion::judged(
            "G",
            JudgmentMatrix::from_upper_triangle(&[1.0; 10]).unwrap(),
            (0..5).map(|k| Criterion::leaf(format!("c{k}"))),
        );
        let small = Limits::default().with_matrix_order(4);
        let err = Hierarchy::new_with_limits(judged, &small).unwrap_err();
        assert_eq!(err.node(), Some("G"));
        assert!(matches!(
            err.kind(),
            ErrorKind::LimitExceeded {
                limit: Limit::MatrixOrder,
                value: 5,
                max: 4
            }
        ));
    }

    #[test]
    fn a_wide_model_loads_with_each_leaf_found_directly() {
        // 100,000 leaves and one object once took 59 s: each leaf was found by a scan.
        let n = 100_000;
        let children: Vec<String> = (0..n).map(|k| format!(r#"{{"name":"c{k}"}}"#)).collect();
        let leaves: Vec<String> = (0..n)
            .map(|k| format!(r#""c{k}":{{"votes":[1,1]}}"#))
            .collect();
        let weights = vec!["1"; n].join(",");
        let json = format!(
            r#"{{"grades":[{{"name":"good","score":1}},{{"name":"bad","score":0}}],
                "hierarchy":{{"name":"G","weights":[{weights}],"children":[{}]}},
                "objects":[{{"name":"o","leaves":{{{}}}}}]}}"#,
            children.join(","),
            leaves.join(",")
        );
        // Weights 1, 1, …, 1 sum to n, not 1: the model is rejected, after every leaf was read.
        let err = ahp_fce::model::Model::from_json(&json).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::WeightSum { .. }), "{err}");
        let json = json.replace(
            &format!("[{weights}]"),
            &format!("[{}]", vec!["1e-5"; n].join(",")),
        );
        let model = ahp_fce::model::Model::from_json(&json).unwrap();
        let report = model.evaluate().unwrap();
        // By hand: every leaf is (0.5, 0.5), so E is too, and the score is 0.5.
        approx::assert_abs_diff_eq!(report.objects[0].score.unwrap(), 0.5, epsilon = 1e-9);
        // 100,000 criteria × 100,000 leaves: the report leaves the sensitivity out, and says so.
        assert!(report.sensitivity.is_none());
        assert!(report
            .sensitivity_note
            .as_ref()
            .unwrap()
            .contains("100000 criteria"));
    }

    #[test]
    fn inconsistency_of_a_large_matrix_keeps_a_bounded_number_of_triads() {
        // Order 200 has 1,313,400 triads; only the worst 1,000 are kept.
        let upper: Vec<f64> = (0..200 * 199 / 2)
            .map(|k| [9.0, 1.0 / 7.0, 3.0, 0.5][k % 4])
            .collect();
        let b = JudgmentMatrix::from_upper_triangle(&upper).unwrap();
        let w = b.weights(WeightingMethod::GeometricMean).unwrap();
        let found = ahp_fce::ahp::Inconsistency::analyze(&b, &w).unwrap();
        assert_eq!(found.triads.len(), ahp_fce::ahp::Inconsistency::TRIADS_KEPT);
        assert!(found.triads.windows(2).all(|p| p[0].index >= p[1].index));
        assert_eq!(found.judgments.len(), 200 * 199 / 2);
    }

    #[test]
    fn objects_per_model_file_are_bounded() {
        // One million objects in a model file once took 3 GB; a model file is bounded, and
        // `ahp-fce score` streams any number.
        let object =
            r#"{"name": "o", "leaves": {"a": {"degrees": [1, 0]}, "b": {"degrees": [0, 1]}}}"#;
        let text = format!(
            r#"{{"grades": [{{"name": "good"}}, {{"name": "bad"}}],
                "hierarchy": {{"name": "G", "weights": [0.5, 0.5], "children": [{{"name": "a"}}, {{"name": "b"}}]}},
                "objects": [{}]}}"#,
            [object; 11].join(",")
        );
        let ten = Limits::default().with_objects(10);
        let err = ahp_fce::model::Model::from_json_with_limits(&text, &ten).unwrap_err();
        assert_eq!(err.field(), Some("objects"));
        assert_eq!(
            err.kind(),
            &ErrorKind::LimitExceeded {
                limit: Limit::Objects,
                value: 11,
                max: 10
            }
        );
        assert!(ahp_fce::model::Model::from_json(&text).is_ok());
    }

    #[test]
    fn a_composition_summing_past_the_largest_float_normalizes() {
        // Its sum overflows to infinity: it once normalized to zeros.
        let composition: Composition =
            serde_json::from_str(r#"{"raw": [1.7e308, 1.7e308]}"#).unwrap();
        assert_eq!(composition.normalized(), &[0.5, 0.5]);
    }
}

/// The hostile files of `tests/corpus` (written by its `make_corpus.py`): each gives a report
/// or the one error its case calls for.
#[cfg(feature = "model")]
mod corpus {
    use ahp_fce::error::{ErrorKind, FileFormat};
    use ahp_fce::model::Model;
    use std::path::Path;

    fn load(name: &str) -> Result<Model, ahp_fce::Error> {
        Model::load(
            &Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/corpus")
                .join(name),
        )
    }

    #[test]
    fn size_bombs_are_rejected_before_their_size_is_allocated() {
        let crowd = load("crowded-panel.json").unwrap_err();
        assert!(matches!(
            crowd.kind(),
            ErrorKind::LimitExceeded {
                limit: ahp_fce::error::Limit::Experts,
                value: 5_000,
                max: 1_000
            }
        ));
        assert_eq!(crowd.field(), Some("hierarchy.panel.experts"));
        let pairs = load("wide-empty-pairs.json").unwrap_err();
        match pairs.kind() {
            ErrorKind::DisconnectedChildren { groups } => assert_eq!(groups.len(), 20_000),
            other => panic!("{other:?}"),
        }
        let rows = load("empty-rows.json").unwrap_err();
        assert_eq!(
            rows.kind(),
            &ErrorKind::NotSquare {
                rows: 25_000,
                cols: 0
            }
        );
        assert_eq!(rows.field(), Some("hierarchy.comparisons.matrix"));
    }

    #[test]
    fn an_infinite_cr_is_an_error() {
        let err = load("subnormal-ri.json").unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::RandomIndexTooSmall { order: 3, .. }),
            "{err}"
        );
        assert_eq!(err.node(), Some("G"));
    }

    #[test]
    fn long_names_are_reported_without_padding_limits() {
        let report = load("long-names.json").unwrap().evaluate().unwrap();
        let text = report.to_text();
        assert!(text.contains(&"n".repeat(65_534)));
        assert_eq!(report.ranking.len(), 1);
    }

    #[test]
    fn a_leaf_given_twice_in_a_json_map_is_an_error_naming_it() {
        let err = load("duplicate-leaf.json").unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Parse { format: FileFormat::Json, line: 5, message, .. }
                if message == "the leaf `a` is given twice"),
            "{err}"
        );
        assert_eq!(err.field(), Some("objects[0].leaves"));
    }

    #[test]
    fn every_key_given_twice_in_json_is_an_error_naming_it() {
        let twice = r#"{"hierarchy": {"name": "G", "name": "H", "weights": [0.5, 0.5],
            "children": [{"name": "a"}, {"name": "b"}]}}"#;
        let err = Model::from_json(twice).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Parse { message, .. } if message == "duplicate field `name`"),
            "{err}"
        );
        assert_eq!(err.field(), Some("hierarchy"));
    }

    #[test]
    fn a_byte_order_mark_is_skipped_in_both_formats() {
        let json = load("bom.json").unwrap();
        let toml = load("bom.toml").unwrap();
        assert_eq!(json, toml);
    }

    #[test]
    fn nesting_past_the_parsers_limits_has_a_real_line_and_column() {
        for (name, format) in [
            ("deep.json", FileFormat::Json),
            ("deep.toml", FileFormat::Toml),
        ] {
            let err = load(name).unwrap_err();
            match err.kind() {
                ErrorKind::Parse {
                    format: found,
                    line,
                    column,
                    ..
                } => {
                    assert_eq!(*found, format);
                    assert!(*line >= 1 && *column >= 1, "{err}");
                }
                _ => panic!("{name}: {err}"),
            }
        }
        // Nested by table headers, the limit is met after parsing, where spans are lost: the
        // error is placed at the deepest header (line 3 · 300 + 1 of this text).
        let mut text = String::from("[hierarchy]\nname = \"a\"\nweights = [1.0]\n");
        let mut key = String::from("hierarchy");
        for _ in 0..300 {
            key.push_str(".children");
            text.push_str(&format!("[[{key}]]\nname = \"a\"\nweights = [1.0]\n"));
        }
        let err = Model::from_toml(&text).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::Parse {
                    line: 901,
                    column: 1,
                    ..
                }
            ),
            "{err}"
        );
    }
}

#[test]
fn rank_order_and_verdict_margin() {
    let low = MembershipMatrix::from_rows(&[[0.2, 0.8]; 4]).unwrap();
    let high = MembershipMatrix::from_rows(&[[0.7, 0.3]; 4]).unwrap();
    let objects = [("low", low), ("high", high)];
    // Scores 2·0.2 + 0.8 = 1.2 and 2·0.7 + 0.3 = 1.7.
    let by_merit = evaluator().rank(&objects).unwrap();
    assert_eq!(by_merit.entries()[0].name, "high");
    let by_risk = evaluator()
        .with_rank_order(ahp_fce::RankOrder::LowestFirst)
        .rank(&objects)
        .unwrap();
    assert_eq!(by_risk.entries()[0].name, "low");
    assert_eq!(
        evaluator()
            .with_rank_order(ahp_fce::RankOrder::LowestFirst)
            .rank_scores(&[1.7, 1.2]),
        vec![2, 1]
    );
    let verdict = evaluator().verdict_of(&[0.7, 0.3]).unwrap();
    // 0.7 − 0.3, one rounding.
    approx::assert_abs_diff_eq!(verdict.margin, 0.4, epsilon = 1e-15);
    assert!(evaluator().verdict_of(&[1.0]).is_err());
}

/// Messages found by trying wrong inputs: each says what is wrong in the user's terms.
#[cfg(feature = "model")]
mod messages {
    use ahp_fce::error::{ErrorKind, Location};
    use ahp_fce::model::Model;

    const GRADES: &str =
        r#""grades": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}, {"name": "e"}]"#;

    fn model(hierarchy: &str, objects: &str) -> Result<Model, ahp_fce::Error> {
        Model::from_json(&format!(
            r#"{{{GRADES}, "hierarchy": {hierarchy}, "objects": [{objects}]}}"#
        ))
    }

    const TWO: &str =
        r#"{"name": "G", "weights": [0.5, 0.5], "children": [{"name": "U11"}, {"name": "U12"}]}"#;

    #[test]
    fn four_votes_for_five_grades_say_so_first() {
        let err = model(TWO, r#"{"name": "o", "leaves": {"U11": {"votes": [1, 2, 3, 4]}, "U12": {"votes": [1, 1, 1, 1, 1]}}}"#).unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::GradeCountMismatch {
                expected: 5,
                found: 4
            }
        );
    }

    #[test]
    fn a_missing_row_is_not_blamed_on_the_good_ones() {
        let err = ahp_fce::JudgmentMatrix::from_rows(&[[1.0, 2.0, 3.0, 4.0]; 3]).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::NotSquare { rows: 3, cols: 4 });
        assert!(err.to_string().contains("3 rows and 4 columns"), "{err}");
    }

    #[test]
    fn a_bad_pair_is_named_by_its_criteria() {
        let hierarchy = r#"{"name": "Car", "comparisons": {"matrix": [[1, 3], [3, 1]]},
            "children": [{"name": "cost"}, {"name": "safety"}]}"#;
        let err = Model::from_json(&format!(r#"{{"hierarchy": {hierarchy}}}"#)).unwrap_err();
        assert!(err
            .locations()
            .any(|l| l == &Location::Comparison("cost".into(), "safety".into())));
        assert!(
            err.to_string().contains("comparing `cost` with `safety`"),
            "{err}"
        );
    }

    #[test]
    fn a_misspelled_leaf_gets_the_closest_name_and_the_object_its_name() {
        let err = model(TWO, r#"{"name": "Shop 1", "leaves": {"U11": {"votes": [1, 1, 1, 1, 1]}, "U12x": {"votes": [1, 1, 1, 1, 1]}}}"#).unwrap_err();
        assert_eq!(err.object(), Some("Shop 1"));
        assert!(
            matches!(err.kind(), ErrorKind::UnknownNode { name, closest: Some(c) } if name == "U12x" && c == "U12"),
            "{err}"
        );
        assert!(err.to_string().contains("did you mean `U12`?"), "{err}");
    }

    #[test]
    fn an_order_beyond_the_table_is_placed_and_a_covering_table_named() {
        let upper = vec!["1"; 45].join(", ");
        let children: Vec<String> = (0..10).map(|k| format!(r#"{{"name": "c{k}"}}"#)).collect();
        let text = format!(
            r#"{{"options": {{"random_index": "gupta_paper"}}, "hierarchy": {{"name": "G",
                "weights": [0.5, 0.5], "children": [{{"name": "A", "comparisons": {{"upper": [{upper}]}},
                "children": [{}]}}, {{"name": "B"}}]}}}}"#,
            children.join(", ")
        );
        let err = Model::from_json(&text).unwrap_err();
        assert_eq!(err.field(), Some("hierarchy.children[0].comparisons"));
        assert!(
            err.to_string()
                .contains("Donegan & Dodd (1991) covers orders up to 100"),
            "{err}"
        );
    }

    #[test]
    fn shares_and_percentages_get_a_hint() {
        let shares = model(TWO, r#"{"name": "o", "leaves": {"U11": {"degrees": [0.33, 0.33, 0.33, 0, 0]}, "U12": {"votes": [1, 1, 1, 1, 1]}}}"#).unwrap_err();
        assert!(shares.to_string().contains("give vote counts"), "{shares}");
        let percent = ahp_fce::MembershipMatrix::from_rows(&[[32.9, 29.7, 32.4, 5.0]]).unwrap_err();
        assert!(
            percent.to_string().contains("divide them by 100"),
            "{percent}"
        );
    }
}

#[cfg(feature = "model")]
#[test]
fn repaired_reciprocals_appear_in_every_report_format() {
    let model = ahp_fce::model::Model::from_json(
        r#"{"hierarchy": {"name": "G", "comparisons": {"matrix": [[1, 2], [0.48, 1]]},
            "children": [{"name": "a"}, {"name": "b"}]}}"#,
    )
    .unwrap();
    let report = model.evaluate().unwrap();
    // 2·0.48 = 0.96: 4 % off, replaced by 1/2.
    let line = "[1][0] 0.48 → 0.500000 (4.0 %)";
    assert!(report.to_text().contains(line), "{}", report.to_text());
    assert!(report.to_markdown().contains(line));
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(json["nodes"][0]["reciprocal_repairs"][0]["used"], 0.5);
}

#[cfg(feature = "model")]
#[test]
fn a_failing_matrix_says_which_judgment_to_reconsider() {
    // Weights 8 : 4 : 2 : 1 would give `a` over `d` = 8; it was judged 2 (and the threshold is
    // tight enough to fail it). By hand (geometric mean): w ∝ 2, √2, 1/√2, 1/2, so ε_ad =
    // 2 · (1/2) / 2 = 1/2 and w_a / w_d = 4; the triads through a and d have Koczkodaj index
    // 1 − 2 / (2 · 4) = 0.75.
    let model = ahp_fce::model::Model::from_json(
        r#"{"options": {"cr_threshold": 0.01},
            "hierarchy": {"name": "G", "comparisons": {"upper": [2, 4, 2, 2, 4, 2]},
            "children": [{"name": "a"}, {"name": "b"}, {"name": "c"}, {"name": "d"}]}}"#,
    )
    .unwrap();
    let report = model.evaluate().unwrap();
    let found = report.nodes[0].inconsistency.as_ref().unwrap();
    let worst = &found.judgments[0];
    assert_eq!((worst.row.as_str(), worst.column.as_str()), ("a", "d"));
    approx::assert_relative_eq!(worst.error, 0.5, max_relative = 1e-12);
    assert_eq!(worst.nearest_scale_value, 4.0);
    approx::assert_relative_eq!(found.koczkodaj, 0.75, max_relative = 1e-12);
    assert!(
        report
            .to_text()
            .contains("`a` over `d` = 2.0000: ε = 0.5000; 4.0000 would agree (4 on Saaty's scale)"),
        "{}",
        report.to_text()
    );
    assert!(report.to_markdown().contains("Koczkodaj index 0.7500"));
    // The suggested repair starts at that judgment and lowers CR at every step.
    assert_eq!(
        (
            found.repair[0].row.as_str(),
            found.repair[0].column.as_str()
        ),
        ("a", "d")
    );
    assert!(found
        .repair
        .windows(2)
        .all(|s| s[1].cr_after < s[0].cr_after));
    assert!(found.repair_reaches_threshold);
    assert!(report
        .to_text()
        .contains("repair step 1: `a` over `d` from 2.0000"));
    // A matrix that passes lists nothing.
    let drinks = ahp_fce::model::Model::from_toml(include_str!("../examples/models/drinks.toml"))
        .unwrap()
        .evaluate()
        .unwrap();
    assert!(drinks.nodes.iter().all(|n| n.inconsistency.is_none()));
}

#[test]
fn a_batch_in_any_memory_layout_scores_the_same() {
    let scorer = evaluator().batch_scorer();
    // Three objects × four leaves × two grades, stored grades-first (Fortran order).
    let values: Vec<f64> = (0..24)
        .map(|k| if k % 2 == 0 { 0.25 } else { 0.75 })
        .collect();
    let standard = ndarray::Array3::from_shape_vec((3, 4, 2), values).unwrap();
    let mut fortran = ndarray::Array3::zeros((3, 4, 2).f());
    fortran.assign(&standard);
    assert!(fortran.as_slice().is_none());
    assert_eq!(
        scorer.score(fortran.view()).unwrap(),
        scorer.score(standard.view()).unwrap()
    );
}

mod incomplete {
    use ahp_fce::error::ErrorKind;
    use ahp_fce::model::Model;
    use ahp_fce::{
        AhpOptions, CompletionMethod, ConsistencyOptions, IncompleteJudgments,
        IncompleteRandomIndex, JudgmentMatrix, LambdaMax, RandomIndex, WeightingMethod,
    };
    use approx::assert_relative_eq;

    /// The 4×4 example of ahpy's README ("Missing Pairwise Comparisons", after Bozóki, Fülöp &
    /// Rónyai 2010) with the pair (c, d) left out: a–b 1, a–c 5, a–d 2, b–c 3, b–d 4.
    fn ahpy_example() -> IncompleteJudgments {
        IncompleteJudgments::from_upper_triangle(&[
            Some(1.0),
            Some(5.0),
            Some(2.0),
            Some(3.0),
            Some(4.0),
            None,
        ])
        .unwrap()
    }

    /// Independent computation (pure Python: the LLSM normal equations with Σ ln w = 0 solved
    /// by Gaussian elimination; Harker's matrix by 2,000 steps of power iteration), to 1e-12:
    /// both are a handful of roundings on a 4×4 system.
    const INDEPENDENT: f64 = 1e-12;

    #[test]
    fn the_ahpy_example_is_completed_by_both_methods() {
        let j = ahpy_example();
        assert_eq!(j.missing(), vec![(2, 3)]);
        let llsm = j.llsm_weights().unwrap();
        assert_relative_eq!(
            llsm.as_slice(),
            &[
                0.37418295417177316,
                0.3916330283977236,
                0.09884074851905232,
                0.1353432689114508
            ][..],
            max_relative = INDEPENDENT
        );
        let b = j
            .complete(CompletionMethod::LogarithmicLeastSquares)
            .unwrap();
        // ahpy's λmax-optimal completion gives 0.7302971068 for this entry; LLSM agrees to
        // six digits here.
        assert_relative_eq!(
            b.get(2, 3).unwrap(),
            0.7302967433402212,
            max_relative = INDEPENDENT
        );
        // The geometric mean of the LLSM-completed matrix is the LLSM weights.
        let gm = b.weights(WeightingMethod::GeometricMean).unwrap();
        assert_relative_eq!(gm.as_slice(), llsm.as_slice(), max_relative = 1e-14);

        let harker = j.harker_weights().unwrap();
        assert_relative_eq!(
            harker.as_slice(),
            &[
                0.3735785232158181,
                0.3921229428482174,
                0.09817652868083356,
                0.1361220052551308
            ][..],
            max_relative = INDEPENDENT
        );
        let h = j.complete(CompletionMethod::Harker).unwrap();
        assert_relative_eq!(
            h.get(2, 3).unwrap(),
            0.721239218426317,
            max_relative = INDEPENDENT
        );
        // Harker's λmax is the Perron root of the completed matrix.
        let options = AhpOptions::default()
            .with_weighting(WeightingMethod::Eigenvector)
            .with_random_index(RandomIndex::DoneganDodd1991);
        let analysis = options.analyze(&h).unwrap();
        assert_relative_eq!(
            analysis.consistency.lambda_max,
            4.092387610556653,
            max_relative = INDEPENDENT
        );
        assert_relative_eq!(
            analysis.weights.as_slice(),
            harker.as_slice(),
            max_relative = 1e-12
        );
    }

    #[test]
    fn a_completed_matrix_gets_a_simulated_random_index_unless_told_otherwise() {
        let b = ahpy_example()
            .complete(CompletionMethod::LogarithmicLeastSquares)
            .unwrap();
        let simulated = AhpOptions::default().analyze(&b).unwrap().consistency;
        let incomplete = simulated.incomplete.as_ref().unwrap();
        assert_eq!(incomplete.missing, 1);
        let estimate = incomplete.simulated.as_ref().unwrap();
        assert_eq!(
            estimate.samples,
            ahp_fce::ahp::consistency::INCOMPLETE_RI_SAMPLES
        );
        assert_eq!(simulated.ri, estimate.ri);
        // One pair fewer lowers the random index below the complete one.
        assert!(estimate.ri < RandomIndex::Saaty1980.value(4).unwrap());
        let table = AhpOptions {
            consistency: ConsistencyOptions::default()
                .with_incomplete_random_index(IncompleteRandomIndex::CompleteTable),
            ..AhpOptions::default()
        }
        .analyze(&b)
        .unwrap()
        .consistency;
        assert_eq!(table.ri, 0.90);
        assert!(table.incomplete.unwrap().simulated.is_none());
        assert_eq!(table.ci, simulated.ci);
    }

    #[test]
    fn a_tree_of_judgments_completes_to_a_consistent_matrix() {
        // a–b, b–c, c–d only: every completion is consistent, so RI and CR are 0.
        let j = IncompleteJudgments::from_upper_triangle(&[
            Some(2.0),
            None,
            None,
            Some(3.0),
            None,
            Some(0.5),
        ])
        .unwrap();
        let b = j.complete(CompletionMethod::Harker).unwrap();
        assert_relative_eq!(b.get(0, 3).unwrap(), 3.0, max_relative = 1e-12);
        let c = AhpOptions::default().analyze(&b).unwrap().consistency;
        assert_eq!((c.ri, c.cr), (0.0, 0.0));
        assert!(c.acceptable);
    }

    #[test]
    fn perron_root_is_the_principal_eigenvalue_whatever_the_weights() {
        let b = JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 0.5, 2.0, 4.0, 1.0 / 3.0]).unwrap();
        let ratios = AhpOptions::default().analyze(&b).unwrap().consistency;
        let perron = AhpOptions {
            consistency: ConsistencyOptions::default().with_lambda_max(LambdaMax::PerronRoot),
            ..AhpOptions::default()
        }
        .analyze(&b)
        .unwrap()
        .consistency;
        let eigen = AhpOptions::default()
            .with_weighting(WeightingMethod::Eigenvector)
            .analyze(&b)
            .unwrap()
            .consistency;
        assert_eq!(perron.lambda_max_by, LambdaMax::PerronRoot);
        // 1e-12: the eigenvector's certification.
        assert_relative_eq!(perron.lambda_max, eigen.lambda_max, max_relative = 1e-12);
        // With geometric-mean weights the paper's formula is an estimate of it, not it.
        assert!((ratios.lambda_max - perron.lambda_max).abs() > 1e-9);
    }

    const THREE: &str = r#""children": [{"name": "a"}, {"name": "b"}, {"name": "c"}]"#;

    #[test]
    fn model_files_leave_judgments_out_in_all_three_forms() {
        let forms = [
            r#"{"matrix": [[1, 2, null], [0.5, 1, 3], [null, "1/3", 1]]}"#.to_owned(),
            r#"{"upper": [2, "?", 3]}"#.to_owned(),
            r#"{"pairs": [["a", "b", 2], ["c", "b", "1/3"]]}"#.to_owned(),
        ];
        for form in forms {
            let model = Model::from_json(&format!(
                r#"{{"hierarchy": {{"name": "G", "comparisons": {form}, {THREE}}}}}"#
            ))
            .unwrap_or_else(|e| panic!("{form}: {e}"));
            let report = model.evaluate().unwrap();
            let json = serde_json::to_value(&report).unwrap();
            let consistency = &json["nodes"][0]["consistency"];
            assert_eq!(consistency["incomplete"]["missing"], 1, "{form}");
            // The gap a–c is filled consistently with a–b = 2 and b–c = 3.
            let text = model.to_json();
            assert!(text.contains("\"?\""), "{text}");
            let again = Model::from_json(&text).unwrap();
            assert_eq!(again, model);
        }
        let toml = Model::from_toml(
            "options.completion = \"harker\"\n[hierarchy]\nname = \"G\"\n\
             comparisons.upper = [2, \"?\", 3]\nchildren = [{name = \"a\"}, {name = \"b\"}, {name = \"c\"}]\n",
        )
        .unwrap();
        assert_eq!(toml.to_spec().options.completion, CompletionMethod::Harker);
    }

    #[test]
    fn gaps_that_split_the_children_are_named() {
        let err = Model::from_json(&format!(
            r#"{{"hierarchy": {{"name": "G", "comparisons": {{"upper": [2, null, null]}}, {THREE}}}}}"#
        ))
        .unwrap_err();
        assert_eq!(err.field(), Some("hierarchy.comparisons.upper"));
        assert_eq!(
            err.kind(),
            &ErrorKind::DisconnectedChildren {
                groups: vec![vec!["a".into(), "b".into()], vec!["c".into()]]
            }
        );
    }
}

mod levels {
    use ahp_fce::model::Model;
    use approx::assert_relative_eq;
    use std::path::Path;

    #[test]
    fn per_level_cr_weighs_each_levels_matrices_by_their_global_weights() {
        let model =
            Model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/models/paper.json"))
                .unwrap();
        let synthesis = model.synthesis();
        let hierarchy = model.hierarchy();
        let (mut by_level, mut all) = ([(0.0, 0.0); 2], (0.0, 0.0));
        for (id, node) in hierarchy.nodes() {
            let Some(c) = synthesis.consistency_of(id) else {
                continue;
            };
            if c.order < 3 {
                continue;
            }
            let w = synthesis.global_weight(id).unwrap();
            let sums = &mut by_level[node.depth()];
            sums.0 += w * c.ci;
            sums.1 += w * c.ri;
            all.0 += w * c.ci;
            all.1 += w * c.ri;
        }
        let h = &synthesis.consistency();
        assert_eq!(h.levels.len(), 2);
        // The definitions, recomputed from the nodes' own reports; 1e-14: sums of four terms.
        for (level, (ci, ri)) in h.levels.iter().zip(by_level) {
            assert_relative_eq!(level.cr, ci / ri, max_relative = 1e-14);
        }
        assert_relative_eq!(h.cr, all.0 / all.1, max_relative = 1e-14);
        // Level 1 is the goal's matrix alone.
        let goal = synthesis.consistency_of(hierarchy.root()).unwrap();
        assert_relative_eq!(h.levels[0].cr, goal.cr, max_relative = 1e-14);
        assert!(model.evaluate().unwrap().to_text().contains("Per-level CR"));
    }
}

mod checks {
    use ahp_fce::model::Model;
    use ahp_fce::ConsistencyCheck;

    fn goal(check: &str) -> ahp_fce::ConsistencyReport {
        // a ≻ b 2, a ≻ c 8, b ≻ c 2: λmax = 1 + 2^(1/3) + 2^(−1/3) = 3.054, CR 0.047 (Saaty
        // 1980), but the triad's Koczkodaj index is
        // min(|1 − 8/4|, |1 − 4/8|) = 1/2 (by hand).
        let model = Model::from_json(&format!(
            r#"{{"options": {{"consistency_check": "{check}"}},
                "hierarchy": {{"name": "G", "comparisons": {{"upper": [2, 8, 2]}},
                "children": [{{"name": "a"}}, {{"name": "b"}}, {{"name": "c"}}]}}}}"#
        ))
        .unwrap();
        model
            .synthesis()
            .consistency_of(model.hierarchy().root())
            .unwrap()
            .clone()
    }

    #[test]
    fn each_check_decides_by_its_own_index_and_threshold() {
        let ratio = goal("ratio");
        assert_eq!(ratio.check, ConsistencyCheck::Ratio);
        assert!(ratio.cr < 0.1 && ratio.acceptable);
        assert_eq!(ratio.koczkodaj, Some(0.5));
        let koczkodaj = goal("koczkodaj");
        assert!(!koczkodaj.acceptable, "{koczkodaj:?}");
        let geometric = goal("geometric");
        assert_eq!(geometric.geometric.threshold, Some(0.31));
        assert_eq!(geometric.acceptable, geometric.geometric.gci <= 0.31);
    }
}

/// Panels of experts: in Rust and in model files, with gaps, weights and both aggregations.
#[cfg(feature = "model")]
mod panels {
    use ahp_fce::error::{ErrorKind, Limit};
    use ahp_fce::model::Model;
    use ahp_fce::survey::{aggregate_priorities, PriorityMean};
    use ahp_fce::{
        AhpOptions, Criterion, Hierarchy, IncompleteJudgments, JudgmentMatrix, Limits, Panel,
        PanelAggregation, Weights,
    };
    use approx::assert_relative_eq;
    use std::path::Path;

    /// Recomputed in another order, exact in theory: a few roundings.
    const EXACT: f64 = 1e-12;

    fn load(name: &str) -> Model {
        Model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
    }

    /// The shipped panel (the first five respondents of ahpsurvey's `city200`) against an
    /// independent pure-Python computation: the element-wise geometric mean of the five
    /// matrices, its geometric-mean weights and CR (RI 1.12), and Goepel's consensus of the
    /// respondents' geometric-mean priorities.
    #[test]
    fn the_shipped_panel_as_computed_independently() {
        let report = load("examples/models/panel.toml").evaluate().unwrap();
        let goal = &report.nodes[0];
        let weights: Vec<f64> = report.nodes[1..].iter().map(|n| n.local_weight).collect();
        assert_relative_eq!(
            weights.as_slice(),
            &[
                0.16606816102411753,
                0.4293392723078238,
                0.07787085813420762,
                0.2861201191606265,
                0.04060158937322451
            ][..],
            max_relative = EXACT
        );
        let cr = goal.consistency.as_ref().unwrap().cr;
        assert_relative_eq!(cr, 0.032852297227555345, max_relative = 1e-10);
        let panel = goal.panel.as_ref().unwrap();
        assert_eq!(panel.experts.len(), 5);
        assert_eq!(panel.experts[4].name, "respondent 5");
        assert_eq!(panel.acceptable_experts, 4);
        let consensus = panel.consensus.unwrap();
        assert_relative_eq!(consensus.value, 0.9709124883888877, max_relative = EXACT);
        let text = report.to_text();
        assert!(text.contains("Panel at City to live in:"), "{text}");
        assert!(text.contains("respondent 5 (weight 0.2000): CR 0.1047 NOT acceptable"));
        assert!(report.to_markdown().contains("- Panel at City to live in:"));
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["nodes"][0]["panel"]["aggregation"], "judgments");
        let experts = &json["nodes"][0]["panel"]["experts"];
        assert!(experts[0]["inconsistency"].is_null());
        assert_eq!(
            experts[4]["inconsistency"]["repair_reaches_threshold"],
            serde_json::Value::Bool(true)
        );
        assert!(text.contains("first change suggested: family over transportation"));
        assert!(
            json["nodes"][0]["panel"]["experts"][4]["consistency"]["cr"]
                .as_f64()
                .unwrap()
                > 0.1
        );
    }

    fn two_experts(extra: &str) -> String {
        format!(
            r#"{{"hierarchy": {{"name": "G", "panel": {{{extra}"experts": [
                {{"name": "Ann", "comparisons": {{"upper": [2, 4, 2]}}}},
                {{"name": "Ben", "comparisons": {{"pairs": [["a", "b", 3], ["b", "c", 1], ["a", "c", 3]]}}}}
            ]}}, "children": [{{"name": "a"}}, {{"name": "b"}}, {{"name": "c"}}]}}}}"#
        )
    }

    #[test]
    fn judgments_and_priorities_are_aggregated_as_defined() {
        let aij = Model::from_json(&two_experts("")).unwrap();
        let root = aij.hierarchy().root();
        let group = match aij.hierarchy().get(root).unwrap().priorities() {
            Some(ahp_fce::Priorities::Panel(panel)) => panel.group_matrix().clone(),
            other => panic!("{other:?}"),
        };
        // √(2·3), √(4·3), √(2·1).
        for ((x, y), v) in [((0, 1), 6f64), ((0, 2), 12.0), ((1, 2), 2.0)] {
            assert_relative_eq!(group.get(x, y).unwrap(), v.sqrt(), max_relative = EXACT);
        }
        let aip = Model::from_json(&two_experts(
            r#""aggregation": "priorities", "priority_mean": "arithmetic", "#,
        ))
        .unwrap();
        let report = aip.evaluate().unwrap();
        let panel = report.nodes[0].panel.as_ref().unwrap();
        let experts: Vec<Weights> = panel
            .experts
            .iter()
            .map(|e| Weights::new(&e.priorities).unwrap())
            .collect();
        let mean = aggregate_priorities(&experts, None, PriorityMean::Arithmetic).unwrap();
        let weights: Vec<f64> = report.nodes[1..].iter().map(|n| n.local_weight).collect();
        assert_relative_eq!(weights.as_slice(), mean.as_slice(), max_relative = EXACT);
        // The node's consistency is the group matrix's, whatever the aggregation.
        assert_eq!(
            report.nodes[0].consistency,
            aij.evaluate().unwrap().nodes[0].consistency
        );
        assert!(report.to_text().contains("AIP: weighted arithmetic mean"));
    }

    #[test]
    fn expert_weights_tilt_the_group() {
        let heavy = Model::from_json(
            &two_experts("")
                .replace(r#""name": "Ann", "#, r#""name": "Ann", "weight": 3, "#)
                .replace(r#""name": "Ben", "#, r#""name": "Ben", "weight": 1, "#),
        )
        .unwrap();
        let report = heavy.evaluate().unwrap();
        let panel = report.nodes[0].panel.as_ref().unwrap();
        assert_relative_eq!(panel.experts[0].weight, 0.75, max_relative = EXACT);
        // b_01 = 2^0.75 · 3^0.25.
        let b01 = report.nodes[0].comparisons.as_ref().unwrap()[0][1];
        assert_relative_eq!(b01, 2f64.powf(0.75) * 3f64.powf(0.25), max_relative = EXACT);
        // Written out, the weights as given read back, so the model is equal.
        assert_eq!(Model::from_json(&heavy.to_json()).unwrap(), heavy);
    }

    #[test]
    fn a_pair_one_expert_left_out_is_the_others_and_one_nobody_gave_is_filled() {
        let skip = |upper: &[Option<f64>]| {
            IncompleteJudgments::from_upper_triangle(upper)
                .unwrap()
                .complete(Default::default())
                .unwrap()
        };
        // Ann leaves (a, c) out; Ben gives it as 5. Neither gives (b, d).
        let ann = skip(&[Some(2.0), None, Some(3.0), Some(2.0), None, Some(1.0)]);
        let ben = skip(&[Some(2.0), Some(5.0), Some(3.0), Some(2.0), None, Some(1.0)]);
        let panel = Panel::new(
            vec![("Ann".into(), ann), ("Ben".into(), ben)],
            None,
            PanelAggregation::Judgments,
        )
        .unwrap();
        let group = panel.group_matrix();
        assert_relative_eq!(group.get(0, 2).unwrap(), 5.0, max_relative = EXACT);
        let filled = group.completion().unwrap();
        assert_eq!(filled.filled.len(), 1);
        assert!(filled.is_filled(1, 3));
        // The same through a model file, with the gap reported at the group.
        let model = Model::from_toml(
            r#"
            [hierarchy]
            name = "G"
            [[hierarchy.panel.experts]]
            name = "Ann"
            comparisons.upper = [2, "?", 3, 2, "?", 1]
            [[hierarchy.panel.experts]]
            name = "Ben"
            comparisons.upper = [2, 5, 3, 2, "?", 1]
            [[hierarchy.children]]
            name = "a"
            [[hierarchy.children]]
            name = "b"
            [[hierarchy.children]]
            name = "c"
            [[hierarchy.children]]
            name = "d"
            "#,
        )
        .unwrap();
        let report = model.evaluate().unwrap();
        let completed = &report.nodes[0].completed_judgments;
        assert_eq!(
            (completed[0].row.as_str(), completed[0].column.as_str()),
            ("b", "d")
        );
        assert_eq!(Model::from_json(&model.to_json()).unwrap(), model);
    }

    #[test]
    fn panels_work_from_rust_below_the_goal() {
        let panel = Panel::new(
            vec![
                (
                    "Ann".into(),
                    JudgmentMatrix::from_upper_triangle(&[3.0]).unwrap(),
                ),
                (
                    "Ben".into(),
                    JudgmentMatrix::from_upper_triangle(&[1.0 / 3.0]).unwrap(),
                ),
            ],
            None,
            PanelAggregation::Judgments,
        )
        .unwrap();
        let hierarchy = Hierarchy::new(Criterion::weighted(
            "G",
            Weights::new(&[0.5, 0.5]).unwrap(),
            [
                Criterion::paneled("A", panel, [Criterion::leaf("x"), Criterion::leaf("y")]),
                Criterion::leaf("B"),
            ],
        ))
        .unwrap();
        let synthesis = hierarchy.synthesize(&AhpOptions::default()).unwrap();
        // Opposite judgments cancel: 3 and 1/3 average to 1.
        let a = hierarchy.find("A").unwrap();
        let analysis = synthesis.node(a).unwrap().panel.as_ref().unwrap();
        assert_relative_eq!(
            analysis.weights.as_slice(),
            &[0.5, 0.5][..],
            max_relative = EXACT
        );
        assert!(analysis.consensus.unwrap().value < 1.0);
    }

    /// The snippet of `docs/model-format.md` loads under a goal with children A, B, C.
    #[test]
    fn the_documented_panel_loads() {
        let doc = include_str!("../docs/model-format.md");
        let section = &doc[doc.find("### Panels").unwrap()..];
        let start = section.find("```toml\n").unwrap() + "```toml\n".len();
        let snippet = &section[start..start + section[start..].find("```").unwrap()];
        let model = Model::from_toml(&format!(
            "[hierarchy]\nname = \"G\"\n{snippet}\n[[hierarchy.children]]\nname = \"A\"\n\
             [[hierarchy.children]]\nname = \"B\"\n[[hierarchy.children]]\nname = \"C\"\n"
        ))
        .unwrap();
        let report = model.evaluate().unwrap();
        let panel = report.nodes[0].panel.as_ref().unwrap();
        assert_eq!(panel.experts.len(), 2);
        assert_relative_eq!(panel.experts[0].weight, 2.0 / 3.0, max_relative = EXACT);
    }

    #[test]
    fn bad_panels_are_named_where_they_are() {
        let err = |text: &str| Model::from_json(text).unwrap_err();
        let place = |e: &ahp_fce::Error| e.field().unwrap_or_default().to_owned();

        let both = err(&two_experts("").replace(r#""panel""#, r#""weights": [0.5, 0.5], "panel""#));
        assert_eq!(
            both.kind(),
            &ErrorKind::ConflictingPriorities {
                first: "weights",
                second: "panel"
            }
        );

        let partial =
            err(&two_experts("").replace(r#""name": "Ann", "#, r#""name": "Ann", "weight": 2, "#));
        assert_eq!(partial.kind(), &ErrorKind::PartialExpertWeights);
        assert_eq!(place(&partial), "hierarchy.panel.experts");

        let zero = err(&two_experts("")
            .replace(r#""name": "Ann", "#, r#""name": "Ann", "weight": 2, "#)
            .replace(r#""name": "Ben", "#, r#""name": "Ben", "weight": 0, "#));
        assert!(matches!(
            zero.kind(),
            ErrorKind::InvalidWeight { index: 1, .. }
        ));
        assert_eq!(place(&zero), "hierarchy.panel.experts[1].weight");

        let mean = err(&two_experts(r#""priority_mean": "geometric", "#));
        assert_eq!(mean.kind(), &ErrorKind::PriorityMeanWithoutPriorities);
        assert_eq!(place(&mean), "hierarchy.panel.priority_mean");

        let twice = err(&two_experts("").replace("Ben", "Ann"));
        assert!(matches!(twice.kind(), ErrorKind::DuplicateExpert { name } if name == "Ann"));
        assert_eq!(place(&twice), "hierarchy.panel");

        let short = err(&two_experts("").replace("[2, 4, 2]", "[2, 4]"));
        assert!(
            matches!(short.kind(), ErrorKind::UpperTriangleLength { .. }),
            "{short}"
        );
        assert_eq!(
            place(&short),
            "hierarchy.panel.experts[0].comparisons.upper"
        );

        let apart =
            err(&two_experts("").replace(r#"["b", "c", 1], ["a", "c", 3]"#, r#"["a", "b", 3]"#));
        assert!(
            matches!(apart.kind(), ErrorKind::DisconnectedChildren { .. }),
            "{apart}"
        );
        assert_eq!(
            place(&apart),
            "hierarchy.panel.experts[1].comparisons.pairs"
        );

        let none = err(&two_experts("").replace(
            r#"{"name": "Ann", "comparisons": {"upper": [2, 4, 2]}},
                {"name": "Ben", "comparisons": {"pairs": [["a", "b", 3], ["b", "c", 1], ["a", "c", 3]]}}"#,
            "",
        ));
        assert!(matches!(none.kind(), ErrorKind::Empty { .. }), "{none}");

        let crowd =
            Model::from_json_with_limits(&two_experts(""), &Limits::default().with_experts(1))
                .unwrap_err();
        assert!(matches!(
            crowd.kind(),
            ErrorKind::LimitExceeded {
                limit: Limit::Experts,
                value: 2,
                max: 1
            }
        ));
        assert_eq!(place(&crowd), "hierarchy.panel.experts");
    }
}

/// Alternatives in model files: the documented example, every form, and bad input named where
/// it is.
#[cfg(feature = "model")]
mod alternatives_in_models {
    use ahp_fce::alternatives::SynthesisMode;
    use ahp_fce::error::ErrorKind;
    use ahp_fce::model::Model;
    use approx::assert_relative_eq;

    const EXACT: f64 = 1e-12;

    fn documented() -> String {
        let doc = include_str!("../docs/model-format.md");
        let section = &doc[doc.find("### Alternatives").unwrap()..];
        let start = section.find("```toml\n").unwrap() + "```toml\n".len();
        section[start..start + section[start..].find("```").unwrap()].to_owned()
    }

    /// The documented example by hand: goal weights from [3, 5, 2] by geometric mean; under
    /// ideal synthesis ratings are value / 1.0 and measurements (less is better) min / value.
    #[test]
    fn the_documented_example_synthesizes_by_hand() {
        let model = Model::from_toml(&documented()).unwrap();
        let report = model.evaluate().unwrap();
        let a = report.alternatives.as_ref().unwrap();
        assert_eq!(a.mode, SynthesisMode::Ideal);
        let weights: Vec<f64> = report.nodes[1..].iter().map(|n| n.global_weight).collect();
        // References: good 0.6, excellent 1.0, fair 0.3 (the scale's top is 1.0).
        assert_eq!(a.leaves[1].used, vec![0.6, 1.0, 0.3]);
        // Salary asked, less is better, divided by the best: 48000 / v.
        for (used, v) in a.leaves[2].used.iter().zip([52000.0, 48000.0, 61000.0]) {
            assert_relative_eq!(*used, 48000.0 / v, max_relative = EXACT);
        }
        // Skills: a consistent 4 : 2 : 1 matrix, divided by the best: 1, 1/2, 1/4.
        for (used, v) in a.leaves[0].used.iter().zip([1.0, 0.5, 0.25]) {
            assert_relative_eq!(*used, v, max_relative = EXACT);
        }
        for k in 0..3 {
            let by_hand: f64 = a
                .leaves
                .iter()
                .zip(&weights)
                .map(|(l, w)| w * l.used[k])
                .sum();
            assert_relative_eq!(a.overall[k], by_hand, max_relative = EXACT);
        }
        assert_eq!(a.leaves[1].form, "ratings");
        let text = report.to_text();
        assert!(text.contains("Alternatives (ideal synthesis"), "{text}");
        assert!(report.to_markdown().contains("| alternative | Skills"));
        // Written out and read back, the same model.
        assert_eq!(Model::from_json(&model.to_json()).unwrap(), model);
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["alternatives"]["mode"], "ideal");
        assert_eq!(json["options"]["synthesis"], "ideal");
    }

    #[test]
    fn bad_alternatives_are_named_where_they_are() {
        let err = |text: String| Model::from_toml(&text).unwrap_err();
        let place = |e: &ahp_fce::Error| e.field().unwrap_or_default().to_owned();
        let doc = documented();

        let missing = err(doc.replace(
            "alternatives.measurements = { values = [52000, 48000, 61000], better = \"less\" }",
            "",
        ));
        assert!(
            matches!(missing.kind(), ErrorKind::MissingAlternativeScores { leaf } if leaf == "Hire/Salary asked")
        );
        assert_eq!(place(&missing), "hierarchy.children[2]");

        let scale = err(doc.replace("scale = \"standard\"", "scale = \"stars\""));
        assert!(
            matches!(scale.kind(), ErrorKind::UnknownRatingScale { name, .. } if name == "stars")
        );
        assert_eq!(
            place(&scale),
            "hierarchy.children[1].alternatives.ratings.scale"
        );
        assert!(scale.to_string().contains("`standard`"), "{scale}");

        let level = err(doc.replace("\"excellent\", \"fair\"]", "\"superb\", \"fair\"]"));
        assert!(
            matches!(level.kind(), ErrorKind::UnknownRatingLevel { level, .. } if level == "superb")
        );
        assert_eq!(
            place(&level),
            "hierarchy.children[1].alternatives.ratings.values"
        );

        let negative = err(doc.replace("48000, 61000", "-48000, 61000"));
        assert!(matches!(
            negative.kind(),
            ErrorKind::InvalidMeasurement { index: 1, .. }
        ));
        assert_eq!(
            place(&negative),
            "hierarchy.children[2].alternatives.measurements.values"
        );

        let short = err(doc.replace("[52000, 48000, 61000]", "[52000, 48000]"));
        assert!(matches!(
            short.kind(),
            ErrorKind::LengthMismatch {
                expected: 3,
                found: 2,
                ..
            }
        ));
        assert_eq!(place(&short), "hierarchy.children[2].alternatives");

        let twice = err(doc.replace("\"Ben\", \"Cas\"]\n", "\"Ann\", \"Cas\"]\n"));
        assert!(matches!(twice.kind(), ErrorKind::DuplicateAlternative { name } if name == "Ann"));
        assert_eq!(place(&twice), "alternatives");

        let bad_level = err(doc.replace("[\"poor\", 0.1]", "[\"poor\", 0]"));
        assert!(matches!(bad_level.kind(), ErrorKind::InvalidRating { .. }));
        assert_eq!(place(&bad_level), "rating_scales.standard");

        let none = err(doc.replace("alternatives = [\"Ann\", \"Ben\", \"Cas\"]", ""));
        assert_eq!(
            none.kind(),
            &ErrorKind::AlternativeScoresWithoutAlternatives
        );

        let inner = Model::from_json(
            r#"{"alternatives": ["x", "y"], "hierarchy": {"name": "G", "weights": [1],
                "alternatives": {"measurements": {"values": [1, 2], "better": "more"}},
                "children": [{"name": "a", "alternatives": {"measurements": {"values": [1, 2], "better": "more"}}}]}}"#,
        )
        .unwrap_err();
        assert_eq!(inner.kind(), &ErrorKind::AlternativesOnInternalNode);
        assert_eq!(place(&inner), "hierarchy.alternatives");

        let unknown_pair = err(doc.replace("[\"Ben\", \"Cas\", 2]]", "[\"Ben\", \"Dee\", 2]]"));
        assert!(
            matches!(unknown_pair.kind(), ErrorKind::BadPair { .. }),
            "{unknown_pair}"
        );
        assert_eq!(
            place(&unknown_pair),
            "hierarchy.children[0].alternatives.comparisons.pairs[2]"
        );
    }
}

/// Monte Carlo over whole models: without noise every draw is the deterministic result;
/// with it the run is reproducible; bad runs are named where they are.
#[cfg(feature = "model")]
mod monte_carlo {
    use ahp_fce::error::ErrorKind;
    use ahp_fce::model::Model;
    use ahp_fce::uncertainty::{JudgmentNoise, MonteCarlo, VoteNoise};
    use std::path::Path;

    fn load(name: &str) -> Model {
        Model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
    }

    /// No noise: every quantile is the deterministic score bit for bit, every rank and verdict
    /// has probability 1, and every CR is the deterministic one.
    #[test]
    fn without_noise_every_draw_is_the_deterministic_result() {
        for name in [
            "examples/models/leader.toml",
            "examples/models/car.json",
            "examples/models/paper.toml",
            "examples/models/panel.json",
            "examples/models/incomplete.toml",
        ] {
            let model = load(name);
            let report = model.evaluate().unwrap();
            let run = MonteCarlo::new(16, 3)
                .unwrap()
                .with_judgments(JudgmentNoise::LogNormal(0.0))
                .unwrap();
            let u = model.uncertainty(&run).unwrap();
            let (scores, ranks): (Vec<f64>, Vec<usize>) = match &report.alternatives {
                Some(a) => (
                    a.overall.clone(),
                    a.names
                        .iter()
                        .map(|n| a.ranking.iter().find(|e| &e.name == n).unwrap().rank)
                        .collect(),
                ),
                None => (
                    report.objects.iter().filter_map(|o| o.score).collect(),
                    report
                        .objects
                        .iter()
                        .map(|o| {
                            report
                                .ranking
                                .iter()
                                .find(|e| e.name == o.name)
                                .map_or(0, |e| e.rank)
                        })
                        .collect(),
                ),
            };
            for (q, s) in u.scores.iter().zip(&scores) {
                assert_eq!((q.p5, q.p50, q.p95), (*s, *s, *s), "{name}");
            }
            for (p, &r) in u.rank_probabilities.iter().zip(&ranks) {
                assert_eq!(p[r - 1], 1.0, "{name}");
            }
            for (p, object) in u.verdict_probabilities.iter().zip(&report.objects) {
                let h = u
                    .grades
                    .iter()
                    .position(|g| *g == object.verdict.name)
                    .unwrap();
                assert_eq!(p[h], 1.0, "{name}");
            }
            let crs: Vec<f64> = report
                .nodes
                .iter()
                .filter_map(|n| n.consistency.as_ref().map(|c| c.cr))
                .collect();
            for (m, cr) in u.matrices.iter().zip(&crs) {
                assert_eq!((m.cr.p5, m.cr.p95), (*cr, *cr), "{name}: {}", m.matrix);
            }
        }
    }

    #[test]
    fn a_run_reproduces_and_noise_spreads_the_result() {
        let model = load("examples/models/paper.toml");
        let run = MonteCarlo::new(300, 11)
            .unwrap()
            .with_judgments(JudgmentNoise::ScaleStep(0.3))
            .unwrap()
            .with_votes(VoteNoise::Multinomial);
        let first = model.uncertainty(&run).unwrap();
        assert_eq!(first, model.uncertainty(&run).unwrap());
        // Probabilities are shares of the draws: each row sums to 1.
        for row in first
            .rank_probabilities
            .iter()
            .chain(&first.verdict_probabilities)
        {
            let total: f64 = row.iter().sum();
            assert!((total - 1.0).abs() < 1e-12, "{total}");
        }
        assert!(first.scores.iter().all(|q| q.p5 < q.p95));
        let other = MonteCarlo::new(300, 12)
            .unwrap()
            .with_judgments(JudgmentNoise::ScaleStep(0.3))
            .unwrap();
        assert_ne!(first, model.uncertainty(&other).unwrap());
    }

    /// The documented `[uncertainty]` section, added to the shipped leader model, runs.
    #[test]
    fn the_documented_run_loads() {
        let doc = include_str!("../docs/model-format.md");
        let section = &doc[doc.find("### `uncertainty`").unwrap()..];
        let start = section.find("```toml\n").unwrap() + "```toml\n".len();
        let snippet = &section[start..start + section[start..].find("```").unwrap()];
        let text = include_str!("../examples/models/leader.toml")
            .replace("[options]", &format!("{snippet}\n[options]"))
            .replace("draws = 10000", "draws = 200");
        let report = Model::from_toml(&text).unwrap().evaluate().unwrap();
        let u = report.uncertainty.unwrap();
        assert_eq!(u.items, ["Moll", "Nell", "Sue"]);
        assert_eq!(u.matrices.len(), 5);
    }

    #[test]
    fn a_model_file_asks_for_a_run_and_bad_runs_are_named() {
        let base = include_str!("../examples/models/leader.toml");
        let with = |section: &str| base.replace("[options]", &format!("{section}\n\n[options]"));
        let model = Model::from_toml(&with(
            "[uncertainty]\ndraws = 50\nseed = 9\njudgments = { log_normal = 0.1 }",
        ))
        .unwrap();
        let report = model.evaluate().unwrap();
        let u = report.uncertainty.as_ref().unwrap();
        assert!(u.run.starts_with("50 draws, seed 9"));
        assert!(report
            .to_text()
            .contains("How sure the result is (50 draws"));
        assert!(report.to_markdown().contains("How sure the result is"));
        assert_eq!(Model::from_json(&model.to_json()).unwrap(), model);

        let zero = Model::from_toml(&with("[uncertainty]\ndraws = 0")).unwrap_err();
        assert!(matches!(
            zero.kind(),
            ErrorKind::InvalidDraws { draws: 0, .. }
        ));
        assert_eq!(zero.field(), Some("uncertainty"));
        let negative = Model::from_toml(&with("[uncertainty]\njudgments = { log_normal = -0.1 }"))
            .unwrap_err();
        assert!(matches!(negative.kind(), ErrorKind::InvalidNoise { .. }));
        let many = Model::from_toml(&with("[uncertainty]\ndraws = 100001")).unwrap_err();
        assert!(matches!(
            many.kind(),
            ErrorKind::LimitExceeded {
                limit: ahp_fce::error::Limit::Draws,
                value: 100_001,
                max: 100_000
            }
        ));
        assert_eq!(many.field(), Some("uncertainty.draws"));
        // 100,000 draws of 40,000 objects would keep 1.2 · 10¹⁰ numbers: refused at load.
        let objects: String = (0..40_000)
            .map(|k| format!("[[objects]]\nname = \"o{k}\"\nleaves = {{ \"default rate\" = {{ value = 0.02 }}, \"on-time share\" = {{ value = 0.9 }} }}\n"))
            .collect();
        let crowd = include_str!("../examples/models/indicators.toml")
            .split("[[objects]]")
            .next()
            .unwrap()
            .to_owned()
            + &objects
            + "[uncertainty]\ndraws = 100000\n";
        let big = Model::from_toml(&crowd).unwrap_err();
        assert!(
            matches!(big.kind(), ErrorKind::MonteCarloTooLarge { .. }),
            "{big}"
        );
        assert_eq!(big.field(), Some("uncertainty"));
        let probability =
            Model::from_toml(&with("[uncertainty]\njudgments = { scale_step = 1.5 }")).unwrap_err();
        assert!(matches!(probability.kind(), ErrorKind::InvalidNoise { .. }));
    }
}

/// Measured indicators in model files: the documented example by hand, and bad input named.
#[cfg(feature = "model")]
mod indicators_in_models {
    use ahp_fce::error::ErrorKind;
    use ahp_fce::model::Model;
    use approx::assert_relative_eq;

    fn documented() -> String {
        let doc = include_str!("../docs/model-format.md");
        let section = &doc[doc.find("### Measured indicators").unwrap()..];
        let start = section.find("```toml\n").unwrap() + "```toml\n".len();
        section[start..start + section[start..].find("```").unwrap()].to_owned()
    }

    /// By hand: a default rate of 2 % is halfway between the peaks at 1 % and 3 %, so
    /// (0.5, 0.5, 0); an on-time share of 0.9 sits between the thresholds 0.95 and 0.85
    /// (more is better, so ascending they are 0.85 then 0.95): with S(t) = 1 / (1 +
    /// e^(−60 (0.9 − t))), the degrees are (S(0.95), S(0.85) − S(0.95), 1 − S(0.85)) in grade
    /// order.
    #[test]
    fn the_documented_example_by_hand() {
        let model = Model::from_toml(&documented()).unwrap();
        let report = model.evaluate().unwrap();
        let acme = &report.objects[0];
        let rows = model.objects()[0].1.to_rows();
        assert_relative_eq!(
            rows[0].as_slice(),
            &[0.5, 0.5, 0.0][..],
            max_relative = 1e-12
        );
        let s = |t: f64| 1.0 / (1.0 + (-60.0 * (0.9 - t)).exp());
        let expected = [s(0.95), s(0.85) - s(0.95), 1.0 - s(0.85)];
        for (ours, theirs) in rows[1].iter().zip(expected) {
            assert_relative_eq!(*ours, theirs, max_relative = 1e-12);
        }
        // E = 0.6 · row 0 + 0.4 · row 1.
        for h in 0..3 {
            let by_hand = 0.6 * [0.5, 0.5, 0.0][h] + 0.4 * expected[h];
            assert_relative_eq!(acme.result[h], by_hand, max_relative = 1e-12);
        }
        // The report shows each leaf's function, in words and in JSON.
        assert!(report
            .to_text()
            .contains("Supplier/default rate: triangular, peaks 0.01, 0.03, 0.06"));
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["nodes"][1]["indicator"]["better"], "less");
        assert!(json["nodes"][0]["indicator"].is_null());
        // Written back, the indicators stay and the values become their degrees.
        let back = Model::from_json(&model.to_json()).unwrap();
        assert_eq!(back, model);
    }

    #[test]
    fn bad_indicators_are_named_where_they_are() {
        let doc = documented();
        let err = |text: String| Model::from_toml(&text).unwrap_err();
        let place = |e: &ahp_fce::Error| e.field().unwrap_or_default().to_owned();

        let two = err(doc.replace(
            "triangular = [0.01, 0.03, 0.06] }",
            "triangular = [0.01, 0.03, 0.06], gaussian = [[0, 1]] }",
        ));
        assert_eq!(two.kind(), &ErrorKind::IndicatorForm);
        assert_eq!(place(&two), "hierarchy.children[0].indicator");

        let unordered = err(doc.replace("[0.01, 0.03, 0.06]", "[0.03, 0.01, 0.06]"));
        assert!(
            matches!(unordered.kind(), ErrorKind::InvalidIndicator { .. }),
            "{unordered}"
        );

        let short = err(doc.replace("[0.01, 0.03, 0.06]", "[0.01, 0.03]"));
        assert!(matches!(
            short.kind(),
            ErrorKind::LengthMismatch {
                expected: 3,
                found: 2,
                ..
            }
        ));

        let none = err(doc.replace(
            "indicator = { better = \"less\", triangular = [0.01, 0.03, 0.06] }\n",
            "",
        ));
        assert!(
            matches!(none.kind(), ErrorKind::NoIndicator { leaf } if leaf == "Supplier/default rate"),
            "{none}"
        );
        assert_eq!(place(&none), "objects[0].leaves.default rate.value");

        let nan = err(doc.replace("value = 0.02", "value = nan"));
        assert!(
            matches!(nan.kind(), ErrorKind::NonFiniteIndicator { .. }),
            "{nan}"
        );

        let both = err(doc.replace("{ value = 0.02 }", "{ value = 0.02, degrees = [1, 0, 0] }"));
        assert_eq!(both.kind(), &ErrorKind::LeafDataForm);

        let inner = err(doc.replace(
            "weights = [0.6, 0.4]",
            "weights = [0.6, 0.4]\nindicator = { better = \"less\", triangular = [1, 2, 3] }",
        ));
        assert_eq!(inner.kind(), &ErrorKind::MisplacedIndicator);
        assert_eq!(place(&inner), "hierarchy.indicator");
    }
}
