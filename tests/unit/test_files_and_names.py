"""Files and names: what the loader reads, and the names rules of glossary_site.content.names.

Each case is checked at its file and line: the expected line is found in the written file
by a needle (a text on that line), so the test fails if the problem points elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from glossary_site.build.pipeline import check
from glossary_site.content.load import (
    KEY_MAX,
    MARKDOWN_TOTAL_MAX,
    MAX_BYTES,
    MAX_DEPTH,
    parse_entry,
    parse_yaml,
)
from glossary_site.content.model import LESSONS_FILE_MAX, LIST_MAX
from glossary_site.content.names import (
    NAME_MAX,
    RESERVED_LESSON_IDS,
    RESERVED_TERM_SLUGS,
    SLUG_MAX,
    SOURCE_TITLE_MAX,
    TAG_MAX,
    TITLE_MAX,
    invisible_character,
    reserved_anchor,
    slug_problem,
)
from glossary_site.content.problems import Problem

CHARTS = ["loop", "plateau"]


def problems_of(directory: Path) -> list[Problem]:
    return check(directory, chart_ids=CHARTS, base=directory.parent)


def line_with(file: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line holding the ``occurrence``-th ``needle`` in ``file``."""
    seen = 0
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not in {file}")


def sections(*extra: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"title": "How it works", "id": "how-it-works", "body": "It works. " * 5}, *extra]


