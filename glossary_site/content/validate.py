"""Validate raw entries into :class:`~.model.Term` objects.

Two layers: the shape (pydantic models in :mod:`.model`), then the content
rules a reviewer would otherwise check by eye (length, sources, and safe Markdown through
:mod:`glossary_site.render.rules`). Every problem is returned, each at the line it concerns.

Each Markdown field is parsed here, once: the value the model holds (the text that will be
rendered, whatever YAML style or tag produced it) is checked on its tokens, and the tokens
are handed on (:data:`Parsed`) to be linked and rendered.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from pydantic import BaseModel, ValidationError

from glossary_site.content.citations import Loc, Parsed, citation_problems
from glossary_site.content.load import RawEntry
from glossary_site.content.model import (
    SECTION_KEYS,
    SUMMARY_MAX,
    TERM_KEYS,
    Lesson,
    LessonsFile,
    Source,
    Term,
)
from glossary_site.content.names import lesson_name_problems, term_name_problems
from glossary_site.content.problems import Problem, did_you_mean
from glossary_site.content.scaffold import mark_placeholders  # contrib: scaffold TODOs
from glossary_site.render.parser import parse
from glossary_site.render.rules import check_tokens, too_costly

MIN_WORDS = 150
MIN_RELATED = 2
MIN_SOURCES = 1

_CODE_RE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.DOTALL)
_WORD_RE = re.compile(r"[A-Za-z0-9][\w'’-]*")


def _loc_name(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(value: Any, limit: int = 60) -> str:
    """A short ``repr`` of a rejected value for a message; never raises (a 5,000-digit
    integer has no ``repr`` in Python 3.11) and never floods the terminal."""
    try:
        text = repr(value)
    except ValueError:
        return type(value).__name__
    return text if len(text) <= limit else text[:limit - 4] + "...'"


def _message(err: dict[str, Any], allowed: dict[str, tuple[str, ...]]) -> str:
    loc = tuple(err["loc"])
    if loc[:1] == ("autolink",) and len(loc) > 1:  # either kind of value it may take
        if len(loc) == 2:
            return ("'autolink' must be true, false (without quotes) or a list of this "
                    f"term's names (got {_shown(err.get('input'))})")
        loc = (loc[0], *loc[2:])
    name = _loc_name(loc)
    kind = err["type"]
    if kind == "missing":
        return f"missing required field '{name}'"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        choices = allowed[str(loc[0])] if len(loc) > 1 else allowed[""]
        return (f"unknown key '{key}'{did_you_mean(key, choices)}; "
                f"allowed keys: {', '.join(choices)}")
    if kind.startswith("date"):
        return f"'{name}' must be a date written YYYY-MM-DD (got {_shown(err.get('input'))})"
    if kind.startswith("int") or kind in {"greater_than_equal", "less_than_equal"}:
        return f"'{name}' must be a whole number from 1 to 60 (got {_shown(err.get('input'))})"
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"'{name}' must be one of {expected} (got {_shown(err.get('input'))})"
    if kind == "value_error" and name.endswith("url"):
        return f"'{name}' must be an http(s) URL (got {_shown(err.get('input'))})"
    if kind == "string_pattern_mismatch":
        return (f"'{name}' must be a slug: lowercase letters, digits and single hyphens "
                f"(got {_shown(err.get('input'))})")
    if kind == "string_too_long" and loc == ("summary",):
        return (f"summary is {len(str(err.get('input')).strip())} characters; "
                f"the limit is {SUMMARY_MAX}")
    if kind in {"string_type", "list_type", "model_type", "dict_type", "model_attributes_type"}:
        expected = {"string_type": "text", "list_type": "a list"}.get(
            kind, "a mapping of keys to values")
        return f"'{name}' must be {expected} (got {type(err.get('input')).__name__})"
    return f"'{name}': {err['msg']}"


def _shape(entry: RawEntry, model: type[BaseModel], allowed: dict[str, tuple[str, ...]]
           ) -> tuple[Any, list[Problem]]:
    if not isinstance(entry.data, dict):
        kind = type(entry.data).__name__
        return None, [Problem(entry.path, 1, f"expected a mapping of keys to values, got {kind}")]
    try:
        return model.model_validate(entry.data), []
    except ValidationError as exc:
        return None, list(dict.fromkeys(
            Problem(entry.path, entry.line(tuple(e["loc"])), _message(dict(e), allowed))
            for e in exc.errors()  # a list for autolink is wrong in its items, not its kind
            if not (tuple(e["loc"]) == ("autolink", "bool") and isinstance(e["input"], list))))


GENERATED_ANCHORS = ("related-terms", "sources", "cite-this-term")
"""Headings every term page has besides its sections (links to them are allowed).

