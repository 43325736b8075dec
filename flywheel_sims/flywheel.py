"""The reinforcing loop: users bring data, data lowers error, quality brings more users.

Users adopt by Bass diffusion whose word-of-mouth term scales with quality ``q = 1 - err(D)``;
data accumulates from use, of which a share ``kappa`` is captured (1 = unrestricted):

    dU/dt = (p + w * q(D) * U / M) * (M - U)
    dD/dt = kappa * u * U

Both stocks are stepped by Euler's method with step ``dt``. With ``feedback=False`` the quality
is frozen at its starting value: the no-flywheel baseline, an ordinary Bass S-curve. Time is in
years, the unit of the Bass coefficients below; the market is normalised to 1 by default.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from flywheel_sims import _checks, learning_curve

MAX_STEPS = 200_000
MIN_POWER_DATA = 1e-9  # the pure power law needs some data to start from


@dataclass(frozen=True)
class Params:
    """Parameters of the loop: Bass adoption, data capture and the learning curve."""

    market: float = 1.0  # assumed: market size M (normalised)
    # Sultan, Farley & Lehmann 1990 (meta-analysis of 213 Bass fits): mean p 0.03, q 0.38.
    p: float = 0.03  # innovation coefficient (per year)
    w: float = 0.38  # imitation (word-of-mouth) coefficient at quality 1 (per year)
    data_per_user: float = 1.0  # assumed: u, data units per user per year
    kappa: float = 1.0  # capture rate; 1 = unrestricted (see privacy.py for 0.875)
    users0: float = 0.0  # users at t = 0
    data0: float = 0.0  # data at t = 0
    # Learning curve (see learning_curve.py): Hestness et al. 2017 image/speech ~0.3.
    alpha: float = 0.3
    a: float = 0.55  # assumed: starting error a + c = 0.6, quality 0.4
    c: float = 0.05  # assumed: irreducible error floor
    d_scale: float = 0.01  # assumed: 1% of a market-year of data reaches the power-law region
    form: str = "saturating"
    horizon: float = 25.0  # assumed: years simulated
    dt: float = 0.1  # Euler step (years)
    feedback: bool = True  # False freezes quality at its start value (no-flywheel baseline)

    def __post_init__(self) -> None:
        _checks.number("market", self.market, 0, 1e12, lo_open=True)
        _checks.number("p", self.p, 0, 1)
        _checks.number("w", self.w, 0, 10)
        _checks.number("data_per_user", self.data_per_user, 0, 1e9)
        _checks.number("kappa", self.kappa, 0, 1)
        _checks.number("users0", self.users0, 0, self.market)
        _checks.number("data0", self.data0, 0, 1e15)
        self.curve()  # validates alpha, a, c, d_scale, form
        if self.form == "power" and self.data0 < MIN_POWER_DATA:
            raise ValueError(
                f"data0 must be >= {MIN_POWER_DATA:g} when form='power' (the error is "
                f"infinite at 0), got {self.data0!r}"
            )
        _checks.number("horizon", self.horizon, 0, 1e6, lo_open=True)
        _checks.number("dt", self.dt, 0, self.horizon, lo_open=True)
        if self.dt * (self.p + self.w) > 1:
            raise ValueError(
                f"dt * (p + w) must be <= 1 for a stable Euler step, got "
                f"dt={self.dt!r}, p={self.p!r}, w={self.w!r}"
            )
        _checks.boolean("feedback", self.feedback)
        if self.steps > MAX_STEPS:
            raise ValueError(f"horizon / dt must be <= {MAX_STEPS}, got {self.steps}")

    @property
    def steps(self) -> int:
        """Number of Euler steps: the largest n with ``n * dt <= horizon``."""
        return int(np.floor(self.horizon / self.dt + 1e-9))

    def curve(self) -> learning_curve.Params:
        """Return the learning-curve parameters embedded in these parameters."""
        return learning_curve.Params(
            alpha=self.alpha, a=self.a, c=self.c, d_scale=self.d_scale, form=self.form
        )


def simulate(params: Params | None = None, *, seed: int = 0) -> pd.DataFrame:
    """Run the loop, one row per Euler step from ``t = 0`` to the horizon.

    Columns: ``t, users, adoptions, data, error, quality``. ``adoptions`` is the adoption rate
    dU/dt at that step. Quality is clipped to [0, 1] (it only leaves that range for the power
    form at tiny data). Deterministic: ``seed`` is accepted for a uniform interface and unused.
    """
    p = params or Params()
    n = p.steps
    err_of = learning_curve.error_fn(p.curve())
    m, dt, inflow = p.market, p.dt, p.kappa * p.data_per_user
    users = np.empty(n + 1)
    data = np.empty(n + 1)
    err = np.empty(n + 1)
    rate = np.empty(n + 1)
    u, d = p.users0, p.data0
    e0 = err_of(d)
    q0 = min(max(1.0 - e0, 0.0), 1.0)
    for i in range(n + 1):
        e = err_of(d) if p.feedback else e0
        q = min(max(1.0 - e, 0.0), 1.0) if p.feedback else q0
        r = (p.p + p.w * q * u / m) * (m - u)
        users[i], data[i], err[i], rate[i] = u, d, e, r
        # Euler step; with dt * (p + w) <= 1 the update is monotone in u, so 0 <= u <= m
        # holds exactly; min() only guards the last bit of rounding.
        u, d = min(u + dt * r, m), d + dt * inflow * u
    return pd.DataFrame(
        {
            "t": np.arange(n + 1) * dt,
            "users": users,
            "adoptions": rate,
            "data": data,
            "error": err,
            "quality": np.clip(1.0 - err, 0.0, 1.0),
        }
    )


def logistic(t: np.ndarray, params: Params, q: float) -> np.ndarray:
    """Closed-form users for constant quality ``q`` and ``p = 0``: the logistic curve.

    ``U(t) = M / (1 + (M / U0 - 1) * exp(-w q t))``; used to check the Euler integration.
    """
    if params.p != 0 or params.users0 <= 0:
        raise ValueError("the logistic closed form needs p = 0 and users0 > 0")
    m, r = params.market, params.w * q
    return np.asarray(m / (1.0 + (m / params.users0 - 1.0) * np.exp(-r * np.asarray(t))))


def bass(t: np.ndarray, params: Params, q: float) -> np.ndarray:
    """Closed-form Bass users for constant quality ``q`` starting from ``U0 = 0``.

    ``U(t) = M (1 - e^{-(p + w q) t}) / (1 + (w q / p) e^{-(p + w q) t})``.
    """
    if params.p <= 0 or params.users0 != 0:
        raise ValueError("the Bass closed form needs p > 0 and users0 = 0")
    wq, s = params.w * q, params.p + params.w * q
    x = np.exp(-s * np.asarray(t))
    return np.asarray(params.market * (1.0 - x) / (1.0 + (wq / params.p) * x))
