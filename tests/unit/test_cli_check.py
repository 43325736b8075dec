"""`glossary check` options, run as a subprocess: GitHub annotations, the cap, given files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from payloads import REFUSED_FILES, write_hostile_glossary, write_refused_files

from glossary_site.cli import github_annotation
from glossary_site.content.problems import SHOWN_MAX, Problem


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glossary_site.cli", "check", *args],
                          capture_output=True, text=True, cwd=cwd)


def test_github_format_prints_error_annotations(write_glossary):
    directory = write_glossary({"alpha-term": {"related": ["beta-term", "gamma-term",
                                                           "gama-term"]},
                                "beta-term": {"level": "100%"}},
                               raw={"a,b:c.yaml": "term: X\n"})
    result = run(directory.parent, "--format", "github", "glossary")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert "::error file=glossary/a%2Cb%3Ac.yaml,line=1::bad file name: the slug must be " \
           "lowercase letters, digits and single hyphens; e.g. 'a-b-c.yaml'" in lines
    level = next(line for line in lines if "'level' must be one of" in line)
    assert level.startswith("::error file=glossary/beta-term.yaml,line=")
    assert "(got '100%25')" in level and "100%'" not in level
    related = next(line for line in lines if "gama-term" in line)
    assert related.startswith("::error file=glossary/alpha-term.yaml,line=")
    assert lines[-1] == "3 problems found."


@pytest.mark.parametrize(("message", "expected"), [
    ("50% done", "50%25 done"),
    ("a\r\nb", "a\\r\\nb"),  # never a second line: control characters are shown as escapes
    ("key: value, more", "key: value, more"),
])
def test_github_annotation_escapes_the_message(message, expected):
    line = github_annotation(Problem("glossary/x.yaml", 3, message))
    assert line == f"::error file=glossary/x.yaml,line=3::{expected}"


def test_github_annotation_escapes_properties():
    line = github_annotation(Problem("dir,1/a:b%.yaml", 1, "m"))
    assert line == "::error file=dir%2C1/a%3Ab%25.yaml,line=1::m"


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_output_is_capped_unless_all(write_glossary, fmt):
    count = SHOWN_MAX + 37
    directory = write_glossary(raw={f"empty-{i:03d}.yaml": "" for i in range(count)})
    capped = run(directory.parent, "--format", fmt, "glossary").stdout.splitlines()
    assert len(capped) == SHOWN_MAX + 2
    assert capped[-2] == "... and 37 more (--all lists every problem)"
    assert capped[-1] == f"{count} problems found."
    everything = run(directory.parent, "--format", fmt, "--all", "glossary").stdout.splitlines()
    assert len(everything) == count + 1 and everything[-1] == f"{count} problems found."
    assert everything[:SHOWN_MAX] == capped[:SHOWN_MAX]


def test_given_files_are_checked_with_the_folder_as_context(write_glossary):
    directory = write_glossary({"alpha-term": {"related": ["beta-term", "gamma-term",
                                                           "gama-term"]},
                                "beta-term": {"level": "expert"}})
    result = run(directory.parent, "glossary/alpha-term.yaml")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith("glossary/alpha-term.yaml:") for line in lines[:-1]), lines
    assert any("unknown related term 'gama-term' (did you mean 'gamma-term'?)" in line
               for line in lines)  # the suggestion comes from the other files
    assert lines[-1] == "1 problem found."
    clean = run(directory.parent, "glossary/gamma-term.yaml")
    assert clean.returncode == 0, clean.stdout
    assert clean.stdout == "glossary/gamma-term.yaml: 1 term, no problems.\n"


def test_given_files_and_folder_together(write_glossary):
    directory = write_glossary({"beta-term": {"level": "expert"}})
    result = run(directory.parent, "glossary/alpha-term.yaml", "glossary")
    assert result.returncode == 1
    assert any(line.startswith("glossary/beta-term.yaml:") for line in result.stdout.splitlines())


def test_given_symlink_and_missing_file(write_glossary):
    directory = write_glossary()
    (directory / "link-term.yaml").symlink_to("/dev/zero")
    result = run(directory.parent, "glossary/link-term.yaml", "glossary/missing-term.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "glossary/link-term.yaml:1: is a symbolic link; content files must be regular files "
        "inside the glossary folder",
        "glossary/missing-term.yaml:1: file not found",
        "2 problems found."]


def test_default_folder_is_glossary(write_glossary):
    directory = write_glossary()
    result = run(directory.parent)
    assert result.returncode == 0
    assert result.stdout == "glossary: 3 terms, no problems.\n"


def test_refused_payload_files_in_one_run(tmp_path: Path):
    """Every whole-file payload of tests/payloads.py in one folder, beside the hostile
    glossary: ``glossary check`` ends normally (no traceback) with one ``path:line`` problem
    per payload file, each at its line (what they cost: benchmarks/hostile.py)."""
    directory = tmp_path / "glossary"
    write_hostile_glossary(directory)
    clean = run(tmp_path, "glossary")
    assert clean.returncode == 0, clean.stdout
    write_refused_files(directory)
    result = run(tmp_path, "--all", "glossary")
    assert result.returncode == 1 and result.stderr == "", result.stderr[-2000:]
    expected = []
    for stem, text, needle in REFUSED_FILES:
        line = next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)
        expected.append(f"glossary/{stem}.yaml:{line}")
    lines = result.stdout.splitlines()
    assert sorted(ln.split(": ", 1)[0] for ln in lines[:-1]) == sorted(expected), lines
    assert lines[-1] == f"{len(REFUSED_FILES)} problems found."
    assert all(len(ln) < 300 for ln in lines)


def test_real_glossary_with_a_refused_file_is_refused_quickly(tmp_path: Path):
    """The measurements of issue 18, on a copy of the real glossary: 4,000 aliases took
    check 14 s; a 5,000-character name ended it in a RecursionError."""
    root = Path(__file__).resolve().parents[2] / "glossary"
    directory = tmp_path / "glossary"
    shutil.copytree(root, directory)
    texts = {stem: text for stem, text, _ in REFUSED_FILES}
    for stem in ("many-aliases", "many-tags", "long-name", "tag-binary", "hex-key"):
        (directory / f"{stem}.yaml").write_text(texts[stem].replace("term-00", "data-flywheel")
                                                .replace("term-01", "network-effects"))
    result = run(tmp_path, "glossary")
    assert result.returncode == 1 and result.stderr == "", result.stderr[-2000:]
    assert result.stdout.splitlines()[-1] == "5 problems found.", result.stdout
