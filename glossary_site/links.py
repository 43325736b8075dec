"""Links between terms inside the text: ``[[slug]]`` links, automatic first mentions, mentions.

Contributors link a term in any Markdown field with ``[[network-effects]]`` (the link text is
that term's name) or ``[[network-effects|a network effect]]``. On top of that, the first
mention of another term's name or alias in each section (and in the definition) becomes a
link: whole words, case-insensitive, simple plurals (``s``/``es``, and the singular of a
plural name), longest name first. A term opts out with ``autolink`` in its file.

Where text may be linked is decided on markdown-it-py's token stream, not with regexes over
raw Markdown: headings, code spans and blocks, math, HTML, autolinks, footnote references and
existing links are never touched. The inline rules are wrapped to record which source range
each construct consumed; the rewrite then edits the field's own text at those positions, so
everything else in the field stays byte for byte as written.

Output links are relative Markdown links between term pages (``[text](other-slug.md)``), which
MkDocs validates. Link text taken from a name or a ``[[slug|text]]`` label is plain text,
escaped for Markdown and HTML.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.texmath import texmath_plugin

from .digests import key
from .load import RawEntry
from .model import Term
from .problems import Problem, did_you_mean
from .prose import WIKILINK_RE as _WIKILINK_RE
from .prose import Span, prose_inlines

if TYPE_CHECKING:  # memo.py reads the glossary's modules: no import at run time
    from .memo import Memo

_UNLINKED_RULES = frozenset({"text", "newline", "emphasis", "strikethrough"})
"""Inline rules whose source stays linkable text; every other rule's range is protected."""
_WORD = r"[^\W_]"
_MD_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


@dataclass
class TermLinks:
    """One term's Markdown fields with their in-text links, and what was linked."""

    definition: str
    bodies: list[str]
    targets: list[str] = field(default_factory=list)
    """Slugs linked from this term's text (explicit or automatic), first link first, once."""
    explicit: int = 0
    automatic: int = 0


# --- the parser --------------------------------------------------------------------------


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = _WIKILINK_RE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("fg_wikilink", "", 0)
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _tracked(name: str, fn: Callable[[StateInline, bool], bool]
             ) -> Callable[[StateInline, bool], bool]:
    def rule(state: StateInline, silent: bool) -> bool:
        start = state.pos
        ok = fn(state, silent)
        if ok and not silent:
            spans = state.env.get("fg_spans")
            if spans is not None:
                wiki = _WIKILINK_RE.fullmatch(state.src[start:state.pos]) if (
                    name == "fg_wikilink") else None
                spans.append(Span(start, state.pos, name,
                                  wiki.group(1).strip() if wiki else "",
                                  wiki.group(2) if wiki else None))
        return ok

    return rule


def _inline_with_spans(state: StateCore) -> None:
    """The core ``inline`` rule, recording each inline token's protected source ranges."""
    for token in state.tokens:
        if token.type == "inline":
            spans: list[Span] = []
            state.env["fg_spans"] = spans
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            state.env["fg_spans"] = None
            token.meta = {**(token.meta or {}), "fg_spans": spans}


def _parser() -> MarkdownIt:
    md = (MarkdownIt("commonmark").enable("table").use(footnote_plugin).use(deflist_plugin)
          .use(admon_plugin).use(dollarmath_plugin).use(texmath_plugin, delimiters="brackets"))
    md.inline.ruler.before("link", "fg_wikilink", _wikilink_rule)
    # Wrap every inline rule (markdown-it's own and the plugins') whose range is protected, to
    # record what it consumed; the text rules are left alone (most calls, nothing to record).
    # (Rules are updated in place: two plugins may register rules under one name.)
    for rule in md.inline.ruler.__rules__:
        if rule.name not in _UNLINKED_RULES:
            rule.fn = _tracked(rule.name, rule.fn)
    md.inline.ruler.__cache__ = None
    md.core.ruler.at("inline", _inline_with_spans)
    return md


_MD = _parser()


# --- names -------------------------------------------------------------------------------


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).casefold()


def linkable_names(term: Term) -> list[str]:
    """The names of ``term`` that other terms' text links automatically (``autolink``)."""
    names = [term.term, *term.aliases]
    if term.autolink is True:
        return names
    if term.autolink is False:
        return []
    wanted = {_normal(n) for n in term.autolink}
    return [n for n in names if _normal(n) in wanted]


def _variants(name: str) -> list[str]:
    base = _normal(name)
    out = [base, base + "s", base + "es"]
    if base.endswith("s") and not base.endswith("ss") and len(base) > 3:
        out.append(base[:-1])
    return out


