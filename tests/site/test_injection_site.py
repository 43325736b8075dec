"""Injection payloads in real builds, asserted on the parsed HTML (BeautifulSoup).

One build for the module: the hostile-but-accepted glossary (every plain-text field a
payload, definitions full of look-alikes), which must show every payload as text and carry
no script. ``test_sanitiser_site.py`` builds with the checker switched off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from payloads import PLAIN, assert_inert, soup, tag_payload, write_hostile_glossary, write_project
from support import mkdocs_build

pytestmark = pytest.mark.site

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    write_hostile_glossary(root / "glossary")
    result = mkdocs_build(write_project(root), root / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_carries_script_from_content(hostile_site: Path):
    found = pages(hostile_site)
    assert len(found) > len(PLAIN)
    for path in found:
        assert_inert(soup(path), str(path.relative_to(hostile_site)))


def test_every_plain_field_shows_its_payload_as_text(hostile_site: Path):
    for k, payload in enumerate(PLAIN):
        page = soup(hostile_site / "terms" / f"term-{k:02d}" / "index.html")
        article = page.select_one("article")
        assert isinstance(article, Tag)
        h1 = article.select_one("h1")
        assert h1 is not None and h1.get_text().rstrip("¶") == payload
        title = page.select_one("title")
        assert title is not None and title.get_text() == f"{payload} - Injection test"
        assert page.select(".md-header__topic .md-ellipsis")[-1].get_text(strip=True) == (
            payload.strip())
        nxt = PLAIN[(k + 1) % len(PLAIN)]
        summary = article.select_one("p.fg-summary")
        assert summary is not None and summary.get_text() == f"Summary {nxt}"[:200]
        meta = page.select_one("meta[name=description]")
        assert meta is not None and meta["content"] == f"Summary {nxt}"[:200]
        aliases = article.select_one("p.fg-aliases")
        assert aliases is not None and f"aka {PLAIN[(k + 2) % len(PLAIN)]}" in aliases.get_text()
        tags = [t.get_text(strip=True) for t in page.select(".md-tag")]
        assert tag_payload(PLAIN[(k + 3) % len(PLAIN)]) in tags, tags
        h2 = [h.get_text().rstrip("¶") for h in article.select("h2")]
        assert f"How {PLAIN[(k + 4) % len(PLAIN)]}" in h2
        assert f"Why {PLAIN[(k + 5) % len(PLAIN)]}" in h2
        source = article.select_one("#sources + ol a")
        assert source is not None
        assert source.get_text() == f"Source {PLAIN[(k + 6) % len(PLAIN)]}"
        assert source["href"] == f"https://example.org/source-{k}?a=1&b=(2)"  # as written


def test_lesson_fields_and_listings_show_payloads_as_text(hostile_site: Path):
    for i in range(4):
        page = soup(hostile_site / "lessons" / f"lesson-{i}" / "index.html")
        assert page.select_one("article h1").get_text().rstrip("¶") == f"Lesson {PLAIN[i]}"
        assert page.select_one("p.fg-summary").get_text().startswith(PLAIN[-1 - i])
        button = page.select_one("a.md-button")
        assert button is not None and button["href"] == f"https://course.example.org/lesson-{i}/"
    index = soup(hostile_site / "lessons" / "index.html").select_one("article").get_text()
    assert all(f"Lesson {PLAIN[i]}" in index and PLAIN[-1 - i] in index for i in range(4))
    home = soup(hostile_site / "index.html").select_one("article")
    names = [a.get_text() for a in home.select("li a")]
    assert sorted(names) == sorted(PLAIN)
    tags_page = soup(hostile_site / "tags" / "index.html").get_text()
    assert all(tag_payload(p) in tags_page for p in PLAIN)


def test_lookalikes_are_shown_as_text(hostile_site: Path):
    article = soup(hostile_site / "terms" / "term-00" / "index.html").select_one("article")
    assert isinstance(article, Tag)
    text = article.get_text()
    assert "if a<b and c>d then alert(34) is text" in text
    assert "AT&T and 3 < 4" in text and "<script>alert(38)</script>" in text
    assert "<svg/onload=alert(39)//" in text
    assert [c.get_text() for c in article.select("p code")][:1] == ["<script>alert(31)</script>"]
    assert "<img src=x onerror=alert(32)>" in article.select_one("pre").get_text()
    assert article.select_one("a[href='https://example.org/autolink-33']") is not None
    assert article.select_one("a[href='#how-it-works']") is not None
    assert len(article.select("math")) == 2 and article.select_one("math")["aria-label"] == "a<b"
    assert article.select_one("p.fg-aliases") is not None  # nothing swallowed the next block


def test_search_index_holds_escaped_titles_and_text(hostile_site: Path):
    index = json.loads((hostile_site / "search" / "search_index.json").read_text())
    titles = {d["location"]: d["title"] for d in index["docs"]}
    for k, payload in enumerate(PLAIN):
        title = titles[f"terms/term-{k:02d}/"]
        parsed = BeautifulSoup(title, "html.parser")  # Material renders titles as HTML
        assert parsed.find(True) is None and parsed.get_text() == payload, title
    for doc in index["docs"]:
        for field in ("title", "text"):
            parsed = BeautifulSoup(doc[field], "html.parser")
            for element in parsed.find_all(True):
                assert element.name in {"code", "p", "pre", "ul", "ol", "li", "em", "strong",
                                        "a", "span"}, (doc["location"], element)
                assert not any(k.startswith("on") for k in element.attrs)
