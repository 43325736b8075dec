"""The chart cache on disk: one atomic writer, entry reads, pruning, the Vega bundle.

Every cache entry is a folder of text files written by :func:`write_atomically`: the files go
into a temporary sibling folder that is renamed into place, so a reader sees a whole entry or
none, and two builds racing to write the same entry both succeed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

CACHE_FORMAT = "2"
"""Bump when the layout of a cache entry changes."""

ENTRY_NAME = re.compile(r"[0-9a-f]{64}")
BUNDLE_FILE = "vega-bundle.js"


def write_atomically(entry: Path, files: Mapping[str, str]) -> None:
    """Write ``files`` (name → text) as the folder ``entry``, all at once or not at all."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name[:16]}-", dir=entry.parent))
    try:
        for name, text in files.items():
            (tmp / name).write_bytes(text.encode("utf-8"))
        os.replace(tmp, entry)
    except OSError:
        if not entry.is_dir():  # a concurrent build that won the race is fine
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_entry(entry: Path, names: Iterable[str]) -> dict[str, str] | None:
    """The files of a complete entry (name → text), or ``None`` when any is missing."""
    try:
        return {name: (entry / name).read_bytes().decode("utf-8") for name in names}
    except (OSError, UnicodeDecodeError):
        return None


def read_meta(entry: Path) -> dict[str, str] | None:
    """The ``meta.json`` of an entry, or ``None`` when it is missing or damaged."""
    texts = read_entry(entry, ["meta.json"])
    if texts is None:
        return None
    try:
        meta = json.loads(texts["meta.json"])
    except ValueError:
        return None
    return meta if isinstance(meta, dict) else None


def discard(entry: Path) -> None:
    """Remove a damaged entry so that it is rebuilt."""
    shutil.rmtree(entry, ignore_errors=True)


def prune_cache(cache_dir: Path, keep: Iterable[str]) -> list[str]:
    """Delete chart entries whose digest is not in ``keep``; return the deleted digests."""
    keep = set(keep)
    removed: list[str] = []
    root = Path(cache_dir)
    if not root.is_dir():
        return removed
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and ENTRY_NAME.fullmatch(entry.name) and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def cached_bundle(cache_dir: Path, key: str, make: Callable[[], str]) -> str:
    """The Vega bundle stored under ``cache_dir/bundle-<key>/``, made by ``make`` on a miss."""
    entry = Path(cache_dir) / f"bundle-{key}"
    texts = read_entry(entry, [BUNDLE_FILE])
    if texts is not None:
        return texts[BUNDLE_FILE]
    bundle = make()
    write_atomically(entry, {BUNDLE_FILE: bundle})
    return bundle
