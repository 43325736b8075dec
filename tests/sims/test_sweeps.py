"""Hypothesis sweeps: finite output across the valid range, clear errors outside it."""

import math
from dataclasses import fields, replace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flywheel_sims import MODELS, competition, flywheel, popularity, privacy
from flywheel_sims import learning_curve as lc

SWEEP = settings(max_examples=40, deadline=None)


def assert_finite(frame: pd.DataFrame) -> None:
    numeric = frame.select_dtypes("number").to_numpy(dtype=float)
    assert numeric.size > 0
    assert np.isfinite(numeric).all(), frame[~np.isfinite(numeric).all(axis=1)].head()


@st.composite
def curves(draw: st.DrawFn) -> dict[str, Any]:
    form = draw(st.sampled_from(lc.FORMS))
    c = draw(st.floats(0.0, 0.9))
    a = draw(st.floats(1e-6, 1.0 - c)) if form == "saturating" else draw(st.floats(1e-6, 1.0))
    return {
        "form": form,
        "c": c,
        "a": a,
        "alpha": draw(st.floats(1e-3, 2.0)),
        "d_scale": draw(st.floats(1e-6, 1e6)),
    }


@SWEEP
@given(
    curve=curves(),
    d_min=st.floats(1e-9, 1e3),
    span=st.floats(1.001, 1e9),
    points=st.integers(2, 300),
)
def test_learning_curve_finite(
    curve: dict[str, Any], d_min: float, span: float, points: int
) -> None:
    p = lc.Params(**curve, d_min=d_min, d_max=d_min * span, points=points)
    frame = lc.simulate(p)
    assert_finite(frame)
    assert (frame["error"] >= p.c).all()
    assert (np.diff(frame["error"]) <= 0).all()
    slope = frame["local_slope"]
    assert (slope <= 0).all() and (slope >= -p.alpha * (1 + 1e-12)).all()


@st.composite
def loops(draw: st.DrawFn) -> flywheel.Params:
    curve = draw(curves())
    market = draw(st.floats(1e-3, 1e9))
    dt = draw(st.sampled_from([0.05, 0.1, 0.25, 0.5]))
    p = draw(st.floats(0.0, 0.3))
    w = draw(st.floats(0.0, min(10.0, (1.0 / dt - p) * (1 - 1e-9))))
    data0 = draw(st.floats(0.0, 1e6))
    if curve["form"] == "power":
        data0 = max(data0, flywheel.MIN_POWER_DATA)
    return flywheel.Params(
        market=market,
        p=p,
        w=w,
        data_per_user=draw(st.floats(0.0, 1e3)),
        kappa=draw(st.floats(0.0, 1.0)),
        users0=market * draw(st.floats(0.0, 1.0)),
        data0=data0,
        horizon=draw(st.floats(dt, 60.0)),
        dt=dt,
        feedback=draw(st.booleans()),
        **curve,
    )


@SWEEP
@given(params=loops())
def test_flywheel_finite_and_bounded(params: flywheel.Params) -> None:
    frame = flywheel.simulate(params)
    assert_finite(frame)
    assert len(frame) == params.steps + 1
    assert (frame["users"] >= 0).all() and (frame["users"] <= params.market).all()
    assert frame["quality"].between(0, 1).all()


@SWEEP
@given(params=loops())
def test_flywheel_feedback_never_below_baseline(params: flywheel.Params) -> None:
    loop = flywheel.simulate(replace(params, feedback=True))["users"].to_numpy()
    base = flywheel.simulate(replace(params, feedback=False))["users"].to_numpy()
    assert (loop >= base * (1 - 1e-12)).all()


@SWEEP
@given(params=loops())
def test_privacy_finite(params: flywheel.Params) -> None:
    p = privacy.Params(**{f.name: getattr(params, f.name) for f in fields(params)})
    frame = privacy.simulate(p)
    assert_finite(frame)
    assert (frame["users"] <= frame["users_unrestricted"] * (1 + 1e-12)).all()


@st.composite
def duopolies(draw: st.DrawFn) -> competition.Params:
    curve = draw(curves().filter(lambda c: c["form"] == "saturating"))
    return competition.Params(
        head_start=draw(st.integers(0, 50)),
        beta=draw(st.floats(0.0, 1000.0)),
        market=draw(st.floats(1e-3, 1e9)),
        data_per_user=draw(st.floats(1e-3, 1e3)),
        delta=draw(st.floats(0.0, 0.99)),
        pooled=draw(st.booleans()),
        periods=draw(st.integers(1, 200)),
        **curve,
    )


@SWEEP
@given(params=duopolies())
def test_competition_finite_and_shares_valid(params: competition.Params) -> None:
    frame = competition.simulate(params)
    assert_finite(frame)
    assert frame["share_incumbent"].between(0, 1).all()
    assert (frame["share_incumbent"] >= frame["share_entrant"]).all()
    if params.head_start == 0 or params.pooled:
        assert (frame["share_incumbent"] == frame["share_entrant"]).all()


