"""Benchmark: build CPU time of the glossary against its "twin" in plain Material for MkDocs.

For N synthetic terms (``synthetic.py``) it writes
two projects in a temporary folder:

* **glossary**: ``glossary/<slug>.yaml`` built by the ``glossary`` plugin, with
  ``charts: false`` (the synthetic terms name no chart either) and no ``chart_pages`` (the
  simulation pages are not copied), and the build cache on (the default ``.cache/glossary``);
* **twin**: the same terms as the Markdown pages a person would write for plain Material,
  ``docs/terms/<slug>.md``: ``tags`` front matter (for the tags plugin), ``# Name``, the
  summary paragraph, the definition, each section as ``## Title`` and its body, a
  ``## Related terms`` list of links ``[Name](other.md)`` and ``## Sources`` as a numbered
  list of ``[title](url)``; ``[[slug]]`` becomes ``[Name](slug.md)`` and
  ``[[slug|label]]`` becomes ``[label](slug.md)``. Nothing else: no lesson call-outs, no
  links on plain mentions of other terms, no A-Z, graph, ``terms.json`` or preview cards,
  which are the glossary's work.

Both use the project's own ``mkdocs.yml``: its theme (with ``overrides/``),
``markdown_extensions``, ``validation`` and the ``search`` and ``tags``
plugins; the twin has no glossary plugin (it links a copy of the engine's base stylesheet,
``glossary_site/assets/glossary.css``), neither has ``mkdocs-jupyter``, the notebook
hook or the simulations and notebooks in the nav. Both have the same minimal
``docs/index.md`` and the project's ``docs/tags.md``; the nav is Home and Tags, and the
glossary's also Lessons and Graph, which only it generates. Term pages are in no nav.

Each round measures, with a fresh ``mkdocs build --strict`` process per build, the CPU time
(user + system, ``getrusage(RUSAGE_CHILDREN)``) of the whole process, imports included:

* **first build**: no site folder and no cache folder;
* **unchanged**: built again, nothing changed (the glossary's build cache is present);
* **one edit**: built again after one sentence of one term changed (the glossary's YAML
  file, the twin's Markdown page: the same sentence).

MkDocs has no cache, so the twin's three are three full builds. The marginal cost of the
terms is each build minus the same build, in the same round, of the same configuration with
4 terms, the smallest synthetic glossary the plugin builds (it refuses one without terms
and terms with fewer than two related terms; with 3, a synthetic term would link itself):
the cost of N - 4 terms. Both tables are printed, and the 4-term builds too (they carry the
fixed cost: Python, imports, theme, the glossary plugin's setup). Figures are medians over
the rounds; ratios are glossary/twin, computed round by round (a round's builds run back
to back, which shrugs off slow swings in a shared machine's load) and given as median and
range. One untimed build of each project comes first. The build processes may not open network
connections (they fail if they try); the temporary folder is removed at the end.

    python benchmarks/twin.py [--terms 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load
from synthetic import edit_sentence, slug, synthetic_term, write_term_files

ROOT = Path(__file__).resolve().parent.parent
"""The project whose ``mkdocs.yml``, ``overrides/`` and ``docs/`` the benchmark copies."""

INDEX = "# Home\n\nA benchmark site.\n"

CHILD = """
import socket, sys

def refuse(*args, **kwargs):
    raise OSError("benchmarks/twin.py: no network access during the benchmark")

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse

from mkdocs.__main__ import cli

