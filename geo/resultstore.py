"""Per-document results on disk: the incremental build cache and the merge's input.

One SQLite file; each row is one document's `DocResult` as three zlib-compressed JSON parts
(core: document, candidates, bases, tables; mentions: mentions and unresolved rows; dated:
dated sentences for carriers), each with a SHA-256 checksum. JSON cannot run code when read,
SQLite commits are atomic (a killed build leaves whole rows or none), and a row that fails its
checksum or does not decode is deleted and computed again.

The key of a row is the hash of the file's bytes, its name and manifest entry, the build
options and `code_fingerprint()` (the package's .py files and data files), so editing a
`data/*.csv` or the code invalidates every cached result, and nothing else does.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import time
import typing
import zlib
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from geo import records, settings
from geo.docwork import DocResult, DocTask, WorkOptions

log = logging.getLogger(__name__)

FORMAT = 2                       # bump when the row layout changes
_PARTS = ("core", "mentions", "dated")
PRUNE_AFTER_SECONDS = 86_400     # rows of other code versions live this long (see prune)
_CORE = ("info", "candidates", "bases", "involvement", "log", "seconds")
_MENTIONS = ("mentions", "unresolved")
# What per-document work never reads: the map, commands, joining stages, the bundled corpus.
_NOT_PER_DOCUMENT = ("render", "commands")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's .py files and data files (bar the corpus and map assets)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    files = [p for p in package.rglob("*.py") if p.relative_to(package).parts[0] not in _NOT_PER_DOCUMENT]
    files += [p for p in settings.DATA_DIR.rglob("*")
              if p.is_file() and "corpus" not in p.relative_to(settings.DATA_DIR).parts]
    for path in sorted(files):
        name = path.relative_to(package if path.is_relative_to(package) else settings.DATA_DIR)
        digest.update(f"{name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def options_fingerprint(options: WorkOptions) -> str:
    """The build options as they change per-document results (a places file by its content)."""
    places = ""
    if options.user_places:
        try:
            places = hashlib.sha256(Path(options.user_places).read_bytes()).hexdigest()
        except OSError:
            places = "missing"
    from geo.places.cache import cache_path  # the gazetteer's own fingerprint of its sources
    return json.dumps([options.forced_format, places, cache_path().name, code_fingerprint()])


def task_key(task: DocTask, options_print: str) -> str:
    """Cache key of one document: its bytes, name, manifest entry and the options' fingerprint."""
    digest = hashlib.sha256()
    with open(task.path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    digest.update(json.dumps([Path(task.path).name, task.meta, options_print]).encode())
    return digest.hexdigest()


def _pack(values: dict) -> tuple[bytes, str]:
    blob = zlib.compress(json.dumps(records.encode(values), ensure_ascii=False,
                                    separators=(",", ":")).encode("utf-8"), 1)
    return blob, hashlib.sha256(blob).hexdigest()


def _unpack(blob: bytes, checksum: str) -> dict:
    if hashlib.sha256(blob).hexdigest() != checksum:
        raise ValueError("checksum mismatch")
    return json.loads(zlib.decompress(blob).decode("utf-8"))


@lru_cache(maxsize=None)
def _field_decoder(name: str):
    return records.decoder(typing.get_type_hints(DocResult)[name])


def _decode(name: str, value):
    return _field_decoder(name)(value)


class ResultStore:
    """Per-document results by key. `path=None`: a temporary file, removed on close."""

    def __init__(self, path: Path | None = None) -> None:
        self._tmp = None
        if path is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="geo-results-")
            path = Path(self._tmp.name) / "results.sqlite"
        self.path = Path(path)
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            # an unreadable cache file is only lost work: start a fresh one
            log.warning("result cache %s unreadable (%s): starting afresh", self.path, error)
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, code TEXT, "
                   + ", ".join(f"{p} BLOB, {p}_sum TEXT" for p in _PARTS) + ", written REAL)")
        db.execute("SELECT count(*) FROM results").fetchone()   # fails here on a damaged file
        return db

    def close(self) -> None:
        self.db.close()
        if self._tmp is not None:
            self._tmp.cleanup()

    def verify(self, key: str) -> bool:
        """Whether `key` is stored whole: every part present and matching its checksum (a bad
        row is deleted, so the document is computed again)."""
        row = self.db.execute(f"SELECT {', '.join(f'{p}, {p}_sum' for p in _PARTS)} FROM results "
                              "WHERE key = ?", (key,)).fetchone()
        if row is None:
            return False
        if all(isinstance(row[k], bytes) and hashlib.sha256(row[k]).hexdigest() == row[k + 1]
               for k in range(0, len(row), 2)):
            return True
        log.warning("result cache: discarding a damaged entry")
        self.discard(key)
        return False

    def put_many(self, items: list[tuple[str, DocResult]]) -> None:
        """Store results (one transaction: all of them or, if the build is killed, none)."""
        rows = []
        for key, result in items:
            values = []
            for names in (_CORE, _MENTIONS, ("dated",)):
                values += _pack({n: getattr(result, n) for n in names})
            rows.append((key, code_fingerprint(), *values, time.time()))
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(f"INSERT OR REPLACE INTO results VALUES ({', '.join('?' * 9)})", rows)

    def _part(self, key: str, part: str) -> dict | None:
        row = self.db.execute(f"SELECT {part}, {part}_sum FROM results WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return _unpack(row[0], row[1])
        except (ValueError, TypeError, zlib.error, UnicodeDecodeError) as error:
            log.warning("result cache: discarding a damaged entry (%s)", error)
            self.discard(key)
            return None

    def discard(self, key: str) -> None:
        self.db.execute("DELETE FROM results WHERE key = ?", (key,))

    def core(self, key: str, path: str) -> DocResult:
        """Document, candidates, bases and tables of `key` (mentions and dated lines left out)."""
        part = self._part(key, "core") or {}
        result = DocResult(path, **{n: _decode(n, part[n]) for n in _CORE})
        if result.info is not None and result.info.path != path:     # the same file, moved
            result = replace(result, info=replace(result.info, path=path))
        return result

    def mentions(self, key: str) -> DocResult:
        part = self._part(key, "mentions") or {n: [] for n in _MENTIONS}
        return DocResult("", **{n: _decode(n, part[n]) for n in _MENTIONS})

    def mention_part(self, key: str, name: str) -> list:
        """One field of the mentions part ("mentions" or "unresolved"), the other left encoded."""
        part = self._part(key, "mentions") or {n: [] for n in _MENTIONS}
        return _decode(name, part[name])

    def dated(self, key: str) -> Iterator:
        part = self._part(key, "dated") or {"dated": []}
        return iter(_decode("dated", part["dated"]))

    def prune(self) -> None:
        """Drop rows made by other versions of the code or data (they can never be read again),
        once they are a day old: a build of another version sharing the cache folder may be
        running and still reading its rows (pruned under it, its tables came out empty)."""
        self.db.execute("DELETE FROM results WHERE code != ? AND written < ?",
                        (code_fingerprint(), time.time() - PRUNE_AFTER_SECONDS))


def default_path() -> Path:
    return settings.CACHE_DIR / "results" / f"results-v{FORMAT}.sqlite"


def cache_enabled() -> bool:
    """GEO_NO_RESULT_CACHE=1 turns the per-document cache off (a temporary store is used)."""
    return os.environ.get("GEO_NO_RESULT_CACHE", "") in ("", "0")
