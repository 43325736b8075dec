"""The real site, built strictly from the real glossary, read with a real HTML parser."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from linkcheck import broken_links, external_resources
from support import ROOT

from glossary_site.build.pipeline import load_glossary

pytestmark = pytest.mark.site

GLOSSARY = load_glossary(ROOT / "glossary")
LESSON = "ai-strategy-for-your-organisation"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def term_page(site: Path, slug: str) -> BeautifulSoup:
    return soup(site / "terms" / slug / "index.html")


def test_every_internal_link_and_anchor_resolves(built_site: Path):
    assert broken_links(built_site) == []


def test_no_page_loads_anything_from_another_host(built_site: Path):
    assert external_resources(built_site) == []


def test_every_term_has_its_page(built_site: Path):
    for slug, term in GLOSSARY.terms.items():
        page = term_page(built_site, slug)
        assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == term.term
        for section in term.sections:
            assert page.find(id=section.anchor) is not None, (slug, section.anchor)


def test_related_and_backlinks_point_at_term_pages(built_site: Path):
    for slug, term in GLOSSARY.terms.items():
        page = term_page(built_site, slug)
        related = [a["href"] for a in page.select("#related-terms + ul a")]
        assert related == [f"../{s}/" for s in term.related], slug
        assert page.find(id="referenced-by") is None, slug


def test_lesson_links_both_ways(built_site: Path):
    lesson_page = soup(built_site / "lessons" / LESSON / "index.html")
    listed = [a["href"] for a in lesson_page.select("#terms + ol.fg-reading-path a")]
    linking = {s for s, t in GLOSSARY.terms.items() if LESSON in t.lessons}
    assert "data-flywheel" in linking
    assert set(listed) == {f"../../terms/{s}/" for s in linking}
    # a reading path (issue 19, point 10): introduction first, terms in the lesson's order
    path = GLOSSARY.lessons[LESSON].path
    assert listed[:len(path)] == [f"../../terms/{s}/" for s in path] and path
    assert len(lesson_page.select("article > p")) >= 2  # the introduction's paragraphs
    for slug in linking:
        callout = term_page(built_site, slug).select_one(".admonition.tip")
        assert callout is not None and "Continue learning in Practitioner" in callout.get_text()
        assert callout.select_one(f"a[href='../../lessons/{LESSON}/']") is not None


def test_home_page_features_data_flywheel_and_lists_every_term(built_site: Path):
    home = soup(built_site / "index.html")
    article = home.select_one("article")
    assert article.select_one("a[href='terms/data-flywheel/']") is not None
    az = [a["href"] for a in article.select("h3 + ul a")]
    assert az == [f"terms/{s}/" for s in GLOSSARY.slugs_by_name()]


def test_navigation_holds_sections_not_terms(built_site: Path):
    nav = soup(built_site / "index.html").select_one("nav.md-nav--primary")
    labels = [li.get_text(" ", strip=True) for li in nav.select(":scope > ul > li")]
    for section in ("Home", "Tags", "Lessons", "Simulations", "About"):
        assert any(label.startswith(section) for label in labels), (section, labels)
    assert not [a for a in nav.select("a") if "/terms/" in a.get("href", "")]


def test_edit_links_open_the_yaml_file(built_site: Path):
    for slug in GLOSSARY.terms:
        edit = term_page(built_site, slug).select_one("a[title='Edit this page']")
        assert edit is not None and edit["href"].endswith(f"/glossary/{slug}.yaml")


def test_tags_index_lists_every_tag(built_site: Path):
    page = soup(built_site / "tags" / "index.html")
    text = page.select_one("article").get_text()
    for tag in GLOSSARY.tags():
        assert tag in text


def test_terms_json_matches_the_pages(built_site: Path):
    data = json.loads((built_site / "terms.json").read_text())
    slugs = [row["slug"] for row in data["terms"]]
    assert sorted(slugs) == sorted(GLOSSARY.terms)
    for row in data["terms"]:
        assert (built_site / row["path"] / "index.html").exists()
        assert len(row["summary"]) <= 200


def test_the_answer_comes_first(built_site: Path):
    """Issue 19, point 1 (in part): name, summary, level and the lesson that teaches the
    term come before its definition, in that order."""
    for slug, term in GLOSSARY.terms.items():
        article = term_page(built_site, slug).select_one("article")
        blocks = [el for el in article.find_all(["h1", "p", "div"], recursive=True)
                  if el.name == "h1" or "fg-summary" in el.get("class", [])
                  or "fg-level" in el.get("class", []) or "fg-text" in el.get("class", [])]
        kinds = [b.name if b.name == "h1" else b["class"][0] for b in blocks[:4]]
        assert kinds == ["h1", "fg-summary", "fg-level", "fg-text"], (slug, kinds)
        lessons = [a["href"] for a in blocks[2].select("a")]
        assert lessons == [f"../../lessons/{i}/" for i in term.lessons], slug


def test_search_indexes_ideas_not_notebook_code(built_site: Path):
    """Issue 19, point 6 (in part): notebook code and its "Copied!" buttons stay out."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    text = " ".join(d["text"] for d in docs)
    assert "Copied!" not in text and "import altair" not in text
    assert any(d["location"].startswith("notebooks/") and d["text"] for d in docs)


def test_search_leaves_out_lists_of_other_names_and_the_citation(built_site: Path):
    """A query for a name finds pages about it, not every "Mentioned in" list naming it;
    the same citation wording on every page ("Flywheel Glossary", the year) finds nothing.
    Both sections stay on the page and in its table of contents."""
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    sections = {d["location"].rsplit("#", 1)[-1] for d in docs if "#" in d["location"]}
    assert {"how-it-works", "related-terms", "sources"} <= sections
    assert not sections & {"mentioned-in", "cite-this-term"}
    assert not [d for d in docs if "Flywheel Glossary (" in d["text"] or "@misc" in d["text"]]
    page = BeautifulSoup((built_site / "terms/data-flywheel/index.html").read_text("utf-8"),
                         "html.parser")
    toc = {a["href"] for a in page.select("nav.md-nav--secondary a")}
    assert {"#mentioned-in", "#cite-this-term"} <= toc
    assert page.select_one("h2#mentioned-in + ul.fg-term-list li a") is not None


def test_pages_wait_for_one_stylesheet_of_ours_and_no_script(built_site: Path):
    """A phone paints after the stylesheets in the head: ours are one file, and every
    script is deferred, Material's bundle too (Lighthouse counted each against first paint)."""
    ours = ("embed.js", "glossary-search.js", "graph.js", "wayfinding.js", "charts.js")
    stylesheet = (built_site / "assets" / "stylesheets" / "glossary.css").read_text()
    for part in ("fg-summary", "fg-graph__legend", "fg-toc-float", "fg-chart"):
        assert f".{part}" in stylesheet, part
    for name in ("index.html", "terms/data-flywheel/index.html", "graph/index.html",
                 "tags/index.html"):
        page = BeautifulSoup((built_site / name).read_text(encoding="utf-8"), "html.parser")
        css = [link["href"] for link in page.select("link[rel=stylesheet]")]
        assert [href for href in css if "material" not in href
                and not href.split("/")[-1].startswith(("main.", "palette."))] == [
            "../" * name.count("/") + "assets/stylesheets/glossary.css"], (name, css)
        scripts = page.select("script[src]")  # Material's bundle and ours
        assert any(s["src"].endswith(ours) for s in scripts), name
        assert any("/bundle." in s["src"] for s in scripts), name
        assert [s["src"] for s in scripts if not s.has_attr("defer")] == [], name
