"""Problems: printing, the cap, and "did you mean" suggestions."""

from __future__ import annotations

import difflib

import pytest

from glossary_site.content.problems import (
    Problem,
    Suggester,
    did_you_mean,
    format_problems,
    printable,
)

SLUGS = ["data-flywheel", "network-effects", "cold-start-problem", "feedback-loop",
         "active-learning", "data-moat", "learning-curve", "ab-testing"]


@pytest.mark.parametrize("typo", ["data-flywhel", "netwrok-effects", "cold-start-problme",
                                  "feedbak-loop", "activ-learning", "data-mote", "learning-crve",
                                  "a-b-testing", "learning"])
def test_suggestions_match_difflib(typo):
    expected = difflib.get_close_matches(typo, SLUGS, n=1, cutoff=0.6)
    assert Suggester(SLUGS).closest(typo) == (expected[0] if expected else None)


@pytest.mark.parametrize(("word", "choices", "hint"), [
    ("plateu", ["loop", "plateau"], " (did you mean 'plateau'?)"),
    ("zzzzzz", ["loop", "plateau"], ""),
    ("loop", [], ""),
])
def test_did_you_mean(word, choices, hint):
    assert did_you_mean(word, choices) == hint


@pytest.mark.parametrize(("text", "shown"), [
    ("plain 'text', café", "plain 'text', café"),
    ("trail\n.yaml", "trail\\n.yaml"),
    ("\x1b[31mred", "\\x1b[31mred"),
    ("evil\u202etxt", "evil\\u202etxt"),
    ("zero\u200bwidth", "zero\\u200bwidth"),
])
def test_printable(text, shown):
    assert printable(text) == shown


def test_problem_prints_on_one_line():
    assert str(Problem("glossary/a\n.yaml", 2, "bad\rthing")) == \
        "glossary/a\\n.yaml:2: bad\\rthing"


def test_format_problems_caps_and_counts():
    problems = [Problem("g/a.yaml", i, "m") for i in range(1, 6)]
    assert format_problems(problems, 2).splitlines() == [
        "g/a.yaml:1: m", "g/a.yaml:2: m", "... and 3 more (--all lists every problem)",
        "5 problems found."]
    assert format_problems(problems).splitlines()[-1] == "5 problems found."
    assert len(format_problems(problems).splitlines()) == 6
