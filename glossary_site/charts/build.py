"""Build one chart's assets, or read them from the cache: the only source in the cache key.

A chart module has a docstring whose first line is the title and whose rest is the
description, and a function ``chart()`` returning a top-level Altair chart. Building it gives:

- the Vega-Lite JSON (the interactive chart, fetched by ``charts.js`` when in view);
- two static SVGs rendered by vl-convert, one per Material palette (default and slate),
  shown at once and kept when JavaScript is off;
- the chart's data as CSV.

The cache key is a SHA-256 over the chart id, the chart module's source, every file of the
simulations package, this module's source (it decides how the assets look), the palette
themes and the versions of the installed libraries; the entry lives in the ``charts``
namespace of :mod:`glossary_site.build.cache` (:mod:`.store`). A cache hit reads files and never
imports the chart module. Fresh and cached results are byte-identical: the spec is
serialised with sorted keys, and Altair names datasets and parameters by content hash.
"""

from __future__ import annotations

import importlib
import inspect
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary_site.build.cache import Cache, key, library_versions
from glossary_site.charts import registry as reg
from glossary_site.charts import store

_TEXT_FIELDS = ("spec_json", "svg_light", "svg_dark", "csv")
"""The fields of :class:`ChartAssets` stored as files in the cache."""

# One theme per Material palette, used both for the static SVGs (vl-convert) and for the
# interactive chart (vega-embed, via charts.js), so the swap from image to chart is quiet.
# Colours follow Material's defaults: white page with 87% black text; slate (hue 232) with
# background hsl(232, 15%, 14%) and text hsla(232, 15%, 90%, .82) flattened onto it.
THEMES: dict[str, dict[str, Any]] = {
    "light": {
        "theme": None,
        "config": {"background": "#ffffff"},
    },
    "dark": {
        "theme": "dark",
        "config": {
            "background": "#1e2029",
            "view": {"stroke": "#4b4e59"},
            "axis": {
                "domainColor": "#8e9099",
                "gridColor": "#3a3d47",
                "tickColor": "#8e9099",
                "labelColor": "#bfc0c6",
                "titleColor": "#bfc0c6",
            },
            "legend": {"labelColor": "#bfc0c6", "titleColor": "#bfc0c6"},
            "title": {"color": "#e2e3e9", "subtitleColor": "#bfc0c6"},
        },
    },
}


class ChartError(Exception):
    """A chart could not be built; the message names the chart and the reason."""


@dataclass(frozen=True)
class ChartAssets:
    """Everything a page needs to show one chart, as text."""

    chart_id: str
    title: str
    description: str
    digest: str
    spec_json: str
    svg_light: str
    svg_dark: str
    csv: str

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in pixels of the static SVG (0, 0 when unknown)."""
        return svg_size(self.svg_light)


_SVG_TAG = re.compile(r"<svg\b[^>]*>", re.S)
_SVG_ATTR = re.compile(r'\b(width|height)="(\d+(?:\.\d+)?)(?:px)?"')


def svg_size(svg: str) -> tuple[int, int]:
    """Width and height of an SVG's root element in pixels, (0, 0) when not stated."""
    tag = _SVG_TAG.search(svg)
    if tag is None:
        return (0, 0)
    attrs = dict(_SVG_ATTR.findall(tag.group(0)))
    try:
        return (round(float(attrs["width"])), round(float(attrs["height"])))
    except KeyError:
        return (0, 0)


# --------------------------------------------------------------------------- hashing


def source_digest(simulations: str = reg.DEFAULT_SIMULATIONS) -> str:
    """SHA-256 over every file of the simulations package and the installed libraries'
    versions (:func:`glossary_site.build.cache.library_versions`, read from package metadata).

    Useful to key other caches on the simulation code, e.g. the notebook pages'.
    """
    parts: list[str | bytes] = ["sims", *(f"{n}=={v}" for n, v in library_versions())]
    for name, path in reg.package_files(simulations):
        parts += [name, path.read_bytes()]
    return key(*parts)


def _digest(chart_id: str, module_file: Path, simulations: str) -> str:
    return key(f"format={store.FORMAT}", f"chart={chart_id}", source_digest(simulations),
               json.dumps(THEMES, sort_keys=True), module_file.read_bytes(),
               Path(__file__).read_bytes())


# --------------------------------------------------------------------------- building


def _docstring_parts(doc: str | None, chart_id: str) -> tuple[str, str]:
    text = inspect.cleandoc(doc or "")
    if not text:
        raise ChartError(f"chart {chart_id!r}: the module has no docstring (title + description)")
    first, _, rest = text.partition("\n")
    return " ".join(first.split()), " ".join(rest.split())


def vl_version() -> str | None:
    """The Vega-Lite version Altair writes, as vl-convert names it (e.g. '6.4'), if known."""
    import altair as alt
    import vl_convert as vlc

    match = re.match(r"v?(\d+)\.(\d+)", alt.SCHEMA_VERSION)
    if match is None:
        return None
    version = f"{match[1]}.{match[2]}"
    return version if version in vlc.get_vegalite_versions() else None


