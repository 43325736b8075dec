"""The one cache (glossary_site/cache.py): whatever is in the folder, a read is a hit on a
whole entry of this build's salt or a miss that gets rewritten, never a failed build."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary_site.build import cache as cache_module
from glossary_site.build.cache import (
    FORMAT,
    Cache,
    Namespace,
    _signed,
    key,
    library_versions,
    write_atomic,
)

DIGEST = key("an entry")
OTHER = key("another entry")
FILE = key("a file")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4

few = settings(max_examples=40, deadline=None)


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh cache folder (hypothesis runs many examples per test function)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def stored(root: Path, name: str = "things", salt: str = "") -> Namespace:
    """A namespace holding a JSON value under DIGEST and a file under FILE, saved."""
    space = Cache(root).namespace(name, salt)
    space.put(DIGEST, {"value": [1, "two"]})
    space.put_file(FILE, PNG)
    space.save()
    return Cache(root).namespace(name, salt)


def assert_healed(root: Path, name: str = "things") -> None:
    """After a miss, a put and a save, the next build hits again."""
    space = Cache(root).namespace(name)
    assert space.get(DIGEST) == {"value": [1, "two"]}
    assert space.get_file(FILE) == PNG
    assert (space.hits, space.misses) == (2, 0)


def rebuild(space: Namespace) -> None:
    """What a build does on a miss: compute again, store, save."""
    if space.get(DIGEST) is None:
        space.put(DIGEST, {"value": [1, "two"]})
    if space.get_file(FILE) is None:
        space.put_file(FILE, PNG)
    space.save()


# ----------------------------------------------------------------------------- hits


def test_values_and_files_come_back_from_the_next_build(tmp_path: Path) -> None:
    space = stored(tmp_path)
    assert space.get(DIGEST) == {"value": [1, "two"]}
    assert space.get_file(FILE) == PNG
    assert (space.hits, space.misses) == (2, 0)
    index = json.loads((tmp_path / "things.json").read_text())
    assert index["format"] == FORMAT and set(index["entries"]) == {DIGEST, FILE}
    assert index["entries"][FILE] == hashlib.sha256(PNG).hexdigest()
    assert [p.name for p in (tmp_path / "things").iterdir()] == [FILE]


def test_a_build_that_changes_nothing_writes_nothing(tmp_path: Path) -> None:
    stored(tmp_path)
    index = tmp_path / "things.json"
    before = index.stat().st_mtime_ns
    os.utime(index, ns=(before - 10**9, before - 10**9))
    space = Cache(tmp_path).namespace("things")
    space.get(DIGEST)
    space.get_file(FILE)
    space.save()
    assert index.stat().st_mtime_ns == before - 10**9


def test_keys_are_length_prefixed() -> None:
    assert key("ab", "c") != key("a", "bc")
    assert key("a", b"b") == key(b"a", "b")
    assert len(key()) == 64


# ----------------------------------------------------------------------------- misses


@few
@given(garbage=st.binary(max_size=2048))
def test_a_garbage_index_is_a_miss_and_rewritten(garbage: bytes) -> None:
    with folder() as root:
        stored(root)
        (root / "things.json").write_bytes(garbage)
        space = Cache(root).namespace("things")
        assert space.get(DIGEST) is None and space.get_file(FILE) is None
        rebuild(space)
        assert_healed(root)


@few
@given(garbage=st.binary(min_size=1, max_size=4096))
def test_a_garbage_file_is_a_miss_and_rewritten(garbage: bytes) -> None:
    with folder() as root:
        stored(root)
        (root / "things" / FILE).write_bytes(garbage)
        space = Cache(root).namespace("things")
        assert space.get(DIGEST) == {"value": [1, "two"]}
        assert space.get_file(FILE) is None
        assert (space.hits, space.misses) == (1, 1)
        rebuild(space)
        assert_healed(root)


@few
@given(data=st.data())
def test_a_truncated_index_or_file_is_a_miss(data: st.DataObject) -> None:
    with folder() as root:
        stored(root)
        for path in (root / "things.json", root / "things" / FILE):
            whole = path.read_bytes()
            path.write_bytes(whole[:data.draw(st.integers(0, len(whole) - 1))])
        space = Cache(root).namespace("things")
        assert space.get_file(FILE) is None
        rebuild(space)
        assert_healed(root)


@few
@given(garbage=st.binary(max_size=512))
def test_every_file_overwritten_with_garbage_heals(garbage: bytes) -> None:
    with folder() as root:
        stored(root)
        for path in root.rglob("*"):
            if path.is_file():
                path.write_bytes(garbage)
        rebuild(Cache(root).namespace("things"))
        assert_healed(root)


@pytest.mark.parametrize("index", [
    {"format": FORMAT + 1, "salt": None, "entries": {}},  # another layout
    {"format": FORMAT, "salt": "0" * 64, "entries": {}},   # another environment
    {"format": FORMAT, "salt": None, "entries": []},        # wrong shape
    [1, 2, 3],
    "entries",
    None,
])
def test_a_foreign_index_is_a_miss(tmp_path: Path, index: object) -> None:
    space = stored(tmp_path)
    entries = json.loads((tmp_path / "things.json").read_text())["entries"]
    if isinstance(index, dict):
        index = {**index, "salt": index["salt"] or space.salt,
                 "entries": entries if index["entries"] == {} else index["entries"]}
    (tmp_path / "things.json").write_bytes(_signed(json.dumps(index).encode()))
    fresh = Cache(tmp_path).namespace("things")
    assert fresh.get(DIGEST) is None and fresh.get_file(FILE) is None
    rebuild(fresh)
    assert_healed(tmp_path)


def test_wrong_values_in_a_whole_index_are_misses(tmp_path: Path) -> None:
    stored(tmp_path)
    path = tmp_path / "things.json"
    index = json.loads(path.read_text())
    index["entries"][FILE] = {"not": "a digest"}
    path.write_bytes(_signed(json.dumps(index).encode()))
    space = Cache(tmp_path).namespace("things")
    assert space.get_file(FILE) is None
    assert (space.hits, space.misses) == (0, 1)
    rebuild(space)
    assert_healed(tmp_path)


def forge(root: Path, name: str, value: bytes) -> None:
    """What a poisoner with write access to the folder can do: replace a file entry and
    write its SHA-256 into the index, keeping the index's format and salt."""
    index = json.loads((root / f"{name}.json").read_text())
    (root / name / FILE).write_bytes(value)
    index["entries"][FILE] = hashlib.sha256(value).hexdigest()
    index.pop("mac")
    (root / f"{name}.json").write_text(json.dumps(index))


