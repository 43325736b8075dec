"""In Chromium: pages built from hostile-but-accepted content never run the content's script.

The glossary of ``tests/payloads.py`` (every plain-text field a payload, definitions full of
look-alikes) is built once for the module and served locally. Every page is loaded, its
links and tags hovered, its content links clicked, and the search box fed payloads; any
dialog (``alert``, ``confirm``, ``prompt``) or page error naming a payload fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from payloads import PLAIN, write_hostile_glossary, write_project
from support import mkdocs_build, serve_folder


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory, chromium: Path) -> Iterator[str]:
    """Build the hostile glossary once and serve it on 127.0.0.1."""
    root = tmp_path_factory.mktemp("hostile-browser")
    write_hostile_glossary(root / "glossary")
    result = mkdocs_build(write_project(root), root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_folder(root / "site") as url:
        yield url


class Watch:
    """A browser context that records dialogs and page errors, and aborts off-site requests."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(service_workers="block",
                                           viewport={"width": 1280, "height": 900})
        self.context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base)
                           else r.abort())
        self.page = self.context.new_page()
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message} on {self.page.url}")
        dialog.dismiss()

    def open(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="load")
        self.page.wait_for_timeout(100)


@pytest.fixture
def watch(browser: Any, hostile_url: str) -> Iterator[Watch]:
    w = Watch(browser, hostile_url)
    yield w
    w.context.close()


def term_paths() -> list[str]:
    return [f"terms/term-{k:02d}/" for k in range(len(PLAIN))]


def test_no_dialog_while_pages_load_and_elements_are_hovered(watch: Watch):
    paths = ["", "tags/", "lessons/", *(f"lessons/lesson-{i}/" for i in range(4)), *term_paths()]
    for path in paths:
        watch.open(path)
        targets = watch.page.locator("article h1, article h2, article a, .md-tag, "
                                     "article p.fg-summary, .md-header__topic")
        for i in range(min(targets.count(), 25)):
            target = targets.nth(i)
            if target.is_visible():
                target.hover(timeout=2000, force=True)
    assert watch.dialogs == []
    assert not [e for e in watch.errors if "alert" in e or "onerror" in e], watch.errors


def test_no_dialog_when_content_links_are_clicked(watch: Watch):
    """Click every link in the content that stays on the site (graph nodes: own tests)."""
    clicked = 0
    for path in term_paths()[:8] + ["lessons/lesson-0/"]:
        watch.open(path)
        links = watch.page.locator("article a:not(.headerlink):not(.fg-graph__node)")
        hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
        for i, href in enumerate(hrefs):
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            link = watch.page.locator("article a:not(.headerlink):not(.fg-graph__node)").nth(i)
            if not link.is_visible():
                continue
            link.click(timeout=3000)
            watch.page.wait_for_load_state("load")
            clicked += 1
            if not watch.page.url.startswith(watch.base + path):
                watch.open(path)
    assert clicked > 30
    assert watch.dialogs == []


def test_no_dialog_from_search_results(watch: Watch):
    """Search renders titles and text as HTML: payloads found by search stay text."""
    watch.page.goto(watch.base, wait_until="networkidle")
    box = watch.page.locator("input.md-search__input")
    shown = 0
    for query in ["onerror", "onload", "alert", "javascript", "script"]:
        box.click()
        box.fill("")
        box.press_sequentially(query, delay=20)
        results = watch.page.locator(".md-search-result__item")
        watch.page.wait_for_timeout(1500)
        shown += results.count()
        for i in range(min(results.count(), 5)):
            results.nth(i).hover(timeout=2000, force=True)
        watch.page.keyboard.press("Escape")
    assert shown >= 5
    assert watch.dialogs == []
