"""`glossary new`: the scaffolded file, refusals, and in-place edits of related lists."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from glossary_site.build.pipeline import check
from glossary_site.cli import main
from glossary_site.content.scaffold import (
    ScaffoldError,
    _template,
    add_related,
    scaffold,
    slug_for,
)

FILLED = {
    '"TODO: one plain sentence that stands alone"': '"A moat made of data that rivals lack."',
    "TODO: what the term is, in your own words.":
        "A data moat is an advantage built from data. " * 12,
    "level: TODO": "level: intermediate",
    "tags: [TODO]": "tags: [strategy]",
    '"TODO: How it works"': '"How it works"',
    '"TODO: Why it matters"': '"Why it matters"',
    "TODO: the mechanism, with a concrete example.":
        "More use brings more data. " * 10 + "[@hagiu-2020]",
    "key: TODO-key": "key: hagiu-2020",
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
    from glossary_site.content.model import TERM_KEYS
    optional = {"review_every_months"}  # shown as a comment: only some terms need it
    assert set(data) == set(TERM_KEYS) - optional
    for key in TERM_KEYS:
        line = next(ln for ln in text.splitlines() if ln.lstrip("# ").startswith(f"{key}:"))
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
                      "sources[0].key", "sources[0].title", "sources[0].url"}

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
    ("F\u0456rst Name", "looks the same as 'First Name', an alias in"),  # Cyrillic i
    ("\u0392eta Term", "U+0392 GREEK CAPITAL LETTER BETA"),
    ("Old Alpha", "taken"),             # a former slug
    ("Index", "reserved"),
    ("   ", "the term name is empty"),
    ("数据 ©", "not a usable slug"),
    ("Two\nLines", "one line of plain text"),
    ("Two\u2028Lines", "line separator"),
    ("Zero\u200bwidth", "invisible formatting character"),
    ("Private \ue000", "private-use character"),
    # the names glossary check refused after glossary new wrote them (issue 18)
    ("Con", "reserved (Windows"),
    ("Sources", "would give the term's heading the id of the 'Sources' heading"),
    ("Related Terms", "the 'Related terms' heading"),
    ("Mentioned In", "the 'Mentioned in' heading"),
    ("Terms", "'Terms in this lesson' heading"),
    ("Chart Loop", "chart figures"),
    ("Letter A", "letter headings"),
    ("How It Works", "section 'how-it-works'"),
    ("Lessons", "lessons.yaml is the list of course lessons"),
    ("N" * 81, "term name is 81 characters long; the limit is 80"),
    ("Seventy characters in this term name make its slug far too long, sadly",
     "the slug is 69 characters long; the limit is 64"),
])
def test_refusals_write_nothing(write_glossary, name, why):
    directory = write_glossary({"beta-term": {"aliases": ["First Name"]},
                                "alpha-term": {"former_slugs": ["old-alpha"]}})
    before = {p.name: p.read_text() for p in directory.iterdir()}
    with pytest.raises(ScaffoldError, match=re.escape(why)):
        scaffold(name, directory)
    assert {p.name: p.read_text() for p in directory.iterdir()} == before


def test_a_long_name_gets_a_shorter_slug_to_try(write_glossary, capsys):
    directory = write_glossary()
    name = "The Quite Remarkably Long Name of a Term That Needs a Shorter Slug Here"
    assert len(name) == 71 and main(["new", name, "--dir", str(directory)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("glossary new: 'the-quite-remarkably-long-name-of-a-term-that-needs-"
                          "a-shorter-slug-here' is not a usable slug")
    assert "e.g. --slug the-quite-remarkably-long-name-of-a-term-that-needs-a-shorter" in err
    slug = "the-quite-remarkably-long-name-of-a-term-that-needs-a-shorter"
    assert main(["new", name, "--slug", slug, "--dir", str(directory)]) == 0
    assert (directory / f"{slug}.yaml").is_file()


@pytest.mark.parametrize("name", ["Tags", "Search", "Assets", "Index Funds", "Fg"])
def test_names_the_check_accepts_are_accepted(write_glossary, name):
    """The scaffold refused these site-folder names although the check accepts them."""
    directory = write_glossary()
    result = scaffold(name, directory, ["alpha-term", "beta-term"])
    found = check(directory, None, base=directory.parent)
    assert all("still a placeholder" in p.message for p in found), found
    assert result.path.is_file()


def test_refuses_to_write_through_a_link(write_glossary, tmp_path):
    directory = write_glossary()
    outside = tmp_path / "outside.txt"
    os.symlink(outside, directory / "data-moat.yaml")
    with pytest.raises(ScaffoldError, match="taken"):
        scaffold("Data Moat", directory)
    assert not outside.exists()


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


# --- glossary new refuses exactly the names glossary check refuses ---------------------------

RELATED = ["alpha-term", "beta-term"]
PARTS = ["Con", "Sources", "Related", "Terms", "Mentioned", "In", "Index", "Chart", "Letter",
         "FG", "How", "It", "Works", "Why", "Matters", "Lessons", "Tags", "Alpha", "Term",
         "First", "Name", "Old", "Data", "Moat", "Referenced", "By", "COM1", "Nul", "a", "-",
         "'", "&", "<b>", "Café", "数据", "\u200b", "\u202e", "\t", "\n", "\r", "\ue000",
         "\x85", "\u2028", "  ", "x" * 30, "A" * 79, "::", "[[x]]", "#", '"', "\\", "TODO"]
NAMES = st.one_of(st.lists(st.sampled_from(PARTS), min_size=1, max_size=6).map(" ".join),
                  st.lists(st.sampled_from(PARTS), min_size=1, max_size=4).map("".join),
                  st.text(max_size=90))
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))


@pytest.fixture(scope="module")
def base_glossary(write_module_glossary) -> Path:
    return write_module_glossary({"beta-term": {"aliases": ["First Name"]},
                                  "alpha-term": {"former_slugs": ["old-alpha"]}})


def _check_refuses(base: Path, name: str, slug: str) -> list[str]:
    """What ``glossary check`` reports on the folder with the file ``glossary new`` writes
    for ``name`` (and the related terms linking back): beyond the placeholders as written,
    and anything once the placeholders are filled in (the names rules need a valid shape)."""
    found: list[str] = []
    for filled in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp) / "glossary"
            shutil.copytree(base, directory)
            text = _template(name, slug, RELATED)
            (directory / f"{slug}.yaml").write_text(fill(text) if filled else text,
                                                    encoding="utf-8")
            for other in RELATED:
                file = directory / f"{other}.yaml"
                file.write_text(add_related(file.read_text(encoding="utf-8"), slug))
            found += [str(p) for p in check(directory, None, base=Path(tmp))
                      if "still a placeholder from 'glossary new'" not in p.message
                      or (filled and "'term' is" in p.message)]
    return found


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(NAMES)
@example("Con")
@example("Sources")
@example("Related Terms")
@example("Mentioned In")
@example("How It Works")
@example("Lessons")
@example("first name!")
@example("A" * 79 + " x")
@example("Seventy characters in this term name make its slug far too long, sadly")
@example("Tab\tname")
@example(" Padded ")
@example("TODO list")
@example("NULL")
@example("True")
@example("F\u0456rst Name")
@example("\u0392eta Term")
@example("\u0131nfo Term")
def test_new_refuses_exactly_what_check_refuses(base_glossary, name):
    """For any name, ``glossary new`` refuses it exactly when ``glossary check`` would report
    a problem other than the placeholders on the file it writes (and the related terms that
    list it back)."""
    stripped = name.strip()
    slug = slug_for(stripped)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "glossary"
        shutil.copytree(base_glossary, directory)
        try:
            scaffold(name, directory, RELATED)
        except ScaffoldError as exc:
            refused: str | None = str(exc)
        else:
            refused = None
    if not slug or len(slug) > 250:  # '.yaml' is not a term file; the file system refuses
        event("no file")                # a name over 255 bytes: check never sees either
        assert refused is not None
        return
    if (base_glossary / f"{slug}.yaml").exists():  # it would replace a term or lessons.yaml
        event("an existing file's slug")
        assert refused is not None
        return
    found = _check_refuses(base_glossary, stripped, slug)
    event("both refuse" if found else "both accept")
    assert (refused is not None) == bool(found), (name, refused, found)