cli(["build", "--strict", "--quiet", "--config-file", sys.argv[1]], prog_name="mkdocs")
"""
"""What each build process runs: ``mkdocs build``, with outgoing connections refused."""

LINK = re.compile(r"\[\[([a-z0-9-]+)(?:\|([^\]]+))?\]\]")
"""A glossary link ``[[slug]]`` or ``[[slug|label]]``."""

KINDS = (("first", "first build"), ("unchanged", "unchanged"), ("edited", "one edit"))

TWIN_CSS = "stylesheets/glossary.css"
"""The twin's stylesheet: a copy of the engine's own base styles (summary, term lists)."""

BASE_TERMS = 4
"""Terms of the baseline projects, whose builds are subtracted for the marginal cost."""


def twin_page(term: dict[str, Any], names: dict[str, str]) -> str:
    """The Markdown page a person would write for ``term``; ``names`` maps slugs to names."""

    def links(text: str) -> str:
        return LINK.sub(lambda m: f"[{m[2] or names[m[1]]}]({m[1]}.md)", text)

    lines = ["---", "tags:", *(f"  - {tag}" for tag in term["tags"]), "---", "",
             f"# {term['term']}", "", term["summary"], "", links(term["definition"])]
    for section in term["sections"]:
        lines += ["", f"## {section['title']}", "", links(section["body"])]
    lines += ["", "## Related terms", ""]
    lines += [f"- [{names[other]}]({other}.md)" for other in term["related"]]
    lines += ["", "## Sources", ""]
    lines += [f"{k}. [{source['title']}]({source['url']})"
              for k, source in enumerate(term["sources"], 1)]
    return "\n".join(lines) + "\n"


def write_twin_terms(docs: Path, n: int) -> None:
    """Write the ``n`` synthetic terms as ``docs/terms/<slug>.md``."""
    terms = [synthetic_term(i, n) for i in range(n)]
    names = {slug(i): str(term["term"]) for i, term in enumerate(terms)}
    folder = docs / "terms"
    folder.mkdir()
    for i, term in enumerate(terms):
        (folder / f"{slug(i)}.md").write_text(twin_page(term, names))


def write_config(root: Path, *, glossary: bool) -> Path:
    """Write ``root/mkdocs.yml`` from the project's: its theme, extensions, CSS, validation,
    ``search`` and ``tags``; the glossary plugin (charts off) only if asked."""
    project = yaml_load((ROOT / "mkdocs.yml").read_text())
    plugins: list[Any] = []
    for plugin in project["plugins"]:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in ("search", "tags"):
            plugins.append(plugin)
        elif name == "glossary" and glossary:
            # No charts, so no chart model pages (the simulation pages are not copied).
            options = {k: v for k, v in plugin["glossary"].items() if k != "chart_pages"}
            plugins.append({"glossary": {**options, "charts": False,
                                         "cache_dir": ".cache/glossary"}})
    nav: list[dict[str, str]] = [{"Home": "index.md"}, {"Tags": "tags.md"}]
    if glossary:
        nav += [{"Lessons": "lessons/index.md"}, {"Graph": "graph.md"}]
    config = {key: project[key] for key in ("site_name", "site_description", "theme",
                                            "markdown_extensions", "validation")}
    if not glossary:  # the plugin links the engine's stylesheet; the twin has its own copy
        config["extra_css"] = [TWIN_CSS]
    config |= {"docs_dir": "docs", "edit_uri": "", "strict": True, "use_directory_urls": True,
               "plugins": plugins, "nav": nav}
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def write_project(root: Path, n: int, *, glossary: bool) -> Path:
    """A project of ``n`` terms, glossary or twin; returns its ``mkdocs.yml``."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(INDEX)
    shutil.copy(ROOT / "docs" / "tags.md", docs / "tags.md")
    if not glossary:
        (docs / TWIN_CSS).parent.mkdir(parents=True)
        shutil.copy(ROOT / "glossary_site" / "assets" / "glossary.css", docs / TWIN_CSS)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    if glossary:
        write_term_files(root / "glossary", n)
    elif n:
        write_twin_terms(docs, n)
    return write_config(root, glossary=glossary)


def build_cpu(config: Path) -> float:
    """CPU seconds (user + system) of one ``mkdocs build`` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run([sys.executable, "-c", CHILD, str(config)], cwd=config.parent,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"build of {config} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def fresh(config: Path) -> Path:
    """Remove the site and cache folders of ``config``'s project; returns ``config``."""
    for folder in ("site", ".cache"):
        shutil.rmtree(config.parent / folder, ignore_errors=True)
    return config


