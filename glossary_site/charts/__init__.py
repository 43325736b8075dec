"""Charts at build time, in four parts, each with one job.

- :mod:`.registry`: which charts exist, found by listing ``<simulations>.charts``;
- :mod:`.build`: run a chart module once per content hash (the only source in the key),
  rendering its SVGs in the palette themes;
- :mod:`.store`: its entries and the Vega bundle in :mod:`glossary_site.build.cache`, pruning;
- :mod:`.runtime`: what pages load (the bundle, charts.js/css) and the chart HTML.

Imports go one way: runtime → build → store → :mod:`glossary_site.build.cache`.

This package does not import MkDocs; the glossary's charts emitter hands its files on.
"""

from __future__ import annotations

from glossary_site.charts.build import THEMES, ChartAssets, ChartError, build_chart, source_digest
from glossary_site.charts.registry import DEFAULT_SIMULATIONS, chart_ids
from glossary_site.charts.runtime import (
    BUNDLE_PATH,
    SCRIPT_PATH,
    ModelPage,
    chart_files,
    figure_html,
    script_tags,
    static_files,
)
from glossary_site.charts.store import prune_cache

__all__ = [
    "BUNDLE_PATH",
    "DEFAULT_SIMULATIONS",
    "SCRIPT_PATH",
    "THEMES",
    "ChartAssets",
    "ChartError",
    "ModelPage",
    "build_chart",
    "chart_files",
    "chart_ids",
    "figure_html",
    "prune_cache",
    "script_tags",
    "source_digest",
    "static_files",
]
