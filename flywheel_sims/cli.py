"""Command line: run a model and print a summary, optionally writing the full run as CSV.

Usage::

    python -m flywheel_sims list
    python -m flywheel_sims run <model> [--set name=value ...] [--preset NAME] [--seed N]
                                        [--csv FILE]

A bad model, preset, parameter name or value is reported on one line, listing the valid
choices, with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import fields, replace
from typing import Any, NoReturn

import pandas as pd

from flywheel_sims import MODELS, presets

EXIT_USAGE = 2
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


class UsageError(Exception):
    """A one-line problem with the command line."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are a single line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see --help)")


def _convert(name: str, raw: str, default: Any) -> Any:
    """Convert ``raw`` to the type of the field's default value."""
    if isinstance(default, bool):
        low = raw.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise UsageError(f"{name} must be true or false, got {raw!r}")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise UsageError(f"{name} must be an integer, got {raw!r}") from None
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise UsageError(f"{name} must be a number, got {raw!r}") from None
    return raw


def build_params(model_name: str, assignments: Sequence[str], preset: str | None = None) -> Any:
    """Return the model's ``Params`` with a preset and ``name=value`` assignments applied.

    Raises :class:`UsageError` with a one-line message for any bad name or value.
    """
    if model_name not in MODELS:
        raise UsageError(f"unknown model {model_name!r}; valid models: {', '.join(MODELS)}")
    model = MODELS[model_name]
    base = model.params()
    if preset is not None:
        if model_name not in ("flywheel", "privacy"):
            raise UsageError(
                f"--preset applies to the models flywheel and privacy, not {model_name}"
            )
        if preset not in presets.PRESETS:
            raise UsageError(
                f"unknown preset {preset!r}; valid presets: {', '.join(presets.PRESETS)}"
            )
        chosen = presets.PRESETS[preset].params
        # Take the preset's values except the capture rate: privacy keeps its own.
        values = {f.name: getattr(chosen, f.name) for f in fields(chosen) if f.name != "kappa"}
        base = replace(base, **values)
    defaults = {f.name: getattr(base, f.name) for f in fields(base)}
    changes: dict[str, Any] = {}
    for item in assignments:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"--set expects name=value, got {item!r}")
        if name not in defaults:
            raise UsageError(
                f"unknown parameter {name!r} for model {model_name}; valid: {', '.join(defaults)}"
            )
        changes[name] = _convert(name, raw, defaults[name])
    try:
        return replace(base, **changes)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def summary_table(frame: pd.DataFrame) -> str:
    """Return a plain-text table of first, last, min and max of each numeric column."""
    numeric = frame.select_dtypes("number")
    rows: list[tuple[str, ...]] = [("column", "first", "last", "min", "max")]
    for col in numeric.columns:
        s = numeric[col]
        rows.append((col, *(f"{v:.4g}" for v in (s.iloc[0], s.iloc[-1], s.min(), s.max()))))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _parser() -> _Parser:
    parser = _Parser(prog="python -m flywheel_sims", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("list", help="list the models and presets")
    run = sub.add_parser("run", help="run a model and print a summary")
    run.add_argument("model", help=f"one of: {', '.join(MODELS)}")
    run.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a parameter (repeatable)",
    )
    run.add_argument("--preset", help=f"flywheel/privacy preset: {', '.join(presets.PRESETS)}")
    run.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    run.add_argument("--csv", metavar="FILE", help="write the full run to FILE as CSV")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
        if args.command == "list":
            for name, model in MODELS.items():
                print(f"{name:16s} {model.summary}")
            print("presets: " + ", ".join(presets.PRESETS))
            return 0
        params = build_params(args.model, args.assignments, args.preset)
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    frame = MODELS[args.model].simulate(params, seed=args.seed)
    print(f"{args.model}: {len(frame)} rows")
    print(summary_table(frame))
    if args.csv:
        try:
            frame.to_csv(args.csv, index=False)
        except OSError as exc:
            print(f"error: cannot write {args.csv}: {exc.strerror}", file=sys.stderr)
            return 1
        print(f"wrote {args.csv}")
    return 0
