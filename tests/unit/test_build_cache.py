"""The build cache's key and entry: what changes the key, what a bad entry does."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from glossary_site import build_cache
from glossary_site.emitters import EmitOptions
from glossary_site.graph import ConceptGraph
from glossary_site.pipeline import emit, run
from glossary_site.safety import EngineHtml

SETTINGS = {"site_url": "https://glossary.example.org/", "directory_urls": True}


def built(directory: Path) -> build_cache.Built:
    glossary, problems = run(directory)
    assert problems == []
    engine = EngineHtml()
    concept = ConceptGraph.from_glossary(glossary)
    files = dict(emit(glossary, EmitOptions(concept=concept, keep_html=engine.hold)))
    return build_cache.Built(glossary, ConceptGraph.inputs_key(glossary), files, engine)


def test_the_key_is_stable_and_follows_every_input(write_glossary) -> None:
    directory = write_glossary()
    key = build_cache.input_key(directory, SETTINGS)
    assert key is not None and key == build_cache.input_key(directory, dict(SETTINGS))
    keys = {key}

    term = directory / "alpha-term.yaml"
    text = term.read_text()
    term.write_text(text.replace("used in tests", "used in TESTS"))  # same length
    keys.add(build_cache.input_key(directory, SETTINGS))
    term.write_text(text)
    assert build_cache.input_key(directory, SETTINGS) == key  # back to the same bytes

    (directory / "delta-term.yaml").write_text(text)  # a new file
    keys.add(build_cache.input_key(directory, SETTINGS))
    (directory / "delta-term.yaml").unlink()
    (directory / "lessons.yaml").write_text("lessons: []\n")
    keys.add(build_cache.input_key(directory, SETTINGS))
    keys.add(build_cache.input_key(directory, {**SETTINGS, "directory_urls": False}))
    keys.add(build_cache.input_key(directory, {**SETTINGS, "site_url": ""}))
    assert len(keys) == 6 and None not in keys


def test_no_key_when_a_file_cannot_be_read_safely(write_glossary, tmp_path: Path) -> None:
    directory = write_glossary()
    outside = tmp_path / "outside.yaml"
    outside.write_text("term: x\n")
    (directory / "linked-term.yaml").symlink_to(outside)
    assert build_cache.input_key(directory, SETTINGS) is None
    (directory / "linked-term.yaml").unlink()
    os.mkfifo(directory / "piped-term.yaml")  # read without blocking, then refused
    assert build_cache.input_key(directory, SETTINGS) is None


def test_an_entry_is_read_back_only_under_its_key(write_glossary, tmp_path: Path) -> None:
    directory = write_glossary()
    entry = built(directory)
    cache = tmp_path / "cache"
    assert build_cache.read(cache, "k1") is None  # nothing stored yet
    build_cache.write(cache, "k1", entry)
    again = build_cache.read(cache, "k1")
    assert again is not None
    assert again.files == entry.files
    assert again.glossary.terms == entry.glossary.terms
    assert again.engine_html.token == entry.engine_html.token
    assert again.engine_html.held == entry.engine_html.held
    assert again.concept_key == entry.concept_key
    assert build_cache.read(cache, "k2") is None
    build_cache.write(cache, "k2", entry)  # one entry is kept: the newest
    assert build_cache.read(cache, "k1") is None
    assert [p.name for p in (cache / "build").iterdir()] == ["engine.pickle"]


@pytest.mark.parametrize("content", [
    b"", b"not a pickle", pickle.dumps(("other", "format")), pickle.dumps((999, "k", None)),
    pickle.dumps((build_cache.FORMAT, "k", {"files": {}})),
])
def test_a_torn_or_foreign_entry_is_a_miss(tmp_path: Path, content: bytes) -> None:
    entry = tmp_path / build_cache.ENTRY
    entry.parent.mkdir(parents=True)
    entry.write_bytes(content)
    assert build_cache.read(tmp_path, "k") is None


def test_a_cache_folder_that_cannot_be_written_does_not_fail(write_glossary,
                                                             tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    build_cache.write(blocker, "k", built(write_glossary()))  # logs a warning, no traceback
    assert blocker.read_text() == "a file where the folder should be"
