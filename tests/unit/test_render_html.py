"""Term Markdown to finished HTML (glossary_site.render.html and .sanitise), rule by rule.

Each table holds inputs of one rendering rule with what the reader gets. Then: every payload
of ``tests/payloads.py`` renders inert, whether the check refuses it or not; the headings
that once ran script through Python-Markdown's attribute lists get engine-made ids; plain
text written into page Markdown stays text; the sanitiser's allow-list; and two properties:
rendering never raises, and what the check accepts renders without the sanitiser having to
remove anything.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from latex2mathml import commands as latex_commands
from payloads import LOOKALIKES, MARKDOWN, PLAIN, number
from support import markdown_problems

from glossary_site.content.links import NameIndex, link_tokens
from glossary_site.content.model import Term
from glossary_site.render.escape import md_text, md_url
from glossary_site.render.html import heading_id, render_field, render_tokens
from glossary_site.render.mathml import to_mathml
from glossary_site.render.parser import parse
from glossary_site.render.rules import check_tokens, normalise_url
from glossary_site.render.sanitise import ATTRIBUTES, TAGS, sanitise


def rendered(text: str, prefix: str = "how-it-works") -> str:
    """The finished HTML of one field (parsed, rendered, cleaned), with nothing linked."""
    return render_field(parse(text)[0], prefix)


def soup(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(fragment, "html.parser")


BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
BAD_ELEMENTS = ("<script", "<img", "<iframe", "<style", "<svg", "<object", "<embed", "<form")


def assert_inert(fragment: str) -> None:
    """No script, frame, image, style or SVG; no handler attribute; no dangerous URL."""
    lowered = fragment.lower()
    assert not [tag for tag in BAD_ELEMENTS if tag in lowered], fragment
    assert "<!--" not in fragment, fragment  # no plugin marker, no finished_html delimiter
    for element in soup(fragment).find_all(True):
        assert element.name in TAGS, (element.name, fragment)
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), (element, fragment)
            assert name in ATTRIBUTES.get(element.name, set()), (element, fragment)
            if name == "href":
                assert not normalise_url(str(value)).startswith(BAD_SCHEMES), fragment


# --- raw HTML, images, maths ------------------------------------------------------------------

RAW_HTML = [
    ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ("<div>\nblock\n</div>", "<div>"),
    ("text <img src=x onerror=alert(1)> text", "<img src=x onerror=alert(1)>"),
    ("<!-- a comment -->", "<!-- a comment -->"),
    ("AT&T <b>bold</b> & 3 < 4", "<b>bold</b>"),
    ("if a<b and c>d", "a<b and c>d"),
    ("<div/onclick=alert(1)>x", "<div/onclick=alert(1)>x"),
]


@pytest.mark.parametrize(("text", "shown"), RAW_HTML)
def test_raw_html_is_written_as_text(text: str, shown: str):
    out = rendered(text)
    assert [e.name for e in soup(out).find_all(True)] == ["p"], out
    assert shown in soup(out).get_text()


def test_images_are_written_as_their_alt_text():
    out = rendered("See ![a *chart* of growth](https://example.org/x.png) here.")
    assert out == "<p>See a chart of growth here.</p>\n"


MATHS = [
    ("$x^2$", "math[display=inline] msup", "x^2"),
    ("\\(\\frac{a}{b}\\)", "math[display=inline] mfrac", "\\frac{a}{b}"),
    ("$$\n\\sum_i x_i\n$$", "div.fg-math > math[display=block]", "\\sum_i x_i"),
    ("\\[\\sqrt{x}\\]", "div.fg-math > math[display=block] msqrt", "\\sqrt{x}"),
    ("$a<b$", "math mo", "a<b"),
]


@pytest.mark.parametrize(("text", "selector", "label"), MATHS)
def test_maths_becomes_mathml_labelled_with_its_source(text: str, selector: str, label: str):
    page = soup(rendered(text))
    assert page.select_one(selector) is not None, page
    assert page.select_one("math")["aria-label"] == label


@pytest.mark.parametrize("text", ["$\\href{javascript:alert(1)}{x}$",
                                  "$$\n\\url{javascript:alert(1)}\n$$",
                                  "\\(\\frac{a}{\\)"])
def test_maths_the_check_refuses_is_written_as_code(text: str):
    out = rendered(text)
    assert "<math" not in out and "href=" not in out and soup(out).find("code") is not None


@pytest.mark.parametrize("text", ["\\color{transparent}{x}", "\\colorbox{black}{x}",
                                  "\\textcolor{white}{x}", "\\hspace{-100vw}x",
                                  "\\mathllap{x}", "\\hspace{calc(100vw)}x"])
def test_maths_keeps_no_colour_and_only_plain_bounded_lengths(text: str):
    """Colours could hide an equation's text or paint over the page, and lengths in other
    units (vw, the -1width of \\mathllap, calc) escape the bound: all are dropped."""
    out = re.sub(r'aria-label="[^"]*"', "", to_mathml(text, "inline"))  # the source, as text
    assert not re.search(r"mathcolor|mathbackground|=\"[^\"]*(?:vw|width|calc)", out), out


def test_maths_sizes_and_shifts_are_bounded():
    for text in ("\\raise{4.5em}{x}", "\\hspace{-5em}x", "\\rule{1in}{1em}", "\\kern{73pt}x"):
        with pytest.raises(ValueError, match="at most 4em"):
            to_mathml(text, "inline")
    for text in ("a\\!b", "a\\qquad b", "\\Huge x", "\\Bigg( x \\Bigg)", "\\hspace{4em}x"):
        to_mathml(text, "inline")


def test_maths_holds_no_link():
    out = rendered("$x$ and [a link $y$](https://example.org/)")
    assert [a.get_text() for a in soup(out).find_all("a")] == ["a link y"]
    assert all(not e.find("a") for e in soup(out).find_all("math"))


# --- headings -----------------------------------------------------------------------------------

SAFE_ID = re.compile(r"^[a-z0-9-]+$")

HEADINGS = [
    ("# One", "h3", "how-it-works--one"),
    ("## Two", "h4", "how-it-works--two"),
    ("### Three", "h5", "how-it-works--three"),
    ("#### Four", "h6", "how-it-works--four"),
    ("###### Six", "h6", "how-it-works--six"),
    ("One\n===", "h3", "how-it-works--one"),
    ("Two\n---", "h4", "how-it-works--two"),
    ("## Über *naïve* `code` 日本", "h4", "how-it-works--uber-naive-code"),
    ("## Sources", "h4", "how-it-works--sources"),  # never a section id of the page
    ("## 日本", "h4", "how-it-works--part"),
    ("#", "h3", "how-it-works--part"),
    ("## " + "word " * 30, "h4", "how-it-works--" + "-".join(["word"] * 12)),
]


@pytest.mark.parametrize(("text", "tag", "anchor"), HEADINGS)
def test_headings_start_at_h3_with_engine_made_ids(text: str, tag: str, anchor: str):
    heading = soup(rendered(text)).find(re.compile("^h[1-6]$"))
    assert (heading.name, heading["id"], list(heading.attrs)) == (tag, anchor, ["id"])


def test_heading_ids_are_unique_in_a_field():
    ids = [h["id"] for h in soup(rendered("# A\n\n## A\n\n# a\n\nA\n---")).find_all(True)]
    assert ids == ["how-it-works--a", "how-it-works--a-2", "how-it-works--a-3",
                   "how-it-works--a-4"]


def test_heading_ids_start_with_the_fields_prefix():
    assert soup(rendered("# A", "definition")).h3["id"] == "definition--a"
    assert heading_id("x\" onfocus=\"alert(1)", "why") == "why--x-onfocus-alert-1"


ATTRIBUTE_HEADINGS = [
    "## Sub {title=\"{}\" id='x\" autofocus onfocus=\"alert(1)'}",
    "Sub {title=\"{}\" id='x\" autofocus onfocus=\"alert(1)'}\n---",
    "## Sub {#x autofocus onfocus=alert(1)}",
    "## Sub {: .md-button onclick=\"alert(1)\" }",
    "Sub {: #id onmouseover=alert(1)}\n---",
    "## Hi {title='{}' id='x\" autofocus onfocus=\"alert(1)'}",  # as payloads' !!binary file
]


@pytest.mark.parametrize("text", ATTRIBUTE_HEADINGS)
def test_attribute_lists_on_headings_are_text_and_the_id_is_safe(text: str):
    """The old hole: Python-Markdown read the whole ``{…}`` as attributes, the toc copied
    the id into the sidebar, and a handler ran on page load. Now the braces are text."""
    assert markdown_problems(text).problems == []
    out = rendered(text)
    heading = soup(out).find(re.compile("^h[1-6]$"))
    assert heading.name == "h4" and list(heading.attrs) == ["id"], out
    assert SAFE_ID.match(heading["id"]) and heading["id"].startswith("how-it-works--")
    assert "{" in heading.get_text() and "alert(1)" in heading.get_text(), out
    assert_inert(out)


# --- links --------------------------------------------------------------------------------------

LINKS = [
    ("[a](https://example.org/x)", "https://example.org/x", "a"),
    ("[a](https://example.org/é?q=\"y\" 't')", "https://example.org/%C3%A9?q=%22y%22", "a"),
    ("[a](<https://example.org/a b>)", "https://example.org/a%20b", "a"),
    ("<https://example.org/p>", "https://example.org/p", "https://example.org/p"),
    ("<someone@example.org>", "mailto:someone@example.org", "someone@example.org"),
    ("[a](mailto:someone@example.org)", "mailto:someone@example.org", "a"),
    ("[a](#how-it-works)", "#how-it-works", "a"),
    ("[a][r]\n\n[r]: https://example.org/r", "https://example.org/r", "a"),
]


@pytest.mark.parametrize(("text", "href", "label"), LINKS)
def test_links_are_written_normalised(text: str, href: str, label: str):
    links = soup(rendered(text)).find_all("a")
    assert [(a["href"], a.get_text()) for a in links] == [(href, label)]


def test_link_titles_are_text():
    link = soup(rendered("[a](https://e.org/ \"x\\\" onclick=\\\"y <b>\")")).a
    assert sorted(link.attrs) == ["href", "title"] and link["title"] == 'x" onclick="y <b>'


@pytest.mark.parametrize(("text", "shown"), [
    ("[click *me*](javascript:alert(1))", "click me"),
    ("[a](JaVaScRiPt:alert(1)) after", "a after"),
    ("[a](jav&#x09;ascript:alert(1))", "a"),
    ("[a](data:text/html,x)", "a"),
    ("[a](vbscript:msgbox(1))", "a"),
    ("[a](other-term.md)", "a"),
    ("[a](//evil.example.org)", "a"),
    ("<javascript:alert(1)>", "javascript:alert(1)"),
    ("[a][r]\n\n[r]: javascript:alert(1)", "a"),
])
def test_links_the_check_refuses_are_not_written_but_their_text_is(text: str, shown: str):
    out = rendered(text)
    assert soup(out).find("a") is None and soup(out).get_text().strip() == shown, out
    if "*me*" in text:
        assert soup(out).em.get_text() == "me"


def test_unresolved_wikilinks_are_their_text():
    assert rendered("[[nope|A label]] and [[nope]]") == "<p>A label and nope</p>\n"


# --- the rest of CommonMark, tables, definition lists ------------------------------------------

BLOCKS = [
    ("| a | b |\n|:--|--:|\n| 1 | 2 |", "table th[style='text-align:left'] ~ th"),
    ("Term\n: its definition", "dl > dt + dd"),
    ("3. three\n4. four", "ol[start='3'] > li"),
    ("- a\n  - b", "ul > li > ul > li"),
    ("> quoted", "blockquote > p"),
    ("```py\ncode\n```", "pre > code.language-py"),
    ("a  \nb", "p > br"),
    ("***", "hr"),
    ("**b** *i* `c`", "p > strong ~ em ~ code"),
]


@pytest.mark.parametrize(("text", "selector"), BLOCKS)
def test_markdown_blocks_render_within_the_allow_list(text: str, selector: str):
    out = rendered(text)
    assert soup(out).select_one(selector) is not None, out
    assert_inert(out)


# --- every payload: refused or not, it renders inert -------------------------------------------

@pytest.mark.parametrize("payload", MARKDOWN, ids=number)
def test_markdown_payloads_render_inert(payload: str):
    assert_inert(rendered(payload))
    assert_inert(rendered(f"# {payload}\n\n- {payload}\n\n> {payload}\n\n| {payload} |\n|-|\n"))


@pytest.mark.parametrize("payload", LOOKALIKES, ids=number)
def test_lookalikes_render_as_text(payload: str):
    out = rendered(payload)
    assert_inert(out)
    assert f"alert({number(payload)})" in soup(out).get_text()
    assert soup(out).find(["script", "img", "svg", "b"]) is None


@pytest.mark.parametrize("payload", PLAIN, ids=number)
def test_plain_payloads_render_inert_as_markdown_too(payload: str):
    assert_inert(rendered(payload))


ATTRIBUTE_LISTS = [
    "A paragraph.\n{: .class }",
    "A paragraph.\n{: onclick=\"alert(1)\" }",
    "[a](https://example.org){onclick=alert(1)}",
    "[a](https://example.org/a){: .md-button onclick=alert(1)}",
    "**b**{.x}",
    "`code`{#id}",
    "text {#anchor}",
    "{onmouseover}",
    "See <https://example.org>{href} now.",
    "$x^2${aria-hidden}",
]


@pytest.mark.parametrize("text", ATTRIBUTE_LISTS)
def test_attribute_lists_are_text(text: str):
    assert markdown_problems(text).problems == []
    out = rendered(text)
    assert_inert(out)
    assert re.findall(r"\{[^{}]*\}", text) == re.findall(r"\{[^{}]*\}", soup(out).get_text())
    assert not [e for e in soup(out).find_all(True) if e.get("class") or e.get("id")]


@pytest.mark.parametrize("text", [
    "`<!-- material/tags -->`", "`<!--material/tags { include: [x] } -->`",
    "`<!-- glossary:a-z -->` in code", "```\n<!-- GLOSSARY:graph -->\n```",
    "<!-- material/tags -->", "an HTML comment starts `<!--`",
    "<!-- /glossary:html -->\n<script>alert(1)</script>\n<!-- glossary:html -->",
    "`<!-- /glossary:html -->`", "$\\text{<!-- /glossary:html -->}$",
])
def test_plugin_markers_never_reach_the_page(text: str):
    """Material's tags plugin reads ``<!-- material/tags -->`` anywhere in a page's
    Markdown, and finished_html.py's delimiters are comments too: fields are finished HTML,
    where a comment is only ever escaped text."""
    assert "<!--" not in rendered(text)


MATHS_TEXT = [
    "$\\text{<script>alert(1)</script>}$",
    "$\\text{</math><img/src=x/onerror=alert(1)>}$",
    "$\\text{<b>}$",
    # "/" separates attributes where latex2mathml turns spaces into &nbsp;: nh3 keeps what
    # its allow-list allows, so accepted maths places links, theme classes and page ids
    "$\\text{<a/href=\"https://evil.example/login\">Log in again</a>}$",
    "$\\text{<div/class=\"md-button\">Go</div>}$",
    "$\\text{<h3/id=\"sources\">Sources</h3>}$",
]


@pytest.mark.parametrize("text", MATHS_TEXT)
def test_markup_in_maths_text_is_refused_and_never_written(text: str):
    """latex2mathml copies ``\\text{…}`` into ``<mtext>`` unescaped: the engine reads its
    output as XML and refuses anything but MathML, and the renderer writes such maths as
    code."""
    assert markdown_problems(text).problems
    raw = render_tokens(parse(text)[0], "p")
    assert [e.name for e in soup(raw).find_all(True)] == ["p", "code"], raw


@pytest.mark.parametrize("text", MATHS_TEXT)
def test_maths_text_is_cleaned_at_least(text: str):
    assert_inert(rendered(text))


@pytest.mark.parametrize("text", ["[a](https://example.org\\x)", "<https://example.org\\x>",
                                  "[a](https://example.org:99999/)", "[a](https://example.org%)",
                                  "[a](https://example.org:x/)"])
def test_urls_nh3_would_empty_are_refused(text: str):
    """A backslash, an impossible port, a host of other characters: nh3 would drop the
    href (a link to nowhere), so the check refuses them."""
    assert markdown_problems(text).problems


@pytest.mark.parametrize("text", ["[<https://example.org/p>](https://example.org/)",
                                  "[see <someone@example.org>](https://example.org/)"])
def test_an_autolink_inside_a_link_is_not_a_link_in_a_link(text: str):
    assert markdown_problems(text).problems == []
    raw = render_tokens(parse(text)[0], "p")
    assert canonical(sanitise(raw)) == canonical(raw)


def maths_commands() -> list[str]:
    """Every command latex2mathml names (``\\frac``, ``\\mathop`` …)."""
    return sorted({value for value in vars(latex_commands).values()
                   if isinstance(value, str) and re.fullmatch(r"\\[A-Za-z]+", value)
                   and value not in {"\\begin", "\\end"}})


ENVIRONMENTS = ["matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "array",
                "aligned", "align", "align*", "cases", "split", "gathered", "smallmatrix",
                "subarray", "multline", "eqnarray", "alignat", "gather"]

CLEANED_AWAY = {
    "\\fcolorbox": "$\\fcolorbox{red}{blue}{x}$",  # border-color: not on the allow-list
    # an <mrow> inside a token element (<mo>, <mi>): the HTML parser drops the symbol
    "\\mathop": "$\\mathop{\\mathrm{arg\\,max}}_x$",
    "\\mathbin": "$a \\mathbin{\\circ} b$", "\\mathrel": "$a \\mathrel{=} b$",
    "\\mathord": "$\\mathord{a}$", "\\mathopen": "$\\mathopen{(}a$",
    "\\mathclose": "$a\\mathclose{)}$", "\\mathpunct": "$a\\mathpunct{,}b$",
}
"""latex2mathml commands whose raw MathML the sanitiser would change (a dropped attribute,
an element inside a token element): the engine writes them so that it does not."""


def test_maths_commands_render_without_cleaning_removing_anything():
    changed = set()
    arguments = ["", "{a}", "{a}{b}", "{a}{b}{c}", "[2]{a}", "{red}{a}", "{1em}{2em}"]
    texts = [(c, wrap.format(c + args)) for c in maths_commands() for args in arguments
             for wrap in ("${}$", "$$\n{}\n$$")]
    texts += [(env, f"$\\begin{{{env}}}{arg}a & b \\\\ \\hline c & d\\end{{{env}}}$")
              for env in ENVIRONMENTS for arg in ("", "{cc}", "{c|c}")]
    assert len(texts) > 1000
    for name, text in texts:
        problems, raw = link_and_render(text)
        if not problems and canonical(sanitise(raw)) != canonical(raw):
            changed.add(name)
    assert not changed, sorted(changed)


@pytest.mark.parametrize("text", sorted(CLEANED_AWAY.values()))
def test_maths_the_check_accepts_keeps_its_symbols(text: str):
    problems, raw = link_and_render(text)
    assert problems == []
    assert canonical(sanitise(raw)) == canonical(raw), (raw, sanitise(raw))


# --- plain text and URLs written into page Markdown ---------------------------------------------

EXTENSIONS = ["attr_list", "def_list", "footnotes", "tables", "admonition", "toc",
              "pymdownx.arithmatex", "pymdownx.superfences", "pymdownx.inlinehilite",
              "pymdownx.highlight", "pymdownx.details"]
"""mkdocs.yml's Markdown extensions: term pages are still Markdown for their headings."""


