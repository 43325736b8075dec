"""The readers' scripts and styles: typo-tolerant search, way-finding.

The preview cards are ``embed.js`` (``glossary_site.embed``), which the site loads too.
"""

from __future__ import annotations

from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files, embed, graph, search, wayfinding

STYLESHEETS = (graph.STYLE_PATH, wayfinding.STYLE_PATH)
"""Stylesheets every page links (site-relative), in order."""
SCRIPTS = (embed.EMBED_PATH, search.SCRIPT_PATH, graph.SCRIPT_PATH, wayfinding.SCRIPT_PATH)
"""Scripts every page loads: preview cards (the course embed itself), search, graph and
way-finding (A–Z filter, phone contents)."""


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """Search and way-finding (A–Z filter, phone contents) assets: fixed files."""
    return {**search.asset_files(), **wayfinding.asset_files()}
