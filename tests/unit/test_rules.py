"""What term Markdown may contain (glossary_site.render.rules), rule by rule, and every
payload of ``tests/payloads.py`` over every field of term files and lessons.yaml.

Each table holds inputs of one rule with what the rule must say about them. The rules read
markdown-it-py's tokens, the same tokens the engine renders (test_render_html.py shows what
the renderer makes of what passes, and of what does not).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from payloads import LOOKALIKES, MARKDOWN, PLAIN, SLUG_FIELDS, SLUGS, URLS, dump, number
from support import markdown_problems

from glossary_site.build.pipeline import check, load_glossary
from glossary_site.content.model import _http_url
from glossary_site.content.names import TAG_MAX
from glossary_site.render.mathml import latex_problem, render_math, to_mathml
from glossary_site.render.parser import parse
from glossary_site.render.rules import (
    MAX_MARKDOWN_CHARS,
    MAX_NESTING,
    check_tokens,
    normalise_url,
    too_costly,
    url_problem,
)


def messages(text: str) -> list[str]:
    return [message for _, message in markdown_problems(text).problems]


def assert_rule(text: str, why: str | None) -> None:
    """``why is None``: the text passes; otherwise some problem contains ``why``."""
    problems = messages(text)
    if why is None:
        assert problems == [], problems
    else:
        assert any(why in m for m in problems), problems


# --- size and nesting ---------------------------------------------------------------------

SIZES = [
    ("*a " * 1200 + "b" + " c*" * 1200, "nested 1201 levels"),
    ("> " * 40 + "x", "nested"),
    ("- " * 40 + "x", "nested"),
    ("".join("    " * i + "- x\n" for i in range(30)), "nested"),  # 4 spaces a level
    ("*" * 17 + "x" + "*" * 17, None),             # runs of one delimiter nest little
    ("> " * (MAX_NESTING - 1) + "x", None),         # blockquote, paragraph, inline: 16
    ("> " * MAX_NESTING + "x", f"the limit is {MAX_NESTING}"),
    # Python-Markdown needed a limit on continuation indents; markdown-it does not
    ("x\n" + " " * 100 + "y", None),
    ("```\n" + " " * 100 + "code\n```", None),
    ("[a" * 4001, "characters; the limit"),
    ("a" * MAX_MARKDOWN_CHARS, None),
    ("a" * (MAX_MARKDOWN_CHARS + 1), f"the limit for one field is {MAX_MARKDOWN_CHARS:,}"),
    ("- a\n  - b\n    - c *d* **e**", None),
]


@pytest.mark.parametrize(("text", "why"), SIZES)
def test_size_and_nesting_rules(text: str, why: str | None):
    assert_rule(text, why)


def test_too_costly_is_the_length_and_table_size_rules_alone():
    assert too_costly("a" * MAX_MARKDOWN_CHARS) is None
    assert "8,001 characters" in str(too_costly("a" * (MAX_MARKDOWN_CHARS + 1)))
    header = "|" + "a|" * 100 + "\n|" + "-|" * 100 + "\n"
    assert too_costly(header + "|\n" * 19) is None  # 100 columns x 20 rows: 2,000 cells
    line, why = too_costly("Intro.\n\n" + header + "|\n" * 20) or (0, "")
    assert (line, why.split(";")[0]) == (2, "a table of 100 columns and 21 rows (2,100 cells)")
    for prefix in ("> ", "   "):  # in a quote, in a list item
        quoted = "".join(prefix + row + "\n" for row in (header + "|\n" * 30).splitlines())
        assert too_costly(quoted) is not None
    # Many small tables, setext headings and thematic breaks are not one large table.
    small = "|a|b|\n|-|-|\n|1|2|\n\n"
    assert too_costly(small * (MAX_MARKDOWN_CHARS // len(small))) is None
    assert too_costly("Title\n---\n" + "line\n" * 1_500) is None
    # A thematic break or a small table before a large one, in the same block.
    assert too_costly("Title\n---\n" + header + "|\n" * 30) is not None
    assert too_costly(small.strip() + "\nText\n" + header + "|\n" * 30) is not None


def test_direction_changing_characters_are_refused_at_their_line():
    text = ("Line zero.\n\nLine two,\nthree \u202eexe.pdf\n\n```\ncode\nevil \u2067x\n```\n\n"
            "Entity &#x2066;here.\n")
    assert [(line, why.split(" (")[0]) for line, why in markdown_problems(text).problems] == [
        (3, "a direction-changing character"), (7, "a direction-changing character"),
        (10, "a direction-changing character")]
    assert markdown_problems("Right-to-left mark \u200f and joiner \u200d stay.").problems == []


def test_a_table_bomb_is_refused_at_its_line_before_it_is_parsed(tmp_path: Path,
                                                                   monkeypatch):
    """100 columns over rows of '|' would make 65,536 padded cells (1.2 s per field)."""
    from glossary_site.content import validate

    bomb = ("Words for the count. " * 30 + "\n\n|alert(1)|" + "a|" * 99 + "\n|"
            + "-|" * 100 + "\n" + "|\n" * 3_000)
    directory = write(tmp_path, {"definition": bomb})
    parse = validate.parse
    monkeypatch.setattr(validate, "parse", lambda text: (
        pytest.fail("the bomb was parsed") if "|\n|\n" in text else parse(text)))
    found = problems_at(directory, bomb)
    assert [p.split(": ", 1)[1].split(";")[0] for p in found] == [
        "a table of 100 columns and 3,001 rows (300,100 cells)"], found


def test_nesting_is_reported_at_the_line_where_it_goes_too_deep():
    text = "Fine.\n\n" + "> " * 30 + "deep\n"
    assert [line for line, _ in markdown_problems(text).problems] == [2]


# --- raw HTML -------------------------------------------------------------------------------

RAW_HTML = [
    ("<script>alert(1)</script>", True),
    ("text <img src=x onerror=alert(1)> text", True),
    ("<div>\nblock\n</div>", True),
    ("<!-- a comment -->", True),
    ("<!--material/tags { include: [x] } -->", True),
    ("\\`<b>x</b>\\`", True),             # escaped backticks: not code
    ("a ~~~<b>x</b>~~~", True),           # inline tildes are not a fence
    ("<details open ontoggle=alert(1)>x</details>", True),
    ("<a href=\"javascript:alert(1)\">x</a>", True),
    ("<b>", True),
    ("a <b> tag", True),                  # a real tag, even mid-line
    ("x <span title='t'>y</span>", True),
    ("<div/onclick=alert(1)>x", False),   # not a tag to markdown-it: written as text
    ("`<script>alert(1)</script>`", False),
    ("```html\n<script>alert(1)</script>\n```", False),
    ("~~~\n<b>x</b>\n~~~", False),
    ("    <b>indented code</b>", False),
    ("if a<b and c>d", False),
    ("AT&T and 3 < 4", False),
    ("<https://example.org>", False),
    ("<svg/onload=alert(1)//", False),    # not a tag: shown as text
]


@pytest.mark.parametrize(("text", "refused"), RAW_HTML)
def test_raw_html_rule(text: str, refused: bool):
    problems = messages(text)
    assert bool(problems) == refused, problems
    assert all("raw HTML is not allowed" in m for m in problems), problems


# --- links ----------------------------------------------------------------------------------

LINKS = [
    ("[a](https://example.org/x)", None),
    ("[a](http://example.org)", None),
    ("[a](mailto:someone@example.org)", None),
    ("<mailto:someone@example.org>", None),
    ("<someone@example.org>", None),
    ("[a](#how-it-works)", None),
    ("[a](https://example.org/x 'a title')", None),
    ("[a][r]\n\n[r]: https://example.org/r", None),
    ("[a](javascript:alert(1))", "'javascript:' scheme"),
    ("[a](JaVaScRiPt:alert(1))", "'javascript:' scheme"),
    ("[a](jav&#x09;ascript:alert(1))", "'javascript:' scheme"),
    ("[a](&#106;avascript:alert(1))", "'javascript:' scheme"),
    ("[a](<javascript:alert(1)>)", "'javascript:' scheme"),
    ("[a]( javascript:alert(1) 'title')", "'javascript:' scheme"),
    ("[a](\njavascript:alert(1))", "'javascript:' scheme"),  # CommonMark: one line break
    ("[a](vbscript:msgbox(1))", "'vbscript:' scheme"),
    ("[a](data:text/html,x)", "'data:' scheme"),
    ("[a](file:///etc/passwd)", "'file:' scheme"),
    ("<ftp://example.org/x>", "'ftp:' scheme"),
    ("<javascript:alert(1)>", "'javascript:' scheme"),
    ("[a][r]\n\n[r]: javascript:alert(1)", "'javascript:' scheme"),
    ("[r]: javascript:alert(1)", "'javascript:' scheme"),          # unused definitions too
    ("- item\n\n    [r]: javascript:alert(1)\n\n    [a][r]", "'javascript:' scheme"),
    ("> [r]: javascript:alert(1)\n>\n> [a][r]", "'javascript:' scheme"),
    ("*[a](javascript:alert(1))*", "'javascript:' scheme"),
    ("[a](other-term.md)", "relative link"),
    ("[a](../index.md)", "relative link"),
    ("[a](//evil.example.org)", "relative link"),
    ("[a](https://)", "no host"),
    ("[a](<>)", "empty URL"),
    ("![x](https://example.org/x.png)", "images are not allowed"),
    ("[^1]: https://example.org/note", "footnotes"),
    ("x[^1]\n\n[^1]: note", "footnotes"),
    # Not links at all to markdown-it (a tab or control character in the destination, a
    # definition that would interrupt a paragraph): text, so nothing to refuse.
    ("[a](java\tscript:alert(1))", None),
    ("[a](\x01javascript:alert(1))", None),
    ("para\n[r]: javascript:alert(1)\n\n[a][r]", None),
]


@pytest.mark.parametrize(("text", "why"), LINKS)
def test_link_rule(text: str, why: str | None):
    assert_rule(text, why)


TERM_LINKS = [
    ("See [[alpha]] and [[alpha|the first]] ([a source](https://example.org)).", None),
    ("[[alpha]][a source](https://example.org)", None),
    ("Escaped \\[\\[brackets]] beside [[alpha]].", None),
    ("A matrix `[[1, 2]]` beside [[alpha]]; $[[x]]$ too.", None),
    ("[[[alpha]]] and [[alpha]] ] (an aside)", None),
    ("Labels arrive as `np.array([[1, 0], [0, 1]])`; a wiki writes \\[\\[page]].", None),
    ("MediaWiki writes \\[\\[Page|label]]; in code `[[Page|x [1]]]`.", None),
    ("The matrix [[1, 2], [3, 4]] has rank 2.", None),
    ("Nested: *[[alpha]]*, **[[alpha|bold]]**, and [[alpha]] ([a source](https://e.org)).",
     None),
    ("| a | b |\n| --- | --- |\n| [[alpha]] | [x](https://example.org) |", None),
    # A term link inside a link's text renders as "[see Alpha](https://…)" in the page.
    ("[see [[alpha]]](https://example.org)", "[[alpha]] is inside a link's text"),
    ("[the [[alpha|first]] page](https://example.org)", "[[alpha|first]] is inside a link"),
    ("[see *[[alpha]]*](https://example.org)", "[[alpha]] is inside a link's text"),
    ("[see [[alpha]]][r]\n\n[r]: https://example.org", "[[alpha]] is inside a link's text"),
    # A label with brackets or a link is no term link: its text shows, brackets and all.
    ("[[alpha|see [x](https://example.org)]]", "'[[' starts no term link here"),
    ("[[alpha|a [b] c]]", "'[[' starts no term link here"),
    ("[[alpha", "'[[' starts no term link here"),
    ("[[Data Labelling|labels [x]]] and `[[code]]`", "'[[' starts no term link here"),
]


@pytest.mark.parametrize(("text", "why"), TERM_LINKS)
def test_term_link_rule(text: str, why: str | None):
    """What shows broken on the page (brackets and URLs as text) is refused at its line."""
    assert_rule(text, why)


def test_broken_term_links_are_reported_at_their_own_line():
    text = ("A first line\nwith [[alpha]].\n\nThen [see [[alpha]]](https://example.org),\n"
            "and at last [[alpha|see [x](https://example.org)]].")
    assert [line for line, _ in markdown_problems(text).problems] == [3, 4]


def test_section_links_are_reported_as_anchors_for_the_page_check():
    report = markdown_problems("See [a](#how-it-works),\nthen [b](#&#119;hy).")
    assert report.problems == []
    assert report.anchors == [(0, "how-it-works"), (1, "why")]


@pytest.mark.parametrize(("url", "normal"), [
    ("JaVaScRiPt:x", "javascript:x"),
    ("java\tscr\nipt:x", "javascript:x"),
    (" \x00javascript:x", "javascript:x"),
    ("&#106;avascript&colon;x", "javascript:x"),
    ("jav&Tab;ascript:x", "javascript:x"),
])
def test_urls_are_normalised_as_a_browser_does(url: str, normal: str):
    assert normalise_url(url) == normal
    assert url_problem(url) is not None


@pytest.mark.parametrize(("url", "ok"), [
    ("https://example.org/book", True),
    ("https://arxiv.org/abs/1712.00409", True),
    ("http://incompleteideas.net/book/the-book-2nd.html", True),
    ("https://example.org/a?b=1&c=(2)", True),
    *((u, False) for u in URLS),
    ("https://example.org/a b", False),
    ("https://localhost/", False),
])
def test_source_urls_are_parsed_strictly(url: str, ok: bool):
    if ok:
        assert _http_url(url).startswith("http")
    else:
        with pytest.raises(ValueError):
            _http_url(url)


# --- maths ----------------------------------------------------------------------------------

MATHS = [
    ("$x^2 + y^2$", None),
    ("\\(\\frac{a}{b}\\)", None),
    ("$$\n\\sum_i x_i\n$$", None),
    ("\\[\n\\sum_i x_i\n\\]", None),
    ("$a<b$", None),
    ("costs $5 and $10", None),
    ("$\\href{javascript:alert(1)}{x}$", "\\href"),
    ("\\(\\url{javascript:alert(1)}\\)", "\\url"),
    ("$$\n\\href{https://example.org}{x}\n$$", "\\href"),
    ("$\\style{color:red}{x}$", "\\style"),
    ("$\\class{x}{y}$", "\\class"),
    ("\\[\\frac{a}{\\]", "cannot convert"),
    ("`$\\href{x}{y}$` in code", None),
    ("```\n$\\href{x}{y}$\n```", None),
]


@pytest.mark.parametrize(("text", "why"), MATHS)
def test_maths_rule(text: str, why: str | None):
    assert_rule(text, why)


def test_maths_never_makes_a_link():
    assert "href" not in to_mathml("x + y", "inline")
    with pytest.raises(ValueError, match="href"):
        render_math('<span class="arithmatex">\\(\\href{javascript:alert(1)}{x}\\)</span>')
    assert latex_problem("\\frac{1}{2}") is None


# --- lines ----------------------------------------------------------------------------------

def test_lines_are_counted_inside_the_field():
    report = markdown_problems("Line zero.\n\nLine two.\n\n<script>x</script>\n")
    assert [line for line, _ in report.problems] == [4]


@pytest.mark.parametrize("text", [
    "Line zero,\nline one,\nthen [x](javascript:y) on line two.",
    "Line zero,\\\nline one,  \nthen <img src=x> on line two.",
    "# Heading\nOne,\ntwo ![x](https://example.org/a.png)",
    "Line zero, *emphasis\nover two lines* then\n$\\href{x}{y}$ on line two.",
    "Line zero, [a link\nover two lines](https://e.org/) then\n<b> on line two.",
    "Line zero, $x\ny$ then\n<b> on line two.",
    "| a | b |\n| --- | --- |\n| <b> | y |",
    "Term\n: one\n: <b> two",
    "- zero\n- one\n- <b> two",
    "> zero\n>\n> <b> two",
])
def test_a_problem_inside_a_block_is_reported_once_at_its_own_line(text: str):
    assert [line for line, _ in markdown_problems(text).problems] == [2]


@pytest.mark.parametrize("text", [
    "Line zero, `code\nover two lines` then\n<b> on line two.",
    "Line zero, [[box|a label\nover two lines]] then\n<b> on line two.",
    "Line zero, ![alt\ntext](https://e.org/x.png)\n<b> on line two.",
    "Line zero, [a](https://e.org/ 'a title\nover two lines')\n<b> on line two.",
    "Line zero, <i\nclass=x> then\n<b> on line two.",
])
def test_a_problem_after_a_multi_line_span_is_reported_at_its_own_line(text: str):
    assert [line for line, _ in markdown_problems(text).problems][-1] == 2


def test_a_problem_inside_a_maths_block_is_reported_at_its_own_line():
    assert [line for line, _ in markdown_problems("$$\nx\n\\url{y}\n$$").problems] == [2]


def test_check_tokens_reads_the_parse_the_renderer_gets():
    tokens, env = parse("[a][r]\n\n[r]: javascript:alert(1)\n")
    assert [line for line, _ in check_tokens(tokens, env).problems] == [0, 2]


# --- every payload over every field: refused payloads give path:line ------------------------

def term(name: str, links: list[str], **fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "term": name.title(), "summary": f"{name} in tests.",
        "definition": "Defined here [@src].\n\n" + ("Some words for the count. " * 40).strip()
                      + "\n",
        "level": "introductory", "tags": ["testing"], "related": links,
        "lessons": ["lesson-one"],
        "sections": [{"title": "How", "id": "how-it-works", "body": "It works, it does.\n"},
                     {"title": "Why", "id": "why", "body": "It matters, it does [@src].\n"}],
        "sources": [{"key": "src", "title": "A source", "url": "https://example.org/book"}],
        "added": "2026-01-05", "reviewed": "2026-01-05"}
    data.update(fields)
    return data


def write(tmp_path: Path, alpha: dict[str, object] | None = None,
          lessons: list[dict[str, str]] | None = None) -> Path:
    directory = tmp_path / "glossary"
    directory.mkdir(exist_ok=True)
    lesson = {"id": "lesson-one", "title": "Lesson", "level": "Practitioner", "url": "one/"}
    (directory / "lessons.yaml").write_text(dump({"lessons": lessons or [lesson]}))
    slugs = ["alpha", "beta", "gamma"]
    for slug in slugs:
        data = term(slug, [s for s in slugs if s != slug],
                    **((alpha or {}) if slug == "alpha" else {}))
        (directory / f"{slug}.yaml").write_text(dump(data), encoding="utf-8")
    return directory


def problems_at(directory: Path, payload: str, name: str = "alpha.yaml") -> list[str]:
    """Problems in ``name``, and the line the payload's number is written on."""
    found = [str(p) for p in check(directory, None, base=directory.parent)]
    lines = (directory / name).read_text(encoding="utf-8").splitlines()
    mark = f"({number(payload)})"
    line = next(i for i, text in enumerate(lines, 1) if mark in text)
    return [p for p in found if p.startswith(f"glossary/{name}:{line}: ")] or found


