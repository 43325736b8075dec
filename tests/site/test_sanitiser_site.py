"""Defence in depth, on a real build: the Markdown checker switched off, the sanitiser alone.

The refused Markdown payloads of ``tests/payloads.py`` are written into the definitions of
the hostile glossary and the site is built in process with
``validate.markdown_field_problems`` patched to find nothing, so they reach the renderer.
The parsed pages must still carry no script, handler, banned element or dangerous URL.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from payloads import MARKDOWN, PLAIN, assert_inert, write_hostile_glossary, write_project

pytestmark = pytest.mark.site

BYPASSED = [p for p in MARKDOWN if "\\href" not in p and "\\url" not in p]
"""Refused Markdown payloads that the build itself does not refuse (maths with links fails
the build in mathml.py, so those cannot reach a page either)."""


@pytest.fixture(scope="module")
def bypass_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Build in process with the Markdown checker patched out: payloads reach the renderer."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import glossary_site.content.validate as validate

    root = tmp_path_factory.mktemp("bypass")
    write_hostile_glossary(root / "glossary")
    for k, payload in enumerate(BYPASSED):
        path = root / "glossary" / f"term-{k % len(PLAIN):02d}.yaml"
        text = path.read_text(encoding="utf-8")
        body = "\n".join("  " + line for line in payload.splitlines())
        path.write_text(text.replace("definition: |\n", f"definition: |\n{body}\n\n", 1),
                        encoding="utf-8")
    config = write_project(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validate, "markdown_field_problems", lambda *args: [])
        patch.setattr(validate, "citation_problems", lambda *args: [])  # sees no tokens now
        patch.setattr(logging.getLogger("mkdocs"), "level", logging.ERROR)
        cfg = load_config(str(config), site_dir=str(root / "site"), strict=False)
        build(cfg)
    yield root / "site"


def test_sanitiser_alone_keeps_refused_payloads_inert(bypass_site: Path):
    found = sorted(bypass_site.rglob("*.html"))
    text = "".join(p.read_text(encoding="utf-8") for p in found)
    assert "alert(101)" in text  # the payloads did reach the pages, as text
    for path in found:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert_inert(page, str(path.relative_to(bypass_site)))
