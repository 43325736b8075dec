"""Problems found in content: a path, a line and a message, printed as ``path:line: message``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

SHOWN_MAX = 200
"""How many problems are printed before the rest are only counted (``--all`` prints all)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with a content file, located by path and (1-based) line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}: {printable(self.message)}"


class GlossaryError(Exception):
    """Raised when content has problems; carries every problem found, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def printable(text: str) -> str:
    """``text`` with control and invisible characters written as escapes (``\\n``, ``\\u202e``).

    Keeps one problem on one line and stops file names or content from sending terminal
    escape sequences or reordering the output.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def format_problems(problems: Iterable[Problem], limit: int | None = None,
                    line: Callable[[Problem], str] = str) -> str:
    """Return the problems one per line (each written by ``line``), followed by a count.

    With ``limit``, only the first ``limit`` problems are listed and the rest are counted.
    """
    items = sorted(set(problems))
    shown = items if limit is None else items[:limit]
    lines = [line(p) for p in shown]
    if len(shown) < len(items):
        lines.append(f"... and {len(items) - len(shown):,} more (--all lists every problem)")
    noun = "problem" if len(items) == 1 else "problems"
    lines.append(f"{len(items):,} {noun} found.")
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


class Suggester:
    """Suggest the closest of a fixed set of names: build once, ask for many words.

    rapidfuzz's normalised Indel similarity (the measure of :mod:`difflib`'s ratio) in C++:
    about a microsecond per word and choice, where difflib took 10 to 30 ms per unknown word
    against a thousand slugs.
    """

    def __init__(self, choices: Iterable[str], cutoff: float = 60.0) -> None:
        self.choices = sorted(set(choices))
        self.cutoff = cutoff

    def closest(self, word: str) -> str | None:
        """The closest choice scoring at least the cutoff (0-100), or ``None``."""
        if not self.choices:
            return None
        best = process.extractOne(word, self.choices, scorer=fuzz.ratio,
                                  score_cutoff=self.cutoff)
        return best[0] if best else None

    def hint(self, word: str) -> str:
        """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
        match = self.closest(word)
        return f" (did you mean '{match}'?)" if match else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    return Suggester(choices).hint(word)