def render_svg(spec: dict[str, Any], palette: str, config: dict[str, Any] | None = None) -> str:
    """A static SVG of ``spec`` in the ``palette`` theme (``config``: that theme's, or this)."""
    import vl_convert as vlc

    theme = THEMES[palette]
    svg: str = vlc.vegalite_to_svg(
        spec,
        vl_version=vl_version(),
        theme=theme["theme"],
        config=theme["config"] if config is None else config,
        allowed_base_urls=[],
    )
    return svg


def _datasets_csv(spec: dict[str, Any]) -> str:
    """The chart's main data as CSV: its largest inline dataset.

    Charts often add small helper datasets (a lookup of labels, a reference line); the
    readers' data is the big one, so that is the one offered for download.
    """
    import pandas as pd

    datasets: dict[str, list[dict[str, Any]]] = dict(spec.get("datasets", {}))
    inline = spec.get("data", {})
    if isinstance(inline, dict) and isinstance(inline.get("values"), list):
        datasets["data"] = inline["values"]
    if not datasets:
        return ""
    # The largest by rows; ties go to the first name in sorted order (deterministic).
    name = max(sorted(datasets), key=lambda n: len(datasets[n]))
    out = io.StringIO()
    pd.DataFrame.from_records(datasets[name]).to_csv(out, index=False, lineterminator="\n")
    return out.getvalue()


def _fresh(chart_id: str, dotted: str, digest: str) -> ChartAssets:
    import altair as alt

    try:
        module = importlib.import_module(dotted)
    except Exception as exc:  # report any import-time failure with the chart's name
        raise ChartError(f"chart {chart_id!r}: importing {dotted} failed: {exc!r}") from exc
    title, description = _docstring_parts(module.__doc__, chart_id)
    make = getattr(module, "chart", None)
    if not callable(make):
        raise ChartError(f"chart {chart_id!r}: {dotted} has no function chart()")
    try:
        chart = make()
        with alt.data_transformers.disable_max_rows():
            spec: dict[str, Any] = chart.to_dict(validate=True)
    except Exception as exc:
        raise ChartError(f"chart {chart_id!r}: {dotted}.chart() failed: {exc!r}") from exc
    spec.setdefault("description", description)
    return ChartAssets(
        chart_id=chart_id,
        title=title,
        description=description,
        digest=digest,
        spec_json=json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
        svg_light=render_svg(spec, "light"),
        svg_dark=render_svg(spec, "dark"),
        csv=_datasets_csv(spec),
    )


# --------------------------------------------------------------------------- cache


def _cached(cache: Cache, chart_id: str, digest: str) -> ChartAssets | None:
    entry = store.read(cache, digest, _TEXT_FIELDS)
    if entry is None:
        return None
    meta, texts = entry
    if (meta.get("chart_id") != chart_id or not isinstance(meta.get("title"), str)
            or not isinstance(meta.get("description"), str)):
        return None
    return ChartAssets(chart_id=chart_id, title=meta["title"], description=meta["description"],
                       digest=digest, **texts)


def build_chart(chart_id: str, cache: Cache | None, *,
                registry: reg.Registry | None = None,
                simulations: str = reg.DEFAULT_SIMULATIONS) -> ChartAssets:
    """Build one chart's assets, or read them from the cache when they are there.

    ``cache`` is the build's :class:`~glossary_site.build.cache.Cache` (its ``charts``
    namespace, saved by :func:`~glossary_site.charts.prune_cache`), or ``None`` (no cache).
    ``registry`` maps chart ids to dotted module paths; by default the chart modules of
    ``simulations`` are listed. Raises ``ChartError`` for an unknown id or a chart that
    fails, naming the chart.
    """
    charts = _registry(registry, simulations)
    if chart_id not in charts:
        known = ", ".join(sorted(charts)) or "none"
        raise ChartError(f"unknown chart id {chart_id!r} (known: {known})")
    dotted = charts[chart_id]
    try:
        module_file = reg.module_file(dotted)
    except LookupError as exc:
        raise ChartError(str(exc)) from exc
    digest = _digest(chart_id, module_file, simulations)
    cache = cache if cache is not None else Cache(None)
    cached = _cached(cache, chart_id, digest)
    if cached is not None:
        return cached
    assets = _fresh(chart_id, dotted, digest)
    store.write(cache, digest, {"chart_id": chart_id, "title": assets.title,
                                "description": assets.description},
                {field: getattr(assets, field) for field in _TEXT_FIELDS})
    return assets


def _registry(given: reg.Registry | None, simulations: str) -> reg.Registry:
    if given is not None:
        return given
    try:
        return reg.discover(simulations)
    except ImportError as exc:
        raise ChartError(f"the simulations package {simulations!r} has no charts: {exc}") from exc
