"""Render a :class:`~glossary_site.resolve.Glossary` into Markdown pages and data files.

Templates live in ``glossary_site/templates``. Plain-text fields are HTML-escaped; Markdown
fields were checked for raw HTML by :mod:`glossary_site.validate`. Output paths are the URL
contract: ``terms/<slug>.md`` becomes ``/terms/<slug>/``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from .model import Lesson
from .resolve import Glossary
from .wayfinding import az_context  # A–Z items with level and tags

FigureFn = Callable[[str, str], str]
"""(chart id, root URL of the site relative to the page) → the chart's ``<figure>`` HTML."""


@dataclass(frozen=True)
class RenderOptions:
    """Settings that shape the rendered pages."""

    lesson_base_url: str = ""
    site_url: str = ""
    figure: FigureFn | None = None
    scripts: Callable[[str], str] | None = None


def _env() -> Environment:
    # Markdown heading ids are written "{#id}", so Jinja comments use "{##" instead.
    return Environment(loader=PackageLoader("glossary_site", "templates"), autoescape=False,
                       trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                       undefined=StrictUndefined, comment_start_string="{##",
                       comment_end_string="##}")


_ENV = _env()


def term_path(slug: str) -> str:
    """Source path of a term page (its URL is ``terms/<slug>/``)."""
    return f"terms/{slug}.md"


def lesson_href(lesson: Lesson, base_url: str) -> str:
    """The course URL of a lesson: absolute URLs as given, relative ones joined to the base."""
    if "://" in lesson.url or not base_url:
        return lesson.url
    return base_url.rstrip("/") + "/" + lesson.url.lstrip("/")


def _item(glossary: Glossary, slug: str) -> dict[str, str]:
    term = glossary.terms[slug]
    return {"slug": slug, "term": term.term, "summary": term.summary}


def _lesson(lesson: Lesson, options: RenderOptions, count: int = 0) -> dict[str, Any]:
    return {"id": lesson.id, "title": lesson.title, "level": lesson.level,
            "href": lesson_href(lesson, options.lesson_base_url), "count": count}


def render_term(glossary: Glossary, slug: str, options: RenderOptions) -> str:
    """Render one term page as Markdown."""
    term = glossary.terms[slug]
    root = "../../"
    charts = [s.chart for s in term.sections if s.chart]
    figure = options.figure
    figures = {c: (figure(c, root) if figure else "") for c in charts}
    scripts = options.scripts(root) if (charts and options.scripts) else ""
    return _ENV.get_template("term.md.j2").render(
        slug=slug, term=term, figures=figures, scripts=scripts,
        related=[_item(glossary, s) for s in term.related if s in glossary.terms],
        backlinks=[_item(glossary, s) for s in glossary.backlinks.get(slug, [])],
        lessons=[_lesson(glossary.lessons[i], options) for i in term.lessons
                 if i in glossary.lessons],
    )


def render_az(glossary: Glossary, root: str = "", directory_urls: bool = True) -> str:
    """Render the A–Z index (HTML lists linking term pages from a page at ``root``)."""
    return _ENV.get_template("az.md.j2").render(**az_context(glossary, root, directory_urls))


def render_lessons(glossary: Glossary, options: RenderOptions) -> dict[str, str]:
    """Render the lessons index and one page per lesson."""
    pages = {}
    lessons = sorted(glossary.lessons.values(), key=lambda lesson: lesson.title.casefold())
    pages["lessons/index.md"] = _ENV.get_template("lessons-index.md.j2").render(
        lessons=[_lesson(x, options, len(glossary.terms_for_lesson(x.id))) for x in lessons])
    for lesson in lessons:
        pages[f"lessons/{lesson.id}.md"] = _ENV.get_template("lesson.md.j2").render(
            lesson=_lesson(lesson, options),
            terms=[_item(glossary, s) for s in glossary.terms_for_lesson(lesson.id)])
    return pages


def render_terms_json(glossary: Glossary, options: RenderOptions) -> str:
    """Render ``terms.json``: slug, term, summary, path, url and lessons of every term."""
    base = options.site_url.rstrip("/") + "/" if options.site_url else ""
    rows = []
    for slug in glossary.slugs_by_name():
        term = glossary.terms[slug]
        path = f"terms/{slug}/"
        rows.append({"slug": slug, "term": term.term, "summary": term.summary,
                     "aliases": term.aliases, "path": path, "url": base + path,
                     "lessons": term.lessons, "tags": term.tags})
    return json.dumps({"version": 1, "terms": rows}, ensure_ascii=False, indent=1) + "\n"


REDIRECT = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{name}</title>
<link rel="canonical" href="../{slug}/">
<meta http-equiv="refresh" content="0; url=../{slug}/">
<script>location.replace("../{slug}/" + location.hash);</script>
</head>
<body><p>This term has moved to <a href="../{slug}/">{name}</a>.</p></body>
</html>
"""


def render_redirects(glossary: Glossary) -> dict[str, str]:
    """Redirect pages from each former slug's URL to the term's current URL (anchors kept)."""
    pages = {}
    for slug, term in glossary.terms.items():
        for old in term.former_slugs:
            name = html.escape(term.term)
            pages[f"terms/{old}/index.html"] = REDIRECT.format(slug=slug, name=name)
    return pages


def render_pages(glossary: Glossary, options: RenderOptions) -> dict[str, str]:
    """Render every generated page: source path → Markdown."""
    pages = {term_path(slug): render_term(glossary, slug, options) for slug in glossary.terms}
    pages.update(render_lessons(glossary, options))
    pages.update(render_redirects(glossary))
    return pages
