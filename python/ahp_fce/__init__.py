"""AHP weights and consistency, fuzzy comprehensive evaluation, and batch scoring.

The Python face of the ``ahp-fce`` Rust crate: the same models, the same numbers and the same
report (``ahp-fce evaluate --format json``), not a second implementation.

>>> import ahp_fce
>>> b = ahp_fce.judgment_matrix([[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]])
>>> [round(w, 4) for w in b.weights()]
[0.6483, 0.2297, 0.122]
>>> b.consistency(table="gupta_paper")["acceptable"]
True
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Mapping, NamedTuple, Optional, Sequence, Union

from . import _native, errors
from ._native import SCHEMA_VERSION, JudgmentMatrix, __version__
from .errors import *  # noqa: F401,F403 (one class per error kind)
from .errors import ERROR_CLASSES, AhpFceError

__all__ = [
    *errors.__all__,
    "ERROR_CLASSES",
    "JudgmentMatrix",
    "Model",
    "Result",
    "SCHEMA_VERSION",
    "Scores",
    "Weight",
    "judgment_matrix",
    "survey",
]

PathLike = Union[str, "os.PathLike[str]"]


def judgment_matrix(
    data: Any,
    *,
    completion: str = "logarithmic_least_squares",
    reciprocity: str = "repair",
) -> JudgmentMatrix:
    """A validated pairwise-comparison matrix.

    ``data`` is a square matrix (a list of rows or a 2-D array, read row over column) or a flat
    upper triangle ``b01, b02, …, b12, …``; ``None`` marks a judgment not given, which
    ``completion`` (``"logarithmic_least_squares"`` or ``"harker"``) fills. A typed
    reciprocal such as ``0.33`` is replaced by the exact one unless ``reciprocity="strict"``.
    """
    return JudgmentMatrix(data, completion=completion, reciprocity=reciprocity)


def survey(
    responses: Any,
    *,
    items: Optional[Sequence[str]] = None,
    likert: Optional[int] = None,
    threshold: Optional[float] = None,
) -> Dict[str, Any]:
    """Questionnaire statistics per item: ``valid`` (N), ``missing``, ``mean``,
    ``standard_error``, ``standard_deviation``, ``variance``, ``min``, ``max``.

    ``responses`` is a CSV file's path (a header of item names, one row per respondent, an
    empty cell for a missing answer) or, with ``items``, rows of whole-number answers with
    ``None`` for missing. Answers are ranks (1 = most important, scored items..1, as in the
    micro-store study) unless ``likert`` gives the number of levels. With ``threshold``,
    ``key_factors`` lists the items whose mean passes it, highest first.
    """
    return json.loads(
        _native.survey_json(
            os.fspath(responses) if isinstance(responses, (str, os.PathLike)) else responses,
            items=None if items is None else list(items),
            likert=likert,
            threshold=threshold,
        )
    )


class Weight(NamedTuple):
    """A node's weight among its siblings (``local``) and in the whole hierarchy (``global_``)."""

    local: float
    global_: float


class Scores(NamedTuple):
    """What batch scoring returns: (objects, grades) grade vectors, and the scores."""

    results: Any
    scores: Optional[Any]


def _frame(rows: List[Dict[str, Any]], index: str) -> Any:
    try:
        import pandas
    except ImportError as missing:  # pandas is optional
        raise ImportError("to_frame() needs pandas: pip install pandas") from missing
    return pandas.DataFrame(rows).set_index(index)


