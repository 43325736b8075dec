"""Content safety: what term text may contain, how plain text is written out, and the sanitiser.

Every term file is hostile input. This module owns the three layers that keep its content
from placing markup or script on a page:

1. **The check** (:func:`markdown_problems`): Markdown fields are parsed with markdown-it-py
   and refused when they hold raw HTML, attribute lists, images, links whose URL is not
   ``http``/``https``/``mailto``/a ``#section`` of the page (after the normalisation a browser
   applies), or maths that latex2mathml rejects or that would make a link. Where
   Python-Markdown (what MkDocs renders with) reads text differently from CommonMark,
   the raw text is scanned the way Python-Markdown reads it too (reference definitions
   anywhere in a paragraph, block-level tags at the start of a line, attribute lists).
2. **Writing plain text** (:data:`JINJA_FILTERS`): names, summaries and titles are
   HTML-escaped and their Markdown punctuation written as character references, so
   Markdown cannot reinterpret them; URLs are percent-encoded so they cannot leave
   ``[title](url)``. Values the theme prints unescaped (title, description, tags) are
   HTML-escaped in the front matter.
3. **The sanitiser** (:func:`clean_page`): the HTML of every generated page goes through
   nh3 with an allow-list; the engine's own figures and scripts are kept aside as
   placeholders (:class:`EngineHtml`, with an unguessable per-build token) and put back
   after cleaning. :class:`ContentMarkdown` switches raw HTML off on those pages, so any
   ``<`` in content (``a<b and c>d``) is shown as text.
"""

from __future__ import annotations

import html
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

import nh3
from markdown import Extension, Markdown
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pymdownx import arithmatex

from .mathml import latex_problem
from .prose import WIKILINK_RE

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes a link in term text may use; other links may only point at ``#section``."""

_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")
# See every link whatever its scheme, with its URL as written (entities already decoded).
_PARSER.validateLink = lambda url: True  # type: ignore[method-assign]
_PARSER.normalizeLink = lambda url: url  # type: ignore[method-assign]

_BLOCK_TAGS = frozenset(Markdown().block_level_elements) | {"script", "style", "iframe", "math"}
_LINE_TAG_RE = re.compile(r"^ {0,3}<[/!?]?([A-Za-z][^\s/>]*)?")
_LOOKALIKE_RE = re.compile(r"<[A-Za-z][A-Za-z0-9]*(\s+[A-Za-z][\w-]*)+\s*>")
_INLINE_END = "\x1b"  # marks where a code span or link ended, for inline attribute lists
_REF_DEF_RE = re.compile(r"^[ \t>]*\[([^\[\]]*)\]:[ ]*\n?[ ]*<?([^\s>]+)", re.MULTILINE)
_INLINE_LINK_RE = re.compile(r"\]\(\s*<?([^)>]*)")
_TITLE_RE = re.compile(r"\s[\"'(]")
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_MATH_RES = [re.compile(p, re.DOTALL) for p in (
    arithmatex.RE_DOLLAR_BLOCK, arithmatex.RE_TEX_BLOCK, arithmatex.RE_BRACKET_BLOCK,
    arithmatex.RE_SMART_DOLLAR_INLINE, arithmatex.RE_BRACKET_INLINE)]
_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]")
_MARKUP_CHARS = frozenset("<[]{}$\\")
_P_CLOSE_RE = re.compile(r"\s*</p>")
_MARKER_RE = re.compile(r"<!--\s*(material/|glossary:)", re.IGNORECASE)
"""Comments that plugins replace wherever they stand in a page's Markdown, code included:
Material's tags listing (``<!-- material/tags -->``) and the glossary's own markers."""


# --- URLs ---------------------------------------------------------------------------------

def normalise_url(url: str) -> str:
    """Return ``url`` as a browser reads an ``href``: entities decoded, ASCII whitespace and
    control characters removed (the WHATWG URL parser strips or ignores them), case folded."""
    return _CONTROL_RE.sub("", html.unescape(url)).casefold()


