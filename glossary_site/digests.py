"""Digests that key what the engine keeps across builds (:mod:`.memo`, :mod:`.clean_memo`)."""

from __future__ import annotations

import hashlib


def key(*parts: str | bytes) -> bytes:
    """A BLAKE2b-256 digest of ``parts``, each length-prefixed (so no two splits of a text
    give the same digest)."""
    hasher = hashlib.blake2b(digest_size=32)
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.digest()
