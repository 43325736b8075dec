"""Search that finds terms: typo tolerance, and page HTML that Material's index reads well.

- ``assets/search.js`` adds lunr's fuzzy ``word~1`` form of each query word to the queries
  Material's search box sends to its worker, so a one-letter typo still finds a term.
- :func:`prepare_html` runs on every page's HTML before Material indexes it: chart caption
  parts (title, description, links) become separate sentences instead of running together,
  and mkdocs-jupyter's "¶" heading anchors are excluded from the index (and so from titles).

A term ranks first for its name and each alias: term pages carry ``search: boost`` in their
front matter (``templates/term.md.j2``), and :func:`add_names` gives each term page's entry in
Material's search index a ``names`` field holding each name as one token
(``network_effects``), which ``search.js`` adds to multi-word queries. So "network effects"
ranks Network Effects above Data Network Effects, whose names token differs.

The top hit for a term shows its summary: Material shows a page's own entry with the text
before the page's first heading with an ``id``, which on a term page is only the breadcrumb
(its ``<h1>`` has an ``id``, so the summary and definition are a section of their own). The
summary becomes the page entry's text instead (:func:`add_names`).

``search.js`` also keeps what the reader sees in the reader's words: the tokens it adds to a
query are never listed as "Missing", and on a page opened from a result, Material's marks
inside longer words ("ai" in "training") are removed.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from glossary_site.build.cache import Cache, key
from glossary_site.build.urls import term_url
from glossary_site.content.model import Term
from glossary_site.content.resolve import Glossary

SCRIPT_PATH = "assets/javascripts/glossary-search.js"
TERM_BOOST = 3
"""Search boost of term pages over other pages (Material's ``search.boost`` front matter)."""
NAMES_FIELD = "names"
NAMES_BOOST = 1000.0
"""How far the ``names`` field outranks the strongest other field of the index. Material's
tags plugin gives ``tags`` a boost of 10^6, so a query word that prefix-matches a tag
("model" → "models") would otherwise outweigh a term's own name."""
_ASSETS = Path(__file__).parent.parent / "assets"
_CAPTION_RE = re.compile(r"<figcaption\b.*?</figcaption>", re.DOTALL)
_UNENDED_STRONG_RE = re.compile(r"(?<![.!?:;])</strong>(?=\s*<br\s*/?>)")
_BR_RE = re.compile(r"<br\s*/?>")
_ANCHOR_LINK_RE = re.compile(r'<a class="anchor-link"(?![^>]*data-search-exclude)')
_CODE_RE = re.compile(r'<div class="(highlight-ipynb[^"]*)"><pre>|<span class="notice"|'
                      r'<div class="clipboard-copy-txt"')
"""A notebook's code (its ``<pre>``), the "Copied!" notice of its copy button and the copy
of its code for the clipboard, each marked on the element itself (Material's search parser
loses track inside the button's SVG); the prose cells around them stay searchable."""


def _exclude(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f'<div class="{match.group(1)}"><pre data-search-exclude>'
    return match.group(0).replace("<span ", "<span data-search-exclude ", 1).replace(
        "<div ", "<div data-search-exclude ", 1)


def _caption(match: re.Match[str]) -> str:
    caption = _UNENDED_STRONG_RE.sub('</strong><span hidden>.</span>', match.group(0))
    return _BR_RE.sub(lambda br: br.group(0) + " ", caption)


def prepare_html(html: str) -> str:
    """Separate chart caption parts with text; keep notebook "¶" anchors, code cells and
    their "Copied!" buttons out of search (readers search for ideas, not for code)."""
    if "<figcaption" in html:
        html = _CAPTION_RE.sub(_caption, html)
    if "highlight-ipynb" in html or "clipboard-copy-txt" in html:
        html = _CODE_RE.sub(_exclude, html)
    return _ANCHOR_LINK_RE.sub('<a class="anchor-link" data-search-exclude', html)


def asset_files() -> dict[str, str]:
    """Site-relative path → text of the search script."""
    return {SCRIPT_PATH: (_ASSETS / "search.js").read_text(encoding="utf-8")}


def name_tokens(term: Term) -> list[str]:
    """The term's name and aliases, each as one search token (``search.js`` joins alike)."""
    return [re.sub(r"[\s\-]+", "_", name.strip().casefold()) for name in (term.term, *term.aliases)]


def add_names(search_index: object, glossary: Glossary) -> bool:
    """Add a ``names`` field to the term pages in Material's search index, in memory, before
    Material's search plugin writes ``search_index.json`` (a ``SearchIndex``: its ``entries``
    and its ``config["fields"]``), and make each term's summary its page entry's text
    (:func:`summary_first`); False when ``search_index`` is not of that shape."""
    entries = getattr(search_index, "entries", None)
    config = getattr(search_index, "config", None)
    fields = config.get("fields") if isinstance(config, dict) else None
    if not isinstance(entries, list) or not isinstance(fields, dict):
        return False
    strongest = max((float(f.get("boost", 1.0)) for name, f in fields.items()
                     if name != NAMES_FIELD and isinstance(f, dict)), default=1.0)
    fields[NAMES_FIELD] = {"boost": NAMES_BOOST * strongest}
    pages = {term_url(slug): name_tokens(term) for slug, term in glossary.terms.items()}
    for entry in entries:
        names = pages.get(str(entry.get("location"))) if isinstance(entry, dict) else None
        if names is not None:
            entry[NAMES_FIELD] = names
    summary_first(entries, glossary)
    return True


def summary_first(entries: list[object], glossary: Glossary) -> None:
    """Give each term page's entry its summary as text, in place of the breadcrumb, and take
    the summary out of the entry of the page's ``<h1>`` section (the definition follows it
    there), so search results show the summary under the term's name. Entries are the
    dicts of Material's index: ``location``, ``title`` and ``text`` (escaped HTML, as its
    parser writes it)."""
    by_location = {str(entry.get("location")): entry for entry in entries
                   if isinstance(entry, dict)}
    for slug, term in glossary.terms.items():
        page = by_location.get(term_url(slug))
        if page is None:
            continue
        summary = f"<p>{escape(term.summary, quote=False)}</p>"
        heading = by_location.get(f"{term_url(slug)}#{slug}")
        if heading is not None and isinstance(heading.get("text"), str):
            heading["text"] = heading["text"].replace(summary, "", 1).strip()
        page["text"] = summary


# --------------------------------------------------------------------------- kept entries

NAMESPACE = "search"
"""The cache namespace of the kept entries (``search.json``)."""
KEPT_TAGS = ("p", "code", "pre", "li", "ol", "ul", "sub", "sup")
"""The only markup Material's search parser writes into an entry's title or text."""
_NOT_INDEX_TEXT = re.compile(r"&(?![a-zA-Z][a-zA-Z0-9]{0,31};|#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};)"
                             r"|<(?!/?(?:" + "|".join(KEPT_TAGS) + r")>)")
"""What Material's parser never writes into a title or text: an ``&`` that does not start a
character reference, a ``<`` that does not start a bare kept tag (no attributes). It
escapes ``&``, ``<`` and ``>`` in text; a page title from front matter is used as written,
so the engine's ``&#39;`` occurs too."""
_ANCHOR = re.compile(r"(?:#[^\s\"'<>&#]+)?")
_ENTRY_KEYS = {"location", "title", "text", "tags", "boost"}


def keep_entries(search_index: object, cache: Cache) -> bool:
    """Serve Material's search entries of each page whose HTML is unchanged since the last
    build from ``cache`` (namespace :data:`NAMESPACE`), instead of parsing the page again.

    Material's index (a ``SearchIndex``) parses each page's HTML in ``add_entry_from_context``;
    on a 1,000-term rebuild that is the largest part of the build's CPU. This wraps that
    method of the one ``search_index`` object: the key is a digest of everything the entries
    depend on (:func:`_page_key`); a miss runs Material's own method and keeps a copy of what
    it added. The namespace is salted with the index's settings (its ``lang`` among them)
    and whether jieba, which Material segments Chinese text with, is installed. A kept
    answer is used only if it is what Material's parser could have written for this page
    (:func:`_checked`): the cache folder is untrusted, and search results show an entry's
    text as HTML. False when ``search_index`` is not of that shape."""
    add = getattr(search_index, "add_entry_from_context", None)
    entries = getattr(search_index, "entries", None)
    if not callable(add) or not isinstance(entries, list):
        return False
    settings = getattr(search_index, "config", None)
    space = cache.namespace(NAMESPACE, json.dumps(
        [settings, importlib.util.find_spec("jieba") is not None], default=repr,
        sort_keys=True))

    def add_entry_from_context(page: Any) -> None:
        digest = _page_key(page)
        kept = _checked(space.get(digest), page)
        if kept is not None:
            entries.extend(kept)
            return
        start = len(entries)
        add(page)
        if len(entries) > start:  # an excluded page costs nothing to index: nothing kept
            space.put(digest, json.loads(json.dumps(entries[start:], default=str)))

    setattr(search_index, "add_entry_from_context", add_entry_from_context)  # noqa: B010
    return True


def _toc(items: Iterable[Any]) -> list[Any]:
    return [[str(getattr(item, "id", "")), str(getattr(item, "url", "")),
             _toc(getattr(item, "children", ()) or ())] for item in items]


def _page_key(page: Any) -> str:
    """A digest of what Material's entries for ``page`` are made from: its URL, HTML, table
    of contents, title and the front matter it reads (``title``, ``tags``, ``search``)."""
    meta = page.meta if isinstance(page.meta, dict) else {}
    return key(str(page.url), str(page.content), str(page.title),
               json.dumps([_toc(page.toc or ()),
                           [meta.get(name) for name in ("title", "tags", "search")]],
                          default=repr, sort_keys=True))


def _tags(page: Any) -> list[str] | None:
    """The ``tags`` Material gives each entry of ``page`` (its front matter's, as text)."""
    tags = page.meta.get("tags")
    if not isinstance(tags, list):
        return None
    return [str(name) for name in tags if name and isinstance(name, (str, int, float, bool))]


def _checked(kept: Any, page: Any) -> list[dict[str, Any]] | None:
    """Copies of the kept entries if each is one Material's parser could write for ``page``
    (location on the page, title and text of escaped characters and bare kept tags, the
    page's own tags and boost); ``None`` (a miss) otherwise."""
    if not isinstance(kept, list) or not kept:
        return None
    tags, search = _tags(page), page.meta.get("search") or {}
    entries = []
    for entry in kept:
        if not (isinstance(entry, dict) and set(entry) <= _ENTRY_KEYS
                and all(isinstance(entry.get(k), str) for k in ("location", "title", "text"))
                and entry["location"].startswith(page.url)
                and _ANCHOR.fullmatch(entry["location"][len(page.url):])
                and not _NOT_INDEX_TEXT.search(entry["title"])
                and not _NOT_INDEX_TEXT.search(entry["text"])
                and entry.get("tags") == tags
                and entry.get("boost") == (search.get("boost") if isinstance(search, dict)
                                           else None)):
            return None
        entries.append(dict(entry, **({"tags": list(tags)} if tags is not None else {})))
    return entries
