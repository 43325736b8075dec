"""Review dates: which terms are past the date by which they must be checked again.

A term that describes rules which change carries ``review_every_months``; once that many
months have passed since ``reviewed``, ``glossary check`` warns (a warning, never a failed
check or build: the text is not wrong on that day, only due for a look).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

from glossary_site.content.problems import Problem
from glossary_site.content.resolve import Glossary

_REVIEWED_LINE = re.compile(r"^reviewed\s*:", re.M)


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months (the 31st becomes the month's last day);
    ``date.max`` past the calendar's end (a review "due" in the year 10000 never is)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > date.max.year:
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_due(reviewed: date, months: int | None) -> date | None:
    """The date by which a term reviewed on ``reviewed`` must be checked again."""
    return add_months(reviewed, months) if months else None


def _line(path: Path) -> int:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    match = _REVIEWED_LINE.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def overdue(glossary: Glossary, today: date, base: Path | None = None) -> list[Problem]:
    """A warning for each term whose review date has passed, at its ``reviewed`` line."""
    warnings: list[Problem] = []
    for slug, term in sorted(glossary.terms.items()):
        due = review_due(term.reviewed, term.review_every_months)
        if due is None or due >= today:
            continue
        path = glossary.paths[slug]
        file = Path(path) if base is None else base / path
        warnings.append(Problem(path, _line(file), f"warning: due for review since {due} "
                                f"(reviewed {term.reviewed}, every "
                                f"{term.review_every_months} months): check the text against "
                                "its sources, then set reviewed to the day you did"))
    return warnings
