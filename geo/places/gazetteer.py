"""The gazetteer: built once from the sources, cached on disk as numpy arrays, loaded fast.

Lookups bisect a sorted, memory-mapped array of 64-bit hashes of canonical names, so
loading is a handful of memory-mapped files and needs no big Python dict or list. Places are
materialised as `Place` records only when asked for, each from one fixed-size struct and one
slice of a text column decoded at load (`rowrec`, `rowtext`). The files' format is in
store.py; where the cache lives, its checks, building and repair in cache.py.
"""

from __future__ import annotations

import bisect
import itertools
import struct
from pathlib import Path

import numpy as np

from geo.errors import GazetteerError
from geo.model import Place
from geo.places import cache, fold, sources, store
from geo.places.store import _BUCKET_SHIFT, _MUL, _PRIME, _ROW_SEP

# a Place filled through its __dict__: the same frozen record without the per-field
# object.__setattr__ calls of the dataclass __init__ (materialising places is the lookup's cost)
_new_place = object.__new__


class Gazetteer:
    """Candidate places by name (`lookup`) and by id (`get`)."""

    def __init__(self, arrays: dict[str, np.ndarray],
                 extra: list[tuple[Place, tuple[str, ...]]] | None = None,
                 path: Path | None = None, manifest: dict | None = None) -> None:
        self._a = arrays
        self.path = path
        self._manifest = manifest or {}
        self._automaton = self._caps = None
        self.size = len(arrays["lat"])
        self._nkeys = len(arrays["khash"])
        # canonical key -> its key row (-1: none), then its places (see candidates)
        self._memo: dict[str, int | tuple[Place, ...]] = {}
        self._strings: dict[str, tuple[bytes, list[int]]] = {}
        # the lookup closure and its parts (_make_lookup), built by load_gazetteer
        self._lookup = self._search = self._record = None
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
        if self._record is None:
            self._make_lookup()
        return self._record(i)

    def _row_attrs(self) -> tuple[str, tuple[tuple[str, str, str, str], ...], int]:
        """The record struct's format, the (kind, source, country, admin1) tuples its last
        field numbers, and how many bytes of `rowtext` are the ASCII rows."""
        meta = self._read(store.load_json, "rowattrs.json")
        return meta["format"], tuple(tuple(a) for a in meta["attrs"]), meta["ascii_chars"]

    def _read(self, reader, name: str):
        """reader(folder, name): a file of the cache, rebuilt once if it is damaged."""
        try:
            return reader(self.path, name)
        except store.Damaged as damage:
            self._manifest = cache.repair(self.path, str(damage))
            try:
                return reader(self.path, name)
            except store.Damaged as again:
                raise GazetteerError(f"gazetteer cache {self.path}: {again}") from again

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
        if self._search is None:
            self._make_lookup()
        k = self._search(key)
        if k < 0:
            return ()
        kstart = self._a["kstart"]
        return tuple(int(i) for i in self._a["kplace"][kstart[k]:kstart[k + 1]])

    def lookup(self, name: str) -> list[Place]:
        """Candidate places for a name in any spelling, user places first."""
        return (self._lookup or self._make_lookup())(name)

    def _make_lookup(self):
        """Build the lookup: one closure holding every table as a local, so a name costs no
        attribute or call lookups. Places are made once each and cached by record number."""
        a = self._a
        # the key search: the hashes are sorted and uniform, so their top bits say which
        # short run to bisect (kbucket: where each run starts)
        buckets, hashes = a["kbucket"].data, a["khash"].data
        kstart, kplace = a["kstart"].data, a["kplace"].data
        nkeys, memo, from_bytes, bisect_left = (
            self._nkeys, self._memo, int.from_bytes, bisect.bisect_left)
        # the records (see _ROW_FORMATS)
        fmt, attrs, ascii_bytes = self._row_attrs()
        unpack, size = struct.Struct(fmt).unpack_from, struct.calcsize(fmt)
        recs, blob = a["rowrec"].data, a["rowtext"]
        ascii_text = blob[:ascii_bytes].tobytes().decode("ascii")
        wide_text = blob[ascii_bytes:].tobytes().decode("utf-8")
        cache, new, sep = self._cache, _new_place, _ROW_SEP
        canonical = fold.canonical
        extra_index, extra = self._extra_index, self._extra

        def search(key: str) -> int:
            """The key's row in the hash table, -1 if absent."""
            # _hash, inlined
            h = from_bytes(key.encode("utf-8"), "little") * _MUL % _PRIME
            b = h >> _BUCKET_SHIFT
            k = bisect_left(hashes, h, buckets[b], buckets[b + 1])
            return k if k < nkeys and hashes[k] == h else -1

        def record(i: int) -> Place:
            """Place number `i`, made through its __dict__ (see _new_place) and cached."""
            lat, lon, pop, start, length, code = unpack(recs, i * size)
            if start < ascii_bytes:
                place_id, _, name = ascii_text[start:start + length].partition(sep)
            else:
                start -= ascii_bytes
                place_id, _, name = wide_text[start:start + length].partition(sep)
            kind, source, country, admin1 = attrs[code]
            hit = cache[i] = new(Place)
            d = hit.__dict__  # item stores: cheaper than update(**fields)
            d["place_id"] = place_id
            d["name"] = name
            d["kind"] = kind
            d["country"] = country
            d["lat"] = lat
            d["lon"] = lon
            d["source"] = source
            d["population"] = pop
            d["admin1"] = admin1
            return hit

        def places(k: int) -> list[Place]:
            out = []
            if k >= 0:
                for i in kplace[kstart[k]:kstart[k + 1]]:
                    hit = cache.get(i)
                    out.append(record(i) if hit is None else hit)
            return out

        def candidates(key: str) -> list[Place]:
            """The places of a key (a new list). The memo remembers a key's row the first
            time (an int: nothing for the garbage collector, most names come once) and its
            places as a tuple the second time (names that repeat are then one copy)."""
            hit = memo.get(key)
            if hit is None:
                k = search(key)
                if len(memo) < 200_000:
                    memo[key] = k
                return places(k)
            if hit.__class__ is tuple:
                return list(hit)
            found = places(hit)
            memo[key] = tuple(found)
            return found

        def lookup(name: str) -> list[Place]:
            key = canonical(name)
            hit = memo.get(key)  # candidates(), inlined: one call less a name
            if hit is None:
                h = from_bytes(key.encode("utf-8"), "little") * _MUL % _PRIME  # search()
                b = h >> _BUCKET_SHIFT
                k = bisect_left(hashes, h, buckets[b], buckets[b + 1])
                if k >= nkeys or hashes[k] != h:
                    k = -1
                if len(memo) < 200_000:
                    memo[key] = k
                found = places(k)
            elif hit.__class__ is tuple:
                found = list(hit)
            else:
                found = places(hit)
                memo[key] = tuple(found)
            if extra_index:
                mine = extra_index.get(key)
                if mine:
                    found[:0] = [extra[i] for i in mine]
            code = name.strip()
            if 3 <= len(code) <= 4 and code.isalnum() and code.isupper():
                found.extend(candidates("#" + code.lower()))
            return found

        self._search, self._record, self._lookup = search, record, lookup
        return lookup

    def automaton(self):
        """The Aho-Corasick automaton over surface-folded names (loaded on first use); with
        user places, joined to a small one of their names."""
        if self._automaton is None:
            automaton = self._read(lambda folder, _: store.read_automaton(
                folder, self._manifest["automaton"]), store.AUTOMATON)
            if self._extra:
                automaton = _with_extra_names(automaton, self._extra_pairs)
            self._automaton = automaton
        return self._automaton

    def caps_only(self) -> frozenset[str]:
        """Surface keys that only match when written in capitals (US, UK, UAE)."""
        if self._caps is None:
            self._caps = frozenset(self._read(store.load_json, "caps.json"))
        return self._caps


