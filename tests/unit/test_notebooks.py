"""Notebook pages: the same on every cold build, and kept in the build's cache.

Cell ids: the cheap proof converts a real notebook script twice the way mkdocs-jupyter does
(without executing it, which only adds outputs); the raw HTML differs in its random cell
ids, the normalised HTML does not. (A full double cold build was diffed by hand.)

The cache: executed pages live in glossary_site.build.cache, not in mkdocs-jupyter's own cache,
which ended the build with a JSONDecodeError when its files were damaged (issue 18).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from support import ROOT

from glossary_site import notebooks
from glossary_site.notebooks import (
    NotebookCache,
    RenderedPage,
    resolve_links,
    stable_cell_ids,
)

NOTEBOOK = ROOT / "docs" / "notebooks" / "privacy.py"


def test_two_conversions_differ_only_in_cell_ids_which_are_made_stable():
    convert = pytest.importorskip("mkdocs_jupyter.convert")
    first, second = (convert.nb2html(str(NOTEBOOK), execute=False) for _ in range(2))
    assert first != second  # nbformat draws random cell ids
    assert stable_cell_ids(first) == stable_cell_ids(second)
    ids = re.findall(r'id="cell-id=([^"]+)"', stable_cell_ids(first))
    assert ids == [str(n) for n in range(1, len(ids) + 1)] and len(ids) > 3


def test_only_cell_ids_change():
    html = '<div id="cell-id=ab12cd34" class="x"></div><a id="cell-1"></a><p>cell-id=zz</p>'
    assert stable_cell_ids(html) == (
        '<div id="cell-id=1" class="x"></div><a id="cell-1"></a><p>cell-id=zz</p>')


@pytest.mark.parametrize(("urls", "expected"), [
    ({"terms/data-flywheel.md": "../../terms/data-flywheel/",
      "simulations/privacy.md": "../../simulations/privacy/"},
     ["../../terms/data-flywheel/#privacy", "../../simulations/privacy/"]),
    ({"terms/data-flywheel.md": "../terms/data-flywheel.html",
      "simulations/privacy.md": "../simulations/privacy.html"},
     ["../terms/data-flywheel.html#privacy", "../simulations/privacy.html"])])
def test_links_to_markdown_pages_become_their_urls(urls: dict[str, str],
                                                   expected: list[str]) -> None:
    """A notebook links pages by source path, as Markdown pages do; the page gets each
    page's URL for the site's use_directory_urls, and links to no page are reported."""
    convert = pytest.importorskip("mkdocs_jupyter.convert")
    html = convert.nb2html(str(NOTEBOOK), execute=False)
    assert 'href="../terms/data-flywheel.md#privacy"' in html  # as nbconvert writes it
    linked, unknown = resolve_links(html, "notebooks/privacy.py", urls.get)
    hrefs = re.findall(r'<a href="([^"#][^"]*)"', linked)
    assert expected[0] in hrefs and expected[1] in hrefs
    assert ".md" not in "".join(h for h in hrefs if h in expected)
    assert sorted(unknown) == ["../terms/data-minimisation.md#effect-on-flywheel",
                               "../terms/gdpr.md#measured-effects"]
    kept = ('<a href="https://example.org/a.md">x</a><a href="#local">y</a>'
            '<a href="../../outside.md">z</a>')
    assert resolve_links(kept, "notebooks/privacy.py", urls.get) == (kept, ["../../outside.md"])


# ----------------------------------------------------------------------------- the cache

TOKENS = [{"level": 1, "id": "a-notebook", "name": "A notebook", "children": [
    {"level": 2, "id": "part", "name": "Part", "children": []}]}]


class FakeJupyter:
    """mkdocs-jupyter as the hooks see it: its settings and which pages it converts."""

    def __init__(self, cache_dir: Path, cache: bool = True) -> None:
        self.config: dict[str, Any] = {"cache": cache, "cache_dir": str(cache_dir),
                                       "execute": True, "ignore_h1_titles": False}

    def should_include(self, file: Any) -> bool:
        return str(file.src_uri).endswith(".py")


def fake_build(tmp_path: Path, jupyter: FakeJupyter, glossary: bool = True
               ) -> tuple[Any, list[int]]:
    """One build of one notebook page through the hooks; return the page and the renders."""
    from mkdocs.structure.toc import get_toc

    source = tmp_path / "docs" / "notebooks" / "tiny.py"
    source.parent.mkdir(parents=True, exist_ok=True)
    if not source.exists():
        source.write_text("# %%\nprint(42)\n")
    plugins: dict[str, Any] = {"mkdocs-jupyter": jupyter}
    if glossary:
        plugins["glossary"] = SimpleNamespace(config={"cache_dir": str(tmp_path / "cache"),
                                                      "simulations": "flywheel_sims"})
    config = SimpleNamespace(plugins=plugins)
    renders: list[int] = []
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(source),
                                                src_uri="notebooks/tiny.py"),
                           content=None, toc=None, title="Tiny")

    def render(config: Any, files: Any) -> None:  # what mkdocs-jupyter's render does
        renders.append(1)
        page.content = "<div class='jupyter-wrapper'>42</div>"
        page.toc = get_toc(TOKENS)
        page.title = "A notebook"

    page.render = render
    cache = NotebookCache()
    cache.start(config)
    cache.wrap(page, config, get_toc)
    page.render(config, None)
    cache.save()
    return page, renders


def test_an_executed_page_comes_back_from_the_cache(tmp_path: Path) -> None:
    jupyter = FakeJupyter(tmp_path / "jupyter-cache")
    first, renders = fake_build(tmp_path, jupyter)
    assert renders == [1] and jupyter.config["cache"] is False  # its own cache is off
    second, renders = fake_build(tmp_path, jupyter)
    assert renders == []
    assert second.content == first.content and second.title == "A notebook"
    assert notebooks.toc_tokens(second.toc) == TOKENS
    assert (tmp_path / "cache" / "notebooks.json").is_file()
    assert not (tmp_path / "jupyter-cache").exists()


def test_a_cache_of_garbage_runs_the_notebook_again_and_heals(tmp_path: Path) -> None:
    jupyter = FakeJupyter(tmp_path / "jupyter-cache")
    first, _ = fake_build(tmp_path, jupyter)
    for path in (tmp_path / "cache").rglob("*"):
        if path.is_file():
            path.write_bytes(b"\xff\xfe{garbage")
    again, renders = fake_build(tmp_path, jupyter)
    assert renders == [1] and again.content == first.content
    _, renders = fake_build(tmp_path, jupyter)
    assert renders == []


def test_what_keys_a_page(tmp_path: Path) -> None:
    jupyter = FakeJupyter(tmp_path / "jupyter-cache")
    fake_build(tmp_path, jupyter)
    jupyter.config["execute"] = False  # a setting that shapes the page
    _, renders = fake_build(tmp_path, jupyter)
    assert renders == [1]
    jupyter.config["cache_dir"] = "elsewhere"  # one that does not
    _, renders = fake_build(tmp_path, jupyter)
    assert renders == []
    (tmp_path / "docs" / "notebooks" / "tiny.py").write_text("# %%\nprint(43)\n")
    _, renders = fake_build(tmp_path, jupyter)
    assert renders == [1]


def test_an_edit_to_the_engine_runs_the_notebooks_again(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The notebooks draw their charts with the engine (notebook_charts), so a page kept
    from before an edit to the engine's files is not served after it."""
    jupyter = FakeJupyter(tmp_path / "jupyter-cache")
    fake_build(tmp_path, jupyter)
    _, renders = fake_build(tmp_path, jupyter)
    assert renders == []
    monkeypatch.setattr(notebooks, "engine_digest", lambda: "an edited engine")
    _, renders = fake_build(tmp_path, jupyter)
    assert renders == [1]


