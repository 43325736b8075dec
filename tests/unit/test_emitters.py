"""Emitters and the pipeline's emit stage, in memory: glossary in, {path: content} out."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import replace
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.meta import get_data
from payloads import MKDOCS

from glossary_site.build import pipeline
from glossary_site.build.cache import Cache
from glossary_site.charts import ChartAssets, ModelPage
from glossary_site.content.resolve import Glossary
from glossary_site.emit import (
    ChartSettings,
    EmitOptions,
    embed,
    feed,
    lessons,
    reader_scripts,
    redirects,
    share_images,
    term_pages,
    terms_json,
)
from glossary_site.emit import charts as chart_emitter
from glossary_site.emit import graph_page as concept_graph
from glossary_site.emit.az import render_az
from glossary_site.render.finished_html import CLOSE, OPEN, FinishedHtml

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="420" height="210"></svg>'


def glossary(directory: Path) -> Glossary:
    return pipeline.load_glossary(directory, chart_ids=["demo"])


def assets(title: str = "Demo <chart>", description: str = 'It "shows" a & b.') -> ChartAssets:
    return ChartAssets(chart_id="demo", title=title, description=description, digest="0" * 64,
                       spec_json="{}", svg_light=SVG, svg_dark=SVG, csv="x\n1\n")


def test_the_pipeline_declares_its_emitters_in_order():
    assert pipeline.EMITTERS == [term_pages.emit, lessons.emit, redirects.emit,
                                 terms_json.emit, feed.emit, chart_emitter.emit, embed.emit,
                                 reader_scripts.emit, concept_graph.emit, share_images.emit]


def test_emit_gathers_every_file_and_refuses_two_writers_of_one_path(write_glossary):
    g = glossary(write_glossary())
    files = pipeline.emit(g, EmitOptions())
    assert set(files) == {
        "terms/alpha-term.md", "terms/beta-term.md", "terms/gamma-term.md",
        "lessons/index.md", "lessons/ai-strategy-for-your-organisation.md",
        "terms.json", "feed.xml", "embed.js", "assets/javascripts/glossary-search.js",
        "assets/javascripts/wayfinding.js", "assets/stylesheets/glossary.css", "graph.md",
        "assets/javascripts/graph.js"}
    with pytest.raises(ValueError, match="two emitters write terms.json"):
        pipeline.emit(g, EmitOptions(), [terms_json.emit, terms_json.emit])


def test_a_new_emitter_is_one_function(write_glossary):
    def count(g: Glossary, options: EmitOptions) -> dict[str, str]:
        return {"count.txt": str(len(g.terms))}

    files = pipeline.emit(glossary(write_glossary()), EmitOptions(),
                          [*pipeline.EMITTERS, count])
    assert files["count.txt"] == "3"


def test_term_page_places_the_figure_and_scripts_of_its_chart(write_glossary):
    sections = [{"title": "Loop", "id": "loop", "body": "Text.", "chart": "demo"}]
    g = glossary(write_glossary({"alpha-term": {"sections": sections}}))
    page = term_pages.render_term(g, "alpha-term", EmitOptions(chart_assets={"demo": assets()}))
    html = BeautifulSoup(page, "html.parser")
    figure = html.select_one("figure#chart-demo")
    assert figure is not None and figure["data-spec"] == "../../assets/charts/demo.vl.json"
    assert figure.select_one(".fg-chart__title").get_text() == "Demo <chart>"
    assert [img["alt"] for img in figure.select("img")] == ['It "shows" a & b.'] * 2
    assert "<chart>" not in page  # escaped, not markup
    # charts.js loads the Vega bundle itself when a chart nears the viewport.
    assert [s["src"] for s in html.select("script")] == ["../../assets/javascripts/charts.js"]
    plain = term_pages.render_term(g, "beta-term", EmitOptions(chart_assets={"demo": assets()}))
    assert "<script" not in plain and "<figure" not in plain  # no chart, no chart code


@pytest.mark.parametrize(("directory_urls", "model_url", "term_file", "model_file"), [
    (True, "simulations/demo/", "terms/alpha-term/index.html", "simulations/demo/index.html"),
    (False, "simulations/demo.html", "terms/alpha-term.html", "simulations/demo.html")])
def test_a_figure_links_the_page_of_its_model(write_glossary, directory_urls: bool,
                                             model_url: str, term_file: str, model_file: str):
    """Issue 19, point 11: "How this chart is made" leads from the figure to the model's
    page, at the URL MkDocs gives that page (``ModelPage.url``) from the term page's own."""
    sections = [{"title": "Loop", "id": "loop", "body": "Text [@textbook].", "chart": "demo"}]
    g = glossary(write_glossary({"alpha-term": {"sections": sections}}))
    options = EmitOptions(chart_assets={"demo": assets()}, directory_urls=directory_urls,
                          chart_pages={"demo": ModelPage(model_url, "Demo & model")})
    html = BeautifulSoup(term_pages.render_term(g, "alpha-term", options), "html.parser")
    link = html.select_one("figure#chart-demo figcaption .fg-chart__model a")
    assert link is not None and link.get_text() == "Demo & model"
    assert link.parent.get_text() == "How this chart is made: Demo & model"
    href = str(link["href"])
    assert posixpath.normpath(posixpath.join(posixpath.dirname(term_file), href)) == (
        model_file.removesuffix("index.html").rstrip("/") if directory_urls else model_file)
    unlinked = term_pages.render_term(g, "alpha-term", replace(options, chart_pages={}))
    assert "fg-chart__model" not in unlinked and "How this chart is made" not in unlinked


