"""The flywheel in practice: five products, five learning curves

Product quality over 25 years in the simulated reinforcing loop, for five presets: search,
recommendations, voice assistants, autocomplete and content moderation. They share the same
adoption model and differ in how steeply quality improves with data (the learning-curve
exponent) and in how much data each user produces. Voice uses the published exponent for
speech recognition, 0.299 (Hestness et al., 2017), and autocomplete the one for language
models, 0.095 (Kaplan et al., 2020, who fitted it to a language model's total test loss, not
to the error above a floor that the model here uses, so it is borrowed, not measured); the
exponents for search, recommendations and moderation, and all data rates and error floors,
are assumed. Voice improves most; autocomplete improves
least per unit of data and makes up part of the gap with many signals per user.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from flywheel_sims import flywheel, presets
from flywheel_sims.charts._style import figure, hover_points, rounded, series, thin


def data() -> pd.DataFrame:
    """Every preset every half year: preset, t, quality, users, alpha, data_per_user."""
    frames = []
    for name, preset in presets.PRESETS.items():
        run = thin(flywheel.simulate(preset.params), 5)
        frames.append(
            run[["t", "quality", "users"]].assign(
                preset=preset.title,
                alpha=preset.params.alpha,
                data_per_user=preset.params.data_per_user,
                alpha_source="assumed" if "alpha" in preset.assumed else "published",
                key=name,
            )
        )
    return rounded(pd.concat(frames, ignore_index=True), 4)


def chart() -> alt.LayerChart:
    """Quality over time, one line per preset."""
    color, dash = series("preset", [p.title for p in presets.PRESETS.values()])
    base = alt.Chart(data()).encode(
        x=alt.X("t:Q", title="Years", scale=alt.Scale(nice=False)),
        y=alt.Y("quality:Q", title="Quality (1 − error)", scale=alt.Scale(zero=False)),
        color=color,
    )
    lines = base.mark_line(strokeWidth=2.5).encode(strokeDash=dash)
    points = hover_points(
        base,
        [
            alt.Tooltip("preset:N", title="Example"),
            alt.Tooltip("t:Q", title="Year", format=".1f"),
            alt.Tooltip("quality:Q", title="Quality", format=".3f"),
            alt.Tooltip("users:Q", title="Users", format=".1%"),
            alt.Tooltip("alpha:Q", title="Exponent α"),
            alt.Tooltip("alpha_source:N", title="α is"),
            alt.Tooltip("data_per_user:Q", title="Data per user per year"),
        ],
        size=45,
    )
    return figure(lines, points)
