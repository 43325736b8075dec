"""Resolve validated terms into a :class:`Glossary`: names, links, backlinks, lessons, tags.

Checks that need every file at once live here: two files claiming one name, related slugs
and lesson ids that do not exist (with a suggestion), one-way related links, orphans.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache, partial

from glossary_site.build.cache import Namespace, key
from glossary_site.build.step_cache import field_key, field_value, stored_field
from glossary_site.build.urls import term_to_term
from glossary_site.content.citations import cite_map
from glossary_site.content.links import (
    FieldLinks,
    NameIndex,
    auto_names,
    link_tokens,
    mentions_of,
    normal,
)
from glossary_site.content.load import RawEntry
from glossary_site.content.model import Lesson, Term
from glossary_site.content.names import (
    lookalike_letters,
    lookalike_note,
    name_key,
    same_name,
)
from glossary_site.content.problems import Problem, Suggester, did_you_mean
from glossary_site.content.validate import Loc, Parsed, lead_lines
from glossary_site.render.html import render_field
from glossary_site.render.parser import parse
from glossary_site.render.rules import too_costly


@dataclass
class Glossary:
    """Every term and lesson, cross-referenced, ready to render."""

    terms: dict[str, Term]
    paths: dict[str, str]
    lessons: dict[str, Lesson] = field(default_factory=dict)
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    parsed: dict[str, Parsed] = field(default_factory=dict)
    """Each term's parsed Markdown fields, until they are linked and rendered."""
    targets: dict[str, list[str]] = field(default_factory=dict)
    """Slug → the terms its text links, first link first (:mod:`.links`)."""
    html: dict[str, dict[Loc, str]] = field(default_factory=dict)
    """Slug → each Markdown field's finished HTML (linked, rendered, cleaned), by location."""
    link_counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Slug → how many ``[[slug]]`` and automatic links its text has."""
    mentions: dict[str, list[str]] = field(default_factory=dict)
    """Slug → terms whose text links it, minus its related terms ("Mentioned in")."""

    def slugs_by_name(self) -> list[str]:
        """Slugs ordered A–Z by display name (case-insensitive)."""
        return sorted(self.terms, key=lambda s: (self.terms[s].term.casefold(), s))

    def terms_for_lesson(self, lesson_id: str) -> list[str]:
        """Slugs of the terms that link ``lesson_id``: its reading path first, then the
        rest A–Z."""
        linking = [s for s in self.slugs_by_name() if lesson_id in self.terms[s].lessons]
        lesson = self.lessons.get(lesson_id)
        path = [s for s in (lesson.path if lesson else []) if s in linking]
        return path + [s for s in linking if s not in path]

    def tags(self) -> dict[str, list[str]]:
        """Tag → slugs A–Z, tags sorted."""
        out: dict[str, list[str]] = defaultdict(list)
        for slug in self.slugs_by_name():
            for tag in self.terms[slug].tags:
                out[tag].append(slug)
        return dict(sorted(out.items()))


def _names(entries: list[tuple[RawEntry, Term]]) -> list[Problem]:
    problems: list[Problem] = []
    names: list[tuple[RawEntry, tuple[str | int, ...], str, str, list[str]]] = []
    for entry, term in entries:
        names.append((entry, ("term",), term.term, "term", lookalike_letters(term.term)))
        names += [(entry, ("aliases", i), alias, "alias", lookalike_letters(alias))
                  for i, alias in enumerate(term.aliases)]
    # A name without lookalike letters claims first: the problem lands on its lookalike,
    # whichever file sorts first.
    names.sort(key=lambda named: bool(named[4]))
    claimed: dict[str, tuple[RawEntry, tuple[str | int, ...], str, str, list[str]]] = {}
    for entry, loc, name, kind, letters in names:
        key = name_key(name)
        if key not in claimed or claimed[key][0].path == entry.path:
            claimed.setdefault(key, (entry, loc, name, kind, letters))
            continue
        other, other_loc, other_name, other_kind, other_letters = claimed[key]
        if not same_name(name, other_name):
            continue
        alike = "" if name.casefold() == other_name.casefold() else f" as '{other_name}'"
        if alike and (letters or other_letters):
            alike += f", which looks the same: {lookalike_note(letters or other_letters)}"
        problems.append(Problem(entry.path, entry.line(loc),
                                f"{kind} '{name}' is already claimed as {other_kind} "
                                f"by {other.path}:{other.line(other_loc)}{alike}"))
    return problems


def resolve(entries: list[tuple[RawEntry, Term]], lessons: list[Lesson],
            lessons_path: str = "glossary/lessons.yaml", broken: Collection[str] = (),
            parsed: dict[str, Parsed] | None = None, directory_urls: bool | None = None,
            fields_space: Namespace | None = None, lessons_entry: RawEntry | None = None
            ) -> tuple[Glossary, list[Problem]]:
    """Cross-reference terms and lessons; return the glossary and every problem found.

    ``broken`` names slugs whose files exist but failed to load: links to them are not
    reported again (their own problems already are). ``parsed`` holds each term's parsed
    Markdown fields (:func:`~.validate.validate_term`): they are linked here,
    and rendered to finished HTML when ``directory_urls`` says how pages link each other;
    ``fields_space`` keeps each field's answer across builds (:mod:`.step_cache`).
    """
    problems = _names(entries)
    terms = {entry.slug: term for entry, term in entries}
    paths = {entry.slug: entry.path for entry, _ in entries}
    lesson_map = {lesson.id: lesson for lesson in lessons}
    backlinks: dict[str, list[str]] = {slug: [] for slug in terms}
    term_hint, lesson_hint = Suggester(terms), Suggester(lesson_map)

    for entry, term in entries:
        for i, target in enumerate(term.related):
            if target not in terms:
                if target in broken:
                    continue
                problems.append(Problem(entry.path, entry.line(("related", i)),
                                        f"unknown related term '{target}'"
                                        f"{term_hint.hint(target)}"))
                continue
            if target != entry.slug:
                backlinks[target].append(entry.slug)
            if target != entry.slug and entry.slug not in terms[target].related:
                problems.append(Problem(entry.path, entry.line(("related", i)),
                                        f"'{target}' does not list "
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
            if old in terms or old in broken:
                problems.append(Problem(entry.path, entry.line(("former_slugs", i)),
                                        f"former slug '{old}' is the slug of an existing "
                                        "term; a URL can only point at one page"))
            elif old in formerly and formerly[old] != entry.slug:
                problems.append(Problem(entry.path, entry.line(("former_slugs", i)),
                                        f"former slug '{old}' is also claimed by "
                                        f"{paths[formerly[old]]}"))
            formerly.setdefault(old, entry.slug)
    if len(terms) > 1:
        for entry, _ in entries:
            if not backlinks[entry.slug] and not broken:
                problems.append(Problem(entry.path, entry.line(("term",)), f"no other term lists "
                                        f"'{entry.slug}' as related, so readers cannot reach it"))
    problems.extend(_path_problems(lessons, terms, lessons_entry, term_hint))
    glossary = Glossary(terms=terms, paths=paths, lessons=lesson_map,
                        backlinks={s: sorted(b, key=lambda x: terms[x].term.casefold())
                                   for s, b in backlinks.items()})
    # In-text links and "Mentioned in", computed once here (glossary_site.content.links).
    glossary.parsed = parsed if parsed is not None else {}
    problems.extend(_link_all(glossary, entries, broken, directory_urls, fields_space))
    glossary.mentions = mentions_of(glossary.targets, terms)
    return glossary, problems


def _path_problems(lessons: list[Lesson], terms: dict[str, Term], entry: RawEntry | None,
                   hint: Suggester) -> list[Problem]:
    """A lesson's reading path names existing terms that list the lesson, once each."""
    problems: list[Problem] = []
    for k, lesson in enumerate(lessons):
        seen: set[str] = set()
        for i, slug in enumerate(lesson.path):
            path = entry.path if entry else "lessons.yaml"
            line = entry.line(("lessons", k, "path", i)) if entry else 1
            if slug not in terms:
                message = f"unknown term '{slug}' in the reading path{hint.hint(slug)}"
            elif lesson.id not in terms[slug].lessons:
                message = (f"'{slug}' is in the reading path of '{lesson.id}' but does not "
                           f"list it: add '{lesson.id}' to its lessons")
            elif slug in seen:
                message = f"'{slug}' is listed twice in the reading path"
            else:
                seen.add(slug)
                continue
            problems.append(Problem(path, line, message))
    return problems