TEXT_NOW = {
    111: "a reference definition cannot interrupt a paragraph (CommonMark)",
    114: "attribute list", 115: "attribute list", 116: "attribute list",
    119: "'<div/' starts no tag for markdown-it", 130: "attribute list",
    131: "attribute list", 132: "plugin marker in code: written escaped",
}
"""Payloads of ``MARKDOWN`` that were refused only because Python-Markdown, which no longer
reads term text, would have read them as markup. markdown-it reads them as text, and the
renderer writes them as text (test_render_html.py shows them inert)."""


def markdown_payload_fields(payload: str, field: str) -> dict[str, object]:
    words = ("Words for the count. " * 40).strip()
    text = f"First line of the field.\n\n{words}\n\n{payload}\n"
    if field == "definition":
        return {"definition": text}
    return {"sections": [{"title": "How", "id": "how-it-works", "body": text},
                         {"title": "Why", "id": "why", "body": "It matters.\n"}]}


@pytest.mark.parametrize("payload", MARKDOWN, ids=number)
@pytest.mark.parametrize("field", ["definition", "body"])
def test_markdown_payloads_are_refused_at_their_line(tmp_path: Path, payload: str, field: str,
                                                     request: pytest.FixtureRequest):
    directory = write(tmp_path, markdown_payload_fields(payload, field))
    if number(payload) in TEXT_NOW:
        assert check(directory, None, base=tmp_path) == []
        html = load_glossary(directory).html["alpha"]
        assert any(f"({number(payload)})" in fragment for fragment in html.values())
        return
    found = problems_at(directory, payload)
    assert found and all(p.startswith("glossary/alpha.yaml:") for p in found), found
    line = int(found[0].split(":")[1])
    mark = f"({number(payload)})"
    assert mark in (directory / "alpha.yaml").read_text().splitlines()[line - 1], found


