"""Shared sizes, text sizes and helpers for the chart modules (no colours: the theme sets them).

Sizes are chosen for phones as much as for desktops. The static SVG (shown at once, and kept
when JavaScript is off) is an image that shrinks with the column: at 390 px the column is
about 358 px wide, so a chart about 430 px wide with 14 px text still shows its smallest
text at about 11.5 px. The interactive chart fills its container instead (``charts.js``), so
its text keeps these sizes at any width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

WIDTH = 340
HEIGHT = 240
# Text sizes in px; 14 px in a 430 px wide image is still ≥ 11 px when shown 358 px wide.
LABEL_SIZE = 14
TITLE_SIZE = 14
# Legend entries sit right of the y axis: 13 px keeps the longest on a 358 px wide phone.
LEGEND_SIZE = 13
# Reference lines: a mid grey reads on both Material palettes (the default rule is black).
REFERENCE_COLOR = "#888888"
# Legend entries wrap below the chart: long labels are cut (with …) at this width.
LEGEND_LABEL_LIMIT = 285


def slider(
    name: str, label: str, *, min: float, max: float, step: float, value: float
) -> alt.Parameter:
    """Return a parameter bound to a range input (the slider under the chart)."""
    return alt.param(
        name=name,
        value=value,
        bind=alt.binding_range(min=min, max=max, step=step, name=label),
    )


def matches(field: str, param: alt.Parameter, tolerance: float = 1e-6) -> str:
    """Return a filter expression: ``datum[field]`` equals the parameter's current value.

    A tolerance, not ``==``, because slider values and data values are both decimals that
    need not round-trip exactly through binary floating point.
    """
    return f"abs(datum['{field}'] - {param.name}) < {tolerance}"


def thin(frame: pd.DataFrame, every: int) -> pd.DataFrame:
    """Keep every ``every``-th row and the last one (smaller inline data, same curve)."""
    keep = frame.iloc[::every]
    if keep.index[-1] != frame.index[-1]:
        keep = pd.concat([keep, frame.iloc[[-1]]])
    return keep.reset_index(drop=True)


def rounded(frame: pd.DataFrame, digits: int = 5) -> pd.DataFrame:
    """Round float columns so the inline JSON stays small."""
    out: dict[str, Any] = {}
    for col in frame.columns:
        s = frame[col]
        out[col] = s.round(digits) if pd.api.types.is_float_dtype(s) else s
    return pd.DataFrame(out)


def legend(**kwargs: Any) -> alt.Legend:
    """The legend every chart uses: below the plot, one entry per line, long labels kept."""
    options: dict[str, Any] = {
        "orient": "bottom",
        "direction": "vertical",
        "labelLimit": LEGEND_LABEL_LIMIT,
    }
    options.update(kwargs)
    return alt.Legend(**options)


# Dash patterns for the series of a chart, in legend order: solid, dashed, dotted,
# dash-dot, dash-dot-dot. Sized for 2.5 px lines (Vega-Lite's defaults look alike there).
DASHES = [[1, 0], [8, 4], [2, 4], [8, 4, 2, 4], [14, 3, 2, 3, 2, 3]]


def series(
    field: str, order: Sequence[str], *, title: str | None = None
) -> tuple[alt.Color, alt.StrokeDash]:
    """The colour and the dash pattern of a nominal series ``field``, with one legend.

    Lines are told apart without colour too: each series has its own dash pattern, and the
    legend draws a line in both. The two share the series' order (``order``, their domain)
    and title, so Vega-Lite merges their legends.
    """
    domain = list(order)
    shown = legend(symbolType="stroke", symbolSize=500, symbolStrokeWidth=2.5)
    color = alt.Color(f"{field}:N", title=title, scale=alt.Scale(domain=domain), legend=shown)
    dash = alt.StrokeDash(
        f"{field}:N",
        title=title,
        scale=alt.Scale(domain=domain, range=DASHES[: len(domain)]),
        legend=shown,
    )
    return color, dash


def nearest_safe(tip: alt.Tooltip) -> alt.Tooltip:
    """``tip``, fixed for the tooltip of a ``nearest`` selection (vega/altair#3926).

    With ``nearest=True`` Vega-Lite draws invisible Voronoi cells over the points and gives
    them the tooltip; for a nominal or ordinal field without a format it reads the value from
    the cell (``datum[field]``) instead of the point under it (``datum.datum[field]``), so the
    series shows as "undefined". An explicit empty format sends the field through the path
    that reads the point; it changes nothing else.
    """
    spec = tip.to_dict()
    if not isinstance(spec, dict):
        return tip
    if spec.get("type") in {"nominal", "ordinal"} and "format" not in spec:
        spec["format"] = ""
        return alt.Tooltip(**spec)
    return tip


def hover_points(
    base: alt.Chart, tooltip: Sequence[alt.Tooltip], *, x: str = "t", size: int = 45
) -> alt.Chart:
    """Points on ``base``'s lines that appear at the ``x`` value nearest the pointer.

    Hovering (or touching) anywhere over the chart selects the nearest point; the points at
    its ``x`` turn opaque and the nearest one carries the tooltip, so readers need not aim at
    a thin line. Every chart's tooltip starts with the series, then x, then y.
    """
    hover = alt.selection_point(
        name="hover",
        on="pointerover",
        nearest=True,
        fields=[x],
        empty=False,
        clear="pointerout",
    )
    return (
        base.mark_point(filled=True, size=size)
        .encode(
            opacity=alt.condition(hover, alt.value(1.0), alt.value(0.0)),
            tooltip=[nearest_safe(t) for t in tooltip],
        )
        .add_params(hover)
    )


def figure(*layers: alt.Chart, params: Sequence[alt.Parameter] = ()) -> alt.LayerChart:
    """The top-level chart: ``layers`` at the shared size, with the shared text sizes."""
    chart = alt.LayerChart(layer=list(layers), width=WIDTH, height=HEIGHT)
    if params:
        chart = chart.add_params(*params)
    return (
        chart.configure_axis(
            labelFontSize=LABEL_SIZE, titleFontSize=TITLE_SIZE, titleFontWeight="normal"
        )
        .configure_legend(labelFontSize=LEGEND_SIZE, titleFontSize=LEGEND_SIZE, symbolSize=120)
        .configure_text(fontSize=LABEL_SIZE)
    )
