"""Plain prose: Markdown fields whose inline structure is known without a Markdown parser.

:func:`~glossary_site.links.link_field` needs to know which parts of a field hold linkable
text: markdown-it-py tells it, at about 0.1 ms a field (lists cost most). Most fields are
plain prose: paragraphs and simple bullet items of text and emphasis, with ``[[slug]]``
links and code spans. For those, :func:`prose_inlines` finds the same inline contents and
protected ranges in a single pass over the text, and the parse is skipped. Anything it is
not sure of (HTML, entities, escapes, maths, other links, indentation, headings, quotes,
numbered lists …) returns ``None`` and the field is parsed. A property test in
``tests/unit/test_links.py`` checks that both ways link every generated text alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.common.utils import MD_TRIM_CHARS

WIKILINK_RE = re.compile(r"\[\[([^\[\]|]*?)\\?(?:\|([^\[\]]*))?\]\]")
"""``[[slug]]``, ``[[slug|label]]``, and ``[[slug\\|label]]`` (the escaped pipe a table cell
needs: a bare ``|`` ends the cell)."""


@dataclass(frozen=True)
class Span:
    """A source range (within one inline token's content) consumed by one inline rule."""

    start: int
    end: int
    rule: str
    target: str = ""
    label: str | None = None


_NOT_PROSE = frozenset("<>&\\$\r\0")
"""Characters that start constructs this module does not follow (HTML, autolinks, entities,
escapes, maths), or that markdown-it rewrites before parsing."""
_ITEM_FIRST = "\"'("
"""Besides letters and digits, what the text of a line or bullet item may start with."""
_NUMBERED_RE = re.compile(r"\d{1,9}[.)](?:[ \t]|$)")
_INLINE_RE = re.compile(r"`+|\[\[|[\[\]]")
_TICKS_RE = re.compile(r"`+")


def prose_inlines(text: str) -> list[tuple[int, int, list[Span]]] | None:
    """``(start, end, spans)`` of each inline content when ``text`` is plain prose, else
    ``None``; ``text[start:end]`` is the content markdown-it would give, and ``spans`` its
    ranges that inline rules other than text and emphasis consumed (code spans, links).

    Plain prose holds none of :data:`_NOT_PROSE`, and each line is blank, or starts with a
    letter, a digit (not "1." or "1)"), a quote, "(" or ``[[``, or is a bullet item ("- ",
    "* ", "+ ") whose text starts so. No line can then open a heading, quote, code block,
    table, rule, numbered list, reference, definition or admonition; a line after an item
    continues it.
    """
    if not _NOT_PROSE.isdisjoint(text):
        return None
    blocks: list[tuple[int, int]] = []
    start = last = -1
    at = 0
    for line in text.split("\n"):
        if not line.strip(" \t"):  # a blank line, as markdown-it sees one
            if start >= 0:
                blocks.append((start, last))
                start = -1
        else:
            first = line[0]
            item = first in "-*+" and line[1:2] == " " and _starts_text(line[2:])
            if item:  # a bullet item starts a new paragraph, even right after one
                if start >= 0:
                    blocks.append((start, last))
                start = at + 2
            elif not _starts_text(line) or (first.isdigit() and _NUMBERED_RE.match(line)):
                return None
            elif start < 0:
                start = at
            last = at + len(line.rstrip(MD_TRIM_CHARS))  # markdown-it trims paragraphs so
        at += len(line) + 1
    if start >= 0:
        blocks.append((start, last))
    out: list[tuple[int, int, list[Span]]] = []
    for start, end in blocks:
        spans = _spans(text[start:end])
        if spans is None:
            return None
        out.append((start, end, spans))
    return out


def _starts_text(line: str) -> bool:
    """Whether a line (or an item's text) starts with a letter, a digit, a quote, "(" or
    ``[[`` (a reference definition's label cannot hold a bracket)."""
    first = line[:1]
    return first.isalnum() or (first != "" and first in _ITEM_FIRST) or line.startswith("[[")


def _spans(content: str) -> list[Span] | None:
    """Code spans and ``[[slug]]`` links of one inline content, left to right as markdown-it
    reads them; ``None`` for any other bracket, or a ``[[…]]`` that an image, footnote or
    link could take."""
    spans: list[Span] = []
    pos = 0
    while (found := _INLINE_RE.search(content, pos)) is not None:
        mark = found.group(0)
        if mark.startswith("`"):  # closed by the next run of as many backticks, if any
            closer = next((t for t in _TICKS_RE.finditer(content, found.end())
                           if len(t.group(0)) == len(mark)), None)
            pos = closer.end() if closer else found.end()
            spans.append(Span(found.start(), pos, "backticks"))
            continue
        wiki = WIKILINK_RE.match(content, found.start()) if mark == "[[" else None
        if (wiki is None or content[found.start() - 1:found.start()] in {"!", "^"}
                or content[wiki.end():wiki.end() + 1] in {"(", "["}):
            return None
        spans.append(Span(found.start(), wiki.end(), "fg_wikilink", wiki.group(1).strip(),
                          wiki.group(2)))
        pos = wiki.end()
    return spans
