"""Way-finding: a term page's own headings (the theme draws the phones' contents from them),
and the A–Z data."""

from __future__ import annotations

from bs4 import BeautifulSoup

from glossary_site.build.pipeline import load_glossary
from glossary_site.emit import EmitOptions
from glossary_site.emit.az import render_az
from glossary_site.emit.term_pages import render_term
from glossary_site.emit.wayfinding import az_letter

HOSTILE = 'How it works: a < b & "why" </a><script>alert(1)</script>'


def test_a_term_pages_headings_are_its_sections_then_the_engines_own(write_glossary):
    """The page's second-level headings, in order: its sections, then the engine's own
    (related terms, mentioned in, sources, cite this term); never a heading written inside a
    field. The theme's floating "Contents" for phones lists exactly these (``page.toc``);
    the page itself carries no second list of them, so the definition follows the level
    line on a phone's first screen."""
    sections = [{"title": HOSTILE, "id": "how-it-works", "body": "## Inner\n\nIt works. " * 5},
                {"title": "Why it matters", "body": "It matters. " * 5}]
    directory = write_glossary({"alpha-term": {"sections": sections},
                                "gamma-term": {"definition": "Unlike Alpha Term, this. " * 40}},
                               slugs=("alpha-term", "beta-term", "gamma-term", "delta-term"))
    glossary = load_glossary(directory)
    page = render_term(glossary, "alpha-term", EmitOptions())
    headings = [line for line in page.splitlines() if line.startswith("#")]
    assert [h.rsplit("{", 1)[1] for h in headings[1:]] == [
        "#how-it-works}", "#why-it-matters}", "#related-terms}",
        "#mentioned-in data-search-exclude}", "#sources}", "#cite-this-term data-search-exclude}"]
    navs = BeautifulSoup(page, "html.parser").select("nav")
    assert [nav.get("class") for nav in navs] == [["fg-crumbs"]]  # no list of sections
    level, definition = page.index('class="fg-level"'), page.index('class="fg-text"')
    assert level < definition < page.index("\n## ")


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
