"""In-text links on the field's tokens (glossary_site.content.links): ``[[slug]]`` links, automatic
first mentions, mentions, and their problems; shown on the HTML the reader gets."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_site.build.pipeline import check, load_glossary
from glossary_site.content.links import (
    MAX_LINKED_NAME,
    NameIndex,
    auto_names,
    link_tokens,
    linkable_names,
    mentions_of,
)
from glossary_site.content.model import Term
from glossary_site.render.html import render_field
from glossary_site.render.parser import parse


def term(name: str, aliases: list[str] | None = None, **extra: Any) -> Term:
    return Term(term=name, summary=f"{name[:50]}.", definition="Defined.", added="2026-01-05",
                reviewed="2026-01-05", level="introductory", aliases=aliases or [], **extra)


TERMS = {
    "network-effects": term("Network Effects", ["Network externalities"]),
    "data-network-effects": term("Data Network Effects"),
    "data-flywheel": term("Data Flywheel", ["AI flywheel"]),
    "training-data": term("Training Data", ["Training set"]),
    "competitive-moat": term("Competitive Moat", ["Moat"], autolink=["Competitive Moat"]),
    "ab-testing": term("A/B Testing", ["A/B test"]),
    "box": term("Box"),
    "quiet": term("Quiet Term", autolink=False),
}
INDEX = NameIndex.build(TERMS)


def a(slug: str, text: str) -> str:
    """A link to a term page as the renderer writes it (from another term page)."""
    return f'<a href="../{slug}/">{text}</a>'


def linked(text: str, page: str = "data-flywheel") -> str:
    """The field's finished HTML after linking; a lone paragraph without its ``<p>``."""
    tokens, _ = parse(text)
    link_tokens(tokens, page, TERMS, INDEX)
    out = render_field(tokens, "definition").strip()
    lone = re.fullmatch(r"<p>(.*)</p>", out, re.DOTALL)
    return lone.group(1) if lone and "<p>" not in lone.group(1) else out


def links_of(text: str, page: str = "data-flywheel"):  # noqa: ANN201 - FieldLinks
    return link_tokens(parse(text)[0], page, TERMS, INDEX)


@pytest.mark.parametrize(("text", "expected"), [
    # whole words, case-insensitive, the original spelling kept as link text
    ("Strong network effects help.", f"Strong {a('network-effects', 'network effects')} help."),
    ("NETWORK EFFECTS help.", f"{a('network-effects', 'NETWORK EFFECTS')} help."),
    ("Subnetwork effects do not.", "Subnetwork effects do not."),
    ("network effectsful", "network effectsful"),
    ("Box.", f"{a('box', 'Box')}."),
    # plurals (s, es) and the singular of a plural name
    ("two training sets", f"two {a('training-data', 'training sets')}"),
    ("many boxes", f"many {a('box', 'boxes')}"),
    ("a network effect", f"a {a('network-effects', 'network effect')}"),
    ("ran A/B tests", f"ran {a('ab-testing', 'A/B tests')}"),
    # longest match first
    ("data network effects grow", f"{a('data-network-effects', 'data network effects')} grow"),
    # the first mention only, whichever name it uses
    ("Network effects, then network externalities.",
     f"{a('network-effects', 'Network effects')}, then network externalities."),
    ("a box and a box", f"a {a('box', 'box')} and a box"),
    ("a box\n\nanother box", f"<p>a {a('box', 'box')}</p>\n<p>another box</p>"),
    # a name broken over two lines (a soft line break) is one mention
    ("strong network\neffects", f"strong {a('network-effects', 'network' + chr(10) + 'effects')}"),
    ("- strong network\n  effects", f"<ul>\n<li>strong "
     f"{a('network-effects', 'network' + chr(10) + 'effects')}</li>\n</ul>"),
    # never the page's own names, nor a name inside them
    ("An AI flywheel is a data flywheel.", "An AI flywheel is a data flywheel."),
    # never in headings, code, maths, links or autolinks
    ("# Network effects\n\nbody",
     '<h3 id="definition--network-effects">Network effects</h3>\n<p>body</p>'),
    ("Box\n---\n\nbody box", f'<h4 id="definition--box">Box</h4>\n<p>body {a("box", "box")}</p>'),
    ("`network effects` and ``box``", "<code>network effects</code> and <code>box</code>"),
    ("```\nnetwork effects\n```", "<pre><code>network effects\n</code></pre>"),
    ("    network effects", "<pre><code>network effects\n</code></pre>"),
    ("[network effects](https://example.org)",
     '<a href="https://example.org">network effects</a>'),
    ("<https://example.org/box>", '<a href="https://example.org/box">https://example.org/box</a>'),
    # emphasis, lists and tables keep their markup around the link
    ("**network effects**", f"<strong>{a('network-effects', 'network effects')}</strong>"),
    ("- one\n  - nested box",
     f"<ul>\n<li>one\n<ul>\n<li>nested {a('box', 'box')}</li>\n</ul>\n</li>\n</ul>"),
    ("| a | b |\n|---|---|\n| box | x |", "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n"
     f"</tr>\n</thead>\n<tbody>\n<tr>\n<td>{a('box', 'box')}</td>\n<td>x</td>\n</tr>\n"
     "</tbody>\n</table>"),
    # opting out: per alias (Moat) and per term (Quiet Term)
    ("a moat, and a competitive moat",
     f"a moat, and a {a('competitive-moat', 'competitive moat')}"),
    ("a quiet term", "a quiet term"),
    # a hyphen joins words; emphasis with underscores does not
    ("box-shaped and _box_", f"box-shaped and <em>{a('box', 'box')}</em>"),
    # after "!" a link is a link: the tokens say so, no escaping needed
    ("Wow!Network effects.", f"Wow!{a('network-effects', 'Network effects')}."),
    ("Escaped \\!box here", f"Escaped !{a('box', 'box')} here"),
])
def test_automatic_links(text: str, expected: str):
    assert linked(text) == expected


