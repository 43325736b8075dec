"""Chart files: each used chart's SVGs, spec and CSV, and the chart runtime.

The Vega bundle and charts.js only when some term shows a chart (the charts' styles are in
the readers' stylesheet, :mod:`glossary_site.emit.reader_scripts`).
"""

from __future__ import annotations

from glossary_site.charts import runtime
from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files


def used_charts(glossary: Glossary) -> list[str]:
    """The chart ids that some section names, sorted."""
    return sorted({s.chart for t in glossary.terms.values() for s in t.sections if s.chart})


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """The files of every built chart and the runtime they need."""
    if options.charts is None or not options.chart_assets:
        return {}
    files = runtime.static_files(options.charts.cache)
    for assets in options.chart_assets.values():
        files.update(runtime.chart_files(assets))
    return files
