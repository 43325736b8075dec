"""Notebook pages: stable cell ids, and executed pages kept in the build's cache.

**Stable cell ids.** mkdocs-jupyter reads each jupytext script into a notebook whose cells
get random ids (``nbformat`` draws them from ``uuid4``), and nbconvert writes them as
``id="cell-id=…"``. Two builds with an empty cache therefore differ. Numbering the cells in
page order makes the page the same every time; nothing links to these ids.

**The cache.** Executing a notebook takes seconds, so its page is kept across builds. Not
in mkdocs-jupyter's own cache, whose files it reads without a check (one damaged file ends
the build with a ``JSONDecodeError``) and writes in place: the hooks in ``notebook_css.py``
turn that cache off and keep each executed page in the ``notebooks`` namespace of
:mod:`glossary_site.build.cache` instead (:class:`NotebookCache`), keyed by the notebook's source,
its path and mkdocs-jupyter's settings, and salted with the simulation package (whose code
the notebooks run), the engine's files (the chart renderer among them) and the installed
libraries. A damaged entry is a miss: the notebook runs again and the entry is rewritten.

**Links to pages.** A notebook's Markdown cells link other pages the way Markdown pages do,
by source path (``../terms/data-flywheel.md#how-it-works``, relative to the notebook), but
nbconvert writes such links as they are and MkDocs checks none of them.
:func:`resolve_links` turns each into the target page's URL (for either
``use_directory_urls``) and reports those whose page does not exist.

No MkDocs import: the hooks hand over MkDocs' objects (untyped) and its ``get_toc``.
"""

from __future__ import annotations

import itertools
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path
from typing import Any

from glossary_site.build.cache import Cache, Namespace, engine_digest, key

_CELL_ID = re.compile(r'\bid="cell-id=[0-9a-zA-Z_-]+"')

NAMESPACE = "notebooks"
"""The cache namespace of executed notebook pages."""

_UNKEYED = frozenset({"cache", "cache_dir"})
"""mkdocs-jupyter settings that do not shape a page."""

_MAX_TOC_DEPTH = 8


def stable_cell_ids(html: str) -> str:
    """``html`` with every ``id="cell-id=…"`` replaced by ``id="cell-id=<n>"``, n = 1, 2 …"""
    numbers = itertools.count(1)
    return _CELL_ID.sub(lambda _: f'id="cell-id={next(numbers)}"', html)


def is_notebook(src_uri: str) -> bool:
    """Whether a page's source is a notebook or a jupytext script."""
    return src_uri.endswith((".ipynb", ".py"))


_PAGE_LINK = re.compile(r'(<a\b[^>]*?\bhref=")([^":/?#][^":?#]*\.md)(#[^"]*)?(")')
"""An ``<a href="…">`` to a relative ``*.md`` path (no scheme, no query), with an optional
fragment."""


def resolve_links(html: str, src_uri: str, url_of: Callable[[str], str | None]
                  ) -> tuple[str, list[str]]:
    """``html`` of the notebook page ``src_uri`` with each relative link to a Markdown
    page's source (``../terms/x.md#part``) replaced by ``url_of(<the page's source path>)``
    and the fragment; and the links whose page ``url_of`` does not know (``None``), kept as
    they are."""
    folder = posixpath.dirname(src_uri)
    unknown: list[str] = []

    def replace(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(folder, unescape(match.group(2))))
        url = None if target.startswith("../") else url_of(target)
        if url is None:
            unknown.append(match.group(2) + (match.group(3) or ""))
            return match.group(0)
        return f"{match.group(1)}{escape(url)}{match.group(3) or ''}{match.group(4)}"

    return _PAGE_LINK.sub(replace, html), unknown


# --------------------------------------------------------------------------- the cache


def page_key(source: bytes, src_uri: str, settings: Mapping[str, Any]) -> str:
    """The cache key of a notebook page: its source, its path and mkdocs-jupyter's
    ``settings`` (all but those of its own cache)."""
    shaping = {name: value for name, value in settings.items() if name not in _UNKEYED}
    return key(src_uri, source, json.dumps(shaping, sort_keys=True, default=repr))


def toc_tokens(toc: Iterable[Any]) -> list[dict[str, Any]]:
    """MkDocs' table of contents (its ``AnchorLink`` items) as the tokens it is made from."""
    return [{"level": link.level, "id": link.id, "name": link.title,
             "children": toc_tokens(link.children)} for link in toc]


