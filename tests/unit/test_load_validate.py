"""Every error kind a contributor can make is reported at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from payloads import REFUSED_FILES, number, write_hostile_glossary

from glossary_site.build.pipeline import check, load_glossary
from glossary_site.content.problems import GlossaryError, Problem


def messages(directory: Path) -> list[str]:
    return [str(p) for p in check(directory, chart_ids=["loop", "plateau"], base=directory.parent)]


def line_of(directory: Path, name: str, prefix: str) -> int:
    """The 1-based line of the first line of ``name`` that starts with ``prefix``."""
    lines = (directory / name).read_text().splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(prefix))


def only(directory: Path) -> Problem:
    found = check(directory, chart_ids=["loop", "plateau"], base=directory.parent)
    assert len(found) == 1, found
    return found[0]


def test_clean_glossary_has_no_problems(write_glossary):
    directory = write_glossary()
    assert messages(directory) == []
    glossary = load_glossary(directory)
    assert sorted(glossary.terms) == ["alpha-term", "beta-term", "gamma-term"]
    assert glossary.backlinks["alpha-term"] == ["beta-term", "gamma-term"]


BASE = """term: Broken Term
summary: A term with a problem.
definition: Defined.
level: introductory
"""


def test_malformed_yaml_points_at_the_line(write_glossary):
    text = BASE + "tags: [one, two\nrelated: [alpha-term]\n"
    problem = only(write_glossary(raw={"broken-term.yaml": text}))
    assert problem.path == "glossary/broken-term.yaml"
    assert problem.line in (5, 6)
    assert "invalid YAML" in problem.message


def test_bad_indentation_points_at_the_line(write_glossary):
    text = "term: X\nsummary: y\n  definition: z\n"
    problem = only(write_glossary(raw={"broken-term.yaml": text}))
    assert problem.line == 3


def test_missing_field(write_glossary):
    directory = write_glossary({"beta-term": {"summary": None}})
    problem = only(directory)
    assert problem.line == line_of(directory, "beta-term.yaml", "summary: null")
    assert "summary" in problem.message


def test_missing_key_reported_on_the_mapping(write_glossary):
    text = "term: No Summary\ndefinition: Defined.\nlevel: introductory\n"
    problems = messages(write_glossary(raw={"no-summary.yaml": text}))
    assert "glossary/no-summary.yaml:1: missing required field 'summary'" in problems


def test_mistyped_field(write_glossary):
    directory = write_glossary({"beta-term": {"tags": "testing"}})
    problem = only(directory)
    assert "'tags' must be a list" in problem.message
    assert problem.line == line_of(directory, "beta-term.yaml", "tags:")


def test_bad_level_lists_the_choices(write_glossary):
    directory = write_glossary({"beta-term": {"level": "expert"}})
    problem = only(directory)
    assert "introductory" in problem.message and "expert" in problem.message
    assert problem.line == line_of(directory, "beta-term.yaml", "level:")


def test_unknown_key_suggests_the_right_one(write_glossary):
    directory = write_glossary({"beta-term": {"sumary": "typo"}})
    problem = only(directory)
    assert "unknown key 'sumary'" in problem.message
    assert "did you mean 'summary'" in problem.message
    assert problem.line == line_of(directory, "beta-term.yaml", "sumary:")


def test_unknown_key_in_a_section(write_glossary):
    sections = [{"title": "How it works", "body": "Works. " * 5, "chrt": "loop"},
                {"title": "More", "body": "More. " * 5}]
    problem = only(write_glossary({"beta-term": {"sections": sections}}))
    assert "unknown key 'chrt'" in problem.message and "did you mean 'chart'" in problem.message


def test_bad_file_name(write_glossary):
    directory = write_glossary(raw={"Bad Name.yaml": BASE})
    problem = only(directory)
    assert problem.path == "glossary/Bad Name.yaml" and problem.line == 1
    assert "bad-name.yaml" in problem.message


def test_unknown_related_slug_suggests(write_glossary):
    problems = messages(write_glossary({"alpha-term": {"related": ["beta-term", "gama-term"]}}))
    assert any("unknown related term 'gama-term' (did you mean 'gamma-term'?)" in m
               for m in problems), problems
    assert any(m.startswith("glossary/alpha-term.yaml:") for m in problems)


def test_unknown_lesson_suggests(write_glossary):
    typo = "ai-strategy-for-your-organization"
    problem = only(write_glossary({"alpha-term": {"lessons": [typo]}}))
    assert "did you mean 'ai-strategy-for-your-organisation'" in problem.message


def test_term_listing_itself(write_glossary):
    found = messages(write_glossary({"alpha-term": {"related": ["alpha-term", "beta-term",
                                                                "gamma-term"]}}))
    assert any("cannot list itself" in m for m in found), found


def test_two_files_claim_one_term(write_glossary):
    problem = only(write_glossary({"gamma-term": {"term": "Alpha Term"}}))
    assert problem.path == "glossary/gamma-term.yaml"
    assert "already claimed" in problem.message and "alpha-term.yaml:1" in problem.message


def test_alias_clashes_with_another_term(write_glossary):
    problem = only(write_glossary({"gamma-term": {"aliases": ["beta term"]}}))
    assert "alias 'beta term'" in problem.message and "beta-term.yaml" in problem.message


@pytest.mark.parametrize("lookalike", ["\U0001d401\U0001d41e\U0001d42d\U0001d41a term",
                                       "\uff22\uff45\uff54\uff41 Term"])
def test_a_lookalike_of_another_name_clashes(write_glossary, lookalike):
    """Mathematical bold and full-width letters show as the same name to a reader."""
    problem = only(write_glossary({"gamma-term": {"aliases": [lookalike]}}))
    assert "beta-term.yaml" in problem.message, problem


@pytest.mark.parametrize(("lookalike", "other"), [
    ("\u0412eta Term", "Beta Term"),  # Cyrillic capital VE
    ("B\u0435t\u0430 term", "Beta Term"),  # Cyrillic small IE and A
    ("\u0392\u0395\u03a4\u0391 TERM", "Beta Term"),  # Greek capitals
    ("Beta \u0406tem", "Beta Item"),  # Cyrillic capital I
])
def test_a_name_in_letters_of_another_script_clashes(write_glossary, lookalike, other):
    """Cyrillic or Greek letters that look like Latin ones make the same name to a reader;
    the problem says why two names that differ clash."""
    problem = only(write_glossary({"gamma-term": {"aliases": [lookalike]},
                                   "beta-term": {"aliases": ["Beta Item"]}}))
    assert "beta-term.yaml" in problem.message, problem
    assert f"as '{other}', which looks the same" in problem.message, problem


def test_the_lookalike_is_reported_whichever_file_sorts_first(write_glossary):
    """The Latin name keeps its claim; the problem lands on the name with the foreign letter
    and names it."""
    problem = only(write_glossary({"alpha-term": {"aliases": ["G\u0430mma Term"]}}))
    assert problem.path == "glossary/alpha-term.yaml", problem
    assert problem.message.endswith("as 'Gamma Term', which looks the same: '\u0430' is "
                                    "U+0430 CYRILLIC SMALL LETTER A"), problem


@pytest.mark.parametrize("lookalike", ["Act\u0131ve Term", "Beta \u0251\u0261"])
def test_latin_letters_that_look_like_ascii_ones_clash(write_glossary, lookalike):
    """Dotless i, Latin alpha and script g look like i, a and g."""
    other = "Active Term" if "Act" in lookalike else "Beta ag"
    problem = only(write_glossary({"gamma-term": {"aliases": [lookalike]},
                                   "beta-term": {"aliases": [other]}}))
    assert f"as '{other}', which looks the same" in problem.message, problem


def test_two_names_of_another_script_the_data_merges_are_two_names(write_glossary):
    """Mongolian "ус" (water) and "үс" (hair) both read as "yc"; neither is Latin."""
    assert messages(write_glossary({"alpha-term": {"aliases": ["\u0443\u0441"]},
                                    "beta-term": {"aliases": ["\u04af\u0441"]}})) == []


@pytest.mark.parametrize("name", ["\u03bcP Term", "Beta \u03bb", "\u0411eta Term",
                                  "B\u00eata Term"])
def test_letters_that_look_like_no_latin_one_are_other_names(write_glossary, name):
    """Greek mu and lambda, Cyrillic BE and a Latin e with a circumflex look like no other
    letter of "Beta Term": no clash."""
    assert messages(write_glossary({"gamma-term": {"aliases": [name]}})) == []


def test_a_clash_in_other_punctuation_names_the_first_name(write_glossary):
    problem = only(write_glossary({"gamma-term": {"aliases": ["beta-term"]}}))
    assert "as 'Beta Term'" in problem.message and "looks the same" not in problem.message


def test_empty_file(write_glossary):
    problem = only(write_glossary(raw={"empty-term.yaml": "\n\n"}))
    assert problem.message == "file is empty" and problem.line == 1


def test_not_utf8_points_at_the_line(write_glossary):
    text = BASE.encode() + b"tags: [caf\xe9]\n"
    problem = only(write_glossary(raw={"latin-term.yaml": text}))
    assert "not UTF-8" in problem.message and problem.line == 5


def test_python_objects_are_refused(write_glossary):
    text = BASE + "tags: !!python/object/apply:os.system ['echo hacked']\n"
    problem = only(write_glossary(raw={"evil-term.yaml": text}))
    assert problem.line == 5
    assert problem.message.startswith("YAML tag '!!python/object/apply:os.system' is not allowed")


@pytest.mark.parametrize(("stem", "text", "needle"), REFUSED_FILES,
                         ids=[stem for stem, _, _ in REFUSED_FILES])
def test_refused_payload_files(tmp_path: Path, stem: str, text: str, needle: str):
    """Each whole-file payload of tests/payloads.py, beside the hostile glossary (which is
    accepted): one problem, at its line, and nothing else (the refused file's related
    terms are not asked to list it back)."""
    directory = tmp_path / "glossary"
    write_hostile_glossary(directory)
    (directory / f"{stem}.yaml").write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)
    found = check(directory, None, base=tmp_path)
    assert [(p.path, p.line) for p in found] == [(f"glossary/{stem}.yaml", line)], found
    assert len(str(found[0])) < 300


def test_refused_payload_files_carry_distinct_numbers():
    numbers = [number(text) for _, text, _ in REFUSED_FILES]
    assert len(set(numbers)) == len(numbers) and min(numbers) > 400
    assert all(len(text.encode()) <= 64 * 1024 for _, text, _ in REFUSED_FILES)


def test_alias_bomb_is_refused(write_glossary):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    problem = only(write_glossary(raw={"bomb-term.yaml": "\n".join(lines) + "\n"}))
    assert "aliases" in problem.message and problem.line == 2


def test_oversized_file_is_refused(write_glossary):
    problem = only(write_glossary(raw={"huge-term.yaml": BASE + "# x\n" * 100_000}))
    assert "limit" in problem.message and problem.line == 1


def test_duplicate_key(write_glossary):
    problems = messages(write_glossary(raw={"dup-term.yaml": BASE + "level: advanced\n"}))
    assert any("dup-term.yaml:5: duplicate key 'level' (first on line 4)" in m for m in problems)


def test_one_way_related_link(write_glossary):
    directory = write_glossary(
        {"alpha-term": {"related": ["beta-term", "gamma-term", "delta-term"]},
         "delta-term": {}}, slugs=("alpha-term", "beta-term", "gamma-term", "delta-term"))
    found = messages(directory)
    assert any("alpha-term.yaml" in m and "'gamma-term' does not list 'alpha-term' back" in m
               for m in found), found


def test_orphan_is_reported(write_glossary):
    directory = write_glossary({"alpha-term": {"related": ["beta-term", "gamma-term"]},
                                "gamma-term": {"related": ["alpha-term", "beta-term"]}},
                               slugs=("alpha-term", "beta-term", "gamma-term", "delta-term"))
    found = messages(directory)
    assert any("delta-term.yaml:1: no other term lists 'delta-term'" in m for m in found), found


def test_a_broken_file_does_not_cascade(write_glossary):
    found = messages(write_glossary(raw={"beta-term.yaml": "term: [unclosed\n"}))
    assert len(found) == 1 and found[0].startswith("glossary/beta-term.yaml:")


def test_former_slug_cannot_shadow_a_term(write_glossary):
    problem = only(write_glossary({"alpha-term": {"former_slugs": ["beta-term"]}}))
    assert "former slug 'beta-term' is the slug of an existing term" in problem.message


def test_content_rules(write_glossary):
    directory = write_glossary({"alpha-term": {
        "summary": "x" * 201, "definition": "Too short.", "sections": [],
        "sources": [{"title": "Nowhere", "url": "ftp://example.org"}],
    }})
    found = "\n".join(messages(directory))
    assert "summary is 201 characters; the limit is 200" in found
    assert "must be an http(s) URL" in found


def test_word_count_and_related_minimum(write_glossary):
    directory = write_glossary({"alpha-term": {"definition": "Short.", "sections": []}})
    found = "\n".join(messages(directory))
    assert "write at least 150" in found


def test_raw_html_and_script_links_are_refused(write_glossary):
    body = 'Hello <script>alert(1)</script> and [x](javascript:alert(1)) {: onclick="x"}'
    sections = [{"title": "Evil", "body": body}, {"title": "Fine", "body": "Fine. " * 5}]
    found = "\n".join(messages(write_glossary({"beta-term": {"sections": sections}})))
    assert "raw HTML is not allowed" in found
    assert "'javascript:' scheme" in found
    assert "attribute" not in found  # braces are text: no attribute lists to refuse


def test_code_spans_may_show_html(write_glossary):
    sections = [{"title": "Code", "body": "Write `<b>` in code. " * 3},
                {"title": "Fine", "body": "Fine. " * 5}]
    assert messages(write_glossary({"beta-term": {"sections": sections}})) == []


def test_unknown_chart_suggests(write_glossary):
    sections = [{"title": "Plot", "body": "Shown. " * 5, "chart": "plateu"},
                {"title": "Fine", "body": "Fine. " * 5}]
    problem = only(write_glossary({"beta-term": {"sections": sections}}))
    assert "unknown chart 'plateu' (did you mean 'plateau'?)" in problem.message


def test_every_problem_is_reported_at_once(write_glossary):
    directory = write_glossary({"alpha-term": {"level": "expert"}, "beta-term": {"sumary": "x"}},
                               raw={"empty-term.yaml": ""})
    assert len(messages(directory)) == 3


def test_load_glossary_raises_with_every_problem(write_glossary):
    directory = write_glossary({"alpha-term": {"level": "expert"}})
    with pytest.raises(GlossaryError) as info:
        load_glossary(directory)
    assert "1 problem found." in str(info.value)


# A definition in each YAML style, with raw HTML and an unknown [[slug]] on its second line of
# text; the number is the line the problems must be reported on (the file's line 1 is
# "definition:"). Only a literal block keeps the file's lines; elsewhere YAML folds lines or
# decodes escapes, so the line where the text starts is reported: never a line past it.
DEFINITION_STYLES = [
    ("definition: |\n  First line of text.\n  Second <b>x</b> [[nope-term]].\n", 3),
    ("definition: |-\n  Second <b>x</b> [[nope-term]] (one line).\n", 2),
    ("definition: >\n  First line of text.\n\n  Second <b>x</b> [[nope-term]].\n", 2),
    ('definition: "First line.\\n\\nSecond <b>x</b> [[nope-term]]."\n', 1),
    ("definition: 'First line.\n\n  Second <b>x</b> [[nope-term]].'\n", 1),
    ("definition: First line.\n\n  Second <b>x</b> [[nope-term]].\n", 1),
    ('definition:\n  "First line.\\n\\nSecond <b>x</b> [[nope-term]]."\n', 2),
]


@pytest.mark.parametrize(("snippet", "line"), DEFINITION_STYLES)
def test_problems_in_text_point_at_a_line_of_the_text(write_glossary, snippet: str,
                                                     line: int) -> None:
    directory = write_glossary()
    path = directory / "alpha-term.yaml"
    data = yaml.safe_load(path.read_text())
    data["definition"] = "placeholder"
    head = yaml.safe_dump(data, sort_keys=False).replace("definition: placeholder\n", "")
    path.write_text(head + snippet)
    first = len(head.splitlines())  # the snippet's "definition:" is the line after these
    found = [p for p in check(directory)
             if p.path.endswith("alpha-term.yaml") and ("raw HTML" in p.message
                                                        or "nope-term" in p.message)]
    assert {p.message.split(" (")[0] for p in found} >= {"raw HTML is not allowed",
                                                         "unknown term '[[nope-term]]'"}
    assert {p.line for p in found} == {first + line}
