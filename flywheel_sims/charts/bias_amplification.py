"""Bias amplification: how unequal exposure becomes under three ranking policies

Inequality of exposure across a simulated catalogue of 200 items, measured by the Gini
coefficient (0: every item shown equally often; near 1: a few items get all the exposure), for
a recommender that shows 10 items per step. Ranking by past popularity locks in the items
that collected clicks early, so exposure becomes steadily more unequal and most of the
catalogue is never shown again. Giving 10% of the slots to randomly chosen items (exploration)
keeps it lower, and showing items at random makes exposure ever more equal. All three start
from the same cold start; each line is the mean of 8 runs. Mansoury et al. (2020) report the
same pattern for recommenders retrained on their own feedback; the catalogue and its appeal
are assumed.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from flywheel_sims import popularity
from flywheel_sims.charts._style import figure, hover_points, rounded, series, thin

LABELS = {
    "popularity": "by popularity",
    "explore": "by popularity, 10% exploration",
    "random": "at random",
}


def data() -> pd.DataFrame:
    """Every policy every second step: policy, t, gini, coverage, ctr."""
    frames = [
        thin(popularity.simulate(popularity.Params(policy=policy)), 2).assign(policy=label)
        for policy, label in LABELS.items()
    ]
    frame = pd.concat(frames, ignore_index=True)
    return rounded(frame[["policy", "t", "gini", "coverage", "ctr"]], 4)


def chart() -> alt.LayerChart:
    """Gini of exposure over time, one line per policy."""
    color, dash = series("policy", list(LABELS.values()), title="Ranking")
    base = alt.Chart(data()).encode(
        x=alt.X("t:Q", title="Steps after cold start", scale=alt.Scale(nice=False)),
        y=alt.Y("gini:Q", title="Gini of exposure", scale=alt.Scale(domain=[0, 1])),
        color=color,
    )
    lines = base.mark_line(strokeWidth=2.5).encode(strokeDash=dash)
    points = hover_points(
        base,
        [
            alt.Tooltip("policy:N", title="Ranking"),
            alt.Tooltip("t:Q", title="Step"),
            alt.Tooltip("gini:Q", title="Gini", format=".3f"),
            alt.Tooltip("coverage:Q", title="Items ever shown", format=".0%"),
            alt.Tooltip("ctr:Q", title="Clicks per impression", format=".3f"),
        ],
        size=45,
    )
    return figure(lines, points)