def test_redirect_pages_escape_the_name(write_glossary):
    hostile = '</title><script>alert(1)</script>'  # validation refuses it; escaping holds anyway
    g = glossary(write_glossary({"alpha-term": {"former_slugs": ["old"]}}))
    g.terms["alpha-term"] = g.terms["alpha-term"].model_copy(update={"term": hostile})
    files = redirects.emit(g, EmitOptions())
    page = BeautifulSoup(files["terms/old/index.html"], "html.parser")
    assert page.title.get_text() == hostile
    assert page.select_one("meta[http-equiv=refresh]")["content"] == "0; url=../alpha-term/"
    assert [s.get_text() for s in page.select("script")] == [
        'location.replace("../alpha-term/" + location.hash);']


def test_terms_json_rows_and_absolute_urls(write_glossary):
    g = glossary(write_glossary())
    data = json.loads(terms_json.emit(g, EmitOptions(site_url="https://x.org/g"))["terms.json"])
    assert [r["slug"] for r in data["terms"]] == ["alpha-term", "beta-term", "gamma-term"]
    assert data["terms"][0]["url"] == "https://x.org/g/terms/alpha-term/"


def test_lessons_join_relative_urls_to_the_base(write_glossary):
    g = glossary(write_glossary({"beta-term": {"lessons": ["ai-strategy-for-your-organisation"]}}))
    files = lessons.emit(g, EmitOptions(lesson_base_url="https://course.org/p/"))
    page = files["lessons/ai-strategy-for-your-organisation.md"]
    assert "https://course.org/p/ai-strategy-for-your-organisation/" in page
    assert 'href="../../terms/beta-term/"' in page


def test_chart_emitter_writes_runtime_only_when_a_chart_is_used(write_glossary, tmp_path):
    g = glossary(write_glossary())
    off = chart_emitter.emit(g, EmitOptions())
    assert off == {}
    unused = chart_emitter.emit(g, EmitOptions(charts=ChartSettings(Cache(tmp_path))))
    assert unused == {}


def test_az_groups_by_first_letter(write_glossary):
    g = glossary(write_glossary({"beta-term": {"term": "1-bit models"}}))
    text = render_az(g)
    assert text.index("### &#35; {#letter-#}") < text.index("### A {#letter-a}")


# --- a term page through Python-Markdown: the fields' HTML passes untouched -------------------

def site_markdown(finished: bool = True) -> markdown.Markdown:
    """Python-Markdown as the plugin sets it up: mkdocs.yml's extensions (as the payloads'
    project has them) and the engine's own for finished HTML (``finished``)."""
    names: list[str | markdown.Extension] = [FinishedHtml()] if finished else []
    configs: dict[str, object] = {}
    for ext in MKDOCS["markdown_extensions"]:
        name, config = next(iter(ext.items())) if isinstance(ext, dict) else (ext, {})
        names.append(name)
        configs[name] = config
    return markdown.Markdown(extensions=names, extension_configs=configs)  # type: ignore[arg-type]


HOSTILE_BODY = ("It works.\n\n## Sub {title=\"{}\" id='x\" autofocus onfocus=\"alert(1)'}\n\n"
                "Sub {title=\"{}\" id='x\" autofocus onfocus=\"alert(2)'}\n---\n\n"
                "A paragraph.\n{: .md-button onclick=\"alert(3)\" }\n\n"
                "`<!-- material/tags -->` and $x^2$ and \\(y\\) and [[beta-term]]\n\n"
                "```\nfenced\n\n<b>still code</b>\n```\n\n    indented\n\n    code\n\n"
                "| a | b |\n|:--|--:|\n| *x* | [[gamma-term\\|G]] |\n\nTerm\n: its meaning\n")


