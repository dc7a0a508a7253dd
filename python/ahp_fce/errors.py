"""The exception classes: one per error kind of the crate, all under ``AhpFceError``.

They are made by the native module when it is imported; this module names them.
"""

from typing import Dict

from . import _native
from ._native import AhpFceError

#: Every error kind's exception class, by the kind's name (``"NotReciprocal"``).
ERROR_CLASSES: Dict[str, type] = {
    name[: -len("Error")]: cls
    for name, cls in vars(_native).items()
    if isinstance(cls, type) and issubclass(cls, AhpFceError) and cls is not AhpFceError
}
globals().update({cls.__name__: cls for cls in ERROR_CLASSES.values()})

__all__ = ["AhpFceError", *sorted(cls.__name__ for cls in ERROR_CLASSES.values())]
