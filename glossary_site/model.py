"""The content model: what a term file and the lessons file may contain.

Pydantic models define the shape (required fields, types, unknown keys forbidden);
:mod:`glossary_site.validate` turns their errors into ``path:line`` problems and adds the
content rules that need more than one field.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SUMMARY_MAX = 200

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Url = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^https?://[^\s/]+\.[^\s]*$")]


class Level(StrEnum):
    """How much a reader needs to know first."""

    introductory = "introductory"
    intermediate = "intermediate"
    advanced = "advanced"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Section(_Strict):
    """A titled part of a term page, optionally carrying a chart."""

    title: Text
    body: Text
    id: Slug | None = None
    chart: Slug | None = None

    @property
    def anchor(self) -> str:
        """The stable anchor of the section: its ``id`` or its slugified title."""
        return self.id or slugify(self.title)


class Source(_Strict):
    """A cited source: a title and an http(s) URL."""

    title: Text
    url: Url


class Term(_Strict):
    """One glossary term, as written in ``glossary/<slug>.yaml``."""

    term: Text
    summary: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=SUMMARY_MAX)]
    definition: Text
    sections: list[Section] = Field(default_factory=list)
    related: list[Slug] = Field(default_factory=list)
    aliases: list[Text] = Field(default_factory=list)
    tags: list[Text] = Field(default_factory=list)
    level: Level
    lessons: list[Slug] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    former_slugs: list[Slug] = Field(default_factory=list)
    """Slugs this term had before a rename; their URLs redirect here."""
    autolink: bool | list[Text] = True
    """Which of this term's names other terms' text links automatically (first mention per
    section): ``true`` (the name and every alias), ``false`` (none; ``[[slug]]`` links still
    work) or a list of the names and aliases that are linked, to leave out an ambiguous one."""


class Lesson(_Strict):
    """A course lesson that term pages link to."""

    id: Slug
    title: Text
    level: Text
    url: Text


class LessonsFile(_Strict):
    """The shape of ``glossary/lessons.yaml``."""

    lessons: list[Lesson]


TERM_KEYS = tuple(Term.model_fields)
SECTION_KEYS = tuple(Section.model_fields)


def slugify(text: str) -> str:
    """Lowercase ``text`` and join its words with hyphens, for anchors and tag URLs."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
