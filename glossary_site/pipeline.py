"""The pipeline, declared in one place: load → validate → resolve (→ render, in the plugin).

:func:`check` returns every problem in a glossary directory; :func:`load_glossary` returns
the resolved :class:`~glossary_site.resolve.Glossary` or raises
:class:`~glossary_site.problems.GlossaryError` with every problem.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from .load import LESSONS_FILE, RawEntry, load_directory, term_files
from .model import Lesson, Term
from .problems import GlossaryError, Problem, display_path
from .resolve import Glossary, resolve
from .validate import validate_lessons, validate_term


def known_chart_ids() -> list[str] | None:
    """Chart ids from the simulations package, or ``None`` when charts are unavailable."""
    try:
        from .charts import chart_ids

        return chart_ids()
    except ImportError:  # the simulations package or its charts are not installed
        return None


def run(directory: Path, chart_ids: Collection[str] | None = None,
        base: Path | None = None) -> tuple[Glossary, list[Problem]]:
    """Run load, validate and resolve over ``directory``; return the glossary and problems."""
    if not directory.is_dir():
        path = display_path(directory, base)
        return Glossary(terms={}, paths={}), [Problem(path, 1, "glossary directory not found")]
    entries, lessons_entry, problems = load_directory(directory, base)
    valid: list[tuple[RawEntry, Term]] = []
    for entry in entries:
        term, found = validate_term(entry, chart_ids)
        problems.extend(found)
        if term is not None:
            valid.append((entry, term))
    lessons: list[Lesson] = []
    lessons_path = display_path(directory / LESSONS_FILE, base)
    if lessons_entry is not None:
        lessons, found = validate_lessons(lessons_entry)
        problems.extend(found)
    loaded = {entry.slug for entry, _ in valid}
    broken = {f.stem for f in term_files(directory)} - loaded
    glossary, found = resolve(valid, lessons, lessons_path, broken=tuple(sorted(broken)))
    problems.extend(found)
    if not entries and not problems:
        problems.append(Problem(display_path(directory, base), 1, "no term files (*.yaml) found"))
    return glossary, sorted(set(problems))


def check(directory: Path, chart_ids: Collection[str] | None = None,
          base: Path | None = None) -> list[Problem]:
    """Return every problem in the glossary at ``directory`` (empty when it is clean)."""
    return run(directory, chart_ids, base)[1]


def load_glossary(directory: Path, chart_ids: Collection[str] | None = None,
                  base: Path | None = None) -> Glossary:
    """Return the resolved glossary, or raise :class:`GlossaryError` listing every problem."""
    glossary, problems = run(directory, chart_ids, base)
    if problems:
        raise GlossaryError(problems)
    return glossary


__all__ = ["Term", "check", "known_chart_ids", "load_glossary", "run"]
