"""The moat: an entrant against an incumbent with a head start

The incumbent's share of the market after an entrant with no data arrives, in four simulated
markets, for an incumbent with a head start of 5 periods (periods it ran alone). When customers
are very sensitive to quality the market tips: the entrant never wins enough users to gather
the data it would need. When they are less sensitive the incumbent's lead fades, because its
extra data buy less and less quality; it fades faster when the learning curve saturates early
or when data go stale. With no head start the two firms split the market equally. Shares
follow a logit on quality; learning-curve exponent 0.3 (Hestness et al., 2017); the
sensitivities and other scales are assumed.
"""

from __future__ import annotations

from dataclasses import replace

import altair as alt
import pandas as pd

from flywheel_sims import competition
from flywheel_sims.charts._style import (
    REFERENCE_COLOR,
    figure,
    hover_points,
    matches,
    rounded,
    series,
    slider,
)

HEAD_STARTS = range(0, 11)
DEFAULT_HEAD_START = 5
EVERY = 2  # keep every second period: the curves are smooth
# Short keys keep the inline data small; the labels are looked up in the chart.
REGIMES: dict[str, tuple[str, competition.Params]] = {
    "tips": ("Tips: quality-sensitive buyers (β = 20)", competition.Params(beta=20.0)),
    "fades": ("Catches up: less sensitive buyers (β = 8)", competition.Params(beta=8.0)),
    "saturates": (
        "Faster: early saturation (β = 8)",
        competition.Params(beta=8.0, d_scale=0.001),
    ),
    "stale": (
        "Faster: stale data (β = 8, δ = 0.1)",
        competition.Params(beta=8.0, delta=0.1),
    ),
}


def data() -> pd.DataFrame:
    """Every regime at every head start: key, k, t, share and both qualities."""
    frames = []
    for key, (_, params) in REGIMES.items():
        for k in HEAD_STARTS:
            run = competition.simulate(replace(params, head_start=k)).iloc[::EVERY]
            frames.append(
                pd.DataFrame(
                    {
                        "key": key,
                        "k": k,
                        "t": run["t"],
                        "share": run["share_incumbent"],
                        "q_inc": run["quality_incumbent"],
                        "q_ent": run["quality_entrant"],
                    }
                )
            )
    return rounded(pd.concat(frames, ignore_index=True), 3)


def labels() -> pd.DataFrame:
    """Key -> legend label for each regime."""
    return pd.DataFrame({"key": list(REGIMES), "market": [v[0] for v in REGIMES.values()]})


def chart() -> alt.LayerChart:
    """Incumbent share over time per regime, filtered to the head start on the slider."""
    k = slider(
        "head_start",
        "Head start (periods) ",
        min=min(HEAD_STARTS),
        max=max(HEAD_STARTS),
        step=1,
        value=DEFAULT_HEAD_START,
    )
    color, dash = series("market", [v[0] for v in REGIMES.values()])
    base = (
        alt.Chart(data())
        .transform_filter(matches("k", k))
        .transform_lookup(lookup="key", from_=alt.LookupData(labels(), "key", ["market"]))
        .encode(
            x=alt.X("t:Q", title="Periods since entry", scale=alt.Scale(nice=False)),
            y=alt.Y(
                "share:Q",
                title="Incumbent's market share",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0.4, 1.0]),
            ),
            color=color,
        )
    )
    lines = base.mark_line(strokeWidth=2.5).encode(strokeDash=dash)
    points = hover_points(
        base,
        [
            alt.Tooltip("market:N", title="Market"),
            alt.Tooltip("t:Q", title="Period"),
            alt.Tooltip("share:Q", title="Incumbent share", format=".1%"),
            alt.Tooltip("k:Q", title="Head start"),
            alt.Tooltip("q_inc:Q", title="Incumbent quality", format=".3f"),
            alt.Tooltip("q_ent:Q", title="Entrant quality", format=".3f"),
        ],
    )
    even = (
        alt.Chart(pd.DataFrame({"share": [0.5]}))
        .mark_rule(color=REFERENCE_COLOR, strokeDash=[4, 4])
        .encode(y="share:Q")
    )
    return figure(lines, points, even, params=[k])
