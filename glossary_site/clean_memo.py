"""The sanitiser's output, reused across builds for page HTML it has already cleaned.

Sanitising with nh3 is the largest part of what the plugin adds to a rebuild with unchanged
term files (about 0.2 s of CPU for a thousand pages): the pages MkDocs renders from the
engine's cached Markdown are byte for byte those of the last build, and so is their clean
HTML. :class:`CleanMemo` keys each cleaned page on a BLAKE2b digest of the HTML it was given
and stores the map next to the build cache (``<cache_dir>/build/clean.pickle``).

Sanitising is a pure function of its input and of the engine (nh3's version and the
allow-lists in :mod:`.safety`), so an entry stays right for as long as
:func:`~glossary_site.build_cache.engine_digest` does: the file carries that digest and is
ignored when it differs. A build keeps only the entries its own pages used, so the file
never holds more than one site's pages, and it is rewritten only when that set changed.
Like the build cache, the file is a pickle in the trusted cache folder (never committed,
never published).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import build_cache
from .safety import sanitise

MEMO = build_cache.ENTRY.with_name("clean.pickle")
"""Where the memo lives under the plugin's ``cache_dir``."""


def _digest(html: str) -> bytes:
    return hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=32).digest()


class CleanMemo:
    """:func:`~glossary_site.safety.sanitise`, remembering its answers across builds.

    ``cache_dir`` is the plugin's cache folder, or ``None`` for a memo that lives only as
    long as the build (the build cache is off).
    """

    def __init__(self, cache_dir: Path | None) -> None:
        self.path = cache_dir / MEMO if cache_dir is not None else None
        self.stored: dict[bytes, str] = self._read()
        self.used: dict[bytes, str] = {}
        self.hits = 0

    def _read(self) -> dict[bytes, str]:
        stored = build_cache.load(self.path) if self.path is not None else None
        if (not isinstance(stored, tuple) or len(stored) != 3
                or stored[:2] != (build_cache.FORMAT, build_cache.engine_digest())
                or not isinstance(stored[2], dict)):
            return {}
        return stored[2]

    def clean(self, html: str) -> str:
        """``sanitise(html)``: from the memo when this HTML was cleaned before."""
        key = _digest(html)
        cleaned = self.used.get(key, self.stored.get(key))
        if cleaned is None:
            cleaned = sanitise(html)
        else:
            self.hits += 1
        self.used[key] = cleaned
        return cleaned

    def save(self) -> None:
        """Store the entries this build used, if they differ from the stored ones; never
        fails a build."""
        if self.path is None or self.used.keys() == self.stored.keys():
            return
        if build_cache.dump(self.path, (build_cache.FORMAT, build_cache.engine_digest(),
                                        self.used)):
            self.stored = self.used
