"""What term Markdown may contain, checked on the tokens it is rendered from.

:func:`check_tokens` walks the token stream of :func:`~glossary_site.render.parser.parse`
and reports, by line offset into the field: raw HTML, images, links whose URL is not
``http``/``https``/``mailto`` or a ``#section`` of the page (after the normalisation a
browser applies), footnotes, maths that latex2mathml rejects, nesting past
:data:`MAX_NESTING`, a ``[[`` that starts no term link and a term link inside a link's
text (both would show as brackets and URLs on the page). The renderer (:mod:`.html`) never
trusts these checks alone: raw HTML is written as text, and the HTML of every field is
cleaned by nh3.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from markdown_it.token import Token

from glossary_site.render.mathml import LINK_COMMANDS_RE, latex_problem
from glossary_site.render.parser import WIKILINK, WIKILINK_RE, line_of

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes a link in term text may use; other links may only point at ``#section``."""

MAX_MARKDOWN_CHARS = 8_000
"""Longest Markdown field (the longest real one has about 2,000 characters)."""
MAX_NESTING = 16
"""Deepest nesting of blocks and inline spans in a Markdown field; below markdown-it's own
cap (20 levels in the CommonMark preset), so the token stream shows it."""
MAX_TABLE_CELLS = 2_000
"""Most cells a table of one field may have, counted as columns (from its delimiter row)
times rows. markdown-it pads every short row to the table's width: a 100-column header over
rows of ``|`` made 65,536 cells (1.2 s to parse, 670 KB of HTML) from 8,000 characters."""
_DELIMITER_ROW = re.compile(
    r"^[ \t>]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$", re.M)
"""A table's delimiter row (``|---|:-:|``), in a quote or a list too."""
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n|$)")
_BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Direction-changing controls (embeddings, overrides, isolates): text that shows in an
order other than the one it is stored in (``abc\u202egnp.exe``), in prose or in code."""

_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]")
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_HOST_RE = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?|[0-9a-f.]*:[0-9a-f:.]*")
"""A host name of letters (any script), digits and hyphens, dot-separated, or an IPv6
address (written in brackets): what a browser and nh3 take as a host."""
_LOOKALIKE_RE = re.compile(r"<[A-Za-z][A-Za-z0-9]*(\s+[A-Za-z][\w-]*)+\s*>")
MATH_TOKENS = frozenset({"math_inline", "math_inline_double", "math_block",
                         "math_block_label", "math_block_eqno"})


def normalise_url(url: str) -> str:
    """Return ``url`` as a browser reads an ``href``: entities decoded, ASCII whitespace and
    control characters removed (the WHATWG URL parser strips or ignores them), case folded."""
    return _CONTROL_RE.sub("", html.unescape(url)).casefold()


def url_problem(url: str) -> str | None:
    """Why a link URL in term text is refused, or ``None`` when it is allowed.

    Allowed: ``http``/``https`` with a host, ``mailto:``, and ``#section`` on the same page.
    """
    clean = normalise_url(url)
    if not clean:
        return "a link has an empty URL"
    if "\\" in clean:
        return f"link '{url[:60]}' holds a backslash: write '/' (or %5C)"
    if clean.startswith("#"):
        return None
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", clean)
    if scheme is None:
        return (f"relative link '{url[:60]}' is not allowed: link other terms as "
                "[[slug]], or a section of this page as '#section-id'")
    name = scheme.group(1)
    if name not in LINK_SCHEMES:
        return f"links may not use the '{name}:' scheme (allowed: http, https, mailto)"
    if name == "mailto":
        return None
    try:
        parts = urlsplit(clean)
        host, _ = parts.hostname, parts.port  # an impossible port raises ValueError
    except ValueError:
        return f"link '{url[:60]}' has an invalid host or port"
    if not host:
        return f"link '{url[:60]}' has no host"
    if not _HOST_RE.fullmatch(host):
        return f"link '{url[:60]}' has no valid host"
    return None


@dataclass
class MarkdownReport:
    """What the check found: problems and ``#anchor`` links, by line offset in the field."""

    problems: list[tuple[int, str]] = field(default_factory=list)
    anchors: list[tuple[int, str]] = field(default_factory=list)

    _seen: set[tuple[int, str]] = field(default_factory=set, repr=False)

    def add(self, line: int, message: str) -> None:
        """Record a problem ``line`` lines into the text (once per line and message)."""
        if (line, message) not in self._seen:
            self._seen.add((line, message))
            self.problems.append((line, message))


