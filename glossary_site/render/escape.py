"""Plain text for the context it reaches: Markdown and HTML text, URLs, front matter.

Names, summaries and titles are plain text: :func:`md_text` writes HTML's and Markdown's
special characters as numeric character references, so Markdown cannot reinterpret them;
:func:`md_url` percent-encodes what could end ``[title](url)``; :func:`yaml_value` writes
front matter values that MkDocs' YAML reader accepts (the theme prints title, description
and tags as HTML, so the templates HTML-escape them first). HTML blocks are written by the
autoescaped HTML environment (:mod:`glossary_site.render.templating`) instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

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
