"""Type stubs of the native module. Use it through ``ahp_fce``: ``ahp_fce.Model`` wraps
``Model`` here with Pythonic results."""

import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from .errors import AhpFceError as AhpFceError

__version__: str
SCHEMA_VERSION: int

_Scored = Tuple[npt.NDArray[np.float64], Optional[npt.NDArray[np.float64]]]

class Model:
    """A validated and analysed model (weights and consistency computed when loaded)."""

    @staticmethod
    def load(path: Union[str, "os.PathLike[str]"]) -> "Model": ...
    @staticmethod
    def from_json(text: str) -> "Model": ...
    @staticmethod
    def from_toml(text: str) -> "Model": ...
    def to_json(self) -> str: ...
    def evaluate_json(self) -> str: ...
    def leaves(self) -> List[str]: ...
    def grades(self) -> Optional[List[str]]: ...
    def score(self, memberships: npt.NDArray[np.float64]) -> _Scored: ...
    def score_values(self, values: npt.NDArray[np.float64]) -> _Scored: ...
    def score_arrow(self, data: Any, *, nulls: str = "error") -> Any: ...

class JudgmentMatrix:
    """A validated judgment matrix: positive, reciprocal, ones on the diagonal; judgments not
    given are filled by the completion method and listed in ``completed``."""

    def __init__(
        self,
        data: Union[Sequence[Sequence[Optional[float]]], Sequence[Optional[float]], npt.ArrayLike],
        *,
        completion: str = "logarithmic_least_squares",
        reciprocity: str = "repair",
    ) -> None: ...
    @property
    def order(self) -> int:
        """The number of items compared."""
    def to_numpy(self) -> npt.NDArray[np.float64]:
        """The full matrix as used (lower triangle the exact reciprocals, gaps filled)."""
    def weights(self, method: str = "geometric_mean") -> npt.NDArray[np.float64]:
        """The priority weights, summing to 1: ``"geometric_mean"``, ``"eigenvector"`` or
        ``"arithmetic_mean"``."""
    def consistency(
        self,
        table: Union[str, Sequence[float], None] = None,
        method: str = "geometric_mean",
        threshold: float = 0.1,
    ) -> Dict[str, Any]:
        """λmax, CI, RI, CR and the verdict; ``table`` names an RI table (``"saaty1980"`` when
        not given, ``"gupta_paper"``, ``"saaty2005"``, …) or lists RI values from order 1."""
    @property
    def repairs(self) -> List[Dict[str, Any]]:
        """Lower entries typed as inexact reciprocals and replaced by the exact ones."""
    @property
    def completed(self) -> List[Dict[str, Any]]:
        """The judgments not given, as filled (``row``, ``col``, ``value``)."""

def survey_json(
    responses: Any,
    *,
    items: Optional[List[str]] = None,
    likert: Optional[int] = None,
    threshold: Optional[float] = None,
) -> str: ...
