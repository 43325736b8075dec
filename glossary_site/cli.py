"""The ``glossary`` command line: ``glossary check [DIR]`` validates the glossary files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .pipeline import check, known_chart_ids
from .problems import format_problems


def _check(args: argparse.Namespace) -> int:
    directory = Path(args.directory)
    problems = check(directory, known_chart_ids())
    if problems:
        print(format_problems(problems))
        return 1
    count = sum(1 for p in directory.glob("*.yaml") if p.name != "lessons.yaml")
    print(f"{directory}: {count} terms, no problems.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``glossary`` command."""
    parser = argparse.ArgumentParser(prog="glossary", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="validate every term file and print each problem "
                                           "as path:line: message")
    p_check.add_argument("directory", nargs="?", default="glossary",
                         help="glossary directory (default: glossary)")
    p_check.set_defaults(func=_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 clean, 1 problems, 2 usage)."""
    args = build_parser().parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