def _nesting(tokens: list[Token]) -> tuple[int, int]:
    """The deepest nesting, blocks and inline spans together, and the line (offset) where it
    first goes past :data:`MAX_NESTING`."""
    deepest, where, line = 0, 0, 0
    for token in tokens:
        line = token.map[0] if token.map else line
        depth = token.level
        for child in (None, *(token.children or ())):
            depth += child.nesting if child is not None else 0
            if depth > deepest:
                if deepest <= MAX_NESTING < depth:
                    where = line
                deepest = depth
    return deepest, where


def _html(report: MarkdownReport, line: int, content: str, at_line_start: bool) -> None:
    tag = content.strip()
    if not at_line_start and _LOOKALIKE_RE.fullmatch(tag) and "=" not in tag:
        return  # "a<b and c>d": not HTML for a reader; the renderer writes it as text
    report.add(line, f"raw HTML is not allowed ({tag[:40]}); write Markdown instead, "
                     "or put code in backticks")


def _maths(report: MarkdownReport, line: int, latex: str) -> None:
    """Check an equation whose source starts at ``line``; a problem is reported at the line
    of the command it names (or of the equation's first text)."""
    if why := latex_problem(latex):
        command = LINK_COMMANDS_RE.search(latex)
        at = command.start() if command else len(latex) - len(latex.lstrip())
        report.add(line + latex.count("\n", 0, at), why)


def _link(report: MarkdownReport, line: int, href: str) -> None:
    if why := url_problem(href):
        report.add(line, why)
    elif normalise_url(href).startswith("#"):
        report.anchors.append((line, html.unescape(href)[1:]))


def _bidi(report: MarkdownReport, line: int, source: str, shown: str) -> None:
    """Report a direction-changing control in ``shown`` (text as the page shows it, entities
    decoded) at its line in ``source`` (the text as written; else at ``line``)."""
    if found := _BIDI_RE.search(shown):
        written = _BIDI_RE.search(source)
        at = line + source.count("\n", 0, written.start()) if written else line
        name = unicodedata.name(found.group(0), "")
        report.add(at, f"a direction-changing character (U+{ord(found.group(0)):04X} {name}) "
                       "makes text show in another order than it is written; remove it")


def _inline(report: MarkdownReport, token: Token, line: int, cell: bool) -> None:
    """Check an inline token's children, each at the line where its source starts. In a
    table ``cell``, a ``[[`` cut short by a ``|`` is left to the table rule of
    :mod:`glossary_site.content.links`, which names the cure."""
    children = token.children or []
    _bidi(report, line, token.content, "".join(child.content for child in children))
    for i, child in enumerate(children):
        kind = child.type
        at = line_of(token, child, line)
        if kind == "html_inline":
            at_start = i == 0 or children[i - 1].type in {"softbreak", "hardbreak"}
            _html(report, at, child.content, at_start)
        elif kind == "image":
            report.add(at, "images are not allowed in term text (a page may not load "
                           "anything from elsewhere); describe the figure or cite it")
        elif kind == "link_open":
            _link(report, at, str(child.attrs.get("href", "")))
        elif kind in MATH_TOKENS:
            _maths(report, at, child.content)
        elif kind == WIKILINK and _in_link_text(token.content, child):
            report.add(at, f"{child.content} is inside a link's text ([…](url)): a link cannot "
                           "hold another; write [text](url) or [[slug|text]]")
        elif kind == "text" and not cell and _stray_brackets(child.content):
            report.add(at, "'[[' starts no term link here: a term link is [[slug]] or "
                           "[[slug|label]], its label plain text without brackets or links "
                           "(to show the brackets themselves, put them in `code`)")


