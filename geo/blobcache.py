"""A disposable key -> bytes cache in one SQLite file of the cache folder, for derived data that
is costly to make and cheap to check: values are zlib-compressed with a SHA-256 checksum (no
code runs when one is read), a damaged row or file is only lost work (discarded, computed
again), and the file keeps the most recently used rows up to `max_bytes`. New rows and uses are
written in one transaction by `save()`, so a killed build leaves the file as it was.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import time
import zlib
from pathlib import Path

log = logging.getLogger(__name__)


class BlobCache:
    """bytes by key, on disk when `path` is given (else nothing is kept)."""

    def __init__(self, path: Path | None, max_bytes: int = 256 << 20) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self._db: sqlite3.Connection | None = None
        self._new: dict[str, tuple[bytes, str]] = {}
        self._used: set[str] = set()
        if path is not None:
            try:
                self._db = _open(path)
            except (sqlite3.Error, OSError) as error:
                log.warning("cache %s unusable (%s): computing afresh", path.name, error)

    def get(self, key: str) -> bytes | None:
        """The value of `key`, or None (absent, damaged: then discarded)."""
        if key in self._new:
            return zlib.decompress(self._new[key][0])
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value, checksum FROM blobs WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            if hashlib.sha256(row[0]).hexdigest() != row[1]:
                raise ValueError("checksum mismatch")
            value = zlib.decompress(row[0])
        except (sqlite3.Error, ValueError, zlib.error, TypeError) as error:
            log.warning("cache %s: discarding a damaged entry (%s)", self.path.name, error)
            self._discard(key)
            return None
        self._used.add(key)
        return value

    def put(self, key: str, value: bytes) -> None:
        blob = zlib.compress(value, 1)
        self._new[key] = (blob, hashlib.sha256(blob).hexdigest())

    def _discard(self, key: str) -> None:
        try:
            self._db.execute("DELETE FROM blobs WHERE key = ?", (key,))
        except sqlite3.Error:
            pass

    def save(self) -> None:
        """Store the new rows, mark the used ones, trim the file (one transaction)."""
        if self._db is None:
            return
        now = time.time()
        try:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?)",
                                     [(k, v, c, now) for k, (v, c) in self._new.items()])
                self._db.executemany("UPDATE blobs SET used = ? WHERE key = ?", [(now, k) for k in self._used])
                self._trim()
        except sqlite3.Error as error:
            log.warning("cache %s not written (%s)", self.path.name, error)
        self._new.clear()
        self._used.clear()

    def _trim(self) -> None:
        total = 0
        for key, size in self._db.execute("SELECT key, length(value) FROM blobs ORDER BY used DESC").fetchall():
            total += size
            if total > self.max_bytes:
                self._db.execute("DELETE FROM blobs WHERE key = ?", (key,))

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _open(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _connect(path)
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal", "-shm"):           # damaged: start a fresh file
            Path(str(path) + suffix).unlink(missing_ok=True)
        return _connect(path)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE IF NOT EXISTS blobs (key TEXT PRIMARY KEY, value BLOB, checksum TEXT, used REAL)")
    db.execute("SELECT count(*) FROM blobs").fetchone()          # fails here on a damaged file
    return db
