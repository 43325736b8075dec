"""Benchmark: build time of the glossary plugin against plain mkdocs-material.

For N synthetic terms (``synthetic.py``; default 100 and 1,000) it writes a temporary
project twice:

* **glossary**: ``glossary/<slug>.yaml`` files built by the ``glossary`` plugin;
* **plain**: the very Markdown pages the plugin generates (term, lesson and Graph pages, the
  A–Z, assets), written as files under ``docs/``, built by mkdocs-material without the
  plugin, with the same navigation, extensions and reader scripts and styles.

The glossary project is built three ways: **warm**, with the plugin's build cache (filled by
the untimed first build: what a rebuild with unchanged term files costs, e.g. under
``mkdocs serve`` or a second ``make build``); **edited**, with the cache, right after one
sentence of one term file changed (the engine runs again, and the memos of its steps give
back what did not change: an edit under ``mkdocs serve``, or a deploy with the last build's
cache restored); and **cold**, with ``build_cache: false`` (a first build on a machine).
Each build runs in a fresh Python process (as ``mkdocs build`` does; imports and config
loading are not timed), alternating, several times after one untimed build of each; the
median of each is printed with its ratio to plain, and the median and spread of the ratios
round by round (each round's builds run back to back, so the paired ratio shrugs off slow
swings in a shared machine's load: compare within one run). Charts are off everywhere so
the ratio measures the engine. The plain pages carry the graph markers but not the drawn
graphs, which only the glossary build inserts: that favours plain.
Two clocks: wall time, and the CPU time of the building process (``time.process_time``),
which other work on a shared machine disturbs far less. The engine's own share (load,
validate, resolve and emit, timed alone) is printed too.

    python benchmarks/build_scale.py [--terms 100 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from synthetic import LESSONS as LESSONS  # re-exported: benchmarks/graph.py imports it here
from synthetic import edit_sentence, slug, write_term_files
from synthetic import synthetic_term as synthetic_term  # re-exported, as LESSONS

from glossary_site.az import render_az
from glossary_site.emitters import EmitOptions, reader_scripts
from glossary_site.load import load_directory
from glossary_site.pipeline import emit, load_glossary, run

NAV = [{"Home": "index.md"}, {"Tags": "tags.md"}, {"Lessons": "lessons/index.md"}]


def common_docs(docs: Path) -> None:
    """Write the hand-written pages both projects share."""
    docs.mkdir(parents=True)
    (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n")


def write_glossary_project(root: Path, n: int, *, cache: bool = True) -> Path:
    """A project whose terms are YAML files built by the plugin (``mkdocs.yml``), and
    ``mkdocs-cold.yml`` beside it with the plugin's build cache off."""
    common_docs(root / "docs")
    (root / "docs" / "index.md").write_text("# Home\n\n<!-- glossary:a-z -->\n")
    write_term_files(root / "glossary", n)
    cold = write_config(root, plugin=True, cache=False)
    cold.rename(root / "mkdocs-cold.yml")
    return write_config(root, plugin=True, cache=cache)


def write_plain_project(root: Path, glossary_project: Path) -> Path:
    """A project with the same pages, written as Markdown files, and no glossary plugin."""
    glossary = load_glossary(glossary_project / "glossary")
    common_docs(root / "docs")
    az = render_az(glossary)
    (root / "docs" / "index.md").write_text(f"# Home\n\n{az}")
    for src_uri, content in emit(glossary, EmitOptions()).items():
        target = root / "docs" / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content)
    return write_config(root, plugin=False)


def write_config(root: Path, *, plugin: bool, cache: bool = True) -> Path:
    """Write mkdocs.yml: Material, search, tags, the same nav; the plugin only if asked."""
    plugins: list[object] = ["search", "tags"]
    if plugin:
        plugins.append({"glossary": {"charts": False, "build_cache": cache}})
    config: dict[str, object] = {
        "site_name": "Benchmark", "theme": {"name": "material", "font": False},
        "plugins": plugins, "nav": NAV,
        "markdown_extensions": ["admonition", "attr_list", {"toc": {"permalink": True}}]}
    if not plugin:  # the plugin links these itself; the plain site has the same files
        config["extra_css"] = list(reader_scripts.STYLESHEETS)
        config["extra_javascript"] = list(reader_scripts.SCRIPTS)
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def time_build(config_file: Path, site_dir: Path) -> tuple[float, float]:
    """(wall, CPU) seconds for one clean strict build."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    wall, cpu = time.perf_counter(), time.process_time()
    build(config)
    return time.perf_counter() - wall, time.process_time() - cpu


def time_build_alone(config_file: Path, site_dir: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one clean strict build in a fresh Python process.

    Builds repeated in one process drift (the heap grows, the collector's work moves
    between builds): in one run of nine rounds the warm/plain CPU ratio ranged 0.93-1.66.
    A fresh process per build is what ``mkdocs build`` is; imports and config loading stay
    outside the clock.
    """
    out = subprocess.run([sys.executable, __file__, "--one", str(config_file), str(site_dir)],
                         capture_output=True, text=True, check=True)
    wall, cpu = json.loads(out.stdout.strip().splitlines()[-1])
    return float(wall), float(cpu)


