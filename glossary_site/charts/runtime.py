"""What pages need to show charts: the Vega bundle and charts.js (with the palette themes),
and the HTML that places a chart (figure) or the scripts on a page.

The HTML comes from autoescaped templates (``chart-*.html.j2``). Paths are site-relative;
a page passes ``root``, the relative URL from itself to the site root (e.g. ``"../../"``).
A figure can link the page that explains how its chart is made (:class:`ModelPage`).
"""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path
from typing import NamedTuple

from markupsafe import Markup

from glossary_site import chart_table
from glossary_site.build.cache import Cache
from glossary_site.charts import store
from glossary_site.charts.build import THEMES, ChartAssets, vl_version
from glossary_site.render import templating

CHARTS_URL = "assets/charts/"
BUNDLE_PATH = "assets/javascripts/vega-bundle.js"
SCRIPT_PATH = "assets/javascripts/charts.js"

_ASSETS = Path(__file__).resolve().parent.parent / "assets"

_FIELDS = {"spec_json": "vl.json", "svg_light": "light.svg", "svg_dark": "dark.svg",
           "csv": "csv"}


def asset_paths(chart_id: str) -> dict[str, str]:
    """Site-relative path of each file of a chart, by :class:`ChartAssets` field."""
    return {field: f"{CHARTS_URL}{chart_id}.{suffix}" for field, suffix in _FIELDS.items()}


def chart_files(assets: ChartAssets) -> dict[str, str]:
    """Site-relative path → text for the files of one chart, under ``assets/charts/``."""
    return {path: getattr(assets, field) for field, path in asset_paths(assets.chart_id).items()}


class ModelPage(NamedTuple):
    """The page that explains how a chart is made (the model behind it)."""

    url: str
    """The page's URL from the site root, as MkDocs makes it for the site's
    ``use_directory_urls`` (``simulations/flywheel/`` or ``simulations/flywheel.html``)."""
    title: str
    """The page's title, the text of the link."""


def figure_html(assets: ChartAssets, root: str, model: ModelPage | None = None) -> str:
    """The ``<figure>`` for a page: both static SVGs, a caption and links to CSV and JSON,
    and with ``model`` a link to the page that explains how the chart is made.

    The output has no blank lines and no indentation, so it stays one raw HTML block in
    Markdown; ``assets/charts.css`` (in the readers' stylesheet) lays it out.
    """
    width, height = assets.size
    urls = {field: root + path for field, path in asset_paths(assets.chart_id).items()}
    return templating.HTML.get_template("chart-figure.html.j2").render(
        chart_id=assets.chart_id, urls=urls, width=width, height=height,
        alt=assets.description or assets.title, title=assets.title,
        description=assets.description,
        model={"href": root + model.url, "title": model.title} if model else None,
        table=Markup(chart_table.details_html(assets.csv, assets.title,
                                              spec=json.loads(assets.spec_json)))).strip()


def script_tags(root: str) -> str:
    """The deferred ``<script>`` tag of charts.js for a page with charts.

    charts.js loads the Vega bundle itself (from beside it) only when a chart nears the
    viewport, so the bundle is not a tag of its own.
    """
    return templating.HTML.get_template("chart-scripts.html.j2").render(
        sources=[root + SCRIPT_PATH]).strip()


# The bundle's entry point: expose the three libraries as globals for charts.js.
_BUNDLE_SNIPPET = "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite; window.vega = vega;"


def _make_bundle() -> str:
    import vl_convert as vlc

    bundle: str = vlc.javascript_bundle(_BUNDLE_SNIPPET, vl_version=vl_version())
    return bundle


def vega_bundle(cache: Cache | None) -> str:
    """vl-convert's Vega + Vega-Lite + vega-embed bundle (~1.5 s to make, so cached).

    The cache entry is named by the vl-convert and Altair versions, read from package
    metadata, so a hit imports neither library.
    """
    if cache is None:
        return _make_bundle()
    versions = (f"vlc{importlib.metadata.version('vl-convert-python')}"
                f"-altair{importlib.metadata.version('altair')}")
    return store.cached_bundle(cache, versions, _make_bundle)


def static_files(cache: Cache | None = None) -> dict[str, str]:
    """The chart runtime, site-relative path → text: the Vega bundle and charts.js.

    ``charts.js`` is prefixed with the palette themes (``THEMES``) so the interactive charts
    match the static SVGs. Pass the build's cache to keep the generated Vega bundle across
    builds.
    """
    themes = json.dumps(THEMES, sort_keys=True, separators=(",", ":"))
    script = (_ASSETS / "charts.js").read_text(encoding="utf-8")
    return {
        BUNDLE_PATH: vega_bundle(cache),
        SCRIPT_PATH: f"window.FG_CHART_THEMES = {themes};\n{script}",
    }
