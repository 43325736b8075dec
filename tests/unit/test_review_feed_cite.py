"""Dates on terms: review warnings, the Atom feed and "Cite this term"."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import feedparser
import pytest

from glossary_site.build.pipeline import check, load_glossary
from glossary_site.content.review import add_months, overdue, review_due
from glossary_site.emit import EmitOptions
from glossary_site.emit.cite_term import citations
from glossary_site.emit.feed import emit as emit_feed


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 11, 15), 2, date(2027, 1, 15)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_a_review_due_past_the_calendars_end_is_never_due(write_glossary):
    """A date near the calendar's end plus an interval would fall in the year 10000, which
    Python's dates do not hold: not a traceback, never due."""
    assert add_months(date(9999, 12, 31), 60) == date.max
    directory = write_glossary({"alpha-term": {"reviewed": "9999-12-01", "added": "2026-01-05",
                                               "review_every_months": "1"}})
    assert [p for p in check(directory) if p.path.endswith("alpha-term.yaml")] == []
    assert overdue(load_glossary(directory), date(2026, 12, 6)) == []
    result = run(directory.parent, "glossary")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def test_review_due_only_with_an_interval():
    assert review_due(date(2026, 1, 1), None) is None
    assert review_due(date(2026, 1, 1), 6) == date(2026, 7, 1)


def run(cwd, *args):
    return subprocess.run([sys.executable, "-m", "glossary_site.cli", "check", *args],
                          capture_output=True, text=True, cwd=cwd)


def test_overdue_terms_are_warnings_that_never_fail(write_glossary):
    directory = write_glossary({"alpha-term": {"reviewed": "2020-01-01", "added": "2019-05-01",
                                               "review_every_months": "6"}})
    glossary = load_glossary(directory)
    warnings = overdue(glossary, date(2026, 12, 6), directory.parent)
    assert [(w.path.endswith("alpha-term.yaml"), w.message.startswith("warning: due for review "
                                                                       "since 2020-07-01"))
            for w in warnings] == [(True, True)]
    line = next(i for i, text in enumerate((directory / "alpha-term.yaml").read_text()
                                           .splitlines(), 1) if text.startswith("reviewed:"))
    assert warnings[0].line == line
    text = run(directory.parent, "glossary")
    assert text.returncode == 0, text.stdout
    assert f"glossary/alpha-term.yaml:{line}: warning: due for review" in text.stdout
    github = run(directory.parent, "--format", "github", "glossary")
    assert github.returncode == 0
    assert f"::warning file=glossary/alpha-term.yaml,line={line}::warning: due" in github.stdout


def test_not_yet_due_gives_no_warning(write_glossary):
    directory = write_glossary({"alpha-term": {"review_every_months": "60"}})
    assert overdue(load_glossary(directory), date(2026, 12, 6)) == []


@pytest.mark.parametrize(("field", "value", "message"), [
    ("added", "2026-13-01", "'added' must be a date written YYYY-MM-DD"),
    ("reviewed", "yesterday", "'reviewed' must be a date written YYYY-MM-DD"),
    ("review_every_months", "0", "'review_every_months' must be a whole number from 1 to 60"),
    ("review_every_months", "many", "'review_every_months' must be a whole number"),
    ("reviewed", "2025-01-01", "reviewed (2025-01-01) is before added (2026-01-05)"),
])
def test_bad_dates_are_reported(write_glossary, field, value, message):
    directory = write_glossary({"alpha-term": {field: value}})
    problems = [p for p in check(directory) if p.path.endswith("alpha-term.yaml")]
    assert any(p.message.startswith(message) for p in problems), problems


def test_feed_is_valid_atom(write_glossary):
    directory = write_glossary({"alpha-term": {"reviewed": "2026-03-01",
                                               "summary": "Bell & <b>tags</b>"},
                                "gamma-term": {"added": "2026-01-01", "reviewed": "2026-01-02"}})
    glossary = load_glossary(directory)
    xml = emit_feed(glossary, EmitOptions(site_url="https://g.example.org/",
                                          site_name="Test Glossary"))["feed.xml"]
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Test Glossary: new and revised terms"
    assert [e.title for e in feed.entries] == ["Alpha Term", "Beta Term", "Gamma Term"]
    first = feed.entries[0]
    assert first.link == "https://g.example.org/terms/alpha-term/"
    assert first.id == first.link
    assert first.updated.startswith("2026-03-01") and first.published.startswith("2026-01-05")
    assert first.summary == "Bell & <b>tags</b>"  # text, escaped
    assert "<b>" not in xml


def test_feed_without_site_url_uses_stable_tag_ids(write_glossary):
    glossary = load_glossary(write_glossary())
    feed = feedparser.parse(emit_feed(glossary, EmitOptions())["feed.xml"])
    assert not feed.bozo
    assert feed.entries[0].id == "tag:flywheel-glossary,2026:terms/alpha-term"
    assert feed.entries[0].link == "terms/alpha-term/"


def test_cite_this_term_plain_and_bibtex(write_glossary):
    directory = write_glossary({"alpha-term": {"term": "Alpha & {Term}_%"}})
    term = load_glossary(directory).terms["alpha-term"]
    cite = citations("alpha-term", term, "Flywheel Glossary", "https://g.example.org/")
    assert cite["text"] == ('Flywheel Glossary (2026). "Alpha & {Term}_%". Last reviewed '
                            "1 February 2026. https://g.example.org/terms/alpha-term/")
    assert cite["bibtex"].splitlines() == [
        "@misc{flywheel-glossary-alpha-term,",
        "  author = {{Flywheel Glossary}},",
        r"  title = {Alpha \& \{Term\}\_\%},",
        "  year = {2026},",
        "  url = {https://g.example.org/terms/alpha-term/},",
        "  note = {Last reviewed 2026-02-01},",
        "}"]