_LINK_REST_RE = re.compile(r"[^\[\]`$]*\][(\[]")
"""The rest of a link's text (no code or maths) and the start of its target (``… page](``
or ``][ref]``)."""
_STRAY_RE = re.compile(r"\[\[[^\[\]|]*(?:\||\Z)")
"""``[[`` and a target cut short by the end of the text or followed by a label: what is
left as text of a term link that did not parse (a link or brackets in its label)."""


def _in_link_text(source: str, link: Token) -> bool:
    """Whether the source after the term link ``link`` in ``source`` (its paragraph) goes on
    as a link's text: ``… page](url)``."""
    start = link.meta.get("fg_pos") if link.meta else None
    return start is not None and bool(_LINK_REST_RE.match(source, start + len(link.content)))


def _stray_brackets(text: str) -> bool:
    """Whether ``text`` (shown as written) holds what is left of a term link that did not
    parse. A whole ``[[slug|label]]`` in text was escaped (``\\[\\[``): meant as written,
    and so are brackets closed before a ``|`` (``[[1, 2], [3, 4]]``)."""
    return "[[" in text and any(WIKILINK_RE.match(text, m.start()) is None
                                for m in _STRAY_RE.finditer(text))


def _definition_problem(label: str, href: str) -> str | None:
    """Why a reference definition ``[label]: href`` is refused, or ``None``."""
    if label.startswith("^"):
        return ("footnotes ([^1]: …) are not used in term text: cite the work in 'sources' "
                "and name it in the text, e.g. (Smith, 2020)")
    return url_problem(href)


def check_tokens(tokens: list[Token], env: dict[str, Any]) -> MarkdownReport:
    """Check a parsed field; return its problems and ``#anchor`` links by line offset."""
    report = MarkdownReport()
    depth, where = _nesting(tokens)
    if depth > MAX_NESTING:
        report.add(where, f"Markdown nested {depth} levels deep (lists, quotes, emphasis); "
                          f"the limit is {MAX_NESTING}")
        return report
    line, previous = 0, ""
    for token in tokens:
        line = token.map[0] if token.map else line
        if token.type == "html_block":
            _html(report, line, token.content.strip().split("\n")[0], True)
        elif token.type in MATH_TOKENS:
            _maths(report, line, token.content)
        elif token.type == "inline":
            _inline(report, token, line, previous in {"td_open", "th_open"})
        elif token.type in {"fence", "code_block", "math_block"}:
            _bidi(report, line + (token.type != "code_block"), token.content, token.content)
        previous = token.type
    for label, ref in env.get("references", {}).items():
        at = ref.get("map", [0])[0] if isinstance(ref, dict) else 0
        if why := _definition_problem(str(label), str(ref.get("href", ""))):
            report.add(at, why)
    report.problems.sort()
    return report


def too_costly(text: str) -> tuple[int, str] | None:
    """Why ``text`` is too large to parse as one field, with the line offset to report it
    at, or ``None``: over :data:`MAX_MARKDOWN_CHARS`, or a table over
    :data:`MAX_TABLE_CELLS`. Read before parsing, so a table is counted from the text: the
    columns of its delimiter row (one with a ``|``) times its lines up to a blank line, at
    least what markdown-it makes of it."""
    if len(text) > MAX_MARKDOWN_CHARS:
        return 0, (f"this text is {len(text):,} characters; the limit for one field is "
                   f"{MAX_MARKDOWN_CHARS:,} (split it into sections)")
    blanks = [blank.start() for blank in _BLANK_LINE.finditer(text)] + [len(text)]
    for row in _DELIMITER_ROW.finditer(text):
        if "|" not in row.group(0):
            continue
        end = blanks[bisect_left(blanks, row.end())]
        columns = len(re.findall(r":?-+:?", row.group(0)))
        rows = 1 + text.count("\n", row.end(), end)  # the header, then the body's lines
        if columns * rows > MAX_TABLE_CELLS:
            line = max(text.count("\n", 0, row.start()) - 1, 0)
            return line, (f"a table of {columns:,} columns and {rows:,} rows "
                          f"({columns * rows:,} cells); the limit is {MAX_TABLE_CELLS:,} "
                          "(split it, or show the data as a chart)")
    return None

