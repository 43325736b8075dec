"""In-text links: ``[[slug]]`` links, automatic first mentions, mentions and their problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary_site import links
from glossary_site.links import NameIndex, escape_text, link_field
from glossary_site.model import Term
from glossary_site.pipeline import check, load_glossary
from glossary_site.prose import prose_inlines


def term(name: str, aliases: list[str] | None = None, **extra: Any) -> Term:
    return Term(term=name, summary=f"{name}.", definition="Defined.", level="introductory",
                aliases=aliases or [], **extra)


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


def linked(text: str, page: str = "data-flywheel") -> str:
    return link_field(text, page, TERMS, INDEX).text


@pytest.mark.parametrize(("text", "expected"), [
    # whole words, case-insensitive, the original spelling kept as link text
    ("Strong network effects help.", "Strong [network effects](network-effects.md) help."),
    ("NETWORK EFFECTS help.", "[NETWORK EFFECTS](network-effects.md) help."),
    ("Subnetwork effects do not.", "Subnetwork effects do not."),
    ("network effectsful", "network effectsful"),
    # plurals (s, es) and the singular of a plural name
    ("two training sets", "two [training sets](training-data.md)"),
    ("many boxes", "many [boxes](box.md)"),
    ("a network effect", "a [network effect](network-effects.md)"),
    ("ran A/B tests", "ran [A/B tests](ab-testing.md)"),
    # longest match first
    ("data network effects grow", "[data network effects](data-network-effects.md) grow"),
    # the first mention only, whichever name it uses
    ("Network effects, then network externalities.",
     "[Network effects](network-effects.md), then network externalities."),
    # a name broken over two lines
    ("strong network\neffects", "strong [network\neffects](network-effects.md)"),
    # never the page's own names, nor a name inside them
    ("An AI flywheel is a data flywheel.", "An AI flywheel is a data flywheel."),
    # never in headings, code, math, links, autolinks or HTML entities
    ("# Network effects\n\nbody", "# Network effects\n\nbody"),
    ("`network effects` and ``box``", "`network effects` and ``box``"),
    ("```\nnetwork effects\n```", "```\nnetwork effects\n```"),
    ("    network effects", "    network effects"),
    ("$network effects$ and $$box$$", "$network effects$ and $$box$$"),
    ("\\(network effects\\) and box", "\\(network effects\\) and [box](box.md)"),
    ("[network effects](https://example.org)", "[network effects](https://example.org)"),
    ("<https://example.org/box>", "<https://example.org/box>"),
    # emphasis and lists keep their markup around the link
    ("**network effects**", "**[network effects](network-effects.md)**"),
    ("- one\n  - nested box", "- one\n  - nested [box](box.md)"),
    ("| a | b |\n|---|---|\n| box | x |", "| a | b |\n|---|---|\n| [box](box.md) | x |"),
    # opting out: per alias (Moat) and per term (Quiet Term)
    ("a moat, and a competitive moat", "a moat, and a [competitive moat](competitive-moat.md)"),
    ("a quiet term", "a quiet term"),
    # a hyphen joins words; emphasis with underscores does not
    ("box-shaped and _box_", "box-shaped and _[box](box.md)_"),
    # after "!" a link would be an image (which the sanitiser drops, text and all)
    ("Wow!Network effects.", "Wow\\![Network effects](network-effects.md)."),
    ("Escaped \\!box here", "Escaped \\![box](box.md) here"),
])
def test_automatic_links(text: str, expected: str):
    assert linked(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("See [[network-effects]].", "See [Network Effects](network-effects.md)."),
    ("See [[network-effects|a network effect]].", "See [a network effect](network-effects.md)."),
    ("See [[ab-testing]].", "See [A/B Testing](ab-testing.md)."),
    ("See [[box|the\n  big box]] here", "See [the big box](box.md) here"),
    ("[[ box ]] and [[box|  ]]", "[Box](box.md) and [Box](box.md)"),
    ("[[box|*x* <b>&]]", "[\\*x\\* &lt;b&gt;&amp;](box.md)"),
    ("`[[box]]` stays code", "`[[box]]` stays code"),
    ("# Heading [[box]]", "# Heading [Box](box.md)"),
    # an explicit link takes the place of the automatic one in its section
    ("A box, then [[box|the box]].", "A box, then [the box](box.md)."),
    # a quiet term can still be linked explicitly
    ("[[quiet]]", "[Quiet Term](quiet.md)"),
    ("See ![[box]]", "See \\![Box](box.md)"),
    ("[[box|costs $a^2$ each]]", "[costs &#36;a^2&#36; each](box.md)"),
    # in a table a bare "|" ends the cell: [[slug\\|label]] there, and anywhere else too
    ("| a | b |\n| --- | --- |\n| x | [[box\\|big box]] y |\n",
     "| a | b |\n| --- | --- |\n| x | [big box](box.md) y |\n"),
    ("| a |\n| --- |\n| [[box\\|B]], [[quiet]] and a box \\| c |\n",
     "| a |\n| --- |\n| [B](box.md), [Quiet Term](quiet.md) and a box \\| c |\n"),
    ("See [[box\\|the box]].", "See [the box](box.md)."),
])
def test_explicit_links(text: str, expected: str):
    assert linked(text) == expected


def test_counts_and_targets():
    result = link_field("Network effects and a box. [[training-data]] and a box.",
                        "data-flywheel", TERMS, INDEX)
    assert sorted(result.targets) == ["box", "network-effects", "training-data"]
    assert (result.explicit, result.automatic) == (1, 2)
    assert result.unknown == []


def test_unknown_and_self_links_are_reported_not_linked():
    result = link_field("[[netwrk-effects]] and [[data-flywheel]]", "data-flywheel", TERMS, INDEX)
    assert [slug for _, slug in result.unknown] == ["netwrk-effects", "data-flywheel"]
    assert result.text == "[[netwrk-effects]] and [[data-flywheel]]"


@pytest.mark.parametrize(("text", "expected"), [
    ("a*b", "a\\*b"), ("[x](y)", "\\[x\\]\\(y\\)"), ("<script>", "&lt;script&gt;"),
    ("R&D", "R&amp;D"), ("a_b", "a\\_b"), ("Fee $a^$", "Fee &#36;a^&#36;"),
])
def test_escape_text(text: str, expected: str):
    assert escape_text(text) == expected


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
    """Rewrite the three-term glossary's definitions (keeping the filler words)."""
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


