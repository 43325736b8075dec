"""A chart's data as an HTML table a screen reader can read, folded in a ``<details>``.

Each chart figure offers its data (the CSV that is also offered for download) as a real
table: charts are drawn as SVG and images, which a screen reader can only summarise. Long
data are cut to evenly spaced rows (the first and last included) with a note saying so; the
CSV link in the caption has every row. Every cell is escaped: the CSV is built from the
simulations, but its text (labels) comes from the chart modules.

Given the chart's Vega-Lite spec, the table speaks like the chart's tooltips
(:func:`columns`): its columns are the fields the tooltips show, named by the tooltip's
title (or by the axis title or slider name that adds to it, such as a unit: "Head start
(periods)") and formatted with the tooltip's number format (:func:`format_number`, d3's
rules). A key the chart looks labels up by is shown as those labels; a field a slider picks
the curve by is named by the slider; the data's other columns (internal keys, flags) are left
to the CSV.

The HTML comes from the autoescaped template ``chart-table.html.j2``: one line, so it stays
inside one raw HTML block when the figure is embedded in Markdown.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

__all__ = ["MAX_ROWS", "Column", "columns", "details_html", "format_number", "table_rows"]

MAX_ROWS = 40


@dataclass(frozen=True)
class Column:
    """One column of the table: a field of the data, its heading and how its cells read."""

    field: str
    title: str
    format: str | None = None
    """A d3 number format (the tooltip's); ``None`` for text."""
    labels: Mapping[str, str] | None = None
    """For a key the chart looks labels up by: the label of each key."""


# --------------------------------------------------------------------------- numbers

_FORMAT = re.compile(r"(,)?(?:\.(\d+))?(~)?([%defgs])?")
_SI = ["y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"]
MINUS = "\u2212"  # d3 (and so the tooltip) writes negative numbers with a minus sign
_EXACT = Context(prec=400)  # enough digits for any float's exact value


def _fixed(x: float, decimals: int) -> str:
    """``x`` (≥ 0) with ``decimals`` decimals, halves rounded up, as JavaScript's toFixed."""
    exact = _EXACT.create_decimal(x)
    return f"{exact.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP, _EXACT):f}"


def _significant(x: float, digits: int) -> tuple[str, int]:
    """``x`` (≥ 0) rounded to ``digits`` significant digits, halves up (as JavaScript's
    toPrecision): the digits and the power of ten of the first one."""
    exact = _EXACT.create_decimal(x)
    power = exact.adjusted() if x else 0
    rounded = exact.scaleb(digits - 1 - power, _EXACT).quantize(Decimal(1), ROUND_HALF_UP)
    text = f"{rounded:f}".zfill(digits)  # zero: all zeros
    if len(text) > digits:  # 9.99 → 10.0: one digit more
        text, power = text[:digits], power + 1
    return text, power


def _exponential(x: float, digits: int) -> tuple[str, str]:
    """``x`` (≥ 0) as ``d.ddd`` with ``digits`` significant digits and its exponent "e+4"."""
    text, power = _significant(x, digits)
    return text[0] + ("." + text[1:] if digits > 1 else ""), f"e{power:+d}"


def _si(x: float, digits: int) -> tuple[str, str]:
    """``x`` (≥ 0) with ``digits`` significant digits and an SI prefix, as d3's "s"."""
    text, power = _significant(x, digits)
    prefix = max(-8, min(8, power // 3))
    point = power - 3 * prefix + 1  # digits before the decimal point
    if point >= len(text):
        return text + "0" * (point - len(text)), _SI[8 + prefix]
    if point > 0:
        return text[:point] + "." + text[point:], _SI[8 + prefix]
    return _fixed(x / 1000.0**prefix, digits - point), _SI[8 + prefix]


def format_number(value: float, spec: str | None = None) -> str:
    """``value`` written with the d3 number format ``spec``, as a Vega tooltip writes it.

    The part of d3-format the charts use: thousands separators (``,``), a precision
    (``.3``), trimmed zeros (``~``) and the types ``f``, ``%``, ``d``, ``e``, ``g``, ``s``
    (SI prefix) and none (up to 12 significant digits, zeros trimmed). ``None`` means ","
    (thousands grouped). NaN and infinite values are written as such.
    """
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("" if value > 0 else MINUS) + "∞"
    match = _FORMAT.fullmatch(spec if spec is not None else ",")
    if match is None:
        return f"{value:g}"
    comma, precision, trim, kind = match.groups()
    digits = int(precision) if precision is not None else None
    if not kind:
        kind, trim, digits = "g", "~", 12 if digits is None else digits
    x, suffix = abs(value), ""
    if kind == "%":
        text, suffix = _fixed(x * 100, 6 if digits is None else digits), "%"
    elif kind == "f":
        text = _fixed(x, 6 if digits is None else digits)
    elif kind == "d":
        text = _fixed(x, 0)
    elif kind == "e":
        text, suffix = _exponential(x, 1 + (6 if digits is None else digits))
    elif kind == "s":
        text, suffix = _si(x, max(1, 6 if digits is None else digits))
    else:  # "g": significant digits, fixed unless the number is very large or small
        digits = max(1, 6 if digits is None else digits)
        _, power = _significant(x, digits)
        if power < -6 or power >= digits:
            text, suffix = _exponential(x, digits)
        else:
            text = _fixed(x, digits - 1 - power)
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, dot, fraction = text.partition(".")
    if comma:
        whole = f"{int(whole):,}"
    zero = not any(c in "123456789" for c in whole + fraction)
    return (MINUS if value < 0 and not zero else "") + whole + dot + fraction + suffix


# --------------------------------------------------------------------------- columns

_SLIDER_FILTER = re.compile(r"datum\['(\w+)'\]\s*-\s*(\w+)\)")
"""A filter keeping the rows whose field equals a slider's value (``_style.matches``)."""


def _views(spec: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """``spec`` and every view layered or concatenated in it."""
    yield spec
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for child in spec.get(key, ()):
            if isinstance(child, Mapping):
                yield from _views(child)


def _dataset(spec: Mapping[str, Any], data: Any) -> list[Mapping[str, Any]]:
    if not isinstance(data, Mapping):
        return []
    rows = data.get("values", spec.get("datasets", {}).get(data.get("name"), []))
    return [row for row in rows if isinstance(row, Mapping)] if isinstance(rows, list) else []


def _longer(title: str, others: Sequence[str]) -> str:
    """``title``, or another title of the same field that starts or ends with it and says
    more ("Head start" → "Head start (periods)", "κ" → "Capture rate κ")."""
    short = title.casefold()
    for other in others:
        text = other.casefold()
        if len(text) > len(short) and (text.startswith(short) or text.endswith(short)):
            return other
    return title


def columns(spec: Mapping[str, Any], fields: Sequence[str]) -> list[Column]:
    """The table's columns for data with the columns ``fields``, read from the chart ``spec``.

    First any field a slider picks rows by (the curve shown) that no tooltip shows, named by
    the slider; then the tooltips' fields in their order. Other fields are left out.
    """
    tips: dict[str, Mapping[str, Any]] = {}
    titles: dict[str, list[str]] = {}  # other names of a field: axis titles, slider names
    picked: dict[str, str] = {}  # field → the name of the slider that picks its rows
    lookups: dict[str, tuple[str, dict[str, str]]] = {}  # key field → (label field, labels)
    sliders = {str(p["name"]): str(p["bind"].get("name") or p["name"]).strip()
               for view in _views(spec) for p in view.get("params", ())
               if isinstance(p, Mapping) and isinstance(p.get("bind"), Mapping)}
    for view in _views(spec):
        encoding = view.get("encoding", {})
        tooltip = encoding.get("tooltip", [])
        for tip in tooltip if isinstance(tooltip, list) else [tooltip]:
            if isinstance(tip, Mapping) and tip.get("field"):
                tips.setdefault(str(tip["field"]), tip)
        for channel in ("x", "y"):
            axis = encoding.get(channel, {})
            if isinstance(axis, Mapping) and isinstance(axis.get("title"), str):
                titles.setdefault(str(axis.get("field")), []).append(axis["title"])
        for step in view.get("transform", ()):
            for field, param in _SLIDER_FILTER.findall(str(step.get("filter", ""))):
                if param in sliders:
                    picked.setdefault(field, sliders[param])
                    titles.setdefault(field, []).append(sliders[param])
            source = step.get("from", {})
            if "lookup" in step and len(source.get("fields", ())) == 1:
                label, key = str(source["fields"][0]), str(source.get("key", step["lookup"]))
                lookups[str(step["lookup"])] = (label, {
                    str(row.get(key)): str(row.get(label))
                    for row in _dataset(spec, source.get("data"))})

    out = [Column(field, name, ",") for field, name in picked.items()
           if field in fields and field not in tips]
    for field, tip in tips.items():
        title = _longer(str(tip.get("title") or field), titles.get(field, []))
        number = tip.get("format", ",") if tip.get("type") == "quantitative" else None
        if field in fields:
            out.append(Column(field, title, number))
        out += [Column(key, title, None, labels) for key, (label, labels) in lookups.items()
                if label == field and key in fields and field not in fields]
    return out


# --------------------------------------------------------------------------- the table


def _cell(text: str, column: Column) -> str:
    if column.labels is not None:
        return column.labels.get(text, text)
    if column.format is None:
        return text
    try:
        return format_number(float(text), column.format)
    except ValueError:
        return text


def table_rows(csv_text: str, max_rows: int = MAX_ROWS, spec: Mapping[str, Any] | None = None,
               ) -> tuple[list[str], list[list[str]], int]:
    """Parse ``csv_text``: (header, up to ``max_rows`` evenly spaced rows, total row count).

    With the chart's ``spec`` the header and cells are the tooltips' (:func:`columns`);
    without it they are the CSV's own.
    """
    reader = csv.reader(io.StringIO(csv_text))
    header = next(reader, [])
    rows = [row for row in reader if row]
    total = len(rows)
    if total > max_rows > 1:
        step = (total - 1) / (max_rows - 1)
        rows = [rows[round(i * step)] for i in range(max_rows)]
    rows = rows[:max_rows] if max_rows > 0 else []
    chosen = columns(spec, header) if spec is not None else []
    if not chosen:
        return header, rows, total
    where = [header.index(c.field) for c in chosen]
    return ([c.title for c in chosen],
            [[_cell(row[i], c) if i < len(row) else "" for i, c in zip(where, chosen, strict=True)]
             for row in rows], total)


def details_html(csv_text: str, title: str, max_rows: int = MAX_ROWS,
                 spec: Mapping[str, Any] | None = None) -> str:
    """``<details>`` holding the data of the chart ``title`` as a table; "" without data.

    Pass the chart's Vega-Lite ``spec`` to name and format the columns as its tooltips do.
    """
    from glossary_site.render.templating import HTML

    header, rows, total = table_rows(csv_text, max_rows, spec)
    if not header or not rows:
        return ""
    numeric = [bool(rows) and all(_is_number(row[i]) for row in rows if row[i])
               for i in range(len(header))]
    return HTML.get_template("chart-table.html.j2").render(
        title=title, header=header, rows=rows, total=total, numeric=numeric).strip()


_NUMBER = re.compile(r"[−-]?[\d,.]+(e[−-]?\d+)?[%a-zA-Zµ]?")


def _is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text)) and any(c.isdigit() for c in text)
