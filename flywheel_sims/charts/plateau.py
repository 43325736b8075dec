"""The plateau: each extra unit of data helps less

Model error against the amount of training data (logarithmic scale) for a power-law learning
curve with an irreducible floor, with a slider for the exponent α. Published exponents range
from about 0.07 (language models) to 0.49 (image classification, top-5) (Hestness et al.,
2017; Kaplan et al., 2020). Halving the reducible error takes 2^(1/α) times the data: about
10 times at α = 0.3 and about 1,500 times at α = 0.095. Whatever the exponent, the curve
flattens toward the floor (the dashed line), where more data no longer helps. Faint lines
show the other exponents; the error with no data, the floor and the data scale are assumed.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from flywheel_sims import learning_curve
from flywheel_sims.charts._style import (
    HEIGHT,
    REFERENCE_COLOR,
    WIDTH,
    matches,
    rounded,
    slider,
)

ALPHAS = np.round(np.arange(0.05, 0.501, 0.05), 2)
DEFAULT_ALPHA = 0.3
BASE = learning_curve.Params(d_min=1.0, d_max=1e9, points=73)  # 8 per decade


def data() -> pd.DataFrame:
    """The curve at every exponent: alpha, data, error, local slope, halving multiple."""
    frames = [
        learning_curve.simulate(
            learning_curve.Params(**{**BASE.__dict__, "alpha": float(a)})
        ).assign(alpha=float(a), halving=learning_curve.data_multiple(0.5, float(a)))
        for a in ALPHAS
    ]
    frame = pd.concat(frames, ignore_index=True)
    return rounded(frame[["alpha", "data", "error", "local_slope", "halving"]], 5)


def chart() -> alt.LayerChart:
    """Error vs data: the selected exponent in bold over faint lines for the others."""
    alpha = slider(
        "alpha",
        "Exponent α ",
        min=float(ALPHAS[0]),
        max=float(ALPHAS[-1]),
        step=0.05,
        value=DEFAULT_ALPHA,
    )
    x = alt.X(
        "data:Q",
        title="Training data (units, log scale)",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(values=[10.0**e for e in range(10)], format="~s"),
    )
    y = alt.Y("error:Q", title="Error", scale=alt.Scale(domain=[0, BASE.a + BASE.c]))
    base = alt.Chart(data()).encode(x=x, y=y)
    others = base.mark_line(strokeWidth=1, opacity=0.25).encode(detail="alpha:N")
    selected = (
        base.transform_filter(matches("alpha", alpha))
        .mark_line(strokeWidth=3, point=alt.OverlayMarkDef(size=14, filled=True))
        .encode(
            tooltip=[
                alt.Tooltip("alpha:Q", title="Exponent α"),
                alt.Tooltip("data:Q", title="Data", format=",.3~s"),
                alt.Tooltip("error:Q", title="Error", format=".4f"),
                alt.Tooltip("local_slope:Q", title="Log–log slope", format=".3f"),
                alt.Tooltip("halving:Q", title="Data × to halve reducible error", format=",.0f"),
            ]
        )
    )
    floor = (
        alt.Chart(pd.DataFrame({"error": [BASE.c], "label": ["irreducible error (floor)"]}))
        .mark_rule(color=REFERENCE_COLOR, strokeDash=[4, 4])
        .encode(y="error:Q", tooltip=[alt.Tooltip("label:N", title=None), "error:Q"])
    )
    return alt.LayerChart(layer=[others, selected, floor], width=WIDTH, height=HEIGHT).add_params(
        alpha
    )
