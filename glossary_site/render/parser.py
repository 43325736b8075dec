"""The one Markdown parser of term content: markdown-it-py, CommonMark plus tables,
definition lists, maths and ``[[slug]]`` links.

Every Markdown field of a term is parsed once here; the checks (:mod:`.rules`), the links
(:mod:`glossary_site.content.links`) and the HTML (:mod:`.html`) all work on the same tokens.

Link URLs stay as written in the tokens (markdown-it normally drops the URLs it distrusts
and percent-encodes the rest), so that the checks judge what the contributor wrote; the
renderer normalises each URL that passed (:func:`normalise_href`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.normalize_url import normalizeLink
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.texmath import texmath_plugin

WIKILINK_RE = re.compile(r"\[\[([^\[\]|]*?)\\?(?:\|([^\[\]]*))?\]\]")
"""``[[slug]]``, ``[[slug|label]]``, and ``[[slug\\|label]]`` (the escaped pipe a table cell
needs: a bare ``|`` ends the cell)."""

WIKILINK = "fg_wikilink"
"""Token type of a ``[[slug]]`` link; ``meta`` holds ``target`` and ``label``."""


def _wikilink(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = WIKILINK_RE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push(WIKILINK, "", 0)
        token.content = match.group(0)
        token.meta = {"target": match.group(1).strip(), "label": match.group(2)}
    state.pos = match.end()
    return True


_TRACKED = frozenset({WIKILINK, "html_inline", "image", "link", "autolink", "math_inline",
                      "math_inline_double", "backticks"})
"""Inline rules whose tokens the checks and the linker report problems on."""


def _tracked(fn: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """``fn``, noting on each token it pushes where in the inline text its source starts
    (``meta["fg_pos"]``), so a problem is reported at its own line."""
    def rule(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        found = fn(state, silent)
        if found and not silent:
            for token in state.tokens[count:]:
                token.meta.setdefault("fg_pos", start)
        return found
    return rule


def line_of(inline: Token, child: Token, default: int) -> int:
    """The line offset in the field of ``child``, a token of the ``inline`` token's text
    (``default`` when the parser did not note where it starts)."""
    pos = child.meta.get("fg_pos") if child.meta else None
    if pos is None or inline.map is None:
        return default
    return inline.map[0] + inline.content.count("\n", 0, pos)


def _parser() -> MarkdownIt:
    md = (MarkdownIt("commonmark", {"html": True, "xhtmlOut": False}).enable("table")
          .use(deflist_plugin)
          # "$x$" as arithmatex's smart dollars read it: no space inside, no digit outside
          .use(dollarmath_plugin, allow_space=False, allow_digits=False, allow_labels=False)
          .use(texmath_plugin, delimiters="brackets"))
    md.inline.ruler.before("link", WIKILINK, _wikilink)
    for rule in md.inline.ruler.__rules__:  # in place: two plugins may share a rule name
        if rule.name in _TRACKED:
            rule.fn = _tracked(rule.fn)
    md.inline.ruler.__cache__ = None
    # See every link whatever its scheme, with its URL as written (entities decoded): the
    # checks refuse what is unsafe, the renderer normalises what passed.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    return md


MD = _parser()


def parse(text: str) -> tuple[list[Token], dict[str, Any]]:
    """Parse one Markdown field: its block tokens (inline children filled) and env."""
    env: dict[str, Any] = {}
    return MD.parse(text, env), env


def normalise_href(url: str) -> str:
    """A checked URL as an ``href``: percent-encoded the way markdown-it does it."""
    return normalizeLink(url)
