"""Learning curve: power law with a floor, exact slope, plateau, presets."""

from dataclasses import replace

import numpy as np
import pytest

from flywheel_sims import learning_curve as lc

DATA = np.geomspace(1e-2, 1e12, 300)


def fd_slope(d: np.ndarray, e: np.ndarray) -> np.ndarray:
    return np.diff(np.log(e)) / np.diff(np.log(d))


@pytest.mark.parametrize("form", lc.FORMS)
def test_error_stays_above_floor_and_falls(form: str) -> None:
    p = lc.Params(form=form, alpha=0.3, a=0.5, c=0.05)
    e = lc.error(DATA, p)
    assert (e > p.c).all()
    assert (np.diff(e) < 0).all()
    if form == "saturating":
        assert lc.error(0.0, p) == pytest.approx(p.a + p.c)
        assert (e <= p.a + p.c).all()


@pytest.mark.parametrize("alpha", [0.07, 0.095, 0.128, 0.299, 0.309, 0.488, 1.0])
def test_log_log_slope_is_exactly_minus_alpha_without_floor(alpha: float) -> None:
    p = lc.Params(form="power", alpha=alpha, a=0.8, c=0.0)
    e = lc.error(DATA, p)
    # Measured from the numbers, not from the formula: finite differences of log error.
    np.testing.assert_allclose(fd_slope(DATA, e), -alpha, rtol=1e-9)
    np.testing.assert_allclose(lc.local_slope(DATA, p), -alpha, rtol=1e-12)


def test_saturating_form_reaches_slope_minus_alpha_in_power_law_region() -> None:
    p = lc.Params(alpha=0.3, a=0.5, c=0.0, d_scale=1.0)
    e = lc.error(DATA, p)
    # Exact against log(1 + D / d_scale) ...
    np.testing.assert_allclose(
        np.diff(np.log(e)) / np.diff(np.log1p(DATA / p.d_scale)), -p.alpha, rtol=1e-9
    )
    # ... and against log D once D >> d_scale, but not in the small-data region.
    slope = fd_slope(DATA, e)
    mid = np.sqrt(DATA[1:] * DATA[:-1])
    assert np.abs(slope[mid > 1e4] + p.alpha).max() < 1e-3
    assert np.abs(slope[mid < 1e-1]).max() < 0.1 * p.alpha


@pytest.mark.parametrize("form", lc.FORMS)
def test_local_slope_matches_finite_differences(form: str) -> None:
    p = lc.Params(form=form, alpha=0.3, a=0.5, c=0.05)
    d = np.geomspace(1e-1, 1e10, 2001)
    slope = fd_slope(d, lc.error(d, p))
    mid = np.sqrt(d[1:] * d[:-1])
    np.testing.assert_allclose(slope, lc.local_slope(mid, p), rtol=1e-4, atol=1e-8)


@pytest.mark.parametrize("form", lc.FORMS)
def test_marginal_gain_is_minus_derivative_and_shrinks(form: str) -> None:
    p = lc.Params(form=form, alpha=0.3, a=0.5, c=0.05)
    d = np.geomspace(1e-1, 1e10, 2001)
    e = lc.error(d, p)
    mid = np.sqrt(d[1:] * d[:-1])
    np.testing.assert_allclose(-np.diff(e) / np.diff(d), lc.marginal_gain(mid, p), rtol=1e-4)
    gain = lc.marginal_gain(d, p)
    assert (gain > 0).all() and (np.diff(gain) < 0).all()


def test_plateau_local_slope_tends_to_zero_with_a_floor() -> None:
    p = lc.Params(alpha=0.3, a=0.5, c=0.05, d_min=1.0, d_max=1e15, points=301)
    frame = lc.simulate(p)
    slope = frame["local_slope"].to_numpy()
    steepest = int(np.argmin(slope))
    # Past its steepest point the curve flattens monotonically toward 0.
    assert (np.diff(slope[steepest:]) > 0).all()
    assert abs(slope[-1]) < abs(slope[steepest]) / 20
    # And the last decade of data buys almost nothing compared with the first.
    err = frame["error"].to_numpy()
    assert (err[-21] - err[-1]) < (err[0] - err[20]) / 100


@pytest.mark.parametrize("alpha", [0.095, 0.3, 0.5])
def test_ten_times_data_leaves_ten_to_minus_alpha_of_reducible_error(alpha: float) -> None:
    power = lc.Params(form="power", alpha=alpha, c=0.05)
    d = np.geomspace(1.0, 1e6, 50)
    ratio = lc.reducible_error(10 * d, power) / lc.reducible_error(d, power)
    np.testing.assert_allclose(ratio, 10 ** (-alpha), rtol=1e-12)
    saturating = replace(power, form="saturating", a=0.5)
    big = np.geomspace(1e6, 1e9, 10)
    ratio = lc.reducible_error(10 * big, saturating) / lc.reducible_error(big, saturating)
    np.testing.assert_allclose(ratio, 10 ** (-alpha), rtol=1e-5)


def test_halving_needs_two_to_one_over_alpha_times_data() -> None:
    assert lc.data_multiple(0.5, 0.3) == pytest.approx(2 ** (1 / 0.3))
    assert 9 < lc.data_multiple(0.5, 0.3) < 11  # "about 10x"
    assert 1400 < lc.data_multiple(0.5, 0.095) < 1600  # "about 1,500x"
    p = lc.Params(form="power", alpha=0.3, c=0.0)
    d = 7.0
    assert lc.error(d * lc.data_multiple(0.5, 0.3), p) == pytest.approx(lc.error(d, p) / 2)


@pytest.mark.parametrize("form", lc.FORMS)
def test_data_for_error_inverts_error(form: str) -> None:
    p = lc.Params(form=form, alpha=0.2, a=0.5, c=0.05)
    d = np.geomspace(1e-1, 1e8, 40)
    np.testing.assert_allclose(lc.data_for_error(lc.error(d, p), p), d, rtol=1e-8)
    with pytest.raises(ValueError, match="floor"):
        lc.data_for_error(0.05, p)


def test_presets_carry_the_published_exponents() -> None:
    expected = {
        "translation": 0.128,
        "image": 0.309,
        "image_top5": 0.488,
        "speech": 0.299,
        "kaplan": 0.095,
    }
    for name, alpha in expected.items():
        assert lc.PRESETS[name].alpha == alpha
        assert lc.preset(name).alpha == alpha
    assert 0.06 <= lc.PRESETS["language"].alpha <= 0.09
    assert all(p.source for p in lc.PRESETS.values())
    assert lc.preset("speech", c=0.1).c == 0.1
    with pytest.raises(KeyError, match="translation"):
        lc.preset("nope")


def test_simulate_columns_and_domain_errors() -> None:
    frame = lc.simulate()
    assert list(frame.columns) == [
        "step",
        "data",
        "error",
        "reducible_error",
        "quality",
        "marginal_gain",
        "local_slope",
    ]
    assert len(frame) == lc.Params().points
    with pytest.raises(ValueError, match="data must be >= 0"):
        lc.error(-1.0)
    with pytest.raises(ValueError, match="form='power'"):
        lc.error(0.0, lc.Params(form="power"))
