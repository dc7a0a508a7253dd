"""Every error kind of the crate is a Python exception class, raised with the crate's message."""

import json
import re

import numpy as np
import pytest

import ahp_fce
from conftest import ROOT


def error_kinds_in_the_library_source():
    """The variants of `ErrorKind`, read from `src/error.rs`."""
    source = (ROOT / "src" / "error.rs").read_text()
    body = source[source.index("pub enum ErrorKind {") :]
    body = body[: body.index("\n}\n")]
    return set(re.findall(r"^    ([A-Z][A-Za-z0-9]*)\b", body, flags=re.MULTILINE))


def test_every_error_kind_has_its_class():
    kinds = error_kinds_in_the_library_source()
    assert len(kinds) > 90
    assert set(ahp_fce.ERROR_CLASSES) == kinds
    for kind, cls in ahp_fce.ERROR_CLASSES.items():
        assert cls.__name__ == f"{kind}Error"
        assert issubclass(cls, ahp_fce.AhpFceError) and issubclass(cls, ValueError)
        assert cls.__module__ == "ahp_fce" and cls.__doc__
        assert getattr(ahp_fce, cls.__name__) is cls


PAPER = ROOT / "examples/models/paper.toml"


def model_with(change):
    spec = json.loads((ROOT / "examples/models/paper.json").read_text())
    change(spec)
    return ahp_fce.Model.from_dict(spec)


def set_in(path, value):
    def change(spec):
        target = spec
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


CASES = [
    ("NotReciprocal", lambda: ahp_fce.judgment_matrix([[1, 2], [3, 1]], reciprocity="strict")),
    ("NotSquare", lambda: ahp_fce.judgment_matrix([[1, 2, 3], [0.5, 1, 2]])),
    ("RaggedRow", lambda: ahp_fce.judgment_matrix([[1, 2], [0.5]])),
    ("NonPositive", lambda: ahp_fce.judgment_matrix([-2.0])),
    ("NonFinite", lambda: ahp_fce.judgment_matrix([float("nan")])),
    ("UpperTriangleLength", lambda: ahp_fce.judgment_matrix([2.0, 3.0])),
    ("DiagonalNotOne", lambda: ahp_fce.judgment_matrix([[2, 2], [0.5, 1]])),
    ("Empty", lambda: ahp_fce.judgment_matrix([])),
    ("DisconnectedJudgments", lambda: ahp_fce.judgment_matrix([2.0, None, None, None, None, 3.0])),
    (
        "RandomIndexOutOfRange",
        lambda: ahp_fce.judgment_matrix([1.0] * 45).consistency(table="gupta_paper"),
    ),
    ("InvalidThreshold", lambda: ahp_fce.judgment_matrix([2.0]).consistency(threshold=-1.0)),
    ("Parse", lambda: ahp_fce.Model.from_json("{ not json")),
    ("Parse", lambda: ahp_fce.Model.from_toml("hierarchy = [")),
    ("Io", lambda: ahp_fce.Model.load(ROOT / "no-such-model.toml")),
    ("UnknownFormat", lambda: ahp_fce.Model.load(ROOT / "README.md")),
    ("VoteTotal", lambda: model_with(set_in(["objects", 0, "leaves", "U11", "votes"], [9, 5, 2, 0]))),
    ("DuplicateGrade", lambda: model_with(set_in(["grades", 1], {"name": "very strong", "score": 3}))),
    ("TooFewGrades", lambda: model_with(set_in(["grades"], [{"name": "only", "score": 1}]))),
    ("ObjectsWithoutGrades", lambda: ahp_fce.Model.load(ROOT / "examples/models/drinks.toml").score(
        np.zeros((1, 1, 2)))),
    ("MembershipRowSum", lambda: ahp_fce.Model.load(PAPER).score(np.zeros((1, 12, 4)))),
    ("GradeCountMismatch", lambda: ahp_fce.Model.load(PAPER).score(np.zeros((1, 12, 3)))),
    ("NoIndicator", lambda: ahp_fce.Model.load(PAPER).score_values(np.zeros((1, 12)))),
]


@pytest.mark.parametrize("kind, action", CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CASES)])
def test_each_kind_is_raised_as_its_class(kind, action):
    with pytest.raises(ahp_fce.ERROR_CLASSES[kind]) as raised:
        action()
    error = raised.value
    assert error.kind == kind
    assert isinstance(error, ahp_fce.AhpFceError)
    assert str(error)  # the crate's message
    assert all(isinstance(place, str) for place in error.locations)


def test_a_model_file_error_says_where():
    with pytest.raises(ahp_fce.VoteTotalError) as raised:
        model_with(set_in(["objects", 0, "leaves", "U11", "votes"], [9, 5, 2, 0]))
    error = raised.value
    assert error.field == "objects[0].leaves.U11.votes"
    assert error.node == "U/U1 business process/U11"
    assert str(error).startswith("in object `Model A`: at `objects[0].leaves.U11.votes`: in node")
    assert error.locations == [
        "in object `Model A`",
        "at `objects[0].leaves.U11.votes`",
        "in node `U/U1 business process/U11`",
    ]
    assert error.object == "Model A" and error.line is None


def test_a_dict_that_is_not_json_data_is_a_type_error():
    with pytest.raises(TypeError, match="only JSON data"):
        ahp_fce.Model.from_dict({"hierarchy": {"name": object()}})
    with pytest.raises(TypeError, match="only JSON data"):
        ahp_fce.Model.from_dict({"hierarchy": {"name": "U", "weight": float("nan")}})


def test_unknown_method_and_table_names_list_the_known_ones():
    b = ahp_fce.judgment_matrix([2.0, 3.0, 1.5])
    with pytest.raises(ValueError, match="unknown variant `eigen`, expected one of"):
        b.weights(method="eigen")
    with pytest.raises(ValueError, match="saaty1980"):
        b.consistency(table="saaty")
    with pytest.raises(TypeError, match="table must be"):
        b.consistency(table=3)


def test_the_stubs_list_every_class():
    stub = (ROOT / "python" / "ahp_fce" / "errors.pyi").read_text()
    declared = set(re.findall(r"^class (\w+)Error\(AhpFceError\):", stub, flags=re.MULTILINE))
    assert declared == set(ahp_fce.ERROR_CLASSES)
