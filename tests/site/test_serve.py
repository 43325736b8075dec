"""`mkdocs serve` with a broken term file keeps answering and shows the problems.

A real server on a free loopback port: break a file, the pages list the problem as
``path:line: message``; fix it, the term's page comes back. Every wait is bounded.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import make_project

pytestmark = pytest.mark.site

WAIT = 90.0  # seconds, at most, for a (re)build to show


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    """GET ``url``; (status, text). A server that hangs fails the test by timing out."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def wait_for(url: str, ok: Callable[[int, str], bool], what: str) -> str:
    deadline = time.monotonic() + WAIT
    status, text = 0, ""
    while time.monotonic() < deadline:
        try:
            status, text = fetch(url)
        except (urllib.error.URLError, ConnectionError):
            status, text = 0, ""
        if ok(status, text):
            return text
        time.sleep(0.5)
    raise AssertionError(f"{what}: not seen at {url} within {WAIT} s (last status {status})")


def problems(text: str) -> list[str]:
    banner = BeautifulSoup(text, "html.parser").select_one("#glossary-problems")
    return [] if banner is None else [li.get_text() for li in banner.select("li")]


@pytest.fixture
def server(write_glossary, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    directory = write_glossary()
    config = make_project(directory, strict=True)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--config-file",
                                str(config), "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=config.parent, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/", directory
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def test_serve_shows_problems_and_recovers(server: tuple[str, Path]):
    base, directory = server
    page = base + "terms/beta-term/"
    text = wait_for(page, lambda s, t: s == 200 and "Beta Term" in t, "the term page")
    assert problems(text) == []

    good = (directory / "beta-term.yaml").read_text()
    (directory / "beta-term.yaml").write_text("term: [broken\n" + good)

    text = wait_for(page, lambda s, t: bool(problems(t)), "the problem list on the term's URL")
    listed = problems(text)
    pattern = re.compile(r"glossary/beta-term\.yaml:\d+: invalid YAML.*")
    assert any(pattern.fullmatch(p) for p in listed), listed
    home = wait_for(base, lambda s, t: s == 200, "the home page")
    assert problems(home) == listed  # every page shows them
    az = [a["href"] for a in BeautifulSoup(home, "html.parser").select("article li a")]
    assert "terms/alpha-term/" in az and "terms/beta-term/" not in az  # the rest still works

    (directory / "beta-term.yaml").write_text(good)
    text = wait_for(page, lambda s, t: s == 200 and not problems(t) and "Beta Term" in t,
                    "the fixed term page")
    assert BeautifulSoup(text, "html.parser").select_one("p.fg-summary") is not None