@pytest.mark.parametrize("payload", LOOKALIKES, ids=number)
def test_lookalikes_are_accepted(payload: str):
    assert markdown_problems(payload).problems == []


@pytest.mark.parametrize("url", URLS)
def test_url_payloads_are_refused_in_sources_and_lessons(tmp_path: Path, url: str):
    directory = write(tmp_path, {"sources": [{"key": "src", "title": "S", "url": url}]})
    assert any("must be an http(s) URL" in p for p in problems_at(directory, url)), url
    lesson = {"id": "lesson-one", "title": "L", "level": "P", "url": url}
    directory = write(tmp_path, None, [lesson])
    found = problems_at(directory, url, "lessons.yaml")
    assert any("lessons[0].url" in p for p in found), found


@pytest.mark.parametrize("slug", SLUGS)
def test_slug_payloads_are_refused_in_every_slug_field(tmp_path: Path, slug: str):
    for key, _ in SLUG_FIELDS:
        directory = write(tmp_path, {key: [slug]})
        assert any("must be a slug" in p for p in problems_at(directory, slug)), key
    sections = [{"title": "How", "id": slug, "body": "x\n", "chart": slug}]
    directory = write(tmp_path, {"sections": sections})
    found = [str(p) for p in check(directory, None, base=tmp_path)]
    assert len([p for p in found if "must be a slug" in p]) == 2, found
    lesson = {"id": slug, "title": "L", "level": "P", "url": "one/"}
    directory = write(tmp_path, None, [lesson])
    assert any("must be a slug" in p for p in problems_at(directory, slug, "lessons.yaml"))
    directory = write(tmp_path, {"level": slug})
    assert any("'level' must be one of" in p for p in problems_at(directory, slug))