def edit_one_term(glossary_dir: Path) -> None:
    """Change one sentence of one term file (no name or link changes), or change it back."""
    edit_sentence(glossary_dir / f"{slug(0)}.yaml")


def time_engine(glossary_dir: Path) -> dict[str, float]:
    """CPU seconds of the engine alone, by stage: load; validate + resolve; emit."""
    cpu = time.process_time()
    load_directory(glossary_dir)
    loaded = time.process_time()
    glossary, _ = run(glossary_dir)
    ran = time.process_time()
    emit(glossary, EmitOptions())
    done = time.process_time()
    return {"load": loaded - cpu, "validate+resolve": (ran - loaded) - (loaded - cpu),
            "emit": done - ran, "engine": (ran - loaded) + (done - ran)}


Timings = dict[str, float]


def measure(n: int, repeat: int) -> Timings:
    """Median seconds for ``n`` terms: wall and CPU of each build, and the engine alone.

    Keys: ``wall_``/``cpu_`` + ``w`` (glossary, warm cache), ``e`` (glossary, after an
    edit), ``c`` (glossary, cold) or ``p`` (plain); and the engine's stages.
    """
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        warm_cfg = write_glossary_project(base / "glossary-project", n)
        cold_cfg = warm_cfg.with_name("mkdocs-cold.yml")
        plain_cfg = write_plain_project(base / "plain-project", base / "glossary-project")
        glossary_dir = base / "glossary-project" / "glossary"
        # The edited build follows the plain one, so each round's warm build reuses the
        # output of the last round's edited build.
        builds = (("w", warm_cfg), ("c", cold_cfg), ("p", plain_cfg), ("e", warm_cfg))
        runs: dict[str, list[float]] = {f"{clock}_{key}": [] for clock in ("wall", "cpu")
                                        for key, _ in builds}
        # One untimed build of each first: imports, the build cache, the sharing image.
        for key, cfg in builds:
            if key == "e":
                edit_one_term(glossary_dir)
            time_build_alone(cfg, base / f"site-{key}-warm")
        for k in range(repeat):
            for key, cfg in builds:
                if key == "e":
                    edit_one_term(glossary_dir)
                wall, cpu = time_build_alone(cfg, base / f"site-{key}{k}")
                runs[f"wall_{key}"].append(wall)
                runs[f"cpu_{key}"].append(cpu)
            for stage, seconds in time_engine(base / "glossary-project" / "glossary").items():
                runs.setdefault(stage, []).append(seconds)
        medians = {key: statistics.median(values) for key, values in runs.items()}
        for key in ("w", "e", "c"):  # each round's ratio to the plain build of that round
            ratios = sorted(w / p for w, p in zip(runs[f"cpu_{key}"], runs["cpu_p"], strict=True))
            medians[f"round_min_{key}"], medians[f"round_max_{key}"] = ratios[0], ratios[-1]
            medians[f"round_median_{key}"] = statistics.median(ratios)
        return medians


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", nargs=2, metavar=("CONFIG", "SITE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    if args.one:  # the child process of time_build_alone
        print(json.dumps(time_build(Path(args.one[0]), Path(args.one[1]))))
        return
    print(f"{'terms':>6} {'build':>15} {'wall s':>7} {'ratio':>6} {'CPU s':>6} {'CPU ratio':>9}")
    for n in args.terms:
        t = measure(n, args.repeat)
        for key, label in (("p", "plain"), ("w", "glossary warm"), ("e", "glossary edited"),
                           ("c", "glossary cold")):
            print(f"{n:>6} {label:>15} {t[f'wall_{key}']:>7.2f} "
                  f"{t[f'wall_{key}'] / t['wall_p']:>6.2f} {t[f'cpu_{key}']:>6.2f} "
                  f"{t[f'cpu_{key}'] / t['cpu_p']:>9.2f}", flush=True)
        print(f"{'':>6} CPU ratio of each round's build to that round's plain build, median "
              f"(range): " + ", ".join(
                  f"{label} {t[f'round_median_{key}']:.3f} ({t[f'round_min_{key}']:.2f}-"
                  f"{t[f'round_max_{key}']:.2f})"
                  for key, label in (("w", "warm"), ("e", "edited"), ("c", "cold"))), flush=True)
        print(f"{'':>6} engine CPU ms by stage (no cache): load {t['load'] * 1000:.0f}, "
              f"validate+resolve {t['validate+resolve'] * 1000:.0f}, emit {t['emit'] * 1000:.0f}"
              f", all {t['engine'] * 1000:.0f}", flush=True)


if __name__ == "__main__":
    main()
