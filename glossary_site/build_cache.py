"""The build cache: the engine's whole output, reused while nothing it depends on changed.

Loading, checking, linking and drawing a big glossary costs far more than MkDocs needs to
build its pages; a rebuild with the same inputs (``mkdocs serve`` after editing a page in
``docs/``, a second ``make build``, CI with a restored cache) gets the same output. This
module keys that output on everything it is made from:

* every term file and ``lessons.yaml`` (names and bytes, read the way :mod:`.load` reads
  them: no link followed, never past the size limit);
* the engine itself (every file of the ``glossary_site`` package), the versions of the
  libraries that shape the output, and Python's version;
* the settings the caller passes (site name and URL, directory URLs, charts and the
  simulation code's digest …).

Any difference gives a new key and a run of the engine (whose steps reuse what they can:
:mod:`.memo`); only a run without problems is stored. One entry is kept
(``<cache_dir>/build/engine.pickle``), written atomically, with its key pickled first. The
concept graph and its drawings are not in it but in the graph memo, under the key the entry
names.

The entry is a pickle, so the cache folder is trusted like ``__pycache__``: local to the
machine, never committed (``.cache/`` is in ``.gitignore``), never published. It holds the
per-build placeholder token of :class:`~glossary_site.safety.EngineHtml` too; reusing it is
safe because a hit needs byte-identical content, and that content was written before the
token was drawn at random.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .load import LESSONS_FILE, read_bytes, term_files
from .resolve import Glossary
from .safety import EngineHtml

FORMAT = 2
"""Bump when the stored entry changes shape."""
ENTRY = Path("build") / "engine.pickle"
"""Where the entry lives under the plugin's ``cache_dir``."""
LIBRARIES = ("jinja2", "markdown-it-py", "markupsafe", "networkx", "nh3", "pydantic",
             "pydantic-core", "pymdown-extensions", "pyyaml", "rapidfuzz", "vl-convert-python")
"""Libraries whose version can change what the engine emits."""
_PACKAGE = Path(__file__).resolve().parent

log = logging.getLogger("mkdocs.plugins.glossary")


@dataclass
class Built:
    """What a run of the engine leaves for the rest of the build."""

    glossary: Glossary
    concept_key: bytes
    """The concept graph's :meth:`~glossary_site.graph.ConceptGraph.inputs_key`: the graph
    and its drawings live in the graph memo (:mod:`.memo`), not twice on disk."""
    files: dict[str, str | bytes]
    engine_html: EngineHtml


@cache
def engine_digest() -> str:
    """SHA-256 over the engine's files, the library versions and Python's version.

    Computed once per process: the code that runs is the code imported at start.
    """
    hasher = hashlib.sha256(f"format={FORMAT};python={sys.version}".encode())
    for dist in LIBRARIES:
        try:
            version = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        hasher.update(f";{dist}=={version}".encode())
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(f"\0{path.relative_to(_PACKAGE).as_posix()}\0".encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


def input_key(directory: Path, settings: Mapping[str, object]) -> str | None:
    """The key of a run over ``directory`` with ``settings`` (JSON-serialisable values).

    ``None`` when a file cannot be read as :mod:`.load` would read it: the run then reports
    the problem, and nothing is cached.
    """
    hasher = hashlib.sha256(engine_digest().encode())
    hasher.update(json.dumps(settings, sort_keys=True, default=str).encode())
    files = term_files(directory)
    lessons = directory / LESSONS_FILE
    if os.path.lexists(lessons):
        files.append(lessons)
    for file in files:
        raw, problems = read_bytes(file, file.name)
        if raw is None or problems:
            return None
        hasher.update(f"\0{file.name}\0{len(raw)}\0".encode())
        hasher.update(raw)
    return hasher.hexdigest()


def read(cache_dir: Path, key: str) -> Built | None:
    """The stored output for ``key``, or ``None`` (no entry, another key, unreadable).

    The entry's key is pickled ahead of the output, so a miss reads a few bytes, not the
    whole output."""
    stored = load(cache_dir / ENTRY, then=lambda header: header == (FORMAT, key))
    return stored if isinstance(stored, Built) else None


def write(cache_dir: Path, key: str, built: Built) -> None:
    """Store ``built`` under ``key``, replacing the entry atomically; never fails a build."""
    dump(cache_dir / ENTRY, (FORMAT, key), built)


def load(path: Path, then: Callable[[object], bool] | None = None) -> object | None:
    """The object pickled in ``path``, or ``None`` when it is missing or unreadable.

    With ``then``, the file holds a header and an object pickled one after the other: the
    object is read only when ``then(header)`` is true (else ``None``).
    """
    try:
        with path.open("rb") as stream:
            first = pickle.load(stream)
            if then is None:
                return first
            return pickle.load(stream) if then(first) else None
    except FileNotFoundError:
        return None
    except Exception as exc:  # a torn or foreign file is a miss, never a failed build
        log.debug("glossary: ignoring %s (%s: %s)", path, type(exc).__name__, exc)
        return None


def dump(target: Path, *payloads: object) -> bool:
    """Pickle ``payloads`` one after the other to ``target``, replacing it atomically; False
    (and a warning) if that failed: a cache that cannot be written never fails a build."""
    temporary: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=f".{target.stem}-",
                                         delete=False) as stream:
            temporary = Path(stream.name)
            for payload in payloads:
                pickle.dump(payload, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, target)
        return True
    except (OSError, pickle.PickleError, AttributeError, TypeError) as exc:
        log.warning("glossary: could not write the build cache %s: %s", target, exc)
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        return False
