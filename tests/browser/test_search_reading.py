"""Material's search box in a real Chromium, on a phone (390 px) and a desktop (1280 px):
what the reader sees speaks of the words they typed (issue 19, point 6).

- "Missing:" lists only words the reader typed, never the tokens ``search.js`` adds to a
  query (``ai_flywheel``, fuzzy forms); the links' ``?h=`` holds none of them either.
- The top hit for a term shows the term's summary.
- A page opened from a result marks whole words (or, for words of four letters or more,
  their beginnings), never "ai" inside "training".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from support import ROOT

from glossary_site.build.pipeline import load_glossary

WIDTHS = [390, 1280]
QUERIES = [  # what the reader types, and the term that must come first
    ("AI flywheel", "data-flywheel"),
    ("moat", "competitive-moat"),
    ("training data", "training-data"),
    ("data flywheel", "data-flywheel"),
]
RESULTS = ".md-search-result__item > a.md-search-result__link"

MARKS = """() => {
  const word = /[\\p{L}\\p{N}]/u;
  const around = (m) => [(m.previousSibling?.textContent || "").slice(-12), m.textContent,
                         (m.nextSibling?.textContent || "").slice(0, 12)];
  return [...document.querySelectorAll("article mark")].map(around);
}"""


@dataclass
class Reader:
    """A page of the site at one width, with what it tried to fetch elsewhere."""

    page: Any
    width: int
    foreign: list[str] = field(default_factory=list)

    def search(self, query: str, first_slug: str) -> Any:
        """Type ``query`` into the search box; wait for ``first_slug`` to come first for
        the whole query (its link's ?h= holds the last word); return the result links."""
        box = self.page.locator("input.md-search__input")
        if not box.is_visible():  # a phone: the search opens from the header's icon
            self.page.locator("label.md-header__button[for='__search']").click()
        box.fill("")
        box.press_sequentially(query)  # Material reads the box on key events
        last = re.escape(query.split()[-1].lower())
        results = self.page.locator(RESULTS)
        expect(results.first).to_have_attribute(
            "href", re.compile(rf"/terms/{first_slug}/\?h=(\S*\+)?{last}$"), timeout=60_000)
        return results


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def reader(request: pytest.FixtureRequest, browser: Any, site_url: str) -> Iterator[Reader]:
    """The home page at 390 px (a phone: touch, mobile viewport) or at 1280 px."""
    width: int = request.param
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 844 if phone else 900},
                                  is_mobile=phone, has_touch=phone, service_workers="block")
    reader = Reader(context.new_page(), width)

    def route(route: Any) -> None:
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            reader.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    reader.page.goto(site_url, wait_until="load")
    yield reader
    context.close()
    assert reader.foreign == []


def words(query: str) -> set[str]:
    return set(query.lower().split())


def test_missing_lists_only_words_the_reader_typed(reader: Reader) -> None:
    for query, slug in QUERIES:
        results = reader.search(query, slug)
        missing = reader.page.locator(".md-search-result__terms del").all_text_contents()
        assert set(missing) <= words(query), (query, sorted(set(missing) - words(query)))
        # The matched words go to the page as ?h=…: none of the added tokens either.
        highlight = set()
        for href in results.evaluate_all("links => links.map(a => a.href)"):
            highlight.update(" ".join(parse_qs(urlsplit(href).query).get("h", [])).split())
        assert not {h for h in highlight if "_" in h or "~" in h}, (query, highlight)


def test_the_top_hit_shows_the_terms_summary(reader: Reader) -> None:
    terms = load_glossary(ROOT / "glossary").terms
    for query, slug in QUERIES:
        top = reader.search(query, slug).first.locator("article")
        expect(top).to_be_visible()
        shown = " ".join(top.inner_text().split())
        assert " ".join(terms[slug].summary.split()) in shown, (query, shown)


@pytest.mark.parametrize("slug", ["eu-ai-act", "data-flywheel"])
def test_a_page_opened_from_a_result_marks_whole_words(reader: Reader, slug: str) -> None:
    # The first hit for "ai", and Data Flywheel, whose "training" held "ai" 36 times.
    reader.search("ai", "eu-ai-act")
    reader.page.locator(f"{RESULTS}[href*='/terms/{slug}/?h=ai']").first.click()
    reader.page.wait_for_url(re.compile(rf"/terms/{slug}/\?h=ai$"))
    # Material marks the page once it has the search index: wait for a mark of "AI".
    expect(reader.page.locator("article mark").first).to_be_attached(timeout=30_000)
    marks = reader.page.evaluate(MARKS)
    word = re.compile(r"[^\W_]")
    inside = [m for m in marks if word.match(m[0][-1:]) or word.match(m[2][:1])]
    assert inside == [], inside[:10]
    assert all(m[1].lower() == "ai" for m in marks), marks[:10]