def _valid_tokens(value: object, depth: int = 0) -> bool:
    return isinstance(value, list) and depth < _MAX_TOC_DEPTH and all(
        isinstance(token, dict) and type(token.get("level")) is int
        and isinstance(token.get("id"), str) and isinstance(token.get("name"), str)
        and _valid_tokens(token.get("children"), depth + 1)
        for token in value)


@dataclass(frozen=True)
class RenderedPage:
    """What mkdocs-jupyter's render gives a notebook page: its HTML and its contents."""

    content: str
    toc: list[dict[str, Any]]

    @property
    def title(self) -> str | None:
        """The first level-1 heading: the title mkdocs-jupyter gives the page."""
        return next((token["name"] for token in self.toc if token["level"] == 1), None)


def read_page(space: Namespace, digest: str) -> RenderedPage | None:
    """The page stored under ``digest``, or ``None`` when it is missing or damaged."""
    entry = space.get(digest)
    if not isinstance(entry, dict) or not _valid_tokens(entry.get("toc")):
        return None
    data = space.get_file(key(digest, "html"))
    if data is None:
        return None
    try:
        return RenderedPage(data.decode("utf-8"), entry["toc"])
    except UnicodeDecodeError:
        return None


def write_page(space: Namespace, digest: str, page: RenderedPage) -> None:
    """Store a rendered page under ``digest``: its HTML as a file, its contents as JSON."""
    space.put_file(key(digest, "html"), page.content.encode("utf-8"))
    space.put(digest, {"toc": page.toc})


class NotebookCache:
    """Serves executed notebook pages from :mod:`glossary_site.build.cache` (hooks: the methods
    are called from ``notebook_css.py``'s ``on_pre_build``, ``on_pre_page`` and
    ``on_post_build``)."""

    def __init__(self) -> None:
        self.space: Namespace | None = None

    def start(self, config: Any) -> None:
        """Turn mkdocs-jupyter's cache off and open ours, in the glossary's ``cache_dir``
        (mkdocs-jupyter's ``cache_dir`` without the glossary plugin). With mkdocs-jupyter's
        ``cache: false`` nothing is cached."""
        self.space = None
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is None:
            return
        wanted = getattr(jupyter, "_glossary_wants_cache", None)
        if wanted is None:  # its setting as written (a rebuild may see ours)
            wanted = bool(jupyter.config["cache"])
            jupyter._glossary_wants_cache = wanted
        jupyter.config["cache"] = False
        if not wanted:
            return
        from glossary_site.charts.build import source_digest
        from glossary_site.charts.registry import DEFAULT_SIMULATIONS

        glossary = config.plugins.get("glossary")
        if glossary is not None:
            root, simulations = Path(glossary.config["cache_dir"]), glossary.config["simulations"]
        else:
            root, simulations = Path(jupyter.config["cache_dir"]), DEFAULT_SIMULATIONS
        # The notebooks run the simulations and draw with the engine (notebook_charts).
        self.space = Cache(root).namespace(NAMESPACE, salt=key(source_digest(simulations),
                                                               engine_digest()))

    def wrap(self, page: Any, config: Any, get_toc: Callable[[list[Any]], Any]) -> None:
        """Make a notebook page's render read the cache, and run mkdocs-jupyter's render
        (set by its ``on_pre_page``, which runs before the hooks') only on a miss.
        ``get_toc`` is MkDocs' (``mkdocs.structure.toc``): it makes a page's contents."""
        space = self.space
        jupyter = config.plugins.get("mkdocs-jupyter")
        if space is None or jupyter is None or not jupyter.should_include(page.file):
            return
        try:
            source = Path(page.file.abs_src_path).read_bytes()
        except OSError:
            return
        digest = page_key(source, page.file.src_uri, jupyter.config)
        ignore_h1 = bool(jupyter.config["ignore_h1_titles"])
        render = page.render

        def cached_render(config: Any, files: Any) -> None:
            stored = read_page(space, digest)
            if stored is None:
                render(config, files)
                write_page(space, digest, RenderedPage(page.content, toc_tokens(page.toc)))
                return
            page.content = stored.content
            page.toc = get_toc(stored.toc)
            if stored.title is not None and not ignore_h1:
                page.title = stored.title

        page.render = cached_render

    def save(self) -> None:
        """Keep the pages this build rendered; drop the rest."""
        if self.space is not None:
            self.space.save()
        self.space = None


CACHE = NotebookCache()
"""The hooks' notebook cache (one build at a time)."""
