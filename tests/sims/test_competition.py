"""The moat: symmetry, head-start lead, and when the lead grows or fades."""

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from flywheel_sims import competition


def test_shares_are_probabilities_that_sum_to_one() -> None:
    frame = competition.simulate()
    for col in ("share_incumbent", "share_entrant"):
        assert frame[col].between(0, 1).all()
    np.testing.assert_allclose(frame["share_incumbent"] + frame["share_entrant"], 1.0)
    assert {"t", "share_incumbent", "quality_incumbent", "quality_entrant"} <= set(frame.columns)
    assert len(frame) == competition.Params().periods


@pytest.mark.parametrize("beta", [0.0, 8.0, 50.0])
@pytest.mark.parametrize("delta", [0.0, 0.2])
def test_no_head_start_means_exactly_equal_shares(beta: float, delta: float) -> None:
    frame = competition.simulate(competition.Params(head_start=0, beta=beta, delta=delta))
    assert (frame["share_incumbent"] == 0.5).all()
    assert (frame["share_incumbent"] == frame["share_entrant"]).all()
    assert (frame["quality_incumbent"] == frame["quality_entrant"]).all()


@pytest.mark.parametrize("head_start", [1, 5, 30])
def test_pooled_data_means_equal_shares_despite_a_head_start(head_start: int) -> None:
    params = competition.Params(head_start=head_start, pooled=True, beta=50.0)
    frame = competition.simulate(params)
    assert (frame["share_incumbent"] == 0.5).all()
    assert (frame["quality_incumbent"] == frame["quality_entrant"]).all()


@pytest.mark.parametrize("head_start", [1, 5, 20])
def test_a_head_start_gives_the_incumbent_the_lead(head_start: int) -> None:
    frame = competition.simulate(competition.Params(head_start=head_start))
    assert frame["share_incumbent"].iloc[0] > 0.5
    assert (frame["share_incumbent"] >= frame["share_entrant"]).all()
    assert (frame["quality_incumbent"] >= frame["quality_entrant"]).all()


def test_longer_head_start_bigger_initial_lead() -> None:
    leads = [
        competition.simulate(competition.Params(head_start=k))["lead"].iloc[0]
        for k in (0, 1, 2, 5, 10)
    ]
    assert all(a < b for a, b in zip(leads, leads[1:], strict=False))


def test_lead_grows_with_customers_sensitivity_to_quality() -> None:
    shares = [
        competition.simulate(competition.Params(beta=b))["share_incumbent"].to_numpy()
        for b in (1.0, 4.0, 8.0, 12.0, 20.0)
    ]
    for low, high in zip(shares, shares[1:], strict=False):
        assert (high >= low).all()
        assert high.mean() > low.mean()


def test_lead_fades_over_time_in_the_catching_up_regime() -> None:
    frame = competition.simulate(competition.Params(beta=8.0, periods=200))
    lead = frame["lead"].to_numpy()
    assert lead[-1] < lead[0] / 5
    assert (np.diff(lead[5:]) < 0).all()


def test_lead_fades_faster_when_data_goes_stale() -> None:
    base = competition.Params(beta=8.0, head_start=5)
    leads = [
        competition.simulate(replace(base, delta=d))["lead"].to_numpy() for d in (0.0, 0.05, 0.2)
    ]
    for fresh, stale in zip(leads, leads[1:], strict=False):
        assert stale[-1] < fresh[-1]
        assert stale[10:].mean() < fresh[10:].mean()


def test_lead_fades_faster_when_the_learning_curve_saturates_early() -> None:
    # d_scale 100x smaller: the same share of the reducible error is gone with 100x less data.
    slow = competition.simulate(competition.Params(beta=8.0, d_scale=0.1))["lead"]
    early = competition.simulate(competition.Params(beta=8.0, d_scale=0.001))["lead"]
    assert early.iloc[-1] < slow.iloc[-1]
    assert early.iloc[10:].mean() < slow.iloc[10:].mean() / 2


def test_high_sensitivity_tips_the_market() -> None:
    # The other regime: customers who care a lot about quality hand the incumbent the market.
    frame = competition.simulate(competition.Params(beta=20.0, head_start=5))
    assert (frame["share_entrant"] < 0.01).all()


def test_same_seed_same_frame() -> None:
    pd.testing.assert_frame_equal(competition.simulate(seed=1), competition.simulate(seed=1))
