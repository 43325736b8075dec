"""Load YAML files safely, keeping the line of every key and item for error messages.

Files: only regular files directly inside the glossary folder are read: symbolic links,
folders, devices and FIFOs are refused, and a file is read through one descriptor opened
without following links, at most :data:`MAX_BYTES` + 1 bytes, whatever ``stat`` says.

YAML: only plain scalars, lists and mappings are accepted: no tags at all (``!!binary``,
``!!str``, ``!custom``, ``!!python/...``: each is a problem at its line, never a value), no
aliases (so alias bombs cannot expand), no duplicate keys, no keys that are lists or
mappings, nothing nested deeper than :data:`MAX_DEPTH`. Scalars are read as text, except
``true``/``false`` and ``null``/``~``/nothing (YAML 1.2's core booleans and null): numbers,
dates and YAML 1.1's ``yes``/``no``/``on``/``off`` stay the text written (no field of a term
is a number or a date, and ``2020-01-01`` stays a string for date fields to parse), so every
value is ``str``, ``bool``, ``None``, a list or a dict.

Limits: a term file over a per-file limit (:func:`limit_problems`: items per list, Markdown
per term, lengths of names, aliases and tags) is refused here, before validation, so no
later step spends time on it. Every failure becomes a :class:`~.problems.Problem`.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossary_site.content.model import LESSONS_FILE_MAX, LIST_MAX
from glossary_site.content.names import (
    NAME_MAX,
    TAG_MAX,
    file_slug_problem,
    length_problem,
    suggest_slug,
)
from glossary_site.content.problems import Problem, display_path, printable
from glossary_site.render.rules import MAX_MARKDOWN_CHARS

MAX_BYTES = 64 * 1024
"""Largest content file accepted; a term is a few kilobytes (the largest, Data Flywheel,
16 KB). The limit also bounds the Markdown renderer's work, which grows faster than the
text on some inputs."""

MAX_DEPTH = 16
"""Deepest nesting of lists and mappings accepted; a term file needs 4."""

KEY_MAX = 64
"""Longest mapping key accepted: keys are field names (the longest, ``former_slugs``, has 12
characters), and an unknown key is quoted in its problem."""

MARKDOWN_TOTAL_MAX = 3 * MAX_MARKDOWN_CHARS
"""Most characters of Markdown one term may hold, definition and section bodies together
(24,000; each field is also held to ``render.rules.MAX_MARKDOWN_CHARS``, 8,000). The largest
real term, Data Flywheel, has 11,217."""

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
    locate: Callable[[], tuple[dict[PathKey, int], dict[PathKey, tuple[int, str]]]] | None = (
        field(default=None, repr=False, compare=False))
    """For an entry whose data came from the build cache: works out ``lines`` and
    ``scalars`` (from the file's bytes) when a line is first asked for; most builds never
    ask, as a file's own problems are kept with its data."""

    def _located(self) -> None:
        if self.locate is not None:
            self.lines, self.scalars = self.locate()
            self.locate = None

    def line(self, loc: PathKey) -> int:
        """Return the line of ``loc``, or of its closest located parent."""
        self._located()
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
        self._located()
        start, style = self.scalars.get(tuple(loc), (self.line(loc), ""))
        if style == "|":
            return start + 1 + line_in_value
        return start + 1 if style == ">" else start


class _Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class PlainLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser when PyYAML has it (about 10x faster), the safe constructor, and a
    resolver that reads every untagged scalar as text but YAML 1.2's booleans and null.

    YAML 1.1's other implicit types are left out: ints (``0x…`` of 3,700 digits became a
    number Python cannot print), floats, timestamps (``2020-01-01`` became a ``date``),
    ``yes``/``no``/``on``/``off``, merge keys (``<<``) and ``=``.
    """

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


PlainLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
PlainLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


_DEPTH_STEP = {yaml.MappingStartEvent: 1, yaml.SequenceStartEvent: 1,
               yaml.MappingEndEvent: -1, yaml.SequenceEndEvent: -1}


def _too_deep(line: int) -> _Refused:
    return _Refused(line, f"lists and mappings are nested more than {MAX_DEPTH} deep")


_TAGGED = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)


def _shown_tag(tag: str) -> str:
    """A tag as it is usually written (``!!binary``), cut short for a message."""
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag.removeprefix("tag:yaml.org,2002:")
    return printable(tag if len(tag) <= 40 else tag[:39] + "…")


def _prescan(text: str, path: str) -> list[Problem]:
    """Read ``text`` event by event when it may nest too deep or hold a tag: raise
    :class:`_Refused` when it nests deeper than :data:`MAX_DEPTH`; return one problem per
    tag (every tag is written with a ``!``, so a text without one skips this)."""
    deep = sum(text.count(c) for c in "[{-:?") >= _SAFE_UNSCANNED
    if not deep and "!" not in text:
        return []
    problems: list[Problem] = []
    loader = PlainLoader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            depth += _DEPTH_STEP.get(type(event), 0)
            if depth > MAX_DEPTH:
                raise _too_deep(event.start_mark.line + 1)
            if isinstance(event, _TAGGED) and event.tag is not None:
                line = event.start_mark.line + 1 if event.start_mark else 1
                problems.append(Problem(path, line, (
                    f"YAML tag '{_shown_tag(event.tag)}' is not allowed: write the value as "
                    "plain text, a list or a mapping, without a tag")))
    finally:
        loader.dispose()
    return problems


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
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise _Refused(line, "a key is a list or a mapping; keys are field names")
            key = key_node.value
            if len(key) > KEY_MAX:
                raise _Refused(line, f"a key is {len(key):,} characters long; keys are field "
                                     f"names such as 'definition' (at most {KEY_MAX})")
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
        tagged = _prescan(text, path)
        if tagged:
            return None, {}, tagged
        loader = PlainLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None, {(): 1}, problems
        lines: dict[PathKey, int] = {}
        _index_lines(node, (), lines, path, problems, set(), 1, scalars)
        try:
            data = loader.construct_document(node)
        except (ValueError, OverflowError, TypeError, AttributeError, KeyError,
                IndexError) as exc:  # no tags and only str/bool/null: not expected
            raise _Refused(1, "invalid YAML value: "
                              f"{printable(exc.__class__.__name__)}") from None
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
    """Read a file as UTF-8 within the size limit (never a link, folder or device), or
    explain why not."""
    raw, problems = read_bytes(file, path)
    if raw is None:
        return None, problems
    return decode(raw, path)


_NAME_LISTS = {"aliases": ("alias", NAME_MAX), "tags": ("tag", TAG_MAX),
               "autolink": ("autolink name", NAME_MAX)}


def _markdown_total(data: dict[Any, Any]) -> list[tuple[PathKey, str]]:
    fields: list[tuple[PathKey, Any]] = [(("definition",), data.get("definition"))]
    sections = data.get("sections")
    if isinstance(sections, list):
        fields += [(("sections", i, "body"), section.get("body"))
                   for i, section in enumerate(sections) if isinstance(section, dict)]
    sizes = [(loc, len(text)) for loc, text in fields if isinstance(text, str)]
    total = sum(size for _, size in sizes)
    if total <= MARKDOWN_TOTAL_MAX:
        return []
    running = 0
    for loc, size in sizes:  # report at the field that goes over the limit
        running += size
        if running > MARKDOWN_TOTAL_MAX:
            return [(loc, f"the definition and section bodies hold {total:,} characters of "
                          f"Markdown; the limit per term is {MARKDOWN_TOTAL_MAX:,} (reached "
                          "in this field): shorten them or split the term")]
    return []  # not reached


def limit_problems(entry: RawEntry) -> list[Problem]:
    """The per-file limits of a term file: one problem per list with more items than
    :data:`~.model.LIST_MAX` allows (at the list's key), per term name, alias,
    ``autolink`` name or tag longer than :data:`~.names.NAME_MAX` or
    :data:`~.names.TAG_MAX` (at the item, with the names rule's message), and for
    Markdown over :data:`MARKDOWN_TOTAL_MAX` in all (at the field that goes over it).

    Values of the wrong type are left to validation. :func:`parse_entry` refuses a file with
    any of these problems, so nothing after the loader sees an over-long name or list.
    """
    data = entry.data
    if not isinstance(data, dict):
        return []
    found: list[tuple[PathKey, str]] = []
    for key, limit in LIST_MAX.items():
        value = data.get(key)
        if isinstance(value, list) and len(value) > limit:
            found.append(((key,), f"'{key}' lists {len(value):,} items; the limit is {limit}"))
    name = data.get("term")
    if isinstance(name, str) and (why := length_problem("term name", name.strip(), NAME_MAX)):
        found.append((("term",), why))
    for key, (label, limit) in _NAME_LISTS.items():
        value = data.get(key)
        if isinstance(value, list) and len(value) <= LIST_MAX[key]:
            for i, item in enumerate(value):
                if isinstance(item, str) and (why := length_problem(label, item.strip(), limit)):
                    found.append(((key, i), why))
    found += _markdown_total(data)
    return [Problem(entry.path, entry.line(loc), message) for loc, message in found]


def lessons_limit_problems(entry: RawEntry) -> list[Problem]:
    """The limit of ``lessons.yaml``: at most :data:`~.model.LESSONS_FILE_MAX`
    lessons (each becomes a page)."""
    data = entry.data
    lessons = data.get("lessons") if isinstance(data, dict) else None
    if isinstance(lessons, list) and len(lessons) > LESSONS_FILE_MAX:
        return [Problem(entry.path, entry.line(("lessons",)), f"'lessons' lists "
                        f"{len(lessons):,} items; the limit is {LESSONS_FILE_MAX}")]
    return []


Limits = Callable[["RawEntry"], list[Problem]]


def parse_entry(raw: bytes, slug: str, path: str, limits: Limits = limit_problems
                ) -> tuple[RawEntry | None, list[Problem]]:
    """Parse a YAML file's bytes into a :class:`RawEntry`, or return the problems found.

    A file over one of its ``limits`` (by default a term file's, :func:`limit_problems`) is
    refused with those problems.
    """
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
    entry = RawEntry(path=path, slug=slug, data=data, lines=lines, scalars=scalars)
    if over := limits(entry):
        return None, over
    return entry, []


def parse_lessons(raw: bytes, slug: str, path: str) -> tuple[RawEntry | None, list[Problem]]:
    """:func:`parse_entry` with the limits of ``lessons.yaml``."""
    return parse_entry(raw, slug, path, lessons_limit_problems)


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
        lessons, found = load_file(lessons_path, base, f"{shown_dir}{LESSONS_FILE}",
                                   parse_lessons)
        problems.extend(found)
    return entries, lessons, problems
