"""Preview cards on the site in a real Chromium: hover and keyboard focus show a term's card.

The site loads the course embed (``/embed.js``) itself: one script, one card. Esc closes it,
it takes Material's light or dark palette, and a hostile ``terms.json`` shows only text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from support import ROOT

from glossary_site.build.pipeline import load_glossary

GLOSSARY = load_glossary(ROOT / "glossary")
OpenPage = Callable[..., Any]


CARD = ".fg-embed-card"


def expect_card(page: Any, slug: str) -> Any:
    term = GLOSSARY.terms[slug]
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".fg-embed-name")).to_have_text(term.term)
    expect(card.locator(".fg-embed-summary")).to_have_text(term.summary)
    expect(card.locator(".fg-embed-level")).to_have_text(term.level.value.capitalize())
    more = card.locator("a.fg-embed-more")
    expect(more).to_have_text("Read more")
    assert more.evaluate("a => new URL(a.href).pathname").endswith(f"/terms/{slug}/")
    return card


def first_text_link(page: Any) -> tuple[Any, str]:
    """The first in-text link to a term on a term page (in a paragraph of the article)."""
    link = page.locator("article .fg-text p a[href^='../']").first
    href = link.get_attribute("href")
    assert href is not None and href.count("/") == 2
    return link, href[3:-1]


SETTLED = """() => {
    const near = Array.from(document.querySelectorAll("figure.fg-chart[data-spec]")).filter(f => {
        const r = f.getBoundingClientRect();
        return r.bottom > -400 && r.top < innerHeight + 400;
    });
    if (near.some(f => !["live", "static"].includes(f.dataset.fgState))) return false;
    const height = document.documentElement.scrollHeight;
    const same = window.__fgHeight === height;
    window.__fgHeight = height;
    return same;
}"""


def settle(page: Any) -> None:
    """Wait until charts near the viewport have turned live (or stayed static) and the page
    height has stopped changing, so a later change in layout is the card's doing."""
    page.wait_for_function(SETTLED, polling=250)


def test_hover_shows_the_card_without_moving_anything(open_page: OpenPage) -> None:
    visit = open_page("terms/data-flywheel/")
    page = visit.page
    link, slug = first_text_link(page)
    link.scroll_into_view_if_needed()
    settle(page)
    before = (link.bounding_box(), page.evaluate("document.documentElement.scrollHeight"))
    link.hover()
    card = expect_card(page, slug)
    summary_id = card.locator(".fg-embed-summary").get_attribute("id")
    assert summary_id and link.get_attribute("aria-describedby") == summary_id
    after = (link.bounding_box(), page.evaluate("document.documentElement.scrollHeight"))
    assert after == before
    box, link_box = card.bounding_box(), link.bounding_box()
    below = box["y"] >= link_box["y"] + link_box["height"]
    assert below or box["y"] + box["height"] <= link_box["y"]  # never over the link itself
    page.mouse.move(1, 1)
    expect(card).to_be_hidden()
    assert (link.bounding_box(), page.evaluate("document.documentElement.scrollHeight")) == before
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
    ("terms/network-effects/", "#related-terms + ul a[href='../data-flywheel/']"),
    ("tags/", "article a[href*='terms/data-flywheel/']"),
])
def test_cards_on_lists_of_names(open_page: OpenPage, path: str, selector: str) -> None:
    page = open_page(path).page
    link = page.locator(selector).first
    link.hover()
    expect_card(page, "data-flywheel")


@pytest.mark.parametrize(("path", "selector"), [
    ("", "article ul.fg-az-list a[href^='terms/data-flywheel/']"),  # the A–Z prints summaries
    ("lessons/ai-strategy-for-your-organisation/", "article a[href$='/terms/data-flywheel/']"),
    ("terms/data-flywheel/", "article h1 a.headerlink, article h2 a.headerlink"),  # this page
])
def test_no_card_where_it_would_repeat_the_page(open_page: OpenPage, path: str,
                                                selector: str) -> None:
    """No card beside a summary already printed, nor for a link to the page itself."""
    page = open_page(path).page
    for k in range(min(3, page.locator(selector).count())):
        page.locator(selector).nth(k).hover()
        page.locator(selector).nth(k).focus()
        page.wait_for_timeout(300)
        assert page.locator(CARD).count() == 0 or not page.locator(CARD).is_visible()