def test_cache_false_caches_nothing_and_no_glossary_uses_jupyters_folder(
        tmp_path: Path) -> None:
    jupyter = FakeJupyter(tmp_path / "jupyter-cache", cache=False)
    for _ in range(2):
        _, renders = fake_build(tmp_path, jupyter)
        assert renders == [1]
    assert not (tmp_path / "cache").exists() and not (tmp_path / "jupyter-cache").exists()
    jupyter = FakeJupyter(tmp_path / "jupyter-cache")
    fake_build(tmp_path, jupyter, glossary=False)
    assert (tmp_path / "jupyter-cache" / "notebooks.json").is_file()


@pytest.mark.parametrize("entry", [
    {"toc": "not tokens"},
    {"toc": [{"level": "1", "id": "x", "name": "x", "children": []}]},
    {"toc": [{"level": 1, "id": "x", "name": "x"}]},
    {"toc": [{"level": 1, "id": "x", "name": "x", "children": [[]]}]},
    ["toc"],
])
def test_a_stored_page_of_the_wrong_shape_is_a_miss(entry: object) -> None:
    from glossary_site.build.cache import Cache, key

    space = Cache(None).namespace("notebooks")
    space.put(key("page"), entry)
    assert notebooks.read_page(space, key("page")) is None
    notebooks.write_page(space, key("page"), RenderedPage("<p>x</p>", TOKENS))
    assert notebooks.read_page(space, key("page")) is None  # the cache is off: no files
    assert RenderedPage("<p>x</p>", TOKENS).title == "A notebook"
    assert RenderedPage("<p>x</p>", TOKENS[0]["children"]).title is None