def test_an_index_this_key_did_not_sign_is_a_miss(tmp_path: Path) -> None:
    """The folder is untrusted: a forged entry with a matching SHA-256 is not served, nor
    is an index signed with another key (a cache made elsewhere), nor one altered after
    signing; the build makes the entry again and signs the index."""
    stored(tmp_path)
    forge(tmp_path, "things", b"<script>alert(1)</script>")
    assert Cache(tmp_path).namespace("things").get_file(FILE) is None
    stored(tmp_path)
    index = (tmp_path / "things.json").read_bytes()
    (tmp_path / "things.json").write_bytes(index.replace(b'"value"', b'"VALUE"'))
    assert Cache(tmp_path).namespace("things").get(DIGEST) is None
    stored(tmp_path)
    index = json.loads((tmp_path / "things.json").read_text())
    index.pop("mac")
    signed = _signed(json.dumps(index).encode())
    (tmp_path / "things.json").write_bytes(signed[:8] + b"0" * 64 + signed[72:])  # wrong mac
    space = Cache(tmp_path).namespace("things")
    assert space.get(DIGEST) is None and space.get_file(FILE) is None
    rebuild(space)
    assert_healed(tmp_path)


def test_the_signing_key_comes_from_the_environment_or_a_file_outside_the_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module.sys, "prefix", str(tmp_path / "env"))
    (tmp_path / "env").mkdir()
    monkeypatch.delenv(cache_module.KEY_ENV, raising=False)
    cache_module.signing_key.cache_clear()
    try:
        made = cache_module.signing_key()
        assert (tmp_path / "env" / cache_module.KEY_FILE).read_bytes() == made
        cache_module.signing_key.cache_clear()
        assert cache_module.signing_key() == made  # kept
        stored(tmp_path / "cache")
        monkeypatch.setenv(cache_module.KEY_ENV, "a secret of the deploy workflow")
        cache_module.signing_key.cache_clear()
        assert cache_module.signing_key() == b"a secret of the deploy workflow"
        space = Cache(tmp_path / "cache").namespace("things")  # signed with the other key
        assert space.get(DIGEST) is None and space.get_file(FILE) is None
    finally:
        cache_module.signing_key.cache_clear()


