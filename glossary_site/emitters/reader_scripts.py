"""The readers' scripts and styles: preview cards on term links, typo-tolerant search."""

from __future__ import annotations

from .. import previews, search
from ..resolve import Glossary
from . import EmitOptions, Files


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """``previews.js``/``previews.css`` and ``search.js`` (the same for every glossary)."""
    return {**previews.asset_files(), **search.asset_files()}
