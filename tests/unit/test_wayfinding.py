"""Way-finding: the phone table of contents, drawn by the engine into each term page, and
the A–Z data."""

from __future__ import annotations

from bs4 import BeautifulSoup

from glossary_site.build.pipeline import load_glossary
from glossary_site.emit import EmitOptions
from glossary_site.emit.az import render_az
from glossary_site.emit.term_pages import render_term
from glossary_site.emit.wayfinding import az_letter, phone_toc

HOSTILE = 'How it works: a < b & "why" </a><script>alert(1)</script>'


def test_phone_toc_lists_each_section_escaped_once():
    html = phone_toc([("how-it-works", HOSTILE), ("sources", "Sources")])
    nav = BeautifulSoup(html, "html.parser").select_one("nav.fg-phone-toc")
    links = [(a["href"], a.get_text()) for a in nav.select("a")]
    assert links == [("#how-it-works", HOSTILE), ("#sources", "Sources")]
    assert "a < b" not in html and "<script" not in html and "&amp;lt;" not in html
    assert nav.has_attr("data-search-exclude")


def test_no_sections_no_phone_toc():
    assert phone_toc([]) == ""
    assert phone_toc(iter([("why", "Why")])) != ""  # any iterable of (anchor, title)


def test_a_term_page_carries_the_phone_toc_of_its_own_sections(write_glossary):
    """The page's second-level headings, in order: its sections, then the engine's own
    (related terms, mentioned in, sources); never a heading written inside a field."""
    sections = [{"title": HOSTILE, "id": "how-it-works", "body": "## Inner\n\nIt works. " * 5},
                {"title": "Why it matters", "body": "It matters. " * 5}]
    directory = write_glossary({"alpha-term": {"sections": sections},
                                "gamma-term": {"definition": "Unlike Alpha Term, this. " * 40}},
                               slugs=("alpha-term", "beta-term", "gamma-term", "delta-term"))
    glossary = load_glossary(directory)
    page = render_term(glossary, "alpha-term", EmitOptions())
    nav = BeautifulSoup(page, "html.parser").select_one("nav.fg-phone-toc")
    assert [(a["href"], a.get_text()) for a in nav.select("a")] == [
        ("#how-it-works", HOSTILE), ("#why-it-matters", "Why it matters"),
        ("#related-terms", "Related terms"), ("#mentioned-in", "Mentioned in"),
        ("#sources", "Sources"), ("#cite-this-term", "Cite this term")]
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert [h.rsplit("{", 1)[1] for h in headings[1:]] == [
        "#how-it-works}", "#why-it-matters}", "#related-terms}",
        "#mentioned-in data-search-exclude}", "#sources}", "#cite-this-term data-search-exclude}"]
    assert page.index("fg-phone-toc") < page.index("## ")


def test_az_items_carry_level_and_tags(write_glossary):
    directory = write_glossary({"alpha-term": {"level": "advanced",
                                               "tags": ["AI strategy", 'R&D "x"']}})
    glossary = load_glossary(directory)
    page = BeautifulSoup(render_az(glossary, root="../"), "html.parser")
    items = {li.a["href"]: li for li in page.select("ul.fg-az-list > li")}
    alpha = items["../terms/alpha-term/"]
    assert alpha["data-level"] == "advanced"
    assert alpha["data-tags"].split() == ["ai-strategy", "rd-x"]
    assert alpha.select_one(".fg-level-badge").get_text() == "advanced"
    options = [o.get_text() for o in page.select(".fg-az-filter select[name=tag] option")]
    assert 'R&D "x"' in options
    assert page.select_one(".fg-az-filter").has_attr("hidden")


def test_az_letters_group_once_per_letter():
    """ß upper-cases to SS and É sorts after Z: each still joins its letter's one group;
    names that start with a digit or a sign share one '#' group, however they sort."""
    assert [az_letter(n) for n in ("Über", "ßeta", "Émile", "3D", "~x", "data")] == [
        "U", "S", "E", "#", "#", "D"]
