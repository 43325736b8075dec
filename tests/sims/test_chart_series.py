"""Every chart's series are told apart without colour (issue 19, point 8).

For every chart spec: a nominal field encoded by colour is also encoded by a dash pattern
or a point shape, or written on the chart as a text label; compiled to Vega, each legend
that shows colour also shows that second encoding; and no two series share a dash pattern.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from flywheel_sims.charts import CHARTS, load_chart
from flywheel_sims.charts._style import series
from glossary_site.charts.build import vl_version

SECOND_CHANNELS = ("strokeDash", "shape")


def views(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, []):
            yield from views(child)


def nominal(encoding: dict[str, Any], channel: str) -> str | None:
    value = encoding.get(channel)
    if isinstance(value, dict) and value.get("type") == "nominal" and value.get("field"):
        return str(value["field"])
    return None


def uncovered_series(spec: dict[str, Any]) -> set[str]:
    """The nominal fields encoded by colour and by nothing but colour."""
    coloured, covered = set(), set()
    for view in views(spec):
        encoding = view.get("encoding", {})
        mark = view.get("mark")
        mark_type = mark.get("type") if isinstance(mark, dict) else mark
        for channel in ("color", "fill", "stroke"):
            if (field := nominal(encoding, channel)) is not None:
                coloured.add(field)
        for channel in SECOND_CHANNELS:
            if (field := nominal(encoding, channel)) is not None:
                covered.add(field)
        if mark_type == "text" and (field := nominal(encoding, "text")) is not None:
            covered.add(field)
    return coloured - covered


def colour_only_legends(spec: dict[str, Any]) -> list[dict[str, Any]]:
    vega = vlc.vegalite_to_vega(spec, vl_version=vl_version())
    return [
        legend
        for legend in vega.get("legends", [])
        if (legend.get("stroke") or legend.get("fill"))
        and not any(legend.get(c) for c in SECOND_CHANNELS)
    ]


def shared_dashes(spec: dict[str, Any]) -> list[str]:
    """Fields whose explicit dash patterns repeat within their series."""
    found = []
    for view in views(spec):
        dash = view.get("encoding", {}).get("strokeDash", {})
        scale = dash.get("scale") or {} if isinstance(dash, dict) else {}
        domain, dashes = scale.get("domain"), scale.get("range")
        if isinstance(domain, list) and isinstance(dashes, list):
            if len({tuple(d) for d in dashes[: len(domain)]}) < len(domain):
                found.append(dash["field"])
    return found


@pytest.mark.parametrize("chart_id", list(CHARTS))
def test_every_series_is_told_apart_without_colour(chart_id: str) -> None:
    spec = load_chart(chart_id).chart().to_dict()
    assert uncovered_series(spec) == set(), f"{chart_id}: series told apart by colour only"
    assert colour_only_legends(spec) == [], f"{chart_id}: a legend shows colour only"
    assert shared_dashes(spec) == [], f"{chart_id}: two series share a dash pattern"


def test_the_multi_line_charts_dash_their_lines() -> None:
    for chart_id in ("examples", "loop", "moat", "privacy", "bias-amplification"):
        spec = load_chart(chart_id).chart().to_dict()
        lines = [v for v in views(spec) if (v.get("mark") or {}).get("type") == "line"]
        assert any(nominal(v.get("encoding", {}), "strokeDash") for v in lines), chart_id


FRAME = pd.DataFrame({"t": [0, 1, 0, 1], "y": [1, 2, 2, 3], "s": ["a", "a", "b", "b"]})


def test_the_checks_catch_a_chart_told_apart_by_colour_only() -> None:
    colour_only = alt.Chart(FRAME).mark_line().encode(x="t:Q", y="y:Q", color="s:N").to_dict()
    assert uncovered_series(colour_only) == {"s"}
    assert colour_only_legends(colour_only)
    color, dash = series("s", ["a", "b"])
    both = alt.Chart(FRAME).mark_line().encode(x="t:Q", y="y:Q", color=color, strokeDash=dash)
    assert uncovered_series(both.to_dict()) == set()
    assert colour_only_legends(both.to_dict()) == []
    labelled = alt.layer(
        alt.Chart(FRAME).mark_line().encode(x="t:Q", y="y:Q", color="s:N"),
        alt.Chart(FRAME).mark_text().encode(x="t:Q", y="y:Q", text="s:N"),
    ).to_dict()
    assert uncovered_series(labelled) == set()
    same = alt.Chart(FRAME).mark_line().encode(
        x="t:Q", y="y:Q", color="s:N",
        strokeDash=alt.StrokeDash("s:N", scale=alt.Scale(domain=["a", "b"], range=[[1, 0]] * 2)),
    )
    assert shared_dashes(same.to_dict()) == ["s"]
