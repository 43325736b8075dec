"""Charts at build time: run each chart module once per content hash and keep the result.

A chart module (``flywheel_sims.charts.<name>``) has a docstring whose first line is the
title and whose rest is the description, and a function ``chart()`` returning a top-level
Altair chart. For each chart this module produces, and caches on disk:

- the Vega-Lite JSON (the interactive chart, fetched by ``charts.js`` when in view);
- two static SVGs rendered by vl-convert, one per Material palette (default and slate),
  shown at once and kept when JavaScript is off;
- the chart's data as CSV.

The cache key is a SHA-256 over the chart module's source, every file of the
``flywheel_sims`` package, this module's source (it decides how the assets look), the chart
id and the versions of the libraries that shape the output. A cache hit reads files and
never imports the chart module. Fresh and cached results are byte-identical: the spec is
serialised with sorted keys, and Altair names datasets and parameters by content hash.

This module does not import MkDocs; the plugin hands its output to MkDocs.
"""

from __future__ import annotations

import functools
import hashlib
import html
import importlib
import importlib.metadata
import importlib.util
import inspect
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import chart_table  # charts10 hook (issue 10): data tables in figure_html

__all__ = [
    "THEMES",
    "ChartAssets",
    "ChartError",
    "build_chart",
    "chart_files",
    "chart_ids",
    "figure_html",
    "prune_cache",
    "script_tags",
    "source_digest",
    "static_files",
    "stylesheet_tags",
]

SIMS_PACKAGE = "flywheel_sims"
REGISTRY_MODULE = "flywheel_sims.charts"
CHARTS_URL = "assets/charts/"
BUNDLE_PATH = "assets/javascripts/vega-bundle.js"
SCRIPT_PATH = "assets/javascripts/charts.js"
STYLE_PATH = "assets/stylesheets/charts.css"

# Bump when the layout of a cache entry changes.
CACHE_FORMAT = "1"
# Libraries whose versions change the output.
_VERSIONED = ("altair", "vl-convert-python", "numpy", "pandas")
_ASSETS = Path(__file__).with_name("assets")

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
        return _svg_size(self.svg_light)


# --------------------------------------------------------------------------- registry


def _registry(registry: Mapping[str, str] | None = None) -> Mapping[str, str]:
    if registry is not None:
        return registry
    module = importlib.import_module(REGISTRY_MODULE)
    charts: Mapping[str, str] = module.CHARTS
    return charts


def chart_ids(registry: Mapping[str, str] | None = None) -> list[str]:
    """Return the known chart ids, in registry order (``flywheel_sims.charts.CHARTS``)."""
    return list(_registry(registry))


# --------------------------------------------------------------------------- hashing


def _package_files(package: str) -> list[tuple[str, Path]]:
    """Every file of a package (no bytecode) as (relative path, path), sorted.

    Empty when the package is not importable. Finding it imports nothing but its parents.
    """
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    files: set[tuple[str, Path]] = set()
    # A namespace package may list one folder twice (e.g. '' and its absolute path).
    for root in {Path(location).resolve() for location in spec.submodule_search_locations}:
        for path in root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                files.add((path.relative_to(root).as_posix(), path))
    return sorted(files)


def _module_file(dotted: str) -> Path:
    """The source file of a module, found without executing the module itself."""
    try:
        spec = importlib.util.find_spec(dotted)
    except (ImportError, ValueError) as exc:
        raise ChartError(f"chart module {dotted!r} cannot be found: {exc}") from exc
    if spec is None or spec.origin is None or not Path(spec.origin).is_file():
        raise ChartError(f"chart module {dotted!r} cannot be found")
    return Path(spec.origin)


def _versions() -> str:
    parts = []
    for dist in _VERSIONED:
        try:
            parts.append(f"{dist}=={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}==absent")
    return ";".join(parts)