def test_an_open_card_adds_no_tab_stop(open_page: OpenPage) -> None:
    page = open_page("terms/data-flywheel/").page
    link, _ = first_text_link(page)
    link.focus()
    expect(page.locator(CARD)).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") != "fg-embed-more"


def test_no_card_for_other_links(open_page: OpenPage) -> None:
    page = open_page("terms/data-flywheel/").page
    page.locator("article a[href^='../../tags/']").first.hover()
    page.wait_for_timeout(300)
    expect(page.locator(CARD)).to_have_count(0)


def test_no_card_for_links_in_the_navigation(open_page: OpenPage) -> None:
    page = open_page("terms/data-flywheel/").page
    link = page.locator(".md-header a[href], .md-sidebar a[href*='terms/']").first
    link.focus()
    page.wait_for_timeout(300)
    expect(page.locator(CARD)).to_have_count(0)


def palette(page: Any) -> dict[str, str]:
    return page.evaluate("""() => {
        const card = getComputedStyle(document.querySelector('.fg-embed-card'));
        const body = getComputedStyle(document.body);
        return {card: card.backgroundColor, text: card.color,
                page: body.backgroundColor, page_text: body.color,
                scheme: document.body.getAttribute('data-md-color-scheme')};
    }""")


@pytest.mark.parametrize(("scheme", "material"), [("light", "default"), ("dark", "slate")])
def test_the_card_takes_materials_palette(open_page: OpenPage, scheme: str,
                                          material: str) -> None:
    page = open_page("terms/data-flywheel/", color_scheme=scheme).page
    link, slug = first_text_link(page)
    link.hover()
    expect_card(page, slug)
    colours = palette(page)
    assert colours["scheme"] == material
    assert colours["card"] == colours["page"]  # Material's --md-default-bg-color
    assert colours["text"] == colours["page_text"]  # and --md-default-fg-color
    assert colours["card"] not in ("rgba(0, 0, 0, 0)", "transparent")


def test_a_hostile_terms_json_shows_only_text(open_page: OpenPage) -> None:
    visit = open_page("terms/data-flywheel/")
    page = visit.page
    link, slug = first_text_link(page)
    evil = '<img src=x onerror="window.pwned=1">'
    body = json.dumps({"version": 1, "terms": [
        {"slug": slug, "term": evil, "summary": "</span><script>window.pwned=2</script>",
         "level": "<b>x</b>", "path": f"terms/{slug}/"}]})
    page.route("**/terms.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=body))
    page.reload(wait_until="load")
    link, _ = first_text_link(page)
    link.hover()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".fg-embed-name")).to_have_text(evil)
    html = card.evaluate("c => c.innerHTML")
    assert "<img" not in html and "<script" not in html and "<b>" not in html
    href = card.locator("a.fg-embed-more").evaluate("a => a.href")
    assert href.startswith("http://127.0.0.1:") and href.endswith(f"/terms/{slug}/")
    page.wait_for_timeout(200)
    assert page.evaluate("window.pwned") is None
    assert visit.foreign == []


def test_a_link_near_the_bottom_gets_its_card_above(open_page: OpenPage) -> None:
    page = open_page("terms/data-flywheel/").page
    link = page.locator("#related-terms + ul a").first
    slug = (link.get_attribute("href") or "")[3:-1]
    # Charts above turn live (and may change height) as they near the viewport: scroll
    # until the link stays at the bottom.
    for _ in range(4):
        page.evaluate("""a => window.scrollBy(0, a.getBoundingClientRect().bottom
                                                 - window.innerHeight + 10)""",
                      link.element_handle())
        settle(page)
    link.hover()
    card = expect_card(page, slug)
    box, link_box = card.bounding_box(), link.bounding_box()
    assert link_box["y"] + link_box["height"] > 900 - 20  # the link is at the bottom
    assert box["y"] + box["height"] <= link_box["y"]  # so the card sits above it
    assert box["y"] >= 0


def test_a_link_focused_before_terms_json_arrives_gets_its_card(open_page: OpenPage) -> None:
    page = open_page("terms/data-flywheel/").page
    held: list[Any] = []
    page.route("**/terms.json", lambda route: held.append(route))  # answered after the focus
    page.reload(wait_until="domcontentloaded")
    link, slug = first_text_link(page)
    link.focus()
    page.wait_for_timeout(200)
    expect(page.locator(CARD)).to_have_count(0)
    assert len(held) == 1
    held[0].fallback()
    expect_card(page, slug)
