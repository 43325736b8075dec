"""Term pages: ``terms/<slug>.md`` for every term, from ``templates/term.md.j2``."""

from __future__ import annotations

from ..charts.runtime import figure_html, script_tags
from ..graph import LOCAL_MARKER
from ..links import with_links
from ..resolve import Glossary
from ..search import TERM_BOOST
from ..templating import HTML, MARKDOWN
from ..wayfinding import PHONE_TOC_MARKER
from . import EmitOptions, Files, item, lesson_view

ROOT = "../../"
"""The relative URL from a term page (``/terms/<slug>/``) to the site root."""


def term_path(slug: str) -> str:
    """Source path of a term page (its URL is ``terms/<slug>/``)."""
    return f"terms/{slug}.md"


def render_term(glossary: Glossary, slug: str, options: EmitOptions) -> str:
    """Render one term page as Markdown."""
    term = with_links(glossary.terms[slug], glossary.links.get(slug))  # in-text links
    built = options.chart_assets
    charts = [s.chart for s in term.sections if s.chart]
    keep = options.keep_html  # engine HTML goes past the sanitiser, content never does
    figures = {c: (keep(figure_html(built[c], ROOT)) if c in built else "") for c in charts}
    scripts = keep(script_tags(ROOT)) if any(c in built for c in charts) else ""
    level = HTML.get_template("term-level.html.j2").render(level=term.level.value).strip()
    return MARKDOWN.get_template("term.md.j2").render(
        slug=slug, term=term, figures=figures, scripts=scripts, search_boost=TERM_BOOST,
        level_html=keep(level),
        # Filled in on the finished page (graph.insert_graphs, wayfinding.insert_phone_toc).
        graph_marker=keep(LOCAL_MARKER), phone_toc_marker=keep(PHONE_TOC_MARKER),
        related=[item(glossary, s) for s in term.related if s in glossary.terms],
        mentions=[item(glossary, s) for s in glossary.mentions.get(slug, [])],
        lessons=[lesson_view(glossary.lessons[i], options) for i in term.lessons
                 if i in glossary.lessons],
    )


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """One Markdown page per term."""
    return {term_path(slug): render_term(glossary, slug, options) for slug in glossary.terms}