# (case id, overrides of beta-term.yaml, expected message part, needle, occurrence)
TERM_CASES: list[tuple[str, dict[str, Any], str, str, int]] = [
    ("long term name", {"term": "N" * (NAME_MAX + 1)},
     f"term name is {NAME_MAX + 1} characters long; the limit is {NAME_MAX}", "term: N", 1),
    ("long alias", {"aliases": ["ok", "A" * (NAME_MAX + 1)]},
     f"alias is {NAME_MAX + 1} characters long", "- AAAA", 1),
    ("long tag", {"tags": ["testing", "t" * (TAG_MAX + 1)]},
     f"tag is {TAG_MAX + 1} characters long; the limit is {TAG_MAX}", "- tttt", 1),
    ("long section title", {"sections": sections({"title": "T" * (TITLE_MAX + 1), "id": "x",
                                                  "body": "b"})},
     f"section title is {TITLE_MAX + 1} characters long", "title: TTTT", 1),
    ("long source title", {"sources": [{"key": "textbook", "title": "S" * (SOURCE_TITLE_MAX + 1),
                                        "url": "https://example.org/"}]},
     f"source title is {SOURCE_TITLE_MAX + 1} characters long", "title: SSSS", 1),
    ("zero-width alias", {"aliases": ["Beta\u200bterm"]},
     "alias contains an invisible formatting character (U+200B ZERO WIDTH SPACE)",
     "Beta\\u200Bterm", 1),
    ("bidi override tag", {"tags": ["testing", "\u202eevil"]},
     "tag contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)",
     "\\u202Eevil", 1),
    ("blank-looking name", {"term": "\u3164"},
     "term name contains a character that shows as blank (U+3164 HANGUL FILLER)", "term:", 1),
    ("blank-looking alias", {"aliases": ["Beta\u2800term"]},
     "alias contains a character that shows as blank (U+2800 BRAILLE PATTERN BLANK)",
     "- \"Beta", 1),
    ("control character in name", {"term": "Beta\x07Term"},
     "term name contains a control character (U+0007)", "term:", 1),
    # Python-Markdown reads a carriage return as a line break: "Name\r===" became a heading,
    # "Summary\r\r- item" a list on every page listing the term.
    ("carriage return in name", {"term": "Crname\r===\rafter"},
     "term name contains a control character (U+000D)", "term:", 1),
    ("carriage return in summary", {"summary": "Summary\r\r- injected item"},
     "summary contains a control character (U+000D)", "summary:", 1),
    ("next line in summary", {"summary": "Summary\x85more"},
     "summary contains a control character (U+0085)", "summary:", 1),
    ("line separator in source title", {"sources": [{"key": "textbook", "title": "A\u2028B",
                                                     "url": "https://example.org/"}]},
     "source title contains a line separator (U+2028", "title: \"A", 1),
    ("soft hyphen in section title", {"sections": sections({"title": "Soft\xadhyphen",
                                                            "id": "soft", "body": "b"})},
     "section title contains an invisible formatting character (U+00AD SOFT HYPHEN)",
     "Soft\\xADhyphen", 1),
    ("private use in source title", {"sources": [{"key": "textbook", "title": "Book \ue000",
                                                  "url": "https://example.org/"}]},
     "source title contains a private-use character (U+E000)", "Book", 1),
    ("line separator in alias", {"aliases": ["a\u2028b"]},
     "alias contains a line separator (U+2028 LINE SEPARATOR)", "- \"a", 1),
    ("section id sources", {"sections": sections({"title": "Where", "id": "sources",
                                                  "body": "b"})},
     "section anchor 'sources' is taken by the 'Sources' heading", "id: sources", 1),
    ("section id related-terms", {"sections": sections({"title": "R", "id": "related-terms",
                                                        "body": "b"})},
     "section anchor 'related-terms' is taken by the 'Related terms' heading",
     "id: related-terms", 1),
    ("section id referenced-by", {"sections": sections({"title": "R", "id": "referenced-by",
                                                        "body": "b"})},
     "taken by the former 'Referenced by' heading", "id: referenced-by", 1),
    ("section id mentioned-in", {"sections": sections({"title": "R", "id": "mentioned-in",
                                                       "body": "b"})},
     "taken by the 'Mentioned in' heading", "id: mentioned-in", 1),
    ("section id is the term slug", {"sections": sections({"title": "B", "id": "beta-term",
                                                           "body": "b"})},
     "section anchor 'beta-term' is taken by the term's own heading", "id: beta-term", 1),
    ("section id chart-", {"sections": sections({"title": "C", "id": "chart-loop",
                                                 "body": "b"})},
     "taken by chart figures", "id: chart-loop", 1),
    ("section id letter-", {"sections": sections({"title": "L", "id": "letter-a",
                                                  "body": "b"})},
     "taken by the A–Z letter headings", "id: letter-a", 1),
    ("section id fg-", {"sections": sections({"title": "P", "id": "fg-preview", "body": "b"})},
     "taken by the site's own elements", "id: fg-preview", 1),
    ("section title Sources without id", {"sections": sections({"title": "Sources",
                                                                "body": "b"})},
     "section anchor 'sources' is taken by the 'Sources' heading", "title: Sources", 1),
    ("title with no anchor", {"sections": sections({"title": "???", "body": "b"})},
     "this section title gives no anchor", "title: ???", 1),
    ("section ids collide", {"sections": sections({"title": "Other", "id": "how-it-works",
                                                   "body": "b"})},
     "section anchor 'how-it-works' is used twice", "- title: Other", 1),
    ("chart twice", {"sections": [
        {"title": "One", "body": "b", "chart": "loop"},
        {"title": "Two", "body": "b", "chart": "loop"}]},
     "chart 'loop' is already shown in section 1; a chart appears at most once per page",
     "chart: loop", 2),
    ("former slug index", {"former_slugs": ["old-beta", "index"]},
     "former slug 'index' is reserved", "- index", 1),
    ("former slug 300 characters", {"former_slugs": ["f" * 300]},
     f"is 300 characters long; the limit is {SLUG_MAX}", "- ffff", 1),
    ("related slug too long", {"related": ["alpha-term", "gamma-term", "r" * (SLUG_MAX + 1)]},
     f"is {SLUG_MAX + 1} characters long; the limit is {SLUG_MAX}", "- rrrr", 1),
    ("section id too long", {"sections": sections({"title": "I", "id": "i" * (SLUG_MAX + 1),
                                                   "body": "b"})},
     f"section id 'iiiiiiiiiiiiiiiiiiii…' is {SLUG_MAX + 1} characters long", "id: iiii", 1),
]


@pytest.mark.parametrize(("overrides", "message", "needle", "occurrence"),
                         [case[1:] for case in TERM_CASES], ids=[c[0] for c in TERM_CASES])