def url_problem(url: str) -> str | None:
    """Why a link URL in term text is refused, or ``None`` when it is allowed.

    Allowed: ``http``/``https`` with a host, ``mailto:``, and ``#section`` on the same page.
    """
    clean = normalise_url(url).replace("\\", "/")
    if not clean:
        return "a link has an empty URL"
    if clean.startswith("#"):
        return None
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", clean)
    if scheme is None:
        return (f"relative link '{url[:60]}' is not allowed: link other terms as "
                "[[slug]], or a section of this page as '#section-id'")
    name = scheme.group(1)
    if name not in LINK_SCHEMES:
        return f"links may not use the '{name}:' scheme (allowed: http, https, mailto)"
    if name != "mailto" and not urlsplit(clean).hostname:
        return f"link '{url[:60]}' has no host"
    return None


# --- checking Markdown fields --------------------------------------------------------------

@dataclass
class MarkdownReport:
    """What :func:`markdown_problems` found: problems and ``#anchor`` links, by line offset."""

    problems: list[tuple[int, str]] = field(default_factory=list)
    anchors: list[tuple[int, str]] = field(default_factory=list)

    _seen: set[tuple[int, str]] = field(default_factory=set, repr=False)

    def add(self, line: int, message: str) -> None:
        """Record a problem ``line`` lines into the text (once per line and message)."""
        if (line, message) not in self._seen:
            self._seen.add((line, message))
            self.problems.append((line, message))


MAX_MARKDOWN_CHARS = 8_000
"""Longest Markdown field (the longest real one has about 2,000 characters). Python-Markdown
takes time that grows with the square of the text on some inputs ("[a" repeated: 3 s for
8,000 characters, 7 s for 12,000): the limit keeps a hostile field from stalling a build."""
MAX_NESTING = 16
"""Deepest nesting of blocks and inline spans in a Markdown field (Python-Markdown, which
renders the pages, recurses once per level). Below markdown-it's own cap (20 levels in the
CommonMark preset), so the token stream shows it."""
MAX_INDENT = 4 * MAX_NESTING
"""Deepest indent of a line outside code fences: Python-Markdown nests a list per 4 spaces."""


_DEEP_PREFIX_RE = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_NESTING},}}", re.MULTILINE)


def _may_nest_deeply(text: str) -> bool:
    """Whether ``text`` could nest :data:`MAX_NESTING` levels: deep emphasis needs two
    delimiters a level, deep lists and quotes a long run of markers or indent on a line."""
    return (text.count("*") + text.count("_") >= 2 * MAX_NESTING
            or _DEEP_PREFIX_RE.search(text) is not None)


def _nothing_to_check(text: str) -> bool:
    """Whether ``text`` holds nothing :func:`markdown_problems` could object to, so need not
    be parsed: it cannot nest deeply, and outside its ``[[slug]]`` links it has none of
    :data:`_MARKUP_CHARS`, without which no tag, link, attribute list or maths can start.

    A ``[[slug|label]]`` counts as text only when markup is absent inside it too, and no
    ``!``, ``^`` or ``[`` before it or ``(``, ``[`` or ``:`` after it could make it part of
    an image, a footnote, a link or a reference definition (a property test checks that
    such text gets the same report both ways).
    """
    if _may_nest_deeply(text):
        return False
    if "[[" not in text or "{" in text or "$" in text or "<" in text or "\\" in text:
        return not _MARKUP_CHARS.intersection(text)
    rest: list[str] = []
    at = 0
    for link in WIKILINK_RE.finditer(text):
        if (text[link.start() - 1:link.start()] in {"!", "^", "["}
                or text[link.end():link.end() + 1] in {"(", "[", ":"}):
            return False
        rest.append(text[at:link.start()])
        at = link.end()
    rest.append(text[at:])
    return not _MARKUP_CHARS.intersection("".join(rest))


