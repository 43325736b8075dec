"""`make build`: a failed build keeps the last good site and leaves no site.new/; a second
build started meanwhile waits for the lock of the first."""

from __future__ import annotations

import fcntl
import subprocess
import time
from pathlib import Path

import pytest
from support import ROOT, make_project

pytestmark = pytest.mark.site


def test_failed_make_build_keeps_the_previous_site(write_glossary, tmp_path: Path):
    directory = write_glossary()
    config = make_project(directory)
    site = tmp_path / "out"

    def make_build() -> subprocess.CompletedProcess[str]:
        return subprocess.run(["make", "-s", "build", f"CONFIG={config}", f"SITE={site}"],
                              cwd=ROOT, capture_output=True, text=True)

    first = make_build()
    assert first.returncode == 0, first.stdout + first.stderr
    before = (site / "index.html").read_text()
    (directory / "beta-term.yaml").write_text("term: [broken\n")
    second = make_build()
    assert second.returncode != 0
    assert "glossary/beta-term.yaml:" in second.stdout + second.stderr
    assert (site / "index.html").read_text() == before
    assert not (tmp_path / "out.new").exists(), "a failed build left site.new/ behind"


def test_a_second_make_build_waits_for_the_first(write_glossary, tmp_path: Path):
    config = make_project(write_glossary())
    site = tmp_path / "out"
    with open(tmp_path / "out.lock", "w") as lock:  # as a first build holds it
        fcntl.flock(lock, fcntl.LOCK_EX)
        second = subprocess.Popen(["make", "-s", "build", f"CONFIG={config}", f"SITE={site}"],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True)
        assert second.stdout is not None
        first_line = second.stdout.readline()  # blocks until make says something (bounded below)
        assert "another build of" in first_line and "waiting" in first_line, first_line
        time.sleep(0.5)
        assert second.poll() is None and not site.exists(), "it did not wait for the lock"
        fcntl.flock(lock, fcntl.LOCK_UN)
    output, _ = second.communicate(timeout=120)
    assert second.returncode == 0, output
    assert (site / "index.html").is_file() and not (tmp_path / "out.new").exists()
