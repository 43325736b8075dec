"""The memos of the engine's steps: an unchanged term file is neither parsed nor checked
again, an unchanged field not linked again, and the answers equal a run without memos."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site import links, memo
from glossary_site.memo import EngineMemos
from glossary_site.pipeline import run


def counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[object]:
    """Count the calls of ``module.name`` from here on; return the list of first arguments."""
    calls: list[object] = []
    original = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args[0])
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def same(directory: Path, got: tuple, chart_ids: list[str] | None = None) -> None:
    glossary, problems = got
    plain, plain_problems = run(directory, chart_ids)
    assert problems == plain_problems
    assert glossary.terms == plain.terms and glossary.mentions == plain.mentions
    assert glossary.links == plain.links and glossary.backlinks == plain.backlinks


def test_a_second_run_redoes_only_the_edited_term(write_glossary, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    directory = write_glossary()
    first = EngineMemos(tmp_path)
    same(directory, run(directory, memo=first))
    first.save()

    term = directory / "beta-term.yaml"
    term.write_text(term.read_text().replace("definition: ", "definition: Alpha Term! ", 1))
    parsed = counting(monkeypatch, memo, "parse_entry")
    checked = counting(monkeypatch, memo, "validate_term")
    linked = counting(monkeypatch, links, "link_field")
    second = EngineMemos(tmp_path)
    result = run(directory, memo=second)
    assert parsed == [term.read_bytes()] and len(checked) == 1
    assert linked and all(text.startswith("Alpha Term! ") for text in linked)  # type: ignore[union-attr]
    assert second.terms.hits == 2
    same(directory, result)


def test_other_chart_ids_or_other_names_miss(write_glossary, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    directory = write_glossary()
    first = EngineMemos(tmp_path)
    run(directory, memo=first)
    first.save()
    checked = counting(monkeypatch, memo, "validate_term")
    run(directory, ["loop"], memo=EngineMemos(tmp_path))  # the checks depend on the charts
    assert len(checked) == 3

    term = directory / "gamma-term.yaml"
    term.write_text(term.read_text().replace("term: Gamma Term", "term: Gamma Concept", 1))
    linked = counting(monkeypatch, links, "link_field")
    result = run(directory, memo=EngineMemos(tmp_path))
    assert len(linked) >= 3  # every term's text is linked again: the names changed
    same(directory, result)


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_damaged_memos_are_misses(write_glossary, tmp_path: Path, content: bytes) -> None:
    directory = write_glossary()
    first = EngineMemos(tmp_path)
    run(directory, memo=first)
    first.save()
    for name in ("terms", "links"):
        (tmp_path / memo.FOLDER / f"{name}.pickle").write_bytes(content)
    same(directory, run(directory, memo=EngineMemos(tmp_path)))


def test_damaged_entries_are_misses(write_glossary, tmp_path: Path) -> None:
    directory = write_glossary()
    memos = EngineMemos(tmp_path)
    run(directory, memo=memos)
    for store in (memos.terms.used, memos.links.used):
        for digest in store:
            store[digest] = b"\x80\x05damaged"
    memos.save()
    same(directory, run(directory, memo=EngineMemos(tmp_path)))