def test_maths_is_never_linked():
    page = BeautifulSoup(linked("$network effects$ and \\(box\\) but a box"), "html.parser")
    assert [x.get("href") for x in page.find_all("a")] == ["../box/"]
    assert all(m.find("a") is None for m in page.find_all("math"))


@pytest.mark.parametrize(("text", "expected"), [
    ("See [[network-effects]].", f"See {a('network-effects', 'Network Effects')}."),
    ("See [[network-effects|a network effect]].",
     f"See {a('network-effects', 'a network effect')}."),
    ("See [[ab-testing]].", f"See {a('ab-testing', 'A/B Testing')}."),
    ("See [[box|the\n  big box]] here", f"See {a('box', 'the big box')} here"),
    ("[[ box ]] and [[box|  ]]", f"{a('box', 'Box')} and Box"),  # once per page
    ("[[box|*x* <b>&]]", a("box", "*x* &lt;b&gt;&amp;")),   # a label is plain text
    ("[[box|costs $a^2$ each]]", a("box", "costs $a^2$ each")),
    ("`[[box]]` stays code", "<code>[[box]]</code> stays code"),
    ("# Heading [[box]]", f'<h3 id="definition--heading-box">Heading {a("box", "Box")}</h3>'),
    # an explicit link takes the place of the automatic one in its field
    ("A box, then [[box|the box]].", f"A box, then {a('box', 'the box')}."),
    ("[[box]] then a box", f"{a('box', 'Box')} then a box"),
    # a quiet term can still be linked explicitly
    ("[[quiet]]", a("quiet", "Quiet Term")),
    ("See ![[box]]", f"See !{a('box', 'Box')}"),
    # brackets around a [[slug]] make no link (a link holds no link): they stay text
    ("[x [[box]] y](https://example.org)", f"[x {a('box', 'Box')} y](https://example.org)"),
    # in a table a bare "|" ends the cell: [[slug\\|label]] there, and anywhere else too
    ("| a | b |\n| --- | --- |\n| x | [[box\\|big box]] y |\n",
     "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
     f"<td>x</td>\n<td>{a('box', 'big box')} y</td>\n</tr>\n</tbody>\n</table>"),
    ("| a |\n| --- |\n| [[box\\|B]], [[quiet]] and a box \\| c |\n",
     "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n"
     f"<td>{a('box', 'B')}, {a('quiet', 'Quiet Term')} and a box | c</td>\n</tr>\n</tbody>\n"
     "</table>"),
    ("See [[box\\|the box]].", f"See {a('box', 'the box')}."),
])
def test_explicit_links(text: str, expected: str):
    assert linked(text) == expected


