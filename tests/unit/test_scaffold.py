"""`glossary new`: the scaffolded file, refusals, and in-place edits of related lists."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

from glossary_site.cli import main
from glossary_site.pipeline import check
from glossary_site.scaffold import ScaffoldError, add_related, scaffold

FILLED = {
    '"TODO: one plain sentence that stands alone"': '"A moat made of data that rivals lack."',
    "TODO: what the term is, in your own words.":
        "A data moat is an advantage built from data. " * 12,
    "level: TODO": "level: intermediate",
    "tags: [TODO]": "tags: [strategy]",
    '"TODO: How it works"': '"How it works"',
    '"TODO: Why it matters"': '"Why it matters"',
    "TODO: the mechanism, with a concrete example.": "More use brings more data. " * 10,
    "TODO: conditions, limits and consequences.": "It holds only under conditions. " * 10,
    '"TODO: Authors (Year), Title, Venue"': '"Hagiu and Wright (2020), When Data Creates '
                                           'Competitive Advantage, HBR"',
    '"TODO: a stable https URL, e.g. a DOI (https://doi.org/...)"':
        "https://hbr.org/2020/01/when-data-creates-competitive-advantage",
}


def fill(text: str) -> str:
    for placeholder, value in FILLED.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value)
    return text


def test_new_term_fails_on_placeholders_then_passes_when_filled(write_glossary, capsys):
    directory = write_glossary()
    status = main(["new", "Data Moat", "--related", "alpha-term", "beta-term",
                   "--dir", str(directory)])
    out = capsys.readouterr().out
    assert status == 0
    path = directory / "data-moat.yaml"
    assert "Created" in out and "data-moat.yaml" in out and "Next steps:" in out
    assert "glossary check" in out and "/terms/data-moat/" in out
    text = path.read_text()
    # every field of the model is present, each with a comment
    data = yaml.safe_load(text)
    from glossary_site.model import TERM_KEYS
    assert set(data) == set(TERM_KEYS)
    for key in TERM_KEYS:
        line = next(ln for ln in text.splitlines() if ln.startswith(f"{key}:"))
        assert "  # " in line, line
    assert text.startswith("# yaml-language-server: $schema=../schemas/term.schema.json")
    assert data["related"] == ["alpha-term", "beta-term"]

    problems = check(directory, None, base=directory.parent)
    mine = [p for p in problems if p.path.endswith("data-moat.yaml")]
    assert problems == mine  # the related terms were linked back: no problem elsewhere
    lines = text.splitlines()
    for problem in mine:
        assert "still a placeholder from 'glossary new'" in problem.message
        assert "TODO" in lines[problem.line - 1] or "TODO" in lines[problem.line]
    fields = {re.search(r"'([^']+)' is still", p.message).group(1) for p in mine}
    assert fields == {"summary", "definition", "level", "tags[0]", "sections[0].title",
                      "sections[0].body", "sections[1].title", "sections[1].body",
                      "sources[0].title", "sources[0].url"}

    path.write_text(fill(text))
    assert check(directory, None, base=directory.parent) == []
    assert main(["check", str(directory)]) == 0


def test_without_related_the_check_asks_for_them(write_glossary):
    directory = write_glossary()
    result = scaffold("Data Moat", directory)
    path = result.path
    text = fill(path.read_text())
    path.write_text(text)
    messages = [p.message for p in check(directory, None, base=directory.parent)]
    assert any("'related[0]' is still a placeholder" in m for m in messages), messages


@pytest.mark.parametrize(("name", "why"), [
    ("Alpha Term", "taken"),            # an existing slug
    ("alpha  TERM", "taken"),           # the same slug, written differently
    ("First Name", "already an alias"),  # an alias of beta-term
    ("Old Alpha", "taken"),             # a former slug
    ("Index", "reserved"),
    ("   ", "one line"),
    ("数据 ©", "not a usable slug"),
    ("Two\nLines", "one line"),
    ("Two\u2028Lines", "one line"),
    ("Zero\u200bwidth", "one line"),
])
def test_refusals_write_nothing(write_glossary, name, why):
    directory = write_glossary({"beta-term": {"aliases": ["First Name"]},
                                "alpha-term": {"former_slugs": ["old-alpha"]}})
    before = {p.name: p.read_text() for p in directory.iterdir()}
    with pytest.raises(ScaffoldError, match=why):
        scaffold(name, directory)
    assert {p.name: p.read_text() for p in directory.iterdir()} == before


def test_unknown_related_is_refused_with_a_suggestion(write_glossary, capsys):
    directory = write_glossary()
    before = {p.name: p.read_text() for p in directory.iterdir()}
    status = main(["new", "Data Moat", "--related", "alpha-term", "beta-trem",
                   "--dir", str(directory)])
    err = capsys.readouterr().err
    assert status == 1
    assert "unknown related term 'beta-trem' (did you mean 'beta-term'?)" in err
    assert {p.name: p.read_text() for p in directory.iterdir()} == before


def only_changed_lines(before: str, after: str) -> list[str]:
    return [d for d in difflib.ndiff(before.splitlines(), after.splitlines())
            if d[:1] in "+-"]


FLOW = """term: A  # the name
related: [b-term, c-term]   # two
tags:
  - x