def test_salts_separate_namespaces(tmp_path: Path) -> None:
    stored(tmp_path, salt="simulations v1")
    assert Cache(tmp_path).namespace("things", "simulations v1").get(DIGEST) is not None
    other = Cache(tmp_path).namespace("things", "simulations v2")
    assert other.get(DIGEST) is None and other.get_file(FILE) is None
    stored(tmp_path, name="others", salt="simulations v1")
    assert Cache(tmp_path).namespace("others", "simulations v1").get(DIGEST) is not None


def test_the_environment_salts_every_namespace(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    stored(tmp_path)
    monkeypatch.setattr(cache_module, "environment_digest", lambda: key("an upgrade"))
    assert Cache(tmp_path).namespace("things").get(DIGEST) is None


def test_oversized_entries_are_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stored(tmp_path)
    monkeypatch.setattr(Namespace, "MAX_FILE_BYTES", len(PNG) - 1)
    space = Cache(tmp_path).namespace("things")
    assert space.get(DIGEST) is not None and space.get_file(FILE) is None
    monkeypatch.setattr(Namespace, "MAX_INDEX_BYTES", 10)
    assert Cache(tmp_path).namespace("things").get(DIGEST) is None


def test_links_are_never_followed(tmp_path: Path) -> None:
    root, outside = tmp_path / "cache", tmp_path / "outside"
    stored(root)
    outside.mkdir()
    (outside / "precious").write_text("keep me")
    (outside / FILE).write_bytes(PNG)
    # The index and a file entry as links to valid copies: misses all the same.
    (root / "things.json").rename(outside / "things.json")
    (root / "things.json").symlink_to(outside / "things.json")
    assert Cache(root).namespace("things").get(DIGEST) is None
    (root / "things.json").unlink()
    (outside / "things.json").rename(root / "things.json")
    (root / "things" / FILE).unlink()
    (root / "things" / FILE).symlink_to(outside / FILE)
    assert Cache(root).namespace("things").get_file(FILE) is None
    # The files' folder as a link (to a folder holding the right file): nothing is read,
    # written or removed through it.
    (root / "things" / FILE).unlink()
    (root / "things").rmdir()
    (root / "things").symlink_to(outside, target_is_directory=True)
    space = Cache(root).namespace("things")
    assert space.get(DIGEST) is not None and space.get_file(FILE) is None
    rebuild(space)
    assert sorted(p.name for p in outside.iterdir()) == sorted([FILE, "precious"])
    assert (outside / "precious").read_text() == "keep me"
    assert not (root / "things").is_symlink()
    assert_healed(root)


def test_a_cache_folder_that_is_a_link_is_replaced_never_followed(tmp_path: Path) -> None:
    """A restored cache whose folder is a link to elsewhere: nothing there is read,
    written or removed (the unused-file sweep would otherwise delete what it holds)."""
    elsewhere = tmp_path / "elsewhere"
    stored(elsewhere)  # a valid cache, even
    (elsewhere / "things" / "holiday.jpg").write_text("precious")
    before = {p: p.read_bytes() for p in elsewhere.rglob("*") if p.is_file()}
    root = tmp_path / "cache"
    root.symlink_to(elsewhere, target_is_directory=True)
    space = Cache(root).namespace("things")
    assert space.get(DIGEST) is None and space.get_file(FILE) is None
    rebuild(space)
    assert {p: p.read_bytes() for p in elsewhere.rglob("*") if p.is_file()} == before
    assert root.is_dir() and not root.is_symlink()
    assert_healed(root)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_the_cache_is_a_miss_not_a_hang(tmp_path: Path) -> None:
    """Opening a FIFO to read waits for a writer; the cache never opens one that way."""
    stored(tmp_path)
    (tmp_path / "things" / FILE).unlink()
    os.mkfifo(tmp_path / "things" / FILE)
    space = Cache(tmp_path).namespace("things")
    assert space.get(DIGEST) is not None and space.get_file(FILE) is None
    (tmp_path / "things.json").unlink()
    os.mkfifo(tmp_path / "things.json")
    space = Cache(tmp_path).namespace("things")
    assert space.get(DIGEST) is None
    rebuild(space)
    assert_healed(tmp_path)


def test_folders_and_files_where_they_do_not_belong_are_replaced(tmp_path: Path) -> None:
    (tmp_path / "things.json").mkdir()            # a folder where the index goes
    (tmp_path / "things.json" / "x").write_text("x")
    (tmp_path / "things").write_text("a file where the files' folder goes")
    space = Cache(tmp_path).namespace("things")
    assert space.get(DIGEST) is None
    rebuild(space)
    assert_healed(tmp_path)
    # An old layout inside the files' folder (the chart cache had a folder per entry).
    (tmp_path / "things" / ("f" * 64)).mkdir()
    (tmp_path / "things" / ("f" * 64) / "meta.json").write_text("{}")
    space = Cache(tmp_path).namespace("things")
    rebuild(space)
    space.put(OTHER, 1)
    space.save()
    assert [p.name for p in (tmp_path / "things").iterdir()] == [FILE]


def test_an_unwritable_cache_is_a_warning_not_a_failed_build(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "cache"
    root.write_text("not a folder")
    space = Cache(root).namespace("things")
    space.put(DIGEST, 1)
    space.put_file(FILE, PNG)
    space.save()
    assert space.get_file(FILE) is None
    assert "could not write" in caplog.text


# ----------------------------------------------------------------------------- pruning


def test_save_keeps_only_the_entries_this_build_used(tmp_path: Path) -> None:
    space = Cache(tmp_path).namespace("things")
    space.put(DIGEST, 1)
    space.put(OTHER, 2)
    space.put_file(FILE, PNG)
    space.put_file(key("old file"), b"old")
    space.save()
    assert len(list((tmp_path / "things").iterdir())) == 2

    space = Cache(tmp_path).namespace("things")
    assert space.get(OTHER) == 2 and space.get_file(FILE) == PNG
    space.save()
    index = json.loads((tmp_path / "things.json").read_text())
    assert set(index["entries"]) == {OTHER, FILE}
    assert [p.name for p in (tmp_path / "things").iterdir()] == [FILE]


def test_a_temporary_file_of_a_concurrent_writer_is_left_alone(tmp_path: Path) -> None:
    stored(tmp_path)
    pending = tmp_path / "things" / f".{OTHER}.123.tmp"
    pending.write_bytes(b"half")
    space = Cache(tmp_path).namespace("things")
    space.put(OTHER, 1)
    space.save()
    assert pending.exists()


def test_with_no_folder_the_cache_is_off(tmp_path: Path) -> None:
    space = Cache(None).namespace("things")
    assert space.index_path is None and space.get(DIGEST) is None
    space.put(DIGEST, 1)
    space.put_file(FILE, PNG)
    assert space.get(DIGEST) == 1 and space.get_file(FILE) is None
    space.save()
    assert not list(tmp_path.iterdir())


def test_bad_names_and_keys_are_refused(tmp_path: Path) -> None:
    for name in ("", "../up", "Things", "a/b", "x" * 60):
        with pytest.raises(ValueError):
            Cache(tmp_path).namespace(name)
    space = Cache(tmp_path).namespace("things")
    with pytest.raises(ValueError):
        space.put_file("../escape", b"x")
    assert space.get_file("../escape") is None


# ----------------------------------------------------------------------------- the rest


def test_write_atomic_replaces_whole_files_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "file.txt"
    write_atomic(target, "first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]


def test_library_versions_come_from_package_metadata() -> None:
    names = dict(library_versions())
    # The project and libraries no hand-kept list named (issue 18).
    for name in ("flywheel-glossary", "mdit-py-plugins", "latex2mathml", "markdown",
                 "vl-convert-python", "nbconvert"):
        assert names.get(name) not in (None, "absent"), name


def test_reading_the_cache_cannot_run_code() -> None:
    source = Path(cache_module.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+(c?pickle|marshal|shelve|dill)\b", source, re.M)
    assert "eval(" not in source and "exec(" not in source


def test_a_cached_term_file_names_the_same_lines_as_a_fresh_one(write_glossary,
                                                                tmp_path: Path) -> None:
    """The terms step keeps no line maps: a problem that other files cause in an unchanged
    (cached) file is found at the line a build without a cache gives (the file is read
    again for its lines)."""
    from glossary_site.build import pipeline

    text = "It builds on [[gamma-term]].\n\n" + "A flywheel turns data into use. " * 30
    directory = write_glossary({"alpha-term": {"definition": text}})
    cache = Cache(tmp_path / "cache")
    assert pipeline.run(directory, cache=cache)[1] == []
    cache.save()
    (directory / "gamma-term.yaml").unlink()  # alpha-term.yaml is unchanged: a cache hit
    cache = Cache(tmp_path / "cache")
    cached = pipeline.run(directory, cache=cache)[1]
    assert cache.namespace("terms", cache_module.engine_digest()).hits == 2
    fresh = pipeline.run(directory)[1]
    assert cached == fresh
    lines = {p.line for p in cached if p.path.endswith("alpha-term.yaml")}
    assert len(lines) >= 2 and 1 not in lines  # the related item and the [[link]]
