"""Helpers shared by test modules (import as ``support``; fixtures live in conftest.py)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from glossary_site.render.parser import parse
from glossary_site.render.rules import MarkdownReport, check_tokens, too_costly

ROOT = Path(__file__).resolve().parent.parent
"""The project folder."""


NOTEBOOKS = sorted(p.stem for p in (ROOT / "docs" / "notebooks").glob("*.py"))
"""Names of the notebook pages (``docs/notebooks/<name>.py`` → ``notebooks/<name>/``)."""


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


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder without logging every request."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def serve_folder(directory: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler
                 ) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) from a thread; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def require(path: Path, reason: str) -> Path:
    """``path`` if it exists; else skip the test, or fail it in CI (``CI=true``)."""
    import pytest

    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def markdown_problems(text: str) -> MarkdownReport:
    """Parse and check one Markdown field (for tests that do not render it)."""
    if costly := too_costly(text):
        report = MarkdownReport()
        report.add(*costly)
        return report
    return check_tokens(*parse(text))