def page(source: str) -> BeautifulSoup:
    md = markdown.Markdown(extensions=EXTENSIONS,
                           extension_configs={"pymdownx.arithmatex": {"generic": True}})
    return soup(md.convert(source))


@pytest.mark.parametrize("text", PLAIN, ids=number)
def test_plain_text_is_text_in_every_markdown_context(text: str):
    contexts = [f"# {md_text(text)} {{#slug}}", f"## {md_text(text)} {{#why}}",
                f"- [{md_text(text)}](x.md): {md_text(text)}",
                f'!!! tip "Continue in {md_text(text)}"\n\n    body',
                f"{md_text(text)}\n{{: .fg-summary }}", f"1. [{md_text(text)}](https://e.org/)"]
    for source in contexts:
        html_page = page(source)
        assert text in html_page.get_text(), source
        elements = {e.name for e in html_page.find_all(True)}
        assert elements <= {"h1", "h2", "ul", "ol", "li", "a", "p", "div"}, (source, elements)
        assert not any(k.startswith("on") for e in html_page.find_all(True) for k in e.attrs)
        assert all(a["href"] in {"x.md", "https://e.org/"} for a in html_page.find_all("a"))
        assert all(e["id"] in {"slug", "why"} for e in html_page.find_all(id=True)), source


