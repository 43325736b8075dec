"""A chart's data as an HTML table a screen reader can read, folded in a ``<details>``.

Each chart figure offers its data (the CSV that is also offered for download) as a real
table: charts are drawn as SVG and images, which a screen reader can only summarise. Long
data are cut to evenly spaced rows (the first and last included) with a note saying so; the
CSV link in the caption has every row. Every cell is escaped: the CSV is built from the
simulations, but its text (labels) comes from the chart modules.

The HTML comes from the autoescaped template ``chart-table.html.j2``: one line, so it stays
inside one raw HTML block when the figure is embedded in Markdown.
"""

from __future__ import annotations

import csv
import io

__all__ = ["MAX_ROWS", "details_html", "table_rows"]

MAX_ROWS = 40


def table_rows(csv_text: str, max_rows: int = MAX_ROWS) -> tuple[list[str], list[list[str]], int]:
    """Parse ``csv_text``: (header, up to ``max_rows`` evenly spaced rows, total row count)."""
    reader = csv.reader(io.StringIO(csv_text))
    header = next(reader, [])
    rows = [row for row in reader if row]
    total = len(rows)
    if total > max_rows > 1:
        step = (total - 1) / (max_rows - 1)
        rows = [rows[round(i * step)] for i in range(max_rows)]
    return header, rows[:max_rows] if max_rows > 0 else [], total


def details_html(csv_text: str, title: str, max_rows: int = MAX_ROWS) -> str:
    """``<details>`` holding the data of the chart ``title`` as a table; "" without data."""
    from glossary_site.render.templating import HTML

    header, rows, total = table_rows(csv_text, max_rows)
    if not header or not rows:
        return ""
    return HTML.get_template("chart-table.html.j2").render(
        title=title, header=header, rows=rows, total=total).strip()
