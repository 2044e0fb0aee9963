"""Control areas kept between builds: one country's areas per holder, keyed by its seeds.

Tessellating a country's held places (Voronoi cells, caps, clipping to the border, unions) is
the joining stages' biggest cost, and a rebuild after adding a report changes the seeds of one
country in some months only. So each country's result is kept in memory for the build and in
the cache folder (geo.blobcache: SQLite, checksummed, disposable) for the next ones. The key is
a hash of the seeds (point, holder, kind, in order), the country and a fingerprint of the
method (areas.py's source and the Natural Earth file); the value is each holder's geometry as
WKB (exact doubles, no code run when read).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from geo import settings
from geo.blobcache import BlobCache

log = logging.getLogger(__name__)

FORMAT = 4
MEMORY_ROWS = 4096               # countries' areas held in memory during one build

Areas = dict[str, BaseGeometry]


def cache_path() -> Path:
    return settings.CACHE_DIR / "territory" / f"areas-v{FORMAT}.sqlite"


class AreaCache:
    """holder -> geometry per key, in memory and (when `path` is given) on disk."""

    def __init__(self, path: Path | None) -> None:
        self._memory: dict[str, Areas] = {}
        self._disk = BlobCache(path)

    def get(self, key: str, compute: Callable[[], Areas]) -> Areas:
        found = self._memory.get(key)
        if found is None:
            found = self._read(key)
            if found is None:
                found = compute()
                self._disk.put(key, _pack(found))
            if len(self._memory) >= MEMORY_ROWS:
                self._memory.clear()
            self._memory[key] = found
        return found

    def _read(self, key: str) -> Areas | None:
        data = self._disk.get(key)
        if data is None:
            return None
        try:
            return _unpack(data)
        except (ValueError, TypeError, shapely.errors.GEOSException) as error:
            log.warning("territory cache: discarding a damaged entry (%s)", error)
            return None

    def save(self) -> None:
        self._disk.save()

    def close(self) -> None:
        self._disk.close()


def _pack(areas: Areas) -> bytes:
    """A JSON line of [holder, WKB length] pairs, then the WKB of each area."""
    wkbs = [shapely.to_wkb(g) for g in areas.values()]
    head = json.dumps([[h, len(w)] for h, w in zip(areas, wkbs)]).encode()
    return head + b"\n" + b"\n".join(wkbs)          # no areas at all: the head and a newline


def _unpack(data: bytes) -> Areas:
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