def test_names_rule(write_glossary, overrides, message, needle, occurrence):
    directory = write_glossary({"beta-term": overrides})
    file = directory / "beta-term.yaml"
    expected_line = line_with(file, needle, occurrence)
    found = [p for p in problems_of(directory) if message in p.message]
    assert found, [str(p) for p in problems_of(directory)]
    assert found[0].path == "glossary/beta-term.yaml"
    assert found[0].line == expected_line


def test_names_within_limits_pass(write_glossary):
    directory = write_glossary({"beta-term": {
        "term": "N" * NAME_MAX, "aliases": ["Café au lait", "日本語の名前"],
        "tags": ["t" * TAG_MAX, "testing"], "former_slugs": ["f" * SLUG_MAX],
        "sections": sections({"title": "Où ça marche", "id": "where", "body": "b",
                              "chart": "loop"}, {"title": "Other", "body": "b",
                                                 "chart": "plateau"})}})
    assert problems_of(directory) == []


LESSON_BASE = "lessons:\n  - id: ai-strategy-for-your-organisation\n    title: AI Strategy\n" \
              "    level: Practitioner\n    url: ai/\n"

LESSON_CASES = [
    ("lesson id index", "  - id: index\n    title: Everything\n    level: All\n    url: x/\n",
     "lesson id 'index' is reserved (lessons/index.md is the list of every lesson)",
     "- id: index"),
    ("lesson id con", "  - id: con\n    title: Everything\n    level: All\n    url: x/\n",
     "lesson id 'con' is reserved (Windows", "- id: con"),
    ("lesson id too long", f"  - id: {'l' * 65}\n    title: T\n    level: All\n    url: x/\n",
     f"lesson id is 65 characters long; the limit is {SLUG_MAX}", "- id: llll"),
    ("lesson title bidi", '  - id: other\n    title: "Evil\\u202e"\n    level: All\n'
     "    url: x/\n", "lesson title contains an invisible formatting character (U+202E",
     "title: \"Evil"),
    ("lesson level too long", f"  - id: other\n    title: T\n    level: {'L' * 121}\n"
     "    url: x/\n", "lesson level is 121 characters long", "level: LLLL"),
]


@pytest.mark.parametrize(("extra", "message", "needle"), [c[1:] for c in LESSON_CASES],
                         ids=[c[0] for c in LESSON_CASES])
def test_lessons_names_rule(write_glossary, extra, message, needle):
    directory = write_glossary()
    file = directory / "lessons.yaml"
    file.write_text(LESSON_BASE + extra, encoding="utf-8")
    found = [p for p in problems_of(directory) if message in p.message]
    assert found, [str(p) for p in problems_of(directory)]
    assert (found[0].path, found[0].line) == ("glossary/lessons.yaml", line_with(file, needle))


@pytest.mark.parametrize("slug", ["index", "con", "nul", "com1", "lpt9"])
def test_reserved_term_slugs_are_refused(write_glossary, slug):
    directory = write_glossary(slugs=("alpha-term", "beta-term", slug))
    found = [p for p in problems_of(directory) if "is reserved" in p.message]
    assert [(p.path, p.line) for p in found] == [(f"glossary/{slug}.yaml", 1)]
    assert RESERVED_TERM_SLUGS[slug] in found[0].message


@pytest.mark.parametrize("slug", ["sources", "related-terms", "mentioned-in", "chart-loop",
                                  "letter-a", "fg-preview"])
def test_slugs_that_would_repeat_a_heading_id_are_refused(write_glossary, slug):
    """The term's title heading has its slug as id: 'sources.yaml' gave h1#sources and
    h2#sources on one page."""
    directory = write_glossary(raw={f"{slug}.yaml": "term: X\n"})
    found = [p for p in problems_of(directory) if "would give the term's heading" in p.message]
    assert [(p.path, p.line) for p in found] == [(f"glossary/{slug}.yaml", 1)]


def test_reserved_lists_cover_the_index_pages():
    assert "index" in RESERVED_TERM_SLUGS and "index" in RESERVED_LESSON_IDS


