"""Generated inputs: valid ones keep the method's invariants, any input gives a value or one of
the documented exceptions, never a crash (a Rust panic would surface as
`pyo3_runtime.PanicException`, which derives from BaseException and fails these tests)."""

import copy
import json

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import ahp_fce
from conftest import ROOT

EXPECTED = (ahp_fce.AhpFceError, TypeError, ValueError)
PAPER = ahp_fce.Model.load(ROOT / "examples/models/paper.toml")
PAPER_SPEC = json.loads((ROOT / "examples/models/paper.json").read_text())
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

saaty = st.sampled_from([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 2, 3, 5, 7, 9])


@SETTINGS
@given(st.integers(2, 9).flatmap(lambda t: st.lists(saaty, min_size=t * (t - 1) // 2,
                                                      max_size=t * (t - 1) // 2)))
def test_weights_of_valid_matrices_are_a_distribution(upper):
    b = ahp_fce.judgment_matrix(upper)
    for method in ("geometric_mean", "eigenvector", "arithmetic_mean"):
        w = b.weights(method=method)
        assert np.all(w > 0)
        # Normalized by one division: the sum is 1 to rounding of t terms.
        assert abs(w.sum() - 1) < 1e-12
    c = b.consistency()
    assert c["ci"] >= 0 and (c["cr"] < 0.1) == c["acceptable"]


anything = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers(-10, 10) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=5),
    max_leaves=30,
)


@SETTINGS
@given(anything)
def test_any_matrix_input_gives_a_matrix_or_an_error(data):
    try:
        b = ahp_fce.judgment_matrix(data)
    except EXPECTED:
        return
    b.weights()
    try:
        b.consistency()
    except EXPECTED:
        pass


@SETTINGS
@given(hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=4, max_side=13),
                  elements=st.floats(allow_nan=True, allow_infinity=True)))
def test_any_array_gives_scores_or_an_error(x):
    for score in (PAPER.score, PAPER.score_values):
        try:
            score(x)
        except EXPECTED:
            pass


@SETTINGS
@given(st.integers(1, 40), st.integers(0, 2**32 - 1))
def test_valid_batches_give_grade_distributions(objects, seed):
    rng = np.random.default_rng(seed)
    x = rng.random((objects, 12, 4)) ** 3
    x /= x.sum(axis=2, keepdims=True)
    batch = PAPER.score(x)
    assert np.all((batch.results >= 0) & (batch.results <= 1))
    # Normalized by multiplying with the reciprocal of a 4-term sum.
    np.testing.assert_allclose(batch.results.sum(axis=1), 1, atol=1e-14)
    assert np.all((batch.scores >= 1) & (batch.scores <= 4))


def paths(value, prefix=()):
    """Every place in a model file's data."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths(inner, prefix + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths(inner, prefix + (index,))


PLACES = [p for p in paths(PAPER_SPEC) if p]
json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=12,
)


@SETTINGS
@given(st.sampled_from(PLACES), json_values)
def test_a_model_changed_in_one_place_loads_or_says_why(place, value):
    spec = copy.deepcopy(PAPER_SPEC)
    target = spec
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = value
    try:
        model = ahp_fce.Model.from_dict(spec)
    except EXPECTED:
        return
    try:
        model.evaluate()
    except EXPECTED:
        pass