@pytest.mark.parametrize("url", ["https://example.org/a)<b>x</b>", "https://e.org/a b\"c",
                                 "https://e.org/x)(javascript:alert(1)"])
def test_md_url_cannot_leave_the_link(url: str):
    html_page = page(f"[title]({md_url(url)}) after")
    links = html_page.find_all("a")
    assert len(links) == 1 and links[0].get_text() == "title"
    assert html_page.get_text().endswith(" after") and html_page.find("b") is None


# --- the sanitiser ------------------------------------------------------------------------------

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
    '<h2 id="x" onfocus="alert(1)" autofocus tabindex="0">x</h2>',
    '<h4 id="x" autofocus onfocus="alert(1)">x</h4>',
    '<td style="text-align:left;background:url(javascript:alert(1))">x</td>',
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
]


@pytest.mark.parametrize("fragment", DANGEROUS_HTML)
def test_sanitiser_removes_script_handlers_frames_and_bad_urls(fragment: str):
    cleaned = sanitise(fragment)
    assert_inert(cleaned)
    for element in soup(cleaned).find_all(True):
        assert "src" not in element.attrs and "autofocus" not in element.attrs
        if "style" in element.attrs:
            assert element["style"].replace(" ", "").rstrip(";") == "text-align:left"


def test_sanitiser_keeps_what_fields_are_made_of():
    field = ('<h3 id="why--a">A</h3><h6 id="why--b">B</h6><p><a href="https://e.org/" '
             'title="t">x</a> <a href="#why">y</a> <a href="mailto:a@b.org">z</a> '
             '<a href="../box/">box</a></p><ol start="3"><li>x</li></ol>'
             '<pre><code class="language-py">c</code></pre><dl><dt>t</dt><dd>d</dd></dl>'
             '<table><tr><th style="text-align:left">h</th></tr></table>'
             + to_mathml("\\frac{a}{b}", "block") + '<div class="fg-math"></div>')
    page_soup = soup(sanitise(field))
    assert page_soup.select_one("h3#why--a") and page_soup.select_one("h6#why--b")
    assert [a["href"] for a in page_soup.find_all("a")] == [
        "https://e.org/", "#why", "mailto:a@b.org", "../box/"]
    assert page_soup.a["title"] == "t" and page_soup.select_one("ol[start='3']")
    assert page_soup.select_one("code.language-py") and page_soup.select_one("dl dt + dd")
    assert page_soup.select_one("th")["style"].replace(" ", "").startswith("text-align:left")
    assert page_soup.select_one("math mfrac") is not None
    assert page_soup.select_one("math")["aria-label"] == "\\frac{a}{b}"
    assert page_soup.select_one("div.fg-math") is not None


