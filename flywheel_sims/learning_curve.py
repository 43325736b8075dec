"""The learning curve: model error falls as a power law of training data, down to a floor.

Two forms are offered:

- ``"saturating"`` (default): ``err(D) = c + a * (1 + D / d_scale) ** (-alpha)``. It is finite at
  ``D = 0`` (where the error is ``a + c``), so it can start a product from no data, and for
  ``D >> d_scale`` it is the power law ``a * (D / d_scale) ** (-alpha) + c``.
- ``"power"``: ``err(D) = c + a * D ** (-alpha)`` for ``D > 0``. With ``c = 0`` its log-log slope is
  exactly ``-alpha`` at every ``D``.

Hestness et al. (2017, "Deep Learning Scaling is Predictable, Empirically") measured exponents
between about 0.07 and 0.35 across tasks; Kaplan et al. (2020) 0.095 for language-model loss.
Hoffmann et al. (2022) fitted an irreducible term (1.69 nats), the floor ``c`` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from flywheel_sims import _checks

FORMS = ("saturating", "power")
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Params:
    """Parameters of the learning curve and of the data grid that ``simulate`` evaluates."""

    # Hestness et al. 2017: image classification top-1 0.309, speech 0.299; rounded to 0.3.
    alpha: float = 0.3
    a: float = 0.5  # assumed: reducible error (at D = 0 saturating, at D = 1 power)
    c: float = 0.05  # assumed: irreducible error floor (Hoffmann et al. 2022 fit one for LMs)
    d_scale: float = 1.0  # assumed: data scale where the power-law region begins
    form: str = "saturating"
    d_min: float = 1.0  # grid for simulate(): smallest data amount
    d_max: float = 1e9  # grid for simulate(): largest data amount
    points: int = 181  # grid for simulate(): log-spaced points (20 per decade by default)

    def __post_init__(self) -> None:
        _checks.number("alpha", self.alpha, 0, 2, lo_open=True)
        _checks.number("a", self.a, 0, 1, lo_open=True)
        _checks.number("c", self.c, 0, 1, hi_open=True)
        _checks.number("d_scale", self.d_scale, 0, 1e12, lo_open=True)
        _checks.choice("form", self.form, FORMS)
        if self.form == "saturating" and self.a + self.c > 1:
            raise ValueError(
                f"a + c (the error with no data) must be <= 1, got a={self.a!r}, c={self.c!r}"
            )
        _checks.number("d_min", self.d_min, 1e-9, 1e15)
        _checks.number("d_max", self.d_max, self.d_min, 1e15, lo_open=True)
        _checks.integer("points", self.points, 2, 100_000)


@dataclass(frozen=True)
class CurvePreset:
    """A published learning-curve exponent for one task, with its source."""

    name: str
    task: str
    alpha: float
    source: str


PRESETS: dict[str, CurvePreset] = {
    p.name: p
    for p in (
        CurvePreset(
            "translation", "Machine translation", 0.128, "Hestness et al. 2017 (NMT, word-piece)"
        ),
        CurvePreset(
            "language",
            "Language modelling",
            0.07,
            "Hestness et al. 2017 report 0.06-0.09 for word and character LMs; 0.07 taken",
        ),
        CurvePreset(
            "image", "Image classification (top-1)", 0.309, "Hestness et al. 2017 (ImageNet top-1)"
        ),
        CurvePreset(
            "image_top5",
            "Image classification (top-5)",
            0.488,
            "Hestness et al. 2017 (ImageNet top-5)",
        ),
        CurvePreset("speech", "Speech recognition", 0.299, "Hestness et al. 2017 (DeepSpeech 2)"),
        CurvePreset(
            "kaplan",
            "Language-model loss vs data",
            0.095,
            "Kaplan et al. 2020 (loss vs dataset size)",
        ),
    )
}


def preset(name: str, **overrides: Any) -> Params:
    """Return :class:`Params` with the exponent of preset ``name`` and any overrides applied."""
    if name not in PRESETS:
        raise KeyError(f"unknown learning-curve preset {name!r}; valid: {', '.join(PRESETS)}")
    return replace(Params(alpha=PRESETS[name].alpha), **overrides)


def _as_data(data: npt.ArrayLike, params: Params) -> FloatArray:
    """Convert ``data`` to a float array and check it lies in the curve's domain."""
    d = np.asarray(data, dtype=np.float64)
    if np.isnan(d).any():
        raise ValueError("data must not contain NaN")
    if params.form == "power":
        if (d <= 0).any():
            raise ValueError("data must be > 0 for form='power'")
    elif (d < 0).any():
        raise ValueError("data must be >= 0")
    return d


