"""Links between terms inside the text: ``[[slug]]`` links, automatic first mentions, mentions.

Contributors link a term in any Markdown field with ``[[network-effects]]`` (the link text is
that term's name) or ``[[network-effects|a network effect]]``. On top of that, the first
mention of another term's name or alias on the page becomes a link: whole words,
case-insensitive, simple plurals (``s``/``es``, and the singular of a plural name), longest
name first. A term is linked once per page: at its first link or mention (an explicit
``[[slug]]`` in the same field wins over a mention before it); later ones are text. A term
opts out of automatic links with ``autolink`` in its file.

Linking works on the field's markdown-it tokens (:mod:`glossary_site.render.parser`), the
same tokens the check read and the renderer writes: a ``[[slug]]`` token becomes a link, and
a text token holding a name is split around a new link. Only text outside links, code,
maths, HTML and headings is linked. Each link carries the target's slug
(``meta["fg_slug"]``); the renderer turns it into a URL (:mod:`glossary_site.build.urls`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from glossary_site.content.model import Term
from glossary_site.render.parser import WIKILINK, line_of

MAX_LINKED_NAME = 200
"""Names longer than this are never matched in text (the name rules refuse them anyway);
the name pattern's size grows with each name's length."""

_WORD = r"[^\W_]"


@dataclass
class FieldLinks:
    """What linking one field found."""

    targets: list[str] = field(default_factory=list)
    """Slugs linked from the field, first link first, once each."""
    explicit: int = 0
    automatic: int = 0
    unknown: list[tuple[int, str]] = field(default_factory=list)
    """(line offset in the field, slug) of each ``[[slug]]`` that names no other term."""
    split: list[int] = field(default_factory=list)
    """Line offsets of table cells where a bare ``|`` split a ``[[slug|label]]``."""


# --- names -------------------------------------------------------------------------------


def normal(text: str) -> str:
    """A name as matching compares it: spaces collapsed, case folded."""
    return re.sub(r"\s+", " ", text.strip()).casefold()


def linkable_names(term: Term) -> list[str]:
    """The names of ``term`` that other terms' text links automatically (``autolink``)."""
    names = [term.term, *term.aliases]
    if term.autolink is True:
        return names
    if term.autolink is False:
        return []
    wanted = {normal(n) for n in term.autolink}
    return [n for n in names if normal(n) in wanted]


def _variants(name: str) -> list[str]:
    base = normal(name)
    out = [base, base + "s", base + "es"]
    if base.endswith("s") and not base.endswith("ss") and len(base) > 3:
        out.append(base[:-1])
    return out


def _trie(names: Iterable[str]) -> dict[str, Any]:
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@dataclass
class NameIndex:
    """Every name of every term, compiled into one trie-shaped regex (longest name first)."""

    owner: dict[str, str]
    pattern: re.Pattern[str] | None

    @classmethod
    def build(cls, terms: dict[str, Term]) -> NameIndex:
        """Index each term's names (their variants too), first claim first."""
        owner: dict[str, str] = {}
        derived: dict[str, str] = {}
        for slug in sorted(terms):
            for name in [terms[slug].term, *terms[slug].aliases]:
                if len(name) > MAX_LINKED_NAME:
                    continue
                first, *rest = _variants(name)
                owner.setdefault(first, slug)
                for variant in rest:
                    derived.setdefault(variant, slug)
        for variant, slug in derived.items():
            owner.setdefault(variant, slug)
        body = _trie_pattern(_trie(owner))
        pattern = (re.compile(rf"(?<!{_WORD})(?<!-)(?:{body})(?!{_WORD})(?!-)", re.IGNORECASE)
                   if body else None)
        return cls(owner=owner, pattern=pattern)

    def matches(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, slug) of every name in ``text``, left to right."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            slug = self.owner.get(normal(match.group(0)))
            if slug is not None:
                yield match.start(), match.end(), slug


def _is_linkable_name(found: str, term: Term) -> bool:
    key = normal(found)
    return any(key in _variants(name) for name in linkable_names(term))


def auto_names(terms: dict[str, Term]) -> set[str]:
    """Slugs of the terms that have at least one automatically linked name."""
    return {slug for slug, term in terms.items() if linkable_names(term)}


# --- linking tokens ----------------------------------------------------------------------


def _link(slug: str, text: str, like: Token) -> list[Token]:
    opener = Token("link_open", "a", 1, attrs={"href": ""}, meta={"fg_slug": slug})
    opener.level = like.level
    body = Token("text", "", 0, content=text)
    return [opener, body, Token("link_close", "a", -1)]