"""

BLOCK = """term: A
related:
  - b-term   # first
  - "c-term"
# a comment after the list
tags: [x]
"""

BLOCK_FLUSH = """term: A
related:
- b-term
- c-term
tags: [x]"""


@pytest.mark.parametrize(("text", "changed"), [
    (FLOW, ["- related: [b-term, c-term]   # two",
            "+ related: [b-term, c-term, new-term]   # two"]),
    (BLOCK, ["+   - new-term"]),
    (BLOCK_FLUSH, ["+ - new-term"]),
    ("term: A\nrelated: []\n", ["- related: []", "+ related: [new-term]"]),
    ("term: A\nrelated:\ntags: [x]\n", ["- related:", "+ related: [new-term]"]),
    ("term: A\ntags: [x]\n", ["+ related: [new-term]"]),
    ("term: A\nrelated: [\n  b-term,\n  c-term\n]\n", ["-   c-term", "+   c-term, new-term"]),
])
def test_add_related_changes_only_the_list(text, changed):
    after = add_related(text, "new-term")
    assert only_changed_lines(text, after) == changed
    data, new = yaml.safe_load(text), yaml.safe_load(after)
    assert new.pop("related")[-1] == "new-term"
    data.pop("related", None)
    assert new == data
    assert add_related(after, "new-term") == after  # already listed: unchanged


@pytest.mark.parametrize("slug", ["null", "true", "false"])
def test_slugs_yaml_reads_as_other_values_are_quoted(slug):
    after = add_related(FLOW, slug)
    assert f"[b-term, c-term, '{slug}']" in after
    assert yaml.safe_load(after)["related"] == ["b-term", "c-term", slug]
    assert add_related(after, slug) == after


def test_block_list_keeps_its_indentation_and_neighbours():
    after = add_related(BLOCK, "new-term")
    assert after.splitlines()[4] == "  - new-term"
    assert after.splitlines()[5] == "# a comment after the list"


@pytest.mark.parametrize("text", ["related: b-term\n", "related:\n  key: value\n",
                                  "related: [b-term\n", "- a\n- b\n"])
def test_add_related_refuses_what_it_cannot_edit_safely(text):
    with pytest.raises(ScaffoldError):
        add_related(text, "new-term")


def test_related_file_that_cannot_be_edited_leaves_everything_alone(write_glossary):
    directory = write_glossary(raw={"beta-term.yaml": "term: Beta Term\nrelated: beta\n"})
    before = {p.name: p.read_text() for p in directory.iterdir()}
    with pytest.raises(ScaffoldError, match="add it by hand"):
        scaffold("Data Moat", directory, ["alpha-term", "beta-term"])
    assert {p.name: p.read_text() for p in directory.iterdir()} == before


def test_real_glossary_files_take_a_new_related_slug_in_place():
    root = Path(__file__).resolve().parents[2] / "glossary"
    for file in sorted(root.glob("*.yaml")):
        if file.name == "lessons.yaml":
            continue
        text = file.read_text(encoding="utf-8")
        after = add_related(text, "zz-new-term")
        diff = only_changed_lines(text, after)
        assert 1 <= len(diff) <= 2 and all("zz-new-term" in d or d.startswith("- ")
                                           for d in diff), (file.name, diff)


@pytest.mark.parametrize(("name", "slug"), [
    ("Über-Learning", "uber-learning"),
    ('Data "Moat": A/B #1 \\ test', "data-moat-a-b-1-test"),
    ("it's: [a] {b} & *c", "it-s-a-b-c"),
    ("Tab\there", None),
])
def test_awkward_names_round_trip(write_glossary, name, slug):
    directory = write_glossary()
    if slug is None:
        with pytest.raises(ScaffoldError):
            scaffold(name, directory)
        return
    result = scaffold(name, directory)
    assert result.slug == slug
    assert yaml.safe_load(result.path.read_text())["term"] == name


def test_slug_option_for_names_without_latin_letters(write_glossary, capsys):
    directory = write_glossary()
    assert main(["new", "数据飞轮", "--slug", "shuju-feilun", "--dir", str(directory)]) == 0
    assert yaml.safe_load((directory / "shuju-feilun.yaml").read_text())["term"] == "数据飞轮"
    assert main(["new", "Other", "--slug", "Bad Slug", "--dir", str(directory)]) == 1
    assert "not a usable slug" in capsys.readouterr().err