def test_autolink_must_name_the_terms_own_names(write_glossary):
    directory = write_glossary(overrides={"alpha-term": {"autolink": ["Alpha", "Alpha Term"]}})
    problems = [p.message for p in check(directory, base=directory.parent)]
    assert problems == ["autolink lists 'Alpha', which is not this term's name or an alias "
                        "(did you mean 'Alpha Term'?)"]


def test_mentions_leave_out_related_terms(write_glossary):
    slugs = ("alpha-term", "beta-term", "gamma-term", "delta-term", "epsilon-term")
    directory = write_glossary(slugs=slugs)
    # the ring: alpha-beta-gamma-delta-epsilon-alpha; alpha mentions gamma (not related),
    # beta mentions gamma (related), delta links gamma explicitly (related)
    write_terms(directory, {"alpha-term": "Unlike gamma terms, this one.",
                            "beta-term": "A cousin of the Gamma Term.",
                            "delta-term": "See [[gamma-term|its neighbour]]."})
    glossary = load_glossary(directory)
    assert glossary.links["alpha-term"].targets == ["gamma-term"]
    assert glossary.links["delta-term"].explicit == 1
    assert glossary.mentions["gamma-term"] == ["alpha-term"]
    assert glossary.mentions["alpha-term"] == []


# --- plain prose is linked without parsing --------------------------------------------------

