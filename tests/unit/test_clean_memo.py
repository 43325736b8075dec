"""The sanitiser's memory across builds: same answers as nh3, never from another engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site import build_cache, clean_memo, safety
from glossary_site.clean_memo import MEMO, TOKEN_MARK, CleanMemo
from glossary_site.safety import EngineHtml, clean_page, sanitise

PAGES = ['<p>fine <a href="https://example.org/">link</a></p>',
         '<p onclick="steal()">x<script>alert(1)</script><a href="javascript:alert(1)">y</a></p>',
         "<img src=x onerror=alert(1)><svg><circle/></svg>"]


def refuse_to_sanitise(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, the memo must answer without running nh3."""
    def fail(html: str) -> str:
        raise AssertionError(f"sanitised again: {html!r}")
    monkeypatch.setattr(clean_memo, "sanitise", fail)


def test_answers_are_nh3_answers_and_the_next_build_reuses_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = CleanMemo(tmp_path)
    assert [first.clean(page) for page in PAGES] == [sanitise(page) for page in PAGES]
    assert "script" not in first.clean(PAGES[1]) and first.hits == 1
    first.save()
    assert (tmp_path / MEMO).is_file()

    refuse_to_sanitise(monkeypatch)
    second = CleanMemo(tmp_path)
    assert [second.clean(page) for page in PAGES] == [sanitise(page) for page in PAGES]
    assert second.hits == len(PAGES)


def test_a_build_with_the_same_pages_does_not_rewrite_the_memo(tmp_path: Path) -> None:
    first = CleanMemo(tmp_path)
    for page in PAGES:
        first.clean(page)
    first.save()
    stored = (tmp_path / MEMO).stat()
    second = CleanMemo(tmp_path)
    for page in reversed(PAGES):
        second.clean(page)
    second.save()
    after = (tmp_path / MEMO).stat()
    assert (after.st_ino, after.st_mtime_ns) == (stored.st_ino, stored.st_mtime_ns)


def test_pages_a_build_did_not_use_are_dropped(tmp_path: Path) -> None:
    first = CleanMemo(tmp_path)
    for page in PAGES:
        first.clean(page)
    first.save()
    second = CleanMemo(tmp_path)
    second.clean(PAGES[0])
    second.save()
    assert set(CleanMemo(tmp_path).stored) == set(second.used)
    assert len(CleanMemo(tmp_path).stored) == 1


def test_a_memo_from_another_engine_is_ignored(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = CleanMemo(tmp_path)
    first.clean(PAGES[1])
    first.save()
    # Another nh3 version or allow-list gives another engine digest: nothing is reused.
    monkeypatch.setattr(build_cache, "engine_digest", lambda: "another engine")
    assert CleanMemo(tmp_path).stored == {}


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_torn_or_foreign_memo_is_empty(tmp_path: Path, content: bytes) -> None:
    (tmp_path / MEMO).parent.mkdir(parents=True)
    (tmp_path / MEMO).write_bytes(content)
    memo = CleanMemo(tmp_path)
    assert memo.stored == {}
    assert memo.clean(PAGES[1]) == sanitise(PAGES[1])


def test_without_a_cache_folder_nothing_is_written(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    memo = CleanMemo(None)
    cleaned = memo.clean(PAGES[1])
    assert cleaned == sanitise(PAGES[1])
    memo.save()
    assert list(tmp_path.iterdir()) == []
    assert memo.used == {}  # with the cache off the memo keeps nothing, not even in memory


def test_pages_are_reused_across_placeholder_tokens(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that ran the engine again draws a new token; unchanged pages still hit."""
    def page(engine: EngineHtml) -> str:
        return f"<p>{engine.hold('<figure>chart</figure>')}</p><p onclick='x()'>text</p>"

    first_engine = EngineHtml()
    first_page = page(first_engine)
    first = CleanMemo(tmp_path)
    assert first.clean(first_page, first_engine.token) == sanitise(first_page)
    first.save()

    refuse_to_sanitise(monkeypatch)
    engine = EngineHtml()
    second_page = page(engine)
    assert engine.token != first_engine.token
    second = CleanMemo(tmp_path)
    cleaned = second.clean(second_page, engine.token)
    assert second.hits == 1 and first_engine.token not in cleaned
    assert cleaned == safety.sanitise(second_page)  # nh3 itself (only the memo is refused)
    assert clean_page(second_page, engine, lambda html: second.clean(html, engine.token)) \
        == "<figure>chart</figure><p>text</p>"


@pytest.mark.parametrize("html", [
    f"<p>{TOKEN_MARK} already holds the mark</p>",
    "<p><a href='https://x.org/' onclick='{token}'>the placeholder is dropped</a></p>",
])
def test_pages_the_mark_could_confuse_are_never_stored(tmp_path: Path, html: str) -> None:
    engine = EngineHtml()
    page = html.replace("{token}", engine.hold("<b>engine</b>"))
    memo = CleanMemo(tmp_path)
    assert memo.clean(page, engine.token) == safety.sanitise(page)
    assert memo.used == {}
