"""Benchmark: where a first build's CPU goes, for the glossary and its twin (``twin.py``).

Writes the same two N-term projects as ``twin.py`` in a temporary folder and makes a first
build of each (no site or cache folder) in a fresh process, ``--rounds`` times, alternating.
Inside the process, the CPU time (``time.process_time``: user + system, every thread) of a
few phases is summed:

* **Material search parser**: ``SearchIndex.add_entry_from_context`` (for the glossary also
  the wrapper that keeps the entries, :func:`glossary_site.emit.search.keep_entries`);
* **Python-Markdown**: ``Page.render``, each page's Markdown to HTML;
* **theme (Jinja)**: every ``jinja2.Template.render``, the theme's pages and the engine's own
  templates alike (the engine's are also inside the glossary hooks below);
* **glossary on_files**: the engine's load, check, link, render and emitters;
* **glossary on_page_markdown**: each term page's local graph and sharing data;
* **other glossary hooks**: ``on_page_content``, ``on_post_page``, ``on_post_build``;
* **rest**: the build minus the phases above (reading files, MkDocs' own work, plugins
  not listed, writing the site); imports before the build starts are not counted.

Phases may nest (a Jinja render inside a glossary hook counts in both), so the rows do not
add up to the total. Figures are medians over the rounds; the last column is the glossary's
minus the twin's. The builds may not open network connections.

    python benchmarks/phases.py [--terms 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from twin import fresh, write_project

PHASES = ("Material search parser", "Python-Markdown", "theme (Jinja)", "glossary on_files",
          "glossary on_page_markdown", "other glossary hooks", "rest", "total")

CHILD = """
import functools, json, socket, sys, time

def refuse(*args, **kwargs):
    raise OSError("benchmarks/phases.py: no network access during the benchmark")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse

import jinja2
import material.plugins.search.plugin as search
import mkdocs.structure.pages as pages
from mkdocs.commands.build import build
from mkdocs.config import load_config

spent = {}

def timed(owner, name, phase):
    method = getattr(owner, name)

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            spent[phase] = spent.get(phase, 0.0) + time.process_time() - start

    setattr(owner, name, wrapper)

timed(search.SearchIndex, "add_entry_from_context", "Material search parser")
timed(pages.Page, "render", "Python-Markdown")
timed(jinja2.Template, "render", "theme (Jinja)")
try:
    from glossary_site.plugin import GlossaryPlugin
except ImportError:
    GlossaryPlugin = None
if GlossaryPlugin is not None:
    timed(GlossaryPlugin, "on_files", "glossary on_files")
    timed(GlossaryPlugin, "on_page_markdown", "glossary on_page_markdown")
    for hook in ("on_page_content", "on_post_page", "on_post_build"):
        timed(GlossaryPlugin, hook, "other glossary hooks")
config = load_config(sys.argv[1], strict=True)
start = time.process_time()
build(config)
spent["total"] = time.process_time() - start
print(json.dumps(spent))
"""


def phases(config: Path) -> dict[str, float]:
    """CPU seconds of each phase of one first build of ``config``'s project."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(fresh(config))], cwd=config.parent,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode:
        sys.exit(f"build of {config} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    spent: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    listed = ("Material search parser", "Python-Markdown", "glossary on_files",
              "glossary on_page_markdown", "other glossary hooks")  # not nested in each other
    spent["rest"] = spent["total"] - sum(spent.get(p, 0.0) for p in listed)
    return spent


def main() -> None:
    """Build both projects, round by round, and print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--terms", type=int, default=1000, help="synthetic terms (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of builds (default 3)")
    args = parser.parse_args()
    if args.terms < 5 or args.rounds < 1:
        parser.error("--terms must be at least 5, --rounds at least 1")
    with tempfile.TemporaryDirectory(prefix="phases-bench-") as tmp:
        configs = {side: write_project(Path(tmp) / side, args.terms, glossary=side == "glossary")
                   for side in ("glossary", "twin")}
        for config in configs.values():  # untimed: the disk cache
            phases(config)
        runs: dict[str, list[dict[str, float]]] = {side: [] for side in configs}
        for _ in range(args.rounds):
            for side, config in configs.items():
                runs[side].append(phases(config))
    print(f"{args.terms} terms, first build, {args.rounds} round(s); CPU seconds in the "
          "build process (imports before it excluded), median over rounds\n")
    print(f"{'phase':<28} {'twin':>7} {'glossary':>9} {'difference':>11}")
    for phase in PHASES:
        twin, glossary = (statistics.median(r.get(phase, 0.0) for r in runs[side])
                          for side in ("twin", "glossary"))
        print(f"{phase:<28} {twin:>7.2f} {glossary:>9.2f} {glossary - twin:>+11.2f}")


if __name__ == "__main__":
    main()