TINY = """\
# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A tiny notebook
#
# ## Its one part

# %%
print(6 * 7)
"""


def test_a_real_build_survives_a_cache_of_garbage(tmp_path: Path) -> None:
    """MkDocs with mkdocs-jupyter and the hook: a cache whose every file is garbage gives
    the same page (it died with a JSONDecodeError in mkdocs-jupyter's cache), and heals."""
    pytest.importorskip("mkdocs_jupyter")
    (tmp_path / "docs" / "notebooks").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "notebooks" / "tiny.py").write_text(TINY)
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump({
        "site_name": "Notebooks", "theme": {"name": "material", "font": False},
        "plugins": [{"mkdocs-jupyter": {"include": ["notebooks/*.py"], "execute": True,
                                        "cache_dir": str(tmp_path / "cache")}}],
        "hooks": [str(ROOT / "glossary_site" / "notebook_css.py")]}))

    def build() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d",
             str(tmp_path / "site")], capture_output=True, text=True, cwd=tmp_path,
            env={"NO_MKDOCS_2_WARNING": "1", "PATH": str(Path(sys.executable).parent),
                 "PYTHONPATH": str(ROOT)})
        assert result.returncode == 0, result.stderr
        page = (tmp_path / "site" / "notebooks" / "tiny" / "index.html").read_text()
        return re.sub(r'id="cell-id=[^"]+"', "", page), result.stderr

    first, log = build()
    assert "42" in first and "<title>A tiny notebook" in first
    assert 'href="#its-one-part"' in first  # the contents came through
    files = [path for path in (tmp_path / "cache").rglob("*") if path.is_file()]
    assert sorted(path.name for path in files if path.suffix == ".json") == ["notebooks.json"]
    for path in files:
        path.write_bytes(b"\x80\xff{not json")
    again, _ = build()
    assert again == first
    index = tmp_path / "cache" / "notebooks.json"
    assert index.read_text().startswith('{"mac":')  # healed: signed again
    os.utime(index, ns=(0, 0))
    third, _ = build()
    assert third == first and index.stat().st_mtime_ns == 0  # a hit: nothing rewritten