def source_digest() -> str:
    """SHA-256 over every file of ``flywheel_sims`` and the library versions.

    Useful to key other caches on the simulation code, e.g. mkdocs-jupyter's ``cache_dir``.
    """
    hasher = hashlib.sha256(f"sims;{_versions()}".encode())
    for name, path in _package_files(SIMS_PACKAGE):
        hasher.update(f"\0{name}\0".encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def _digest(chart_id: str, module_file: Path) -> str:
    hasher = hashlib.sha256()
    for part in (f"format={CACHE_FORMAT}", f"chart={chart_id}", source_digest()):
        hasher.update(part.encode() + b"\0")
    hasher.update(b"module\0" + module_file.read_bytes() + b"\0")
    hasher.update(b"engine\0" + Path(__file__).read_bytes())
    return hasher.hexdigest()


# --------------------------------------------------------------------------- building


def _docstring_parts(doc: str | None, chart_id: str) -> tuple[str, str]:
    text = inspect.cleandoc(doc or "")
    if not text:
        raise ChartError(f"chart {chart_id!r}: the module has no docstring (title + description)")
    first, _, rest = text.partition("\n")
    return " ".join(first.split()), " ".join(rest.split())


def _vl_version() -> str | None:
    """The Vega-Lite version Altair writes, as vl-convert names it (e.g. '6.4'), if known."""
    import altair as alt
    import vl_convert as vlc

    match = re.match(r"v?(\d+)\.(\d+)", alt.SCHEMA_VERSION)
    if match is None:
        return None
    version = f"{match[1]}.{match[2]}"
    return version if version in vlc.get_vegalite_versions() else None


def _render_svg(spec: dict[str, Any], palette: str) -> str:
    import vl_convert as vlc

    theme = THEMES[palette]
    svg: str = vlc.vegalite_to_svg(
        spec,
        vl_version=_vl_version(),
        theme=theme["theme"],
        config=theme["config"],
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
        svg_light=_render_svg(spec, "light"),
        svg_dark=_render_svg(spec, "dark"),
        csv=_datasets_csv(spec),
    )


# --------------------------------------------------------------------------- cache

_TEXT_FIELDS = {
    "spec_json": "spec.vl.json",
    "svg_light": "light.svg",
    "svg_dark": "dark.svg",
    "csv": "data.csv",
}


def _write_entry(entry: Path, assets: ChartAssets) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name[:16]}-", dir=entry.parent))
    try:
        for field, name in _TEXT_FIELDS.items():
            (tmp / name).write_bytes(getattr(assets, field).encode("utf-8"))
        meta = {k: v for k, v in asdict(assets).items() if k not in _TEXT_FIELDS}
        (tmp / "meta.json").write_text(json.dumps(meta, sort_keys=True), encoding="utf-8")
        os.replace(tmp, entry)
    except OSError:
        if not entry.is_dir():  # a concurrent build that won the race is fine
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_entry(entry: Path, chart_id: str, digest: str) -> ChartAssets | None:
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        texts = {f: (entry / n).read_bytes().decode("utf-8") for f, n in _TEXT_FIELDS.items()}
    except (OSError, ValueError):
        return None
    if meta.get("chart_id") != chart_id or meta.get("digest") != digest:
        return None
    return ChartAssets(
        chart_id=chart_id, title=meta["title"], description=meta["description"],
        digest=digest, **texts,
    )


def build_chart(
    chart_id: str, cache_dir: Path, *, registry: Mapping[str, str] | None = None
) -> ChartAssets:
    """Build one chart's assets, or read them from ``cache_dir/<digest>/`` when cached.

    ``registry`` maps chart ids to dotted module paths; it defaults to
    ``flywheel_sims.charts.CHARTS``. Raises ``ChartError`` for an unknown id or a chart that
    fails, naming the chart.
    """
    charts = _registry(registry)
    if chart_id not in charts:
        known = ", ".join(sorted(charts)) or "none"
        raise ChartError(f"unknown chart id {chart_id!r} (known: {known})")
    dotted = charts[chart_id]
    digest = _digest(chart_id, _module_file(dotted))
    entry = Path(cache_dir) / digest
    cached = _read_entry(entry, chart_id, digest)
    if cached is not None:
        return cached
    shutil.rmtree(entry, ignore_errors=True)  # a damaged entry is rebuilt
    assets = _fresh(chart_id, dotted, digest)
    _write_entry(entry, assets)
    return assets


def prune_cache(cache_dir: Path, keep: Iterable[str]) -> list[str]:
    """Delete cache entries whose digest is not in ``keep``; return the deleted digests."""
    keep = set(keep)
    removed: list[str] = []
    root = Path(cache_dir)
    if not root.is_dir():
        return removed
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and re.fullmatch(r"[0-9a-f]{64}", entry.name) and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


# --------------------------------------------------------------------------- output


def _asset_paths(chart_id: str) -> dict[str, str]:
    base = f"{CHARTS_URL}{chart_id}"
    return {
        "spec_json": f"{base}.vl.json",
        "svg_light": f"{base}.light.svg",
        "svg_dark": f"{base}.dark.svg",
        "csv": f"{base}.csv",
    }


def chart_files(assets: ChartAssets) -> dict[str, str]:
    """Site-relative path -> text for the files of one chart, under ``assets/charts/``."""
    return {path: getattr(assets, field) for field, path in _asset_paths(assets.chart_id).items()}


_SVG_TAG = re.compile(r"<svg\b[^>]*>", re.S)
_SVG_ATTR = re.compile(r'\b(width|height)="(\d+(?:\.\d+)?)(?:px)?"')


def _svg_size(svg: str) -> tuple[int, int]:
    tag = _SVG_TAG.search(svg)
    if tag is None:
        return (0, 0)
    attrs = dict(_SVG_ATTR.findall(tag.group(0)))
    try:
        return (round(float(attrs["width"])), round(float(attrs["height"])))
    except KeyError:
        return (0, 0)


