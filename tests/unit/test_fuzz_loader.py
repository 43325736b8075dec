"""No content input produces a traceback: hypothesis fuzzes the loader and the checker.

Inputs: arbitrary bytes, YAML-ish text built from YAML's own punctuation and the term keys,
arbitrary nested data dumped to YAML in place of a field of a valid term (and of
``lessons.yaml``), Python objects dumped with their tags, and arbitrary file names. Every run
must return a list of :class:`Problem`, each one printable on one line with a line number of
at least 1; what the loader accepts holds only text, booleans, null, lists and mappings, and
never came through a tag.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from glossary_site.build.pipeline import check
from glossary_site.content.load import parse_yaml
from glossary_site.content.model import SECTION_KEYS, TERM_KEYS
from glossary_site.content.names import slug_problem
from glossary_site.content.problems import Problem

SLUGS = ("alpha-term", "beta-term", "gamma-term")
LESSONS = {"lessons": [{"id": "a-lesson", "title": "A Lesson", "level": "Practitioner",
                        "url": "a-lesson/"}]}


def term_data(slug: str, related: list[str]) -> dict[str, Any]:
    """A valid term (this module cannot import conftest: pytest resolves another one)."""
    name = slug.replace("-", " ").title()
    return {"term": name, "summary": f"{name} is a term used in tests.",
            "definition": "A flywheel turns use into data and data into a better model. " * 15
                          + "[@textbook]",
            "level": "introductory", "tags": ["testing"], "related": related,
            "lessons": ["a-lesson"],
            "sections": [{"title": "How it works", "id": "how-it-works", "body": "Works."},
                         {"title": "Why it matters", "body": "It matters.", "chart": "loop"}],
            "sources": [{"key": "textbook", "title": "A textbook",
                         "url": "https://example.org/book"}],
            "added": "2026-01-05", "reviewed": "2026-01-05"}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
"""Examples per fuzz test; raise it for a longer hunt (``FUZZ_EXAMPLES=3000 pytest -k fuzz``)."""
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_problems(found: Any) -> None:
    assert isinstance(found, list)
    for problem in found:
        assert isinstance(problem, Problem)
        assert isinstance(problem.line, int) and problem.line >= 1
        assert problem.message
        assert "\n" not in str(problem) and "\r" not in str(problem)


def check_with(files: dict[str, bytes]) -> list[Problem]:
    """Write a valid glossary plus ``files`` (name → bytes) to a temp folder and check it."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "glossary"
        directory.mkdir()
        (directory / "lessons.yaml").write_text(yaml.safe_dump(LESSONS))
        for slug in SLUGS:
            related = [other for other in SLUGS if other != slug]
            (directory / f"{slug}.yaml").write_text(yaml.safe_dump(term_data(slug, related)))
        for name, content in files.items():
            (directory / name).write_bytes(content)
        found = check(directory, chart_ids=["loop"], base=Path(tmp))
    assert_problems(found)
    return found


TOKENS = [*TERM_KEYS, *SECTION_KEYS, "lessons", "-", "- ", ": ", ":", "[", "]", "{", "}", ",",
          "?", "!", "!!python/object:os.system", "&a", "*a", "#", "|", ">", "'", '"', "\n",
          "\n  ", "\n    ", " ", "\t", "%YAML 1.1", "---", "...", "~", "null", "1e400",
          "2024-13-45", "0x", "<<", "=", "\\", "\\u202e", "\u202e", "\x00", "\ufeff", "é",
          "x" * 70, "index", "sources", "loop", "alpha-term", "https://", "javascript:",
          "!!binary ", "!!str ", "!x ", "! ", "!<tag:yaml.org,2002:str> ", "!!set ", "!!omap ",
          "%TAG !e! tag:e.org,2000:\n---\n", "!e!x ", "2020-01-01", "yes", "no", "on", "0o7",
          "1_000", "1:30", ".inf", "true", "NULL", "aGk="]
yamlish = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.sampled_from(["index", "sources", "loop",
                                                           "alpha-term", "\u202e", "x" * 300]))
nested = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from([*TERM_KEYS, *SECTION_KEYS]),
                              st.text(max_size=8), st.integers(), st.none(), st.booleans(),
                              st.floats()), inner, max_size=4)),
    max_leaves=20)


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\xff\xfe\x00")
@example(b"x: " + b"[" * 60_000)
def test_arbitrary_bytes(content):
    check_with({"fuzz-term.yaml": content})


@FUZZ
@given(yamlish)
def test_yamlish_text_as_term(text):
    check_with({"fuzz-term.yaml": text.encode("utf-8", "surrogatepass")})


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(yamlish)
@example("x: !!timestamp x")  # these raised AttributeError, KeyError, IndexError in PyYAML
@example("x: !!bool maybe")
@example("x: !!float")
@example("!!int")
def test_yamlish_text_parse(text):
    data, lines, problems = parse_yaml(text, "p.yaml")
    assert_problems(problems)


