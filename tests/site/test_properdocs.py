"""ProperDocs, the maintained fork of MkDocs 1.x, builds the real site byte for byte as MkDocs
does (issue 18): the same files, the same bytes, but for the generator tag that names it.

ProperDocs reads the same ``mkdocs.yml`` and loads plugins and themes from the same
``mkdocs.plugins`` / ``mkdocs.themes`` entry points (Material, mkdocs-jupyter, ours); its CLI
aliases every ``mkdocs.*`` import to ``properdocs.*``, so the plugin's MkDocs 1.x imports get
ProperDocs' classes. Both packages live in one venv: ``mkdocs`` runs MkDocs, ``properdocs``
runs ProperDocs.

The MkDocs side is the session's real build (``built_site``). The ProperDocs build shares the
project's ``.cache/glossary`` with it, as every real build does (engine output, charts and
executed notebooks are reused; a cold build takes about 20 s on its own, a warm one 3 s).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from support import REAL_EDIT_URI, ROOT

pytestmark = pytest.mark.site

# The one legitimate difference: Material's base.html writes
# <meta name="generator" content="mkdocs-{{ mkdocs_version }}, mkdocs-material-…">, and
# ProperDocs sets mkdocs_version to "ProperDocs <version>" (properdocs/commands/build.py,
# get_context) where MkDocs sets its bare version. Only that value may differ, once a page.
MKDOCS_GENERATOR = f'<meta name="generator" content="mkdocs-{version("mkdocs")}, '.encode()
PROPERDOCS_GENERATOR = (
    f'<meta name="generator" content="mkdocs-ProperDocs {version("properdocs")}, '.encode())


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(expected: bytes, actual: bytes) -> str:
    """Where two files part, with a little context (MkDocs' bytes, then ProperDocs')."""
    at = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
              min(len(expected), len(actual)))
    start = max(at - 60, 0)
    return f"byte {at}: {expected[start:at + 60]!r} != {actual[start:at + 60]!r}"


def build_date_of(site: Path) -> int:
    """The build date (a day's start, seconds since the epoch) that MkDocs stamped on ``site``:
    the MTIME of sitemap.xml.gz's gzip header (``get_build_timestamp`` of the pages)."""
    header = (site / "sitemap.xml.gz").read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b", "sitemap.xml.gz is not gzip"
    return int.from_bytes(header[4:8], "little")


def properdocs_build(config: Path, site_dir: Path, build_date: int
                     ) -> subprocess.CompletedProcess[str]:
    """Run a strict ProperDocs build as ``support.mkdocs_build`` runs MkDocs (same environment).

    The build date is an input of both generators (sitemap.xml's <lastmod>, sitemap.xml.gz's
    gzip MTIME: the build day in UTC); the session's MkDocs build may have run on the day
    before, so ProperDocs gets the same day through SOURCE_DATE_EPOCH, which both honour.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EDIT_URI": REAL_EDIT_URI,
           "SOURCE_DATE_EPOCH": str(build_date)}
    return subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict",
                           "--config-file", str(config), "--site-dir", str(site_dir)],
                          capture_output=True, text=True, env=env, cwd=config.parent)


@pytest.fixture(scope="module")
def properdocs_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once by ProperDocs, on the MkDocs build's day."""
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = properdocs_build(ROOT / "mkdocs.yml", site, build_date_of(built_site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_properdocs_builds_the_same_files(built_site: Path, properdocs_site: Path) -> None:
    assert sorted(files_of(properdocs_site)) == sorted(files_of(built_site))


def test_every_file_is_byte_identical_but_the_generator_tag(
        built_site: Path, properdocs_site: Path) -> None:
    made_by_mkdocs, made_by_properdocs = files_of(built_site), files_of(properdocs_site)
    tagged = 0
    different = []
    for path, content in made_by_mkdocs.items():
        count = content.count(MKDOCS_GENERATOR)
        assert count <= 1, f"{path}: {count} generator tags"
        tagged += count
        expected = content.replace(MKDOCS_GENERATOR, PROPERDOCS_GENERATOR)
        actual = made_by_properdocs.get(path, b"")
        if actual != expected:
            different.append(f"{path}: {first_difference(expected, actual)}")
    assert different == []
    # Every page (Material's base.html) carries the tag, so every page was compared with the
    # tag swapped: the ProperDocs side really was built by ProperDocs.
    assert tagged == sum(path.endswith(".html") for path in made_by_mkdocs) > 0


def test_the_sitemaps_carry_the_same_build_day(built_site: Path, properdocs_site: Path) -> None:
    """The build day is compared, not excluded: it is in sitemap.xml.gz's header (and in
    sitemap.xml's <lastmod> when SITE_URL is set), which the comparison above saw."""
    assert build_date_of(properdocs_site) == build_date_of(built_site)
    sitemap = gzip.decompress((properdocs_site / "sitemap.xml.gz").read_bytes())
    assert sitemap == (properdocs_site / "sitemap.xml").read_bytes()
