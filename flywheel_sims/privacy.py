"""Privacy limits on collection: the flywheel with a capture rate ``kappa < 1``.

Aridor, Che & Salz (NBER w26900; RAND Journal of Economics 2023) found that GDPR's opt-in
requirement reduced the consumers a travel intermediary could observe by about 12.5%. Here
that is a capture rate ``kappa = 0.875`` on the data inflow of the loop in :mod:`flywheel`.

Two consequences follow from the learning curve alone. With no floor (``c = 0``) and the power
form, for any given history of data inflow the restricted error is ``kappa ** (-alpha)`` times
the unrestricted one (1.04x at alpha = 0.3). With a constant inflow, the time to reach a
quality target is ``1 / kappa`` times longer (1.14x). In the full loop the slower improvement
also slows adoption, so the gap in users compounds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
import pandas as pd

from flywheel_sims import _checks, flywheel, learning_curve

# Aridor, Che & Salz 2023: GDPR opt-in cut observed consumers by about 12.5%.
GDPR_KAPPA = 0.875


@dataclass(frozen=True)
class Params(flywheel.Params):
    """The flywheel's parameters, with the capture rate set to the GDPR estimate."""

    kappa: float = GDPR_KAPPA  # Aridor, Che & Salz 2023: about 12.5% fewer consumers observed


def error_ratio(kappa: float, alpha: float) -> float:
    """Return the restricted/unrestricted error ratio ``kappa ** (-alpha)`` (for ``c = 0``)."""
    _checks.number("kappa", kappa, 0, 1, lo_open=True)
    _checks.number("alpha", alpha, 0, 2, lo_open=True)
    return float(kappa ** (-alpha))


def restricted_error(
    inflow: npt.ArrayLike, kappa: float, curve: learning_curve.Params | None = None
) -> npt.NDArray[np.float64]:
    """Return the error after each period of a given data-inflow history, captured at ``kappa``.

    The data stock after period ``t`` is ``kappa * sum(inflow[: t + 1])``; the error is the
    learning curve at that stock. ``inflow`` must be non-negative.
    """
    _checks.number("kappa", kappa, 0, 1, lo_open=True)
    flows = np.asarray(inflow, dtype=np.float64)
    if flows.ndim != 1 or (flows < 0).any() or not np.isfinite(flows).all():
        raise ValueError("inflow must be a 1-D array of finite, non-negative amounts")
    return learning_curve.error(kappa * np.cumsum(flows), curve)


def time_to_target(params: flywheel.Params, target_quality: float) -> float:
    """Return the time at which the loop's quality first reaches ``target_quality``.

    The data needed is found by inverting the learning curve; the time is where the simulated
    data stock crosses it, interpolated linearly between Euler steps (exact while the inflow
    is constant). Returns 0 if the target is met at the start and ``math.inf`` if it is not
    reached within the horizon or cannot be reached at all (at or above ``1 - c``).
    """
    _checks.number("target_quality", target_quality, 0, 1)
    curve = params.curve()
    if target_quality >= 1.0 - curve.c:
        return math.inf
    needed = float(learning_curve.data_for_error(1.0 - target_quality, curve))
    if params.data0 >= needed:
        return 0.0
    if not params.feedback:
        return math.inf  # quality frozen at its start value, which is below the target
    frame = flywheel.simulate(params)
    t, data = frame["t"].to_numpy(), frame["data"].to_numpy()
    above = np.flatnonzero(data >= needed)
    if above.size == 0:
        return math.inf
    j = int(above[0])
    # data[j - 1] < needed <= data[j]; j >= 1 because data0 < needed.
    frac = (needed - data[j - 1]) / (data[j] - data[j - 1])
    return float(t[j - 1] + frac * (t[j] - t[j - 1]))


def simulate(params: Params | None = None, *, seed: int = 0) -> pd.DataFrame:
    """Run the loop restricted (at ``kappa``) and unrestricted (``kappa = 1``), side by side.

    Columns: ``t, users, data, error, quality`` for the restricted run, the same with suffix
    ``_unrestricted``, and ``error_ratio`` (restricted / unrestricted error).
    Deterministic: ``seed`` is accepted for a uniform interface and unused.
    """
    p = params or Params()
    restricted = flywheel.simulate(p, seed=seed)
    free = flywheel.simulate(replace(p, kappa=1.0), seed=seed)
    cols = ["users", "data", "error", "quality"]
    frame = restricted[["t", *cols]].copy()
    for col in cols:
        frame[f"{col}_unrestricted"] = free[col].to_numpy()
    frame["error_ratio"] = frame["error"] / frame["error_unrestricted"]
    return frame
