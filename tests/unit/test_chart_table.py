"""The chart data table (glossary_site.chart_table): escaped, capped with a note, readable."""

from __future__ import annotations

from bs4 import BeautifulSoup

from glossary_site import chart_table


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
