"""Privacy limits: the capture rate's effect on error and on the time to a target."""

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flywheel_sims import flywheel, privacy
from flywheel_sims import learning_curve as lc


def test_default_capture_rate_is_the_gdpr_estimate() -> None:
    assert privacy.Params().kappa == 0.875 == privacy.GDPR_KAPPA
    assert flywheel.Params().kappa == 1.0


@settings(max_examples=40, deadline=None)
@given(
    first=st.floats(1e-6, 1e6),
    rest=st.lists(st.floats(0.0, 1e6), max_size=40),
    kappa=st.floats(0.01, 1.0),
    alpha=st.floats(0.01, 2.0),
)
def test_error_ratio_is_kappa_to_minus_alpha_for_any_inflow_history(
    first: float, rest: list[float], kappa: float, alpha: float
) -> None:
    inflow = [first, *rest]
    curve = lc.Params(form="power", alpha=alpha, a=0.5, c=0.0)
    restricted = privacy.restricted_error(inflow, kappa, curve)
    free = privacy.restricted_error(inflow, 1.0, curve)
    np.testing.assert_allclose(restricted / free, privacy.error_ratio(kappa, alpha), rtol=1e-9)


def test_error_ratio_value_for_gdpr() -> None:
    assert privacy.error_ratio(0.875, 0.3) == pytest.approx(0.875**-0.3)
    assert 1.03 < privacy.error_ratio(0.875, 0.3) < 1.05


@pytest.mark.parametrize("kappa", [0.875, 0.5, 0.1])
@pytest.mark.parametrize("form", lc.FORMS)
def test_time_to_target_scales_by_one_over_kappa_with_constant_inflow(
    kappa: float, form: str
) -> None:
    # A saturated market (users0 = market) gives a constant data inflow.
    base = flywheel.Params(
        users0=1.0, form=form, data0=0.0 if form == "saturating" else 1e-9, c=0.0, horizon=400.0
    )
    target = 0.8
    free = privacy.time_to_target(base, target)
    restricted = privacy.time_to_target(replace(base, kappa=kappa), target)
    assert 0 < free < math.inf
    assert restricted / free == pytest.approx(1 / kappa, rel=1e-6)


def test_time_to_target_in_the_full_loop_rises_with_restriction() -> None:
    times = [privacy.time_to_target(flywheel.Params(kappa=k), 0.85) for k in (1.0, 0.875, 0.5)]
    assert all(a < b for a, b in zip(times, times[1:], strict=False))
    assert times[1] / times[0] > 1.0


def test_time_to_target_edge_cases() -> None:
    p = flywheel.Params()
    assert privacy.time_to_target(p, 0.3) == 0.0  # already met at the start (quality 0.4)
    assert privacy.time_to_target(p, 1 - p.c) == math.inf  # the floor cannot be beaten
    assert privacy.time_to_target(replace(p, horizon=1.0), 0.94) == math.inf
    assert privacy.time_to_target(replace(p, feedback=False), 0.9) == math.inf


def test_restricted_loop_never_ahead_of_unrestricted() -> None:
    frame = privacy.simulate()
    assert (frame["quality"] <= frame["quality_unrestricted"]).all()
    assert (frame["users"] <= frame["users_unrestricted"]).all()
    assert (frame["error_ratio"] >= 1.0).all()


def test_in_the_loop_error_ratio_approaches_kappa_to_minus_alpha_from_restricted_data() -> None:
    # Fixed user history (quality frozen, so users do not react) and no floor: the ratio tends
    # to kappa ** -alpha once the data is far into the power-law region.
    p = privacy.Params(c=0.0, feedback=False, users0=1.0, horizon=200.0)
    frame = privacy.simulate(p)
    restricted = lc.error(frame["data"], p.curve())
    free = lc.error(frame["data_unrestricted"], p.curve())
    ratio = restricted[-1] / free[-1]
    assert ratio == pytest.approx(privacy.error_ratio(p.kappa, p.alpha), rel=1e-4)


def test_bad_inputs_rejected() -> None:
    with pytest.raises(ValueError, match="inflow"):
        privacy.restricted_error([1.0, -1.0], 0.5)
    with pytest.raises(ValueError, match="kappa"):
        privacy.error_ratio(0.0, 0.3)
    with pytest.raises(ValueError, match="target_quality"):
        privacy.time_to_target(flywheel.Params(), 1.5)
    with pytest.raises(ValueError, match="kappa must be in \\[0, 1\\]"):
        privacy.Params(kappa=1.2)
