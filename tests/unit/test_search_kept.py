"""Material's search entries kept across builds: reused only for the same page, and never a
kept entry Material's parser could not have written (the cache folder is untrusted)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from material.plugins.search import plugin as material_search
from material.plugins.search.plugin import SearchIndex

from glossary_site.build.cache import Cache, _signed
from glossary_site.emit.search import keep_entries

HTML = ('<h1 id="alpha">Alpha<a class="headerlink" href="#alpha">&para;</a></h1>\n'
        '<p class="fg-summary">A <em>first</em> term &amp; more.</p>\n'
        '<nav data-search-exclude><a href="#b">B</a></nav>\n'
        '<h2 id="how-it-works">How it works</h2>\n<ul><li><a href="../b/">Beta</a></li></ul>')


def page(content: str = HTML, tags: Any = ("data",), boost: Any = 3) -> SimpleNamespace:
    meta: dict[str, Any] = {"title": "Alpha", "tags": list(tags), "search": {"boost": boost}}
    toc = [SimpleNamespace(id="alpha", url="#alpha", children=[
        SimpleNamespace(id="how-it-works", url="#how-it-works", children=[])])]
    return SimpleNamespace(url="terms/alpha/", content=content, title="Alpha", meta=meta,
                           toc=toc)


def entries_of(root: Path, *pages: SimpleNamespace) -> list[dict[str, Any]]:
    """One build: a new index, the cache at ``root`` read and saved as a build does."""
    index, cache = SearchIndex(lang=["en"]), Cache(root)
    assert keep_entries(index, cache)
    for one in pages:
        index.add_entry_from_context(one)
    cache.save()
    return index.entries


def fresh(*pages: SimpleNamespace) -> list[dict[str, Any]]:
    index = SearchIndex()
    for one in pages:
        index.add_entry_from_context(one)
    return index.entries


def test_an_unchanged_page_is_not_parsed_again(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = entries_of(tmp_path, page())
    assert first == fresh(page()) and len(first) == 2

    monkeypatch.setattr(material_search.Parser, "feed", _no_parse)
    assert entries_of(tmp_path, page()) == first


def test_a_changed_page_or_front_matter_is_parsed_again(tmp_path: Path) -> None:
    entries_of(tmp_path, page())
    for changed in (page(HTML.replace("first", "second")), page(tags=("data", "privacy")),
                    page(boost=5)):
        assert entries_of(tmp_path, changed) == fresh(changed)


def test_kept_entries_are_copies(tmp_path: Path) -> None:
    """The glossary edits entries after indexing (names, summary first): never the kept ones."""
    for entry in entries_of(tmp_path, page()):
        entry["text"] = "changed"
    assert entries_of(tmp_path, page()) == fresh(page())
    for entry in entries_of(tmp_path, page()):
        entry["text"] = "changed"
    assert entries_of(tmp_path, page()) == fresh(page())


POISON = [
    {"text": '<img src=x onerror="alert(1)">'},
    {"title": "<p onclick=alert(1)>x</p>"},
    {"text": "&lt;ok&gt; <script>alert(1)</script>"},
    {"text": "<p class=x>y</p>"},
    {"text": "a &b c"},
    {"title": "<p/>"},
    {"location": "javascript:alert(1)"},
    {"location": "terms/alpha/#x\"onmouseover=alert(1)"},
    {"location": "terms/other/"},
    {"tags": ["<b>data</b>"]},
    {"boost": 1000},
    {"extra": 1},
    {"text": 3},
]


@pytest.mark.parametrize("change", POISON)
def test_a_poisoned_entry_is_a_miss_and_is_healed(tmp_path: Path, change: dict[str, Any]
                                                  ) -> None:
    entries_of(tmp_path, page())
    stored_path = tmp_path / "search.json"
    stored = json.loads(stored_path.read_text())
    for kept in stored["entries"].values():
        kept[-1].update(change)
    stored_path.write_bytes(_signed(json.dumps(stored).encode()))  # as if this key wrote it
    assert entries_of(tmp_path, page()) == fresh(page())
    healed = json.loads(stored_path.read_text())
    assert [list(v) for v in healed["entries"].values()] == [fresh(page())]


def test_an_excluded_page_keeps_nothing(tmp_path: Path) -> None:
    excluded = page()
    excluded.meta["search"] = {"exclude": True}
    assert entries_of(tmp_path, excluded) == []
    assert not (tmp_path / "search.json").exists()  # nothing to write, build after build


def test_not_a_search_index() -> None:
    assert not keep_entries(None, Cache(None))
    assert not keep_entries(SimpleNamespace(entries=None), Cache(None))


def test_other_search_settings_keep_other_entries(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Material segments Chinese text when the language is Chinese and jieba is installed:
    entries kept under one setting are not served under another."""
    entries_of(tmp_path, page())
    monkeypatch.setattr(material_search.Parser, "feed", _no_parse)
    index, cache = SearchIndex(lang=["zh"]), Cache(tmp_path)
    keep_entries(index, cache)
    with pytest.raises(AssertionError, match="parsed again"):
        index.add_entry_from_context(page())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("ab <>&;/\"'=#\n\x00\xa0") + [
    "<p>", "</p>", "<em>", "</em>", "<code>", "</code>", "<li>", "<h2 id=\"x\">", "</h2>",
    "<a href=\"#y\">", "</a>", "&amp;", "&lt;", "<pre>", "</pre>", "<script>", "&#0;",
    "<sup>", "</sup>", "<div data-search-exclude>", "</div>", "&#39;", "&x"]), max_size=40
).map("".join))
def test_whatever_material_writes_for_a_page_is_kept(tmp_path_factory: pytest.TempPathFactory,
                                                     body: str) -> None:
    """For any page HTML, the second build reuses what the first kept (the check accepts
    everything Material's parser writes) and gives the same entries."""
    root = tmp_path_factory.mktemp("kept")
    one = page(HTML + body)
    first = entries_of(root, one)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(material_search.Parser, "feed", _no_parse)
        assert entries_of(root, one) == first


def _no_parse(*args: Any) -> None:
    raise AssertionError("parsed again")
