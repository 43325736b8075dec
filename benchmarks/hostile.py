"""Benchmark: the cost of hostile Markdown (issue 18: "fuzz the cost, not only the crashes").

Every Markdown field is parsed, checked, linked and rendered once; the time that takes must
stay small for any text under the limits, whatever its shape. This script fills one field
(:data:`~glossary_site.render.rules.MAX_MARKDOWN_CHARS` characters) with each pattern below
repeated, and with each ordered pair of patterns alternated (``--pairs``), runs the whole
field step on it (parse, check, link against ``--names`` term names, render, clean) and
prints the slowest inputs. A file holds at most ``MAX_FILE_MARKDOWN`` characters of Markdown
in all, so the worst file costs at most that many fields' worth of the worst field.

    python benchmarks/hostile.py [--pairs] [--names 1000] [--top 10]
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from itertools import product

from glossary_site.content.links import NameIndex, link_tokens
from glossary_site.content.model import Level, Term
from glossary_site.render.html import render_field
from glossary_site.render.parser import parse
from glossary_site.render.rules import MAX_MARKDOWN_CHARS, check_tokens

UNITS = ["[[\\]", "[a", "*a", "_a_ ", "`a", "[[x|", "<a ", "![", "{a", "$a", "\\(a", "> ",
         "- ", "1. ", "| ", "[](", "**a", "~~", "&#", "<!--", "a\n\n", "[x]: http://a\n",
         "- [a\n", "# ", "a\n===\n", "    ", "```\n", "$$\n", "\\[", "term 0 ", "[[t-1]] ",
         ":\n: ", "<http://", "]", "(", "\\", "*_", "a  \n"]
"""Building blocks of Markdown that parsers handle with backtracking or nesting."""


def terms(n: int) -> dict[str, Term]:
    """``n`` terms named "Term 0" … with slugs ``t-0`` …, so text can mention them."""
    day = date(2026, 1, 5)
    return {f"t-{i}": Term(term=f"Term {i}", summary="s", definition="d",
                           level=Level.introductory, added=day, reviewed=day)
            for i in range(n)} if n else {}


def field_cost(text: str, known: dict[str, Term], index: NameIndex) -> float:
    """CPU seconds for the whole field step on ``text``."""
    start = time.process_time()
    tokens, env = parse(text)
    check_tokens(tokens, env)
    link_tokens(tokens, "self", known, index)
    render_field(tokens, "p")
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", action="store_true", help="also alternate pairs of units")
    parser.add_argument("--names", type=int, default=1000, help="term names to link against")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    known = terms(args.names)
    index = NameIndex.build(known)
    inputs: list[tuple[str, ...]] = [(unit,) for unit in UNITS]
    if args.pairs:
        inputs += [pair for pair in product(UNITS, repeat=2) if pair[0] != pair[1]]
    results = []
    for pattern in inputs:
        unit = "".join(pattern)
        text = (unit * (MAX_MARKDOWN_CHARS // len(unit) + 1))[:MAX_MARKDOWN_CHARS]
        results.append((field_cost(text, known, index), pattern))
    results.sort(reverse=True)
    print(f"{len(results)} inputs of {MAX_MARKDOWN_CHARS:,} characters, "
          f"{args.names:,} names; slowest:")
    for seconds, pattern in results[:args.top]:
        print(f"  {seconds * 1000:8.1f} ms  {pattern!r}")
    total = sum(s for s, _ in results)
    print(f"median {sorted(s for s, _ in results)[len(results) // 2] * 1000:.1f} ms, "
          f"all {total:.1f} s")


if __name__ == "__main__":
    main()