def plain(value: Any) -> bool:
    """Only text, booleans, null, lists and mappings with such keys."""
    if value is None or isinstance(value, str | bool):
        return True
    if isinstance(value, list):
        return all(plain(v) for v in value)
    if isinstance(value, dict):
        return all((k is None or isinstance(k, str | bool)) and plain(v) for k, v in value.items())
    return False


def has_tag(text: str) -> bool:
    try:
        return any(getattr(event, "tag", None) is not None for event in yaml.parse(text))
    except yaml.YAMLError:
        return False


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(yamlish)
@example("x: !!binary aGk=")
@example("x: ! 1")
@example("%TAG !e! tag:e.org,2000:\n---\nx: !e!y 1")
@example("x: [2020-01-01, 0x1F, 1.5, yes, <<, =, 1_000, 1:30, .nan]")
def test_accepted_yaml_is_plain_and_untagged(text):
    data, _lines, problems = parse_yaml(text, "p.yaml")
    if not problems:
        assert plain(data), data
        assert not has_tag(text), text
    elif has_tag(text) and not any("invalid YAML" in p.message for p in problems):
        assert all(p.message.startswith("YAML tag") for p in problems), problems


objects = st.recursive(
    st.one_of(scalars, st.binary(max_size=20), st.dates(), st.datetimes(),
              st.frozensets(st.integers(), max_size=3), st.tuples(st.text(max_size=5)),
              st.complex_numbers(allow_nan=False, allow_infinity=False)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=10)


@FUZZ
@given(st.sampled_from([*TERM_KEYS, "extra"]), objects)
@example("definition", b"<script>alert(1)</script>")
@example("summary", datetime.date(2020, 1, 1))
@example("aliases", ("a", "b"))
def test_python_objects_dumped_with_their_tags_are_refused(key, value):
    """PyYAML's full dumper writes bytes as !!binary, dates as timestamps, tuples and sets
    with python tags: a tagged value is refused at its line, never read."""
    data = term_data("fuzz-term", ["alpha-term", "beta-term"])
    data[key] = value
    text = yaml.dump(data, allow_unicode=True)
    found = [p for p in check_with({"fuzz-term.yaml": text.encode()})
             if p.path == "glossary/fuzz-term.yaml"]
    if has_tag(text):
        assert found and all(p.message.startswith("YAML tag") for p in found), found


@FUZZ
@given(st.sampled_from([*TERM_KEYS, "extra"]), nested)
def test_nested_data_in_a_term_field(key, value):
    data = term_data("fuzz-term", ["alpha-term", "beta-term"])
    data[key] = value
    check_with({"fuzz-term.yaml": yaml.safe_dump(data, allow_unicode=True).encode()})


@FUZZ
@given(st.sampled_from([*SECTION_KEYS, "extra"]), nested)
def test_nested_data_in_a_section(key, value):
    data = term_data("fuzz-term", ["alpha-term", "beta-term"])
    data["sections"][0][key] = value
    check_with({"fuzz-term.yaml": yaml.safe_dump(data, allow_unicode=True).encode()})


@FUZZ
@given(nested)
def test_nested_data_as_a_whole_file(value):
    check_with({"fuzz-term.yaml": yaml.safe_dump(value, allow_unicode=True).encode()})


@FUZZ
@given(st.sampled_from(["id", "title", "level", "url", "extra"]), nested)
def test_nested_data_in_lessons(key, value):
    lessons = {"lessons": [dict(LESSONS["lessons"][0])]}
    lessons["lessons"][0][key] = value
    check_with({"lessons.yaml": yaml.safe_dump(lessons, allow_unicode=True).encode()})


def _usable(name: str) -> bool:
    """A name the file system accepts (and short enough with its suffix)."""
    return (name not in ("", ".", "..") and "/" not in name and "\x00" not in name
            and len(name.encode("utf-8", "surrogatepass")) <= 200
            and not any(0xD800 <= ord(c) <= 0xDFFF for c in name))


@FUZZ
@given(st.text(min_size=1, max_size=60).filter(_usable),
       st.sampled_from([".yaml", ".yml", "", ".YAML"]))
@example("trail\n", ".yaml")
@example("index", ".yaml")
@example("lessons", ".yaml")
@example("\u202eevil", ".yaml")
def test_arbitrary_file_names(stem, suffix):
    name = stem + suffix
    content = yaml.safe_dump(term_data("x", ["alpha-term", "beta-term"])).encode()
    found = check_with({name: content})
    if name.endswith((".yaml", ".yml")) and name != "lessons.yaml" and slug_problem(stem):
        assert any(p.path == f"glossary/{name}" and p.line == 1 for p in found), found
