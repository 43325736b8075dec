"""In-text links and "Mentioned in" on the real site, read from the built HTML."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from support import ROOT

from glossary_site.build.pipeline import load_glossary

pytestmark = pytest.mark.site

GLOSSARY = load_glossary(ROOT / "glossary")


def page(site: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / "terms" / slug / "index.html").read_text("utf-8"), "html.parser")


def text_links(soup: BeautifulSoup) -> list[Tag]:
    """Links to term pages in the page's own text: its Markdown fields (``div.fg-text``),
    not the breadcrumb, the lesson beside the level or the lists below."""
    return [a for field in soup.select("article div.fg-text")
            for a in field.find_all("a", href=True)
            if a["href"].startswith("../") and a["href"].count("/") == 2]


def test_in_text_links_point_at_existing_term_pages(built_site: Path):
    for slug in GLOSSARY.terms:
        for a in text_links(page(built_site, slug)):
            target = a["href"][3:-1]
            assert target in GLOSSARY.terms and target != slug, (slug, a)
            assert (built_site / "terms" / target / "index.html").exists()
            assert a.find_parent(["h1", "h2", "h3", "code", "pre"]) is None, (slug, a)


def test_each_term_links_what_its_text_mentions(built_site: Path):
    flywheel = {a["href"] for a in text_links(page(built_site, "data-flywheel"))}
    assert {"../network-effects/", "../training-data/", "../competitive-moat/"} <= flywheel
    for slug, targets in GLOSSARY.targets.items():
        hrefs = [a["href"][3:-1] for a in text_links(page(built_site, slug))]
        assert set(hrefs) == set(targets), slug
        assert len(hrefs) == len(set(hrefs)), slug  # a term is linked once per page


def test_mentioned_in_lists_linking_terms_minus_related(built_site: Path):
    linking: dict[str, set[str]] = defaultdict(set)
    pages = {slug: page(built_site, slug) for slug in GLOSSARY.terms}
    for slug, soup in pages.items():
        for a in text_links(soup):
            linking[a["href"][3:-1]].add(slug)
    some = 0
    for slug, soup in pages.items():
        expected = linking[slug] - set(GLOSSARY.terms[slug].related)
        heading = soup.find(id="mentioned-in")
        listed = ({a["href"][3:-1] for a in heading.find_next("ul").find_all("a")}
                  if heading else set())
        assert listed == expected, slug
        assert soup.find(id="referenced-by") is None
        some += bool(listed)
    assert some >= 5


def test_search_index_reads_captions_and_titles_cleanly(built_site: Path):
    import json

    data = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    docs = data["docs"]
    assert [d["title"] for d in docs if "¶" in d["title"]] == []
    assert "names" in data["config"]["fields"]
    flywheel = next(d for d in docs if d["location"] == "terms/data-flywheel/")
    assert "ai_flywheel" in flywheel["names"] and flywheel["boost"] > 1
    loop = next(d for d in docs if d["location"] == "terms/data-flywheel/#how-it-works")
    assert "data flywheel. Share of the market" in loop["text"]
