"""`glossary check` run as a subprocess, the way a contributor runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_check(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "glossary_site.cli", "check", str(directory)],
                          capture_output=True, text=True, cwd=directory.parent)


def test_clean_glossary_exits_zero(write_glossary):
    result = run_check(write_glossary())
    assert result.returncode == 0, result.stdout
    assert "3 terms, no problems" in result.stdout


def test_problems_exit_one_with_path_and_line(write_glossary):
    directory = write_glossary({"alpha-term": {"related": ["beta-term", "gama-term"]}},
                               raw={"empty-term.yaml": ""})
    result = run_check(directory)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "glossary/empty-term.yaml:1: file is empty" in lines
    assert any(line.startswith("glossary/alpha-term.yaml:") and "did you mean 'gamma-term'" in line
               for line in lines), lines
    assert lines[-1].endswith("problems found.")
    assert "Traceback" not in result.stderr


def test_missing_directory_is_a_problem(tmp_path: Path):
    result = run_check(tmp_path / "nowhere")
    assert result.returncode == 1
    assert "glossary directory not found" in result.stdout


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "glossary"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "check" in result.stdout


def test_the_engine_does_not_import_mkdocs(write_glossary):
    directory = write_glossary()
    code = ("import sys; from pathlib import Path\n"
            "from glossary_site.build.pipeline import load_glossary\n"
            "from glossary_site.build.pipeline import emit, EmitOptions\n"
            "from glossary_site.emit import ChartSettings\n"
            "from glossary_site.build.cache import Cache\n"
            "import glossary_site.charts, glossary_site.cli, glossary_site.notebooks\n"
            "import glossary_site.emit.problem_pages\n"
            f"emit(load_glossary(Path({str(directory)!r})),\n"
            f"     EmitOptions(charts=ChartSettings(Cache(Path({str(directory / 'cache')!r})))))\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