def reducible_error(data: npt.ArrayLike, params: Params | None = None) -> FloatArray:
    """Return the error above the floor, ``err(D) - c``, for each data amount."""
    p = params or Params()
    d = _as_data(data, p)
    if p.form == "power":
        return p.a * d ** (-p.alpha)
    return p.a * (1.0 + d / p.d_scale) ** (-p.alpha)


def error(data: npt.ArrayLike, params: Params | None = None) -> FloatArray:
    """Return the model error for each amount of training data (vectorised; same shape)."""
    p = params or Params()
    return p.c + reducible_error(data, p)


def quality(data: npt.ArrayLike, params: Params | None = None) -> FloatArray:
    """Return the quality ``1 - err(D)`` for each data amount."""
    return 1.0 - error(data, params)


def marginal_gain(data: npt.ArrayLike, params: Params | None = None) -> FloatArray:
    """Return the error removed by one more unit of data, ``-d err / dD`` (always >= 0)."""
    p = params or Params()
    d = _as_data(data, p)
    if p.form == "power":
        return p.a * p.alpha * d ** (-p.alpha - 1.0)
    return (p.a * p.alpha / p.d_scale) * (1.0 + d / p.d_scale) ** (-p.alpha - 1.0)


def local_slope(data: npt.ArrayLike, params: Params | None = None) -> FloatArray:
    """Return the log-log slope ``d log err / d log D`` (negative, tending to 0 at the floor).

    For the power form this is ``-alpha * (err - c) / err``; the saturating form multiplies it
    by ``D / (D + d_scale)``, which is 0 at ``D = 0`` (the small-data region).
    """
    p = params or Params()
    d = _as_data(data, p)
    red = reducible_error(d, p)
    slope = -p.alpha * red / (red + p.c)
    if p.form == "saturating":
        slope = slope * d / (d + p.d_scale)
    return slope


def data_for_error(target: npt.ArrayLike, params: Params | None = None) -> FloatArray:
    """Return the data needed to bring the error down to ``target`` (inverse of :func:`error`).

    ``target`` must lie above the floor ``c``; targets at or above the starting error need no
    data (0 for the saturating form).
    """
    p = params or Params()
    e = np.asarray(target, dtype=np.float64)
    if (e <= p.c).any() or np.isnan(e).any():
        raise ValueError(f"target error must be > the floor c={p.c!r}")
    ratio = (e - p.c) / p.a
    if p.form == "power":
        return ratio ** (-1.0 / p.alpha)
    return p.d_scale * np.maximum(ratio ** (-1.0 / p.alpha) - 1.0, 0.0)


def data_multiple(fraction: float, alpha: float) -> float:
    """Return how many times more data multiplies the reducible error by ``fraction``.

    In the power-law region, ``fraction ** (-1 / alpha)``; halving (``fraction = 0.5``) needs
    ``2 ** (1 / alpha)`` times the data: about 10x at alpha = 0.3, about 1,500x at 0.095.
    """
    _checks.number("fraction", fraction, 0, 1, lo_open=True, hi_open=True)
    _checks.number("alpha", alpha, 0, 2, lo_open=True)
    return float(fraction ** (-1.0 / alpha))


def error_fn(params: Params) -> Callable[[float], float]:
    """Return a fast scalar ``err(D)`` for use inside per-step loops (no array overhead)."""
    a, c, alpha, ds = params.a, params.c, params.alpha, params.d_scale
    if params.form == "power":
        return lambda d: c + a * d ** (-alpha)
    return lambda d: c + a * (1.0 + d / ds) ** (-alpha)


def simulate(params: Params | None = None, *, seed: int = 0) -> pd.DataFrame:
    """Evaluate the curve on a log-spaced data grid, one row per grid point.

    Columns: ``step, data, error, reducible_error, quality, marginal_gain, local_slope``.
    The model is deterministic; ``seed`` is accepted for a uniform interface and unused.
    """
    p = params or Params()
    d = np.geomspace(p.d_min, p.d_max, p.points)
    red = reducible_error(d, p)
    err = p.c + red
    return pd.DataFrame(
        {
            "step": np.arange(p.points),
            "data": d,
            "error": err,
            "reducible_error": red,
            "quality": 1.0 - err,
            "marginal_gain": marginal_gain(d, p),
            "local_slope": local_slope(d, p),
        }
    )
