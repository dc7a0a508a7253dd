"""One judgment matrix: weights and consistency against hand computations."""

import math

import numpy as np
import pytest

import ahp_fce

B = [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]


def geometric_mean_by_hand(rows):
    """M_x = Π_y b_xy, W̄_x = M_x^(1/t), W = W̄ / Σ W̄ (the source paper's steps)."""
    t = len(rows)
    roots = [math.prod(row) ** (1 / t) for row in rows]
    return [r / sum(roots) for r in roots]


def test_geometric_mean_weights_are_the_papers_steps():
    # Different order of the same products: agree to a few ulps.
    np.testing.assert_allclose(
        ahp_fce.judgment_matrix(B).weights(), geometric_mean_by_hand(B), rtol=1e-14
    )


def test_eigenvector_weights_are_numpys_principal_eigenvector():
    values, vectors = np.linalg.eig(np.array(B))
    principal = np.real(vectors[:, np.argmax(np.real(values))])
    principal /= principal.sum()
    # Both solvers converge to ~1e-15; 1e-12 leaves room for LAPACK's own rounding.
    np.testing.assert_allclose(
        ahp_fce.judgment_matrix(B).weights(method="eigenvector"), principal, rtol=1e-12
    )


def test_arithmetic_mean_weights_are_the_normalized_column_mean():
    b = np.array(B)
    expected = (b / b.sum(axis=0)).mean(axis=1)
    np.testing.assert_allclose(
        ahp_fce.judgment_matrix(B).weights(method="arithmetic_mean"), expected, rtol=1e-14
    )


@pytest.mark.parametrize("table, ri", [("saaty1980", 0.58), ("gupta_paper", 0.57), ([0, 0, 0.52], 0.52)])
def test_consistency_is_the_papers_formula(table, ri):
    b = np.array(B)
    w = np.array(geometric_mean_by_hand(B))
    lambda_max = np.mean(b @ w / w)
    ci = (lambda_max - 3) / 2
    c = ahp_fce.judgment_matrix(B).consistency(table=table)
    # λmax from the same products in another order: 1e-12 absolute on values near 3.
    assert c["lambda_max"] == pytest.approx(lambda_max, abs=1e-12)
    assert c["ci"] == pytest.approx(ci, abs=1e-12)
    assert c["ri"] == ri
    assert c["cr"] == pytest.approx(ci / ri, abs=1e-11)
    assert c["acceptable"] is True
    assert c["order"] == 3


def test_the_default_table_is_saaty_1980():
    assert ahp_fce.judgment_matrix(B).consistency()["ri"] == 0.58


def test_typed_reciprocals_are_repaired_and_listed():
    b = ahp_fce.judgment_matrix([[1, 3], [0.33, 1]])
    assert b.to_numpy()[1, 0] == 1 / 3
    (repair,) = b.repairs
    assert (repair["row"], repair["col"], repair["typed"]) == (1, 0, 0.33)


def test_gaps_are_completed_and_listed():
    b = ahp_fce.judgment_matrix([2.0, None, 3.0])  # b01 = 2, b02 not given, b12 = 3
    (filled,) = b.completed
    assert (filled["row"], filled["col"]) == (0, 2)
    # LLSM completion of a spanning tree is consistent: b02 = b01·b12.
    assert filled["value"] == pytest.approx(6.0, rel=1e-12)
    assert b.consistency()["incomplete"]["missing"] == 1
    full = ahp_fce.judgment_matrix([[1, 2, None], [None, 1, 3], [None, None, 1]])
    np.testing.assert_array_equal(full.to_numpy(), b.to_numpy())
    assert b.order == 3 and "JudgmentMatrix" in repr(b)


def test_numpy_input_is_accepted():
    b = ahp_fce.judgment_matrix(np.array(B))
    np.testing.assert_array_equal(b.weights(), ahp_fce.judgment_matrix(B).weights())


def test_the_micro_store_survey_is_table_1():
    from conftest import ROOT

    table = ahp_fce.survey(ROOT / "examples/data/micro_store/responses.csv", threshold=3.2)
    # Table 1 of the micro-store study (215 respondents): mean, s.e., s.d., variance as
    # printed, to the digits printed.
    published = [
        (3.72, 0.05, 0.727, 0.529),
        (2.00, 0.07, 1.023, 1.047),
        (2.02, 0.055, 0.811, 0.658),
        (2.26, 0.059, 0.867, 0.752),
    ]
    assert table["respondents"] == 215
    for stats, (mean, se, sd, var) in zip(table["statistics"], published):
        assert stats["valid"] == 215 and stats["missing"] == 0
        assert round(stats["mean"], 2) == mean
        assert abs(stats["standard_error"] - se) <= 0.005  # s.e. printed to 2-3 digits
        assert round(stats["standard_deviation"], 3) == sd
        assert round(stats["variance"], 3) == var
    assert [k["item"] for k in table["key_factors"]] == ["Credit risks"]
    rows = ahp_fce.survey([[1, 2], [2, 1], [None, 1]], items=["a", "b"])
    assert rows["statistics"][0]["missing"] == 1 and rows["key_factors"] is None
    with pytest.raises(ahp_fce.RepeatedRankError):
        ahp_fce.survey([[1, 1]], items=["a", "b"])
    with pytest.raises(TypeError):
        ahp_fce.survey(3.5)