def _trie_pattern(node: dict[str, Any]) -> str:
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_pattern(child)
                for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _trie(names: Iterable[str]) -> dict[str, Any]:
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


@dataclass
class NameIndex:
    """Every name of every term, compiled into one trie-shaped regex (longest name first)."""

    owner: dict[str, str]
    pattern: re.Pattern[str] | None
    heads: re.Pattern[str] | None = None
    """The first word of every name (no boundaries): a field in which it finds nothing can
    hold no name, whatever the Markdown around it, so it need not be parsed at all."""

    @classmethod
    def build(cls, terms: dict[str, Term]) -> NameIndex:
        """Index each term's names: linkable ones, and all names of each term for itself."""
        owner: dict[str, str] = {}
        derived: dict[str, str] = {}
        for slug in sorted(terms):
            for name in [terms[slug].term, *terms[slug].aliases]:
                first, *rest = _variants(name)
                owner.setdefault(first, slug)
                for variant in rest:
                    derived.setdefault(variant, slug)
        for variant, slug in derived.items():
            owner.setdefault(variant, slug)
        body = _trie_pattern(_trie(owner))
        pattern = (re.compile(rf"(?<!{_WORD})(?<!-)(?:{body})(?!{_WORD})(?!-)", re.IGNORECASE)
                   if body else None)
        heads = _trie_pattern(_trie(name.split(" ")[0] for name in owner))
        return cls(owner=owner, pattern=pattern,
                   heads=re.compile(heads, re.IGNORECASE) if body else None)

    def may_match(self, text: str) -> bool:
        """False when no name can occur in ``text`` (nor in any part of it)."""
        if self.pattern is None:
            return False
        return self.heads is None or self.heads.search(text) is not None

    def matches(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, slug) of every name in ``text``, left to right."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            slug = self.owner.get(_normal(match.group(0)))
            if slug is not None:
                yield match.start(), match.end(), slug


# --- the rewrite -------------------------------------------------------------------------


def escape_text(text: str) -> str:
    """Escape plain text for use as Markdown link text: Markdown punctuation, HTML, and
    ``$`` (which would start maths)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL_RE.sub(r"\\\1", text).replace("$", "&#36;")


def _after_bang(text: str, start: int) -> bool:
    """Whether ``text[start]`` follows an unescaped ``!``: a link placed there would be
    read as an image ("Wow!Network effects", "![[slug]]")."""
    if start == 0 or text[start - 1] != "!":
        return False
    backslashes = len(text[:start - 1]) - len(text[:start - 1].rstrip("\\"))
    return backslashes % 2 == 0


def _source_offsets(source: str, token: Any, cursors: dict[int, int],
                    line_starts: list[int]) -> list[int] | None:
    """Map each character of an inline token's content to its offset in ``source``."""
    if token.map is None:
        return None
    offsets: list[int] = []
    for k, piece in enumerate(token.content.split("\n")):
        line = token.map[0] + k
        if line >= len(line_starts):
            return None
        begin = line_starts[line] + cursors.get(line, 0)
        end = line_starts[line + 1] if line + 1 < len(line_starts) else len(source)
        found = source.find(piece, begin, end)
        if found >= 0:
            cursors[line] = found + len(piece) - line_starts[line]
            offsets.extend(range(found, found + len(piece)))
            offsets.append(found + len(piece))  # the newline (or the end)
            continue
        # A table cell: markdown-it gives its content with each "\|" written as "|".
        escaped = piece.replace("|", "\\|")
        found = source.find(escaped, begin, end) if escaped != piece else -1
        if found < 0:
            return None
        cursors[line] = found + len(escaped) - line_starts[line]
        at = found
        for char in piece:
            at += char == "|"  # step over the backslash
            offsets.append(at)
            at += 1
        offsets.append(at)
    return offsets


@dataclass
class _Edit:
    start: int
    end: int
    text: str


@dataclass
class FieldResult:
    """One Markdown field after linking."""

    text: str
    targets: list[str] = field(default_factory=list)
    explicit: int = 0
    automatic: int = 0
    unknown: list[tuple[int, str]] = field(default_factory=list)
    """(offset in the field, slug) of each ``[[slug]]`` that names no term."""
    split: list[int] = field(default_factory=list)
    """Offsets in the field of table cells where a bare ``|`` split a ``[[slug|label]]``."""


