"""Citations: each source of a term has a key; the term's text cites it as ``[@key]``.

A source titled "Authors (Year), Title, Venue" is cited as "(Authors, Year)" or, with
``@key``, "Authors (Year)"; a source without that form (a regulation, say) shows the
title up to its first comma. The check reports a key no source has, a key given twice and
a source no text cites, each at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown_it.token import Token

from glossary_site.content.load import RawEntry
from glossary_site.content.model import Source, Term
from glossary_site.content.problems import Problem, did_you_mean
from glossary_site.render.parser import CITE, line_of

Loc = tuple[str | int, ...]
Parsed = dict[Loc, tuple[list[Token], int]]
"""A term's Markdown fields by location: their tokens, and how many lines YAML's stripped
lead had (so token lines map to file lines)."""

_AUTHOR_YEAR = re.compile(r"(?P<authors>[^()]+?)\s+\((?P<year>\d{4}[a-z]?)\)")
_LOOKALIKE = re.compile(r"\[-?@[^\]\n]*\]")


def cite_label(title: str) -> tuple[str, str]:
    """The authors and year a citation of the source titled ``title`` shows; for a title
    without "Authors (Year)", the title up to its first comma and no year."""
    match = _AUTHOR_YEAR.match(title)
    if match:
        return match.group("authors"), match.group("year")
    return title.split(", ")[0], ""


def cite_map(sources: list[Source]) -> dict[str, tuple[str, str]]:
    """Key → (authors, year) for each of a term's sources (the first, if a key repeats)."""
    out: dict[str, tuple[str, str]] = {}
    for source in sources:
        out.setdefault(source.key, cite_label(source.title))
    return out


def _cites(tokens: list[Token]) -> Iterator[tuple[int, Token]]:
    """Each citation and each text child of ``tokens``, with its line in the field."""
    for block in tokens:
        for child in block.children or []:
            if child.type in (CITE, "text"):
                yield line_of(block, child, block.map[0] if block.map else 0), child


def citation_problems(entry: RawEntry, term: Term, parsed: Parsed) -> list[Problem]:
    """Duplicate keys, citations of unknown keys, text that looks like a citation but is
    not one, and sources that no text cites."""
    problems: list[Problem] = []
    keys: dict[str, int] = {}
    for i, source in enumerate(term.sources):
        if source.key in keys:
            problems.append(Problem(entry.path, entry.line(("sources", i, "key")),
                                    f"citation key '{source.key}' is also the key of source "
                                    f"{keys[source.key] + 1}; give each source its own key"))
        keys.setdefault(source.key, i)
    cited: set[str] = set()
    for loc, (tokens, lead) in parsed.items():
        for line, token in _cites(tokens):
            if token.type == "text":
                for match in _LOOKALIKE.finditer(token.content):
                    where = entry.text_line(loc, lead + line)
                    problems.append(Problem(entry.path, where, f"'{match.group(0)}' is not a "
                                            "citation: write [@key] with the key of one of "
                                            "this term's sources (lowercase letters, digits "
                                            "and single hyphens)"))
                continue
            for key, _locator in token.meta["keys"]:
                cited.add(key)
                if key not in keys:
                    known = ", ".join(keys) or "none: add the source under sources"
                    where = entry.text_line(loc, lead + line)
                    problems.append(Problem(entry.path, where, f"unknown citation key "
                                            f"'{key}'{did_you_mean(key, keys)}; this term's "
                                            f"sources have: {known}"))
    for key, i in keys.items():
        if key not in cited:
            problems.append(Problem(entry.path, entry.line(("sources", i, "key")),
                                    f"no text cites source '{key}': cite it where it supports "
                                    f"the text ([@{key}] or @{key}), or remove it"))
    return problems
