"""Benchmark: per-build cost of the concept graph (layout, every neighbourhood, Graph page).

For N synthetic terms (``synthetic.py``, default 100 and 1,000) it loads the glossary once,
then times with ``time.perf_counter``:

* **layout**: building the graph and laying the whole glossary out (``ConceptGraph``);
* **local**: every term's neighbourhood SVG (``ConceptGraph.local_svg``), as the plugin
  hands them to the theme;
* **page**: the Graph page with the whole graph drawn into it (``graph_files``);

and prints the median of ``--repeat`` runs of each, and their total. Whole builds against
plain Material are ``twin.py``'s job.

A second table says whether the drawings stay readable at that size, measured from the
layout (:mod:`glossary_site.emit.graph_labels`, the same measures the tests assert on):
how many names the Graph page shows without JavaScript in a desktop's and a phone's
column, how many pairs of those overlap, how many neighbourhoods have two names that
overlap, and the size of the Graph page's drawing.

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
from glossary_site.emit import graph_labels
from glossary_site.emit.graph import LABEL_SCALES, ConceptGraph, graph_files, label_boxes


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


def readability(n: int) -> tuple[int, int, int, int, int]:
    """For ``n`` terms: names shown on the Graph page (desktop, phone), overlapping pairs
    among them, neighbourhoods with overlapping names, and the drawing's size in KB."""
    concept = ConceptGraph.from_glossary(synthetic_glossary(n))
    shown = [concept.overview_label_boxes(scale) for _, scale in LABEL_SCALES]
    pairs = sum(len(graph_labels.overlaps(boxes)) for boxes in shown)
    crowded = 0
    for slug in concept.names:
        concept.local_svg(slug)
        crowded += bool(graph_labels.overlaps(label_boxes(concept.local_labels(slug))))
    size = len(concept.overview_svg().encode()) // 1024
    return len(shown[0]), len(shown[1]), pairs, crowded, size


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
    print(f"\n{'terms':>6} {'names desk':>10} {'names phone':>11} {'overlaps':>8} "
          f"{'crowded':>7} {'page KB':>7}")
    for n in args.terms:
        desk, phone, pairs, crowded, size = readability(n)
        print(f"{n:>6} {desk:>10} {phone:>11} {pairs:>8} {crowded:>7} {size:>7}", flush=True)


if __name__ == "__main__":
    main()
