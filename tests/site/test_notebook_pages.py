"""Notebook pages of the real site: light pages, one shared stylesheet, charts with alt text.

Issue 10: mkdocs-jupyter inlined about 590 KB of Jupyter CSS into every notebook page; the
``notebook_css`` hook links one shared stylesheet instead, and the ``notebook_charts``
renderer gives every chart an image per palette with its description as alt text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import NOTEBOOKS

pytestmark = pytest.mark.site

MAX_PAGE_BYTES = 200 * 1024
DEFAULT_ALT = "No description has been provided for this image"


def pages(site: Path) -> dict[str, Path]:
    return {name: site / "notebooks" / name / "index.html" for name in NOTEBOOKS}


def test_each_notebook_page_is_at_most_200_kb(built_site: Path) -> None:
    sizes = {name: path.stat().st_size for name, path in pages(built_site).items()}
    assert sizes and all(size <= MAX_PAGE_BYTES for size in sizes.values()), sizes


def test_notebook_pages_link_one_shared_stylesheet(built_site: Path) -> None:
    shared = set()
    for name, path in pages(built_site).items():
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        inline = sum(len(style.get_text()) for style in html.find_all("style"))
        assert inline < 2_000, f"{name}: {inline} characters of inline CSS"
        links = [
            link["href"] for link in html.find_all("link", rel="stylesheet")
            if "jupyter-" in link["href"]
        ]
        assert len(links) == 1, (name, links)
        target = (path.parent / links[0]).resolve()
        assert target.is_file() and target.stat().st_size > 100_000
        shared.add(target)
        # The dark theme is there, scoped to Material's slate palette.
        assert '[data-md-color-scheme="slate"] .jupyter-wrapper' in target.read_text()
    assert len(shared) == 1, shared


def test_notebook_charts_have_one_image_per_palette_and_alt_text(built_site: Path) -> None:
    for name, path in pages(built_site).items():
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert DEFAULT_ALT not in str(html), name
        charts = html.select(".jp-OutputArea-output .fg-nb-chart")
        assert charts, f"{name}: no chart output"
        for chart in charts:
            images = chart.find_all("img")
            assert [img["src"].rsplit("#", 1)[-1] for img in images] == [
                "only-light", "only-dark"
            ]
            for img in images:
                assert img["src"].startswith("data:image/svg+xml;base64,")
                assert len(img["alt"].split()) >= 8, img["alt"]  # a sentence, not a label
