"""Way-finding: the phone table of contents and the A–Z data, from real Markdown headings."""

from __future__ import annotations

import markdown
from bs4 import BeautifulSoup
from mkdocs.structure.toc import get_toc

from glossary_site.emitters.az import render_az
from glossary_site.pipeline import load_glossary
from glossary_site.wayfinding import PHONE_TOC_MARKER, az_letter, insert_phone_toc


def toc_of(source: str):  # noqa: ANN201 - mkdocs' TableOfContents
    md = markdown.Markdown(extensions=["toc"])
    md.convert(source)
    return get_toc(md.toc_tokens)


def test_phone_toc_lists_every_second_level_heading_escaped_once():
    toc = toc_of('# Term\n\n## How it works: a &lt; b & "why"\n\n### Detail\n\n'
                 '## Sources {#sources}\n')
    html = insert_phone_toc(f"<h1>Term</h1>\n{PHONE_TOC_MARKER}\n<p>text</p>", toc)
    nav = BeautifulSoup(html, "html.parser").select_one("nav.fg-phone-toc")
    links = [(a["href"], a.get_text()) for a in nav.select("a")]
    assert links[0][1] == 'How it works: a < b & "why"'
    assert len(links) == 2 and links[1][0].startswith("#sources")
    assert "a < b" not in html


def test_pages_without_the_marker_are_untouched():
    toc = toc_of("# Page\n\n## Section\n")
    assert insert_phone_toc("<p>plain page</p>", toc) == "<p>plain page</p>"
    assert insert_phone_toc(PHONE_TOC_MARKER, toc_of("# Only a title\n")) == ""


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
