"""Benchmark: per-build cost of the concept graph (layout, every neighbourhood, Graph page).

For N synthetic terms (``synthetic.py``, default 100 and 1,000) it loads the glossary once,
then times with ``time.perf_counter``:

* **layout**: building the graph and laying the whole glossary out (``ConceptGraph``);
* **local**: every term's neighbourhood SVG (``ConceptGraph.local_svg``), as the plugin
  hands them to the theme;
* **page**: the Graph page with the whole graph drawn into it (``graph_files``);

and prints the median of ``--repeat`` runs of each, and their total. Whole builds against
plain Material are ``twin.py``'s job.

    python benchmarks/graph.py [--terms 100 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from synthetic import write_term_files

from glossary_site.build.pipeline import load_glossary
from glossary_site.content.resolve import Glossary
from glossary_site.emit.graph import ConceptGraph, graph_files


def synthetic_glossary(n: int) -> Glossary:
    """Write ``n`` synthetic term files to a temporary folder and load them."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "glossary"
        write_term_files(folder, n)
        return load_glossary(folder)


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(n: int, repeat: int) -> tuple[float, float, float]:
    """Median seconds (layout, every neighbourhood, Graph page) for ``n`` terms."""
    glossary = synthetic_glossary(n)
    layout = timed(lambda: ConceptGraph.from_glossary(glossary), repeat)

    def local() -> None:
        concept = ConceptGraph.from_glossary(glossary)
        for slug in glossary.terms:
            concept.local_svg(slug, "../../")

    def page() -> None:
        graph_files(ConceptGraph.from_glossary(glossary))

    return layout, timed(local, repeat) - layout, timed(page, repeat) - layout


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'terms':>6} {'layout ms':>10} {'local ms':>9} {'page ms':>8} {'total ms':>9}")
    for n in args.terms:
        layout, local, page = measure(n, args.repeat)
        print(f"{n:>6} {layout * 1e3:>10.1f} {local * 1e3:>9.1f} {page * 1e3:>8.1f} "
              f"{(layout + local + page) * 1e3:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
