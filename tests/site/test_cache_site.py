"""The build's cache in real builds: the same site with and without it, never a stale page
after an edit, and a cache that cannot hurt (every file overwritten by garbage: the same
site, and the cache healed)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from support import ROOT, make_project, mkdocs_build

pytestmark = pytest.mark.site


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def build(config: Path, site: Path) -> None:
    result = mkdocs_build(config, site)
    assert result.returncode == 0, result.stderr


def cache_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file() and not p.is_symlink())


def stamps(cache: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(cache).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in cache_files(cache)}


def test_builds_after_edits_reuse_answers_and_equal_clean_builds(write_glossary,
                                                                 tmp_path: Path) -> None:
    directory = write_glossary()
    config = make_project(directory)
    cache = config.parent / ".cache" / "glossary"
    uncached = yaml.safe_load(config.read_text())
    uncached["plugins"][2]["glossary"]["build_cache"] = False
    uncached_config = config.with_name("mkdocs-uncached.yml")
    uncached_config.write_text(yaml.safe_dump(uncached, sort_keys=False))

    build(config, tmp_path / "first")
    assert {"terms.json", "fields.json"} <= {p.name for p in cache.iterdir()}
    assert not any(p.suffix == ".pickle" for p in cache.rglob("*"))
    before = stamps(cache)
    build(config, tmp_path / "second")
    assert files_of(tmp_path / "second") == files_of(tmp_path / "first")
    assert stamps(cache) == before  # every answer reused: nothing rewritten

    def edit(slug: str, old: str, new: str) -> None:
        term = directory / f"{slug}.yaml"
        text = term.read_text()
        assert old in text
        term.write_text(text.replace(old, new, 1))

    edits = [("beta-term", "definition: ", "definition: Another sentence here. "),
             ("alpha-term", "definition: ", "definition: Gamma Term and more. "),
             ("gamma-term", "term: Gamma Term", "term: Gamma Concept")]
    for k, (slug, old, new) in enumerate(edits):
        edit(slug, old, new)
        build(config, tmp_path / f"cached-{k}")
        build(uncached_config, tmp_path / f"clean-{k}")
        assert files_of(tmp_path / f"cached-{k}") == files_of(tmp_path / f"clean-{k}"), slug
    page = (tmp_path / "cached-2" / "terms" / "alpha-term" / "index.html").read_text()
    assert "Gamma Concept" in page

    (directory / "alpha-term.yaml").write_text(
        (directory / "alpha-term.yaml").read_text().replace("level: introductory",
                                                            "level: guru"))
    result = mkdocs_build(config, tmp_path / "broken")
    assert result.returncode != 0  # a cached answer never hides a problem
    assert "alpha-term.yaml:" in result.stderr and "level" in result.stderr


def _copy_project(target: Path) -> Path:
    """The real project (content, docs, simulations, engine config) without its cache."""
    for name in ("docs", "glossary", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    hook = "glossary_site/notebook_css.py"  # the hook stays in the package: point at it
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"- {hook}" in text
    (target / "mkdocs.yml").write_text(text.replace(f"- {hook}", f"- {ROOT / hook}"),
                                       encoding="utf-8")
    return target / "mkdocs.yml"


GARBAGE = [b"", b"\x80\x81\xfe\xff" * 64, b"{", b"[]", b'{"format": 1}', b"\x00" * 4096,
           json.dumps({"format": 1, "salt": "x", "entries": {"a": 1}}).encode()]


def test_a_cache_of_garbage_gives_the_same_site_and_is_healed(tmp_path: Path) -> None:
    """Every cache file (engine steps, charts, share images, notebooks) overwritten by
    garbage: the build succeeds, its site equals a build without a cache, and the build
    after it finds a whole cache again (it reuses it: nothing is rewritten)."""
    config = _copy_project(tmp_path / "project")
    cache = config.parent / ".cache" / "glossary"
    build(config, tmp_path / "clean")
    files = cache_files(cache)
    assert len(files) > 10
    for k, path in enumerate(files):
        path.write_bytes(GARBAGE[k % len(GARBAGE)])
    os.symlink("/etc/passwd", cache / "fields.json.link")  # a link is never followed
    build(config, tmp_path / "after-garbage")
    assert files_of(tmp_path / "after-garbage") == files_of(tmp_path / "clean")
    for name in ("terms.json", "fields.json"):
        stored = json.loads((cache / name).read_text())  # healed: whole JSON again
        assert stored["entries"]
    healed = stamps(cache)
    build(config, tmp_path / "healed")
    assert files_of(tmp_path / "healed") == files_of(tmp_path / "clean")
    assert stamps(cache) == healed
