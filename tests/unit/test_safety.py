"""The content-safety layer, rule by rule: the checker, plain-text writing, URLs, the sanitiser.

Each table holds inputs of one rule with what the rule must say about them; the payload
tables in ``tests/payloads.py`` are run over every field of term files and lessons.yaml.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from payloads import LOOKALIKES, MARKDOWN, PLAIN, SLUG_FIELDS, SLUGS, URLS, dump, number

from glossary_site import safety
from glossary_site.mathml import latex_problem, render_math, to_mathml
from glossary_site.model import _http_url
from glossary_site.names import TAG_MAX
from glossary_site.pipeline import check
from glossary_site.safety import (
    ContentMarkdown,
    EngineHtml,
    clean_page,
    markdown_problems,
    md_text,
    md_url,
    normalise_url,
    sanitise,
    url_problem,
)

# --- the checker, one table per rule --------------------------------------------------------

MARKERS = [
    ("`<!-- material/tags -->`", True),   # Material's tags plugin reads it even in code
    ("<!--material/tags { include: [x] } -->", True),
    ("`<!-- glossary:a-z -->` in code", True),
    ("```\n<!-- GLOSSARY:graph -->\n```", True),
    ("an HTML comment starts `<!--`", False),
]


@pytest.mark.parametrize(("text", "refused"), MARKERS)
def test_plugin_marker_rule(text: str, refused: bool):
    problems = [m for _, m in markdown_problems(text).problems]
    assert any("marker" in m for m in problems) == refused, problems


SIZES = [
    ("*a " * 1200 + "b" + " c*" * 1200, "nested 1201 levels"),   # RecursionError in toc
    ("> " * 40 + "x", "nested"),
    ("- " * 40 + "x", "nested"),
    ("".join("    " * i + "- x\n" for i in range(30)), "nested"),  # 4 spaces a level
    ("x\n" + " " * 100 + "y", "indented more than"),
    ("```\n" + " " * 100 + "code\n```", None),
    ("[a" * 4001, "characters; the limit"),                  # Python-Markdown: quadratic
    ("- a\n  - b\n    - c *d* **e**", None),
]


@pytest.mark.parametrize(("text", "why"), SIZES)
def test_size_and_nesting_rules(text: str, why: str | None):
    problems = [m for _, m in markdown_problems(text).problems]
    if why is None:
        assert problems == []
    else:
        assert any(why in m for m in problems), problems


RAW_HTML = [
    ("<script>alert(1)</script>", True),
    ("text <img src=x onerror=alert(1)> text", True),
    ("<div>\nblock\n</div>", True),
    ("<!-- a comment -->", True),
    ("\\`<b>x</b>\\`", True),             # escaped backticks: not code for either parser
    ("a ~~~<b>x</b>~~~", True),           # inline tildes are not a fence
    ("<details open ontoggle=alert(1)>x</details>", True),
    ("<div/onclick=alert(1)>x", True),    # Python-Markdown reads a block tag here
    ("`<script>alert(1)</script>`", False),
    ("```html\n<script>alert(1)</script>\n```", False),
    ("~~~\n<b>x</b>\n~~~", False),
    ("    <b>indented code</b>", False),
    ("if a<b and c>d", False),
    ("AT&T and 3 < 4", False),
    ("<https://example.org>", False),
    ("<svg/onload=alert(1)//", False),    # not a tag to either parser: shown as text
]


@pytest.mark.parametrize(("text", "refused"), RAW_HTML)
def test_raw_html_rule(text: str, refused: bool):
    problems = markdown_problems(text).problems
    assert bool(problems) == refused, problems


LINKS = [
    ("[a](https://example.org/x)", None),
    ("[a](http://example.org)", None),
    ("[a](mailto:someone@example.org)", None),
    ("<mailto:someone@example.org>", None),
    ("[a](#how-it-works)", None),
    ("[a](javascript:alert(1))", "'javascript:' scheme"),
    ("[a](JaVaScRiPt:alert(1))", "'javascript:' scheme"),
    ("[a](java\tscript:alert(1))", "'javascript:' scheme"),
    ("[a](jav&#x09;ascript:alert(1))", "'javascript:' scheme"),
    ("[a](&#106;avascript:alert(1))", "'javascript:' scheme"),
    ("[a](<javascript:alert(1)>)", "'javascript:' scheme"),
    ("[a]( javascript:alert(1) 'title')", "'javascript:' scheme"),
    ("[a](\x01javascript:alert(1))", "'javascript:' scheme"),
    ("[a](vbscript:msgbox(1))", "'vbscript:' scheme"),
    ("[a](data:text/html,x)", "'data:' scheme"),
    ("[a](file:///etc/passwd)", "'file:' scheme"),
    ("<ftp://example.org/x>", "'ftp:' scheme"),
    ("<javascript:alert(1)>", "'javascript:' scheme"),
    ("[a][r]\n\n[r]: javascript:alert(1)", "'javascript:' scheme"),
    ("[r]: javascript:alert(1)", "'javascript:' scheme"),          # unused definitions too
    ("para\n[r]: javascript:alert(1)\n\n[a][r]", "'javascript:' scheme"),  # Python-Markdown
    ("- item\n\n    [r]: javascript:alert(1)\n\n    [a][r]", "'javascript:' scheme"),
    ("> [r]: javascript:alert(1)\n>\n> [a][r]", "'javascript:' scheme"),
    ("[a](\njavascript:alert(1))", "empty URL"),
    ("[a](other-term.md)", "relative link"),
    ("[a](../index.md)", "relative link"),
    ("[a](//evil.example.org)", "relative link"),
    ("[a](https://)", "no host"),
    ("![x](https://example.org/x.png)", "images are not allowed"),
]


@pytest.mark.parametrize(("text", "why"), LINKS)
def test_link_rule(text: str, why: str | None):
    problems = [m for _, m in markdown_problems(text).problems]
    if why is None:
        assert problems == []
    else:
        assert any(why in m for m in problems), problems


ATTR_LISTS = [
    ("A paragraph.\n{: .class }", True),
    ("A paragraph.\n{: onclick=\"alert(1)\" }", True),
    ("[a](https://example.org){onclick=alert(1)}", True),
    ("**b**{.x}", True),
    ("`code`{#id}", True),
    ("text {#anchor}", True),
    ("{onmouseover}", True),
    ("the set {a, b} of two", False),
    ("`{: .class}` in code", False),
    ("escaped \\{: .x\\} braces", False),
    # Bare words after an element: attr_list sets them as empty attributes. An autolink or
    # a term name the engine links ("network effects") is such an element.
    ("See <https://example.org>{href} now.", True),
    ("See network effects{href} now.", True),
    ("$x^2${aria-hidden}", True),
    ("A heading-like line ending {title}", True),
    ("{1, 2, 3} is a set", False),
    ("$\\frac{a}{b}$ and \\(\\sqrt{x}\\)", False),  # braces in maths are LaTeX
]


@pytest.mark.parametrize(("text", "refused"), ATTR_LISTS)
def test_attribute_list_rule(text: str, refused: bool):
    problems = [m for _, m in markdown_problems(text).problems]
    assert any("attribute lists" in m for m in problems) == refused, problems


MATHS = [
    ("$x^2 + y^2$", None),
    ("\\(\\frac{a}{b}\\)", None),
    ("$$\n\\sum_i x_i\n$$", None),
    ("$a<b$", None),
    ("costs $5 and $10", None),
    ("$\\href{javascript:alert(1)}{x}$", "\\href"),
    ("\\(\\url{javascript:alert(1)}\\)", "\\url"),
    ("$$\n\\href{https://example.org}{x}\n$$", "\\href"),
    ("\\[\\frac{a}{\\]", "cannot convert"),
    ("`$\\href{x}{y}$` in code", None),
]


@pytest.mark.parametrize(("text", "why"), MATHS)
def test_maths_rule(text: str, why: str | None):
    problems = [m for _, m in markdown_problems(text).problems]
    if why is None:
        assert problems == []
    else:
        assert any(why in m for m in problems), problems


def test_maths_never_makes_a_link():
    assert "href" not in to_mathml("x + y", "inline")
    with pytest.raises(ValueError, match="href"):
        render_math('<span class="arithmatex">\\(\\href{javascript:alert(1)}{x}\\)</span>')
    assert latex_problem("\\frac{1}{2}") is None


def test_lines_are_counted_inside_the_field():
    report = markdown_problems("Line zero.\n\nLine two.\n\n<script>x</script>\n")
    assert [line for line, _ in report.problems] == [4]


@pytest.mark.parametrize("text", [
    "Line zero,\nline one,\nthen [x](javascript:y) on line two.",
    "Line zero,\\\nline one,  \nthen <img src=x> on line two.",
    "# Heading\nOne,\ntwo ![x](https://example.org/a.png)",
])
def test_a_problem_inside_a_paragraph_is_reported_once_at_its_own_line(text: str):
    assert [line for line, _ in markdown_problems(text).problems] == [2]


# --- URLs -------------------------------------------------------------------------------------

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


# --- plain text and URLs written into Markdown ----------------------------------------------

EXTENSIONS = ["attr_list", "def_list", "footnotes", "tables", "admonition", "toc",
              "pymdownx.arithmatex", "pymdownx.superfences", "pymdownx.inlinehilite",
              "pymdownx.highlight", "pymdownx.details"]


def render(source: str, content: bool = True) -> BeautifulSoup:
    ext = ContentMarkdown()
    ext.active = content
    md = markdown.Markdown(extensions=[*EXTENSIONS, ext],
                           extension_configs={"pymdownx.arithmatex": {"generic": True}})
    return BeautifulSoup(md.convert(source), "html.parser")


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_text_in_every_markdown_context(text: str):
    contexts = [f"# {md_text(text)} {{#slug}}", f"- [{md_text(text)}](x.md): {md_text(text)}",
                f'!!! tip "Continue in {md_text(text)}"\n\n    body',
                f"{md_text(text)}\n{{: .fg-summary }}", f"1. [{md_text(text)}](https://e.org/)"]
    for source in contexts:
        soup = render(source)
        assert text in soup.get_text(), source
        elements = {e.name for e in soup.find_all(True)}
        assert elements <= {"h1", "ul", "ol", "li", "a", "p", "div"}, (source, elements)
        assert not any(k.startswith("on") for e in soup.find_all(True) for k in e.attrs)
        assert all(a["href"] in {"x.md", "https://e.org/"} for a in soup.find_all("a")), source


@pytest.mark.parametrize("url", ["https://example.org/a)<b>x</b>", "https://e.org/a b\"c",
                                 "https://e.org/x)(javascript:alert(1)"])
def test_md_url_cannot_leave_the_link(url: str):
    soup = render(f"[title]({md_url(url)}) after")
    links = soup.find_all("a")
    assert len(links) == 1 and links[0].get_text() == "title"
    assert soup.get_text().endswith(" after") and soup.find("b") is None


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalikes_render_as_text_with_raw_html_off(text: str):
    assert markdown_problems(text).problems == []
    soup = render(text + "\n\n**Also known as:** x\n{: .fg-aliases }")
    assert soup.find(["script", "img", "svg", "b"]) is None
    assert soup.select_one("p.fg-aliases") is not None  # nothing was swallowed


def test_raw_html_is_on_for_pages_that_are_not_generated():
    assert render("<b>x</b>", content=False).find("b") is not None
    assert render("<b>x</b>").find("b") is None


# --- the sanitiser --------------------------------------------------------------------------

DANGEROUS_HTML = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>', '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<iframe src="https://example.org"></iframe>', "<object data=x></object>",
    "<embed src=x>", '<form action="https://e.org"><input></form>', "<style>*{}</style>",
    '<base href="https://evil.example.org/">', '<meta http-equiv="refresh" content="0">',
    '<p style="background:url(javascript:alert(1))">x</p>', "<details ontoggle=alert(1) open>",
    '<math><mrow href="javascript:alert(1)"><mi>x</mi></mrow></math>',
    '<a href="data:text/html,x">x</a>', '<p onclick="alert(1)">x</p>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


@pytest.mark.parametrize("fragment", DANGEROUS_HTML)
def test_sanitiser_removes_script_handlers_frames_and_bad_urls(fragment: str):
    soup = BeautifulSoup(sanitise(fragment), "html.parser")
    banned = {"script", "iframe", "object", "embed", "form", "style", "base", "meta", "img",
              "svg", "input"}
    assert not soup.find_all(banned)
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            assert not name.startswith("on") and name not in {"style", "src"}
            if name == "href":
                assert normalise_url(value).split(":")[0] not in {"javascript", "data"}


def test_sanitiser_keeps_what_pages_are_made_of():
    page = ('<h2 id="x">T<a class="headerlink" href="#x" title="Permanent link">¶</a></h2>'
            '<p class="fg-summary">s</p><div class="admonition tip"><p class="admonition-title">'
            't</p></div><table><tr><th style="text-align: left;">h</th></tr></table>'
            + to_mathml("\\frac{a}{b}", "block"))
    soup = BeautifulSoup(sanitise(page), "html.parser")
    assert soup.select_one("h2#x a.headerlink[href='#x']") is not None
    assert soup.select_one("p.fg-summary") and soup.select_one("div.admonition.tip")
    assert soup.select_one("th")["style"].replace(" ", "").startswith("text-align:left")
    assert soup.select_one("math mfrac") is not None and soup.select_one("math")["aria-label"]


def test_engine_html_is_put_back_only_from_its_own_placeholders():
    engine = EngineHtml()
    figure = engine.keep(lambda cid, root: f'<figure id="{cid}"><script src="{root}x.js">'
                                           "</script></figure>")
    placeholder = figure("loop", "../../")
    forged = "fgslot-" + "0" * 32 + "-0"
    page = f"<p>{placeholder}</p><p>{forged}</p><script>alert(1)</script>"
    out = clean_page(page, engine)
    assert '<figure id="loop"><script src="../../x.js"></script></figure>' in out
    assert forged in out and "alert" not in out and engine.token not in out


# --- every payload over every field: refused payloads give path:line ------------------------

def term(name: str, links: list[str], **fields: object) -> dict[str, object]:
    data: dict[str, object] = {
        "term": name.title(), "summary": f"{name} in tests.",
        "definition": "Defined here.\n\n" + ("Some words for the count. " * 40).strip() + "\n",
        "level": "introductory", "tags": ["testing"], "related": links,
        "lessons": ["lesson-one"],
        "sections": [{"title": "How", "id": "how-it-works", "body": "It works, it does.\n"},
                     {"title": "Why", "id": "why", "body": "It matters, it does.\n"}],
        "sources": [{"title": "A source", "url": "https://example.org/book"}]}
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


@pytest.mark.parametrize("payload", MARKDOWN)
@pytest.mark.parametrize("field", ["definition", "body"])
def test_markdown_payloads_are_refused_at_their_line(tmp_path: Path, payload: str, field: str):
    words = ("Words for the count. " * 40).strip()
    text = f"First line of the field.\n\n{words}\n\n{payload}\n"
    if field == "definition":
        fields: dict[str, object] = {"definition": text}
    else:
        fields = {"sections": [{"title": "How", "id": "how-it-works", "body": text},
                               {"title": "Why", "id": "why", "body": "It matters.\n"}]}
    directory = write(tmp_path, fields)
    found = problems_at(directory, payload)
    assert found and all(p.startswith("glossary/alpha.yaml:") for p in found), found
    line = int(found[0].split(":")[1])
    mark = f"({number(payload)})"
    assert mark in (directory / "alpha.yaml").read_text().splitlines()[line - 1], found


@pytest.mark.parametrize("url", URLS)
def test_url_payloads_are_refused_in_sources_and_lessons(tmp_path: Path, url: str):
    directory = write(tmp_path, {"sources": [{"title": "S", "url": url}]})
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
                  "sources": [{"title": payload, "url": "https://example.org/"}]}
        lesson = {"id": "lesson-one", "title": payload, "level": payload, "url": "one/"}
        directory = write(tmp_path, fields, [lesson])
        assert check(directory, None, base=tmp_path) == [], (i, payload)


def test_payload_counts():
    """The suite's own figures: at least 40 payloads, each carrying a distinct number."""
    every = [*PLAIN, *LOOKALIKES, *MARKDOWN, *URLS, *SLUGS]
    assert len(every) >= 40
    assert len({number(p) for p in every}) == len(every)
    assert yaml.safe_load(dump({"x": "a\nb\n"})) == {"x": "a\nb\n"}


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
                                    "related-terms, sources)"])


