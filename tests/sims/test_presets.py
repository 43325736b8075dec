"""Presets for the entry's examples: sources, assumptions and the 10x-data property."""

import numpy as np
import pytest

from flywheel_sims import flywheel, presets
from flywheel_sims import learning_curve as lc

EXAMPLES = ("search", "recommendations", "voice", "autocomplete", "moderation")


def test_every_example_has_a_preset_with_a_source() -> None:
    assert set(EXAMPLES) <= set(presets.PRESETS)
    for preset in presets.PRESETS.values():
        assert preset.source
        assert isinstance(preset.params, flywheel.Params)


def test_unpublished_exponents_are_marked_assumed() -> None:
    published = {"voice": 0.299, "autocomplete": 0.095}
    for name, preset in presets.PRESETS.items():
        if name in published:
            assert preset.params.alpha == published[name]
            assert "alpha" not in preset.assumed
        else:
            assert "alpha" in preset.assumed


@pytest.mark.parametrize("name", EXAMPLES)
def test_ten_times_the_data_leaves_ten_to_minus_alpha_of_reducible_error(name: str) -> None:
    params = presets.get(name)
    curve = lc.Params(**{**params.curve().__dict__, "form": "power"})
    d = np.geomspace(1.0, 1e6, 20)
    ratio = lc.reducible_error(10 * d, curve) / lc.reducible_error(d, curve)
    np.testing.assert_allclose(ratio, 10 ** (-params.alpha), rtol=1e-12)


def test_simulate_all_runs_every_preset_and_the_loop_helps_each() -> None:
    frame = presets.simulate_all()
    assert set(frame["preset"]) == set(presets.PRESETS)
    for _, run in frame.groupby("preset"):
        assert run["quality"].iloc[-1] > run["quality"].iloc[0]
        assert run["users"].between(0, 1).all()


def test_get_applies_overrides_and_rejects_unknown_names() -> None:
    assert presets.get("voice", kappa=0.5).kappa == 0.5
    with pytest.raises(KeyError, match="search"):
        presets.get("nope")
    with pytest.raises(ValueError, match="unknown parameters"):
        presets.Preset("x", "X", flywheel.Params(), "src", ("nonsense",))
