"""Problems found in content: a path, a line and a message, printed as ``path:line: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, located by path and (1-based) line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class GlossaryError(Exception):
    """Raised when content has problems; carries every problem found, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    """Return the problems one per line, followed by a count."""
    items = sorted(set(problems))
    lines = [str(p) for p in items]
    noun = "problem" if len(items) == 1 else "problems"
    lines.append(f"{len(items)} {noun} found.")
    return "\n".join(lines)


def display_path(path: Path, base: Path | None = None) -> str:
    """Return ``path`` relative to ``base`` (or the working directory) when possible."""
    for root in (base, Path.cwd()):
        if root is None:
            continue
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
