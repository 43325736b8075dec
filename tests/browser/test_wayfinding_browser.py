"""Way-finding on a term page in Chromium (issue 19, point 2): from anywhere on a phone, one
tap opens the list of sections and a second goes there; a breadcrumb leads to the A–Z."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

PAGE = "terms/data-flywheel/"
FLOAT = "details.fg-toc-float"


def phone(browser: Any, site_url: str, javascript: bool = True, path: str = PAGE) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True, java_script_enabled=javascript,
                                  service_workers="block")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(site_url)
                  else r.abort())
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    return page


@pytest.mark.parametrize("javascript", [True, False])
def test_two_taps_from_the_middle_of_the_page_reach_a_section(browser: Any, site_url: str,
                                                              javascript: bool) -> None:
    page = phone(browser, site_url, javascript)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    middle = page.evaluate("window.scrollY")
    page.tap(f"{FLOAT} > summary")
    link = page.locator(f"{FLOAT} a[href='#sources']")
    assert link.is_visible()
    # the list opens where the reader is (charts turning live may shift the page a little)
    assert abs(page.evaluate("window.scrollY") - middle) < 400
    link.tap()
    page.wait_for_function("location.hash === '#sources'")
    top = page.evaluate("document.getElementById('sources').getBoundingClientRect().top")
    assert 0 <= top < 200
    if javascript:  # closed after the jump; without script it stays open until tapped
        assert page.evaluate(f"document.querySelector('{FLOAT}').open") is False
    page.context.close()


def test_the_floating_contents_lists_every_section_and_only_on_phones(open_page: Any) -> None:
    page = open_page(PAGE).page  # 1280 px: Material's own contents are in the sidebar
    assert not page.locator(f"{FLOAT} > summary").is_visible()
    expect(page.locator(".md-sidebar--secondary nav.md-nav--secondary")).to_be_visible()
    headings = page.locator("article h2[id]").evaluate_all("h => h.map(x => '#' + x.id)")
    floating = page.locator(f"{FLOAT} a").evaluate_all("a => a.map(x => x.hash)")
    assert floating == headings and "#sources" in floating


@pytest.mark.parametrize("slug", ["data-flywheel", "first-mover-advantage"])
def test_a_phones_first_screen_answers(browser: Any, site_url: str, slug: str) -> None:
    """Issue 19, point 1: on a 390 x 844 phone the first screen shows the term's name, its
    summary, its level and the lesson that teaches it (a link), and the definition starts
    there too; the "Contents" button is on it, for the sections."""
    page = phone(browser, site_url, True, f"terms/{slug}/")
    screen = page.viewport_size["height"]
    for selector in ("article h1", "article .fg-summary", "article .fg-level",
                     "article .fg-level a[href*='lessons/']", "article .fg-text",
                     f"{FLOAT} > summary"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None and 0 <= box["y"] < screen, (slug, selector, box)
    page.context.close()


def test_escape_closes_the_list(browser: Any, site_url: str) -> None:
    page = phone(browser, site_url)
    page.locator(f"{FLOAT} > summary").focus()
    page.keyboard.press("Enter")
    assert page.evaluate(f"document.querySelector('{FLOAT}').open") is True
    page.keyboard.press("Escape")
    assert page.evaluate(f"document.querySelector('{FLOAT}').open") is False
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.context.close()


def test_the_breadcrumb_leads_to_the_term_in_the_a_to_z(open_page: Any) -> None:
    page = open_page(PAGE).page
    crumbs = page.locator("nav.fg-crumbs a")
    assert crumbs.all_text_contents() == ["Glossary A–Z", "D"]
    crumbs.nth(1).click()
    # the hash is set as soon as the new document starts; wait for its body to be parsed
    page.wait_for_url("**/#letter-d")
    page.wait_for_load_state("domcontentloaded")
    expect(page.locator("#letter-d")).to_have_count(1)
    expect(page.locator("#letter-d ~ ul a", has_text="Data Flywheel").first).to_be_visible()


def test_the_a_to_z_filter_lives_in_the_url(open_page: Any, site_url: str) -> None:
    """Issue 19, point 9: shareable, the same after a reload and after Back; letters of
    emptied groups are not links; the count always shows."""
    page = open_page("").page
    count = page.locator(".fg-az-filter__count")
    total = page.locator("ul.fg-az-list > li").count()
    assert count.text_content() == f"{total} terms"
    page.locator("select[name=tag]").select_option("privacy")
    assert "tag=privacy" in page.url
    shown = page.locator("ul.fg-az-list > li:visible").count()
    assert 0 < shown < total and count.text_content() == f"{shown} of {total} terms"
    letters = page.locator(".fg-az-letters a")
    live = [a.get_attribute("href") for a in letters.all() if a.get_attribute("href")]
    dead = [a for a in letters.all() if not a.get_attribute("href")]
    assert dead and all(a.get_attribute("aria-disabled") == "true" for a in dead)
    assert all(page.locator(f"[id='{h[1:]}']").is_visible() for h in live)

    page.reload()
    assert page.locator("select[name=tag]").input_value() == "privacy"
    assert page.locator("ul.fg-az-list > li:visible").count() == shown

    page.locator("ul.fg-az-list > li:visible a").first.click()
    page.wait_for_url("**/terms/**")
    page.go_back()
    page.wait_for_function("document.querySelector('select[name=tag]').value === 'privacy'")
    assert page.locator("ul.fg-az-list > li:visible").count() == shown

    shared = page.context.new_page()  # the URL alone carries the filter
    shared.goto(site_url + "?level=advanced")
    assert shared.locator("select[name=level]").input_value() == "advanced"
    assert shared.locator(".fg-az-filter__count").text_content().endswith(f"of {total} terms")


def test_tags_page_opens_with_an_index_of_tags_and_counts(open_page: Any) -> None:
    page = open_page("tags/").page
    index = page.locator("nav.fg-tag-index li")
    assert index.count() >= 10
    first = index.first
    target = first.locator("a").get_attribute("href")
    assert target.startswith("#tag:") and page.locator(f"[id='{target[1:]}']").count() == 1
    assert first.locator(".fg-tag-count").text_content().isdigit()
    box = page.locator("nav.fg-tag-index").bounding_box()
    assert box is not None and box["y"] < 900  # on the first screen
