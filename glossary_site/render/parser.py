"""The one Markdown parser of term content: markdown-it-py, CommonMark plus tables,
definition lists, maths, ``[[slug]]`` links and ``[@key]`` citations.

Every Markdown field of a term is parsed once here; the checks (:mod:`.rules`), the links
(:mod:`glossary_site.content.links`) and the HTML (:mod:`.html`) all work on the same tokens.

Link URLs stay as written in the tokens (markdown-it normally drops the URLs it distrusts
and percent-encodes the rest), so that the checks judge what the contributor wrote; the
renderer normalises each URL that passed (markdown-it's ``normalizeLink``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
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


CITE = "fg_cite"
"""Token type of a citation; ``meta`` holds ``keys`` (each ``(key, locator)``) and ``form``:
``paren`` for ``[@a; @b, p. 4]``, ``year`` for ``[-@a]``, ``narrative`` for ``@a``."""

CITE_KEY = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_BRACKET_CITE_RE = re.compile(
    rf"\[(-?)@({CITE_KEY})((?:,[^\[\]@;\n]*)?)((?:;\s*@{CITE_KEY}(?:,[^\[\]@;\n]*)?)*)\]")
_MORE_RE = re.compile(rf";\s*@({CITE_KEY})((?:,[^\[\]@;\n]*)?)")
_NARRATIVE_RE = re.compile(rf"@({CITE_KEY})(?![\w@])")


def _cite(state: StateInline, silent: bool) -> bool:
    """``[@key]``, ``[@a; @b]``, ``[@key, p. 4]``, ``[-@key]`` and ``@key`` (the ``@`` not
    after a letter, digit or ``@``, so ``name@example.org`` stays text)."""
    src, pos = state.src, state.pos
    keys: list[tuple[str, str]]
    if src.startswith("[", pos):
        match = _BRACKET_CITE_RE.match(src, pos)
        if match is None:
            return False
        form = "year" if match.group(1) else "paren"
        keys = [(match.group(2), match.group(3)[1:].strip())]
        keys += [(m.group(1), m.group(2)[1:].strip()) for m in _MORE_RE.finditer(match.group(4))]
        if form == "year" and len(keys) > 1:
            return False
    elif src.startswith("@", pos) and (pos == 0 or not (src[pos - 1].isalnum()
                                                        or src[pos - 1] in "@_")):
        match = _NARRATIVE_RE.match(src, pos)
        if match is None:
            return False
        form, keys = "narrative", [(match.group(1), "")]
    else:
        return False
    if not silent:
        token = state.push(CITE, "", 0)
        token.content = match.group(0)
        token.meta = {"keys": keys, "form": form}
    state.pos = match.end()
    return True


_TRACKED = frozenset({WIKILINK, CITE, "html_inline", "image", "link", "autolink", "math_inline",
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
    md.inline.ruler.before("link", CITE, _cite)
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
