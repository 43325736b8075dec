"""Turn the math that ``pymdownx.arithmatex`` (generic mode) marks up into MathML.

The conversion happens at build time with latex2mathml, so equations render in the browser
without MathJax, KaTeX or any network request. Maths comes from term content, so commands
that would make a link (``\\href``, ``\\url``) are refused, by ``glossary check`` through
:func:`latex_problem` and by the build, and no ``href`` is ever written into MathML.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET  # noqa: N817 (the usual name)

from latex2mathml.converter import convert

_BLOCK_RE = re.compile(r'<div class="arithmatex">\s*\\\[(.*?)\\\]\s*</div>', re.DOTALL)
_INLINE_RE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.DOTALL)
LINK_COMMANDS_RE = re.compile(r"\\(href|url|hyperref|html\w*|class|cssId|style|unicode|require)"
                               r"(?![A-Za-z])")


def latex_problem(latex: str) -> str | None:
    """Why the equation ``latex`` cannot be rendered, or ``None`` when it converts."""
    try:
        to_mathml(latex, "inline")
    except ValueError as exc:
        return str(exc)
    return None


_NS = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", _NS)
_TOKENS = frozenset(f"{{{_NS}}}{t}" for t in ("mi", "mn", "mo", "ms", "mtext"))
MATHML_TAGS = frozenset({
    "math", "menclose", "mfrac", "mi", "mn", "mo", "mover", "mpadded", "mphantom", "mroot",
    "mrow", "ms", "mspace", "msqrt", "mstyle", "msub", "msubsup", "msup", "mtable", "mtd",
    "mtext", "mtr", "munder", "munderover", "none", "semantics", "annotation"})
"""The MathML elements an equation may hold (nh3's allow-list for fields takes them too)."""
MATHML_ATTRIBUTES = frozenset({
    "accent", "columnalign", "columnlines", "columnspacing", "depth", "display",
    "displaystyle", "fence", "form", "height", "linebreak", "linethickness", "lspace",
    "mathsize", "mathvariant", "maxsize", "minsize", "movablelimits", "notation", "rowlines",
    "rowspacing", "rspace", "scriptlevel", "separator", "stretchy", "voffset", "width",
    "xmlns", "aria-label"})
"""The attributes they may carry; others (``border-color``, the colours of ``\\color`` and
``\\colorbox``, which could hide text or paint over the page …) are dropped."""
_LENGTHS = frozenset({"columnspacing", "depth", "height", "linethickness", "lspace",
                      "mathsize", "maxsize", "minsize", "rowspacing", "rspace", "voffset",
                      "width"})
MAX_LENGTH_EM = 4.0
"""Largest size, space or shift an equation may use (``\\qquad`` is 2em, ``\\Huge`` 2.49em):
``\\raise{24em}``, ``\\hspace{-100em}`` or ``\\rule{9999em}{1em}`` would draw over the
rest of the page or stretch it."""
_LENGTH_RE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)(em|ex|px|pt|pc|mu|in|cm|mm)?")
_IN_EM = {"em": 1.0, "ex": 0.5, "px": 1 / 16, "pt": 1 / 12, "pc": 1.0, "mu": 1 / 18,
          "in": 6.0, "cm": 6 / 2.54, "mm": 0.6 / 2.54, None: 1.0}
_NAMED_SPACE = re.compile(r"(negative)?(very){0,2}(thin|thick|medium)mathspace")


def _length_problem(value: str, source: str) -> str | None:
    """``None`` when every length of ``value`` is a plain one within :data:`MAX_LENGTH_EM`;
    ``"drop"`` when one is of another kind (``100vw``, ``-1width``, ``calc(…)``); why the
    equation is refused when one is larger."""
    for token in value.split():
        if _NAMED_SPACE.fullmatch(token):
            continue
        match = _LENGTH_RE.fullmatch(token)
        if match is None:
            return "drop"
        if float(match.group(1)) * _IN_EM[match.group(2)] > MAX_LENGTH_EM:
            return (f"the equation {source[:60]!r} uses a size, space or shift of {token}; "
                    f"at most {MAX_LENGTH_EM:g}em is allowed")
    return None


def _checked(mathml: str, source: str) -> str:
    """latex2mathml's output, read as XML and written again: its text escaped (``\\text{…}``
    is copied raw), only MathML elements (anything else is refused) and attributes (others
    are dropped: no link), no size, space or shift over :data:`MAX_LENGTH_EM` (refused) or
    of any kind but a plain length (dropped), and no element inside a token element
    (``\\mathrel{=}`` puts an ``mrow`` in an ``mo``, which HTML parsers drop): such a token
    becomes the ``mrow`` of its children."""
    try:
        root = ET.fromstring(mathml)
    except ET.ParseError:
        raise ValueError(f"the equation {source[:60]!r} puts '<', '>' or '&' in text; write "
                         "them as maths (\\lt, \\gt) or outside the equation") from None
    for element in root.iter():
        if element.tag.removeprefix(f"{{{_NS}}}") not in MATHML_TAGS:
            raise ValueError(f"the equation {source[:60]!r} holds markup that is not maths")
        for name in [n for n in element.attrib if n not in MATHML_ATTRIBUTES]:
            del element.attrib[name]  # href, xlink:href, border-color, mathcolor …
        for name in [n for n in element.attrib if n in _LENGTHS]:
            if (why := _length_problem(element.attrib[name], source)) == "drop":
                del element.attrib[name]
            elif why:
                raise ValueError(why)
        if element.tag in _TOKENS and len(element):
            element.tag, element.text = f"{{{_NS}}}mrow", None
            element.attrib.clear()
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


def to_mathml(latex: str, display: str) -> str:
    """Convert LaTeX to a MathML element labelled with its source; ``ValueError`` if not."""
    source = latex.strip()
    if command := LINK_COMMANDS_RE.search(source):
        raise ValueError(f"the equation {source[:60]!r} uses \\{command.group(1)}, which is not "
                         "allowed in maths (no links or styles inside equations)")
    try:
        mathml = convert(source, display=display)
    except Exception as exc:  # latex2mathml raises several unrelated types on bad input
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise ValueError(f"cannot convert the equation {source[:60]!r} to MathML ({detail}); "
                         "check its braces and commands") from exc
    label = html.escape(source, quote=True)
    mathml = _checked(mathml, source)
    return mathml.replace("<math ", f'<math aria-label="{label}" ', 1)


def render_math(page_html: str) -> str:
    """Replace arithmatex's ``\\(..\\)`` and ``\\[..\\]`` wrappers with MathML elements."""
    if "arithmatex" not in page_html:
        return page_html
    page_html = _BLOCK_RE.sub(lambda m: '<div class="fg-math">'
                              f'{to_mathml(html.unescape(m.group(1)), "block")}</div>', page_html)
    return _INLINE_RE.sub(lambda m: to_mathml(html.unescape(m.group(1)), "inline"), page_html)
