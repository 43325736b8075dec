"""Benchmark: ``check`` on a glossary full of misspelt related links ("did you mean" cost).

Writes a synthetic glossary to a temporary folder: ``--terms`` terms (default 1,000), each
with its two ring neighbours as related links plus ``--links`` misspelt related slugs
(default 10: 10,000 misspelt links in all). Each misspelling swaps two letters of a real
slug, so every one of them gets a suggestion. Prints the time of one
:func:`~glossary_site.build.pipeline.check` (median of ``--repeat`` runs) and the problem count.

    python benchmarks/checker.py [--terms 1000] [--links 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from itertools import product
from pathlib import Path

import yaml

from glossary_site.build.pipeline import check

WORDS = ("data model users quality feedback loop signal ranking error market share learning "
         "curve plateau privacy consent bias exposure catalogue moat entrant").split()

FILLER = ("A flywheel gathers data from use and turns it into a better model, which in turn "
          "draws more use. ") * 12


def slugs(n: int) -> list[str]:
    """``n`` distinct word-based slugs such as ``quality-feedback-loop``."""
    out = ["-".join(words) for words in product(WORDS, WORDS, WORDS) if len(set(words)) == 3]
    return out[:n]


def misspell(slug: str, k: int) -> str:
    """Swap two neighbouring letters of ``slug`` (position chosen by ``k``)."""
    letters = [i for i in range(len(slug) - 1) if slug[i] != "-" and slug[i + 1] != "-"
               and slug[i] != slug[i + 1]]
    i = letters[(k * 7) % len(letters)]
    return slug[:i] + slug[i + 1] + slug[i] + slug[i + 2:]


def write_glossary(directory: Path, n_terms: int, n_links: int) -> int:
    """Write the synthetic glossary; return the number of misspelt links."""
    names = slugs(n_terms)
    known = set(names)
    misspelt = 0
    for i, slug in enumerate(names):
        related = [names[(i - 1) % n_terms], names[(i + 1) % n_terms]]
        for k in range(n_links):
            wrong = misspell(names[(i * 31 + k * 17) % n_terms], i + k)
            if wrong not in known and wrong not in related:
                related.append(wrong)
                misspelt += 1
        data = {"term": slug.replace("-", " ").title(), "summary": f"Synthetic term {i}.",
                "definition": FILLER + " [@textbook]", "level": "intermediate",
                "tags": ["benchmark"], "related": related,
                "sources": [{"key": "textbook", "title": "A textbook",
                             "url": "https://example.org/book"}],
                "added": "2026-01-05", "reviewed": "2026-01-05"}
        (directory / f"{slug}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return misspelt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--links", type=int, default=10, help="misspelt links per term")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "glossary"
        directory.mkdir()
        misspelt = write_glossary(directory, args.terms, args.links)
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            problems = check(directory)
            times.append(time.perf_counter() - started)
        suggested = sum("did you mean" in p.message for p in problems)
        print(f"{args.terms} terms, {misspelt} misspelt links: check took "
              f"{statistics.median(times):.2f} s (median of {args.repeat}); "
              f"{len(problems)} problems, {suggested} with a suggestion")


if __name__ == "__main__":
    main()