def _nesting(tokens: list[Token]) -> tuple[int, int]:
    """The deepest nesting in markdown-it's token stream, blocks and inline spans together,
    and the line (offset) where it first goes past :data:`MAX_NESTING`."""
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


def _code_lines(tokens: list[Token]) -> set[int]:
    return {n for t in tokens if t.type in {"fence", "code_block"} and t.map
            for n in range(t.map[0], t.map[1])}


def _strip_code_spans(line: str, escapes: bool = True) -> str:
    """Blank out backtick code spans (and, if ``escapes``, backslash escapes) the way
    Python-Markdown reads them; the text keeps its length."""
    if "`" not in line and "\\" not in line:
        return line
    out, i = [], 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line):
            out.append("\x1a\x1a" if escapes else line[i:i + 2])
            i += 2
            continue
        if line[i] == "`":
            run = len(line[i:]) - len(line[i:].lstrip("`"))
            close = re.compile(r"(?<!`)" + "`" * run + r"(?!`)").search(line, i + run)
            if close:
                out.append("\x1a" * (close.end() - i - 1) + _INLINE_END)
                i = close.end()
                continue
            out.append("`" * run)
            i += run
            continue
        out.append(line[i])
        i += 1
    return "".join(out)


def _html_token(report: MarkdownReport, line: int, content: str, at_line_start: bool) -> None:
    tag = content.strip()
    if not at_line_start and _LOOKALIKE_RE.fullmatch(tag) and "=" not in tag:
        return  # "a<b and c>d": not HTML for us; rendered as text (ContentMarkdown)
    report.add(line, f"raw HTML is not allowed ({tag[:40]}); write Markdown instead, "
                     "or put code in backticks")


def _inline(report: MarkdownReport, token: Token, line: int) -> None:
    """Check a paragraph's (or heading's) inline tokens; ``line`` is its first line, and
    each line break inside it moves the reported line on by one."""
    children = token.children or []
    for i, child in enumerate(children):
        if child.type in {"softbreak", "hardbreak"}:
            line += 1
        elif child.type == "html_inline":
            at_start = i == 0 or children[i - 1].type in {"softbreak", "hardbreak"}
            _html_token(report, line, child.content, at_start)
        elif child.type == "image":
            report.add(line, "images are not allowed in term text (a page may not load "
                             "anything from elsewhere); describe the figure or cite it")
        elif child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if why := url_problem(href):
                report.add(line, why)
            elif normalise_url(href).startswith("#"):
                report.anchors.append((line, html.unescape(href)[1:]))


def _definition_problem(label: str, href: str) -> str | None:
    """Why a reference definition ``[label]: href`` is refused, or ``None``."""
    if label.startswith("^"):
        return ("footnotes ([^1]: …) are not used in term text: cite the work in 'sources' "
                "and name it in the text, e.g. (Smith, 2020)")
    return url_problem(href)


def _attribute_list(line: str) -> str | None:
    """The first ``{…}`` in ``line`` (code spans blanked) that Python-Markdown's attr_list
    could read as attributes, or ``None``.

    attr_list takes braces that directly follow an inline element (a link, code, emphasis;
    and any word may become a link, since the engine links term names) and braces that end
    a line (a heading, a table cell or a block); and anything in them that looks
    like ``key=value``, ``#id``, ``.class`` or starts ``{:``. Braces inside prose, after a
    space and before more text ("the set {1, 2} here"), are left alone. Linear in the line.
    """
    if "{" not in line or "}" not in line:
        return None
    closes: list[int] = [-1] * (len(line) + 1)  # the next "}" at or after each position
    for i in range(len(line) - 1, -1, -1):
        closes[i] = i if line[i] == "}" else closes[i + 1]
    opens = [i for i, ch in enumerate(line) if ch == "{"]
    for k, i in enumerate(opens):
        close = closes[i]
        if close < 0:
            break
        inner = line[i + 1:close].strip(" ")
        if not inner or inner == ":":
            continue
        innermost = k + 1 == len(opens) or opens[k + 1] > close
        looks = innermost and (inner.startswith(":") or "=" in inner
                               or re.search(r"(^|\s)[#.][\w-]", inner) is not None)
        follows = i > 0 and not line[i - 1].isspace()
        ends_line = not line[close + 1:].strip()
        if looks or follows or ends_line:
            return line[i:close + 1]
    return None