class Result:
    """One evaluation's report: the same content and schema as the Rust report's JSON.

    The full report is ``to_dict()``; the properties are views of it.
    """

    def __init__(self, report_json: str) -> None:
        self._json = report_json
        self._report: Dict[str, Any] = json.loads(report_json)

    def to_dict(self) -> Dict[str, Any]:
        """The whole report as plain Python data (a fresh copy)."""
        return json.loads(self._json)

    def to_json(self) -> str:
        """The whole report as JSON, exactly as ``ahp-fce evaluate --format json`` writes it."""
        return self._json

    @property
    def weights(self) -> Dict[str, Weight]:
        """Every node's path → ``Weight(local, global_)``, in pre-order."""
        return {
            n["path"]: Weight(n["local_weight"], n["global_weight"])
            for n in self._report["nodes"]
        }

    @property
    def consistency(self) -> Dict[str, Dict[str, Any]]:
        """Every judged node's path → its λmax, CI, RI, CR and verdict."""
        return {
            n["path"]: n["consistency"]
            for n in self._report["nodes"]
            if n["consistency"] is not None
        }

    @property
    def hierarchy_consistency(self) -> Dict[str, Any]:
        """The hierarchy's CR, level by level, and whether every matrix passes."""
        return self._report["hierarchy_consistency"]

    @property
    def grades(self) -> Optional[List[Dict[str, Any]]]:
        """The grades (names and scores), or ``None`` for an AHP-only model."""
        return self._report["grades"]

    @property
    def objects(self) -> List[Dict[str, Any]]:
        """Every object's grade vector (``result``), ``verdict``, ``score`` and node vectors."""
        return self._report["objects"]

    @property
    def ranking(self) -> List[Dict[str, Any]]:
        """The objects by score, best first: name, rank, score (the alternatives' ranking is
        in ``alternatives["ranking"]``)."""
        return self._report["ranking"]

    @property
    def alternatives(self) -> Optional[Dict[str, Any]]:
        """The alternatives' priorities per leaf, overall, and their sensitivity."""
        return self._report["alternatives"]

    @property
    def sensitivity(self) -> Optional[Dict[str, Any]]:
        """For the objects, per criterion, the weights at which the best, a rank pair or a
        verdict changes; ``None`` without objects (the alternatives' is in
        ``alternatives["sensitivity"]``)."""
        return self._report["sensitivity"]

    @property
    def uncertainty(self) -> Optional[Dict[str, Any]]:
        """The Monte Carlo run's rank probabilities and quantiles, when the model asks for one."""
        return self._report["uncertainty"]

    def to_frame(self, what: str = "weights") -> Any:
        """A pandas DataFrame of ``"weights"``, ``"consistency"``, ``"objects"`` or ``"ranking"``.

        pandas is optional; this raises ``ImportError`` without it.
        """
        report = self._report
        if what == "weights":
            rows = [
                {"path": n["path"], "depth": n["depth"], "local": n["local_weight"],
                 "global": n["global_weight"]}
                for n in report["nodes"]
            ]
            return _frame(rows, "path")
        if what == "consistency":
            rows = [
                {"path": path, **{k: c[k] for k in ("order", "lambda_max", "ci", "ri", "cr",
                                                    "acceptable")}}
                for path, c in self.consistency.items()
            ]
            return _frame(rows, "path")
        if what == "objects":
            names = [g["name"] for g in (report["grades"] or [])]
            rows = []
            for o in report["objects"]:
                row: Dict[str, Any] = {"name": o["name"]}
                row.update(zip(names, o["result"]))
                row["verdict"] = o["verdict"]["name"]
                row["score"] = o["score"]
                rows.append(row)
            return _frame(rows, "name")
        if what == "ranking":
            return _frame(list(report["ranking"]), "name")
        raise ValueError(
            f"what must be 'weights', 'consistency', 'objects' or 'ranking', not {what!r}"
        )

    def __repr__(self) -> str:
        nodes = len(self._report["nodes"])
        objects = len(self._report["objects"])
        cr = self._report["hierarchy_consistency"]["cr"]
        return f"<Result: {nodes} nodes, {objects} objects, hierarchy CR {cr:.4f}>"


