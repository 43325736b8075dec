"""Preview cards in a real Chromium: hover and keyboard focus show a term's card, Esc closes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from support import ROOT

from glossary_site.pipeline import load_glossary

GLOSSARY = load_glossary(ROOT / "glossary")
OpenPage = Callable[..., Any]


def expect_card(page: Any, slug: str) -> Any:
    term = GLOSSARY.terms[slug]
    card = page.locator(".fg-preview")
    expect(card).to_be_visible()
    expect(card.locator(".fg-preview__name")).to_have_text(term.term)
    expect(card.locator(".fg-preview__summary")).to_have_text(term.summary)
    expect(card.locator(".fg-preview__level")).to_have_text(f"Level: {term.level.value}")
    return card


def first_text_link(page: Any) -> tuple[Any, str]:
    """The first in-text link to a term on a term page (in a paragraph of the article)."""
    link = page.locator("article p a[href^='../']").first
    href = link.get_attribute("href")
    assert href is not None and href.count("/") == 2
    return link, href[3:-1]


def test_hover_shows_the_card_without_moving_anything(open_page: OpenPage) -> None:
    visit = open_page("terms/data-flywheel/")
    page = visit.page
    link, slug = first_text_link(page)
    link.scroll_into_view_if_needed()
    before = (link.bounding_box(), page.evaluate("document.documentElement.scrollHeight"))
    link.hover()
    card = expect_card(page, slug)
    assert link.get_attribute("aria-describedby") == "fg-preview"
    after = (link.bounding_box(), page.evaluate("document.documentElement.scrollHeight"))
    assert after == before
    box, link_box = card.bounding_box(), link.bounding_box()
    below = box["y"] >= link_box["y"] + link_box["height"]
    assert below or box["y"] + box["height"] <= link_box["y"]  # never over the link itself
    page.mouse.move(1, 1)
    expect(card).to_be_hidden()
    assert link.get_attribute("aria-describedby") is None
    assert visit.foreign == [] and visit.errors == []


def test_keyboard_focus_shows_the_card_and_escape_closes_it(open_page: OpenPage) -> None:
    page = open_page("terms/data-flywheel/").page
    link, slug = first_text_link(page)
    link.focus()
    card = expect_card(page, slug)
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    page.keyboard.press("Tab")  # onward to the next link: its own card
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    if focused and focused.startswith("../") and focused.count("/") == 2:
        expect_card(page, focused[3:-1])


@pytest.mark.parametrize(("path", "selector"), [
    ("", "article a[href^='terms/data-flywheel/']"),  # the A–Z
    ("terms/network-effects/", "#related-terms + ul a[href='../data-flywheel/']"),
    ("lessons/ai-strategy-for-your-organisation/", "article a[href$='/terms/data-flywheel/']"),
    ("tags/", "article a[href*='terms/data-flywheel/']"),
])
def test_cards_on_lists_of_terms(open_page: OpenPage, path: str, selector: str) -> None:
    page = open_page(path).page
    link = page.locator(selector).first
    link.hover()
    expect_card(page, "data-flywheel")


def test_no_card_for_other_links(open_page: OpenPage) -> None:
    page = open_page("terms/data-flywheel/").page
    page.locator("article a[href^='../../tags/']").first.hover()
    page.wait_for_timeout(300)
    expect(page.locator(".fg-preview")).to_have_count(0)
