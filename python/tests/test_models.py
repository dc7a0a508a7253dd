"""The package's results are the Rust report's, for every shipped model."""

import json
import pickle

import pytest

import ahp_fce
from conftest import MODELS, ROOT, rust_report


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.name)
def test_every_shipped_model_gives_the_rust_report(cli, path):
    expected = json.loads(rust_report(cli, path))
    result = ahp_fce.Model.load(path).evaluate()
    # Exactly equal: the same library computes both, and JSON floats round-trip.
    assert result.to_dict() == expected
    assert json.loads(result.to_json()) == expected


def test_the_paper_model_reads_as_the_paper_prints_it():
    result = ahp_fce.Model.load(ROOT / "examples/models/paper.toml").evaluate()
    # The source paper's first-level weights (its Table 3, to the 4 decimals it prints).
    weights = [w.global_ for path, w in result.weights.items() if path.count("/") == 1]
    assert [round(w, 4) for w in weights] == [0.5396, 0.2970, 0.1634]
    assert result.hierarchy_consistency["acceptable"]
    assert [r["name"] for r in result.ranking] == ["Model A", "Model B", "Model C"]
    assert result.objects[0]["verdict"]["name"] == "strong"
    assert set(result.consistency) == {
        "U",
        "U/U1 business process",
        "U/U2 partner relationships",
        "U/U3 innovation and learning",
    }


def test_dict_json_and_toml_give_the_same_model():
    path = ROOT / "examples/models/paper.toml"
    from_file = ahp_fce.Model.load(path)
    from_toml = ahp_fce.Model.from_toml(path.read_text())
    from_dict = ahp_fce.Model.from_dict(from_file.to_dict())
    from_json = ahp_fce.Model.from_json(from_file.to_json())
    reports = [m.evaluate().to_dict() for m in (from_file, from_toml, from_dict, from_json)]
    assert all(r == reports[0] for r in reports)


def test_a_model_pickles_as_its_file():
    model = ahp_fce.Model.load(ROOT / "examples/models/supplier.json")
    copy = pickle.loads(pickle.dumps(model))
    assert copy.evaluate().to_dict() == model.evaluate().to_dict()


def test_alternatives_panels_gaps_and_monte_carlo_come_through():
    leader = ahp_fce.Model.load(ROOT / "examples/models/leader.toml").evaluate()
    assert leader.alternatives is not None
    assert leader.alternatives["ranking"][0]["name"] == "Nell"
    assert leader.alternatives["sensitivity"]
    assert leader.sensitivity is None  # no objects
    assert ahp_fce.Model.load(ROOT / "examples/models/paper.toml").evaluate().sensitivity
    panel = ahp_fce.Model.load(ROOT / "examples/models/panel.toml").evaluate()
    assert any(n["panel"] for n in panel.to_dict()["nodes"])
    incomplete = ahp_fce.Model.load(ROOT / "examples/models/incomplete.toml").evaluate()
    assert any(n["completed_judgments"] for n in incomplete.to_dict()["nodes"])
    spec = ahp_fce.Model.load(ROOT / "examples/models/leader.toml").to_dict()
    spec["uncertainty"] = {"draws": 200, "seed": 7, "judgments": {"log_normal": 0.1}}
    uncertain = ahp_fce.Model.from_dict(spec).evaluate()
    assert uncertain.uncertainty is not None
    # The same seed gives the same draws.
    assert ahp_fce.Model.from_dict(spec).evaluate().uncertainty == uncertain.uncertainty


def test_frames_when_pandas_is_there():
    pandas = pytest.importorskip("pandas")
    result = ahp_fce.Model.load(ROOT / "examples/models/paper.toml").evaluate()
    weights = result.to_frame("weights")
    assert isinstance(weights, pandas.DataFrame)
    assert weights.loc["U/U1 business process", "global"] == result.weights[
        "U/U1 business process"
    ].global_
    objects = result.to_frame("objects")
    assert list(objects.columns) == [*(g["name"] for g in result.grades), "verdict", "score"]
    assert objects.loc["Model A", "strong"] == result.objects[0]["result"][1]
    assert list(result.to_frame("ranking").index) == ["Model A", "Model B", "Model C"]
    assert result.to_frame("consistency").loc["U", "acceptable"]
    with pytest.raises(ValueError, match="what must be"):
        result.to_frame("nodes")
