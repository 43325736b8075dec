"""An Altair renderer for the notebook pages: static charts in both palettes, with alt text.

Altair's ``svg`` renderer gives Jupyter (and so mkdocs-jupyter) one SVG on a white
background, which nbconvert shows as an image with the alt text "No description has been
provided for this image". This renderer returns HTML instead: two static SVG images
rendered by vl-convert, one per Material palette (the site's ``charts.THEMES``), whose URLs
end in ``#only-light`` / ``#only-dark`` so Material shows the one for the reader's palette,
and whose alt text is the chart's ``description``. Nothing is fetched from the network and
no JavaScript is needed.

A notebook calls ``enable()`` once, then sets ``description=`` on each chart it shows.

The notebook page cache (:mod:`glossary_site.notebooks`) is salted with the engine's files,
this one among them, and with the simulation package, so changing either re-executes the
notebooks. The palettes are the site's (``glossary_site.charts.THEMES``), imported when a
chart is rendered.
"""

from __future__ import annotations

import base64
import html
import re
from typing import Any

from flywheel_sims.charts._style import LABEL_SIZE, LEGEND_LABEL_LIMIT, LEGEND_SIZE, TITLE_SIZE

__all__ = ["RENDERER", "enable", "render"]

RENDERER = "glossary"
# The site's chart text sizes (_style), so notebook charts read the same on a phone.
_TEXT = {"labelFontSize": LABEL_SIZE, "titleFontSize": TITLE_SIZE, "titleFontWeight": "normal"}
_SIZE = re.compile(r'<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"')


def _svg(spec: dict[str, Any], palette: str) -> str:
    from glossary_site.charts.build import THEMES, render_svg

    theme = THEMES[palette]["config"]
    return render_svg(spec, palette, {
        **theme, "axis": {**theme.get("axis", {}), **_TEXT},
        "legend": {**theme.get("legend", {}), "labelFontSize": LEGEND_SIZE,
                   "titleFontSize": LEGEND_SIZE, "labelLimit": LEGEND_LABEL_LIMIT}})


def render(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    """The MIME bundle for ``spec``: HTML with one image per palette, and plain text."""
    alt = str(spec.get("description") or spec.get("title") or "Chart")
    images = []
    for palette in ("light", "dark"):
        svg = _svg(spec, palette)
        size = _SIZE.search(svg)
        dims = f' width="{size[1]}" height="{size[2]}"' if size else ""
        data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
        images.append(
            f'<img class="fg-nb-chart__img" src="data:image/svg+xml;base64,{data}#only-{palette}"'
            f'{dims} alt="{html.escape(alt, quote=True)}">'
        )
    return {
        "text/html": f'<div class="fg-nb-chart">{"".join(images)}</div>',
        "text/plain": f"<Chart: {alt}>",
    }


def enable() -> None:
    """Register this renderer with Altair and make it the active one."""
    import altair as alt

    alt.renderers.register(RENDERER, render)
    alt.renderers.enable(RENDERER)
