"""Turn the math that ``pymdownx.arithmatex`` (generic mode) marks up into MathML.

The conversion happens at build time with latex2mathml, so equations render in the browser
without MathJax, KaTeX or any network request. Maths comes from term content, so commands
that would make a link (``\\href``, ``\\url``) are refused, by ``glossary check`` through
:func:`latex_problem` and by the build, and no ``href`` is ever written into MathML.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

_BLOCK_RE = re.compile(r'<div class="arithmatex">\s*\\\[(.*?)\\\]\s*</div>', re.DOTALL)
_INLINE_RE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.DOTALL)
_LINK_COMMANDS_RE = re.compile(r"\\(href|url|hyperref|html\w*|class|cssId|style|unicode|require)"
                               r"(?![A-Za-z])")
_HREF_RE = re.compile(r'\s(?:href|xlink:href)="[^"]*"')


def latex_problem(latex: str) -> str | None:
    """Why the equation ``latex`` cannot be rendered, or ``None`` when it converts."""
    try:
        to_mathml(latex, "inline")
    except ValueError as exc:
        return str(exc)
    return None


def to_mathml(latex: str, display: str) -> str:
    """Convert LaTeX to a MathML element labelled with its source; ``ValueError`` if not."""
    source = latex.strip()
    if command := _LINK_COMMANDS_RE.search(source):
        raise ValueError(f"the equation {source[:60]!r} uses \\{command.group(1)}, which is not "
                         "allowed in maths (no links or styles inside equations)")
    try:
        mathml = convert(source, display=display)
    except Exception as exc:  # latex2mathml raises several unrelated types on bad input
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise ValueError(f"cannot convert the equation {source[:60]!r} to MathML ({detail}); "
                         "check its braces and commands") from exc
    label = html.escape(source, quote=True)
    mathml = _HREF_RE.sub("", mathml)
    return mathml.replace("<math ", f'<math aria-label="{label}" ', 1)


def _convert(latex: str, display: str) -> str:
    return to_mathml(html.unescape(latex), display)


def render_math(page_html: str) -> str:
    """Replace arithmatex's ``\\(..\\)`` and ``\\[..\\]`` wrappers with MathML elements."""
    if "arithmatex" not in page_html:
        return page_html
    page_html = _BLOCK_RE.sub(
        lambda m: f'<div class="fg-math">{_convert(m.group(1), "block")}</div>', page_html)
    return _INLINE_RE.sub(lambda m: _convert(m.group(1), "inline"), page_html)