BAD_FILE_NAMES = [
    ("trailing newline", "trail\n.yaml", "must be lowercase letters, digits and single hyphens"),
    ("bidi in name", "evil\u202e.yaml", "must be lowercase letters"),
    ("upper case", "Beta.yaml", "e.g. 'beta.yaml'"),
    ("too long", "s" * 65 + ".yaml", f"is 65 characters long; the limit is {SLUG_MAX}"),
    ("yml suffix", "delta.yml", "term files end in '.yaml'"),
]


@pytest.mark.parametrize(("name", "message"), [c[1:] for c in BAD_FILE_NAMES],
                         ids=[c[0] for c in BAD_FILE_NAMES])
def test_bad_file_names(write_glossary, name, message):
    directory = write_glossary(raw={name: "term: X\n"})
    found = [p for p in problems_of(directory) if p.path == f"glossary/{name}"]
    assert len(found) == 1 and found[0].line == 1 and message in found[0].message, found
    assert "\n" not in str(found[0]) and "\u202e" not in str(found[0])


def _symlink(target: str) -> Any:
    def make(directory: Path, name: str) -> None:
        os.symlink(target.replace("{dir}", str(directory)), directory / name)
    return make


def _folder(directory: Path, name: str) -> None:
    (directory / name).mkdir()
    (directory / name / "inner.yaml").write_text("term: X\n")


def _fifo(directory: Path, name: str) -> None:
    os.mkfifo(directory / name)