def test_sanitiser_keeps_no_heading_a_theme_reads():
    cleaned = soup(sanitise('<h1 id="a">a</h1><h2 id="b">b</h2><h3 id="c" class="x">c</h3>'))
    assert [(e.name, e.attrs) for e in cleaned.find_all(True)] == [("h3", {"id": "c"})]


# --- properties ----------------------------------------------------------------------------------

TERMS = {slug: Term(term=name, summary=f"{name}.", definition="Defined.", level="introductory",
                    added="2026-01-05", reviewed="2026-01-05")
         for slug, name in [("box", "Box"), ("data-flywheel", "Data Flywheel"),
                            ("moat", "Moat")]}
INDEX = NameIndex.build(TERMS)

PIECES = [
    "word", "box", "Data", "flywheel", "moat", " ", "  ", "\n", "\n\n", "\t", "    ",
    "*", "**", "_", "__", "`", "``", "```", "~~~", "~~", "\\", "!", ":", "^", "=", "\"", "'",
    "[", "]", "(", ")", "{", "}", "<", ">", "&", "&amp;", "&#x27;", "&nbsp;", "&#0;",
    "&#x1F680;", "é", "日本", "\x00", "\x01", "\x0c", "\x7f", "\u2028", "\ufeff", "\r\n",
    "[[box]]", "[[box|a label]]", "[[box\\|b]]", "[[nope]]", "[[", "]]",
    "[a](https://e.org/)", "[a](https://e.org/ \"t\")", "[a](#x)", "[a](mailto:)",
    "[a](<https://e.org/a b>)", "[a](https://e.org/é)",
    "[r]: https://e.org/", "[x][r]", "[a](javascript:x)", "![i](https://e.org/i.png)",
    "#", "# ", "## ", "###### ", "- ", "+ ", "1. ", "3) ", "> ", "|", "| a |", "|---|",
    "---", "===", "  \n", "Term\n: def", "```py{x} \"y\n",
    "$x$", "$$", "\\(x\\)", "\\[y\\]", "$a<b$", "$\\sqrt{x}$", "$\\color{red}{x}$",
    "$\\mathrm{x}$", "$\\begin{matrix}a&b\\\\c&d\\end{matrix}$", "$\\text{a b}$",
    "$\\overbrace{x}$", "$\\boxed{x}$", "$\\phantom{x}$", "$\\hspace{1em}$",
    "$\\frac{a}{b}$", "$x_1^2$", "$\\sum_{i}^{n}$", "$\\left(x\\right)$", "$\\binom{a}{b}$",
    "$\\operatorname{f}$", "$\\mathbb{R}$", "$'$", "$\\href{x}{y}$",
    "<b>", "</b>", "<!--", "-->", "<div>", "<script>",
]
"""Pieces of Markdown, hostile and not. Two engine bugs are kept out (see the xfail tests
above): URLs end their host with "/", and there are no autolinks (one could fall into a
link's text)."""

