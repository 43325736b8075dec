"""Equations become MathML at build time; small rendering helpers behave."""

from __future__ import annotations

import pytest

from glossary_site.content.model import Lesson
from glossary_site.emit import lesson_href
from glossary_site.render.mathml import render_math


def test_inline_and_block_math_become_mathml():
    html = ('<p>Error <span class="arithmatex">\\(a D^{-\\alpha} + c\\)</span> falls.</p>'
            '<div class="arithmatex">\\[\\frac{dU}{dt} = p (M - U)\\]</div>')
    out = render_math(html)
    assert "arithmatex" not in out
    assert out.count("<math") == 2
    assert 'display="block"' in out and "<mfrac>" in out
    assert 'aria-label="a D^{-\\alpha} + c"' in out


def test_html_entities_in_latex_are_decoded():
    out = render_math('<span class="arithmatex">\\(x &lt; y\\)</span>')
    assert "<mo>&lt;</mo>" in out or "<mo>&#x0003C;</mo>" in out or "&lt;" in out


def test_pages_without_math_are_untouched():
    assert render_math("<p>plain</p>") == "<p>plain</p>"


@pytest.mark.parametrize(("url", "base", "expected"), [
    ("ai-strategy/", "https://course.example.org/p/", "https://course.example.org/p/ai-strategy/"),
    ("https://elsewhere.example.org/x", "https://course.example.org/", "https://elsewhere.example.org/x"),
    ("ai-strategy/", "", ""),  # no course configured: no course link (contrib)
    ("https://elsewhere.example.org/x", "", ""),
])
def test_lesson_href(url: str, base: str, expected: str):
    lesson = Lesson(id="x", title="X", level="Practitioner", url=url)
    assert lesson_href(lesson, base) == expected