FILE_KINDS = [
    ("symlink to /dev/zero", _symlink("/dev/zero"), "is a symbolic link"),
    ("symlink outside", _symlink("/etc/hostname"), "is a symbolic link"),
    ("symlink to a term", _symlink("{dir}/alpha-term.yaml"), "is a symbolic link"),
    ("dangling symlink", _symlink("nowhere.yaml"), "is a symbolic link"),
    ("symlink loop", _symlink("loop-term.yaml"), "is a symbolic link"),
    ("folder", _folder, "is a folder"),
    ("fifo", _fifo, "is a FIFO (named pipe)"),
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file kinds")
@pytest.mark.parametrize(("make", "message"), [c[1:] for c in FILE_KINDS],
                         ids=[c[0] for c in FILE_KINDS])
@pytest.mark.parametrize("name", ["loop-term.yaml", "lessons.yaml"])
def test_only_regular_files_are_read(write_glossary, make, message, name):
    directory = write_glossary()
    (directory / name).unlink(missing_ok=True)
    make(directory, name)
    found = [p for p in problems_of(directory) if p.path == f"glossary/{name}"]
    assert [(p.line, p.message) for p in found] == [
        (1, f"{message}; content files must be regular files inside the glossary folder")]


def test_size_limit_reads_at_most_one_byte_more(write_glossary):
    at_limit = ("# " + "x" * (MAX_BYTES - 3) + "\n").encode()
    over = at_limit + b"#"
    directory = write_glossary(raw={"at-limit.yaml": at_limit, "over-limit.yaml": over})
    found = {p.path: p for p in problems_of(directory)}
    assert found["glossary/at-limit.yaml"].message == "file has no content (only comments?)"
    assert found["glossary/over-limit.yaml"].message.startswith("file is larger than")
    assert found["glossary/over-limit.yaml"].line == 1


def nested(depth: int, pad: bool) -> str:
    """A block mapping nested ``depth`` deep (root included), level k starting on line k."""
    lines = ["  " * k + "a:" for k in range(depth - 1)] + ["  " * (depth - 1) + "a: leaf"]
    padding = ["# " + "-" * 300] if pad else []  # enough indicators to force the pre-scan
    return "\n".join(lines + padding) + "\n"


@pytest.mark.parametrize("pad", [False, True], ids=["composed", "pre-scanned"])
def test_nesting_depth_limit(write_glossary, pad):
    directory = write_glossary(raw={"deep-term.yaml": nested(MAX_DEPTH + 1, pad),
                                    "ok-term.yaml": nested(MAX_DEPTH, pad)})
    found = {p.path: p for p in problems_of(directory)}
    deep = found["glossary/deep-term.yaml"]
    assert deep.message == f"lists and mappings are nested more than {MAX_DEPTH} deep"
    assert deep.line == MAX_DEPTH + 1
    assert "nested" not in found["glossary/ok-term.yaml"].message


@pytest.mark.parametrize(("text", "line"), [
    # Each under MAX_BYTES (64 KiB). 100,000 "[" crashed libyaml's composer (SIGSEGV)
    # before the pre-scan; the size limit now refuses such a file even earlier.
    ("x: " + "[" * 60_000, 1),
    ("x: " + "[" * 30_000 + "]" * 30_000, 1),
    ("x:\n" + "".join(" " * i + "- \n" for i in range(300)), MAX_DEPTH + 1),
    ("x: " + "{a: " * 15_000, 1)])
def test_very_deep_nesting_is_a_problem_not_a_crash(write_glossary, text, line):
    directory = write_glossary(raw={"deep-term.yaml": text})
    found = [p for p in problems_of(directory) if p.path == "glossary/deep-term.yaml"]
    assert [(p.line, p.message) for p in found] == [
        (line, f"lists and mappings are nested more than {MAX_DEPTH} deep")]


@pytest.mark.parametrize(("text", "value"), [
    # YAML 1.1 would give a date, ints, floats, booleans, a merge key and a value key here
    ("2020-01-01", "2020-01-01"), ("2024-13-45", "2024-13-45"),
    ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
    ("1984", "1984"), ("0x1F", "0x1F"), ("0o17", "0o17"), ("1_000", "1_000"),
    ("190:20:30", "190:20:30"), ("3.14", "3.14"), ("1e400", "1e400"), (".inf", ".inf"),
    (".NaN", ".NaN"), ("yes", "yes"), ("No", "No"), ("on", "on"), ("OFF", "OFF"),
    ("<<", "<<"), ("=", "="), ("'true'", "true"), ('"1"', "1"),
    # YAML 1.2's core booleans and null stay
    ("true", True), ("False", False), ("TRUE", True), ("null", None), ("~", None),
    ("", None), ("NULL", None)])
def test_scalars_are_text_but_booleans_and_null(text, value):
    data, _lines, problems = parse_yaml(f"x: {text}\n", "p.yaml")
    assert problems == [] and data == {"x": value}
    assert type(data["x"]) is type(value)


def test_dates_and_numbers_are_accepted_as_text(write_glossary):
    directory = write_glossary({"beta-term": {"aliases": ["placeholder"]}})
    file = directory / "beta-term.yaml"
    text = file.read_text().replace("- placeholder", "- 2020-01-01\n- 1984\n- 3.14\n- no")
    file.write_text(text)
    assert problems_of(directory) == []
    entry, _ = parse_entry(file.read_bytes(), "beta-term", "beta-term.yaml")
    assert entry is not None and entry.data["aliases"] == ["2020-01-01", "1984", "3.14", "no"]


TAGS = ["!!binary aGk=", "!!str x", "!!int 1", "!!float 1.5", "!!bool true", "!!null ''",
        "!!timestamp 2020-01-01", "!!python/object:os.system x", "!!python/name:os.system ''",
        "!custom x", "!!set {a: null}", "!!omap [{a: 1}]", "!!pairs [{a: 1}]", "!!seq [a]",
        "!!map {a: 1}", "! x", "!<tag:yaml.org,2002:str> x", "!<!> x", "!!merge <<",
        "!!value ="]


@pytest.mark.parametrize("tagged", TAGS)
@pytest.mark.parametrize("where", ["value", "item", "key", "nested"])
def test_every_tag_is_a_problem_at_its_line(tagged, where):
    """Any tag, even one that gives the value it would have untagged, is refused: values
    reach the model only as plain scalars, lists and mappings."""
    text = {"value": f"a: 1\nb: {tagged}\n",
            "item": f"a: 1\nb:\n  - x\n  - {tagged}\n",
            "key": f"a: 1\n{tagged}: x\n" if where == "key" and "[" not in tagged
                   and "{" not in tagged else f"a: 1\nb: {tagged}\n",
            "nested": f"a: 1\nb:\n  c:\n    - {{d: {tagged}}}\n"}[where]
    line = {"value": 2, "item": 4, "key": 2, "nested": 4}[where]
    data, _lines, problems = parse_yaml(text, "p.yaml")
    assert data is None
    assert [(p.line, p.message.split("'")[0]) for p in problems] == [(line, "YAML tag ")], \
        problems


def test_each_tag_of_a_file_is_reported():
    text = "a: !!str x\nb: ok\nc: [!!int 1, !x y]\nd: !!binary aGk=\n"
    _data, _lines, problems = parse_yaml(text, "p.yaml")
    assert [(p.line, p.message.split(" is ")[0]) for p in problems] == [
        (1, "YAML tag '!!str'"), (3, "YAML tag '!!int'"), (3, "YAML tag '!x'"),
        (4, "YAML tag '!!binary'")]


def test_a_binary_definition_is_refused_at_its_line(write_glossary):
    """``!!binary`` bytes became the rendered string, past every Markdown rule."""
    directory = write_glossary()
    file = directory / "beta-term.yaml"
    lines = file.read_text().splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("definition:"))
    lines[start:start + 1] = ["definition: !!binary |", "  PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="]
    file.write_text("\n".join(lines) + "\n")
    found = problems_of(directory)
    assert [(p.path, p.line) for p in found] == [("glossary/beta-term.yaml", start + 1)], found
    assert "YAML tag '!!binary' is not allowed" in found[0].message


