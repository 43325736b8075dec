"""The ``glossary`` command line: ``glossary check [DIR]`` validates the glossary files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
    _contrib_commands(sub)  # contrib: `glossary new`, `glossary schema`
    return parser


# --- contrib: `glossary new` and `glossary schema` (logic in scaffold.py, schema.py) ---

def _new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, next_steps, scaffold

    directory = Path(args.directory)
    try:
        result = scaffold(args.name, directory, args.related, args.slug)
    except ScaffoldError as exc:
        print(f"glossary new: {exc}", file=sys.stderr)
        return 1
    print(next_steps(result, directory))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import run

    return run(Path(args.out), check_only=args.check)


def _contrib_commands(sub: Any) -> None:
    p_new = sub.add_parser("new", help="write glossary/<slug>.yaml for a new term, with a "
                                       "comment on every field")
    p_new.add_argument("name", help='the term\'s display name, e.g. "Data Moat"')
    p_new.add_argument("--related", nargs="+", default=[], metavar="SLUG",
                       help="existing terms to relate; the new slug is added to their "
                            "related lists too")
    p_new.add_argument("--slug", help="the file name and address /terms/<slug>/ "
                                      "(default: from the name)")
    p_new.add_argument("--dir", dest="directory", default="glossary",
                       help="glossary directory (default: glossary)")
    p_new.set_defaults(func=_new)
    p_schema = sub.add_parser("schema", help="write the JSON Schemas of the term and lessons "
                                             "files (schemas/) from the model")
    p_schema.add_argument("--out", default="schemas", help="folder (default: schemas)")
    p_schema.add_argument("--check", action="store_true",
                          help="only report schemas that are out of date (exit 1)")
    p_schema.set_defaults(func=_schema)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 clean, 1 problems, 2 usage)."""
    args = build_parser().parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":
    sys.exit(main())
