"""Every chart's nearest-point tooltip reads the point, not the Voronoi cell (vega/altair#3926).

Compiled to Vega by vl-convert (the Vega-Lite version the site ships), the tooltip of each
chart's Voronoi layer must read every field as ``datum.datum[...]``: a bare ``datum[...]``
there is the bug that showed "Run undefined".
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import vl_convert as vlc

from flywheel_sims.charts import CHARTS, load_chart
from glossary_site.charts.build import vl_version as _vl_version

BARE_FIELD = re.compile(r'(?<![.\w])datum\["')


def marks(vega: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for mark in vega.get("marks", []):
        found.append(mark)
        found.extend(marks(mark))
    return found


@pytest.mark.parametrize("chart_id", list(CHARTS))
def test_the_nearest_point_tooltip_names_the_series_from_the_point(chart_id: str) -> None:
    spec = load_chart(chart_id).chart().to_dict()
    vega = vlc.vegalite_to_vega(spec, vl_version=_vl_version())
    voronoi = [m for m in marks(vega) if m.get("name", "").endswith("_voronoi")]
    assert voronoi, f"{chart_id}: no nearest-point selection"
    for mark in voronoi:
        tooltip = mark["encode"]["update"]["tooltip"]["signal"]
        assert "datum.datum[" in tooltip
        assert not BARE_FIELD.search(tooltip), tooltip
