"""Citations: ``[@key]`` and ``@key`` in a term's text link its Sources entries; the check
reports unknown keys, uncited sources and look-alikes at their lines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from glossary_site.build.pipeline import check, load_glossary
from glossary_site.content.citations import cite_label
from glossary_site.render.html import render_field, render_tokens
from glossary_site.render.parser import parse
from glossary_site.render.sanitise import sanitise

CITES = {"hestness-2017": ("Hestness et al.", "2017"),
         "kaplan-2020": ("Kaplan et al.", "2020"),
         "ai-act": ("Regulation (EU) 2024/1689 (Artificial Intelligence Act)", "")}


def html(text: str) -> str:
    return render_field(parse(text)[0], "x", cites=CITES)


@pytest.mark.parametrize(("text", "expected"), [
    ("As shown [@hestness-2017].",
     '<p>As shown (<a href="#source-hestness-2017">Hestness et al., 2017</a>).</p>'),
    ("@hestness-2017 found it.",
     '<p><a href="#source-hestness-2017">Hestness et al. (2017)</a> found it.</p>'),
    ("Both [@hestness-2017; @kaplan-2020, fig. 1].",
     '<p>Both (<a href="#source-hestness-2017">Hestness et al., 2017</a>; '
     '<a href="#source-kaplan-2020">Kaplan et al., 2020, fig. 1</a>).</p>'),
    ("Hestness and colleagues [-@hestness-2017].",
     '<p>Hestness and colleagues (<a href="#source-hestness-2017">2017</a>).</p>'),
    ("Article 14 [@ai-act, Art. 14].",
     '<p>Article 14 (<a href="#source-ai-act">Regulation (EU) 2024/1689 (Artificial '
     'Intelligence Act), Art. 14</a>).</p>'),
])
def test_citation_forms(text, expected):
    assert html(text).strip() == expected


@pytest.mark.parametrize("text", ["mail name@example.org", "`[@hestness-2017]`",
                                  "[@Hestness2017]", "a\\@hestness-2017"])
def test_not_citations_stay_text(text):
    assert "#source-" not in html(text)


def test_citation_inside_a_link_writes_no_nested_link():
    out = html("[see @hestness-2017](https://example.org/)")
    assert out.count("<a ") == 1 and "Hestness et al. (2017)" in out


def test_unknown_key_is_written_as_typed():
    assert "[@nobody-1999]" in html("Claimed [@nobody-1999].")


@pytest.mark.parametrize(("title", "label"), [
    ("Hestness et al. (2017), Deep Learning Scaling is Predictable", ("Hestness et al.", "2017")),
    ("Gao, Schulman and Hilton (2022), Scaling Laws", ("Gao, Schulman and Hilton", "2022")),
    ("Regulation (EU) 2016/679 (General Data Protection Regulation), Article 5",
     ("Regulation (EU) 2016/679 (General Data Protection Regulation)", "")),
])
def test_cite_label(title, label):
    assert cite_label(title) == label


@given(st.text(alphabet="[]@;-,. abc\n`\\<>&\"'", max_size=60))
def test_any_text_with_citations_renders_clean(text):
    # What the renderer writes for citations needs no cleaning.
    rendered = render_tokens(parse(text)[0], "x", cites=CITES)
    assert same_html(sanitise(rendered), rendered)


def same_html(a: str, b: str) -> bool:
    """Equal as HTML (serialisation aside: quoting of attributes, escaping of text)."""
    return (BeautifulSoup(a, "html.parser").decode(formatter="html5")
            == BeautifulSoup(b, "html.parser").decode(formatter="html5"))


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_check_reports_unknown_uncited_duplicate_and_lookalike(write_glossary):
    sources = [{"key": "textbook", "title": "Author (2001), A textbook",
                "url": "https://example.org/book"},
               {"key": "unused-2002", "title": "Other (2002), Unused",
                "url": "https://example.org/unused"},
               {"key": "textbook", "title": "Twice (2003), Again",
                "url": "https://example.org/again"}]
    sections = [{"title": "How it works", "id": "how-it-works",
                 "body": "It works. " * 5 + "\n\nSee [@textbok] and [@Bad-Key].\n"},
                {"title": "Why it matters", "body": "It matters. " * 5}]
    directory = write_glossary({"alpha-term": {"sources": sources, "sections": sections}})
    path = directory / "alpha-term.yaml"
    found = {(p.line, p.message.split(":")[0]) for p in check(directory)
             if p.path.endswith("alpha-term.yaml")}
    messages = {p.message for p in check(directory) if p.path.endswith("alpha-term.yaml")}
    body_line = _line_of(path, "See [@textbok]")
    assert any(line == body_line and "unknown citation key 'textbok'" in m
               for line, m in found), found
    assert any("did you mean 'textbook'" in m for m in messages)
    assert any(m.startswith("'[@Bad-Key]' is not a citation") for m in messages)
    unused_line = _line_of(path, "key: unused-2002")
    assert (unused_line, "no text cites source 'unused-2002'") in found
    twice_line = [i for i, line in enumerate(path.read_text().splitlines(), 1)
                  if "key: textbook" in line][1]
    assert any(line == twice_line and "is also the key of source 1" in m for line, m in found)


def test_sources_list_has_anchors_for_citations(write_glossary):
    glossary = load_glossary(write_glossary())
    definition = glossary.html["alpha-term"][("definition",)]
    assert '(<a href="#source-textbook">A textbook</a>)' in definition


def test_missing_key_is_reported_with_a_hint(write_glossary):
    directory = write_glossary({"alpha-term": {"sources": [
        {"title": "A textbook", "url": "https://example.org/book"}]}})
    result = subprocess.run([sys.executable, "-m", "glossary_site.cli", "check", "glossary"],
                            capture_output=True, text=True, cwd=directory.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "missing required field 'sources[0].key'" in result.stdout
