"""The chart cache: built charts and the Vega bundle, kept in :mod:`glossary_site.build.cache`.

A built chart is one JSON entry of the ``charts`` namespace under its digest (chart id,
title, description, the names of its files) and one file per text asset under
``key(digest, name)``, each checked against the SHA-256 the namespace's index records. The
Vega bundle is one file of the ``vega`` namespace. Anything missing, damaged or foreign is a
miss and is built again; :func:`prune_cache` saves the namespace, keeping only the charts
this build used. Callers pass the build's :class:`~glossary_site.build.cache.Cache`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from glossary_site.build.cache import Cache, key

FORMAT = "3"
"""Bump when the layout of a chart entry changes (it is part of every chart's digest)."""

NAMESPACE = "charts"
BUNDLE_NAMESPACE = "vega"


def read(cache: Cache, digest: str, names: Iterable[str]
         ) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The JSON entry and the texts (name → text) of a whole chart entry, or ``None``."""
    space = cache.namespace(NAMESPACE)
    meta = space.get(digest)
    if not isinstance(meta, dict):
        return None
    texts: dict[str, str] = {}
    for name in names:
        data = space.get_file(key(digest, name))
        if data is None:
            return None
        try:
            texts[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return meta, texts


def write(cache: Cache, digest: str, meta: Mapping[str, Any], texts: Mapping[str, str]) -> None:
    """Store a chart: its JSON entry ``meta`` and each text of ``texts`` as a file."""
    space = cache.namespace(NAMESPACE)
    for name, text in texts.items():
        space.put_file(key(digest, name), text.encode("utf-8"))
    space.put(digest, {**meta, "files": sorted(texts)})


def prune_cache(cache: Cache, keep: Iterable[str] | None = None) -> None:
    """Save the chart cache: only the charts this build used stay (those of ``keep`` among
    them, when given); the files of every other entry are removed."""
    space = cache.namespace(NAMESPACE)
    if keep is not None:
        kept = set(keep)
        for digest, meta in list(space.used.items()):
            if isinstance(meta, dict) and digest not in kept:
                del space.used[digest]
                for name in meta.get("files", ()):
                    space.used.pop(key(digest, str(name)), None)
    space.save()


def cached_bundle(cache: Cache, versions: str, make: Callable[[], str]) -> str:
    """The Vega bundle for the library ``versions``, made by ``make`` on a miss."""
    space = cache.namespace(BUNDLE_NAMESPACE)
    digest = key("vega-bundle", versions)
    data = space.get_file(digest)
    try:
        bundle = data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:
        bundle = None
    if bundle is None:
        bundle = make()
        space.put_file(digest, bundle.encode("utf-8"))
    return bundle