def link_field(text: str, self_slug: str, terms: dict[str, Term], index: NameIndex,
               autolink: Collection[str] | None = None) -> FieldResult:
    """Apply ``[[slug]]`` links and automatic first-mention links to one Markdown field.

    ``autolink``: slugs whose names may be linked automatically (default: every term's
    linkable names, see :func:`linkable_names`); names of ``self_slug`` are never linked.
    """
    if "[[" not in text and not index.may_match(text):
        return FieldResult(text)  # nothing to link: no need to parse (the common case)
    result = FieldResult(text)
    edits: list[_Edit] = []
    cursors: dict[int, int] = {}
    auto_ok = _auto_names(terms) if autolink is None else autolink
    pending: list[tuple[Sequence[int], list[Span], bool, str]] = []
    explicit_targets: set[str] = set()
    prose = prose_inlines(text)
    if prose is not None:  # what markdown-it would find, without parsing (prose.py)
        pending = [(range(start, end + 1), spans, False, text[start:end])
                   for start, end, spans in prose]
        explicit_targets = {s.target for _, _, spans in prose for s in spans
                            if s.rule == "fg_wikilink"}
    tokens = _MD.parse(text, {}) if prose is None else []
    line_starts = [0]  # where each line of the field starts (the parsed path maps offsets)
    for line in text.split("\n")[:-1] if tokens else ():
        line_starts.append(line_starts[-1] + len(line) + 1)
    for i, token in enumerate(tokens):
        if token.type != "inline":
            continue
        mapped = _source_offsets(text, token, cursors, line_starts)
        spans: list[Span] = (token.meta or {}).get("fg_spans", [])
        heading = i > 0 and tokens[i - 1].type == "heading_open"
        if (i > 0 and tokens[i - 1].type in {"td_open", "th_open"} and "[[" in token.content
                and "]]" not in token.content[token.content.rfind("[["):]):
            row = token.map[0] if token.map else 0
            result.split.append(line_starts[min(row, len(line_starts) - 1)])
        for span in spans:
            if span.rule == "fg_wikilink":
                explicit_targets.add(span.target)
        if mapped is not None:
            pending.append((mapped, spans, heading, token.content))
    linked: set[str] = set()
    for offsets, spans, heading, content in pending:
        for span in spans:
            if span.rule != "fg_wikilink":
                continue
            start, end = offsets[span.start], offsets[span.end - 1] + 1
            slug = span.target
            if slug not in terms or slug == self_slug:
                result.unknown.append((start, slug))
                continue
            label = " ".join((span.label or "").split()) or terms[slug].term
            edits.append(_Edit(start, end, f"[{escape_text(label)}]({slug}.md)"))
            result.explicit += 1
            if slug not in result.targets:
                result.targets.append(slug)
        if heading:
            continue
        for seg_start, seg_end in _free_segments(len(content), spans):
            for start, end, slug in index.matches(content[seg_start:seg_end]):
                if slug == self_slug or slug in linked or slug in explicit_targets:
                    continue
                if slug not in auto_ok or not _is_linkable_name(
                        content[seg_start + start:seg_start + end], terms[slug]):
                    continue
                linked.add(slug)
                a, b = offsets[seg_start + start], offsets[seg_start + end - 1] + 1
                edits.append(_Edit(a, b, f"[{text[a:b]}]({slug}.md)"))
                result.automatic += 1
                if slug not in result.targets:
                    result.targets.append(slug)
    out = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        bang = _after_bang(out, edit.start)  # keep the "!" as text: "\!" before the link
        start = edit.start - 1 if bang else edit.start
        out = out[:start] + ("\\!" if bang else "") + edit.text + out[edit.end:]
    result.text = out
    return result


def _free_segments(length: int, spans: list[Span]) -> Iterator[tuple[int, int]]:
    pos = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start > pos:
            yield pos, span.start
        pos = max(pos, span.end)
    if pos < length:
        yield pos, length


def _is_linkable_name(found: str, term: Term) -> bool:
    key = _normal(found)
    return any(key in _variants(name) for name in linkable_names(term))


def _auto_names(terms: dict[str, Term]) -> set[str]:
    return {slug for slug, term in terms.items() if linkable_names(term)}


# --- the resolve step --------------------------------------------------------------------


def _field_line(entry: RawEntry, loc: tuple[str | int, ...], raw: Any, offset: int) -> int:
    """The file line of ``offset`` in a field's stripped text (exact in ``|`` blocks)."""
    if not isinstance(raw, str):
        return entry.line(loc)
    lead = len(raw) - len(raw.lstrip())
    return entry.text_line(loc, raw[:lead + offset].count("\n"))


