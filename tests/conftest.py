"""Shared fixtures: synthetic glossaries for unit tests, and one real build of the site."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import ROOT, mkdocs_build

FILLER = ("A flywheel gathers data from use and turns it into a better model, which in turn "
          "draws more use. ") * 12

LESSONS = {"lessons": [{"id": "ai-strategy-for-your-organisation",
                        "title": "AI Strategy for Your Organisation",
                        "level": "Practitioner", "url": "ai-strategy-for-your-organisation/"}]}


def term_data(slug: str, links: list[str], **overrides: Any) -> dict[str, Any]:
    """A valid term mapping (over 150 words, two sections, a source) with overrides."""
    name = slug.replace("-", " ").title()
    data: dict[str, Any] = {
        "term": name,
        "summary": f"{name} is a term used in tests.",
        "definition": f"{name} is defined here [@textbook]. " + FILLER,
        "level": "introductory",
        "tags": ["testing"],
        "related": links,
        "sections": [{"title": "How it works", "id": "how-it-works", "body": "It works. " * 5},
                     {"title": "Why it matters", "body": "It matters. " * 5 + "[@textbook]"}],
        "sources": [{"key": "textbook", "title": "A textbook",
                     "url": "https://example.org/book"}],
        "added": "2026-01-05",
        "reviewed": "2026-02-01",
    }
    data.update(overrides)
    return data


def ring(slugs: list[str]) -> dict[str, list[str]]:
    """Related lists that link each slug to its two neighbours (symmetric)."""
    n = len(slugs)
    return {s: sorted({slugs[(i - 1) % n], slugs[(i + 1) % n]} - {s}) for i, s in enumerate(slugs)}


WriteGlossary = Callable[..., Path]


def glossary_writer(folder: Path) -> WriteGlossary:
    """A function that writes a valid three-term glossary into ``folder/glossary``."""

    def write(overrides: dict[str, dict[str, Any]] | None = None,
              raw: dict[str, str | bytes] | None = None,
              slugs: tuple[str, ...] = ("alpha-term", "beta-term", "gamma-term")) -> Path:
        directory = folder / "glossary"
        directory.mkdir(exist_ok=True)
        (directory / "lessons.yaml").write_text(yaml.safe_dump(LESSONS, sort_keys=False))
        links = ring(list(slugs))
        for slug in slugs:
            data = term_data(slug, links[slug], **(overrides or {}).get(slug, {}))
            (directory / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
        for name, content in (raw or {}).items():
            target = directory / name
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8")
        return directory

    return write


@pytest.fixture
def write_glossary(tmp_path: Path) -> WriteGlossary:
    """Write a valid three-term glossary, with per-file overrides or raw text replacements."""
    return glossary_writer(tmp_path)


@pytest.fixture(scope="module")
def write_module_glossary(tmp_path_factory: pytest.TempPathFactory) -> WriteGlossary:
    """Like ``write_glossary``, in a folder shared by a test module (for one build each)."""
    return glossary_writer(tmp_path_factory.mktemp("module"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the real project once per session into a temporary folder; return the site dir."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site
