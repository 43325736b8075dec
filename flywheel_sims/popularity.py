"""Bias amplification: a recommender that ranks by past clicks concentrates exposure.

A catalogue of ``n_items`` items, each with a latent appeal drawn from a Beta distribution.
Every step the recommender shows ``k`` items to ``users_per_step`` users, each of whom clicks
each shown item with probability equal to its appeal. The items shown are chosen by a policy:

- ``"popularity"``: the ``k`` items with the most clicks so far (ties broken at random);
- ``"explore"``: the ``k`` most-clicked items, except that each slot is, with probability
  ``epsilon``, given to a random item from outside that top ``k``;
- ``"random"``: ``k`` items at random.

Before the policy takes over, ``warmup`` steps show random items (a cold start), so every
policy starts from the same state for a given seed. The model tracks the Gini coefficient of
cumulative exposure across items and the catalogue coverage (share of items ever shown),
averaged over ``runs`` independent runs that are simulated together as arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from flywheel_sims import _checks

POLICIES = ("popularity", "explore", "random")
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Params:
    """Parameters of the recommender simulation."""

    n_items: int = 200  # assumed: catalogue size
    k: int = 10  # assumed: slots shown per step
    users_per_step: int = 100  # assumed
    steps: int = 200  # assumed: steps after the warm-up
    policy: str = "popularity"
    epsilon: float = 0.1  # assumed: share of slots explored at random under "explore"
    warmup: int = 10  # assumed: cold-start steps shown at random
    appeal_a: float = 2.0  # assumed: latent appeal ~ Beta(2, 8), mean click rate 0.2
    appeal_b: float = 8.0  # assumed
    runs: int = 8  # independent runs averaged (mitigates seed noise)

    def __post_init__(self) -> None:
        _checks.integer("n_items", self.n_items, 2, 100_000)
        _checks.integer("k", self.k, 1, self.n_items - 1)
        _checks.integer("users_per_step", self.users_per_step, 1, 1_000_000)
        _checks.integer("steps", self.steps, 1, 100_000)
        _checks.choice("policy", self.policy, POLICIES)
        _checks.number("epsilon", self.epsilon, 0, 1)
        _checks.integer("warmup", self.warmup, 0, 100_000)
        _checks.number("appeal_a", self.appeal_a, 0, 1000, lo_open=True)
        _checks.number("appeal_b", self.appeal_b, 0, 1000, lo_open=True)
        _checks.integer("runs", self.runs, 1, 1000)


def gini(x: npt.ArrayLike) -> FloatArray:
    """Return the Gini coefficient of each row of ``x`` (non-negative values; 0 if all zero).

    ``G = sum_i (2 i - n - 1) x_(i) / (n sum_i x_i)`` over the values sorted ascending.
    0 means equal exposure; ``1 - 1/n`` means everything on one item.
    """
    a = np.sort(np.atleast_2d(np.asarray(x, dtype=np.float64)), axis=1)
    n = a.shape[1]
    weights = 2.0 * np.arange(1, n + 1) - n - 1.0
    total = a.sum(axis=1)
    num = a @ weights
    return np.divide(num, n * total, out=np.zeros_like(total), where=total > 0)


def _top_k(score: FloatArray, k: int) -> IntArray:
    """Return the indices of the ``k`` largest scores along the last axis, in index order.

    Sorting is faster than ``argpartition`` for rows this short: the k-th largest value is
    the threshold, and the scores at or above it are the top k. Exact ties at the threshold
    (vanishingly rare with the random tie-breaking noise used here) fall back to argpartition.
    """
    n = score.shape[-1]
    threshold = np.sort(score, axis=-1)[..., n - k : n - k + 1]
    mask = score >= threshold
    if np.count_nonzero(mask) != mask.size // n * k:
        return np.argpartition(score, n - k, axis=-1)[..., n - k :]
    return np.nonzero(mask)[-1].reshape(*score.shape[:-1], k)


def simulate(params: Params | None = None, *, seed: int = 0) -> pd.DataFrame:
    """Run the recommender, one row per step from the end of the warm-up (``t = 0``).

    Columns: ``t, policy, gini, coverage, ctr, gini_sd`` where ``gini`` and ``coverage`` are
    means over runs, ``gini_sd`` their spread, and ``ctr`` the click-through rate so far.
    The same seed gives the same appeals and warm-up under every policy.
    """
    p = params or Params()
    r, n, k = p.runs, p.n_items, p.k
    streams = np.random.SeedSequence(seed).spawn(3)
    rng_appeal, rng_warm, rng = (np.random.default_rng(s) for s in streams)
    appeal = rng_appeal.beta(p.appeal_a, p.appeal_b, size=(r, n))
    exposure = np.zeros((r, n))
    clicks = np.zeros((r, n))
    rows = np.arange(r)[:, None]

    def show(idx: IntArray, gen: np.random.Generator) -> None:
        exposure[rows, idx] += 1.0
        clicks[rows, idx] += gen.binomial(p.users_per_step, appeal[rows, idx])

    for _ in range(p.warmup):
        show(_top_k(rng_warm.random((r, n)), k), rng_warm)

    t = np.arange(p.steps + 1)
    weights = 2.0 * np.arange(1, n + 1) - n - 1.0
    if p.policy == "random":
        # Exposure does not depend on clicks, so all steps are drawn at once.
        picks = _top_k(rng.random((p.steps, r, n)), k)
        inc = np.zeros((p.steps, r, n))
        np.put_along_axis(inc, picks, 1.0, axis=2)
        history = np.concatenate([exposure[None], exposure + np.cumsum(inc, axis=0)])
        step_clicks = rng.binomial(
            p.users_per_step,
            np.take_along_axis(np.broadcast_to(appeal, (p.steps, r, n)), picks, axis=2),
        ).sum(axis=(1, 2))
        g_num = np.sort(history, axis=2) @ weights
        covered = np.count_nonzero(history, axis=2)
        total_clicks = clicks.sum() + np.concatenate([[0.0], np.cumsum(step_clicks)])
    else:
        # Per step and run: Gini numerator over sorted exposure, items ever shown, clicks.
        g_num = np.empty((p.steps + 1, r))
        covered = np.empty((p.steps + 1, r))
        total_clicks = np.empty(p.steps + 1)
        for i in t:
            if i > 0:
                # Click counts are integers, so noise in [0, 1) only breaks ties.
                idx = _top_k(clicks + rng.random((r, n)), k)
                if p.policy == "explore":
                    # Each slot goes, with probability epsilon, to a random item from outside
                    # the top k: those slots get priority -1, the kept ones 2, the rest random.
                    priority = rng.random((r, n))
                    priority[rows, idx] = np.where(rng.random((r, k)) < p.epsilon, -1.0, 2.0)
                    idx = _top_k(priority, k)
                show(idx, rng)
            g_num[i] = np.sort(exposure, axis=1) @ weights
            covered[i] = np.count_nonzero(exposure, axis=1)
            total_clicks[i] = clicks.sum()

    # Every step shows k items in every run, so total exposure per run is k * (warmup + t).
    shown = (k * (p.warmup + t)).astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        g = np.where(shown[:, None] > 0, g_num / (n * shown[:, None]), 0.0)
        ctr = np.where(shown > 0, total_clicks / (r * shown * p.users_per_step), 0.0)
    out = np.column_stack([t, g.mean(axis=1), covered.mean(axis=1) / n, ctr, g.std(axis=1)])
    frame = pd.DataFrame(out, columns=["t", "gini", "coverage", "ctr", "gini_sd"])
    frame["t"] = frame["t"].astype(np.int64)
    frame.insert(1, "policy", p.policy)
    return frame