"Mentioned in" is left out: it appears only on pages that other terms link to."""


def lead_lines(entry: RawEntry, loc: Loc) -> int:
    """Lines of leading whitespace that the model stripped from the raw string at ``loc``."""
    value: Any = entry.data
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return 0
    if not isinstance(value, str):
        return 0
    return value[:len(value) - len(value.lstrip())].count("\n")


def markdown_field_problems(entry: RawEntry, loc: Loc, text: str, anchors: Collection[str],
                            parsed: Parsed | None = None) -> list[Problem]:
    """Parse and check one Markdown field; keep its tokens in ``parsed``.

    Lines are counted into the field (:meth:`~.load.RawEntry.text_line`).
    """
    lead = lead_lines(entry, loc)
    if costly := too_costly(text):
        return [Problem(entry.path, entry.text_line(loc, lead + costly[0]), costly[1])]
    tokens, env = parse(text)
    if parsed is not None:
        parsed[loc] = (tokens, lead)
    report = check_tokens(tokens, env)
    problems = [Problem(entry.path, entry.text_line(loc, lead + line), message)
                for line, message in report.problems]
    for line, anchor in report.anchors:
        if anchor not in anchors:
            problems.append(Problem(entry.path, entry.text_line(loc, lead + line),
                                    f"link to '#{anchor}': no such section on this page "
                                    f"(sections: {', '.join(anchors)})"))
    return problems


def word_count(term: Term) -> int:
    """Count the words of the definition and section bodies."""
    texts = [term.definition, *(s.body for s in term.sections)]
    return sum(len(_WORD_RE.findall(_CODE_RE.sub("", t))) for t in texts)


def _rules(entry: RawEntry, term: Term, chart_ids: Collection[str] | None,
           parsed: Parsed | None) -> list[Problem]:
    problems: list[Problem] = []

    def add(loc: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(entry.path, entry.line(loc), message))

    if "\n" in term.summary:
        add(("summary",), "summary is one line of plain text (no line breaks)")
    page_ids = [entry.slug, *(s.anchor for s in term.sections), *GENERATED_ANCHORS]
    fields: list[tuple[Loc, str]] = [(("definition",), term.definition)]
    fields += [(("sections", i, "body"), s.body) for i, s in enumerate(term.sections)]
    fields_parsed: Parsed = parsed if parsed is not None else {}
    for loc, text in fields:
        problems.extend(markdown_field_problems(entry, loc, text, page_ids, fields_parsed))
    problems.extend(citation_problems(entry, term, fields_parsed))
    if term.reviewed < term.added:
        add(("reviewed",), f"reviewed ({term.reviewed}) is before added ({term.added})")
    if (words := word_count(term)) < MIN_WORDS:
        add(("definition",), f"the definition and sections have {words} words; "
                             f"write at least {MIN_WORDS}")
    problems.extend(term_name_problems(entry, term))  # loader task: names.py rules
    if len(term.related) < MIN_RELATED:
        add(("related",), f"list at least {MIN_RELATED} related terms (found {len(term.related)})")
    if len(term.sources) < MIN_SOURCES:
        add(("sources",), "cite at least one source (title and http(s) URL)")
    if not term.tags:
        add(("tags",), "give at least one tag")
    for field in ("related", "aliases", "tags", "lessons", "former_slugs"):
        seen: set[str] = set()
        for i, value in enumerate(getattr(term, field)):
            if value.lower() in seen:
                add((field, i), f"'{value}' is listed twice in {field}")
            seen.add(value.lower())
    if entry.slug in term.related:
        add(("related", term.related.index(entry.slug)), "a term cannot list itself as related")
    anchors: dict[str, int] = {}
    for i, section in enumerate(term.sections):
        if section.anchor in anchors:
            add(("sections", i), f"section anchor '{section.anchor}' is used twice; "
                                 "give the sections distinct ids")
        anchors.setdefault(section.anchor, i)
        if section.chart and chart_ids is not None and section.chart not in chart_ids:
            add(("sections", i, "chart"), f"unknown chart '{section.chart}'"
                f"{did_you_mean(section.chart, chart_ids)}; known charts: "
                f"{', '.join(sorted(chart_ids))}")
    return problems


ALLOWED = {"": TERM_KEYS, "sections": SECTION_KEYS, "sources": tuple(Source.model_fields)}


def validate_term(entry: RawEntry, chart_ids: Collection[str] | None = None,
                  parsed: Parsed | None = None) -> tuple[Term | None, list[Problem]]:
    """Validate one term entry: its shape, then the content rules.

    The term is returned whenever its shape is valid, even with rule problems, so that
    cross-file checks still run and report everything at once. ``parsed`` receives the
    tokens of its Markdown fields.
    """
    term, problems = _shape(entry, Term, ALLOWED)
    if term is None:
        return None, mark_placeholders(entry, problems)  # contrib: scaffold TODOs
    return term, mark_placeholders(entry, _rules(entry, term, chart_ids, parsed))  # contrib


def validate_lessons(entry: RawEntry) -> tuple[list[Lesson], list[Problem]]:
    """Validate ``lessons.yaml``; lesson ids must be unique."""
    allowed = {"": ("lessons",), "lessons": tuple(Lesson.model_fields)}
    parsed, problems = _shape(entry, LessonsFile, allowed)
    if parsed is None:
        return [], problems
    lessons: list[Lesson] = list(parsed.lessons)
    seen: set[str] = set()
    for i, lesson in enumerate(lessons):
        for key in ("title", "level"):
            if "\n" in getattr(lesson, key):
                problems.append(Problem(entry.path, entry.line(("lessons", i, key)),
                                        f"lesson {key} is one line of plain text"))
        if lesson.id in seen:
            problems.append(Problem(entry.path, entry.line(("lessons", i, "id")),
                                    f"lesson id '{lesson.id}' is listed twice"))
        seen.add(lesson.id)
    problems.extend(lesson_name_problems(entry, lessons))  # loader task: names.py rules
    return lessons, problems
