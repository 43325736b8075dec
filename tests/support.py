"""Helpers shared by test modules (import as ``support``; fixtures live in conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
"""The project folder."""


REAL_EDIT_URI = "https://git.example.org/org/repo/edit/main/docs/"
"""What the deploy would set as ``EDIT_URI`` (mkdocs.yml reads it from the environment)."""


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build as a subprocess (the way `make build` does).

    ``EDIT_URI`` is set as the Pages deploy sets it, so edit links are built too.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EDIT_URI": REAL_EDIT_URI}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "--config-file", str(config), "--site-dir", str(site_dir)],
                          capture_output=True, text=True, env=env, cwd=config.parent)


MKDOCS: dict[str, object] = {  # a small project around a synthetic glossary
    "site_name": "Test Glossary",
    "site_url": "https://glossary.example.org/",
    "repo_url": "https://git.example.org/org/repo/",
    "edit_uri": "edit/main/docs/",
    "theme": {"name": "material", "font": False, "features": ["content.action.edit"]},
    "plugins": ["search", "tags", {"glossary": {
        "lesson_base_url": "https://course.example.org/practitioner/",
        "charts": False}}],
    "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}],
    "nav": [{"Home": "index.md"}, {"Tags": "tags.md"}, {"Lessons": "lessons/index.md"}],
}


def make_project(directory: Path, **overrides: object) -> Path:
    """Write a small MkDocs project around a glossary folder; return its mkdocs.yml."""
    project = directory.parent
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "index.md").write_text("# Home\n\n<!-- glossary:a-z -->\n")
    (project / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n")
    config = project / "mkdocs.yml"
    config.write_text(yaml.safe_dump({**MKDOCS, **overrides}, sort_keys=False))
    return config
