"""The ``glossary`` command line: ``glossary check [PATH ...]`` validates the glossary files.

``PATH`` is a glossary folder (every file is checked) or term files in one (they are checked
with the rest of their folder as context, and only their own problems are reported: the
pre-commit use). ``--format github`` prints workflow-command annotations for pull requests.
Terms past their review date are printed as warnings, which never fail the check.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from glossary_site.build.pipeline import known_chart_ids, run
from glossary_site.content.load import term_files
from glossary_site.content.problems import (
    SHOWN_MAX,
    Problem,
    display_path,
    format_problems,
    printable,
)
from glossary_site.content.review import overdue


def _escape_data(text: str) -> str:
    """Escape a workflow command's message (GitHub's rules: %, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escape a workflow command's property value (the message rules plus ``:`` and ``,``)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """One problem as a GitHub Actions ``::error`` workflow command (``::warning`` for a
    warning)."""
    kind = "warning" if problem.message.startswith("warning: ") else "error"
    return (f"::{kind} file={_escape_property(printable(problem.path))},line={problem.line}"
            f"::{_escape_data(printable(problem.message))}")


def _targets(paths: Sequence[str]) -> tuple[dict[Path, set[str] | None], list[Problem]]:
    """Folder → display paths of the files to report (``None``: the whole folder)."""
    targets: dict[Path, set[str] | None] = {}
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            targets[path] = None
        elif path.suffix in (".yaml", ".yml") and (path.exists() or path.is_symlink()):
            folder = path.parent
            shown = display_path(folder)
            shown_dir = "" if shown == "." else shown.rstrip("/") + "/"
            wanted = targets.setdefault(folder, set())
            if wanted is not None:
                wanted.add(f"{shown_dir}{path.name}")
        elif path.exists():
            problems.append(Problem(display_path(path), 1, "not a glossary folder or a "
                                                           "term file (*.yaml)"))
        else:
            problems.append(Problem(display_path(path), 1, "glossary directory not found"
                                    if not path.suffix else "file not found"))
    return targets, problems


def _check(args: argparse.Namespace) -> int:
    targets, problems = _targets(args.paths)
    chart_ids = known_chart_ids()
    files = 0
    warnings: list[Problem] = []
    for folder, wanted in targets.items():
        glossary, found = run(folder, chart_ids)
        due = overdue(glossary, date.today())
        if wanted is None:
            files += len(term_files(folder))
            problems.extend(found)
            warnings.extend(due)
        else:
            files += len(wanted)
            problems.extend(p for p in found if p.path in wanted)
            warnings.extend(p for p in due if p.path in wanted)
    show = github_annotation if args.format == "github" else str
    for warning in sorted(warnings):
        print(show(warning))
    if problems:
        print(format_problems(problems, None if args.all else SHOWN_MAX, show))
        return 1
    where = ", ".join(args.paths)
    noun = "term" if files == 1 else "terms"
    print(f"{where}: {files} {noun}, no problems.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``glossary`` command."""
    parser = argparse.ArgumentParser(prog="glossary", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="validate term files and print each problem "
                                           "as path:line: message")
    p_check.add_argument("paths", nargs="*", default=["glossary"], metavar="PATH",
                         help="glossary folder, or term files checked with the rest of their "
                              "folder as context (default: glossary)")
    p_check.add_argument("--format", choices=("text", "github"), default="text",
                         help="'github': ::error workflow commands that annotate a pull "
                              "request (default: text)")
    p_check.add_argument("--all", action="store_true",
                         help=f"print every problem (default: the first {SHOWN_MAX} "
                              "and a count of the rest)")
    p_check.set_defaults(func=_check)
    _contrib_commands(sub)  # contrib: `glossary new`, `glossary schema`
    return parser


# --- contrib: `glossary new` and `glossary schema` (logic in scaffold.py, schema.py) ---

def _new(args: argparse.Namespace) -> int:
    from glossary_site.content.scaffold import ScaffoldError, next_steps, scaffold

    directory = Path(args.directory)
    try:
        result = scaffold(args.name, directory, args.related, args.slug)
    except ScaffoldError as exc:
        print(f"glossary new: {exc}", file=sys.stderr)
        return 1
    print(next_steps(result, directory))
    return 0


def _schema(args: argparse.Namespace) -> int:
    from glossary_site.content.schema import run

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