def _raw(entry: RawEntry, *loc: str | int) -> Any:
    value: Any = entry.data
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _autolink_problems(entry: RawEntry, term: Term) -> list[Problem]:
    if isinstance(term.autolink, bool):
        return []
    names = {_normal(n) for n in (term.term, *term.aliases)}
    return [Problem(entry.path, entry.line(("autolink", i)),
                    f"autolink lists '{name}', which is not this term's name or an alias"
                    f"{did_you_mean(name, [term.term, *term.aliases])}")
            for i, name in enumerate(term.autolink) if _normal(name) not in names]


def names_digest(terms: dict[str, Term]) -> bytes:
    """A digest of all that :func:`link_field` reads from ``terms``: each slug with its
    name, aliases and ``autolink`` setting."""
    return key(*(f"{slug}\0{t.term}\0{chr(1).join(t.aliases)}\0{t.autolink!r}"
                 for slug, t in sorted(terms.items())))


def resolve_links(entries: list[tuple[RawEntry, Term]], terms: dict[str, Term],
                  related: dict[str, list[str]] | None = None, broken: Collection[str] = (),
                  memo: Memo | None = None
                  ) -> tuple[dict[str, TermLinks], dict[str, list[str]], list[Problem]]:
    """Link every term's text; return links per slug, "Mentioned in" per slug and problems.

    "Mentioned in" lists, A–Z by name, the terms whose text links a term, apart from the
    terms that term already lists as related. ``memo`` keeps each field's links, keyed by
    the field, its term and :func:`names_digest`, for the next build.
    """
    index = NameIndex.build(terms)
    auto_ok = _auto_names(terms)
    names = names_digest(terms) if memo is not None else b""
    problems: list[Problem] = []
    out: dict[str, TermLinks] = {}
    mentioned: dict[str, set[str]] = defaultdict(set)
    for entry, term in entries:
        problems.extend(_autolink_problems(entry, term))
        fields: list[tuple[tuple[str | int, ...], str, Any]] = [
            (("definition",), term.definition, _raw(entry, "definition"))]
        fields += [(("sections", i, "body"), s.body, _raw(entry, "sections", i, "body"))
                   for i, s in enumerate(term.sections)]
        texts: list[str] = []
        links = TermLinks(definition="", bodies=[])
        for loc, text, raw in fields:
            result = _linked(text, entry.slug, terms, index, auto_ok, memo, names)
            texts.append(result.text)
            links.explicit += result.explicit
            links.automatic += result.automatic
            links.targets += [t for t in result.targets if t not in links.targets]
            for offset, slug in result.unknown:
                if slug in broken:
                    continue
                line = _field_line(entry, loc, raw, offset)
                if slug == entry.slug:
                    message = f"'[[{slug}]]' links this term to itself"
                else:
                    hint = did_you_mean(slug, terms) or did_you_mean(
                        re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-"), terms)
                    message = f"unknown term '[[{slug}]]'{hint}"
                problems.append(Problem(entry.path, line, message))
            for offset in result.split:
                problems.append(Problem(entry.path, _field_line(entry, loc, raw, offset),
                                        "a '|' inside [[slug|label]] ends a table cell: in a "
                                        "table write [[slug\\|label]]"))
        links.definition, links.bodies = texts[0], texts[1:]
        out[entry.slug] = links
        for target in links.targets:
            mentioned[target].add(entry.slug)
    related = related if related is not None else {s: t.related for s, t in terms.items()}
    mentions = {slug: sorted(mentioned[slug] - set(related.get(slug, [])),
                             key=lambda s: (terms[s].term.casefold(), s))
                for slug in terms}
    return out, mentions, problems


def _linked(text: str, slug: str, terms: dict[str, Term], index: NameIndex,
            auto_ok: Collection[str], memo: Memo | None, names: bytes) -> FieldResult:
    """:func:`link_field`, or its answer for the same field, term and names from ``memo``."""
    if memo is None:
        return link_field(text, slug, terms, index, auto_ok)
    digest = key(names, slug, text)
    result = memo.get_snapshot(digest)
    if not isinstance(result, FieldResult):
        result = link_field(text, slug, terms, index, auto_ok)
        memo.put_snapshot(digest, result)
    return result


def with_links(term: Term, links: TermLinks | None) -> Term:
    """Return ``term`` with its definition and section bodies replaced by the linked text."""
    if links is None:
        return term
    sections = [s.model_copy(update={"body": body}) for s, body in zip(term.sections,
                                                                       links.bodies, strict=True)]
    return term.model_copy(update={"definition": links.definition, "sections": sections})
