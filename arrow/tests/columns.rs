//! Columns scored equal the in-process batch scorer, bit for bit; bad columns give errors.

use std::path::Path;
use std::sync::Arc;

use ahp_fce::error::ErrorKind;
use ahp_fce::model::Model;
use ahp_fce_arrow::{ColumnError, ColumnScorer, LeafColumns, Nulls};
use arrow_array::{Array, ArrayRef, Float64Array, Int64Array};
use ndarray::Array3;
use proptest::prelude::*;

fn model(name: &str) -> Model {
    Model::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../examples/models")
            .join(name),
    )
    .expect("a shipped model loads")
}

/// Deterministic memberships for `objects` objects: rows of positive numbers normalized.
fn memberships(objects: usize, leaves: usize, grades: usize, seed: u64) -> Array3<f64> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64 + 1e-3
    };
    let mut x = Array3::from_shape_fn((objects, leaves, grades), |_| next());
    for mut row in x.rows_mut() {
        let sum = row.sum();
        row.mapv_inplace(|v| v / sum);
    }
    x
}

/// The columns `LEAF.GRADE` of `x`, leaf-major, as positional reading expects them.
fn columns_of(x: &Array3<f64>) -> Vec<ArrayRef> {
    let (_, leaves, grades) = x.dim();
    (0..leaves)
        .flat_map(|l| (0..grades).map(move |g| (l, g)))
        .map(|(l, g)| {
            Arc::new(Float64Array::from(x.slice(ndarray::s![.., l, g]).to_vec())) as ArrayRef
        })
        .collect()
}

#[test]
fn columns_score_as_the_batch_scorer_bit_for_bit() {
    let model = model("paper.toml");
    let evaluator = model.evaluator().expect("the paper model has grades");
    // More rows than one chunk, so chunks are crossed.
    let x = memberships(10_000, 12, 4, 1);
    let expected = evaluator
        .batch_scorer()
        .score(x.view())
        .expect("valid rows");
    let scorer = ColumnScorer::positional(evaluator, &[]).expect("no indicators");
    assert_eq!(scorer.columns(), 48);
    let scored = scorer
        .score(&columns_of(&x), 0, Nulls::Error)
        .expect("valid rows");
    for (g, column) in scored.grades.iter().enumerate() {
        assert_eq!(
            column.values().to_vec(),
            expected.results().column(g).to_vec()
        );
    }
    let scores = scored.scores.expect("graded scores");
    assert_eq!(
        scores.values().to_vec(),
        expected.scores().expect("scores").to_vec()
    );
    for (k, row) in expected.results().rows().into_iter().enumerate() {
        let verdict = evaluator.verdict_of(row.as_slice().expect("rows are contiguous"));
        assert_eq!(
            scored.verdicts.as_ref().expect("asked for").value(k),
            verdict.expect("four grades").name
        );
    }
}

