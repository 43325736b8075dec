"""The concept graph, levels, A–Z data and phone table of contents in the real built site."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from bs4 import BeautifulSoup
from graph_boxes import local_boxes, overview_boxes
from linkcheck import resolve
from support import ROOT

from glossary_site.build.pipeline import load_glossary
from glossary_site.content.model import slugify
from glossary_site.emit import graph
from glossary_site.emit import graph_labels as labels
from glossary_site.emit.graph import ConceptGraph

pytestmark = pytest.mark.site

GLOSSARY = load_glossary(ROOT / "glossary")
CONCEPT = ConceptGraph.from_glossary(GLOSSARY)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_of(site: Path, slug: str) -> Path:
    return site / "terms" / slug / "index.html"


def test_each_term_page_draws_its_neighbourhood_with_working_links(built_site: Path):
    for slug in GLOSSARY.terms:
        path = page_of(built_site, slug)
        svg = soup(path).select_one("article figure.fg-graph--local svg[data-fg-graph]")
        assert svg is not None, slug
        assert svg["aria-label"].endswith(GLOSSARY.terms[slug].term)
        centre = svg.select_one(".fg-graph__node--centre")
        assert centre["data-slug"] == slug
        links = svg.select("a.fg-graph__node")
        assert links, slug
        for a in links:
            other = a["data-slug"]
            assert nx.shortest_path_length(CONCEPT.graph, slug, other) <= 2, (slug, other)
            target, _ = resolve(built_site, path, a["href"])
            assert target == page_of(built_site, other).resolve(), (slug, a["href"])
            assert a.title.get_text() == GLOSSARY.terms[other].term
        direct = {a["data-slug"] for a in svg.select("a.fg-graph__node--near")}
        assert direct <= set(GLOSSARY.terms[slug].related) | set(CONCEPT.graph[slug])
        for edge in svg.select("path.fg-graph__edge"):
            assert CONCEPT.graph.has_edge(edge["data-a"], edge["data-b"])


def test_no_two_names_overlap_on_the_built_pages(built_site: Path):
    """Every term page's neighbourhood and both static sets of the Graph page's names, read
    back from the HTML written: no name overlaps another (or, in a neighbourhood, another
    term's dot); every name lies in its drawing, a neighbourhood 360 units wide."""
    for slug in GLOSSARY.terms:
        figure = soup(page_of(built_site, slug)).select_one("figure.fg-graph--local")
        names, dots, bounds = local_boxes(str(figure))
        assert labels.overlaps(names) == [], slug
        assert all(labels.inside(box, bounds) for box in names), slug
        assert bounds[2] == graph.LOCAL_WIDTH
        for i, name in enumerate(names):
            assert not [j for j, dot in enumerate(dots) if j != i
                        and labels.intersect(name, dot)], slug
    overview = str(soup(built_site / "graph" / "index.html").select_one(
        "figure.fg-graph--overview"))
    for which, scale in graph.LABEL_SCALES:
        names, _ = overview_boxes(overview, which, scale)
        assert len(names) >= 10 and labels.overlaps(names) == [], which
        side = graph.OVERVIEW_SIZE * scale
        assert all(labels.inside(box, (0, 0, side, side)) for box in names), which


def test_graph_page_lists_every_term_a_to_z(built_site: Path):
    page = soup(built_site / "graph" / "index.html")
    listed = page.select("article details.fg-graph__list li a")
    assert [a.get_text() for a in listed] == [GLOSSARY.terms[s].term
                                             for s in sorted(GLOSSARY.terms, key=lambda s: (
                                                 GLOSSARY.terms[s].term.casefold(), s))]
    for a in listed:
        target, _ = resolve(built_site, built_site / "graph" / "index.html", a["href"])
        assert target.is_file()
    nodes = page.select("article svg a.fg-graph__node")
    assert nodes and all(a["tabindex"] == "-1" for a in nodes)

def test_graph_page_is_in_the_nav_and_shows_every_term_by_tag(built_site: Path):
    home = soup(built_site / "index.html")
    nav = [a.get("href") for a in home.select("nav.md-nav--primary a")]
    assert "graph/" in nav
    page = soup(built_site / "graph" / "index.html")
    svg = page.select_one("article svg[data-fg-graph]")
    nodes = {a["data-slug"]: a for a in svg.select("a.fg-graph__node")}
    assert set(nodes) == set(GLOSSARY.terms)
    for slug, a in nodes.items():
        target, _ = resolve(built_site, built_site / "graph" / "index.html", a["href"])
        assert target == page_of(built_site, slug).resolve()
        first = GLOSSARY.terms[slug].tags[0]
        assert a["data-tag"] == slugify(first)
        assert f"fg-graph__node--tag-{CONCEPT.tag_classes()[first]}" in a["class"]
    legend = [li.get_text() for li in page.select(".fg-graph__legend li")]
    assert len(legend) == len({t.tags[0] for t in GLOSSARY.terms.values()})
    assert len(svg.select("path.fg-graph__edge")) == CONCEPT.graph.number_of_edges()
    css = {link["href"] for link in page.select("link[rel=stylesheet]")}
    scripts = {s.get("src") for s in page.select("script[src]")}
    assert css >= {"../assets/stylesheets/glossary.css"}
    assert not any(href.endswith(("graph.css", "wayfinding.css", "charts.css")) for href in css)
    stylesheet = built_site / "assets" / "stylesheets" / "glossary.css"
    assert "fg-graph__legend" in stylesheet.read_text(encoding="utf-8")
    assert "../assets/javascripts/graph.js" in scripts
    assert (built_site / "assets" / "javascripts" / "graph.js").is_file()


def test_level_shows_on_each_term_page(built_site: Path):
    for slug, term in GLOSSARY.terms.items():
        page = soup(page_of(built_site, slug))
        level = page.select_one("article p.fg-level .fg-level-badge")
        assert level is not None and level.get_text() == term.level.value, slug
        summary = page.select_one("article p.fg-summary")
        assert summary.find_next_sibling("p") is level.parent  # right under the summary


def test_az_items_carry_level_and_tag_data(built_site: Path):
    home = soup(built_site / "index.html")
    items = home.select("article ul.fg-az-list > li")
    assert [li.a["href"] for li in items] == [f"terms/{s}/" for s in GLOSSARY.slugs_by_name()]
    for li, slug in zip(items, GLOSSARY.slugs_by_name(), strict=True):
        term = GLOSSARY.terms[slug]
        assert li["data-level"] == term.level.value
        assert li.select_one(".fg-level-badge").get_text() == term.level.value
        assert len(li["data-tags"].split()) == len(term.tags)
    form = home.select_one("article .fg-az-filter")
    assert form.has_attr("hidden")  # only the script shows it: without it, the full list
    values = {o["value"] for o in form.select("select[name=tag] option")} - {""}
    assert values == {v for li in items for v in li["data-tags"].split()}


def test_phone_contents_lists_every_section_of_a_term_page(built_site: Path):
    """The floating "Contents" (drawn by the theme from the page's headings) lists each
    section once, in order; the page carries no second, inline list of them."""
    for slug, term in GLOSSARY.terms.items():
        page = soup(page_of(built_site, slug))
        nav = page.select_one("article details.fg-toc-float nav")
        assert nav is not None, slug
        targets = [a["href"].lstrip("#") for a in nav.select("a")]
        h2 = [h["id"] for h in page.select("article h2[id]")]
        assert targets == h2, slug
        assert [s.anchor for s in term.sections] == targets[: len(term.sections)]
        # one list of the sections on the page: the float's (none inline above the text)
        for anchor in targets:
            links = page.select(f"article nav a[href='#{anchor}']")
            assert len(links) == 1, (slug, anchor, len(links))
    assert "fg-toc-float" not in (built_site / "index.html").read_text(encoding="utf-8")
