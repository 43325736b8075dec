"""The moat: an incumbent with a head start of k periods against an entrant starting from zero.

For ``head_start`` periods the incumbent serves the whole market alone. Then, each period, a
market of M users splits by a logit on quality, ``share_i = exp(beta q_i) / sum_j exp(beta q_j)``,
and each firm's data grows with the users it served, while a share ``delta`` of old data goes
stale:

    D_i(t + 1) = (1 - delta) * D_i(t) + u * M * share_i(t),    q_i = 1 - err(D_i)

With ``pooled=True`` both firms train on the pooled data (as under a data-sharing mandate,
Prüfer & Schottmüller 2017), so their qualities and shares are equal. Whether the entrant is
locked out or catches up depends on beta, on how fast the learning curve saturates and on
delta (Hagiu & Wright 2020): both regimes come out of the same model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from flywheel_sims import _checks, learning_curve


@dataclass(frozen=True)
class Params:
    """Parameters of the duopoly: head start, quality sensitivity, data and learning curve."""

    head_start: int = 5  # assumed: k periods the incumbent runs alone
    beta: float = 8.0  # assumed: logit sensitivity to quality (catching-up regime; ~15+ tips)
    market: float = 1.0  # assumed: users per period (normalised)
    data_per_user: float = 1.0  # assumed: data units per user per period
    delta: float = 0.0  # data obsolescence per period (0 = data never goes stale)
    pooled: bool = False  # True: both firms learn from the pooled data
    # Learning curve (see learning_curve.py): Hestness et al. 2017 image/speech ~0.3.
    alpha: float = 0.3
    a: float = 0.55  # assumed: starting error a + c = 0.6
    c: float = 0.05  # assumed: irreducible error floor
    d_scale: float = 0.1  # assumed
    form: str = "saturating"
    periods: int = 60  # assumed: periods simulated after the entrant arrives

    def __post_init__(self) -> None:
        _checks.integer("head_start", self.head_start, 0, 10_000)
        _checks.number("beta", self.beta, 0, 1000)
        _checks.number("market", self.market, 0, 1e12, lo_open=True)
        _checks.number("data_per_user", self.data_per_user, 0, 1e9, lo_open=True)
        _checks.number("delta", self.delta, 0, 1, hi_open=True)
        _checks.boolean("pooled", self.pooled)
        self.curve()  # validates alpha, a, c, d_scale, form
        if self.form == "power":
            raise ValueError("form must be 'saturating' here (the entrant starts with no data)")
        _checks.integer("periods", self.periods, 1, 100_000)

    def curve(self) -> learning_curve.Params:
        """Return the learning-curve parameters embedded in these parameters."""
        return learning_curve.Params(
            alpha=self.alpha, a=self.a, c=self.c, d_scale=self.d_scale, form=self.form
        )


def _sigmoid(x: float) -> float:
    """Logistic function, written to avoid overflow for large ``|x|``."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def simulate(params: Params | None = None, *, seed: int = 0) -> pd.DataFrame:
    """Run the duopoly from the entrant's arrival, one row per period.

    Columns: ``t, share_incumbent, share_entrant, data_incumbent, data_entrant,
    quality_incumbent, quality_entrant, lead`` where ``lead = share_incumbent - share_entrant``
    and the data columns are each firm's own stock (what it would train on without pooling).
    Deterministic: ``seed`` is accepted for a uniform interface and unused.
    """
    p = params or Params()
    err_of = learning_curve.error_fn(p.curve())
    keep, inflow = 1.0 - p.delta, p.data_per_user * p.market
    d_inc = 0.0
    for _ in range(p.head_start):
        d_inc = keep * d_inc + inflow
    d_ent = 0.0
    n = p.periods
    out = np.empty((n, 6))
    for i in range(n):
        if p.pooled:
            q_inc = q_ent = 1.0 - err_of(d_inc + d_ent)
        else:
            q_inc, q_ent = 1.0 - err_of(d_inc), 1.0 - err_of(d_ent)
        # Symmetric formulas: identical qualities give exactly 0.5 / 0.5.
        s_inc = _sigmoid(p.beta * (q_inc - q_ent))
        s_ent = _sigmoid(p.beta * (q_ent - q_inc))
        out[i] = (s_inc, s_ent, d_inc, d_ent, q_inc, q_ent)
        d_inc = keep * d_inc + inflow * s_inc
        d_ent = keep * d_ent + inflow * s_ent
    frame = pd.DataFrame(
        out,
        columns=[
            "share_incumbent",
            "share_entrant",
            "data_incumbent",
            "data_entrant",
            "quality_incumbent",
            "quality_entrant",
        ],
    )
    frame.insert(0, "t", np.arange(n))
    frame["lead"] = frame["share_incumbent"] - frame["share_entrant"]
    return frame
