"""Turn the math that ``pymdownx.arithmatex`` (generic mode) marks up into MathML.

The conversion happens at build time with latex2mathml, so equations render in the browser
without MathJax, KaTeX or any network request.
"""

from __future__ import annotations

import html
import re

from latex2mathml.converter import convert

_BLOCK_RE = re.compile(r'<div class="arithmatex">\s*\\\[(.*?)\\\]\s*</div>', re.DOTALL)
_INLINE_RE = re.compile(r'<span class="arithmatex">\\\((.*?)\\\)</span>', re.DOTALL)


def _convert(latex: str, display: str) -> str:
    source = html.unescape(latex).strip()
    try:
        mathml = convert(source, display=display)
    except Exception as exc:  # latex2mathml raises several unrelated types on bad input
        raise ValueError(f"cannot convert the equation {source!r} to MathML: {exc}") from exc
    label = html.escape(source, quote=True)
    return mathml.replace("<math ", f'<math aria-label="{label}" ', 1)


def render_math(page_html: str) -> str:
    """Replace arithmatex's ``\\(..\\)`` and ``\\[..\\]`` wrappers with MathML elements."""
    if "arithmatex" not in page_html:
        return page_html
    page_html = _BLOCK_RE.sub(
        lambda m: f'<div class="fg-math">{_convert(m.group(1), "block")}</div>', page_html)
    return _INLINE_RE.sub(lambda m: _convert(m.group(1), "inline"), page_html)
