"""The one cache of the build: answers of expensive, pure steps, kept across builds.

A leaf module: it imports nothing of the engine's domain. A caller names a *namespace* (one
step: ``terms``, ``fields``, ``graph``, ``charts`` …) and asks for values by key; the key is
a digest of everything the step reads (:func:`key`), and every namespace is salted with
:func:`environment_digest`: Python's version and the version of every installed library
that shapes output (found from package metadata, never from a hand-kept list); the engine's
steps add :func:`engine_digest` (its own files) to their salt.

Safety and robustness (the folder may come from a restored CI cache: it is untrusted):

- values are JSON, or plain files whose SHA-256 the namespace's index records; nothing is
  ever unpickled or executed;
- every index is signed (HMAC-SHA-256, its first member ``mac``) with a key kept outside
  the folder (:func:`signing_key`): an index this key did not sign is a miss, so an entry
  forged with a matching SHA-256 (a script in the Vega bundle, a notebook page) is never
  served, nor is a cache made with another key;
- anything unreadable, truncated, foreign (another salt or format) or of the wrong shape is
  a miss, and the namespace is rewritten at :meth:`Namespace.save`;
- writes are atomic (:func:`write_atomic`: a unique temporary file, then ``os.replace``),
  so two builds never share a half-written file;
- a namespace keeps only the entries the last build used, so it never grows without bound;
- no link is followed, to read or to write or to remove, and anything found where an entry,
  a namespace's folder or the cache folder itself belongs (a folder, a link, an old layout)
  is removed (a link only: never what it points at); no read waits on a FIFO;
- a cache that cannot be written is a warning, never a failed build.

With no folder (``root=None``) every namespace is an empty in-memory map: the cache is off.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.metadata
import json
import logging
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

FORMAT = 2
"""Bump when the layout of a namespace file changes."""

_NAME_RE = re.compile(r"[a-z][a-z0-9_-]{0,40}")
_FILE_KEY_RE = re.compile(r"[0-9a-f]{16,64}")
_DIST = "flywheel-glossary"
"""The project's distribution: its requirements, followed recursively, are the libraries."""

log = logging.getLogger("mkdocs.plugins.glossary")