@pytest.mark.parametrize("finished", [True, False])
def test_a_term_page_converts_with_every_field_as_the_engine_wrote_it(write_glossary,
                                                                      finished: bool):
    """The page is Markdown for its headings only: MkDocs' Python-Markdown passes each
    field's HTML through untouched (with the engine's extension or without it), and only
    the engine's headings reach the toc."""
    sections = [{"title": "How it works", "id": "how-it-works", "body": HOSTILE_BODY},
                {"title": "Why it matters", "body": "It matters. " * 5}]
    g = glossary(write_glossary({"alpha-term": {"sections": sections}}))
    text = pipeline.emit(g, EmitOptions())["terms/alpha-term.md"]
    md = site_markdown(finished)
    html = md.convert(get_data(text)[0])
    html = html.replace(OPEN, "").replace(CLOSE, "")
    for fragment in g.html["alpha-term"].values():
        assert fragment.strip() in html
    toc = [(t["level"], t["id"]) for t in md.toc_tokens]
    assert toc == [(1, "alpha-term")]
    assert [(t["level"], t["id"]) for t in md.toc_tokens[0]["children"]] == [
        (2, "how-it-works"), (2, "why-it-matters"), (2, "related-terms"), (2, "sources"),
        (2, "cite-this-term")]
    page = BeautifulSoup(html, "html.parser")
    assert all(re.fullmatch(r"[a-z0-9-]+", e["id"]) for e in page.find_all(id=True))
    assert not [(e.name, k) for e in page.find_all(True) for k in e.attrs
                if k.startswith("on") or k == "autofocus"]
    assert [h["id"] for h in page.select("div.fg-text h4")] == [
        "how-it-works--sub-title-id-x-autofocus-onfocus-alert-1",
        "how-it-works--sub-title-id-x-autofocus-onfocus-alert-2"]
    assert "<!--" not in html and page.select_one(".md-button") is None


def page_ids(g: Glossary, slug: str) -> list[str]:
    text = pipeline.emit(g, EmitOptions())[f"terms/{slug}.md"]
    html = site_markdown().convert(get_data(text)[0])
    return [e["id"] for e in BeautifulSoup(html, "html.parser").find_all(id=True)]


def test_every_id_on_a_term_page_is_unique(write_glossary):
    body = "# Part\n\nIt works [@textbook].\n\n# Part\n\n" + "Words. " * 80
    sections = [{"title": "How", "id": "how-it-works", "body": body},
                {"title": "Why", "id": "why", "body": body}]
    g = glossary(write_glossary({"alpha-term": {"definition": body, "sections": sections}}))
    ids = page_ids(g, "alpha-term")
    assert len(ids) == len(set(ids)) and "how-it-works--part-2" in ids, ids


def test_a_section_named_definition_repeats_no_id(write_glossary):
    body = "# Part\n\n" + "Words. " * 80 + "[@textbook]"
    sections = [{"title": "Definition", "id": "definition", "body": body},
                {"title": "Why", "id": "why", "body": "It matters. " * 5}]
    g = glossary(write_glossary({"alpha-term": {"definition": body, "sections": sections}}))
    ids = page_ids(g, "alpha-term")
    assert len(ids) == len(set(ids)), ids


def write_lesson(directory: Path, **fields: object) -> None:
    data = yaml.safe_load((directory / "lessons.yaml").read_text())
    data["lessons"][0].update(fields)
    (directory / "lessons.yaml").write_text(yaml.safe_dump(data, sort_keys=False))


@pytest.mark.parametrize("char", ["\0", "\u202e", "\u200b", "\r"])
def test_a_lesson_introduction_holds_visible_characters_only(write_glossary, char):
    directory = write_glossary()
    write_lesson(directory, introduction=f"First{char} paragraph.\n\nSecond one.\n")
    problems = [p for p in pipeline.check(directory) if p.path.endswith("lessons.yaml")]
    assert [p.message.split(" (")[0] for p in problems] == [
        "lesson introduction contains " + ("a control character" if char in "\0\r"
                                           else "an invisible formatting character")], problems


def test_a_lesson_page_is_a_reading_path(write_glossary):
    directory = write_glossary({"alpha-term": {"lessons": ["ai-strategy-for-your-organisation"]},
                                "gamma-term": {"lessons": ["ai-strategy-for-your-organisation"]},
                                "beta-term": {"lessons": ["ai-strategy-for-your-organisation"]}})
    write_lesson(directory, introduction="First <paragraph>.\n\nSecond one.\n",
                 path=["gamma-term"])
    page = lessons.emit(glossary(directory), EmitOptions())[
        "lessons/ai-strategy-for-your-organisation.md"]
    assert "<p>First &lt;paragraph&gt;.</p>" in page and "<p>Second one.</p>" in page
    hrefs = [line.split('"')[1] for line in page.splitlines() if line.startswith("<li><a")]
    assert hrefs == ["../../terms/gamma-term/", "../../terms/alpha-term/",
                     "../../terms/beta-term/"]  # the path first, then the rest A-Z


def test_a_reading_path_names_terms_that_list_the_lesson(write_glossary):
    directory = write_glossary({"alpha-term": {"lessons": ["ai-strategy-for-your-organisation"]}})
    write_lesson(directory, path=["alpha-term", "beta-term", "alpa-term", "alpha-term"])
    found = [p.message for p in pipeline.check(directory)]
    assert any("'beta-term' is in the reading path" in m for m in found), found
    assert any("unknown term 'alpa-term'" in m and "alpha-term" in m for m in found), found
    assert any("listed twice" in m for m in found), found