def test_counts_and_targets():
    result = links_of("Network effects and a box. [[training-data]] and a box.")
    assert result.targets == ["network-effects", "box", "training-data"]
    assert (result.explicit, result.automatic) == (1, 2)
    assert result.unknown == [] and result.split == []


def test_a_term_is_linked_once_per_page():
    """Fields are linked in page order; a term the page has linked already is text in later
    fields, whether mentioned or written as [[slug]] (it still counts as mentioned)."""
    fields = ["A box here, a box there.", "Another box, and [[box|the box]].", "No mention.",
              "[[training-data]] then training data"]
    page: list[str] = []
    found, links = [], []
    for text in fields:
        tokens, _ = parse(text)
        found.append(link_tokens(tokens, "data-flywheel", TERMS, INDEX, linked=page))
        page += [t for t in found[-1].targets if t not in page]
        links.append(render_field(tokens, "p").count("<a "))
    assert links == [1, 0, 0, 1]
    assert [(f.targets, f.explicit, f.automatic) for f in found] == [
        (["box"], 0, 1), (["box"], 0, 0), ([], 0, 0), (["training-data"], 1, 0)]


def test_only_the_allowed_terms_are_linked_automatically():
    tokens, _ = parse("A box and network effects; [[training-data]].")
    found = link_tokens(tokens, "data-flywheel", TERMS, INDEX, auto_ok={"box"})
    assert found.targets == ["box", "training-data"] and found.automatic == 1


def test_the_href_comes_from_the_caller():
    tokens, _ = parse("[[box]] and network effects")
    link_tokens(tokens, "data-flywheel", TERMS, INDEX)
    html = render_field(tokens, "definition", lambda slug: f"/terms/{slug}.html")
    assert [x["href"] for x in BeautifulSoup(html, "html.parser").find_all("a")] == [
        "/terms/box.html", "/terms/network-effects.html"]


def test_unknown_and_self_links_are_reported_not_linked():
    result = links_of("[[netwrk-effects]] and [[data-flywheel|us]]")
    assert result.unknown == [(0, "netwrk-effects"), (0, "data-flywheel")]
    assert result.targets == [] and result.explicit == 0
    assert linked("[[netwrk-effects]] and [[data-flywheel|us]]") == "netwrk-effects and us"


@pytest.mark.parametrize(("text", "unknown"), [
    ("line 0\n\nline 2 [[nope]]\nline 3 [[nope-2]]", [(2, "nope"), (3, "nope-2")]),
    ("line 0  \nline 1 [[nope]]", [(1, "nope")]),
    ("line 0, *emphasis\nover* line 1 [[nope]]", [(1, "nope")]),
    ("line 0, [a\nlink](https://e.org/) [[nope]]", [(1, "nope")]),
    ("# [[nope]]", [(0, "nope")]),
    ("- a\n- b [[nope]]", [(1, "nope")]),
    ("> a\n> b [[nope]]", [(1, "nope")]),
    ("| a |\n|-|\n| x |\n| [[nope]] |", [(3, "nope")]),
    ("Term\n: a\n: [[nope]]", [(2, "nope")]),
])
def test_unknown_slugs_are_reported_at_their_line_offset(text: str, unknown: list[object]):
    assert links_of(text).unknown == unknown


@pytest.mark.parametrize("text", ["line 0, `code\nover` line 1 [[nope]]",
                                  "line 0, $x\ny$ line 1 [[nope]]",
                                  "line 0, [[box|a\nlabel]] line 1 [[nope]]"])
def test_unknown_slugs_after_a_multi_line_span_are_reported_at_their_line(text: str):
    assert links_of(text).unknown == [(1, "nope")]


def test_a_bare_pipe_in_a_table_link_is_reported_at_its_line():
    text = "Intro.\n\n| Term | Note |\n| --- | --- |\n| [[box|Box]] | fine |\n"
    assert links_of(text).split == [4]
    assert links_of(text.replace("[[box|", "[[box\\|")).split == []


