"""The concept graph: the Graph page (``graph.md``) and the graph's script and stylesheet.

Each term's neighbourhood and the whole graph are drawn here too, ahead of time, and placed
into the finished pages by :func:`glossary_site.graph.insert_graphs`.
"""

from __future__ import annotations

from ..graph import ConceptGraph, graph_files
from ..resolve import Glossary
from . import EmitOptions, Files


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """``graph.md`` and the graph assets (the concept from the options, or made here)."""
    concept = options.concept or ConceptGraph.from_glossary(glossary)
    return graph_files(concept, options.directory_urls, keep=options.keep_html)
