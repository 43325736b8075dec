"""The sanitiser's output, reused across builds for page HTML it has already cleaned.

Sanitising with nh3 costs about 0.15 s of CPU for a thousand pages, and most pages of a
rebuild are byte for byte those of the last build. :class:`CleanMemo` keys each cleaned page
on a digest of the HTML it was given (``<cache_dir>/build/clean.pickle``, a
:class:`~glossary_site.memo.Memo`): sanitising is a pure function of its input and of the
engine (nh3's version and the allow-lists in :mod:`.safety`), which the memo's engine digest
covers.

A page carries the placeholders of :class:`~glossary_site.safety.EngineHtml`, whose token is
drawn at random per build, so the HTML of an unchanged page differs between two builds that
ran the engine. The key is therefore taken over the page with its token written as
:data:`TOKEN_MARK`, and the stored answer holds the mark where nh3's output held the token;
the current token goes back in on the way out. A page that already contains the mark, or
whose placeholders nh3 did not pass through unchanged, is sanitised without the memo.
"""

from __future__ import annotations

from pathlib import Path

from .digests import key
from .memo import FOLDER, Memo
from .safety import sanitise

MEMO = FOLDER / "clean.pickle"
"""Where the memo lives under the plugin's ``cache_dir``."""
TOKEN_MARK = "\x00fg-token\x00"
"""Stands for the build's placeholder token in keys and stored answers. It holds NUL, which
page HTML does not (pages that do are never memoised)."""


class CleanMemo(Memo):
    """:func:`~glossary_site.safety.sanitise`, remembering its answers across builds.

    ``cache_dir`` is the plugin's cache folder, or ``None`` for a memo that lives only as
    long as the build (the build cache is off).
    """

    def __init__(self, cache_dir: Path | None) -> None:
        super().__init__(cache_dir, "clean")

    def clean(self, html: str, token: str = "") -> str:
        """``sanitise(html)``: from the memo when this HTML, up to the placeholder ``token``
        (:attr:`EngineHtml.token <glossary_site.safety.EngineHtml.token>`), was cleaned
        before."""
        if self.path is None or TOKEN_MARK in html:  # no cache, or a page never memoised
            return sanitise(html)
        marked = html.replace(token, TOKEN_MARK) if token else html
        digest = key(marked)
        stored = self.get(digest)
        if stored is None:
            cleaned = sanitise(html)
            if token and cleaned.count(token) != html.count(token):
                return cleaned  # a placeholder did not pass through as it was: not stored
            stored = cleaned.replace(token, TOKEN_MARK) if token else cleaned
            self.put(digest, stored)
        return stored.replace(TOKEN_MARK, token) if token else stored