class _Joined:
    """Two automata searched as one: `iter` gives the matches of both."""

    def __init__(self, first, second) -> None:
        self.first, self.second = first, second

    def iter(self, text: str):
        return itertools.chain(self.first.iter(text), self.second.iter(text))


def _with_extra_names(automaton, places):
    """The cached automaton plus the user's place names, in a small automaton of their own
    (re-linking the big one would take a second): keys it already has are left out, so no
    match comes twice."""
    import ahocorasick
    from geo.places.build import add_surface_keys
    extra = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    add_surface_keys(extra, places)
    for key in list(extra.keys()):
        if automaton.exists(key):
            extra.remove_word(key)
    if len(extra) == 0:
        return automaton
    extra.make_automaton()
    return _Joined(automaton, extra)


_LOADED: dict[tuple, Gazetteer] = {}


def load_gazetteer(user_places: Path | None = None, *, reuse: bool = True) -> Gazetteer:
    """The cached gazetteer (built on first use), plus the user's places file if given.
    A process loads it once: later calls with the same cache and places file (unchanged on
    disk) get the same instance, memos and automaton included; `reuse=False` gives a new
    one (what a fresh process would have)."""
    path = cache.cache_path()
    key: tuple = (path,)
    if user_places is not None:
        try:
            st = Path(user_places).stat()
            key = (path, str(Path(user_places).resolve()), st.st_mtime_ns, st.st_size)
        except OSError:
            key = ()  # a missing file: read_places_csv below says so
    if reuse and key and key in _LOADED and (path / store.MANIFEST).exists():
        return _LOADED[key]
    manifest = cache.open_cache(path)
    try:
        arrays = store.load_arrays(path, manifest)
    except (OSError, ValueError) as error:  # changed since it was checked: once more
        manifest = cache.repair(path, f"cannot load it ({error})")
        try:
            arrays = store.load_arrays(path, manifest)
        except (OSError, ValueError) as again:
            raise GazetteerError(f"cannot load gazetteer cache {path}: {again}") from again
    extra = []
    if user_places is not None:
        for row in sources.read_places_csv(Path(user_places), "user"):
            place = Place(row[0], row[1], row[3], row[4], row[5], row[6], row[7], row[8], row[9])
            extra.append((place, row[2]))
    gazetteer = Gazetteer(arrays, extra, path, manifest)
    # the lookup's tables and decoded record text (~10 ms) are part of loading, so the first
    # lookups do not pay for them
    gazetteer._make_lookup()
    if key and reuse:
        _LOADED[key] = gazetteer
    return gazetteer
