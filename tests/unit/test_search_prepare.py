"""Search helpers: caption parts separated, notebook anchors excluded, names indexed."""

from __future__ import annotations

import json

from material.plugins.search.plugin import SearchIndex

from glossary_site.content.model import Term
from glossary_site.content.resolve import Glossary
from glossary_site.emit.search import NAMES_FIELD, add_names, name_tokens, prepare_html

CAPTION = ('<figure><figcaption><strong class="t">Capture rate</strong><br>'
           '<span>Product quality over time.</span><br><span><a href="x.csv">Data</a></span>'
           '</figcaption></figure>')


def test_caption_parts_become_sentences():
    out = prepare_html(CAPTION)
    assert '</strong><span hidden>.</span><br> <span>Product' in out
    assert 'time.</span><br> <span>' in out
    assert prepare_html("<p>a<br>b</p>") == "<p>a<br>b</p>"  # outside captions: untouched


def test_title_that_ends_a_sentence_gets_no_extra_period():
    out = prepare_html(CAPTION.replace("Capture rate<", "Capture rate?<"))
    assert "<span hidden>" not in out


def test_notebook_anchor_links_are_excluded_from_search():
    html = '<h2 id="x">Title<a class="anchor-link" href="#x">¶</a></h2>'
    out = prepare_html(html)
    assert out == '<h2 id="x">Title<a class="anchor-link" data-search-exclude href="#x">¶</a></h2>'
    assert prepare_html(out) == out


def test_names_become_single_tokens():
    term = Term(term="First-Mover Advantage", summary="s", definition="d", level="introductory",
                added="2026-01-05", reviewed="2026-01-05",
                aliases=["Pioneer  advantage", "A/B test"])
    assert name_tokens(term) == ["first_mover_advantage", "pioneer_advantage", "a/b_test"]
    # Material's own index object, filled the way its search plugin fills it.
    index = SearchIndex(lang=["en"], separator=" ", pipeline=[],
                        fields={"title": {"boost": 1000}, "tags": {"boost": 1e6}})
    index.entries += [{"location": "terms/fma/", "title": "First-Mover Advantage", "text": ""},
                      {"location": "terms/fma/#how", "title": "How", "text": ""},
                      {"location": "", "title": "Home", "text": ""}]
    glossary = Glossary(terms={"fma": term}, paths={"fma": "glossary/fma.yaml"})
    assert add_names(index, glossary)
    data = json.loads(index.generate_search_index(None))
    # A name outranks every other field, Material's tags (boost 10^6) included.
    assert data["config"]["fields"][NAMES_FIELD] == {"boost": 1e9}
    assert [d.get(NAMES_FIELD) for d in data["docs"]] == [name_tokens(term), None, None]
    assert add_names(index, glossary)  # a second time (mkdocs serve): the same boost
    assert json.loads(index.generate_search_index(None))["config"]["fields"][NAMES_FIELD] == {
        "boost": 1e9}
    assert not add_names(None, glossary)  # no Material search plugin: nothing to do


def test_notebook_code_cells_are_excluded_from_search():
    html = ('<div class="jp-InputArea"><span class="notice" hidden="">Copied!</span>'
            '<div class="highlight-ipynb hl-python"><pre>x</pre></div>'
            '<div class="clipboard-copy-txt" id="cell-1">x</div></div><p>prose</p>')
    out = prepare_html(html)
    assert out.count("data-search-exclude") == 3 and "<pre data-search-exclude>" in out
    assert '<div class="jp-InputArea">' in out and "<p>prose</p>" in out
    assert prepare_html(out) == out


def test_a_term_page_entry_holds_its_summary_not_its_breadcrumb():
    """Material's parser makes the text before a page's first heading with an id the page's
    own entry; on a term page that is the breadcrumb. The summary takes its place."""
    from types import SimpleNamespace

    summary = "Rules & <limits> for a term's \"use\"."
    term = Term(term="First-Mover Advantage", summary=summary, definition="d",
                level="introductory", added="2026-01-05", reviewed="2026-01-05")
    html = ('<nav class="fg-crumbs"><a href="../../">Glossary A–Z</a> › <a href="#">F</a></nav>'
            '<h1 id="fma">First-Mover Advantage</h1>'
            '<p class="fg-summary">Rules &amp; &lt;limits&gt; for a term&#39;s &quot;use&quot;.</p>'
            '\n<p class="fg-level">Level: introductory</p>\n<div class="fg-text">\n'
            '<p>The definition.</p></div>\n<h2 id="how">How</h2><p>It works.</p>')
    index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={"title": {"boost": 1}})
    index.add_entry_from_context(SimpleNamespace(meta={}, content=html, toc=[],
                                                 url="terms/fma/", title="First-Mover Advantage"))
    before = {d["location"]: d["text"] for d in index.entries}
    assert before["terms/fma/"] == "Glossary A–Z › F"  # what readers saw under the top hit
    glossary = Glossary(terms={"fma": term}, paths={"fma": "glossary/fma.yaml"})
    assert add_names(index, glossary)
    after = {d["location"]: d["text"] for d in index.entries}
    assert after["terms/fma/"] == "<p>Rules &amp; &lt;limits&gt; for a term's \"use\".</p>"
    assert after["terms/fma/#fma"] == "<p>Level: introductory</p> <p>The definition.</p>"
    assert after["terms/fma/#how"] == "<p>It works.</p>"
    assert add_names(index, glossary)  # again (mkdocs serve): the same
    assert {d["location"]: d["text"] for d in index.entries} == after