def test_a_long_name_is_indexed_without_crashing_and_never_matched():
    terms = {**TERMS, "long": term("N" * 5_000, ["A" * 5_000]),
             "limit": term("L" * MAX_LINKED_NAME)}
    index = NameIndex.build(terms)  # no RecursionError: the long names are left out
    text = f"{'N' * 5_000} and {'L' * MAX_LINKED_NAME} and a box"
    tokens, _ = parse(text)
    found = link_tokens(tokens, "data-flywheel", terms, index)
    assert found.targets == ["limit", "box"]


def test_linkable_and_auto_names():
    assert linkable_names(TERMS["network-effects"]) == ["Network Effects",
                                                        "Network externalities"]
    assert linkable_names(TERMS["competitive-moat"]) == ["Competitive Moat"]
    assert linkable_names(TERMS["quiet"]) == []
    assert auto_names(TERMS) == set(TERMS) - {"quiet"}


def test_mentions_are_sorted_by_name_and_leave_out_related_terms():
    terms = {"a": term("Zed"), "b": term("Alpha"), "c": term("Mid", related=["a"])}
    mentions = mentions_of({"a": ["c"], "b": ["c"], "c": ["a"]}, terms)
    assert mentions == {"a": ["c"], "b": [], "c": ["b"]}


# --- properties -----------------------------------------------------------------------------

PIECES = ["box", "boxes", "network", "effects", "Network Effects", "training sets", "A/B tests",
          "data flywheel", "moat", "quiet term", " ", "\n", "\n\n", "*", "_", "`", "$",
          "[[box]]", "[[box|a box]]", "[[nope]]", "[[box\\|b]]", "[", "]", "(https://e.org/)",
          "# ", "- ", "> ", "| ", "|---|", "    ", "\\", "!", "-", "é", "<https://e.org/box>"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=20).map("".join))
def test_links_land_only_in_text(text: str):
    """Whatever the text: each link points at a term, no link sits in a heading's
    automatic text, code, maths or another link, and each automatic target once."""
    tokens, _ = parse(text)
    found = link_tokens(tokens, "data-flywheel", TERMS, INDEX)
    page = BeautifulSoup(render_field(tokens, "definition"), "html.parser")
    term_links = [x for x in page.find_all("a") if x["href"].startswith("../")]
    assert {x["href"][3:-1] for x in term_links} == set(found.targets)
    assert "data-flywheel" not in found.targets
    for link in term_links:
        assert link.find_parent(["code", "pre", "math", "a"]) is None
        assert link.find("a") is None
    assert len(term_links) == found.explicit + found.automatic


# --- in term files ----------------------------------------------------------------------------

def write_definition(path: Path, body: list[str]) -> int:
    """Replace the term file's definition with a ``|`` block of ``body`` lines (then filler
    words); return the 1-based line of ``definition: |``."""
    lines = path.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("definition:"))
    lines[at:at + 1] = ["definition: |", *(f"  {row}" if row else "" for row in body),
                        "  " + "Filler words here. " * 30]
    path.write_text("\n".join(lines) + "\n")
    return at + 1


def test_a_bare_pipe_inside_a_table_link_is_reported_at_its_line(write_glossary):
    directory = write_glossary(slugs=("alpha-term", "beta-term", "gamma-term"))
    path = directory / "alpha-term.yaml"
    original = path.read_text()
    table = ["First line.", "", "| Term | Note |", "| --- | --- |"]
    at = write_definition(path, [*table, "| [[beta-term|Beta]] | fine |", ""])
    problems = check(directory, base=directory.parent)
    assert [str(p) for p in problems] == [
        f"glossary/alpha-term.yaml:{at + 5}: a '|' inside [[slug|label]] ends a table cell: "
        "in a table write [[slug\\|label]]"]
    path.write_text(original)
    write_definition(path, [*table, "| [[beta-term\\|Beta]] | fine |", ""])
    assert check(directory, base=directory.parent) == []


def write_terms(directory: Path, bodies: dict[str, str]) -> None:
    """Rewrite the glossary's definitions (keeping the filler words)."""
    for slug, body in bodies.items():
        path = directory / f"{slug}.yaml"
        data = yaml.safe_load(path.read_text())
        data["definition"] = body + "\n\n" + data["definition"] + "\n"
        path.write_text(yaml.safe_dump(data, sort_keys=False, width=1000), encoding="utf-8")