def figure_html(assets: ChartAssets, root: str) -> str:
    """The ``<figure>`` for a page: both static SVGs, a caption and links to CSV and JSON.

    The SVG for the palette not in use is hidden by Material's own ``#only-light`` /
    ``#only-dark`` image rules; ``charts.css`` lays the figure out.

    ``root`` is the relative URL from the page to the site root (e.g. ``"../../"``). The
    output has no blank lines and no indentation, so it stays one raw HTML block in Markdown.
    """
    esc = functools.partial(html.escape, quote=True)
    urls = {k: esc(root + v) for k, v in _asset_paths(assets.chart_id).items()}
    width, height = assets.size
    size = f' width="{width}" height="{height}"' if width and height else ""
    alt = esc(assets.description or assets.title)
    cid = esc(assets.chart_id)

    def img(palette: str, field: str) -> str:
        # Material hides img[src$="#only-dark"] on its default palette and "#only-light"
        # on slate, so the right image shows even before charts.css or without JavaScript.
        return (
            f'<img class="fg-chart__img fg-chart__img--{palette}"'
            f' src="{urls[field]}#only-{palette}"{size} alt="{alt}"'
            ' loading="lazy" decoding="async">'
        )

    description = (
        f'<br><span class="fg-chart__description">{esc(assets.description)}</span>'
        if assets.description
        else ""
    )
    return "\n".join(
        [
            f'<figure class="fg-chart" id="chart-{cid}" data-spec="{urls["spec_json"]}">',
            '<div class="fg-chart__static">',
            img("light", "svg_light"),
            img("dark", "svg_dark"),
            "</div>",
            chart_table.details_html(assets.csv, assets.title),  # charts10 hook (issue 10)
            "<figcaption>"
            f'<strong class="fg-chart__title">{esc(assets.title)}</strong>{description}'
            '<br><span class="fg-chart__links">'
            f'<a href="{urls["csv"]}" download="{cid}.csv">Data (CSV)</a> · '
            f'<a href="{urls["spec_json"]}">Vega-Lite spec (JSON)</a>'
            "</span></figcaption>",
            "</figure>",
        ]
    )


# The bundle's entry point: expose the three libraries as globals for charts.js.
_BUNDLE_SNIPPET = "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite; window.vega = vega;"


@functools.lru_cache(maxsize=4)
def _bundle(vl_version: str | None, vlc_version: str) -> str:
    import vl_convert as vlc

    bundle: str = vlc.javascript_bundle(_BUNDLE_SNIPPET, vl_version=vl_version)
    return bundle


def _vega_bundle(cache_dir: Path | None) -> str:
    """vl-convert's Vega + Vega-Lite + vega-embed bundle (~1.7 s to make, so cached).

    The cache file is named by the vl-convert and Altair versions, read from package
    metadata, so a hit imports neither library.
    """
    vlc_version = importlib.metadata.version("vl-convert-python")
    if cache_dir is None:
        return _bundle(_vl_version(), vlc_version)
    altair_version = importlib.metadata.version("altair")
    path = Path(cache_dir) / f"vega-bundle-vlc{vlc_version}-altair{altair_version}.js"
    try:
        return path.read_bytes().decode("utf-8")
    except OSError:
        pass
    bundle = _bundle(_vl_version(), vlc_version)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(bundle.encode("utf-8"))
    os.replace(tmp, path)
    return bundle


def static_files(cache_dir: Path | None = None) -> dict[str, str]:
    """The chart runtime, site-relative path -> text: the Vega bundle, charts.js, charts.css.

    ``charts.js`` is prefixed with the palette themes (``THEMES``) so the interactive charts
    match the static SVGs. Pass ``cache_dir`` to keep the generated Vega bundle on disk.
    """
    themes = json.dumps(THEMES, sort_keys=True, separators=(",", ":"))
    script = (_ASSETS / "charts.js").read_text(encoding="utf-8")
    return {
        BUNDLE_PATH: _vega_bundle(cache_dir),
        SCRIPT_PATH: f"window.FG_CHART_THEMES = {themes};\n{script}",
        STYLE_PATH: (_ASSETS / "charts.css").read_text(encoding="utf-8"),
    }


def script_tags(root: str) -> str:
    """Deferred ``<script>`` tags for a page with charts (the bundle, then charts.js)."""
    esc = functools.partial(html.escape, quote=True)
    return "".join(
        # charts10 hook (issue 10): charts.js loads the bundle itself when a chart nears view.
        f'<script defer src="{esc(root + path)}"></script>' for path in (SCRIPT_PATH,)
    )


def stylesheet_tags(root: str) -> str:
    """The ``<link>`` for charts.css, for a page's head if it is not in ``extra_css``."""
    return f'<link rel="stylesheet" href="{html.escape(root + STYLE_PATH, quote=True)}">'