MARKDOWN_TEXT = st.lists(st.sampled_from(PIECES), max_size=25).map("".join)


class _Events(HTMLParser):
    """A fragment as a list of events, for comparing two serialisations of one tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[object, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append(("start", tag, tuple(sorted(
            (k, html.unescape(v or "") if k == "href" else v or "") for k, v in attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # "<mi />" in MathML: an empty element
        self.events.append(("end", tag))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(("end", tag))

    def handle_data(self, data: str) -> None:
        if self.events and self.events[-1][0] == "text":
            data = str(self.events.pop()[1]) + data
        self.events.append(("text", data))

    def handle_comment(self, data: str) -> None:
        self.events.append(("comment", data))


def canonical(fragment: str) -> list[tuple[object, ...]]:
    parser = _Events()
    parser.feed(fragment)
    parser.close()
    return [("text", re.sub(r"\s+", " ", str(e[1]))) if e[0] == "text" else e
            for e in parser.events if e[0] != "text" or str(e[1]).strip()]


def test_canonical_form_ignores_only_serialisation():
    assert canonical('<p a="1" b="&amp;">x &lt;\n y</p>') == canonical("<p b='&' a=1>x <  y</p>")
    assert canonical('<a href="?a=1&amp;b=2">') == canonical('<a href="?a=1&b=2">')
    assert canonical("<mi />") == canonical("<mi></mi>")
    assert canonical("<p>x</p>") != canonical("<p>y</p>")
    assert canonical("<p><b>x</b></p>") != canonical("<p>x</p>")
    assert canonical('<a href="x">') != canonical("<a>")


def link_and_render(text: str) -> tuple[list[tuple[int, str]], str]:
    tokens, env = parse(text)
    problems = check_tokens(tokens, env).problems
    link_tokens(tokens, "moat", TERMS, INDEX)
    return problems, render_tokens(tokens, "how-it-works")


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWN_TEXT)
def test_what_the_check_accepts_needs_no_cleaning(text: str):
    problems, raw = link_and_render(text)
    cleaned = sanitise(raw)
    assert_inert(cleaned)
    if not problems:
        assert canonical(cleaned) == canonical(raw), (text, raw, cleaned)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), MARKDOWN_TEXT,
                 st.lists(st.sampled_from(PIECES), max_size=400).map("".join)))
def test_rendering_never_raises(text: str):
    problems, raw = link_and_render(text)
    assert isinstance(problems, list)
    assert_inert(sanitise(raw))