class Model:
    """A validated and analysed model: hierarchy, judgments, grades and objects.

    Load one with ``Model.load(path)``, ``Model.from_dict(d)``, ``Model.from_json(text)`` or
    ``Model.from_toml(text)``; the format is the model file's (``docs/model-format.md``).
    Weights and consistency are computed once, when it is loaded.
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.Model) -> None:
        self._native = native

    @classmethod
    def load(cls, path: PathLike) -> "Model":
        """Reads a model file, JSON or TOML by its extension."""
        return cls(_native.Model.load(os.fspath(path)))

    @classmethod
    def from_json(cls, text: str) -> "Model":
        """Parses a model file's JSON text."""
        return cls(_native.Model.from_json(text))

    @classmethod
    def from_toml(cls, text: str) -> "Model":
        """Parses a model file's TOML text."""
        return cls(_native.Model.from_toml(text))

    @classmethod
    def from_dict(cls, model: Mapping[str, Any]) -> "Model":
        """Builds a model from plain Python data shaped as a model file."""
        try:
            text = json.dumps(model, allow_nan=False)
        except (TypeError, ValueError) as bad:
            raise TypeError(f"a model dict holds only JSON data: {bad}") from None
        return cls.from_json(text)

    def to_dict(self) -> Dict[str, Any]:
        """The model as a model file's data: ``Model.from_dict(m.to_dict())`` is ``m``."""
        return json.loads(self._native.to_json())

    def to_json(self) -> str:
        """The model as a model file's JSON."""
        return self._native.to_json()

    @property
    def leaves(self) -> List[str]:
        """Every leaf's path, left to right: the order of a batch's leaves axis."""
        return self._native.leaves()

    @property
    def grades(self) -> Optional[List[str]]:
        """The grades' names, or ``None`` for an AHP-only model."""
        return self._native.grades()

    def evaluate(self) -> Result:
        """Weights, consistency, every object's evaluation, the ranking, and whatever else
        the model asks for (alternatives, sensitivity, a Monte Carlo run)."""
        return Result(self._native.evaluate_json())

    def score(self, memberships: Any) -> Scores:
        """Scores many objects at once, the GIL released while it runs.

        ``memberships`` is a float64, C-contiguous numpy array shaped (objects, leaves,
        grades), leaves in ``self.leaves`` order; it is read in place, so no other thread may
        write to it while this runs. Returns the (objects, grades) grade vectors and, when the
        grades have scores, the scores.
        """
        return Scores(*self._native.score(memberships))

    def score_values(self, values: Any) -> Scores:
        """Scores measured values, a float64 C-contiguous (objects, leaves) array, each leaf's
        value through its ``indicator`` membership function."""
        return Scores(*self._native.score_values(values))

    def score_arrow(self, data: Any, *, nulls: str = "error") -> Any:
        """Scores Arrow data: a pyarrow Table or RecordBatch, a Polars DataFrame, a DuckDB
        result, or anything else with the Arrow PyCapsule interface.

        Columns: one float64 column per leaf and grade named ``LEAF.GRADE`` (degrees), or for
        a leaf with an ``indicator`` one column named ``LEAF`` (measured values); other
        columns are ignored. A row with a null in a column it needs raises, or with
        ``nulls="propagate"`` gets null results. Returns a ``pyarrow.Table`` of ``E.GRADE``
        columns, ``verdict`` and ``score`` (or, without pyarrow, an object with the Arrow
        PyCapsule interface), one row per input row.
        """
        if not (hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__")):
            raise TypeError(
                "data must be Arrow data with the Arrow PyCapsule interface (a pyarrow Table "
                f"or RecordBatch, a Polars DataFrame, …), not {type(data).__name__}"
            )
        table = self._native.score_arrow(data, nulls=nulls)
        try:
            import pyarrow
        except ImportError:  # pyarrow is optional
            return table
        return pyarrow.table(table)

    def __repr__(self) -> str:
        return repr(self._native)

    def __reduce__(self) -> Any:
        # Pickled as its model file, so a model can be sent to worker processes.
        return (Model.from_json, (self.to_json(),))