@pytest.mark.parametrize(("text", "line", "message"), [
    ("a: 1\n? [x, y]\n: z\n", 2, "a key is a list or a mapping"),
    ("a: 1\n? {x: y}\n: z\n", 2, "a key is a list or a mapping"),
    ("a: 1\n[x]: z\n", 2, "a key is a list or a mapping"),
    ("a: 1\n? 0x" + "f" * 3_700 + "\n: z\n", 2, "a key is 3,702 characters long"),
    ("a: 1\n" + "k" * (KEY_MAX + 1) + ": z\n", 2, f"a key is {KEY_MAX + 1} characters")])
def test_keys_are_short_plain_text(text, line, message):
    _data, _lines, problems = parse_yaml(text, "p.yaml")
    assert [p.line for p in problems] == [line] and message in problems[0].message, problems
    assert len(problems[0].message) < 200


@pytest.mark.parametrize("level", ["0x" + "F" * 4000, ":".join(["1"] * 3000)])
def test_a_huge_number_is_text_not_a_traceback(write_glossary, level):
    """YAML 1.1 read these as integers of thousands of digits, which Python 3.11 cannot
    print; they are text now, shown cut short."""
    directory = write_glossary(raw={"huge-term.yaml": f"term: Huge\nlevel: {level}\n"})
    found = [p for p in problems_of(directory) if p.path == "glossary/huge-term.yaml"]
    assert any(p.line == 2 and "'level' must be one of" in p.message for p in found), found
    assert all(len(p.message) < 300 for p in found)


def test_a_key_of_thousands_of_hex_digits_is_refused(write_glossary):
    """It was an int that ``scaffold._placeholder_locs`` called ``str()`` on: check and
    build ended in a ValueError."""
    text = yaml.safe_dump({"term": "Hex"}) + "? 0x" + "f" * 3_700 + "\n: TODO\n"
    directory = write_glossary(raw={"hex-term.yaml": text})
    found = [p for p in problems_of(directory) if p.path == "glossary/hex-term.yaml"]
    assert [(p.line, p.message.split(";")[0]) for p in found] == [
        (2, "a key is 3,702 characters long")]


# --- per-file limits: a file over one is refused by the loader, at the list or field ----------

def _items(field: str, n: int) -> list[Any]:
    if field == "sections":
        return [{"title": f"S{i}", "id": f"s{i}", "body": "It works."} for i in range(n)]
    if field == "sources":
        return [{"title": f"S{i}", "url": f"https://example.org/{i}"} for i in range(n)]
    if field in ("related", "lessons", "former_slugs"):
        return [f"x{i}" for i in range(n)]
    return [f"Name {i}" for i in range(n)]


