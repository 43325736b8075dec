"""Material's search box in a real Chromium: a term ranks first for its name, each alias
and one-letter typos."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Error, expect
from support import ROOT

from glossary_site.build.pipeline import load_glossary

OpenPage = Callable[..., Any]

TYPOS = [
    ("AI flywheel", "data-flywheel"),  # an alias: above the home page
    ("moat", "competitive-moat"),  # an alias: above the simulation page
    ("Data Flywheel", "data-flywheel"),
    ("network effects", "network-effects"),  # above Data Network Effects
    ("data network effects", "data-network-effects"),
    ("first-mover advantage", "first-mover-advantage"),
    ("Speech-to-text", "speech-recognition"),
    ("CTR", "click-through-rate"),
    ("flywhel", "data-flywheel"),  # one letter missing
    ("flywheal", "data-flywheel"),  # one letter wrong
    ("netwrk effects", "network-effects"),
]
"""Hand-picked queries: aliases that other pages also match, and one-letter typos."""


def name_queries() -> list[tuple[str, str]]:
    """Every term's name and each of its aliases, with the slug that must rank first."""
    glossary = load_glossary(ROOT / "glossary")
    return [(name, slug) for slug, term in sorted(glossary.terms.items())
            for name in (term.term, *term.aliases)]


def test_a_term_ranks_first_for_its_names_and_typos(open_page: OpenPage) -> None:
    visit = open_page("")
    page = visit.page
    box = page.locator("input.md-search__input")
    box.click()
    # The worker builds the index first (slow on a busy machine): wait for its first answer.
    box.press_sequentially("flywheel")  # Material reads the box on key events
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_attached(timeout=60_000)
    misses = []
    for query, slug in [*TYPOS, *name_queries()]:
        box.fill("")
        box.press_sequentially(query)
        try:
            expect(results.first).to_have_attribute(
                "href", re.compile(rf"/terms/{slug}/(\?|$)"), timeout=10_000)
        except (AssertionError, Error):
            misses.append((query, results.first.get_attribute("href")))
    assert misses == [], "\n".join(f"{q!r} -> {h}" for q, h in misses)
    assert visit.foreign == []