def _raw_scan(report: MarkdownReport, text: str, code: set[int]) -> None:
    """Read the text as Python-Markdown does where it differs from CommonMark."""
    lines = text.split("\n")
    html_lines = {at for at, why in report.problems if "raw HTML" in why}
    for n, raw in enumerate(lines):
        if n in code:
            continue
        line = _strip_code_spans(raw)
        if ((m := _LINE_TAG_RE.match(line)) and (m.group(1) or "").lower() in _BLOCK_TAGS
                and n not in html_lines):
            report.add(n, f"a line may not start with the HTML tag '<{m.group(1)}': MkDocs "
                          "would read it as raw HTML")
        for m in _INLINE_LINK_RE.finditer(_strip_code_spans(raw, escapes=False)):
            url = m.group(1).strip()
            if title := _TITLE_RE.search(url):  # `url "title"`: the URL ends before it
                url = url[:title.start()].rstrip()
            if why := url_problem(url):
                report.add(n, why)
        for m in _AUTOLINK_RE.finditer(line):
            if why := url_problem(m.group(1)):
                report.add(n, why)
    prose = "\n".join(_strip_code_spans(x, escapes=False) if i not in code else ""
                      for i, x in enumerate(lines))
    for m in _REF_DEF_RE.finditer(prose):
        if why := _definition_problem(m.group(1), m.group(2)):
            report.add(prose.count("\n", 0, m.start()), why)
    # Every maths pattern needs a "$" or a backslash; without them none can match (and
    # two of the patterns try a lookbehind at every position).
    maths: list[tuple[int, int]] = []
    for pattern in _MATH_RES if "$" in prose or "\\" in prose else ():
        for m in pattern.finditer(prose):
            group = next((i for i in range(len(m.groups()), 0, -1) if m.group(i)), 0)
            latex = m.group(group) if group else ""
            if m.group(0).startswith("\\\\") or not latex.strip():
                continue
            maths.append(m.span(0))
            if why := latex_problem(latex):
                at = m.start(group) + len(latex) - len(latex.lstrip())
                report.add(prose.count("\n", 0, at), why)
    # Attribute lists, read with code spans, escapes and maths blanked (braces inside maths
    # are LaTeX); a maths span keeps its last character, so braces right after it count.
    masked = list("\n".join(_strip_code_spans(x) if i not in code else ""
                            for i, x in enumerate(lines)))
    for start, end in maths:
        masked[start:end - 1] = "\x1a" * (end - 1 - start)
    for n, line in enumerate("".join(masked).split("\n")):
        if (braces := _attribute_list(line)) is not None:
            report.add(n, f"attribute lists ({braces[:30]}) are not allowed: MkDocs would "
                          "read them as HTML attributes; put braces in code or maths")


