"""The chart data table (glossary_site.chart_table): escaped, capped with a note, readable,
and in the words and number formats of the chart's tooltips (issue 19, point 8)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import altair as alt
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from glossary_site import chart_table, charts


def test_small_data_is_shown_whole_and_escaped() -> None:
    csv = 'run,t,label\nwith feedback,0,"<script>alert(1)</script>"\nwithout,1,"a & b"\n'
    markup = chart_table.details_html(csv, 'The <loop> "chart"')
    assert "<script>" not in markup and "\n" not in markup
    details = BeautifulSoup(markup, "html.parser").details
    assert details is not None
    assert details.summary.get_text() == 'Data table: The <loop> "chart"'
    assert [th.get_text() for th in details.select("thead th")] == ["run", "t", "label"]
    assert all(th["scope"] == "col" for th in details.select("thead th"))
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in details.select("tbody tr")]
    assert rows == [["with feedback", "0", "<script>alert(1)</script>"], ["without", "1", "a & b"]]
    assert details.table.caption.get_text() == "All 2 rows."


def test_long_data_is_cut_to_evenly_spaced_rows_with_a_note() -> None:
    csv = "t,y\n" + "".join(f"{i},{i * i}\n" for i in range(1000))
    details = BeautifulSoup(chart_table.details_html(csv, "Big", max_rows=11), "html.parser")
    firsts = [tr.td.get_text() for tr in details.select("tbody tr")]
    assert len(firsts) == 11 and firsts[0] == "0" and firsts[-1] == "999"
    assert firsts == sorted(firsts, key=int)
    assert "11 of 1000 rows" in details.caption.get_text()


def test_no_data_gives_no_table() -> None:
    assert chart_table.details_html("", "Empty") == ""
    assert chart_table.details_html("t,y\n", "Header only") == ""


# --------------------------------------------------------------------------- tooltip words

# Checked against d3-format as the site's Vega bundle runs it (vega's format(), Chromium).
D3 = [
    (10000000.0, ",.3~s", "10M"),
    (42169.65034, ",.3~s", "42.2k"),
    (1.33352, ",.3~s", "1.33"),
    (999.7, ",.3~s", "1k"),
    (0.5, "~s", "500m"),
    (1048576.0, ",.0f", "1,048,576"),
    (-1234.5, ",.0f", "−1,235"),
    (2.5, ".0f", "3"),
    (0.125, ",.2f", "0.13"),
    (-0.02265, ".3f", "−0.023"),
    (-0.0004, ".3f", "0.000"),
    (0.0154, ".1%", "1.5%"),
    (0.4025, ".0%", "40%"),
    (0.875, "", "0.875"),
    (10000000.0, "", "10000000"),
    (42169.65034, ",", "42,169.65034"),
    (4.0, None, "4"),
    (0.0, ".2s", "0.0"),
    (42169.65034, ".3g", "4.22e+4"),
    (0.00123, ".2e", "1.23e-3"),
    (1234.5678, ",d", "1,235"),
]


@pytest.mark.parametrize(("value", "spec", "expected"), D3)
def test_numbers_read_as_the_tooltip_writes_them(value: float, spec: str | None,
                                                 expected: str) -> None:
    assert chart_table.format_number(value, spec) == expected


def test_columns_take_the_tooltips_titles_units_and_formats() -> None:
    frame = pd.DataFrame({"key": ["a", "b"], "k": [1, 2], "t": [0.5, 1.0],
                          "share": [0.1234, 0.5], "big": [10000000.0, 42169.65034],
                          "internal": [0, 1]})
    labels = pd.DataFrame({"key": ["a", "b"], "market": ["Market A", "Market B"]})
    head = alt.param(name="head", value=1,
                     bind=alt.binding_range(min=1, max=2, step=1, name="Head start (periods) "))
    base = (alt.Chart(frame)
            .transform_filter("abs(datum['k'] - head) < 1e-06")
            .transform_lookup(lookup="key", from_=alt.LookupData(labels, "key", ["market"])))
    spec = alt.layer(
        base.mark_line().encode(x=alt.X("t:Q", title="Years"),
                                y=alt.Y("share:Q", title="Share (of the market)"),
                                color="market:N"),
        base.mark_point().encode(x="t:Q", y="share:Q", tooltip=[
            alt.Tooltip("market:N", title="Market"),
            alt.Tooltip("t:Q", title="Year", format=".1f"),
            alt.Tooltip("share:Q", title="Share", format=".1%"),
            alt.Tooltip("k:Q", title="Head start"),
            alt.Tooltip("big:Q", title="Data", format=",.3~s"),
        ]),
    ).add_params(head).to_dict()
    csv = frame.to_csv(index=False)
    header, rows, total = chart_table.table_rows(csv, spec=spec)
    # The tooltips' words, lengthened by an axis title or slider name that adds a unit.
    assert header == ["Market", "Years", "Share (of the market)", "Head start (periods)", "Data"]
    assert rows == [["Market A", "0.5", "12.3%", "1", "10M"],
                    ["Market B", "1.0", "50.0%", "2", "42.2k"]]
    assert total == 2
    details = BeautifulSoup(chart_table.details_html(csv, "T", spec=spec), "html.parser")
    assert [th.get("class") for th in details.select("thead th")] == [None] + [["fg-num"]] * 4
    assert details.table.get("class") == ["fg-chart__data"]  # Material leaves it alone


@pytest.fixture(scope="module")
def built() -> dict[str, charts.ChartAssets]:
    return {chart_id: charts.build_chart(chart_id, None) for chart_id in charts.chart_ids()}


RAW = re.compile(r"^\d+\.\d{5,}$|^\d{5,}(\.0)?$")  # 42169.65034, 10000000.0


def test_every_charts_table_speaks_like_its_tooltips(built: dict[str, Any]) -> None:
    for chart_id, assets in built.items():
        spec = json.loads(assets.spec_json)
        tips = {str(t["title"]) for v in views(spec)
                for t in v.get("encoding", {}).get("tooltip", []) if "title" in t}
        header, rows, _ = chart_table.table_rows(assets.csv, spec=spec)
        raw = next(csv.reader(io.StringIO(assets.csv)))
        assert header and not set(header) & set(raw) - tips, (chart_id, header)
        named = [h for h in header if any(h.startswith(t) or h.endswith(t) for t in tips)]
        assert len(named) >= len(header) - 1, (chart_id, header)  # at most a slider's name
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if RAW.match(c)], (chart_id, rows[:3])
        assert all("nan" not in c.lower() and "undefined" not in c for c in cells)


def test_the_plateau_table_before_and_after(built: dict[str, Any]) -> None:
    assets = built["plateau"]
    header, rows, _ = chart_table.table_rows(assets.csv)
    assert header == ["alpha", "data", "error", "local_slope", "halving"]
    header, rows, _ = chart_table.table_rows(assets.csv, spec=json.loads(assets.spec_json))
    assert header == ["Exponent α", "Data", "Error", "Log–log slope",
                      "Data × to halve reducible error"]
    first = dict(zip(header, rows[0], strict=True))
    assert first == {"Exponent α": "0.05", "Data": "1", "Error": "0.5330",
                     "Log–log slope": "−0.023", "Data × to halve reducible error": "1,048,576"}


def test_a_figure_shows_its_table_in_the_tooltips_words(built: dict[str, Any]) -> None:
    markup = charts.figure_html(built["loop"], "../../")
    table = BeautifulSoup(markup, "html.parser").select_one("details.fg-chart__table table")
    assert table is not None
    assert [th.get_text() for th in table.select("thead th")] == [
        "Run", "Years", "Users (share of market)", "Quality"]
    assert [td.get_text() for td in table.select("tbody tr")[1].find_all("td")] == [
        "with feedback", "1.5", "5.0%", "0.596"]


def views(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [spec, *(v for child in spec.get("layer", []) for v in views(child))]
