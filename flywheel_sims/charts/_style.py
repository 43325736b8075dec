"""Shared sizes and helpers for the chart modules (no colours: the site's theme sets them)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

WIDTH = 560
HEIGHT = 300
# Reference lines: a mid grey reads on both Material palettes (the default rule is black).
REFERENCE_COLOR = "#888888"


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


def hover_points(base: alt.Chart, tooltip: list[alt.Tooltip], *, size: int = 45) -> alt.Chart:
    """Points on ``base``'s lines that appear at the step nearest the pointer, with a tooltip.

    Hovering anywhere over the chart selects the nearest ``t``; the points there turn opaque
    and carry the tooltip, so readers need not aim at a thin line.
    """
    hover = alt.selection_point(
        name="hover",
        on="pointerover",
        nearest=True,
        fields=["t"],
        empty=False,
        clear="pointerout",
    )
    return (
        base.mark_point(filled=True, size=size)
        .encode(opacity=alt.condition(hover, alt.value(1.0), alt.value(0.0)), tooltip=tooltip)
        .add_params(hover)
    )
