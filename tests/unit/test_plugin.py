"""The plugin in memory (as mkdocs-autorefs tests do): a config and files, no site built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files, get_files
from mkdocs.structure.pages import Page

from glossary_site.charts import ModelPage
from glossary_site.plugin import GlossaryPlugin, model_pages


def setup(directory: Path, command: str = "build", **options: Any
          ) -> tuple[GlossaryPlugin, MkDocsConfig]:
    project = directory.parent
    (project / "docs").mkdir(exist_ok=True)
    config = MkDocsConfig(config_file_path=str(project / "mkdocs.yml"))
    config.load_dict({"site_name": "T", "repo_url": "https://git.example.org/o/r/",
                      "edit_uri": "edit/main/docs/",
                      "plugins": [{"glossary": {"charts": False, **options}}]})
    errors, _ = config.validate()
    assert not errors, errors
    plugin = config.plugins["glossary"]
    assert isinstance(plugin, GlossaryPlugin)
    config.plugins.on_startup(command=command, dirty=False)
    config = config.plugins.on_config(config)
    return plugin, config


def on_files(config: MkDocsConfig) -> Files:
    return config.plugins.on_files(Files([]), config=config)


def test_options_are_typed_and_relative_to_mkdocs_yml(write_glossary):
    directory = write_glossary()
    plugin, _ = setup(directory)
    assert Path(plugin.config.glossary_dir) == directory
    assert Path(plugin.config.cache_dir) == directory.parent / ".cache" / "glossary"
    assert plugin.config.simulations == "flywheel_sims"
    bad = GlossaryPlugin()
    errors, _ = bad.load_config({"lesson_base_url": "not a url"})
    assert [name for name, _ in errors] == ["lesson_base_url"]


def test_term_pages_edit_their_yaml_file_through_repo_url_and_edit_uri(write_glossary):
    plugin, config = setup(write_glossary())
    files = on_files(config)
    term = files.get_file_from_path("terms/alpha-term.md")
    assert term is not None and term.edit_uri == "../glossary/alpha-term.yaml"
    page = Page(None, term, config)
    page.read_source(config)
    config.plugins.on_page_markdown(page.markdown or "", page=page, config=config, files=files)
    assert page.edit_url == "https://git.example.org/o/r/edit/main/glossary/alpha-term.yaml"
    lesson = files.get_file_from_path("lessons/index.md")
    assert lesson is not None and lesson.edit_uri is None  # generated, nothing to edit


def test_build_fails_with_the_problem_list(write_glossary):
    plugin, config = setup(write_glossary({"beta-term": {"level": "expert"}}))
    with pytest.raises(PluginError, match=r"(?s)glossary/beta-term\.yaml:\d+: .*1 problem found"):
        on_files(config)


def test_serve_keeps_going_and_every_page_lists_the_problems(write_glossary):
    directory = write_glossary(raw={"beta-term.yaml": "term: <b>x</b>\n  bad: [\n"})
    plugin, config = setup(directory, command="serve")
    files = on_files(config)
    assert files.get_file_from_path("terms/alpha-term.md") is not None
    broken = files.get_file_from_path("terms/beta-term.md")  # its URL still answers
    assert broken is not None and "has problems" in broken.content_string
    assert plugin.problems and all(str(p).startswith("glossary/") for p in plugin.problems)
    page = '<html><body><article class="md-content__inner">Hi</article>'
    html = config.plugins.on_post_page(page, page=None, config=config)  # type: ignore[arg-type]
    soup = BeautifulSoup(html, "html.parser")
    banner = soup.select_one("article #glossary-problems")
    assert banner is not None and "<b>" not in html  # listed as text, escaped
    assert [li.get_text() for li in banner.select("li")] == [str(p) for p in plugin.problems]
    sitemap = "<?xml version='1.0'?><urlset></urlset>"
    assert config.plugins.on_post_template(sitemap, template_name="sitemap.xml",
                                           config=config) == sitemap
    missing = config.plugins.on_post_template("<html><body><h1>404</h1>",
                                              template_name="404.html", config=config)
    assert "glossary-problems" in missing


def test_a_clean_serve_adds_nothing(write_glossary):
    plugin, config = setup(write_glossary(), command="serve")
    on_files(config)
    page = "<html><body><article>Hi</article></body></html>"
    assert config.plugins.on_post_page(page, page=None, config=config) == page  # type: ignore[arg-type]


def test_front_matter_keeps_characters_beyond_the_basic_plane(write_glossary):
    """Jinja's tojson wrote 🚀 as a surrogate pair, which YAML refuses: MkDocs then dropped
    the whole front matter silently (no title, tags or description; the front matter shown
    as Markdown). The engine's front matter reads back whole, and a term page without it
    fails the build instead of being published."""
    plugin, config = setup(write_glossary({"alpha-term": {
        "term": "Alpha 🚀 Term", "summary": "Launch metrics 🚀 for 𝛼 products.",
        "tags": ["testing", "rockets 🚀"]}}))
    files = on_files(config)
    term = files.get_file_from_path("terms/alpha-term.md")
    assert term is not None
    page = Page(None, term, config)
    page.read_source(config)
    assert page.meta["title"] == "Alpha 🚀 Term"
    assert page.meta["description"] == "Launch metrics 🚀 for 𝛼 products."
    assert page.meta["tags"] == ["testing", "rockets 🚀"]
    assert page.meta["glossary_term"] == "alpha-term"
    page.meta = {}  # as MkDocs leaves it when the front matter does not parse
    with pytest.raises(PluginError, match="could not read the front matter"):
        config.plugins.on_page_markdown(page.markdown or "", page=page, config=config,
                                        files=files)


# ------------------------------------------------- model pages (issue 19, point 11)


def docs_files(tmp_path: Path, directory_urls: bool) -> Files:
    docs = tmp_path / "docs"
    (docs / "simulations").mkdir(parents=True, exist_ok=True)
    (docs / "simulations" / "loop.md").write_text("# The loop {#top}\n\nText.\n")
    (docs / "simulations" / "titled.md").write_text("---\ntitle: Given title\n---\n\n# Other\n")
    (docs / "simulations" / "plain.md").write_text("No heading.\n")
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "T", "docs_dir": str(docs),
                      "use_directory_urls": directory_urls})
    errors, _ = config.validate()
    assert not errors, errors
    return get_files(config)


@pytest.mark.parametrize(("directory_urls", "urls"), [
    (True, ["simulations/loop/", "simulations/titled/", "simulations/plain/"]),
    (False, ["simulations/loop.html", "simulations/titled.html", "simulations/plain.html"])])
def test_each_chart_page_is_known_by_the_url_mkdocs_gives_it(tmp_path: Path,
                                                             directory_urls: bool,
                                                             urls: list[str]):
    files = docs_files(tmp_path, directory_urls)
    configured = {"loop": "simulations/loop.md", "titled": "simulations/titled.md",
                  "plain": "simulations/plain.md"}
    pages, problems = model_pages(configured, files, ["loop", "plain", "titled"])
    assert problems == []
    assert pages == {"loop": ModelPage(urls[0], "The loop"),
                     "titled": ModelPage(urls[1], "Given title"),
                     "plain": ModelPage(urls[2], "Plain")}


def test_an_unknown_chart_or_a_missing_page_is_a_problem(tmp_path: Path):
    files = docs_files(tmp_path, True)
    configured = {"lopo": "simulations/loop.md", "loop": "simulations/lop.md"}
    pages, problems = model_pages(configured, files, ["loop", "plateau"])
    assert pages == {}
    assert [str(p) for p in problems] == [
        "mkdocs.yml:1: glossary option chart_pages: 'lopo' is not a chart id; valid ids: "
        "loop, plateau",
        "mkdocs.yml:1: glossary option chart_pages: 'loop': no Markdown page "
        "'simulations/lop.md' in the docs folder"]
    # Without the simulations package the ids cannot be checked; the pages still are.
    assert model_pages({"lopo": "simulations/loop.md"}, files, None)[1] == []


def test_a_build_with_a_missing_chart_page_fails(write_glossary):
    plugin, config = setup(write_glossary(), chart_pages={"loop": "simulations/loop.md"})
    assert plugin.config.chart_pages == {"loop": "simulations/loop.md"}
    with pytest.raises(PluginError, match=r"chart_pages: 'loop': no Markdown page"):
        on_files(config)
