"""Term pages: ``terms/<slug>.md`` for every term, from ``templates/term.md.j2``.

A page is Markdown only for its headings; the rest is finished HTML: each Markdown field as
the engine rendered and cleaned it (:mod:`glossary_site.render`), and the engine's own
blocks (summary, lists, lesson call-outs, sources, charts), autoescaped from
``term-parts.html.j2``. The term's local graph is a figure of its own, which the theme
places after the page's text (:meth:`~glossary_site.emit.graph.ConceptGraph.local_svg`): kept
out of the text, it is neither read by the Markdown renderer nor indexed for search. So is
the phones' "Contents" list, which the theme draws from the page's own headings
(``overrides/main.html``).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from glossary_site.build.urls import root_from_term, term_path, term_to_term
from glossary_site.charts.runtime import figure_html, script_tags
from glossary_site.content.resolve import Glossary
from glossary_site.emit import EmitOptions, Files, item, lesson_view
from glossary_site.emit.cite_term import citations
from glossary_site.emit.search import TERM_BOOST
from glossary_site.emit.wayfinding import az_letter
from glossary_site.render.templating import HTML, MARKDOWN

_PARTS = HTML.get_template("term-parts.html.j2").module


def _items(glossary: Glossary, slugs: list[str], directory_urls: bool) -> list[dict[str, str]]:
    return [{**item(glossary, s), "href": term_to_term(s, directory_urls)}
            for s in slugs if s in glossary.terms]


def render_term(glossary: Glossary, slug: str, options: EmitOptions) -> str:
    """Render one term page."""
    term = glossary.terms[slug]
    urls = options.directory_urls
    root = root_from_term(urls)
    html = glossary.html.get(slug, {})
    built = options.chart_assets
    charts = [s.chart for s in term.sections if s.chart]
    figures = {c: Markup(figure_html(built[c], root, options.chart_pages.get(c)))
               if c in built else "" for c in charts}
    related = _items(glossary, term.related, urls)
    mentions = _items(glossary, glossary.mentions.get(slug, []), urls)
    lesson_root = f"{root}lessons/"
    lessons: list[tuple[dict[str, Any], str]] = [
        (lesson_view(glossary.lessons[i], options),
         f"{lesson_root}{i}/" if urls else f"{lesson_root}{i}.html")
        for i in term.lessons if i in glossary.lessons]
    return MARKDOWN.get_template("term.md.j2").render(
        slug=slug, term=term, parts=_PARTS, search_boost=TERM_BOOST,
        definition=Markup(html.get(("definition",), "")),
        sections=[(s, Markup(html.get(("sections", i, "body"), "")))
                  for i, s in enumerate(term.sections)],
        figures=figures, scripts=script_tags(root) if any(figures.values()) else "",
        related=related, mentions=mentions,
        home=root if urls else f"{root}index.html", letter=az_letter(term.term),
        lessons=lessons, cite=citations(slug, term, options.site_name, options.site_url))


def emit(glossary: Glossary, options: EmitOptions) -> Files:
    """One Markdown page per term."""
    return {term_path(slug): render_term(glossary, slug, options) for slug in glossary.terms}
