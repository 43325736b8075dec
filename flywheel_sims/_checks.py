"""Parameter checks shared by the models' ``Params.__post_init__``.

Every check raises :class:`ValueError` with a one-line message that names the parameter,
the valid range and the value received, e.g. ``alpha must be in (0, 2], got 3.0``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable


def _describe(lo: float | None, hi: float | None, lo_open: bool, hi_open: bool) -> str:
    """Render a range in interval notation, e.g. ``(0, 1]`` or ``>= 0``."""
    if lo is not None and hi is not None:
        left = "(" if lo_open else "["
        right = ")" if hi_open else "]"
        return f"in {left}{lo:g}, {hi:g}{right}"
    if lo is not None:
        return f"{'>' if lo_open else '>='} {lo:g}"
    if hi is not None:
        return f"{'<' if hi_open else '<='} {hi:g}"
    return "a finite number"


def number(
    name: str,
    value: object,
    lo: float | None = None,
    hi: float | None = None,
    *,
    lo_open: bool = False,
    hi_open: bool = False,
) -> None:
    """Check that ``value`` is a finite real number within the given bounds."""
    valid = _describe(lo, hi, lo_open, hi_open)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number {valid}, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be a finite number {valid}, got {value!r}")
    too_low = lo is not None and (x <= lo if lo_open else x < lo)
    too_high = hi is not None and (x >= hi if hi_open else x > hi)
    if too_low or too_high:
        raise ValueError(f"{name} must be {valid}, got {value!r}")


def integer(name: str, value: object, lo: int | None = None, hi: int | None = None) -> None:
    """Check that ``value`` is an integer (not a bool) within ``[lo, hi]``."""
    valid = _describe(lo, hi, False, False)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer {valid}, got {value!r}")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValueError(f"{name} must be an integer {valid}, got {value!r}")


def boolean(name: str, value: object) -> None:
    """Check that ``value`` is a bool."""
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, got {value!r}")


def choice(name: str, value: object, options: Iterable[str]) -> None:
    """Check that ``value`` is one of ``options``."""
    opts = list(options)
    if value not in opts:
        raise ValueError(f"{name} must be one of {', '.join(opts)}; got {value!r}")