def key(*parts: str | bytes) -> str:
    """A hex SHA-256 of ``parts``, each length-prefixed (no two splits give one digest)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def _requirement_name(requirement: str) -> str | None:
    """The distribution a requirement line names, or ``None`` for an extra-only one."""
    if "extra ==" in requirement or "extra==" in requirement:
        return None
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return match.group(1) if match else None


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def library_versions(root: str = _DIST) -> tuple[tuple[str, str], ...]:
    """Name and version of ``root`` and of every distribution it requires, recursively, as
    installed: read from package metadata (``importlib.metadata``)."""
    found: dict[str, str] = {}
    todo = [root]
    while todo:
        name = _normal(todo.pop())
        if name in found:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = "absent"
            continue
        metadata = dist.metadata  # parsed once (``dist.version`` and ``.requires`` each parse)
        found[name] = metadata["Version"]
        requires = metadata.get_all("Requires-Dist")
        if requires is None and dist.read_text("requires.txt") is not None:
            requires = dist.requires  # an egg-info's requirements
        for requirement in requires or ():
            if (required := _requirement_name(requirement)) is not None:
                todo.append(required)
    return tuple(sorted(found.items()))


@cache
def environment_digest() -> str:
    """A digest of what shapes every cached answer: Python's version and every library the
    project requires (:func:`library_versions`)."""
    parts = [f"format {FORMAT}", sys.version]
    parts += [f"{name}=={version}" for name, version in library_versions()]
    return key(*parts)


KEY_ENV = "GLOSSARY_CACHE_KEY"
KEY_FILE = "glossary-cache.key"
_MAC_HEAD, _MAC_LEN = b'{"mac":"', 64


@cache
def signing_key() -> bytes:
    """The key every index is signed with, kept outside the cache folder: ``$GLOSSARY_CACHE_KEY``
    (CI sets it from a secret, so its deploys can reuse a restored cache), else a random key
    in the Python environment (``<sys.prefix>/glossary-cache.key``, made on first use), else
    one for this process alone (the cache then hits within one ``mkdocs serve`` only)."""
    if given := os.environ.get(KEY_ENV, "").strip():
        return given.encode("utf-8")
    path = Path(sys.prefix) / KEY_FILE
    kept = _read_regular(path, 1024)
    if kept is not None and len(kept) >= 32:
        return kept
    fresh = secrets.token_hex(32).encode("ascii")
    try:
        write_atomic(path, fresh)
    except OSError:
        pass
    return fresh


def _mac(body: bytes) -> bytes:
    return hmac.new(signing_key(), body, hashlib.sha256).hexdigest().encode("ascii")


_MAC_END = len(_MAC_HEAD) + _MAC_LEN


def _mac_of(rest: bytes) -> bytes:
    """The signature of an index whose bytes after its ``mac`` value are ``rest``."""
    return _mac(_MAC_HEAD + b"0" * _MAC_LEN + rest)


def _signed(body: bytes) -> bytes:
    """``body``, a JSON object, with its HMAC-SHA-256 as its first member (``mac``)."""
    rest = b'",' + body[1:]
    return _MAC_HEAD + _mac_of(rest) + rest


def _verified(raw: bytes) -> bytes | None:
    """``raw`` if it is an index this key signed (:func:`_signed`); ``None`` otherwise."""
    if not raw.startswith(_MAC_HEAD) or raw[_MAC_END:_MAC_END + 2] != b'",':
        return None
    mac = raw[len(_MAC_HEAD):_MAC_END]
    return raw if hmac.compare_digest(mac, _mac_of(raw[_MAC_END:])) else None


@cache
def engine_digest(package_dir: Path | None = None) -> str:
    """A digest of the engine's own files (code, templates, assets): the salt of the
    engine's steps and of the notebook pages (which draw with the engine). Charts key on
    their own sources instead, so an edit to the engine does not run them again."""
    here = package_dir or Path(__file__).parent.parent
    parts: list[str | bytes] = []
    for path in sorted(here.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".js", ".css"}:
            parts += [path.relative_to(here).as_posix(), path.read_bytes()]
    return key(*parts)


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a unique temporary file in the same folder, then
    ``os.replace``: readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove(path: Path) -> None:
    """Remove whatever is at ``path`` (a file, a link, a folder), never following a link."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file (no link followed) of at most
    ``limit`` bytes; ``None`` otherwise. Never waits: a FIFO's open does not block."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        return data if len(data) <= limit else None
    finally:
        os.close(fd)


