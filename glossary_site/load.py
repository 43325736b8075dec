"""Load YAML files safely, keeping the line of every key and item for error messages.

Only plain YAML is accepted: no tags that build Python objects (the safe loader), no aliases
(so alias bombs cannot expand), no duplicate keys, and no file larger than :data:`MAX_BYTES`.
Every failure becomes a :class:`~glossary_site.problems.Problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .problems import Problem, display_path

MAX_BYTES = 256 * 1024
"""Largest content file accepted; a term is a few kilobytes."""

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

PathKey = tuple[str | int, ...]


@dataclass
class RawEntry:
    """A parsed YAML document with the line numbers of its keys and items."""

    path: str
    slug: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line(self, loc: PathKey) -> int:
        """Return the line of ``loc``, or of its closest located parent."""
        key = tuple(loc)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (about 10x faster), with the safe constructor."""


def _index_lines(node: Node, loc: PathKey, lines: dict[PathKey, int], path: str,
                 problems: list[Problem], seen_nodes: set[int], at: int = 1) -> None:
    # An alias makes the composer reuse a node: refusing reuse stops alias bombs before
    # anything is expanded. Anchors alone are harmless but have no use in a term file.
    if id(node) in seen_nodes:
        raise _Refused(at, "YAML aliases (*name) are not allowed")
    seen_nodes.add(id(node))
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(path, line,
                                        f"duplicate key '{key}' (first on line {seen[key]})"))
            seen.setdefault(key, line)
            _index_lines(value_node, (*loc, key), lines, path, problems, seen_nodes, line)
            lines[(*loc, key)] = line
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, (*loc, i), lines, path, problems, seen_nodes, lines[loc])


def parse_yaml(text: str, path: str) -> tuple[Any, dict[PathKey, int], list[Problem]]:
    """Parse one YAML document; return its data, line index and any problems."""
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {(): 1}, problems
        lines: dict[PathKey, int] = {}
        _index_lines(node, (), lines, path, problems, set())
        data = loader.construct_document(node)
    except _Refused as exc:
        return None, {}, [Problem(path, exc.line, exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = exc.problem or "invalid YAML"
        context = f" ({exc.context}"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            context += f" that starts on line {exc.context_mark.line + 1}"
        context = context + ")" if exc.context else ""
        return None, {}, [Problem(path, line, f"invalid YAML: {what}{context}")]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(path, 1, f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    return data, lines, problems


def read_text(file: Path, path: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 within the size limit, or explain why not."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(path, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")]
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x} "
                                          f"at offset {exc.start}); save it as UTF-8")]
    return text.removeprefix("\ufeff"), []


def load_file(file: Path, base: Path | None = None, path: str | None = None
              ) -> tuple[RawEntry | None, list[Problem]]:
    """Load one YAML file into a :class:`RawEntry`, or return the problems found.

    ``path`` is how messages name the file (default: relative to ``base`` or the cwd).
    """
    path = path or display_path(file, base)
    text, problems = read_text(file, path)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(path, 1, "file is empty")]
    data, lines, problems = parse_yaml(text, path)
    if data is None and not problems:
        problems = [Problem(path, 1, "file has no content (only comments?)")]
    if problems:
        return None, problems
    return RawEntry(path=path, slug=file.stem, data=data, lines=lines), []


LESSONS_FILE = "lessons.yaml"


def term_files(directory: Path) -> list[Path]:
    """Return the term files of a glossary directory, sorted (every ``*.yaml`` but lessons)."""
    return sorted(p for p in directory.glob("*.y*ml") if p.name != LESSONS_FILE)


def load_directory(directory: Path, base: Path | None = None
                   ) -> tuple[list[RawEntry], RawEntry | None, list[Problem]]:
    """Load every term file and ``lessons.yaml`` of ``directory``, collecting all problems."""
    problems: list[Problem] = []
    entries: list[RawEntry] = []
    shown = display_path(directory, base)
    shown_dir = "" if shown == "." else shown.rstrip("/") + "/"
    for file in term_files(directory):
        path = f"{shown_dir}{file.name}"
        if file.suffix != ".yaml":
            problems.append(Problem(path, 1,
                                    f"term files end in '.yaml'; rename to '{file.stem}.yaml'"))
            continue
        if not SLUG_RE.match(file.stem):
            hint = re.sub(r"[^a-z0-9]+", "-", file.stem.lower()).strip("-") or "term-name"
            problems.append(Problem(path, 1, f"bad file name '{file.name}': use lowercase letters, "
                                             f"digits and single hyphens, e.g. '{hint}.yaml'"))
            continue
        entry, found = load_file(file, base, path)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    lessons: RawEntry | None = None
    lessons_path = directory / LESSONS_FILE
    if lessons_path.exists():
        lessons, found = load_file(lessons_path, base, f"{shown_dir}{LESSONS_FILE}")
        problems.extend(found)
    return entries, lessons, problems
