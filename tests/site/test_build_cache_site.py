"""The build cache in real builds: same site with and without it, never a stale page; the
sanitiser's memo reused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from support import make_project, mkdocs_build

from glossary_site.build_cache import ENTRY
from glossary_site.clean_memo import MEMO

pytestmark = pytest.mark.site


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def summary_of(site: Path, slug: str) -> str:
    page = BeautifulSoup((site / "terms" / slug / "index.html").read_text(), "html.parser")
    lead = page.select_one("p.fg-summary")
    assert lead is not None
    return lead.get_text()


def build(config: Path, site: Path) -> None:
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr


def test_a_rebuild_reuses_the_engine_output_and_a_change_is_never_stale(
        write_glossary, tmp_path: Path) -> None:
    directory = write_glossary()
    config = make_project(directory)
    entry = config.parent / ".cache" / "glossary" / ENTRY
    memo = config.parent / ".cache" / "glossary" / MEMO

    build(config, tmp_path / "first")
    assert entry.is_file() and memo.is_file()
    stored, cleaned = entry.stat(), memo.stat()
    build(config, tmp_path / "second")
    assert entry.stat().st_ino == stored.st_ino and entry.stat().st_mtime_ns == stored.st_mtime_ns
    # The sanitiser's answers were all reused: the same pages, so the memo is not rewritten.
    assert (memo.stat().st_ino, memo.stat().st_mtime_ns) == (cleaned.st_ino, cleaned.st_mtime_ns)
    assert files_of(tmp_path / "second") == files_of(tmp_path / "first")
    # The entry names the concept graph, which the graph memo holds: without it, the graph
    # is made and drawn again.
    (entry.parent / "graph.pickle").unlink()
    build(config, tmp_path / "no-graph-memo")
    assert files_of(tmp_path / "no-graph-memo") == files_of(tmp_path / "first")
    assert (entry.parent / "graph.pickle").is_file()

    uncached = yaml.safe_load(config.read_text())
    uncached["plugins"][2]["glossary"]["build_cache"] = False
    uncached_config = config.with_name("mkdocs-uncached.yml")
    uncached_config.write_text(yaml.safe_dump(uncached, sort_keys=False))
    build(uncached_config, tmp_path / "uncached")
    assert files_of(tmp_path / "uncached") == files_of(tmp_path / "first")

    term = directory / "alpha-term.yaml"
    term.write_text(term.read_text().replace("used in tests.", "used in TESTS."))  # same size
    build(config, tmp_path / "edited")
    assert summary_of(tmp_path / "edited", "alpha-term") == "Alpha Term is a term used in TESTS."
    assert entry.stat().st_ino != stored.st_ino  # stored anew
    edited = entry.stat()

    term.write_text(term.read_text().replace("level: introductory", "level: guru"))
    result = mkdocs_build(config, tmp_path / "broken")
    assert result.returncode != 0
    assert "alpha-term.yaml:" in result.stderr and "level" in result.stderr
    assert entry.stat().st_ino == edited.st_ino  # a failed run stores nothing


def test_builds_after_edits_reuse_the_memos_and_equal_clean_builds(
        write_glossary, tmp_path: Path) -> None:
    """Each edit misses the build cache; the memos of the steps (memo.py) are reused for what
    did not change, and every site equals a build without any cache."""
    directory = write_glossary()
    config = make_project(directory)
    uncached = yaml.safe_load(config.read_text())
    uncached["plugins"][2]["glossary"]["build_cache"] = False
    uncached_config = config.with_name("mkdocs-uncached.yml")
    uncached_config.write_text(yaml.safe_dump(uncached, sort_keys=False))
    memos = config.parent / ".cache" / "glossary" / "build"
    build(config, tmp_path / "first")
    assert {p.name for p in memos.glob("*.pickle")} >= {"terms.pickle", "links.pickle",
                                                         "graph.pickle", "clean.pickle"}

    def stamp(name: str) -> tuple[int, int]:
        stat = (memos / name).stat()
        return stat.st_ino, stat.st_mtime_ns

    def edit(slug: str, old: str, new: str) -> None:
        term = directory / f"{slug}.yaml"
        text = term.read_text()
        assert old in text
        term.write_text(text.replace(old, new, 1))

    edits = [  # (file, old, new, does the concept graph change?)
        ("beta-term", "definition: ", "definition: Another sentence here. ", False),
        ("alpha-term", "definition: ", "definition: Gamma Term and more. ", False),
        ("gamma-term", "term: Gamma Term", "term: Gamma Concept", True),
    ]
    for k, (slug, old, new, graph_changes) in enumerate(edits):
        graph_before = stamp("graph.pickle")
        edit(slug, old, new)
        build(config, tmp_path / f"cached-{k}")
        build(uncached_config, tmp_path / f"clean-{k}")
        assert files_of(tmp_path / f"cached-{k}") == files_of(tmp_path / f"clean-{k}"), slug
        assert (stamp("graph.pickle") != graph_before) is graph_changes, slug
    page = (tmp_path / "cached-2" / "terms" / "alpha-term" / "index.html").read_text()
    assert "Gamma Concept" in page
