"""Named parameter sets of the loop for the Data Flywheel entry's examples.

Each preset is :class:`flywheel_sims.flywheel.Params` with its own learning curve and data
rate. Only some exponents are published; every other value is listed in ``assumed``. The
adoption coefficients are the Bass averages of Sultan, Farley & Lehmann (1990) throughout, so
the presets differ only in how data turns into quality.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

import pandas as pd

from flywheel_sims import flywheel


@dataclass(frozen=True)
class Preset:
    """A named flywheel configuration with its sources and the values that are assumed."""

    name: str
    title: str
    params: flywheel.Params
    source: str
    assumed: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        names = {f.name for f in fields(flywheel.Params)}
        unknown = [a for a in self.assumed if a not in names]
        if unknown:
            raise ValueError(f"assumed names unknown parameters: {', '.join(unknown)}")


def _loop(**overrides: Any) -> flywheel.Params:
    return replace(flywheel.Params(), **overrides)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "search",
            "Search ranking from click logs",
            _loop(alpha=0.15, data_per_user=5.0, c=0.10),
            "Schaefer, Sapi & Lorincz 2018 (DIW DP 1730): result quality rises with the number "
            "of past searches, with diminishing returns; Yoganarasimhan (Yandex personalised "
            "search). No exponent is published, so alpha is assumed.",
            ("alpha", "data_per_user", "c"),
        ),
        Preset(
            "recommendations",
            "Recommendations from viewing and rating data",
            _loop(alpha=0.2, data_per_user=3.0, c=0.10),
            "No published learning-curve exponent for this use; all values assumed.",
            ("alpha", "data_per_user", "c"),
        ),
        Preset(
            "voice",
            "Voice assistant speech recognition",
            _loop(alpha=0.299, data_per_user=1.0, c=0.05),
            "Hestness et al. 2017: speech recognition (DeepSpeech 2) exponent 0.299.",
            ("data_per_user", "c"),
        ),
        Preset(
            "autocomplete",
            "Autocomplete from typed text",
            _loop(alpha=0.095, data_per_user=10.0, c=0.05),
            "Kaplan et al. 2020: language-model loss vs data exponent 0.095 (Hestness et al. "
            "2017 report 0.06-0.09).",
            ("data_per_user", "c"),
        ),
        Preset(
            "moderation",
            "Content moderation from flagged examples",
            _loop(alpha=0.25, data_per_user=0.2, c=0.10),
            "Kirk, Vidgen & Hale 2022: active learning reaches full-data performance with a "
            "fraction of the labels; no fitted exponent, so alpha is assumed. Flags are rare, "
            "hence little data per user (assumed).",
            ("alpha", "data_per_user", "c"),
        ),
    )
}


def get(name: str, **overrides: Any) -> flywheel.Params:
    """Return the parameters of preset ``name`` with any overrides applied."""
    if name not in PRESETS:
        raise KeyError(f"unknown preset {name!r}; valid: {', '.join(PRESETS)}")
    return replace(PRESETS[name].params, **overrides)


def simulate_all(*, seed: int = 0) -> pd.DataFrame:
    """Run every preset and stack the results, with a ``preset`` column naming each."""
    frames = [
        flywheel.simulate(p.params, seed=seed).assign(preset=name) for name, p in PRESETS.items()
    ]
    return pd.concat(frames, ignore_index=True)
