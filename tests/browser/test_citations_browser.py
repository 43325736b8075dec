"""Citations and "Cite this term" in a real Chromium, at 390 and 1280 px: a citation previews
its reference on hover and focus and leads to it; the ready citation copies with JavaScript
and is there to select without."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

OpenPage = Callable[..., Any]
CARD = ".fg-embed-card"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_citation_previews_its_reference_and_leads_to_it(open_page: OpenPage, width: int):
    visit = open_page("terms/data-flywheel/")
    page = visit.page
    page.set_viewport_size({"width": width, "height": 844})
    cite = page.locator("article .fg-text a[href^='#source-']").first
    key = cite.get_attribute("href")[1:]
    source = page.locator(f"li#{key} > a")
    title, url = source.inner_text(), source.get_attribute("href")
    cite.scroll_into_view_if_needed()
    cite.hover()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".fg-embed-summary")).to_have_text(title)
    more = card.locator("a.fg-embed-more")
    assert more.get_attribute("href") == url and more.get_attribute("tabindex") == "-1"
    expect(more).to_have_text(f"Open at {page.evaluate('u => new URL(u).hostname', url)}")
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    page.mouse.move(1, 1)
    expect(card).to_be_hidden()
    cite.focus()
    expect(card).to_be_visible()
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    cite.click()
    page.wait_for_function(f"location.hash === '#{key}'")
    top = page.evaluate(f"document.getElementById('{key}').getBoundingClientRect().top")
    assert 0 <= top < 844
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert visit.foreign == [] and visit.errors == []


@pytest.mark.parametrize("width", [390, 1280])
def test_cite_this_term_copies_plain_text_and_bibtex(open_page: OpenPage, site_url: str,
                                                    width: int):
    visit = open_page("terms/data-flywheel/")
    page = visit.page
    page.set_viewport_size({"width": width, "height": 844})
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    for kind, selector in [("plain text", "pre.fg-cite-text"), ("BibTeX", "pre.fg-cite-bibtex")]:
        button = page.get_by_role("button", name=f"Copy {kind}")
        button.scroll_into_view_if_needed()
        button.click()
        expect(page.locator(".fg-cite-status")).to_have_text(f"Copied the {kind} citation.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator(selector).inner_text()
        assert "/terms/data-flywheel/" in copied
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert visit.foreign == [] and visit.errors == []


def test_without_javascript_the_citation_is_there_to_select(open_page: OpenPage):
    page = open_page("terms/data-flywheel/", javascript=False).page
    expect(page.locator("pre.fg-cite-text")).to_be_visible()
    assert "Flywheel Glossary" in page.locator("pre.fg-cite-text").inner_text()
    assert page.locator("button.fg-cite-copy").count() == 0
