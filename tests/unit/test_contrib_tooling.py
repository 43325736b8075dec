"""Workflows pass actionlint; the pre-commit hooks pass on a clean copy of the project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    # shellcheck and pyflakes integrations off: the result must not depend on what else
    # happens to be installed on the machine.
    return subprocess.run([str(BIN / "actionlint"), "-no-color", "-shellcheck=", "-pyflakes=",
                           *map(str, paths)], capture_output=True, text=True, cwd=ROOT)


def test_workflows_pass_actionlint():
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "pr.yml"]
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    text = (ROOT / ".github/workflows/deploy.yml").read_text()
    bad.write_text(text.replace("needs: build", "needs: biuld"))
    result = actionlint(bad)
    assert result.returncode == 1
    assert "biuld" in result.stdout


def load(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> str:
    return "\n".join(str(s.get("run", "")) + str(s.get("uses", "")) for s in job["steps"])


def test_pull_request_workflow_checks_tests_and_builds():
    flow = load("pr.yml")
    assert "pull_request" in flow["on"]
    job = flow["jobs"]["check"]
    text = steps(job)
    assert "glossary check --format github --all glossary" in text
    assert "apt-get install" in text and "chromium" in text
    assert "make test" in text and "make build" in text
    # `make test` runs `npm ci` (axe-core): the python image has no Node.js of its own.
    assert text.index("actions/setup-node@") < text.index("make test")
    assert job["env"]["CI"] == "true"  # browser tests fail rather than skip


def test_deploy_workflow_publishes_to_pages_from_main():
    flow = load("deploy.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"]["group"] == "pages"
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert "actions/upload-pages-artifact@" in steps(build) and "make build" in steps(build)
    assert "actions/deploy-pages@" in steps(deploy)
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    # The cache folder (pickles) is restored only here, from main's own earlier deploys.
    cache = next(s for s in build["steps"] if str(s.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/glossary"
    assert build["steps"].index(cache) < next(i for i, s in enumerate(build["steps"])
                                              if "make build" in str(s.get("run", "")))
    assert not any(str(t).startswith("pull_request_target") for f in WORKFLOWS
                   for t in load(f.name)["on"])


def hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert [r["repo"] for r in config["repos"]] == ["local"]
    return config["repos"][0]["hooks"]


def test_pre_commit_hooks_are_local_system_tools():
    by_id = {h["id"]: h for h in hooks()}
    assert set(by_id) >= {"glossary-check", "ruff"}
    for hook in by_id.values():
        assert hook["language"] == "system"
        assert hook["entry"].startswith(".venv/bin/")
    check = by_id["glossary-check"]
    assert check["entry"] == ".venv/bin/glossary check" and check["pass_filenames"] is True
    assert check["files"] == r"^glossary/.*\.yaml$"


def clean_copy(tmp_path: Path) -> Path:
    """The project's tracked and new (not ignored) files in a fresh git repository."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, text=True, cwd=ROOT,
                            check=True).stdout.split("\0")
    copy = tmp_path / "clone"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", *args], cwd=copy, check=True, capture_output=True)
    return copy


def test_pre_commit_passes_on_a_clean_copy_offline(tmp_path):
    copy = clean_copy(tmp_path)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "NO_PROXY": "*", "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    result = subprocess.run([str(BIN / "pre-commit"), "run", "--all-files", "--color=never"],
                            capture_output=True, text=True, cwd=copy, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "glossary check" in result.stdout and "Passed" in result.stdout

    bad = copy / "glossary" / "feedback-loop.yaml"
    bad.write_text(bad.read_text().replace("level:", "levle:", 1))
    subprocess.run(["git", "add", "-A"], cwd=copy, check=True)
    result = subprocess.run([str(BIN / "pre-commit"), "run", "--all-files", "--color=never"],
                            capture_output=True, text=True, cwd=copy, env=env)
    assert result.returncode == 1
    assert "glossary/feedback-loop.yaml" in result.stdout and "levle" in result.stdout