def _prefix(slug: str, term: Term, loc: Loc) -> str:
    """What the ids of headings inside the field at ``loc`` start with: the section's
    anchor, or for the definition the term's slug (the page's title id, which no section
    may take)."""
    if len(loc) == 3 and isinstance(loc[1], int) and loc[1] < len(term.sections):
        return term.sections[loc[1]].anchor
    return slug


def names_digest(terms: dict[str, Term]) -> str:
    """A digest of all that linking reads from ``terms``: each slug with its name, aliases
    and ``autolink`` setting."""
    return key(*(f"{slug}\0{t.term}\0{chr(1).join(t.aliases)}\0{t.autolink!r}"
                 for slug, t in sorted(terms.items())))


def _link_all(glossary: Glossary, entries: list[tuple[RawEntry, Term]],
              broken: Collection[str], directory_urls: bool | None,
              space: Namespace | None) -> list[Problem]:
    """Link every Markdown field of every term (and render it, with ``directory_urls``);
    return the problems links show. ``space`` keeps each field's answer across builds."""
    terms = glossary.terms

    @cache
    def name_index() -> tuple[NameIndex, set[str]]:  # built only if a field is not cached
        return NameIndex.build(terms), auto_names(terms)

    names = names_digest(terms) if space is not None else ""
    href = partial(term_to_term, directory_urls=directory_urls is not False)
    problems: list[Problem] = []
    for entry, term in entries:
        problems.extend(_autolink_problems(entry, term))
        targets: list[str] = []
        counts = [0, 0]
        parsed = glossary.parsed.get(entry.slug, {})
        cites = cite_map(term.sources)
        cited = repr(sorted(cites.items()))
        fields: list[tuple[Loc, str]] = [(("definition",), term.definition)]
        fields += [(("sections", i, "body"), s.body) for i, s in enumerate(term.sections)]
        for loc, text in fields:
            prefix = _prefix(entry.slug, term, loc)
            digest = (field_key(names, entry.slug, prefix, directory_urls, text + cited,
                                targets)
                      if space is not None else "")
            answer = stored_field(space.get(digest)) if space is not None else None
            if answer is not None:
                html, found = answer
            else:
                if loc in parsed:
                    tokens = parsed[loc][0]
                elif too_costly(text):
                    continue  # reported by the check
                else:
                    tokens = parse(text)[0]
                found = link_tokens(tokens, entry.slug, terms, *name_index(), targets)
                html = (render_field(tokens, prefix, href, cites) if directory_urls is not None
                        else "")
                if space is not None:
                    space.put(digest, field_value(html, found))
            if directory_urls is not None:
                glossary.html.setdefault(entry.slug, {})[loc] = html
            targets += [t for t in found.targets if t not in targets]
            counts[0] += found.explicit
            counts[1] += found.automatic
            problems.extend(_field_problems(entry, loc, lead_lines(entry, loc), found, terms,
                                            broken))
        glossary.targets[entry.slug] = targets
        glossary.link_counts[entry.slug] = (counts[0], counts[1])
    glossary.parsed = {}  # linked and rendered: the tokens are not needed any more
    return problems