@pytest.mark.parametrize("field", sorted(LIST_MAX))
def test_list_limits(write_glossary, field):
    limit = LIST_MAX[field]
    directory = write_glossary({"beta-term": {field: _items(field, limit)}})
    found = [p for p in problems_of(directory) if "items; the limit is" in p.message]
    assert found == [], found  # at the limit: other problems maybe, never the limit's
    directory = write_glossary({"beta-term": {field: _items(field, limit + 1)}})
    file = directory / "beta-term.yaml"
    assert [(p.path, p.line, p.message) for p in problems_of(directory)] == [
        ("glossary/beta-term.yaml", line_with(file, f"{field}:"),
         f"'{field}' lists {limit + 1} items; the limit is {limit}")]


def test_a_list_over_its_limit_is_reported_once_not_per_item(write_glossary):
    directory = write_glossary({"beta-term": {"aliases": ["A" * 100] * 500}})
    assert [p.message for p in problems_of(directory)] == [
        f"'aliases' lists 500 items; the limit is {LIST_MAX['aliases']}"]


@pytest.mark.parametrize(("overrides", "needle", "message"), [
    ({"term": "N" * 5_000}, "term: N", "term name is 5,000 characters long; the limit is 80"),
    ({"aliases": ["ok", "A" * 5_000]}, "- AAAA", "alias is 5,000 characters long; the limit is 80"),
    ({"tags": ["testing", "t" * 5_000]}, "- tttt", "tag is 5,000 characters long; the limit is 40"),
    ({"autolink": ["Beta Term", "A" * 81]}, "- AAAA",
     "autolink name is 81 characters long; the limit is 80"),
])
def test_an_over_long_name_is_reported_once_and_never_reaches_the_linker(
        write_glossary, overrides, needle, message):
    """A 5,000-character name ended check in a RecursionError in the linker."""
    directory = write_glossary({"beta-term": overrides})
    file = directory / "beta-term.yaml"
    assert [(p.path, p.line, p.message) for p in problems_of(directory)] == [
        ("glossary/beta-term.yaml", line_with(file, needle), message)]


def _bodies(sizes: list[int]) -> list[dict[str, str]]:
    return [{"title": f"Part {i}", "id": f"part-{i}", "body": f"Part{i} " + "w" * (n - 6)}
            for i, n in enumerate(sizes)]