#[test]
fn names_find_leaves_by_name_and_ignore_other_columns() {
    let model = model("paper.toml");
    let evaluator = model.evaluator().expect("grades");
    let grades = evaluator.grades().names().to_vec();
    let leaves: Vec<String> = model
        .hierarchy()
        .leaves()
        .map(|id| {
            model
                .hierarchy()
                .path(id)
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let mut names = vec!["id".to_owned()];
    names.extend(
        leaves
            .iter()
            .flat_map(|l| grades.iter().map(move |g| format!("{l}.{g}"))),
    );
    let scorer = ColumnScorer::by_names(evaluator, &[], &names).expect("every leaf named");
    assert_eq!(scorer.leaves()[0], LeafColumns::Degrees(vec![1, 2, 3, 4]));
    let mut missing = names.clone();
    missing.retain(|n| n != "U23.general");
    let err = ColumnScorer::by_names(evaluator, &[], &missing).unwrap_err();
    let ColumnError::Model(err) = err else {
        panic!("a model error, got {err}")
    };
    assert!(matches!(err.kind(), ErrorKind::MissingLeafData { leaf } if leaf.ends_with("/U23")));
    let mut twice = names.clone();
    twice.push("U11.strong".to_owned());
    assert!(matches!(
        ColumnScorer::by_names(evaluator, &[], &twice),
        Err(ColumnError::Model(e)) if matches!(e.kind(), ErrorKind::DuplicateLeafData { .. })
    ));
    let mut valued = names;
    valued.push("U11".to_owned());
    assert!(matches!(
        ColumnScorer::by_names(evaluator, &[], &valued),
        Err(ColumnError::Model(e)) if matches!(e.kind(), ErrorKind::NoIndicator { .. })
    ));
}

#[test]
fn measured_values_score_as_score_values() {
    let model = model("indicators.toml");
    let evaluator = model.evaluator().expect("grades");
    let values = ndarray::array![[0.01, 0.99], [0.04, 0.8], [0.2, 0.5], [0.0, 1.0]];
    let functions: Vec<_> = model.indicators().iter().flatten().cloned().collect();
    let expected = evaluator
        .batch_scorer()
        .score_values(values.view(), &functions)
        .expect("finite");
    let scorer = ColumnScorer::positional(evaluator, model.indicators()).expect("one per leaf");
    assert_eq!(scorer.columns(), 2);
    let columns: Vec<ArrayRef> = (0..2)
        .map(|l| Arc::new(Float64Array::from(values.column(l).to_vec())) as ArrayRef)
        .collect();
    let scored = scorer
        .score(&columns, 0, Nulls::Error)
        .expect("finite values");
    assert_eq!(
        scored.scores.expect("scores").values().to_vec(),
        expected.scores().expect("s").to_vec()
    );
    let bad: Vec<ArrayRef> = vec![
        Arc::new(Float64Array::from(vec![0.01, f64::NAN])),
        Arc::new(Float64Array::from(vec![0.9, 0.9])),
    ];
    let err = scorer.score(&bad, 100, Nulls::Error).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("in object 101 of the batch: in node `Supplier/default rate`"),
        "{err}"
    );
}

#[test]
fn nulls_stop_or_give_null_rows() {
    let model = model("paper.toml");
    let evaluator = model.evaluator().expect("grades");
    let x = memberships(3, 12, 4, 2);
    let mut columns = columns_of(&x);
    let values = x.slice(ndarray::s![.., 5, 1]).to_vec();
    columns[21] = Arc::new(Float64Array::from(vec![
        Some(values[0]),
        None,
        Some(values[2]),
    ]));
    let scorer = ColumnScorer::positional(evaluator, &[]).expect("no indicators");
    let err = scorer.score(&columns, 7, Nulls::Error).unwrap_err();
    assert!(
        matches!(
            err,
            ColumnError::Null {
                row: 8,
                column: 21,
                ..
            }
        ),
        "{err}"
    );
    let scored = scorer
        .score(&columns, 7, Nulls::Propagate)
        .expect("nulls propagate");
    let scores = scored.scores.expect("scores");
    assert_eq!((scores.null_count(), scores.is_null(1)), (1, true));
    assert!(scored.verdicts.expect("asked for").is_null(1) && scored.grades[0].is_null(1));
    let expected = evaluator.batch_scorer().score(x.view()).expect("valid");
    assert_eq!(scores.value(2), expected.scores().expect("s")[2]);
}

#[test]
fn columns_of_the_wrong_shape_or_type_are_errors() {
    let model = model("paper.toml");
    let evaluator = model.evaluator().expect("grades");
    let scorer = ColumnScorer::positional(evaluator, &[]).expect("no indicators");
    let mut columns = columns_of(&memberships(2, 12, 4, 3));
    assert!(matches!(
        scorer.score(&columns[..47], 0, Nulls::Error),
        Err(ColumnError::ColumnCount {
            expected: 48,
            found: 47
        })
    ));
    columns[3] = Arc::new(Int64Array::from(vec![1, 0]));
    assert!(matches!(
        scorer.score(&columns, 0, Nulls::Error),
        Err(ColumnError::NotFloat64 { column: 3, .. })
    ));
    columns[3] = Arc::new(Float64Array::from(vec![0.5]));
    assert!(matches!(
        scorer.score(&columns, 0, Nulls::Error),
        Err(ColumnError::RowCount { column: 3, .. })
    ));
    assert!(matches!(
        ColumnScorer::positional(evaluator, &[None]),
        Err(ColumnError::Model(e)) if matches!(e.kind(), ErrorKind::LengthMismatch { .. })
    ));
}

#[test]
fn no_rows_give_empty_columns() {
    let model = model("paper.toml");
    let scorer = ColumnScorer::positional(model.evaluator().expect("grades"), &[]).expect("ok");
    let columns: Vec<ArrayRef> = (0..48)
        .map(|_| Arc::new(Float64Array::from(Vec::<f64>::new())) as ArrayRef)
        .collect();
    let scored = scorer
        .score(&columns, 0, Nulls::Error)
        .expect("nothing to score");
    assert_eq!(scored.verdicts.expect("asked for").len(), 0);
}

fn cell() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        4 => (0.0..=1.0f64).prop_map(Some),
        1 => Just(None),
        1 => prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(-0.5), Just(2.0), Just(1e-320)].prop_map(Some),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any values and nulls in any number of columns give scores or an error, never a panic.
    #[test]
    fn any_columns_give_scores_or_an_error(
        rows in 0usize..6,
        cells in prop::collection::vec(cell(), 0..400),
        width in 40usize..52,
        propagate in any::<bool>(),
    ) {
        let model = model("paper.toml");
        let scorer = ColumnScorer::positional(model.evaluator().expect("grades"), &[]).expect("ok");
        let columns: Vec<ArrayRef> = (0..width)
            .map(|c| Arc::new(Float64Array::from(
                (0..rows).map(|r| cells.get(c * rows + r).copied().flatten()).collect::<Vec<_>>()
            )) as ArrayRef)
            .collect();
        let nulls = if propagate { Nulls::Propagate } else { Nulls::Error };
        if let Ok(scored) = scorer.score(&columns, 0, nulls) {
            let verdicts = scored.verdicts.expect("asked for");
            for k in 0..rows {
                if !verdicts.is_null(k) {
                    let sum: f64 = scored.grades.iter().map(|g| g.value(k)).sum();
                    // A normalized vector of four degrees: 1 to a few ulps.
                    prop_assert!((sum - 1.0).abs() < 1e-12);
                }
            }
        }
    }
}