def _field_problems(entry: RawEntry, loc: Loc, lead: int, found: FieldLinks,
                    terms: dict[str, Term], broken: Collection[str]) -> list[Problem]:
    problems: list[Problem] = []
    for line, slug in found.unknown:
        if slug in broken:
            continue
        if slug == entry.slug:
            message = f"'[[{slug}]]' links this term to itself"
        else:
            hint = did_you_mean(slug, terms) or did_you_mean(
                re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-"), terms)
            message = f"unknown term '[[{slug}]]'{hint}"
        problems.append(Problem(entry.path, entry.text_line(loc, lead + line), message))
    for line in found.split:
        problems.append(Problem(entry.path, entry.text_line(loc, lead + line),
                                "a '|' inside [[slug|label]] ends a table cell: in a "
                                "table write [[slug\\|label]]"))
    return problems


def _autolink_problems(entry: RawEntry, term: Term) -> list[Problem]:
    if isinstance(term.autolink, bool):
        return []
    names = {normal(n) for n in (term.term, *term.aliases)}
    return [Problem(entry.path, entry.line(("autolink", i)),
                    f"autolink lists '{name}', which is not this term's name or an alias"
                    f"{did_you_mean(name, [term.term, *term.aliases])}")
            for i, name in enumerate(term.autolink) if normal(name) not in names]
