"""The readers' scripts and styles: typo-tolerant search, way-finding.

The preview cards are ``embed.js`` (``glossary_site.embed``), which the site loads too.
"""

from __future__ import annotations

from .. import search, wayfinding
from ..resolve import Glossary
from . import EmitOptions, Files


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """Search and way-finding (A–Z filter, phone contents) assets: fixed files."""
    return {**search.asset_files(), **wayfinding.asset_files()}
