"""Benchmark: per-build cost of the concept graph (layout, every neighbourhood, Graph page).

For N synthetic terms (the ring-linked terms of ``build_scale.py``, default 100 and 1,000)
it loads the glossary once, then times with ``time.perf_counter``:

* **layout**: building the graph and laying the whole glossary out (``ConceptGraph``);
* **emit**: ``graph_files``: the Graph page source and every term's neighbourhood SVG;
* **insert**: putting each SVG into a 40 kB page at its marker, and the whole graph into
  the Graph page;
* **phone toc**: every term page's "On this page" list (wayfinding.py), six sections each;

and prints the median of ``--repeat`` runs of each, and their total.

With ``--builds K`` it also runs ``build_scale.py``'s two builds (glossary with graphs and
its build cache off, and plain Material on the same pages) K times each, alternating, and
prints their median CPU seconds (``time.process_time``: on a shared machine wall-clock
ratios swing with the load of other processes, the CPU time of this one does not) and the
ratio.

    python benchmarks/graph.py [--terms 100 1000] [--repeat 5] [--builds 3]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import markdown  # noqa: E402
from build_scale import (  # noqa: E402
    LESSONS,
    synthetic_term,
    write_glossary_project,
    write_plain_project,
)
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from glossary_site.graph import (  # noqa: E402
    LOCAL_MARKER,
    OVERVIEW_MARKER,
    ConceptGraph,
    graph_files,
    insert_graphs,
)
from glossary_site.pipeline import load_glossary  # noqa: E402
from glossary_site.resolve import Glossary  # noqa: E402
from glossary_site.wayfinding import PHONE_TOC_MARKER, insert_phone_toc  # noqa: E402


def synthetic_glossary(n: int) -> Glossary:
    """Write ``n`` synthetic term files to a temporary folder and load them."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "lessons.yaml").write_text(yaml.safe_dump(LESSONS))
        for i in range(n):
            (folder / f"term-{i:05d}.yaml").write_text(yaml.safe_dump(synthetic_term(i, n)))
        return load_glossary(folder)


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(n: int, repeat: int) -> tuple[float, float, float, float]:
    """Median seconds (layout, emit, insert, phone tocs) for ``n`` terms."""
    glossary = synthetic_glossary(n)
    shell = f"<article>{'x' * 30_000}{LOCAL_MARKER}{'y' * 10_000}</article>"
    overview = shell.replace(LOCAL_MARKER, OVERVIEW_MARKER)
    layouts, emits, inserts = [], [], []
    for _ in range(repeat):
        started = time.perf_counter()
        concept = ConceptGraph.from_glossary(glossary)
        laid_out = time.perf_counter()
        graph_files(concept)  # the Graph page, and every neighbourhood drawn
        emitted = time.perf_counter()
        for slug in glossary.terms:
            insert_graphs(shell, concept, slug, f"terms/{slug}/")
        insert_graphs(overview, concept, None, "graph/")
        done = time.perf_counter()
        layouts.append(laid_out - started)
        emits.append(emitted - laid_out)
        inserts.append(done - emitted)
    md = markdown.Markdown(extensions=["toc"])
    md.convert("# Term\n\n" + "".join(f"## Section {i}\n\nText.\n\n" for i in range(6)))
    toc = get_toc(md.toc_tokens)
    toc_shell = shell.replace(LOCAL_MARKER, PHONE_TOC_MARKER)
    tocs = timed(lambda: [insert_phone_toc(toc_shell, toc) for _ in range(n)], repeat)
    return (statistics.median(layouts), statistics.median(emits), statistics.median(inserts),
            tocs)


def build_cpu(config_file: Path, site_dir: Path) -> float:
    """CPU seconds of one clean strict build in this process."""
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    started = time.process_time()
    build(config)
    return time.process_time() - started


def compare_builds(n: int, builds: int) -> tuple[float, float]:
    """Median CPU seconds (glossary with graphs, plain Material) for ``n`` terms."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        # The build cache off: every build lays out and draws the graph again.
        ours_cfg = write_glossary_project(base / "glossary-project", n).with_name(
            "mkdocs-cold.yml")
        plain_cfg = write_plain_project(base / "plain-project", base / "glossary-project")
        ours, plain = [], []
        for k in range(builds):
            ours.append(build_cpu(ours_cfg, base / f"site-g{k}"))
            plain.append(build_cpu(plain_cfg, base / f"site-p{k}"))
        return statistics.median(ours), statistics.median(plain)


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--builds", type=int, default=0)
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    print(f"{'terms':>6} {'layout ms':>10} {'emit ms':>8} {'insert ms':>10} "
          f"{'phone toc ms':>13} {'total ms':>9}")
    for n in args.terms:
        layout, emit, insert, tocs = measure(n, args.repeat)
        total = layout + emit + insert + tocs
        print(f"{n:>6} {layout * 1e3:>10.1f} {emit * 1e3:>8.1f} {insert * 1e3:>10.1f} "
              f"{tocs * 1e3:>13.1f} {total * 1e3:>9.1f}", flush=True)
    if args.builds:
        print(f"\n{'terms':>6} {'glossary cpu s':>15} {'plain cpu s':>12} {'ratio':>6}")
        for n in args.terms:
            ours, plain = compare_builds(n, args.builds)
            print(f"{n:>6} {ours:>15.2f} {plain:>12.2f} {ours / plain:>6.2f}", flush=True)

if __name__ == "__main__":
    main()