@dataclass
class _Linker:
    self_slug: str
    terms: dict[str, Term]
    index: NameIndex
    auto_ok: Collection[str]
    result: FieldLinks = field(default_factory=FieldLinks)
    explicit: set[str] = field(default_factory=set)
    """Terms this field links with ``[[slug]]``: a mention before such a link stays text."""
    linked: set[str] = field(default_factory=set)
    """Terms linked on the page so far (earlier fields, then this one)."""

    def target(self, slug: str) -> None:
        if slug not in self.result.targets:
            self.result.targets.append(slug)

    def wikilink(self, token: Token, line: int, depth: int) -> list[Token]:
        slug = str(token.meta.get("target", ""))
        if slug not in self.terms or slug == self.self_slug:
            self.result.unknown.append((line, slug))
            return [token]
        label = " ".join(str(token.meta.get("label") or "").split()) or self.terms[slug].term
        self.target(slug)
        if depth > 0 or slug in self.linked:  # no link in a link, none twice: the label
            return [Token("text", "", 0, content=label)]
        self.linked.add(slug)
        self.result.explicit += 1
        return _link(slug, label, token)

    def text(self, run: list[Token]) -> list[Token]:
        """Link names in a run of text tokens and the soft line breaks between them (a name
        may span a line break)."""
        content = "".join("\n" if t.type == "softbreak" else t.content for t in run)
        out: list[Token] = []
        done = 0
        for start, end, slug in self.index.matches(content):
            if (slug == self.self_slug or slug in self.linked or slug in self.explicit
                    or slug not in self.auto_ok
                    or not _is_linkable_name(content[start:end], self.terms[slug])):
                continue
            self.linked.add(slug)
            self.result.automatic += 1
            self.target(slug)
            out += _plain(content[done:start], run[0])
            out += _link(slug, content[start:end], run[0])
            done = end
        if not out:
            return run
        return out + _plain(content[done:], run[0])

    def inline(self, token: Token, line: int, heading: bool) -> None:
        children: list[Token] = []
        run: list[Token] = []
        depth = 0
        for child in token.children or []:
            if child.type in {"text", "softbreak"} and depth == 0 and not heading:
                run.append(child)
                continue
            if run:
                children += self.text(run)
                run = []
            if child.type == "link_open":
                depth += 1
            elif child.type == "link_close":
                depth -= 1
            if child.type == WIKILINK:
                children += self.wikilink(child, line_of(token, child, line), depth)
            else:
                children.append(child)
        if run:
            children += self.text(run)
        token.children = children


def _plain(text: str, like: Token) -> list[Token]:
    """Text tokens for ``text``, with a soft line break token for each newline in it."""
    out: list[Token] = []
    for i, piece in enumerate(text.split("\n")):
        if i:
            out.append(Token("softbreak", "br", 0, level=like.level))
        if piece:
            out.append(Token("text", "", 0, content=piece, level=like.level))
    return out


def link_tokens(tokens: list[Token], self_slug: str, terms: dict[str, Term],
                index: NameIndex, auto_ok: Collection[str] | None = None,
                linked: Collection[str] = ()) -> FieldLinks:
    """Link one parsed field in place: ``[[slug]]`` links and first mentions of names.

    ``auto_ok``: slugs whose names may be linked automatically (default: every term with a
    linkable name); names of ``self_slug`` are never linked. ``linked``: terms the page
    links before this field (they are not linked again).
    """
    linker = _Linker(self_slug, terms, index, auto_names(terms) if auto_ok is None else auto_ok,
                     linked=set(linked))
    for token in tokens:
        for child in token.children or ():
            if child.type == WIKILINK:
                linker.explicit.add(str(child.meta.get("target", "")))
    line = 0
    for i, token in enumerate(tokens):
        line = token.map[0] if token.map else line
        if token.type != "inline":
            continue
        previous = tokens[i - 1].type if i else ""
        if (previous in {"td_open", "th_open"} and "[[" in token.content
                and "]]" not in token.content[token.content.rfind("[["):]):
            linker.result.split.append(line)
        linker.inline(token, line, heading=previous == "heading_open")
    return linker.result


def mentions_of(targets: dict[str, list[str]], terms: dict[str, Term]) -> dict[str, list[str]]:
    """"Mentioned in": per slug, A–Z by name, the terms whose text links it, apart from the
    terms it lists as related itself."""
    mentioned: dict[str, set[str]] = defaultdict(set)
    for source, linked in targets.items():
        for target in linked:
            mentioned[target].add(source)
    return {slug: sorted(mentioned[slug] - set(terms[slug].related),
                         key=lambda s: (terms[s].term.casefold(), s))
            for slug in terms}

