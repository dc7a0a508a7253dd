"""Batch scoring from numpy and from Arrow equals scoring the objects one at a time."""

import numpy as np
import pytest

import ahp_fce
from conftest import ROOT

PAPER = ROOT / "examples/models/paper.toml"


def random_memberships(model, objects, seed):
    rng = np.random.default_rng(seed)
    x = rng.random((objects, len(model.leaves), len(model.grades)))
    return x / x.sum(axis=2, keepdims=True)


def one_at_a_time(model, memberships, operator=None):
    """Each object through `Model.evaluate`, as its own model file's object."""
    spec = model.to_dict()
    if operator:
        spec["options"]["operator"] = operator
    names = [leaf.rsplit("/", 1)[1] for leaf in model.leaves]
    spec["objects"] = [
        {"name": f"o{k}", "leaves": {n: {"degrees": list(row)} for n, row in zip(names, rows)}}
        for k, rows in enumerate(memberships)
    ]
    objects = ahp_fce.Model.from_dict(spec).evaluate().objects
    return np.array([o["result"] for o in objects]), np.array([o["score"] for o in objects])


def test_numpy_batch_equals_single_objects_weighted_average():
    model = ahp_fce.Model.load(PAPER)
    x = random_memberships(model, 50, seed=1)
    batch = model.score(x)
    results, scores = one_at_a_time(model, x)
    # The batch contracts with the leaves' global weights, a single evaluation goes level by
    # level: the same sum in another order, so equal to a few ulps (1e-13 relative allows
    # ~450 ulps over 12 leaves of products in [0, 1]).
    np.testing.assert_allclose(batch.results, results, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(batch.scores, scores, rtol=1e-13)


@pytest.mark.parametrize("operator", ["zadeh_min_max", "product_max", "min_bounded_sum"])
def test_numpy_batch_equals_single_objects_bit_for_bit_under_other_operators(operator):
    spec = ahp_fce.Model.load(PAPER).to_dict()
    spec["options"]["operator"] = operator
    model = ahp_fce.Model.from_dict(spec)
    x = random_memberships(model, 30, seed=2)
    batch = model.score(x)
    results, _ = one_at_a_time(model, x)
    # The same level-by-level kernel runs both: same bits.
    assert np.array_equal(batch.results, results)


def test_the_input_is_read_in_place_and_left_alone():
    model = ahp_fce.Model.load(PAPER)
    x = random_memberships(model, 10, seed=3)
    before = x.copy()
    model.score(x)
    assert np.array_equal(x, before)


def test_numpy_inputs_of_the_wrong_kind_are_refused_clearly():
    model = ahp_fce.Model.load(PAPER)
    x = random_memberships(model, 4, seed=4)
    with pytest.raises(TypeError, match="dtype float64, not float32"):
        model.score(x.astype(np.float32))
    with pytest.raises(TypeError, match="must be a numpy.ndarray"):
        model.score(x.tolist())
    with pytest.raises(ValueError, match="must have 3 axes"):
        model.score(x[0])
    with pytest.raises(ValueError, match="C-contiguous"):
        model.score(np.asfortranarray(x))
    with pytest.raises(ValueError, match="C-contiguous"):
        model.score(x[::2])
    with pytest.raises(ahp_fce.LengthMismatchError):
        model.score(x[:, :5, :].copy())
    with pytest.raises(ahp_fce.GradeCountMismatchError):
        model.score(x[:, :, :3].copy())
    bad = x.copy()
    bad[2, 5] = [0.5, 0.5, 0.5, 0.0]
    with pytest.raises(ahp_fce.MembershipRowSumError) as raised:
        model.score(bad)
    assert "in object 2 of the batch" in str(raised.value)
    assert raised.value.node == model.leaves[5]
    bad[2, 5] = [np.nan, 0.5, 0.5, 0.0]
    with pytest.raises(ahp_fce.AhpFceError):
        model.score(bad)


def test_an_empty_batch_gives_empty_results():
    model = ahp_fce.Model.load(PAPER)
    batch = model.score(np.zeros((0, 12, 4)))
    assert batch.results.shape == (0, 4)
    assert batch.scores.shape == (0,)


def test_measured_values_score_as_their_degrees():
    model = ahp_fce.Model.load(ROOT / "examples/models/indicators.toml")
    values = np.array([[0.01, 0.99], [0.04, 0.8], [0.2, 0.5]])
    batch = model.score_values(values)
    spec = model.to_dict()
    names = [leaf.rsplit("/", 1)[1] for leaf in model.leaves]
    spec["objects"] = [
        {"name": f"o{k}", "leaves": {n: {"value": v} for n, v in zip(names, row)}}
        for k, row in enumerate(values)
    ]
    objects = ahp_fce.Model.from_dict(spec).evaluate().objects
    np.testing.assert_allclose(batch.scores, [o["score"] for o in objects], rtol=1e-13)
    with pytest.raises(ahp_fce.NonFiniteIndicatorError):
        model.score_values(np.array([[np.inf, 0.5]]))
    with pytest.raises(ahp_fce.NoIndicatorError):
        ahp_fce.Model.load(PAPER).score_values(np.zeros((1, 12)))


def test_an_ahp_only_model_cannot_score():
    model = ahp_fce.Model.load(ROOT / "examples/models/drinks.toml")
    with pytest.raises(ahp_fce.ObjectsWithoutGradesError):
        model.score(np.zeros((1, 1, 2)))


pa = pytest.importorskip("pyarrow")


def arrow_table(model, x):
    names = [leaf.rsplit("/", 1)[1] for leaf in model.leaves]
    columns = {"id": pa.array([f"s{k}" for k in range(len(x))])}
    for i, name in enumerate(names):
        for j, grade in enumerate(model.grades):
            columns[f"{name}.{grade}"] = pa.array(x[:, i, j])
    return pa.table(columns)


def test_arrow_batches_equal_the_numpy_batch_bit_for_bit():
    model = ahp_fce.Model.load(PAPER)
    x = random_memberships(model, 10_000, seed=5)
    expected = model.score(x)
    table = arrow_table(model, x)
    # Several batches of odd sizes, so chunks straddle batch boundaries.
    chunked = pa.Table.from_batches(table.to_batches(max_chunksize=3001))
    for data in (table, chunked, chunked.to_batches()[0]):
        scored = model.score_arrow(data)
        rows = scored.num_rows
        grades = np.column_stack([scored[f"E.{g}"].to_numpy() for g in model.grades])
        assert np.array_equal(grades, expected.results[:rows])
        assert np.array_equal(scored["score"].to_numpy(), expected.scores[:rows])
    verdicts = model.score_arrow(table)["verdict"].to_pylist()
    assert verdicts == [model.grades[k] for k in expected.results.argmax(axis=1)]


def test_arrow_nulls_raise_or_propagate():
    model = ahp_fce.Model.load(PAPER)
    x = random_memberships(model, 5, seed=6)
    table = arrow_table(model, x)
    column = table.column_names.index("U22.strong")
    values = table.column(column).to_pylist()
    values[1] = None
    with_null = table.set_column(column, "U22.strong", pa.array(values, pa.float64()))
    with pytest.raises(ValueError, match="row 1: column `U22.strong` is null"):
        model.score_arrow(with_null)
    scored = model.score_arrow(with_null, nulls="propagate")
    assert scored["score"].null_count == 1 and not scored["score"][1].is_valid
    assert scored["score"][0].as_py() is not None
    with pytest.raises(ValueError, match="nulls must be"):
        model.score_arrow(table, nulls="skip")


def test_arrow_columns_of_the_wrong_kind_are_refused_clearly():
    model = ahp_fce.Model.load(PAPER)
    table = arrow_table(model, random_memberships(model, 3, seed=7))
    with pytest.raises(ahp_fce.MissingLeafDataError, match="U11"):
        model.score_arrow(table.drop_columns(["U11.poor"]))
    as_int = table.set_column(1, table.column_names[1], pa.array([1, 0, 0], pa.int64()))
    with pytest.raises(TypeError, match="must be float64"):
        model.score_arrow(as_int)
    bad = table.set_column(1, table.column_names[1], pa.array([0.9, 0.2, 0.1]))
    with pytest.raises(ahp_fce.MembershipRowSumError, match="in object 0 of the batch"):
        model.score_arrow(bad)
    with pytest.raises(TypeError, match="Arrow PyCapsule interface"):
        model.score_arrow([1, 2, 3])


def test_arrow_measured_values():
    model = ahp_fce.Model.load(ROOT / "examples/models/indicators.toml")
    values = np.array([[0.01, 0.99], [0.04, 0.8], [0.2, 0.5]])
    names = [leaf.rsplit("/", 1)[1] for leaf in model.leaves]
    table = pa.table({n: values[:, i] for i, n in enumerate(names)})
    scored = model.score_arrow(table)
    assert np.array_equal(scored["score"].to_numpy(), model.score_values(values).scores)
