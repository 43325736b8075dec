"""The concept graph, A–Z filter and phone table of contents in a real Chromium."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

FLYWHEEL = "terms/data-flywheel/"
SHOTS = Path(os.environ.get("FG_SCREENSHOTS", "")) if os.environ.get("FG_SCREENSHOTS") else None

OpenPage = Callable[..., Any]  # the open_page fixture (conftest.py); returns a Visit


def neighbours(svg: Any, slug: str) -> set[str]:
    pairs = svg.locator("path.fg-graph__edge").evaluate_all(
        "lines => lines.map(l => [l.dataset.a, l.dataset.b])")
    return {b if a == slug else a for a, b in pairs if slug in (a, b)}


def classes(svg: Any, slug: str) -> list[str]:
    value = svg.locator(f'[data-slug="{slug}"]').get_attribute("class") or ""
    return value.split()


def opacity(svg: Any, slug: str) -> float:
    return float(svg.locator(f'[data-slug="{slug}"]').evaluate("e => getComputedStyle(e).opacity"))


@pytest.mark.parametrize("how", ["hover", "focus"])
def test_pointing_at_a_node_highlights_its_neighbours(open_page: OpenPage, how: str) -> None:
    visit = open_page(FLYWHEEL)
    svg = visit.page.locator("figure.fg-graph--local svg")
    svg.scroll_into_view_if_needed()
    slug = "network-effects"
    node = svg.locator(f'a[data-slug="{slug}"]')
    if how == "hover":
        node.locator("circle").hover()
    else:
        node.focus()
    near = neighbours(svg, slug)
    assert near and "data-flywheel" in near
    expect(svg).to_have_class("fg-graph__svg is-focused")
    assert "is-active" in classes(svg, slug)
    drawn = set(svg.locator(".fg-graph__node").evaluate_all("ns => ns.map(n => n.dataset.slug)"))
    for other in drawn - {slug}:
        assert ("is-near" in classes(svg, other)) == (other in near), other
    far = sorted(drawn - near - {slug})
    assert far, "every drawn term is a neighbour: pick another node"
    visit.page.wait_for_timeout(300)  # the fade is a 150 ms transition
    assert opacity(svg, far[0]) < 0.5 < opacity(svg, sorted(near)[0])
    visit.page.mouse.move(1, 1)
    if how == "focus":
        node.blur()
    expect(svg).not_to_have_class("fg-graph__svg is-focused")
    assert visit.errors == [] and visit.foreign == []


def test_clicking_a_node_opens_the_term(open_page: OpenPage, site_url: str) -> None:
    visit = open_page(FLYWHEEL)
    node = visit.page.locator('figure.fg-graph--local a[data-slug="competitive-moat"]')
    node.scroll_into_view_if_needed()
    node.locator("circle").click()
    visit.page.wait_for_url(site_url + "terms/competitive-moat/")
    expect(visit.page.locator("article h1")).to_contain_text("Competitive Moat")


def test_graph_page_nodes_open_terms_and_highlight(open_page: OpenPage, site_url: str) -> None:
    visit = open_page("graph/")
    svg = visit.page.locator("article svg[data-fg-graph]")
    svg.locator('a[data-slug="feedback-loop"] circle').hover()
    expect(svg).to_have_class("fg-graph__svg is-focused")
    assert "is-near" in classes(svg, "data-flywheel")
    svg.locator('a[data-slug="feedback-loop"] text').click()
    visit.page.wait_for_url(site_url + "terms/feedback-loop/")


def test_graph_follows_the_palette(open_page: OpenPage) -> None:
    fills = {}
    for scheme in ("light", "dark"):
        visit = open_page("graph/", color_scheme=scheme)
        circle = visit.page.locator("article svg a.fg-graph__node circle").first
        text = visit.page.locator("article svg a.fg-graph__node text").first
        body = visit.page.locator("article").evaluate("e => getComputedStyle(e).color")
        fills[scheme] = circle.evaluate("e => getComputedStyle(e).fill")
        assert text.evaluate("e => getComputedStyle(e).fill") == body
        if SHOTS:
            visit.page.screenshot(path=str(SHOTS / f"graph-{scheme}.png"), full_page=True)
    assert fills["light"] != fills["dark"]


def visible_items(page: Any) -> list[dict[str, str]]:
    return page.locator("ul.fg-az-list > li:visible").evaluate_all(
        "lis => lis.map(li => ({tags: li.dataset.tags, level: li.dataset.level}))")


def test_az_filters_by_tag_and_level(open_page: OpenPage) -> None:
    visit = open_page("")
    page = visit.page
    everything = page.locator("ul.fg-az-list > li").count()
    form = page.locator(".fg-az-filter")
    expect(form).to_be_visible()
    assert len(visible_items(page)) == everything
    form.locator("select[name=tag]").select_option("recommender-systems")
    shown = visible_items(page)
    assert 0 < len(shown) < everything
    assert all("recommender-systems" in item["tags"].split() for item in shown)
    form.locator("select[name=level]").select_option("intermediate")
    both = visible_items(page)
    assert 0 < len(both) < len(shown)
    assert all(i["level"] == "intermediate" and "recommender-systems" in i["tags"].split()
               for i in both)
    expect(form.locator(".fg-az-filter__count")).to_have_text(f"{len(both)} of {everything} terms")
    for heading in page.locator("article h3").all():
        letter_list = heading.locator("xpath=following-sibling::ul[1]")
        assert heading.is_visible() == (letter_list.locator("li:visible").count() > 0)
    form.locator("select[name=tag]").select_option("")
    form.locator("select[name=level]").select_option("")
    assert len(visible_items(page)) == everything


def test_az_without_javascript_is_the_full_list(open_page: OpenPage) -> None:
    visit = open_page("", javascript=False)
    expect(visit.page.locator(".fg-az-filter")).to_be_hidden()
    total = visit.page.locator("ul.fg-az-list > li").count()
    assert total > 0 and len(visible_items(visit.page)) == total


@pytest.fixture
def phone(browser: Any, site_url: str) -> Iterator[Callable[..., Any]]:
    """Open a page at 390 × 844 CSS pixels with touch, like a phone."""
    contexts: list[Any] = []

    def open_(path: str, color_scheme: str = "light") -> Any:
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                      is_mobile=True, color_scheme=color_scheme,
                                      service_workers="block")
        contexts.append(context)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url)
                      else r.abort())
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


def test_phone_reaches_a_section_with_one_tap(phone: Callable[..., Any]) -> None:
    page = phone(FLYWHEEL)
    toc = page.locator("nav.fg-phone-toc")
    expect(toc).to_be_visible()
    links = toc.locator("a")
    assert links.count() >= 6
    last_section = links.nth(links.count() - 1)
    target = last_section.get_attribute("href")
    last_section.tap()
    page.wait_for_function("h => location.hash === h", arg=target)
    heading = page.locator(target)
    page.wait_for_timeout(300)
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 844 / 2, box  # scrolled to the top of the screen


def test_phone_toc_is_hidden_on_wide_screens(open_page: OpenPage) -> None:
    visit = open_page(FLYWHEEL)
    expect(visit.page.locator("nav.fg-phone-toc")).to_be_hidden()
    expect(visit.page.locator(".md-sidebar--secondary nav.md-nav--secondary")).to_be_visible()


@pytest.mark.skipif(SHOTS is None, reason="set FG_SCREENSHOTS=<folder> to save screenshots")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(phone: Callable[..., Any], open_page: OpenPage, scheme: str) -> None:
    assert SHOTS is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = phone(FLYWHEEL, scheme)
    page.screenshot(path=str(SHOTS / f"phone-top-{scheme}.png"))
    page.locator("figure.fg-graph").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"phone-graph-{scheme}.png"))
    page = phone("", scheme)
    page.locator(".fg-az-filter").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"phone-az-{scheme}.png"))
    desk = open_page(FLYWHEEL, color_scheme=scheme).page
    desk.locator("figure.fg-graph").scroll_into_view_if_needed()
    desk.locator('figure.fg-graph a[data-slug="network-effects"] circle').hover()
    desk.screenshot(path=str(SHOTS / f"desk-graph-hover-{scheme}.png"))
    home = open_page("", color_scheme=scheme).page
    home.locator("select[name=level]").select_option("advanced")
    home.locator(".fg-az-filter").scroll_into_view_if_needed()
    home.screenshot(path=str(SHOTS / f"desk-az-advanced-{scheme}.png"))