def test_markdown_limit_per_term(write_glossary):
    definition = "A definition. " * 10
    room = MARKDOWN_TOTAL_MAX - len(definition)
    within = _bodies([room // 4] * 3 + [room - 3 * (room // 4)])
    directory = write_glossary({"beta-term": {"definition": definition, "sections": within}})
    assert not [p for p in problems_of(directory) if "characters of Markdown" in p.message]
    over = _bodies([room // 4] * 3 + [room - 3 * (room // 4) + 1, 10])
    directory = write_glossary({"beta-term": {"definition": definition, "sections": over}})
    file = directory / "beta-term.yaml"
    total = MARKDOWN_TOTAL_MAX + 1 + 10
    assert [(p.path, p.line, p.message) for p in problems_of(directory)] == [
        ("glossary/beta-term.yaml", line_with(file, "Part3 "),
         f"the definition and section bodies hold {total:,} characters of Markdown; the limit "
         f"per term is {MARKDOWN_TOTAL_MAX:,} (reached in this field): shorten them or split "
         "the term")]


def test_lessons_file_limit(write_glossary):
    directory = write_glossary()
    file = directory / "lessons.yaml"
    lessons = [{"id": f"l{i}", "title": "T", "level": "L", "url": f"l{i}/"}
               for i in range(LESSONS_FILE_MAX + 1)]
    file.write_text(yaml.safe_dump({"lessons": lessons}))
    found = [p for p in problems_of(directory) if p.path == "glossary/lessons.yaml"]
    assert [(p.line, p.message) for p in found] == [
        (1, f"'lessons' lists {LESSONS_FILE_MAX + 1:,} items; the limit is {LESSONS_FILE_MAX}")]


def test_terms_at_every_limit_are_checked_quickly(write_glossary):
    """The cost at the limits, not only the crashes: terms as large as the loader accepts
    (every list full, names at their longest, all the Markdown allowed, full of mentions of
    another term's names so the linker has work) are checked in well under a second."""
    names = [f"{'Word' * 15} {i:03d} {'x' * 10}"[:NAME_MAX] for i in range(LIST_MAX["aliases"])]

    def full(link: str) -> dict[str, Any]:
        text = " ".join(f"[[{link}]] {name} *{name}*" for name in names) + " "
        body = (text * (7_900 // len(text) + 1))[:7_900].rsplit(" ", 1)[0]
        cites = " ".join(f"[@s{i}]" for i in range(LIST_MAX["sources"]))
        return {
            "definition": body[: MARKDOWN_TOTAL_MAX - 3 * len(body) - 2 - len(cites)]
            .rsplit(" ", 1)[0] + " " + cites,
            "sections": [{"title": f"S{i}", "id": f"s{i}", "body": body} for i in range(3)],
            "tags": [f"t{i:02d}" + "g" * (TAG_MAX - 3) for i in range(LIST_MAX["tags"])],
            "sources": [{"key": f"s{i}", "title": f"S{i}", "url": f"https://example.org/{i}"}
                        for i in range(LIST_MAX["sources"])]}

    directory = write_glossary({"alpha-term": full("beta-term"), "gamma-term": full("beta-term"),
                                "beta-term": {**full("alpha-term"), "aliases": names}})
    found = problems_of(directory)  # its cost: benchmarks/hostile.py
    assert found == [], found


@pytest.mark.parametrize(("value", "ok"), [("a", True), ("a-b-9", True), ("a\n", False),
                                           ("a--b", False), ("-a", False), ("A", False),
                                           ("a" * SLUG_MAX, True), ("a" * (SLUG_MAX + 1), False),
                                           ("", False), ("é", False)])
def test_slug_problem(value, ok):
    assert (slug_problem(value) is None) is ok


@pytest.mark.parametrize(("text", "found"), [("plain", None), ("Café 日本", None),
                                             ("a\u200db", "U+200D"), ("a\u2066b", "U+2066"),
                                             ("a\tb", "U+0009"), ("\ufeffa", "U+FEFF")])
def test_invisible_character(text, found):
    result = invisible_character(text)
    assert (result is None) if found is None else (found in str(result))


def test_reserved_anchor():
    assert reserved_anchor("how-it-works", "x") is None
    assert reserved_anchor("x", "x") == "the term's own heading"
    assert reserved_anchor("chart-moat", "x") is not None


@pytest.mark.parametrize(("content", "line", "char"), [(b"term: X\nsummary: a\x00b\n", 2, "0000"),
                                                       (b"term: X\x1b[31m\n", 1, "001B")])
def test_characters_yaml_refuses_are_reported_at_their_line(write_glossary, content, line, char):
    directory = write_glossary(raw={"nul-term.yaml": content})
    found = [p for p in problems_of(directory) if p.path == "glossary/nul-term.yaml"]
    assert [(p.line, p.message) for p in found] == [
        (line, f"invalid YAML: the character U+{char} is not allowed; remove it")]


def test_a_huge_file_is_never_read_whole(write_glossary, monkeypatch):
    directory = write_glossary()
    huge = directory / "huge-term.yaml"
    with huge.open("wb") as out:
        out.truncate(10 * 1024**3)  # 10 GB, sparse: nothing is written to disk
    read = []
    real_read = os.read

    def counting_read(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    found = [p for p in problems_of(directory) if p.path == "glossary/huge-term.yaml"]
    assert [(p.line, p.message) for p in found] == [
        (1, f"file is larger than {MAX_BYTES:,} bytes, the limit")]
    assert sum(read) <= MAX_BYTES + 1 + 4 * 4096  # the three other terms are small
