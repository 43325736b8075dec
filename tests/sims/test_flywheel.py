"""The reinforcing loop: bounds, feedback vs baseline, extreme conditions, Euler accuracy."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from flywheel_sims import flywheel
from flywheel_sims import learning_curve as lc


def test_columns_and_time_grid() -> None:
    p = flywheel.Params(horizon=10.0, dt=0.5)
    frame = flywheel.simulate(p)
    assert {"t", "users", "data", "error", "quality"} <= set(frame.columns)
    assert len(frame) == 21
    np.testing.assert_allclose(frame["t"], np.arange(21) * 0.5)


@pytest.mark.parametrize(
    "params",
    [
        flywheel.Params(),
        flywheel.Params(market=1000.0, users0=10.0, w=2.0, dt=0.4),
        flywheel.Params(p=0.9, w=0.1, dt=1.0),
        flywheel.Params(form="power", data0=1e-3, alpha=1.0),
    ],
)
def test_users_stay_within_market_and_error_above_floor(params: flywheel.Params) -> None:
    frame = flywheel.simulate(params)
    assert (frame["users"] >= 0).all() and (frame["users"] <= params.market).all()
    assert (np.diff(frame["users"]) >= 0).all()
    assert (np.diff(frame["data"]) >= 0).all()
    assert (frame["error"] > params.c).all()
    assert frame["quality"].between(0, 1).all()


@pytest.mark.parametrize("alpha", [0.07, 0.3, 0.8])
@pytest.mark.parametrize("p", [0.0, 0.03, 0.2])
def test_feedback_never_below_the_frozen_quality_baseline(alpha: float, p: float) -> None:
    params = flywheel.Params(alpha=alpha, p=p, users0=0.01)
    with_loop = flywheel.simulate(params)
    baseline = flywheel.simulate(replace(params, feedback=False))
    assert (with_loop["users"].to_numpy() >= baseline["users"].to_numpy()).all()
    assert (with_loop["quality"].to_numpy() >= baseline["quality"].to_numpy()).all()
    # The baseline's quality really is frozen at the starting value.
    assert baseline["quality"].nunique() == 1
    assert baseline["quality"].iloc[0] == with_loop["quality"].iloc[0]
    # And the loop adds something once there are users.
    assert with_loop["users"].iloc[-1] > baseline["users"].iloc[-1]


def test_extreme_condition_no_users_no_innovation_nothing_happens() -> None:
    params = flywheel.Params(users0=0.0, p=0.0, data0=3.0)
    frame = flywheel.simulate(params)
    assert (frame["users"] == 0).all()
    assert (frame["adoptions"] == 0).all()
    assert (frame["data"] == 3.0).all()
    assert frame["error"].nunique() == 1


def _max_error_vs_logistic(dt: float) -> float:
    params = flywheel.Params(p=0.0, w=0.8, users0=0.01, horizon=20.0, dt=dt, feedback=False)
    frame = flywheel.simulate(params)
    q = float(frame["quality"].iloc[0])
    exact = flywheel.logistic(frame["t"].to_numpy(), params, q)
    return float(np.abs(frame["users"].to_numpy() - exact).max())


def test_euler_converges_to_the_closed_form_logistic() -> None:
    dts = [0.4, 0.2, 0.1, 0.05, 0.025]
    errors = [_max_error_vs_logistic(dt) for dt in dts]
    assert all(a > b for a, b in zip(errors, errors[1:], strict=False))
    # Euler is first order: halving dt roughly halves the error.
    ratios = [a / b for a, b in zip(errors, errors[1:], strict=False)]
    assert all(1.6 < r < 2.4 for r in ratios), ratios
    assert errors[-1] < errors[0] / 12  # 16x smaller step


def test_euler_converges_to_the_closed_form_bass_curve() -> None:
    errors = []
    for dt in [0.5, 0.25, 0.125, 0.0625]:
        params = flywheel.Params(horizon=30.0, dt=dt, feedback=False)
        frame = flywheel.simulate(params)
        q = float(frame["quality"].iloc[0])
        exact = flywheel.bass(frame["t"].to_numpy(), params, q)
        errors.append(float(np.abs(frame["users"].to_numpy() - exact).max()))
    assert all(a > b for a, b in zip(errors, errors[1:], strict=False))
    assert errors[-1] < errors[0] / 6


def test_adoptions_accelerate_while_below_half_the_market() -> None:
    params = flywheel.Params(p=0.0, users0=0.001, feedback=False, horizon=60.0)
    frame = flywheel.simulate(params)
    below = frame[frame["users"] < params.market / 2]
    assert len(below) > 10
    assert (np.diff(below["adoptions"]) > 0).all()
    above = frame[frame["users"] > params.market / 2]
    assert (np.diff(above["adoptions"]) < 0).all()


def test_quality_is_the_learning_curve_at_the_data_stock() -> None:
    params = flywheel.Params()
    frame = flywheel.simulate(params)
    np.testing.assert_allclose(frame["error"], lc.error(frame["data"], params.curve()))


def test_lower_capture_rate_never_helps() -> None:
    runs = [flywheel.simulate(flywheel.Params(kappa=k)) for k in (1.0, 0.875, 0.5, 0.0)]
    for hi, lo in zip(runs, runs[1:], strict=False):
        assert (lo["users"].to_numpy() <= hi["users"].to_numpy()).all()
        assert (lo["quality"].to_numpy() <= hi["quality"].to_numpy()).all()
    # kappa = 0 collects nothing: quality stays where it started.
    assert runs[-1]["quality"].nunique() == 1


def test_same_seed_same_frame() -> None:
    pd.testing.assert_frame_equal(flywheel.simulate(seed=3), flywheel.simulate(seed=3))


def test_closed_forms_reject_the_wrong_setting() -> None:
    with pytest.raises(ValueError, match="p = 0"):
        flywheel.logistic(np.zeros(1), flywheel.Params(), 0.5)
    with pytest.raises(ValueError, match="users0 = 0"):
        flywheel.bass(np.zeros(1), flywheel.Params(users0=0.1), 0.5)
