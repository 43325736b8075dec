"""The plateau: each extra unit of data helps less

Model error against the amount of training data (logarithmic scale) for a power-law learning
curve with an irreducible floor, drawn bold for the exponent α = 0.3. Published exponents range
from about 0.07 (language models) to 0.49 (image classification, top-5) (Hestness et al.,
2017; Kaplan et al., 2020). Halving the reducible error takes 2^(1/α) times the data: about
10 times at α = 0.3 and about 1,500 times at α = 0.095 (Kaplan et al.'s exponent, fitted to
total loss with no floor, so that figure shows how slowly a small exponent pays off rather
than what language models need). Whatever the exponent, the curve
flattens toward the floor (the dashed line), where more data no longer helps. Faint lines
show exponents from 0.05 to 0.5; the error with no data, the floor and the data scale are
assumed.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from flywheel_sims import learning_curve
from flywheel_sims.charts._style import (
    REFERENCE_COLOR,
    figure,
    hover_points,
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
        title="Training data (log scale)",
        scale=alt.Scale(type="log"),
        # Every third decade: four labels fit on a phone.
        axis=alt.Axis(values=[10.0**e for e in range(0, 10, 3)], format="~s"),
    )
    y = alt.Y("error:Q", title="Error", scale=alt.Scale(domain=[0, BASE.a + BASE.c]))
    base = alt.Chart(data()).encode(x=x, y=y)
    others = base.mark_line(strokeWidth=1, opacity=0.25).encode(detail="alpha:N")
    chosen = base.transform_filter(matches("alpha", alpha)).transform_calculate(
        curve="'α = ' + format(datum.alpha, '.2f')"
    )
    selected = chosen.mark_line(strokeWidth=3)
    points = hover_points(
        chosen,
        [
            alt.Tooltip("curve:N", title="Curve"),
            alt.Tooltip("data:Q", title="Data", format=",.3~s"),
            alt.Tooltip("error:Q", title="Error", format=".4f"),
            alt.Tooltip("local_slope:Q", title="Log–log slope", format=".3f"),
            alt.Tooltip("halving:Q", title="Data × to halve reducible error", format=",.0f"),
        ],
        x="data",
    )
    floor = (
        alt.Chart(pd.DataFrame({"error": [BASE.c]}))
        .mark_rule(color=REFERENCE_COLOR, strokeDash=[4, 4])
        .encode(y="error:Q")
    )
    return figure(others, selected, points, floor, params=[alpha])
