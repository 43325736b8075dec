"""What makes the real site citable, read from the real build: citations that lead to their
sources, review dates, the Atom feed and "Cite this term"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from support import ROOT

from glossary_site.build.pipeline import load_glossary

pytestmark = pytest.mark.site

GLOSSARY = load_glossary(ROOT / "glossary")
WRITTEN_CITATION = re.compile(r"\(([A-Z][^()]{0,60}), (19|20)\d\d[a-z]?\)|"
                              r"[A-Z][\w-]+( et al\.| and [A-Z][\w-]+)? \((19|20)\d\d[a-z]?\)")


def page(site: Path, slug: str) -> BeautifulSoup:
    return BeautifulSoup((site / "terms" / slug / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


@pytest.mark.parametrize("slug", sorted(GLOSSARY.terms))
def test_every_citation_leads_to_its_source_and_every_source_is_cited(built_site: Path,
                                                                      slug: str):
    html = page(built_site, slug)
    article = html.select_one("article")
    sources = {li["id"]: li for li in article.select("ol.fg-sources > li")}
    assert len(sources) == len(GLOSSARY.terms[slug].sources)
    cites = article.select(".fg-text a[href^='#source-']")
    targets = {a["href"][1:] for a in cites}
    assert targets == set(sources), "each source is cited and each citation has its source"
    for text in article.select(".fg-text p, .fg-text li"):
        unlinked = text.get_text()
        for a in text.select("a[href^='#source-']"):
            unlinked = unlinked.replace(a.get_text(), "")
        # No "(Author, 2017)" or "Author (2017)" written by hand: every one is a citation.
        assert not WRITTEN_CITATION.search(unlinked), (slug, WRITTEN_CITATION.search(unlinked))


@pytest.mark.parametrize("slug", ["data-flywheel", "eu-ai-act"])
def test_a_term_page_shows_its_dates_and_a_ready_citation(built_site: Path, slug: str):
    term = GLOSSARY.terms[slug]
    html = page(built_site, slug)
    reviewed = html.select_one(".fg-reviewed time")
    assert reviewed["datetime"] == term.reviewed.isoformat()
    text = html.select_one(".fg-cite-this pre.fg-cite-text").get_text()
    assert term.term in text and f"/terms/{slug}/" in text
    assert f"Last reviewed {term.reviewed.day} " in text
    bibtex = html.select_one(".fg-cite-this pre.fg-cite-bibtex").get_text()
    assert bibtex.startswith("@misc{") and f"note = {{Last reviewed {term.reviewed}}}" in bibtex
    as_of = html.select_one(".fg-level-as-of time")
    assert (as_of is not None) == bool(term.review_every_months)


def test_the_feed_is_valid_linked_from_every_page_and_in_terms_json(built_site: Path):
    feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == len(GLOSSARY.terms)
    updated = [entry.updated for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    for entry in feed.entries:
        slug = entry.link.rstrip("/").rsplit("/", 1)[-1]
        term = GLOSSARY.terms[slug]
        assert entry.title == term.term and entry.summary == term.summary
        assert entry.updated.startswith(term.reviewed.isoformat())
        assert (built_site / "terms" / slug / "index.html").is_file()
    for html_file in [built_site / "index.html", built_site / "terms/data-flywheel/index.html",
                      built_site / "graph/index.html"]:
        head = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").head
        link = head.select_one("link[rel=alternate][type='application/atom+xml']")
        assert link is not None
        assert (html_file.parent / link["href"]).resolve() == (built_site / "feed.xml").resolve()
    data = json.loads((built_site / "terms.json").read_text(encoding="utf-8"))
    assert data["feed"] == "feed.xml"
    row = next(r for r in data["terms"] if r["slug"] == "eu-ai-act")
    assert row["reviewed"] == GLOSSARY.terms["eu-ai-act"].reviewed.isoformat()
    assert row["review_due"] is not None
