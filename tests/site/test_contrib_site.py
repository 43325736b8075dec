"""The real build: the course embed and terms.json, structured data and sharing tags."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from support import ROOT, mkdocs_build

from glossary_site.emit.embed import embed_script

pytestmark = pytest.mark.site


def test_embed_and_terms_json_sit_side_by_side(built_site: Path):
    assert (built_site / "embed.js").read_text(encoding="utf-8") == embed_script()
    data = json.loads((built_site / "terms.json").read_text(encoding="utf-8"))
    levels = {t["slug"]: t["level"] for t in data["terms"]}
    assert levels["data-flywheel"] == "intermediate"
    assert set(levels.values()) <= {"introductory", "intermediate", "advanced"}
    for row in data["terms"]:
        assert (built_site / row["path"] / "index.html").is_file()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def jsonld(page: BeautifulSoup) -> dict:
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def meta(page: BeautifulSoup, key: str) -> str:
    tag = page.select_one(f'meta[property="{key}"]') or page.select_one(f'meta[name="{key}"]')
    assert tag is not None, key
    return tag["content"]


def test_term_pages_carry_defined_term_and_sharing_tags(built_site: Path):
    data = json.loads((built_site / "terms.json").read_text(encoding="utf-8"))
    with_chart = without_chart = 0
    for row in data["terms"]:
        folder = built_site / row["path"]
        page = soup(folder / "index.html")
        ld = jsonld(page)
        assert ld["@type"] == "DefinedTerm"
        assert ld["name"] == row["term"] == page.select_one("article h1").get_text(
            strip=True).removesuffix("¶")
        assert ld["description"] == row["summary"] == meta(page, "og:description")
        assert ld["inDefinedTermSet"]["@type"] == "DefinedTermSet"
        assert (folder / ld["url"]).resolve() == folder.resolve()
        assert meta(page, "og:title") == meta(page, "twitter:title") == row["term"]
        assert meta(page, "twitter:card") == "summary_large_image"
        image = (folder / meta(page, "og:image")).resolve()
        assert image.is_file() and image.read_bytes()[:4] == b"\x89PNG", image
        if image.name == "site.png":
            without_chart += 1
        else:
            with_chart += 1
            chart = page.select_one("figure.fg-chart")
            assert chart is not None and chart["id"] == f"chart-{image.stem}"
    assert with_chart >= 5 and without_chart >= 5


def test_home_page_carries_the_defined_term_set(built_site: Path):
    page = soup(built_site / "index.html")
    ld = jsonld(page)
    data = json.loads((built_site / "terms.json").read_text(encoding="utf-8"))
    assert ld["@type"] == "DefinedTermSet" and ld["name"] == "Flywheel Glossary"
    assert [t["name"] for t in ld["hasDefinedTerm"]] == [t["term"] for t in data["terms"]]
    assert meta(page, "og:image") == "assets/social/site.png"
    if not os.environ.get("SITE_URL"):  # mkdocs.yml reads site_url from SITE_URL
        assert page.select_one("link[rel=canonical]") is None


SMALL = {
    "site_name": "Test <Glossary>",
    "site_description": "Terms & tests.",
    "site_url": "https://glossary.example.org/sub/",
    "theme": {"name": "material", "font": False, "custom_dir": str(ROOT / "overrides")},
    "plugins": ["search", {"glossary": {"charts": False}}],
    "nav": [{"Home": "index.md"}],
}


def test_site_url_gives_canonical_and_absolute_sharing_urls(write_glossary, tmp_path: Path):
    directory = write_glossary({"alpha-term": {"summary": "Alpha & \"beta\": 3 < 4 > 2"}})
    project = directory.parent
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Home\n\n<!-- glossary:a-z -->\n")
    config = project / "mkdocs.yml"
    config.write_text(yaml.safe_dump(SMALL))
    result = mkdocs_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = soup(tmp_path / "site" / "terms" / "alpha-term" / "index.html")
    url = "https://glossary.example.org/sub/terms/alpha-term/"
    assert page.select_one("link[rel=canonical]")["href"] == url
    assert meta(page, "og:url") == url == jsonld(page)["url"]
    assert meta(page, "og:image") == "https://glossary.example.org/sub/assets/social/site.png"
    assert meta(page, "og:site_name") == "Test <Glossary>"
    assert jsonld(page)["description"] == "Alpha & \"beta\": 3 < 4 > 2"
    raw = (tmp_path / "site" / "terms" / "alpha-term" / "index.html").read_text()
    script = raw.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in script and "&" not in script
    assert (tmp_path / "site" / "assets" / "social" / "site.png").is_file()


def test_without_a_course_url_lessons_link_our_own_pages(built_site: Path):
    lesson = "ai-strategy-for-your-organisation"
    page = soup(built_site / "terms" / "data-flywheel" / "index.html")
    callout = page.select_one(".admonition.tip")
    assert [a["href"] for a in callout.select("a")] == [f"../../lessons/{lesson}/"]
    lesson_page = soup(built_site / "lessons" / lesson / "index.html")
    assert lesson_page.select_one("article a.md-button") is None
    hrefs = [a.get("href", "") for a in lesson_page.select("article a")]
    assert not [h for h in hrefs if h.endswith(f"{lesson}/") and "lessons/" not in h]


def test_mkdocs_yml_names_no_invented_course_host():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "course.flywheel-glossary.org" not in text
    config = text.split("plugins:")[1].split("markdown_extensions:")[0]
    assert "\n      lesson_base_url:" not in config


def test_site_url_comes_from_the_environment(monkeypatch):
    from mkdocs.config import load_config

    monkeypatch.setenv("SITE_URL", "https://owner.example.io/glossary/")
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] == "https://owner.example.io/glossary/"
    monkeypatch.delenv("SITE_URL")
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] is None