@pytest.mark.parametrize("key", ["title", "level"])
def test_lesson_title_and_level_are_one_line(tmp_path: Path, key: str):
    lesson = {"id": "lesson-one", "title": "L", "level": "P", "url": "one/", key: "a\nb\n"}
    directory = write(tmp_path, None, [lesson])
    found = [str(p) for p in check(directory, None, base=tmp_path)]
    assert found == [f"glossary/lessons.yaml:{3 if key == 'title' else 4}: lesson {key} is one "
                     "line of plain text"], found


def test_source_titles_are_one_line(tmp_path: Path):
    directory = write(tmp_path, {"sources": [{"title": "a\nb\n", "url": "https://e.org/"}]})
    found = [str(p) for p in check(directory, None, base=tmp_path)]
    assert len(found) == 1 and "one line of plain text" in found[0], found


# --- text whose only brackets are [[slug]] links is not parsed --------------------------------

CHECK_WORDS = ["word", " ", "\n", "\n\n", "[[box]]", "[[box|a box]]", "[[box|<b>x</b>]]",
               "[[box|{.x}]]", "[[box|$x$]]", "[[box\\|x]]", "[", "]", "(", ")", ":", "!", "^",
               "(javascript:alert(1))", "(https://example.org)", ": javascript:x",
               "<b>x</b>", "{.x}", "$x$", "\\(x\\)", "*", "_", "- ", "    ", "`", "#", "&"]


def _full_report(text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    with monkeypatch.context() as patch:
        patch.setattr(safety, "_nothing_to_check", lambda text: False)
        return markdown_problems(text).problems


@settings(max_examples=600, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(CHECK_WORDS), max_size=12).map("".join))
def test_text_with_only_wikilinks_gets_the_report_a_parse_gives(
        monkeypatch: pytest.MonkeyPatch, text: str):
    assume("[[" in text)
    assert markdown_problems(text).problems == _full_report(text, monkeypatch)


@pytest.mark.parametrize(("text", "skipped"), [
    ("See [[box]] and [[box|a box]].", True),
    ("See [[box]](javascript:alert(1)).", False), ("![[box]]", False),
    ("[[box|<b>x</b>]]", False), ("[[box]] [x](y)", False), ("[[box]]: x", False),
])
def test_which_texts_skip_the_check(text: str, skipped: bool):
    assert safety._nothing_to_check(text) is skipped
