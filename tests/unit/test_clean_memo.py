"""The sanitiser's memory across builds: same answers as nh3, never from another engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_site import build_cache, clean_memo
from glossary_site.clean_memo import MEMO, CleanMemo
from glossary_site.safety import sanitise

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
    refuse_to_sanitise(monkeypatch)  # within the build, the same page is cleaned once
    assert memo.clean(PAGES[1]) == cleaned