def test_plain_payloads_are_accepted_in_every_plain_field(tmp_path: Path):
    for i, payload in enumerate(PLAIN):
        fields = {"term": payload, "summary": f"S {payload}", "aliases": [f"aka {payload}"],
                  "tags": [payload[:TAG_MAX]],
                  "sections": [{"title": payload, "id": "how-it-works", "body": "x\n"},
                               {"title": f"W {payload}", "id": "why", "body": "y\n"}],
                  "sources": [{"key": "src", "title": payload, "url": "https://example.org/"}]}
        lesson = {"id": "lesson-one", "title": payload, "level": payload, "url": "one/"}
        directory = write(tmp_path, fields, [lesson])
        assert check(directory, None, base=tmp_path) == [], (i, payload)


def test_payload_counts():
    """The suite's own figures: at least 40 payloads, each carrying a distinct number."""
    every = [*PLAIN, *LOOKALIKES, *MARKDOWN, *URLS, *SLUGS]
    assert len(every) >= 40
    assert len({number(p) for p in every}) == len(every)
    assert yaml.safe_load(dump({"x": "a\nb\n"})) == {"x": "a\nb\n"}
    assert set(TEXT_NOW) <= {number(p) for p in MARKDOWN}


@pytest.mark.parametrize(("anchor", "ok"), [("how-it-works", True), ("why", True),
                                             ("sources", True), ("related-terms", True),
                                             ("alpha", True), ("nowhere", False)])