class Namespace:
    """The answers of one step: ``<root>/<name>.json`` (JSON values) and, for files,
    ``<root>/<name>/<key>`` (bytes whose SHA-256 the JSON index holds)."""

    MAX_INDEX_BYTES = 64 * 1024 * 1024
    """A larger index is a miss: 1,000 terms make about 3 MB per namespace, so this holds
    about 20,000, and a file of garbage costs a parse of at most this much."""
    MAX_FILE_BYTES = 64 * 1024 * 1024

    def __init__(self, root: Path | None, name: str, salt: str = "") -> None:
        if not _NAME_RE.fullmatch(name):
            raise ValueError(f"bad cache namespace name {name!r}")
        self.root, self.name = root, name
        self.salt = key(environment_digest(), salt) if root is not None else ""
        self._stored: dict[str, Any] | None = None
        self.used: dict[str, Any] = {}
        self.hits = self.misses = 0
        self._dirty = False

    @property
    def index_path(self) -> Path | None:
        """Where the namespace's JSON lives (``None`` when the cache is off)."""
        return self.root / f"{self.name}.json" if self.root is not None else None

    def _stored_entries(self) -> dict[str, Any]:
        if self._stored is None:
            self._stored = {}
            path = self.index_path
            raw = _read_regular(path, self.MAX_INDEX_BYTES) if path is not None else None
            try:
                data = json.loads(signed) if raw and (signed := _verified(raw)) else None
            except (ValueError, RecursionError):  # not JSON (or not UTF-8): a miss
                data = None
            if (isinstance(data, dict) and data.get("format") == FORMAT
                    and data.get("salt") == self.salt and isinstance(data.get("entries"), dict)):
                self._stored = data["entries"]
            elif raw is not None:
                self._dirty = True  # damaged or foreign: rewritten at save
            if path is not None:
                self._own_folder(create=False)  # no file is read through a link
        return self._stored

    def get(self, digest: str) -> Any | None:
        """The JSON value stored under ``digest``, or ``None`` (a miss)."""
        if digest in self.used:
            return self.used[digest]
        stored = self._stored_entries().get(digest)
        if stored is None:
            self.misses += 1
            return None
        self.hits += 1
        self.used[digest] = stored
        return stored

    def put(self, digest: str, value: Any) -> None:
        """Store a JSON-serialisable ``value`` under ``digest`` (saved by :meth:`save`)."""
        self.used[digest] = value
        self._dirty = True

    def get_file(self, digest: str) -> bytes | None:
        """The bytes stored under ``digest``, if the file is whole (its SHA-256 matches)."""
        if self.root is None or not _FILE_KEY_RE.fullmatch(digest):
            return None
        counted = digest not in self.used
        expected = self.get(digest)
        data = (_read_regular(self.root / self.name / digest, self.MAX_FILE_BYTES)
                if isinstance(expected, str) else None)
        if data is None or hashlib.sha256(data).hexdigest() != expected:
            if self.used.pop(digest, None) is not None:  # truncated, replaced or foreign
                self._dirty = True  # a miss, written again
                if counted:
                    self.hits -= 1
                    self.misses += 1
            return None
        return data

    def put_file(self, digest: str, data: bytes) -> None:
        """Store ``data`` as a file under ``digest`` (a hex key) and index its SHA-256."""
        if not _FILE_KEY_RE.fullmatch(digest):
            raise ValueError(f"file keys are hex digests, not {digest!r}")
        if self.root is not None:
            try:
                write_atomic(self._own_folder() / digest, data)
            except OSError as exc:  # a cache that cannot be written never fails a build
                log.warning("glossary: could not write to the cache %s: %s", self.root, exc)
                self.used.pop(digest, None)
                return
        self.put(digest, hashlib.sha256(data).hexdigest())

    def _own_folder(self, create: bool = True) -> Path:
        """The folder of the namespace's files, never a link or a file (removed if found)."""
        assert self.root is not None
        folder = self.root / self.name
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            _remove(folder)
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        return folder

    def save(self) -> None:
        """Write the entries this build used, if anything changed; remove unused files.

        Never fails the build: a cache folder that cannot be written is a warning."""
        path = self.index_path
        if path is None:
            return
        stored = self._stored_entries()
        if not self._dirty and stored.keys() == self.used.keys():
            return
        if path.is_dir() and not path.is_symlink():  # foreign: a folder where the index goes
            _remove(path)
        try:
            write_atomic(path, _signed(json.dumps(
                {"format": FORMAT, "salt": self.salt, "entries": self.used},
                separators=(",", ":")).encode("utf-8")))
        except OSError as exc:
            log.warning("glossary: could not write the cache %s: %s", path, exc)
            return
        self._stored = dict(self.used)
        self._dirty = False
        folder = self._own_folder(create=False)  # never follow a link out of the cache
        try:
            unused = [file for file in folder.iterdir()
                      if file.name not in self.used and not file.name.startswith(".")]
        except OSError:  # no folder (no files yet), or one that cannot be read
            unused = []
        for file in unused:
            _remove(file)


class Cache:
    """Every namespace of one cache folder (``None``: the cache is off)."""

    def __init__(self, root: Path | None) -> None:
        if root is not None and root.is_symlink():  # never write or remove through a link
            log.warning("glossary: the cache folder %s is a link; it is replaced by a folder",
                        root)
            _remove(root)
        self.root = root
        self._spaces: dict[str, Namespace] = {}

    def namespace(self, name: str, salt: str = "") -> Namespace:
        """The namespace ``name`` (created on first use)."""
        if name not in self._spaces:
            self._spaces[name] = Namespace(self.root, name, salt)
        return self._spaces[name]

    def save(self) -> None:
        """Save every namespace used in this build."""
        for space in self._spaces.values():
            space.save()
