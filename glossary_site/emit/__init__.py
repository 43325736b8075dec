"""Emitters: small units that turn the resolved glossary into files.

An emitter is a function ``emit(glossary, options) -> {path: content}``; the path is
relative to the site (``terms/<slug>.md`` becomes ``/terms/<slug>/``). :mod:`glossary_site.
pipeline` lists the emitters in order; adding a feature means adding an emitter there.
Emitters do not import MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from glossary_site.charts.registry import DEFAULT_SIMULATIONS

if TYPE_CHECKING:
    from glossary_site.build.cache import Cache
    from glossary_site.charts import ChartAssets, ModelPage
    from glossary_site.content.model import Lesson
    from glossary_site.content.resolve import Glossary
    from glossary_site.emit.graph import ConceptGraph

Files = Mapping[str, str | bytes]
"""Site-relative path → content (text, or bytes for images)."""


@dataclass(frozen=True)
class ChartSettings:
    """Where charts come from and where their built assets are cached."""

    cache: Cache
    """The build's cache: built charts are kept there."""
    simulations: str = DEFAULT_SIMULATIONS


@dataclass(frozen=True)
class EmitOptions:
    """Settings shared by every emitter."""

    lesson_base_url: str = ""
    """Base URL that relative lesson URLs are joined to."""
    site_url: str = ""
    """The published address; makes the URLs in ``terms.json`` absolute."""
    charts: ChartSettings | None = None
    """Chart settings; ``None`` turns charts off."""
    chart_assets: Mapping[str, ChartAssets] = field(default_factory=dict)
    """The built charts the glossary uses, by id (filled in by the pipeline)."""
    chart_pages: Mapping[str, ModelPage] = field(default_factory=dict)
    """The page that explains how each chart is made, by chart id; a figure links it."""
    site_name: str = ""
    """The site's name, for sharing cards."""
    site_description: str = ""
    """The site's description, for sharing cards."""
    share_images: Cache | None = None
    """The cache the sharing images (PNG) are kept in; ``None``: no sharing images."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: how HTML the engine writes links pages."""
    concept: ConceptGraph | None = None
    """The concept graph, when the caller made it (the plugin draws from it later too)."""


Emitter = Callable[["Glossary", EmitOptions], Files]


def item(glossary: Glossary, slug: str) -> dict[str, str]:
    """What a list of terms shows of one term: slug, name and summary."""
    term = glossary.terms[slug]
    return {"slug": slug, "term": term.term, "summary": term.summary}


def lesson_href(lesson: Lesson, base_url: str) -> str:
    """The course URL of a lesson, or ``""`` when no course is configured.

    The course's address is configuration (the plugin's ``lesson_base_url``, unset by
    default): without it there is no course link and pages link our own lesson page.
    With it, absolute URLs are kept as given and relative ones joined to the base.
    """
    if not base_url:
        return ""
    if "://" in lesson.url:
        return lesson.url
    return base_url.rstrip("/") + "/" + lesson.url.lstrip("/")


def lesson_view(lesson: Lesson, options: EmitOptions, count: int = 0) -> dict[str, Any]:
    """What a page shows of one lesson: id, title, level, course URL and number of terms."""
    return {"id": lesson.id, "title": lesson.title, "level": lesson.level,
            "href": lesson_href(lesson, options.lesson_base_url), "count": count}