def test_unknown_slug_is_reported_at_its_line_with_a_suggestion(write_glossary):
    directory = write_glossary(slugs=("alpha-term", "beta-term", "gamma-term", "delta-term"))
    at = write_definition(directory / "alpha-term.yaml",
                          ["First line.", "", "Then [[beta-trem]] here."])
    problems = check(directory, base=directory.parent)
    assert [str(p) for p in problems] == [
        f"glossary/alpha-term.yaml:{at + 3}: unknown term '[[beta-trem]]' "
        "(did you mean 'beta-term'?)"]


def test_a_link_to_itself_is_reported(write_glossary):
    directory = write_glossary()
    at = write_definition(directory / "alpha-term.yaml", ["See [[alpha-term]]."])
    problems = check(directory, base=directory.parent)
    assert [str(p) for p in problems] == [
        f"glossary/alpha-term.yaml:{at + 1}: '[[alpha-term]]' links this term to itself"]


def test_autolink_must_name_the_terms_own_names(write_glossary):
    directory = write_glossary(overrides={"alpha-term": {"autolink": ["Alpha", "Alpha Term"]}})
    problems = [p.message for p in check(directory, base=directory.parent)]
    assert problems == ["autolink lists 'Alpha', which is not this term's name or an alias "
                        "(did you mean 'Alpha Term'?)"]


@pytest.mark.parametrize("value", ["yes", "no", "1", "maybe", "Alpha Term"])
def test_autolink_is_true_false_or_a_list_once_said(write_glossary, value: str):
    """YAML 1.1's yes/no, numbers and a bare name are text to the loader, not a switch:
    one problem, that names the values autolink takes (not one per kind of value)."""
    directory = write_glossary(overrides={"alpha-term": {"autolink": value}})
    problems = [p.message for p in check(directory, base=directory.parent)]
    assert problems == ["'autolink' must be true, false (without quotes) or a list of this "
                        f"term's names (got '{value}')"]


def test_autolink_items_are_names(write_glossary):
    directory = write_glossary(overrides={"alpha-term": {"autolink": [["Alpha Term"]]}})
    problems = [p.message for p in check(directory, base=directory.parent)]
    assert problems == ["'autolink[0]' must be text (got list)"]


def test_mentions_leave_out_related_terms(write_glossary):
    slugs = ("alpha-term", "beta-term", "gamma-term", "delta-term", "epsilon-term")
    directory = write_glossary(slugs=slugs)
    # the ring: alpha-beta-gamma-delta-epsilon-alpha; alpha mentions gamma (not related),
    # beta mentions gamma (related), delta links gamma explicitly (related)
    write_terms(directory, {"alpha-term": "Unlike gamma terms, this one.",
                            "beta-term": "A cousin of the Gamma Term.",
                            "delta-term": "See [[gamma-term|its neighbour]]."})
    glossary = load_glossary(directory)
    assert glossary.targets["alpha-term"] == ["gamma-term"]
    assert glossary.link_counts["alpha-term"] == (0, 1)
    assert glossary.link_counts["delta-term"] == (1, 0)
    assert glossary.mentions["gamma-term"] == ["alpha-term"]
    assert glossary.mentions["alpha-term"] == []


@pytest.mark.parametrize(("directory_urls", "href"), [(True, "../gamma-term/"),
                                                      (False, "gamma-term.html")])
def test_the_built_field_links_term_pages_as_the_site_does(write_glossary,
                                                           directory_urls: bool, href: str):
    directory = write_glossary(slugs=("alpha-term", "beta-term", "gamma-term"))
    write_terms(directory, {"alpha-term": "Unlike gamma terms, see [[beta-term|B]]."})
    glossary = load_glossary(directory, directory_urls=directory_urls)
    field = BeautifulSoup(glossary.html["alpha-term"][("definition",)], "html.parser")
    assert [(x["href"], x.get_text()) for x in field.find_all("a")] == [
        (href, "gamma terms"), (href.replace("gamma", "beta"), "B"),
        ("#source-textbook", "A textbook")]
