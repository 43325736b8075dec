"""The readers' scripts and styles: preview cards, typo-tolerant search, way-finding."""

from __future__ import annotations

from .. import previews, search, wayfinding
from ..resolve import Glossary
from . import EmitOptions, Files


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """Previews, search and way-finding (A–Z filter, phone contents) assets: fixed files."""
    return {**previews.asset_files(), **search.asset_files(), **wayfinding.asset_files()}
