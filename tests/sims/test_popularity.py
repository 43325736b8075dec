"""Bias amplification: exposure Gini and coverage under the three ranking policies."""

import numpy as np
import pandas as pd
import pytest

from flywheel_sims import popularity as pop


def runs(policy: str, seed: int = 0, **kw: object) -> pd.DataFrame:
    return pop.simulate(pop.Params(policy=policy, **kw), seed=seed)  # type: ignore[arg-type]


def test_gini_of_known_distributions() -> None:
    assert pop.gini(np.ones(10))[0] == pytest.approx(0.0)
    assert pop.gini([0, 0, 0, 5])[0] == pytest.approx(1 - 1 / 4)
    assert pop.gini([0, 0, 1, 1])[0] == pytest.approx(0.5)
    assert pop.gini(np.zeros(4))[0] == 0.0
    rows = pop.gini([[1, 1, 1], [0, 0, 3]])
    np.testing.assert_allclose(rows, [0.0, 2 / 3])


def test_gini_matches_mean_absolute_difference_definition() -> None:
    x = np.random.default_rng(5).exponential(size=57)
    mad = np.abs(x[:, None] - x[None, :]).sum() / (2 * len(x) ** 2 * x.mean())
    assert pop.gini(x)[0] == pytest.approx(mad)


@pytest.mark.parametrize("policy", pop.POLICIES)
def test_bounds_and_columns(policy: str) -> None:
    frame = runs(policy)
    p = pop.Params()
    assert {"t", "gini", "coverage"} <= set(frame.columns)
    assert len(frame) == p.steps + 1
    assert frame["gini"].between(0, 1 - 1 / p.n_items).all()
    assert frame["coverage"].between(0, 1).all()
    assert (np.diff(frame["coverage"]) >= 0).all()
    assert frame["ctr"].between(0, 1).all()


def test_every_policy_starts_from_the_same_warm_up() -> None:
    first = [runs(policy).iloc[0].drop("policy") for policy in pop.POLICIES]
    for other in first[1:]:
        pd.testing.assert_series_equal(first[0], other, check_names=False)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_popularity_gini_rises_and_ends_above_explore_above_random(seed: int) -> None:
    pop_run, explore, rand = (runs(p, seed=seed) for p in ("popularity", "explore", "random"))
    g_pop, g_exp, g_rand = (f["gini"].to_numpy() for f in (pop_run, explore, rand))
    assert g_pop[-1] > g_pop[0]
    # Rising as a trend: each quarter of the run ends above the previous quarter.
    quarters = g_pop[:: len(g_pop) // 4]
    assert (np.diff(quarters) > 0).all()
    assert g_pop[-1] > g_exp[-1] > g_rand[-1]
    # Random ranking spreads exposure: its Gini falls toward 0.
    assert g_rand[-1] < g_rand[0] / 2
    assert (np.diff(g_rand[:: len(g_rand) // 4]) < 0).all()


@pytest.mark.parametrize("seed", [0, 1])
def test_popularity_ranking_exposes_fewer_distinct_items(seed: int) -> None:
    cov = {p: runs(p, seed=seed)["coverage"].iloc[-1] for p in pop.POLICIES}
    assert cov["popularity"] < cov["explore"] < cov["random"]


def test_random_gini_keeps_falling_with_a_longer_run() -> None:
    short = runs("random", steps=100)["gini"].iloc[-1]
    long = runs("random", steps=800)["gini"].iloc[-1]
    assert long < short < 0.4
    assert long < 0.15


def test_more_exploration_less_concentration() -> None:
    ends = [runs("explore", epsilon=e)["gini"].iloc[-1] for e in (0.0, 0.1, 0.3, 0.6)]
    assert all(a > b for a, b in zip(ends, ends[1:], strict=False))
    # epsilon = 0 is pure popularity ranking.
    assert ends[0] == pytest.approx(runs("popularity")["gini"].iloc[-1], abs=0.02)


def test_same_seed_same_frame_and_seeds_matter() -> None:
    pd.testing.assert_frame_equal(runs("explore", seed=7), runs("explore", seed=7))
    assert not runs("explore", seed=7).equals(runs("explore", seed=8))


def test_no_warm_up_starts_from_nothing() -> None:
    frame = runs("popularity", warmup=0, steps=5)
    assert frame["gini"].iloc[0] == 0.0 and frame["coverage"].iloc[0] == 0.0
    assert frame["ctr"].iloc[0] == 0.0
