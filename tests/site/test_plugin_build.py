"""The MkDocs plugin on a small synthetic project: pages, links, edit URLs, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import make_project, mkdocs_build

pytestmark = pytest.mark.site

def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def small_site(write_module_glossary) -> Path:
    """The module's one real build; the tests below read it."""
    directory = write_module_glossary({
        "alpha-term": {"lessons": ["ai-strategy-for-your-organisation"], "aliases": ["First"],
                       "summary": "Alpha < Beta & \"co\".", "former_slugs": ["old-alpha"]},
    })
    config = make_project(directory)
    site = directory.parent / "site"
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr
    return site


def test_term_page_has_every_part(small_site: Path):
    page = soup(small_site / "terms" / "alpha-term" / "index.html")
    article = page.select_one("article")
    assert article is not None
    assert article.select_one("h1").get_text(strip=True).startswith("Alpha Term")
    lead = article.select_one("p.fg-summary")
    assert lead is not None and lead.get_text() == "Alpha < Beta & \"co\"."
    assert "&amp;" in str(lead)
    for anchor in ("how-it-works", "why-it-matters", "related-terms", "sources"):
        assert article.find(id=anchor) is not None, anchor
    assert "Also known as" in article.get_text()
    related = [a["href"] for a in article.select("#related-terms + ul a")]
    assert related == ["../beta-term/", "../gamma-term/"]
    assert article.find(id="referenced-by") is None  # it repeated the related terms
    callout = article.select_one(".admonition")
    assert "Continue learning in Practitioner" in callout.get_text()
    links = [a["href"] for a in callout.select("a")]
    assert "https://course.example.org/practitioner/ai-strategy-for-your-organisation/" in links
    assert "../../lessons/ai-strategy-for-your-organisation/" in links
    edit = page.select_one("a[title='Edit this page']")
    assert edit is not None
    assert edit["href"] == "https://git.example.org/org/repo/edit/main/glossary/alpha-term.yaml"
    assert page.select_one("meta[name=description]")["content"] == "Alpha < Beta & \"co\"."
    tags = [a.get_text(strip=True) for a in page.select(".md-tag")]
    assert "testing" in tags


def test_home_lists_terms_a_to_z(small_site: Path):
    page = soup(small_site / "index.html")
    links = [a["href"] for a in page.select("article li a")]
    assert links == ["terms/alpha-term/", "terms/beta-term/", "terms/gamma-term/"]
    assert page.find(id="letter-a") is not None


def test_lesson_pages_list_their_terms(small_site: Path):
    page = soup(small_site / "lessons" / "ai-strategy-for-your-organisation" / "index.html")
    assert [a["href"] for a in page.select("#terms + ol a")] == ["../../terms/alpha-term/"]
    index = soup(small_site / "lessons" / "index.html")
    assert "AI Strategy for Your Organisation" in index.select_one("article").get_text()


def test_terms_are_not_in_the_navigation(small_site: Path):
    nav = soup(small_site / "index.html").select_one("nav.md-nav--primary")
    assert nav is not None
    assert not [a for a in nav.select("a") if "terms/" in a.get("href", "")]


def test_renamed_term_keeps_its_old_url(small_site: Path):
    page = soup(small_site / "terms" / "old-alpha" / "index.html")
    assert page.select_one("meta[http-equiv=refresh]")["content"] == "0; url=../alpha-term/"
    assert page.select_one("link[rel=canonical]")["href"] == "../alpha-term/"
    assert (small_site / "terms" / "alpha-term" / "index.html").exists()


def test_terms_json(small_site: Path):
    data = json.loads((small_site / "terms.json").read_text())
    first = data["terms"][0]
    assert first["slug"] == "alpha-term"
    assert first["url"] == "https://glossary.example.org/terms/alpha-term/"
    assert first["lessons"] == ["ai-strategy-for-your-organisation"]
    assert [t["slug"] for t in data["terms"]] == ["alpha-term", "beta-term", "gamma-term"]


def test_term_names_reach_the_search_index_whatever_the_plugin_order(small_site: Path,
                                                                     write_glossary):
    def names(site: Path) -> dict[str, list[str]]:
        data = json.loads((site / "search" / "search_index.json").read_text())
        assert data["config"]["fields"]["names"]["boost"] >= 1e9  # above Material's tags
        return {d["location"]: d["names"] for d in data["docs"] if "names" in d}

    expected = {"terms/alpha-term/": ["alpha_term", "first"], "terms/beta-term/": ["beta_term"],
                "terms/gamma-term/": ["gamma_term"]}
    assert names(small_site) == expected
    # The names are added before Material's search plugin writes its index, so listing
    # glossary first in mkdocs.yml changes nothing.
    directory = write_glossary({"alpha-term": {"aliases": ["First"]}})
    config = make_project(directory, plugins=[
        {"glossary": {"charts": False}}, "search", "tags"])
    result = mkdocs_build(config, directory.parent / "site")
    assert result.returncode == 0, result.stderr
    assert names(directory.parent / "site") == expected


def test_broken_glossary_fails_the_build_with_messages_and_no_traceback(write_glossary,
                                                                        tmp_path: Path):
    directory = write_glossary({"beta-term": {"level": "expert", "sumary": "x"}})
    config = make_project(directory)
    result = mkdocs_build(config, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "glossary/beta-term.yaml:" in output and "unknown key 'sumary'" in output
    assert "2 problems found." in output
    assert "Traceback" not in output
