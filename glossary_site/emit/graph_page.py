"""The concept graph: the Graph page (``graph.md``, the whole graph drawn into it) and the
graph's script and stylesheet. Each term's neighbourhood is drawn into its own page by
:mod:`.term_pages`."""

from __future__ import annotations

from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files
from glossary_site.emit.graph import ConceptGraph, graph_files


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """``graph.md`` and the graph assets (the concept from the options, or made here)."""
    concept = options.concept or ConceptGraph.from_glossary(glossary)
    return graph_files(concept, options.directory_urls)