def markdown_problems(text: str) -> MarkdownReport:
    """Check one Markdown field; return its problems and ``#anchor`` links by line offset."""
    if _nothing_to_check(text):
        return MarkdownReport()
    report = MarkdownReport()
    if len(text) > MAX_MARKDOWN_CHARS:
        report.add(0, f"this text is {len(text):,} characters; the limit for one field is "
                      f"{MAX_MARKDOWN_CHARS:,} (split it into sections)")
        return report  # the Markdown renderer's time grows faster than the text
    for m in _MARKER_RE.finditer(text):
        report.add(text.count("\n", 0, m.start()),
                   f"'{m.group(0)}' is a marker that the site's plugins replace wherever it "
                   "stands, code included; write '&lt;!--' or leave the comment out")
    env: dict[str, Any] = {}
    tokens = _PARSER.parse(text, env)
    depth, where = _nesting(tokens)
    if depth > MAX_NESTING:
        report.add(where, f"Markdown nested {depth} levels deep (lists, quotes, emphasis); "
                          f"the limit is {MAX_NESTING}")
        return report
    code = _code_lines(tokens)
    for n, row in enumerate(text.split("\n")):
        if n not in code and len(row) - len(row.lstrip(" \t")) > MAX_INDENT:
            report.add(n, f"a line indented more than {MAX_INDENT} spaces (lists nest once "
                          "per 4 spaces); use a code fence for indented code")
            return report
    for token in tokens:
        line = token.map[0] if token.map else 0
        if token.type == "html_block":
            _html_token(report, line, token.content.strip().split("\n")[0], True)
        elif token.type == "inline":
            _inline(report, token, line)
    for label, ref in env.get("references", {}).items():
        line = ref.get("map", [0])[0] if isinstance(ref, dict) else 0
        if why := _definition_problem(str(label), str(ref.get("href", ""))):
            report.add(line, why)
    _raw_scan(report, text, code)
    report.problems.sort()
    return report


# --- writing plain text and URLs -----------------------------------------------------------

_MD_PUNCTUATION = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_[](){}!#$|~^:"}


def md_text(value: object) -> str:
    """Plain text for a Markdown or HTML context: HTML's and Markdown's special characters
    written as numeric character references, which both pass through as text. A leading
    digit, ``-``, ``+`` or ``=`` is written so too: at the start of a line it could begin a
    list ("1. …", "- …") or underline a heading."""
    text = str(value).translate(_MD_PUNCTUATION)
    if text[:1] in {"-", "+", "="} or text[:1].isdigit():
        text = f"&#{ord(text[0])};{text[1:]}"
    return text


def md_url(value: object) -> str:
    """A checked URL for ``[text](url)``: anything that could end the construct is encoded."""
    return quote(str(value), safe="/:?#@&=+$,;%~-._!*'[]")


_YAML_ESCAPE_RE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_value(value: object) -> str:
    """``value`` (a string or a list of strings) as a YAML flow value for front matter.

    JSON is YAML, but Jinja's ``tojson`` writes characters beyond U+FFFF as surrogate pairs
    (``\\ud83d\\ude80``), which YAML refuses, and MkDocs then drops the whole front matter
    without a word (the page loses its title, tags and description, and the front matter
    becomes Markdown). Here they stay literal; the characters YAML may not hold literally
    or reads as line breaks are written as ``\\uXXXX``.
    """
    text = json.dumps(value, ensure_ascii=False)
    return _YAML_ESCAPE_RE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


JINJA_FILTERS: dict[str, Callable[[Any], str]] = {"md_text": md_text, "md_url": md_url,
                                                  "yaml_value": yaml_value}
"""Filters the page templates use for plain text (``md_text``), URLs (``md_url``) and
front matter values (``yaml_value``)."""


# --- the sanitiser -------------------------------------------------------------------------

_MATHML_TAGS = {"math", "menclose", "mfrac", "mi", "mn", "mo", "mover", "mpadded", "mphantom",
                "mroot", "mrow", "mspace", "msqrt", "mstyle", "msub", "msubsup", "msup",
                "mtable", "mtd", "mtext", "mtr", "munder", "munderover", "none", "semantics",
                "annotation"}
_MATHML_ATTRS = {"accent", "columnalign", "columnlines", "columnspacing", "depth", "display",
                 "displaystyle", "fence", "form", "height", "linebreak", "linethickness",
                 "lspace", "mathbackground", "mathcolor", "mathsize", "mathvariant", "maxsize",
                 "minsize", "movablelimits", "notation", "rowlines", "rowspacing", "rspace",
                 "scriptlevel", "separator", "stretchy", "voffset", "width", "xmlns"}
_TAGS = {"a", "abbr", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
         "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "b", "li", "nav", "ol", "p",
         "pre", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th",
         "thead", "tr", "ul", *_MATHML_TAGS}