@SWEEP
@given(params=duopolies(), factor=st.floats(1.0, 10.0))
def test_competition_lead_monotone_in_beta(params: competition.Params, factor: float) -> None:
    low = competition.simulate(params)["share_incumbent"].to_numpy()
    high_params = replace(params, beta=min(params.beta * factor, 1000.0))
    high = competition.simulate(high_params)["share_incumbent"].to_numpy()
    assert (high >= low - 1e-12).all()


@st.composite
def recommenders(draw: st.DrawFn) -> popularity.Params:
    n = draw(st.integers(2, 300))
    return popularity.Params(
        n_items=n,
        k=draw(st.integers(1, n - 1)),
        users_per_step=draw(st.integers(1, 500)),
        steps=draw(st.integers(1, 40)),
        policy=draw(st.sampled_from(popularity.POLICIES)),
        epsilon=draw(st.floats(0.0, 1.0)),
        warmup=draw(st.integers(0, 15)),
        appeal_a=draw(st.floats(0.05, 50.0)),
        appeal_b=draw(st.floats(0.05, 50.0)),
        runs=draw(st.integers(1, 4)),
    )


@SWEEP
@given(params=recommenders(), seed=st.integers(0, 2**32 - 1))
def test_popularity_finite_and_bounded(params: popularity.Params, seed: int) -> None:
    frame = popularity.simulate(params, seed=seed)
    assert_finite(frame)
    assert len(frame) == params.steps + 1
    assert frame["gini"].between(0, 1).all()
    assert frame["coverage"].between(0, 1).all()
    pd.testing.assert_frame_equal(frame, popularity.simulate(params, seed=seed))


# Invalid values per model: (field, value). Each must raise ValueError naming the field.
NOT_NUMBERS = [math.nan, math.inf, -math.inf, "1", None]
INVALID: dict[str, list[tuple[str, Any]]] = {
    "learning_curve": [
        ("alpha", 0.0),
        ("alpha", -0.1),
        ("alpha", 2.5),
        ("a", 0.0),
        ("a", 1.5),
        ("c", -0.1),
        ("c", 1.0),
        ("d_scale", 0.0),
        ("form", "linear"),
        ("d_min", 0.0),
        ("d_max", 0.5),
        ("points", 1),
        ("points", 2.5),
        ("points", True),
    ],
    "flywheel": [
        ("market", 0.0),
        ("p", -0.01),
        ("p", 1.5),
        ("w", -1.0),
        ("w", 11.0),
        ("kappa", 1.1),
        ("kappa", -0.1),
        ("users0", -1.0),
        ("users0", 2.0),
        ("data0", -1.0),
        ("horizon", 0.0),
        ("dt", 0.0),
        ("dt", 100.0),
        ("alpha", 0.0),
        ("feedback", "yes"),
        ("form", "exp"),
        ("data_per_user", -1.0),
    ],
    "competition": [
        ("head_start", -1),
        ("head_start", 2.0),
        ("beta", -1.0),
        ("delta", 1.0),
        ("delta", -0.1),
        ("pooled", 1),
        ("periods", 0),
        ("market", -1.0),
        ("form", "power"),
    ],
    "popularity": [
        ("n_items", 1),
        ("k", 0),
        ("k", 200),
        ("users_per_step", 0),
        ("steps", 0),
        ("policy", "best"),
        ("epsilon", 1.5),
        ("warmup", -1),
        ("appeal_a", 0.0),
        ("appeal_b", -1.0),
        ("runs", 0),
    ],
    "privacy": [("kappa", 1.5), ("kappa", -0.5), ("alpha", 3.0)],
}
CASES = [(m, f, v) for m, items in INVALID.items() for f, v in items] + [
    (m, f.name, v)
    for m, model in MODELS.items()
    for f in fields(model.params)
    if isinstance(getattr(model.params(), f.name), float)
    for v in NOT_NUMBERS
]


@SWEEP
@given(case=st.sampled_from(CASES))
def test_invalid_parameters_rejected_with_a_clear_message(case: tuple[str, str, Any]) -> None:
    model_name, field, value = case
    with pytest.raises(ValueError) as info:
        MODELS[model_name].params(**{field: value})
    message = str(info.value)
    assert field in message
    assert "\n" not in message
    assert any(word in message for word in ("must", "in [", "in (", "one of"))


def test_every_invalid_case_is_rejected() -> None:
    # The sweep samples; this walks the whole list once so no case is left untested.
    for model_name, field, value in CASES:
        with pytest.raises(ValueError, match=field):
            MODELS[model_name].params(**{field: value})


def test_cross_field_constraints_name_both_parameters() -> None:
    with pytest.raises(ValueError, match=r"a \+ c"):
        lc.Params(a=0.8, c=0.5)
    with pytest.raises(ValueError, match=r"dt \* \(p \+ w\)"):
        flywheel.Params(w=5.0, dt=1.0)
    with pytest.raises(ValueError, match="data0 must be >="):
        flywheel.Params(form="power", data0=0.0)
