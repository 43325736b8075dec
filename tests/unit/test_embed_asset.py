"""The course embed script: small, no library, text only through textContent."""

from __future__ import annotations

import gzip
import re

from glossary_site.emit.embed import EMBED_PATH, embed_script, emit

LIMIT = 10 * 1024


def test_embed_is_at_most_10_kb_gzipped():
    size = len(gzip.compress(embed_script().encode("utf-8"), compresslevel=9))
    assert 0 < size <= LIMIT, f"embed.js is {size} bytes gzipped; the limit is {LIMIT}"


def test_embed_never_parses_html_and_loads_nothing_else():
    code = re.sub(r"/\*.*?\*/", "", embed_script(), flags=re.DOTALL)
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "import(", "createElement(\"script\")"):
        assert sink not in code, sink
    assert code.count("fetch(") == 1 and "terms.json" in code
    assert "document.currentScript" in code


def test_embed_is_emitted_at_the_site_root():
    assert EMBED_PATH == "embed.js"
    assert emit(None, None) == {"embed.js": embed_script()}  # type: ignore[arg-type]
