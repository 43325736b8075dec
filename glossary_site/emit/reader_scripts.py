"""The readers' scripts and stylesheet: previews, search, graph, way-finding, charts.

Every page links one stylesheet, :data:`STYLE_PATH`: the engine's styles in one file
(``assets/glossary.css``, then the graph's, way-finding's and the charts'), so a phone
waits for one request beside Material's own before it can paint, not four. The scripts are
deferred (:data:`SCRIPTS`): they run after the page is parsed, never blocking its first
paint. The preview cards are ``embed.js`` (``glossary_site.emit.embed``), which the course's
pages load too.
"""

from __future__ import annotations

from pathlib import Path

from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files, embed, graph, search, wayfinding

STYLE_PATH = "assets/stylesheets/glossary.css"
"""The one stylesheet every page links (site-relative)."""
STYLE_PARTS = ("glossary.css", "graph.css", "wayfinding.css", "charts.css")
"""Its parts, in order, from ``glossary_site/assets/``."""
SCRIPTS = (embed.EMBED_PATH, search.SCRIPT_PATH, graph.SCRIPT_PATH, wayfinding.SCRIPT_PATH)
"""Scripts every page loads, deferred: preview cards (the course embed itself), search, graph
and way-finding (A–Z filter, phone contents)."""
_ASSETS = Path(__file__).parent.parent / "assets"


def stylesheet() -> str:
    """The text of the readers' stylesheet: its parts, each headed by its file name."""
    return "\n".join(f"/* {name} */\n" + (_ASSETS / name).read_text(encoding="utf-8")
                     for name in STYLE_PARTS)


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """The readers' stylesheet, and the search and way-finding scripts: fixed files."""
    return {STYLE_PATH: stylesheet(), **search.asset_files(), **wayfinding.asset_files()}