Runs = dict[str, list[float]]


def measure(n: int, rounds: int) -> Runs:
    """CPU seconds of every build, round by round.

    Keys: ``<side>_<kind>`` with side ``g`` (glossary), ``t`` (twin), ``gb`` and ``tb``
    (the same with :data:`BASE_TERMS` terms) and kind ``first``, ``unchanged``, ``edited``.
    """
    with tempfile.TemporaryDirectory(prefix="twin-bench-") as tmp:
        base = Path(tmp)
        configs = {side: write_project(base / side, terms, glossary=side.startswith("g"))
                   for side, terms in (("g", n), ("t", n), ("gb", BASE_TERMS),
                                       ("tb", BASE_TERMS))}
        edits = {side: base / side / ("glossary" if side.startswith("g") else "docs/terms")
                 / f"{slug(0)}{'.yaml' if side.startswith('g') else '.md'}" for side in configs}
        for config in configs.values():  # untimed: byte-compiled imports, the disk cache
            build_cpu(fresh(config))
        runs: Runs = {}

        def timed(side: str, kind: str, config: Path) -> None:
            runs.setdefault(f"{side}_{kind}", []).append(build_cpu(config))

        sides = ("gb", "tb", "g", "t")  # each glossary build right before its twin's
        for _ in range(rounds):
            for side in sides:
                timed(side, "first", fresh(configs[side]))
            for side in sides:
                timed(side, "unchanged", configs[side])
            for side in sides:
                edit_sentence(edits[side])
                timed(side, "edited", configs[side])
        return runs


def row(label: str, glossary: list[float], twin: list[float]) -> str:
    """One table line: medians, and the median and range of the per-round ratios."""
    ratios = sorted(g / t for g, t in zip(glossary, twin, strict=True) if t > 0)
    spread = (f"{statistics.median(ratios):>8.2f}  {ratios[0]:.2f}-{ratios[-1]:.2f}"
              if ratios else f"{'n/a':>8}")
    return (f"{label:<12} {statistics.median(twin):>7.2f} {statistics.median(glossary):>10.2f}"
            f" {spread}")


def report(n: int, runs: Runs) -> None:
    """Print the whole-build and marginal tables and the baseline builds' costs."""
    rounds = len(runs["g_first"])
    head = f"{'build':<12} {'twin s':>7} {'glossary s':>10} {'ratio':>8}  range"
    print(f"{n} terms, {rounds} round(s); CPU seconds (user + system) of one `mkdocs build` "
          "process, median over rounds; ratio = glossary/twin per round, median and "
          "min-max\n")
    print("Whole build (imports and config included)")
    print(head)
    for kind, label in KINDS:
        print(row(label, runs[f"g_{kind}"], runs[f"t_{kind}"]))
    print(f"\nMarginal cost of {n - BASE_TERMS} terms (minus the same build with "
          f"{BASE_TERMS} terms, same round)")
    print(head)
    for kind, label in KINDS:
        glossary, twin = ([a - b for a, b in zip(runs[f"{side}_{kind}"], runs[f"{side}b_{kind}"],
                                                 strict=True)] for side in ("g", "t"))
        print(row(label, glossary, twin))
    print(f"\nThe {BASE_TERMS}-term builds (subtracted above)")
    print(head)
    for kind, label in KINDS:
        print(row(label, runs[f"gb_{kind}"], runs[f"tb_{kind}"]))


def main() -> None:
    """Run the benchmark and print its tables."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--terms", type=int, default=1000, help="synthetic terms (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of builds (default 3)")
    args = parser.parse_args()
    if args.terms <= BASE_TERMS or args.rounds < 1:
        parser.error(f"--terms must be over {BASE_TERMS}, --rounds at least 1")
    report(args.terms, measure(args.terms, args.rounds))


if __name__ == "__main__":
    main()
