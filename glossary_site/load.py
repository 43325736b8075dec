"""Load YAML files safely, keeping the line of every key and item for error messages.

Files: only regular files directly inside the glossary folder are read: symbolic links,
folders, devices and FIFOs are refused, and a file is read through one descriptor opened
without following links, at most :data:`MAX_BYTES` + 1 bytes, whatever ``stat`` says.

YAML: only plain YAML is accepted: no tags that build Python objects (the safe loader), no
aliases (so alias bombs cannot expand), no duplicate keys, nothing nested deeper than
:data:`MAX_DEPTH`. Every failure becomes a :class:`~glossary_site.problems.Problem`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .names import file_slug_problem, suggest_slug
from .problems import Problem, display_path, printable

MAX_BYTES = 64 * 1024
"""Largest content file accepted; a term is a few kilobytes (the largest, Data Flywheel,
16 KB). The limit also bounds the Markdown renderer's work, which grows faster than the
text on some inputs."""

MAX_DEPTH = 16
"""Deepest nesting of lists and mappings accepted; a term file needs 4."""

_SAFE_UNSCANNED = 200
"""Texts with fewer nesting indicators than this cannot nest deep enough to hurt libyaml's
recursive composer, so they skip the depth pre-scan (every collection needs one of
``[ { - : ?``). Larger ones are scanned event by event first: a file nested 40,000 deep
crashes the composer (a C stack overflow, not an exception)."""

PathKey = tuple[str | int, ...]


@dataclass
class RawEntry:
    """A parsed YAML document with the line numbers of its keys and items."""

    path: str
    slug: str
    data: Any
    lines: dict[PathKey, int] = field(default_factory=dict)
    scalars: dict[PathKey, tuple[int, str]] = field(default_factory=dict)
    """Each string value's first line (of its ``|``/``>`` indicator for a block) and style
    (``|``, ``>``, ``"``, ``'`` or ``""`` for plain)."""

    def line(self, loc: PathKey) -> int:
        """Return the line of ``loc``, or of its closest located parent."""
        key = tuple(loc)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def text_line(self, loc: PathKey, line_in_value: int) -> int:
        """The file line of line ``line_in_value`` (from 0) of the string at ``loc``.

        Exact in a literal block (``|``), whose lines are the file's lines. Elsewhere YAML
        folds line breaks and decodes escapes (``"a\\nb"`` is two lines of text on one line
        of the file), so the line where the text starts is given: never a line past it.
        """
        start, style = self.scalars.get(tuple(loc), (self.line(loc), ""))
        if style == "|":
            return start + 1 + line_in_value
        return start + 1 if style == ">" else start


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML has it (about 10x faster), with the safe constructor."""

_DEPTH_STEP = {yaml.MappingStartEvent: 1, yaml.SequenceStartEvent: 1,
               yaml.MappingEndEvent: -1, yaml.SequenceEndEvent: -1}


def _too_deep(line: int) -> _Refused:
    return _Refused(line, f"lists and mappings are nested more than {MAX_DEPTH} deep")


def _check_depth(text: str) -> None:
    """Raise :class:`_Refused` when ``text`` nests deeper than :data:`MAX_DEPTH`."""
    if sum(text.count(c) for c in "[{-:?") < _SAFE_UNSCANNED:
        return
    loader = _Loader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            depth += _DEPTH_STEP.get(type(event), 0)
            if depth > MAX_DEPTH:
                raise _too_deep(event.start_mark.line + 1)
    finally:
        loader.dispose()


def _index_lines(node: Node, loc: PathKey, lines: dict[PathKey, int], path: str,
                 problems: list[Problem], seen_nodes: set[int], at: int = 1,
                 scalars: dict[PathKey, tuple[int, str]] | None = None) -> None:
    # An alias makes the composer reuse a node: refusing reuse stops alias bombs before
    # anything is expanded. Anchors alone are harmless but have no use in a term file.
    if id(node) in seen_nodes:
        raise _Refused(at, "YAML aliases (*name) are not allowed")
    if len(loc) >= MAX_DEPTH and isinstance(node, MappingNode | SequenceNode):
        raise _too_deep(node.start_mark.line + 1)  # the root is at depth 1
    seen_nodes.add(id(node))
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, ScalarNode):
        if scalars is not None:
            scalars[loc] = (node.start_mark.line + 1, node.style or "")
    elif isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in seen:
                problems.append(Problem(path, line, f"duplicate key '{printable(key)[:80]}' "
                                                    f"(first on line {seen[key]})"))
            seen.setdefault(key, line)
            _index_lines(value_node, (*loc, key), lines, path, problems, seen_nodes, line,
                         scalars)
            lines[(*loc, key)] = line
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, (*loc, i), lines, path, problems, seen_nodes, lines[loc],
                         scalars)


def parse_yaml(text: str, path: str, scalars: dict[PathKey, tuple[int, str]] | None = None
               ) -> tuple[Any, dict[PathKey, int], list[Problem]]:
    """Parse one YAML document; return its data, line index and any problems. ``scalars``
    receives each string value's first line and style (:attr:`RawEntry.scalars`)."""
    problems: list[Problem] = []
    loader: yaml.SafeLoader | None = None
    try:
        _check_depth(text)
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return None, {(): 1}, problems
        lines: dict[PathKey, int] = {}
        _index_lines(node, (), lines, path, problems, set(), 1, scalars)
        try:
            data = loader.construct_document(node)
        except (ValueError, OverflowError, TypeError) as exc:  # e.g. a date such as 2024-13-45
            raise _Refused(1, f"invalid YAML value: {printable(str(exc))[:200]}") from None
        except (AttributeError, KeyError, IndexError):  # e.g. '!!bool maybe', an empty '!!int'
            raise _Refused(1, "invalid YAML value: a value does not fit its tag (such as "
                              "!!bool, !!int, !!float or !!timestamp)") from None
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
        return None, {}, [Problem(path, line, f"invalid YAML: {printable(what)}"
                                              f"{printable(context)}")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, such as NUL
        line = text[: exc.position].count("\n") + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
        return None, {}, [Problem(path, line, f"invalid YAML: the character U+{char:04X} is not "
                                              "allowed; remove it")]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(path, 1, f"invalid YAML: {printable(str(exc))[:200]}")]
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines, problems


_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
"""Open without following a link and without waiting on a FIFO's writer."""


def _kind(mode: int) -> str | None:
    """What a non-regular file is, or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def read_bytes(file: Path, path: str) -> tuple[bytes | None, list[Problem]]:
    """Read a regular file (never a link, folder or device) up to :data:`MAX_BYTES`."""

    def refuse(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(path, 1, message)]

    try:
        kind = _kind(os.lstat(file).st_mode)
        if kind:
            return refuse(f"is {kind}; content files must be regular files inside the "
                          "glossary folder")
        fd = os.open(file, _OPEN_FLAGS)
    except OSError as exc:
        return refuse(f"cannot be read: {exc.strerror or exc}")
    try:
        kind = _kind(os.fstat(fd).st_mode)  # it may have been swapped since lstat
        if kind:
            return refuse(f"is {kind}; content files must be regular files inside the "
                          "glossary folder")
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES and (chunk := os.read(fd, MAX_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return refuse(f"cannot be read: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if size > MAX_BYTES:
        return refuse(f"file is larger than {MAX_BYTES:,} bytes, the limit")
    return b"".join(chunks), []


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """A file's bytes as UTF-8 text (without a byte-order mark), or explain why not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, f"file is not UTF-8 (byte 0x{raw[exc.start]:02x} "
                                          f"at offset {exc.start}); save it as UTF-8")]
    return text.removeprefix("\ufeff"), []


def read_text(file: Path, path: str) -> tuple[str | None, list[Problem]]:
    """Read a file as UTF-8 within the size limit, or explain why not."""
    raw, problems = read_bytes(file, path)
    if raw is None:
        return None, problems
    return decode(raw, path)


def parse_entry(raw: bytes, slug: str, path: str) -> tuple[RawEntry | None, list[Problem]]:
    """Parse a YAML file's bytes into a :class:`RawEntry`, or return the problems found."""
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    if not text.strip():
        return None, [Problem(path, 1, "file is empty")]
    scalars: dict[PathKey, tuple[int, str]] = {}
    data, lines, problems = parse_yaml(text, path, scalars)
    if data is None and not problems:
        problems = [Problem(path, 1, "file has no content (only comments?)")]
    if problems:
        return None, problems
    return RawEntry(path=path, slug=slug, data=data, lines=lines, scalars=scalars), []


Parse = Callable[[bytes, str, str], tuple[RawEntry | None, list[Problem]]]
"""What turns a file's bytes, slug and shown path into an entry: :func:`parse_entry`, or
the same with a memory (:meth:`glossary_site.memo.EngineMemos.parse_term`)."""


def load_file(file: Path, base: Path | None = None, path: str | None = None,
              parse: Parse = parse_entry) -> tuple[RawEntry | None, list[Problem]]:
    """Load one YAML file into a :class:`RawEntry`, or return the problems found.

    ``path`` is how messages name the file (default: relative to ``base`` or the cwd).
    """
    path = path or display_path(file, base)
    raw, problems = read_bytes(file, path)
    if raw is None:
        return None, problems
    return parse(raw, file.stem, path)


LESSONS_FILE = "lessons.yaml"


def term_files(directory: Path) -> list[Path]:
    """Return the term files of a glossary directory, sorted (every ``*.y*ml`` but lessons)."""
    try:
        return sorted(p for p in directory.glob("*.y*ml") if p.name != LESSONS_FILE)
    except OSError:
        return []


def _file_name_problem(file: Path, path: str) -> Problem | None:
    if file.suffix != ".yaml":
        return Problem(path, 1, f"term files end in '.yaml'; rename to "
                                f"'{suggest_slug(file.stem)}.yaml'")
    if why := file_slug_problem(file.stem):
        return Problem(path, 1, why)
    return None


def load_directory(directory: Path, base: Path | None = None, parse: Parse = parse_entry
                   ) -> tuple[list[RawEntry], RawEntry | None, list[Problem]]:
    """Load every term file and ``lessons.yaml`` of ``directory``, collecting all problems;
    ``parse`` reads the term files."""
    problems: list[Problem] = []
    entries: list[RawEntry] = []
    shown = display_path(directory, base)
    shown_dir = "" if shown == "." else shown.rstrip("/") + "/"
    for file in term_files(directory):
        path = f"{shown_dir}{file.name}"
        if bad := _file_name_problem(file, path):
            problems.append(bad)
            continue
        entry, found = load_file(file, base, path, parse)
        problems.extend(found)
        if entry is not None:
            entries.append(entry)
    lessons: RawEntry | None = None
    lessons_path = directory / LESSONS_FILE
    if os.path.lexists(lessons_path):
        lessons, found = load_file(lessons_path, base, f"{shown_dir}{LESSONS_FILE}")
        problems.extend(found)
    return entries, lessons, problems
