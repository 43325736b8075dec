"""Resolve validated terms into a :class:`Glossary`: names, links, backlinks, lessons, tags.

Checks that need every file at once live here: two files claiming one name, related slugs
and lesson ids that do not exist (with a suggestion), one-way related links, orphans.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .links import TermLinks, resolve_links
from .load import RawEntry
from .model import Lesson, Term
from .problems import Problem, Suggester

if TYPE_CHECKING:  # memo.py reads the glossary's modules: no import at run time
    from .memo import Memo


@dataclass
class Glossary:
    """Every term and lesson, cross-referenced, ready to render."""

    terms: dict[str, Term]
    paths: dict[str, str]
    lessons: dict[str, Lesson] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, TermLinks] = field(default_factory=dict)
    """Each term's text with in-text links applied (:mod:`glossary_site.links`)."""
    mentions: dict[str, list[str]] = field(default_factory=dict)
    """Slug → terms whose text links it, minus its related terms ("Mentioned in")."""

    def slugs_by_name(self) -> list[str]:
        """Slugs ordered A–Z by display name (case-insensitive)."""
        return sorted(self.terms, key=lambda s: (self.terms[s].term.casefold(), s))

    def terms_for_lesson(self, lesson_id: str) -> list[str]:
        """Slugs of the terms that link ``lesson_id``, A–Z."""
        return [s for s in self.slugs_by_name() if lesson_id in self.terms[s].lessons]

    def tags(self) -> dict[str, list[str]]:
        """Tag → slugs A–Z, tags sorted."""
        out: dict[str, list[str]] = defaultdict(list)
        for slug in self.slugs_by_name():
            for tag in self.terms[slug].tags:
                out[tag].append(slug)
        return dict(sorted(out.items()))


def name_key(name: str) -> str:
    """What two names must share to be "the same name": their words, case-folded.

    Not the anchor slug (pymdownx's drops markup, so two different names full of tags
    would collide): punctuation and spacing are ignored, everything else counts.
    """
    words = re.findall(r"\w+", name.casefold())
    return " ".join(words) if words else name.casefold()


def _names(entries: list[tuple[RawEntry, Term]]) -> list[Problem]:
    problems: list[Problem] = []
    claimed: dict[str, tuple[str, int, str]] = {}
    for entry, term in entries:
        names: list[tuple[tuple[str | int, ...], str, str]] = [(("term",), term.term, "term")]
        names += [(("aliases", i), alias, "alias") for i, alias in enumerate(term.aliases)]
        for loc, name, kind in names:
            key = name_key(name)
            line = entry.line(loc)
            if key in claimed and claimed[key][0] != entry.path:
                other_path, other_line, other_kind = claimed[key]
                problems.append(Problem(entry.path, line, f"{kind} '{name}' is already claimed as "
                                        f"{other_kind} by {other_path}:{other_line}"))
            else:
                claimed.setdefault(key, (entry.path, line, kind))
    return problems


def resolve(entries: list[tuple[RawEntry, Term]], lessons: list[Lesson],
            lessons_path: str = "glossary/lessons.yaml", broken: Collection[str] = (),
            links_memo: Memo | None = None) -> tuple[Glossary, list[Problem]]:
    """Cross-reference terms and lessons; return the glossary and every problem found.

    ``broken`` names slugs whose files exist but failed to load: links to them are not
    reported again (their own problems already are). ``links_memo`` keeps each field's
    links for the next build (:func:`~glossary_site.links.resolve_links`).
    """
    problems = _names(entries)
    terms = {entry.slug: term for entry, term in entries}
    paths = {entry.slug: entry.path for entry, _ in entries}
    lesson_map = {lesson.id: lesson for lesson in lessons}
    backlinks: dict[str, list[str]] = {slug: [] for slug in terms}
    term_hint, lesson_hint = Suggester(terms), Suggester(lesson_map)

    for entry, term in entries:
        for i, target in enumerate(term.related):
            line = entry.line(("related", i))
            if target not in terms:
                if target in broken:
                    continue
                problems.append(Problem(entry.path, line, f"unknown related term '{target}'"
                                        f"{term_hint.hint(target)}"))
                continue
            if target != entry.slug:
                backlinks[target].append(entry.slug)
            if target != entry.slug and entry.slug not in terms[target].related:
                problems.append(Problem(entry.path, line, f"'{target}' does not list "
                                        f"'{entry.slug}' back: add '{entry.slug}' to the related "
                                        f"terms in {paths[target]} (related links go both ways)"))
        for i, lesson_id in enumerate(term.lessons):
            if lesson_id not in lesson_map:
                known = ", ".join(sorted(lesson_map)) or f"none: add lessons to {lessons_path}"
                problems.append(Problem(entry.path, entry.line(("lessons", i)),
                                        f"unknown lesson '{lesson_id}'"
                                        f"{lesson_hint.hint(lesson_id)}; "
                                        f"known lessons: {known}"))
    formerly: dict[str, str] = {}
    for entry, term in entries:
        for i, old in enumerate(term.former_slugs):
            line = entry.line(("former_slugs", i))
            if old in terms or old in broken:
                problems.append(Problem(entry.path, line, f"former slug '{old}' is the slug of "
                                        f"an existing term; a URL can only point at one page"))
            elif old in formerly and formerly[old] != entry.slug:
                problems.append(Problem(entry.path, line, f"former slug '{old}' is also "
                                        f"claimed by {paths[formerly[old]]}"))
            formerly.setdefault(old, entry.slug)
    if len(terms) > 1:
        for entry, _ in entries:
            if not backlinks[entry.slug] and broken == ():
                problems.append(Problem(entry.path, entry.line(("term",)), f"no other term lists "
                                        f"'{entry.slug}' as related, so readers cannot reach it"))
    glossary = Glossary(terms=terms, paths=paths, lessons=lesson_map,
                        backlinks={s: sorted(b, key=lambda x: terms[x].term.casefold())
                                   for s, b in backlinks.items()})
    # In-text links and "Mentioned in", computed once here (glossary_site.links).
    glossary.links, glossary.mentions, found = resolve_links(entries, terms, broken=broken,
                                                             memo=links_memo)
    problems.extend(found)
    return glossary, problems
