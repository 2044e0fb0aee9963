"""Control areas kept between builds: one country's areas per holder, keyed by its seeds.

Tessellating a country's held places (Voronoi cells, caps, clipping to the border, unions) is
the joining stages' biggest cost, and a rebuild after adding a report changes the seeds of one
country in some months only. So each country's result is kept in memory for the build and in
a SQLite file in the cache folder for the next ones. The key is a hash of the seeds (point,
holder, kind, in order), the country and a fingerprint of the method (areas.py's source and
the Natural Earth file); the value is each holder's geometry as WKB (exact doubles, no code
run when read) with a SHA-256 checksum. A damaged or unreadable file or row is only lost
work: it is discarded and computed again. The file keeps the most recently used rows up to
MAX_BYTES.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from geo import settings

log = logging.getLogger(__name__)

FORMAT = 2
MAX_BYTES = 256 << 20            # the file's payload is trimmed to this, least recently used first
MEMORY_ROWS = 4096               # countries' areas held in memory during one build

Areas = dict[str, BaseGeometry]


def cache_path() -> Path:
    return settings.CACHE_DIR / "territory" / f"areas-v{FORMAT}.sqlite"


class AreaCache:
    """holder -> geometry per key, in memory and (when `path` is given) on disk."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._memory: dict[str, Areas] = {}
        self._db: sqlite3.Connection | None = None
        self._new: list[tuple[str, bytes, str]] = []
        self._used: set[str] = set()
        if path is not None:
            try:
                self._db = _open(path)
            except (sqlite3.Error, OSError) as error:
                log.warning("territory cache %s unusable (%s): areas are computed afresh", path, error)

    def get(self, key: str, compute: Callable[[], Areas]) -> Areas:
        found = self._memory.get(key)
        if found is None:
            found = self._read(key)
            if found is None:
                found = compute()
                self._new.append((key, *_pack(found)))
            if len(self._memory) >= MEMORY_ROWS:
                self._memory.clear()
            self._memory[key] = found
        self._used.add(key)
        return found

    def _read(self, key: str) -> Areas | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value, checksum FROM areas WHERE key = ?", (key,)).fetchone()
            return _unpack(*row) if row else None
        except (sqlite3.Error, ValueError, zlib.error, TypeError) as error:
            log.warning("territory cache: discarding a damaged entry (%s)", error)
            self._discard(key)
            return None

    def _discard(self, key: str) -> None:
        try:
            self._db.execute("DELETE FROM areas WHERE key = ?", (key,))
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
                self._db.executemany("INSERT OR REPLACE INTO areas VALUES (?, ?, ?, ?)",
                                     [(k, v, c, now) for k, v, c in self._new])
                self._db.executemany("UPDATE areas SET used = ? WHERE key = ?",
                                     [(now, k) for k in self._used])
                _trim(self._db)
        except sqlite3.Error as error:
            log.warning("territory cache %s not written (%s)", self.path, error)
        self._new.clear()
        self._used.clear()

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
    db.execute("CREATE TABLE IF NOT EXISTS areas (key TEXT PRIMARY KEY, value BLOB, checksum TEXT, used REAL)")
    db.execute("SELECT count(*) FROM areas").fetchone()          # fails here on a damaged file
    return db


def _trim(db: sqlite3.Connection) -> None:
    total = 0
    for key, size in db.execute("SELECT key, length(value) FROM areas ORDER BY used DESC").fetchall():
        total += size
        if total > MAX_BYTES:
            db.execute("DELETE FROM areas WHERE key = ?", (key,))


def _pack(areas: Areas) -> tuple[bytes, str]:
    """A JSON line of [holder, WKB length] pairs, then the WKB of each area, compressed."""
    wkbs = [shapely.to_wkb(g) for g in areas.values()]
    head = json.dumps([[h, len(w)] for h, w in zip(areas, wkbs)]).encode()
    blob = zlib.compress(b"\n".join([head, *wkbs]), 1)
    return blob, hashlib.sha256(blob).hexdigest()


def _unpack(blob: bytes, checksum: str) -> Areas:
    if hashlib.sha256(blob).hexdigest() != checksum:
        raise ValueError("checksum mismatch")
    data = zlib.decompress(blob)
    end = data.index(b"\n")
    out, at = {}, end + 1
    for holder, size in json.loads(data[:end]):
        out[holder] = shapely.from_wkb(data[at:at + size])
        at += size + 1
    return out


@lru_cache(maxsize=1)
def method_fingerprint() -> str:
    """What the cached areas depend on besides their seeds: the tessellation code (areas.py)
    and the Natural Earth countries that clip it."""
    from geo import naturalearth

    digest = hashlib.sha256(f"format {FORMAT}".encode())
    digest.update((Path(__file__).parent / "areas.py").read_bytes())
    topology = settings.NODE_MODULES / naturalearth.TOPOJSON_NAME.format(resolution="50m")
    try:
        digest.update(topology.read_bytes())
    except OSError:
        digest.update(b"no topology")
    return digest.hexdigest()


def area_key(iso: str, seeds: tuple) -> str:
    """Key of one country's areas: the method's fingerprint, the country and its seeds."""
    return hashlib.sha256(json.dumps([method_fingerprint(), iso, seeds]).encode()).hexdigest()
