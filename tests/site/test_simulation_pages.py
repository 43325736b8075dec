"""Simulations for readers (issue 19, point 11), read from the real site's HTML.

Every chart figure on a term page links its model page ("How this chart is made"); every
model page opens with the question its model answers, in plain words, and links the term
sections that show its chart; so does every notebook. Which chart a model page explains is
read from the figures that link it, so the test needs no list of its own.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from linkcheck import resolve
from support import NOTEBOOKS, ROOT

pytestmark = pytest.mark.site

MODEL_PAGES = sorted(p.stem for p in (ROOT / "docs" / "simulations").glob("*.md")
                     if p.stem != "index")
"""The model pages: ``docs/simulations/<name>.md`` but the index."""

DEVELOPER_WORDS = ("pure function", "frozen", "validated parameters", "flywheel_sims",
                   "module")
"""Words of the old openings that speak to developers, not readers."""

Section = tuple[Path, str]
"""A term page's file and the anchor of the section that holds a figure."""


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(path: Path) -> Tag:
    found = soup(path).select_one("article.md-content__inner")
    assert found is not None, path
    return found


def first_paragraph(page: Tag) -> Tag:
    """The page's first paragraph of text: the first ``<p>`` after its title."""
    heading = page.find("h1")
    assert heading is not None
    paragraph = heading.find_next("p")
    assert paragraph is not None
    return paragraph


def model_page(site: Path, name: str) -> Path:
    return (site / "simulations" / name / "index.html").resolve()


def figures(site: Path) -> dict[Path, set[Section]]:
    """Model page file → the term sections whose figure links it (each figure must)."""
    site = site.resolve()
    linked: dict[Path, set[Section]] = defaultdict(set)
    pages = sorted((site / "terms").glob("*/index.html"))
    for path in pages:
        for figure in soup(path).select("figure.fg-chart"):
            link = figure.select_one("figcaption .fg-chart__model a[href]")
            assert link is not None, f"{path}: figure {figure.get('id')} links no model page"
            assert link.parent is not None
            assert link.parent.get_text().startswith("How this chart is made: ")
            target, fragment = resolve(site, path, str(link["href"]))
            assert target is not None and target.is_file() and not fragment, (path, link)
            section = figure.find_previous("h2")
            assert section is not None and section.get("id"), (path, figure.get("id"))
            linked[target].add((path.resolve(), str(section["id"])))
    return linked


def section_links(site: Path, path: Path) -> set[Section]:
    """The term sections a page's text links: (term page file, anchor)."""
    site = site.resolve()
    found = set()
    for link in article(path).select("a[href]"):
        target, fragment = resolve(site, path, str(link["href"]))
        if target is not None and target.is_relative_to(site / "terms") and fragment:
            found.add((target, fragment))
    return found


def test_every_chart_figure_links_an_existing_model_page(built_site: Path) -> None:
    linked = figures(built_site)
    assert linked, "no chart figure on any term page"
    # Only model pages, each with a title; and every model page is some chart's.
    assert set(linked) == {model_page(built_site, name) for name in MODEL_PAGES}
    for target in linked:
        assert article(target).find("h1") is not None, target


def test_each_model_page_opens_with_its_question_in_plain_words(built_site: Path) -> None:
    for name in MODEL_PAGES:
        paragraph = first_paragraph(article(model_page(built_site, name)))
        text = paragraph.get_text(" ", strip=True)
        question = paragraph.find("strong")
        assert question is not None and question.get_text().endswith("?"), (name, text)
        assert paragraph.find(["code", "math", "a"]) is None, (name, text)
        assert not any(word in text.lower() for word in DEVELOPER_WORDS), (name, text)
        assert len(text.split()) >= 30, (name, text)  # the question, then its answer


def test_the_simulations_index_opens_in_plain_words(built_site: Path) -> None:
    paragraph = first_paragraph(article(built_site / "simulations" / "index.html"))
    text = paragraph.get_text(" ", strip=True)
    assert paragraph.find(["code", "math"]) is None, text
    assert not any(word in text.lower() for word in DEVELOPER_WORDS), text
    # The developer detail is still there, lower down.
    whole = " ".join(article(built_site / "simulations" / "index.html").get_text().split())
    assert "pure function" in whole


def test_each_model_page_links_a_term_section_that_shows_its_chart(built_site: Path) -> None:
    linked = figures(built_site)
    for name in MODEL_PAGES:
        path = model_page(built_site, name)
        shown = section_links(built_site, path) & linked[path]
        assert shown, f"{name}: links none of {sorted((p.parent.name, a) for p, a in linked[path])}"


def test_each_notebook_opens_with_a_question_and_links_its_charts_terms(
        built_site: Path) -> None:
    linked = figures(built_site)
    for name in NOTEBOOKS:
        path = (built_site / "notebooks" / name / "index.html").resolve()
        paragraph = first_paragraph(article(path))
        question = paragraph.find("strong")
        assert question is not None and question.get_text().endswith("?"), name
        assert paragraph.find("code") is None, name
        # It links its model page and a term section that shows that model's chart.
        models = {target for link in article(path).select("a[href]")
                  for target, _ in [resolve(built_site.resolve(), path, str(link["href"]))]
                  if target in linked}
        assert len(models) == 1, (name, models)
        assert section_links(built_site, path) & linked[models.pop()], name