WORDS = ["network", "effects", "Network Effects", "box", "boxes", "training sets",
         "A/B tests", "data flywheel", "Quiet Term", "moat", "é", "2024", " ", "  ", "\t", "!",
         "*", "**", "_", "-", "+", ":", ",", ".", "'", "(", ")", "\u3000", "\xa0", "\x0c",
         "\u2028", "[[box]]", "`", "#", "`box`", "$box$", "\\(box\\)", "<b>box</b>", "a<box>",
         "&amp;box", "\\*box", "|box|", "~~box~~", "[box](#x)", "{box}", "\r", "\x00",
         "<https://x.org/box>", "|---|", "[[box|a box]]", "[[network-effects]]", "[[nope]]",
         "![[box]]", "^[[box]]", "[[box]](x)", "[[box]][x]", "]]", "[[", "[", "]", "^", "|", "~~",
         "``", "```", "[[a`b]]", "`[[box]]`", "``box`", "`box``", "``a`b``", "-box", "*box"]
STARTS = ["[[box]]", "[x]: ", "- [[box]]", "- `", "`", "-box ", "*box ", "+network ",
          "    ", "  ", "\t", "- ", "* ", "+ ", "-  ", "- - ", "* * ", "-", "- # ", "- > ",
          "-\t", "1. ", "1.", "2024) ", "==", "---", "***", "__", "!!! ", "??? ", ": ", "~ ",
          "> ", "# ", "\u3000", "\xa0", "'", "(", "12 ", "x"]
LINES = st.tuples(st.one_of(st.just(""), st.sampled_from(STARTS)),
                  st.lists(st.sampled_from(WORDS), max_size=6)).map(lambda t: t[0] + "".join(t[1]))


def _parsed(text: str, monkeypatch: pytest.MonkeyPatch) -> links.FieldResult:
    with monkeypatch.context() as patch:
        patch.setattr(links, "prose_inlines", lambda text: None)
        return link_field(text, "data-flywheel", TERMS, INDEX)


@settings(max_examples=1000, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(LINES, max_size=6).map("\n".join))
def test_plain_prose_is_linked_as_markdown_it_would(monkeypatch: pytest.MonkeyPatch,
                                                     text: str):
    assert link_field(text, "data-flywheel", TERMS, INDEX) == _parsed(text, monkeypatch)


@pytest.mark.parametrize("text", [
    "- a `x\n- box`", "a `x\nb box`", "text\n- box", "``box` and box", "`box`` and box",
    "``a`b`` box",
    "- network\n- effects", "network\neffects", "- one\ncontinued box", "-box box",
    "[[box]] then a box", "a box, then [[box|the box]]", "[[a`b]] box` box", "`x [[box]]` box",
])
def test_crafted_prose_is_linked_as_markdown_it_would(monkeypatch: pytest.MonkeyPatch,
                                                      text: str):
    assert link_field(text, "data-flywheel", TERMS, INDEX) == _parsed(text, monkeypatch)


@pytest.mark.parametrize(("text", "prose"), [
    ("Strong network effects.\n\nA box, boxes: *many* of them (2024).", True),
    ("Line one\nline two", True),
    ("# Heading", False), ("- item", True), ("1. item", False), ("2024) was", False),
    ("    code", False), ("a `box`", True), ("[[box]] first", True), ("[x]: y", False),
    ("a\n===", False),
    ("!!! note", False), (": definition", False), ("x\r\ny", False), ("a [b](c)", False),
    ("- one\n- two `code`\ncontinued [[box|a box]]", True), ("a | b ~~c~~ # d", True),
    ("See ![[box]]", False), ("[[box]](x)", False), ("-  two spaces", False),
    ("a <https://x.org/box>", False), ("a &amp; b", False), ("$x$", False), ("\\(x\\)", False),
])
def test_which_texts_skip_the_parser(text: str, prose: bool):
    assert (prose_inlines(text) is not None) is prose
