"""Chart modules: registry, valid Vega-Lite specs with data, docstrings, sliders, tooltips."""

import inspect
import json
from functools import cache
from typing import Any

import altair as alt
import pytest

from flywheel_sims.charts import CHARTS, load_chart

IDS = ["bias-amplification", "examples", "loop", "moat", "plateau", "privacy"]  # sorted
# chart id -> (parameter bound to a slider, data field it filters on)
SLIDERS = {
    "moat": ("head_start", "k"),
    "plateau": ("alpha", "alpha"),
    "privacy": ("kappa", "kappa"),
}
MAX_ROWS = 5000
MAX_BYTES = 300_000


@cache
def spec(chart_id: str) -> dict[str, Any]:
    chart = load_chart(chart_id).chart()
    assert isinstance(chart, alt.TopLevelMixin)
    # validate=True checks the spec against the Vega-Lite schema bundled with Altair.
    return chart.to_dict(validate=True)


def walk(node: Any) -> list[dict[str, Any]]:
    """Every dict inside a spec."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            found.extend(walk(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(walk(value))
    return found


def test_registry_has_exactly_the_chart_ids() -> None:
    assert list(CHARTS) == IDS
    for chart_id, dotted in CHARTS.items():
        module = load_chart(chart_id)
        assert module.__name__ == dotted
        assert callable(module.chart)


def test_unknown_chart_id_lists_the_valid_ones() -> None:
    with pytest.raises(KeyError, match="valid ids: bias-amplification, examples, loop"):
        load_chart("looop")


@pytest.mark.parametrize("chart_id", IDS)
def test_docstring_has_title_and_description(chart_id: str) -> None:
    doc = inspect.cleandoc(load_chart(chart_id).__doc__ or "")
    title, blank, *rest = doc.splitlines()
    description = " ".join(rest).strip()
    assert title and len(title) <= 100 and not title.endswith(".")
    assert blank == ""
    assert description.count(". ") >= 2, "the description should explain the chart"


@pytest.mark.parametrize("chart_id", IDS)
def test_spec_validates_and_has_small_nonempty_data(chart_id: str) -> None:
    s = spec(chart_id)
    datasets = s.get("datasets", {})
    rows = sum(len(v) for v in datasets.values())
    assert datasets and all(len(v) > 0 for v in datasets.values())
    assert 0 < rows <= MAX_ROWS
    assert len(json.dumps(s, separators=(",", ":"))) < MAX_BYTES
    assert s["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


@pytest.mark.parametrize("chart_id", IDS)
def test_marks_carry_tooltips(chart_id: str) -> None:
    assert any("tooltip" in d.get("encoding", {}) for d in walk(spec(chart_id)))


@pytest.mark.parametrize("chart_id", IDS)
def test_no_fixed_theme_or_colour_scheme(chart_id: str) -> None:
    s = spec(chart_id)
    assert "background" not in s and "background" not in s.get("config", {})
    for d in walk(s):
        assert "scheme" not in d, d
        # The only range a chart sets is its series' dash patterns: never colours.
        dashes = d.get("range", [])
        assert all(isinstance(p, list) and all(isinstance(n, int) for n in p) for p in dashes), d


@pytest.mark.parametrize(("chart_id", "name", "field"), [(c, *v) for c, v in SLIDERS.items()])
def test_slider_charts_bind_a_range_input_whose_values_exist_in_the_data(
    chart_id: str, name: str, field: str
) -> None:
    s = spec(chart_id)
    params = {p["name"]: p for p in s.get("params", [])}
    assert name in params
    bind = params[name]["bind"]
    assert bind["input"] == "range"
    # Every slider position selects some rows: the precomputed grid covers the slider.
    values = {round(row[field], 6) for v in s["datasets"].values() for row in v if field in row}
    n = round((bind["max"] - bind["min"]) / bind["step"])
    positions = {round(bind["min"] + i * bind["step"], 6) for i in range(n + 1)}
    assert positions <= values
    assert round(params[name]["value"], 6) in values
    # And a filter reads the parameter.
    assert any(name in str(d.get("filter", "")) for d in walk(s))


@pytest.mark.parametrize("chart_id", IDS)
def test_same_spec_every_time(chart_id: str) -> None:
    again = load_chart(chart_id).chart().to_dict()
    assert json.dumps(again, sort_keys=True) == json.dumps(spec(chart_id), sort_keys=True)
