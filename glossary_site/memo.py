"""Memos: answers of the engine's pure steps, kept across builds and keyed by their inputs.

The build cache (:mod:`.build_cache`) reuses the engine's whole output, but only while every
input is unchanged: edit one term and the next build starts from nothing. A :class:`Memo`
keeps the answers of one step for one input each (a term file's check, a field's links, the
concept graph's drawings, a page's sanitised HTML), so a build after such an edit redoes the
work for what changed and reads the rest.

Each memo is one pickle under ``<cache_dir>/build/``, carrying the
:func:`~glossary_site.build_cache.engine_digest` it was made with: any engine file, library
or Python version change makes it empty. Keys are BLAKE2b-256 digests
(:func:`~glossary_site.digests.key`) of everything the step reads; a build keeps only the
entries it used, and rewrites the file only when that set changed. Values that the build may
change afterwards are stored as pickled snapshots (:meth:`Memo.put_snapshot`), never as
shared objects. Like the build cache, the files are pickles in the trusted cache folder
(never committed, never published).
"""

from __future__ import annotations

import pickle
from collections.abc import Collection
from pathlib import Path
from typing import Any

from . import build_cache
from .digests import key
from .load import Parse, RawEntry, parse_entry
from .model import Term
from .problems import Problem
from .validate import validate_term

Checked = dict[str, tuple[Term | None, list[Problem]]]
"""Shown path of a term file → its term (``None`` if its shape is invalid) and problems."""

FOLDER = build_cache.ENTRY.parent
"""Where memos live under the plugin's ``cache_dir``."""


class Memo:
    """A map from input digests to answers, read from ``cache_dir/build/<name>.pickle`` and
    saved there; with ``cache_dir`` ``None`` it lives only as long as the build."""

    def __init__(self, cache_dir: Path | None, name: str) -> None:
        self.path = cache_dir / FOLDER / f"{name}.pickle" if cache_dir is not None else None
        self._stored: dict[bytes, Any] | None = None
        self.used: dict[bytes, Any] = {}
        self.hits = 0

    @property
    def stored(self) -> dict[bytes, Any]:
        """The answers of the last build, read on first use (a rebuild that reuses the
        engine's whole output never reads the memos of its steps)."""
        if self._stored is None:
            stored = build_cache.load(self.path) if self.path is not None else None
            valid = (isinstance(stored, tuple) and len(stored) == 3
                     and stored[:2] == (build_cache.FORMAT, build_cache.engine_digest())
                     and isinstance(stored[2], dict))
            self._stored = stored[2] if valid else {}  # type: ignore[index]
        return self._stored

    def get(self, digest: bytes) -> Any | None:
        """The answer stored for ``digest`` (kept for the next build), or ``None``."""
        value = self.used.get(digest)
        if value is None:
            value = self.stored.get(digest)
        if value is not None:
            self.hits += 1
            self.used[digest] = value
        return value

    def put(self, digest: bytes, value: Any) -> None:
        """Store the answer for ``digest`` as it is: it is pickled when the memo is saved, so
        what the build adds to it until then is kept too (a concept graph's drawings)."""
        self.used[digest] = value

    def get_snapshot(self, digest: bytes) -> Any | None:
        """A fresh copy of the snapshot stored for ``digest``, or ``None``."""
        data = self.get(digest)
        if not isinstance(data, bytes):
            return None
        try:
            return pickle.loads(data)
        except Exception:  # a damaged entry is a miss, never a failed build
            return None

    def put_snapshot(self, digest: bytes, value: Any) -> None:
        """Store a pickled snapshot of ``value``: later changes to it do not reach the memo."""
        self.used[digest] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Store the entries this build used, if they differ from the stored ones; never
        fails a build."""
        if self.path is None or not self.used or self.used.keys() == self.stored.keys():
            return  # off, not used by this build (its last answers stay), or unchanged
        if build_cache.dump(self.path, (build_cache.FORMAT, build_cache.engine_digest(),
                                        self.used)):
            self._stored = self.used


class EngineMemos:
    """The memos of the engine's steps (:mod:`.pipeline` and the plugin use them)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.terms = Memo(cache_dir, "terms")
        """Term file → its entry, load problems, term and check problems."""
        self.links = Memo(cache_dir, "links")
        """Markdown field and every term's names → the field's links."""
        self.graph = Memo(cache_dir, "graph")
        """Names, links and tags of every term → the concept graph with its drawings."""

    def parse_term(self, chart_ids: Collection[str] | None, checked: Checked) -> Parse:
        """A :data:`~glossary_site.load.Parse` that also checks each term file it reads
        (:func:`~glossary_site.validate.validate_term`), putting the result in ``checked``,
        and keeps both answers per file: the next build reads an unchanged file's entry and
        check from the memo."""
        charts = "\0".join(sorted(chart_ids)) if chart_ids is not None else "\0no charts"

        def parse(raw: bytes, slug: str, path: str) -> tuple[RawEntry | None, list[Problem]]:
            digest = key(path, slug, charts, raw)
            stored = self.terms.get_snapshot(digest)
            if isinstance(stored, tuple) and len(stored) == 3:
                entry, problems, check = stored
            else:
                entry, problems = parse_entry(raw, slug, path)
                check = validate_term(entry, chart_ids) if entry is not None else None
                self.terms.put_snapshot(digest, (entry, problems, check))
            if entry is not None and check is not None:
                checked[path] = check
            return entry, problems

        return parse

    def save(self) -> None:
        """Save every memo this build used."""
        for memo in (self.terms, self.links, self.graph):
            memo.save()