_ATTRS = {"*": {"class", "id", "title", "aria-label", "aria-hidden", "role", "lang"},
          "a": {"href"}, "th": {"style", "align"}, "td": {"style", "align"},
          "ol": {"start"}, "details": {"open"},
          # The A–Z filter reads these; plain data, never URLs or script.
          "li": {"data-tags", "data-level"}, "span": {"data-level"},
          **{t: _MATHML_ATTRS for t in _MATHML_TAGS}}


_CLEANER = nh3.Cleaner(tags=_TAGS, attributes=_ATTRS, url_schemes=set(LINK_SCHEMES),
                       link_rel=None, strip_comments=True,
                       filter_style_properties={"text-align"})
"""Built once: building the allow-lists per call costs four times the cleaning."""


def sanitise(fragment: str) -> str:
    """Clean HTML made from term content with nh3: only the allow-listed tags, attributes and
    URL schemes (http, https, mailto, relative) survive; script, handlers, frames go."""
    return _CLEANER.clean(fragment)


class EngineHtml:
    """Engine-made HTML (chart figures, script tags) kept out of the sanitised content.

    :meth:`keep` wraps an HTML-making function so that pages get a placeholder word carrying
    a per-build random token; :func:`clean_page` puts the HTML back after sanitising.
    """

    def __init__(self) -> None:
        self.token = secrets.token_hex(16)
        self.held: dict[str, str] = {}

    def hold(self, made: str) -> str:
        """Store engine-made HTML; return the placeholder word that stands for it."""
        if not made:
            return ""
        key = f"fgslot-{self.token}-{len(self.held)}"
        self.held[key] = made
        return key

    def keep(self, make: Callable[..., str]) -> Callable[..., str]:
        """Return ``make`` changed to store its HTML and return a placeholder instead."""
        def placeholder(*args: Any) -> str:
            return self.hold(make(*args))
        return placeholder

    def restore(self, page_html: str) -> str:
        """Replace each placeholder (as its own paragraph or bare) with the HTML it stands for.

        A ``<p>`` (then whitespace) just before a placeholder and whitespace then ``</p>``
        just after it go with it. The placeholders are found by their literal start, which
        is far quicker on a whole page than a pattern that may start with ``<p>``.
        """
        if self.token not in page_html:
            return page_html
        out: list[str] = []
        done = 0
        for m in re.finditer(rf"fgslot-{self.token}-\d+", page_html):
            start, end = m.start(), m.end()
            before = page_html[done:start].rstrip()
            if before.endswith("<p>"):
                start = done + len(before) - 3
            if close := _P_CLOSE_RE.match(page_html, end):
                end = close.end()
            out += [page_html[done:start], self.held.get(m.group(0), "")]
            done = end
        out.append(page_html[done:])
        return "".join(out)


def clean_page(page_html: str, engine: EngineHtml | None = None,
               clean: Callable[[str], str] = sanitise) -> str:
    """Sanitise a generated page's HTML, then put the engine's own figures and scripts back.

    ``clean`` is :func:`sanitise` or the same function with a memory
    (:class:`~glossary_site.clean_memo.CleanMemo`).
    """
    cleaned = clean(page_html)
    return engine.restore(cleaned) if engine is not None else cleaned


class ContentMarkdown(Extension):
    """A Python-Markdown extension that, while :attr:`active`, turns raw HTML off entirely.

    The plugin sets ``active`` for generated pages just before MkDocs renders them. Those
    pages then hold no raw HTML at all (the engine's figures and scripts are placeholders,
    its classes come from attribute lists), so every ``<`` in content is shown as text:
    ``a<b and c>d`` stays text, and an unclosed ``<svg/...`` cannot swallow what follows.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.active = False

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        """Deregister raw HTML blocks and inline HTML when the page is generated."""
        if self.active:
            if "html_block" in md.preprocessors:
                md.preprocessors.deregister("html_block")
            if "html" in md.inlinePatterns:
                md.inlinePatterns.deregister("html")