def test_section_links_must_name_a_heading_of_the_page(tmp_path: Path, anchor: str, ok: bool):
    words = ("Words for the count. " * 40).strip()
    directory = write(tmp_path, {"definition": f"{words}\n\nSee [below](#{anchor}).\n"})
    found = [str(p) for p in check(directory, None, base=tmp_path)]
    lines = (directory / "alpha.yaml").read_text().splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "See [below]" in text)
    assert found == ([] if ok else [f"glossary/alpha.yaml:{line}: link to '#nowhere': no such "
                                    "section on this page (sections: alpha, how-it-works, why, "
                                    "related-terms, sources, cite-this-term)"])


def test_headings_inside_a_field_are_not_sections_links_may_name(tmp_path: Path):
    """Field headings get engine-made ids (``<section>--<slug>``), never the page's
    sections: a link to the heading's own words finds no section."""
    words = ("Words for the count. " * 40).strip()
    definition = f"{words}\n\n## Inner part\n\nSee [up](#inner-part).\n"
    directory = write(tmp_path, {"definition": definition})
    found = [str(p) for p in check(directory, None, base=tmp_path)]
    assert len(found) == 1 and "link to '#inner-part': no such section" in found[0], found


@pytest.mark.parametrize("key", ["title", "level"])
def test_lesson_title_and_level_are_one_line(tmp_path: Path, key: str):
    lesson = {"id": "lesson-one", "title": "L", "level": "P", "url": "one/", key: "a\nb\n"}
    directory = write(tmp_path, None, [lesson])
    found = [str(p) for p in check(directory, None, base=tmp_path)]
    assert found == [f"glossary/lessons.yaml:{3 if key == 'title' else 4}: lesson {key} is one "
                     "line of plain text"], found


def test_source_titles_are_one_line(tmp_path: Path):
    directory = write(tmp_path, {"sources": [{"key": "src", "title": "a\nb\n", "url": "https://e.org/"}]})
    found = [str(p) for p in check(directory, None, base=tmp_path)]
    assert len(found) == 1 and "one line of plain text" in found[0], found
