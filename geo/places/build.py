"""Build the gazetteer arrays and the recognition automaton from the sources."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import numpy as np

from geo import settings
from geo.model import PLACE_KINDS, Place
from geo.places import fold, fork, sources, store

_SOURCE_RANK = {"user": 0, "curated": 1, "naturalearth": 2, "geonames": 3, "airportsdata": 4}


def collect_rows() -> list[sources.Row]:
    """All source rows; curated rows with an existing id amend that record (coords, aliases)."""
    rows: dict[str, sources.Row] = {}
    for gen in (sources.cities(), sources.countries(), sources.us_states(), sources.us_counties(),
                sources.continents(),
                sources.airports()):
        for row in gen:
            rows.setdefault(row[0], row)
    curated = sources.read_places_csv(settings.DATA_DIR / "places.csv", "curated")
    skip = {(r[4], r[1].lower()) for r in rows.values() if r[3] == "region"}
    # a curated region ("Nineveh Governorate", alias "Ninawa") stands for the airports' one
    skip |= {(r[4], n.lower()) for r in curated if r[3] == "region" for n in (r[1], *r[2])}
    for row in sources.subdivisions(skip):
        rows.setdefault(row[0], row)
    sources._CITIES.clear()  # free the big list
    sources.add_abbreviations(rows)
    _replace_duplicates(rows, curated)
    for row in curated:
        old = rows.get(row[0])
        if old is not None:  # amend: curated coordinates/kind win, aliases add up
            row = (row[0], row[1], tuple(dict.fromkeys(old[2] + (old[1],) + row[2])), row[3],
                   row[4] or old[4], row[5], row[6], "curated", max(row[8], old[8]), old[9])
        rows[row[0]] = row
    return list(rows.values())


_SAME_PLACE_KM = 25.0


def _replace_duplicates(rows: dict[str, sources.Row], curated: list[sources.Row]) -> None:
    """A curated row with its own id that describes a GeoNames place (same name, same country,
    within 25 km) replaces that entry, so the place has one id; it takes over the GeoNames
    names, population and admin1 code."""
    wanted: dict[tuple[str, str], list[sources.Row]] = {}
    for row in curated:
        if row[0] not in rows:
            for name in (row[1], *row[2]):
                wanted.setdefault((row[4], fold.canonical(name)), []).append(row)
    if not wanted:
        return
    countries = {c for c, _ in wanted}
    merged: dict[str, sources.Row] = {}
    for pid, old in list(rows.items()):
        if old[7] != "geonames" or old[4] not in countries or old[3] in ("country", "continent"):
            continue
        for new in wanted.get((old[4], fold.canonical(old[1])), ()):
            if _km(old[5], old[6], new[5], new[6]) <= _SAME_PLACE_KM:
                del rows[pid]
                cur = merged.get(new[0], new)
                merged[new[0]] = (cur[0], cur[1], tuple(dict.fromkeys(cur[2] + (old[1],) + old[2])),
                                  cur[3], cur[4], cur[5], cur[6], cur[7], max(cur[8], old[8]),
                                  cur[9] or old[9])
                break
    curated[:] = [merged.get(row[0], row) for row in curated]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt
    a = (sin(radians(lat2 - lat1) / 2) ** 2
         + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * asin(sqrt(a))


def _prior(row: sources.Row) -> tuple:
    kind_bonus = {"country": 3, "region": 1}.get(row[3], 0)
    return (_SOURCE_RANK.get(row[7], 5) > 1, -kind_bonus, -row[8])


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(a for a, _, _ in sources.abbreviations() if "." in a)


def _variant_groups() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for variant, canon in fold.variants().items():
        if " " in variant:
            continue
        groups.setdefault(canon, [canon]).append(variant)
    return {w: groups[c] for c in groups for w in groups[c]}


def surface_keys(name: str, groups: dict[str, list[str]]) -> list[str]:
    """Surface forms under which text may write `name` (transliteration variants included)."""
    base = " ".join(fold.surface(name).split())
    nospace = " ".join(fold.surface(fold._APOS_RE.sub("", name)).split())
    keys = {base, nospace}
    raw = fold.surface(name).strip()
    if raw != base:  # "St. Louis" folds to "st  louis" in running text too
        keys.add(raw)
    words = base.split()
    if len(words) > 1 and words[0] in ("al", "el", "ar", "as", "ad", "an", "at", "az", "ash"):
        keys.add(" ".join(w for w in words[1:]))  # "Al Qa'im" is also written "Qaim"
        keys.add(" ".join(w for w in nospace.split()[1:]))
    if len(words) > 1 and any(w in fold.ARTICLES for w in words[1:]):
        # 'Deir ez-Zor' is also written 'Deir al-Zor' and 'Deir Zor'
        keys.add(" ".join(w for i, w in enumerate(words) if i == 0 or w not in fold.ARTICLES))
        keys.add(" ".join("al" if i and w in fold.ARTICLES else w for i, w in enumerate(words)))
    words = base.split()
    for i in range(1, len(words) - 1):
        if words[i] in fold.ARTICLES and words[i][-1] == words[i + 1][0] and words[i][0] in "ae":
            # 'Deir ez-Zor' is also written 'Deir Ezzor' (the article fused with its noun)
            keys.add(" ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2:]))
    for key in (base, nospace):
        words = key.split()
        options = [groups.get(w, [w]) for w in words]
        if any(len(o) > 1 for o in options):
            for combo in itertools.islice(itertools.product(*options), 16):
                keys.add(" ".join(combo))
    return [k for k in keys if k]


def _in_automaton(name: str, row: sources.Row) -> bool:
    if name in _abbreviations():
        return False  # "Miss.", "Ill.": lookups only, never matched in running text
    if sources._CODE_RE.match(name) and row[7] not in ("curated", "user"):
        return False
    if row[7] == "airportsdata" and not row[0].startswith("subd:"):
        # full airport names, and a big city's airport's short name ("Heathrow"); never codes
        return ((name == row[1] and " " in name) or (row[8] > 0 and not name.isupper())
                or bool(sources.BASE_ALIAS_RE.search(name)))
    if row[7] in ("curated", "user"):
        return len(name) >= 2
    return len(name) >= 3 and not name.isupper()


def lookup_keys(name: str, row: sources.Row) -> list[str]:
    """The lookup keys of one name of a place: its canonical key (an airport code: "#" and
    the code, looked up only as a code) and its transliteration skeleton (fold.skeleton,
    prefixed), so that a variant spelling costs one more key search, not a scan."""
    if sources._CODE_RE.match(name) and row[7] == "airportsdata":
        return ["#" + name.lower()]
    key = fold.canonical(name)
    if not key:
        return []
    sk = fold.skeleton(name)
    return [key, fold.SKELETON_PREFIX + sk] if sk else [key]


def _without_colliding_skeletons(keys: list[str], rows: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Drop skeleton keys whose hash another key already has ("~tharshavn", "~skarshava"):
    the skeleton is a fallback, and an exact key must never be shadowed by one."""
    seen: dict[int, str] = {}
    for key in sorted(set(keys), key=lambda k: (k.startswith(fold.SKELETON_PREFIX), k)):
        seen.setdefault(store._hash(key), key)
    kept = set(seen.values())
    if len(kept) == len(set(keys)):
        return keys, rows
    mask = np.fromiter((k in kept for k in keys), bool, len(keys))
    return [k for k, m in zip(keys, mask) if m], rows[mask]


def add_surface_keys(automaton, places) -> None:
    """Add the names of extra places (user file) to a loaded automaton.

    `places` holds (Place, aliases) pairs."""
    groups = _variant_groups()
    for place, aliases in places:
        for name in (place.name, *aliases):
            for key in surface_keys(name, groups):
                automaton.add_word(f" {key} ", len(key) + 2)


def build_arrays(out: Path) -> dict:
    """Write the gazetteer's arrays, caps.json and rowattrs.json and its automaton into
    `out` (store.py says how); returns the automaton's header for the manifest.

    Most names are GeoNames cities': their keys are worked out on the other cores (fork.py)
    while this process reads the other sources; the automaton is built beside the tables."""
    import pandas as pd
    groups = _variant_groups()
    cities = list(sources.cities())  # read once: collect_rows uses the same rows
    early = fork.Spread(functools.partial(_name_keys, cities, groups), len(cities))
    rows = sorted(collect_rows(), key=_prior)
    # a city row that reaches the gazetteer unchanged (the same object) keeps its keys
    final = {id(row): i for i, row in enumerate(rows)}
    city_rows = np.array([final.get(id(row), -1) for row in cities], dtype=np.int64)
    done = np.zeros(len(rows), dtype=bool)
    done[city_rows[city_rows >= 0]] = True
    rest = np.flatnonzero(~done)
    late = fork.Spread(functools.partial(_name_keys, [rows[i] for i in rest], groups), len(rest))
    parts = [_renumber(part, city_rows) for part in early.results()]
    parts += [_renumber(part, rest) for part in late.results()]
    del cities, final
    auto_codes, auto_keys = pd.factorize(pd.Series([k for p in parts for k in p[2]], dtype=object))
    automaton = fork.Aside(functools.partial(_write_automaton, out, auto_keys), len(auto_keys))
    records = fork.Aside(functools.partial(_write_records, out, rows), len(rows))
    # a key is caps-only (matched only when written in capitals) if a curated place writes
    # it in capitals (EU, KRI) or every name that gives it is an acronym
    caps = pd.Series(np.concatenate([part[3] for part in parts])).groupby(auto_codes)
    caps_only = (caps.max() == _CURATED_CAPS) | (caps.min() >= _CAPS)
    arrays = store.key_table(*_index_pairs(parts))
    store.write(out, arrays, {"caps.json": sorted(auto_keys[caps_only.to_numpy()].tolist())})
    records.result()
    return automaton.result()


def _write_records(out: Path, rows: list[sources.Row]) -> None:
    """The records' columns and lookup tables (store.record_tables)."""
    arrays = {
        "lat": np.array([r[5] for r in rows], dtype=np.float64),
        "lon": np.array([r[6] for r in rows], dtype=np.float64),
        "pop": np.array([r[8] for r in rows], dtype=np.int64),
        "kind": np.array([PLACE_KINDS.index(r[3]) for r in rows], dtype=np.uint8),
        "source": np.array([store.SOURCES.index(r[7]) for r in rows], dtype=np.uint8),
    }
    for field, col in (("id", 0), ("name", 1), ("country", 4), ("admin1", 9)):
        arrays[field + "_blob"], arrays[field + "_off"] = store.pack([r[col] for r in rows])
    tables, rowattrs = store.record_tables(
        [r[0] for r in rows], [r[1] for r in rows], [(r[3], r[7], r[4], r[9]) for r in rows],
        arrays["lat"], arrays["lon"], arrays["pop"])
    store.write(out, dict(arrays, **tables), {"rowattrs.json": rowattrs})


def _index_pairs(parts: list[tuple]) -> tuple[np.ndarray, np.ndarray]:
    """The (key hash, record number) pairs of the lookup index. Distinct keys sharing a hash
    are rare (the hash is linear in the key's bytes): only the entries of those hashes go
    through _without_colliding_skeletons, the others are kept as they are."""
    import pandas as pd
    hashes = np.concatenate([part[0] for part in parts])
    rows = np.concatenate([part[1] for part in parts])
    keys = [k for part in parts for k in part[5]]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object))
    entry = np.zeros(len(uniques), dtype=np.int64)
    entry[codes] = np.arange(len(codes))  # an entry of each distinct key (any: same hash)
    shared_hashes, count = np.unique(hashes[entry], return_counts=True)
    shared = np.isin(hashes, shared_hashes[count > 1])
    if not shared.any():
        return hashes, rows
    picked = np.flatnonzero(shared)
    kept_keys, kept_rows = _without_colliding_skeletons([keys[i] for i in picked], rows[picked])
    kept_hashes = np.fromiter(map(store._hash, kept_keys), np.uint64, len(kept_keys))
    return (np.concatenate([hashes[~shared], kept_hashes]),
            np.concatenate([rows[~shared], kept_rows]))


def _renumber(part: tuple, numbers: np.ndarray) -> tuple:
    """A _name_keys result with its row numbers mapped through `numbers` (the final record
    numbers); entries of rows mapped to -1 (changed or dropped since) are left out."""
    index_hashes, index_rows, auto_keys, auto_caps, auto_rows, index_keys = part
    index_rows, auto_rows = numbers[index_rows], numbers[auto_rows]
    keep_index, keep_auto = index_rows >= 0, auto_rows >= 0
    if not keep_auto.all():
        auto_keys = list(itertools.compress(auto_keys, keep_auto.tolist()))
    if not keep_index.all():
        index_keys = list(itertools.compress(index_keys, keep_index.tolist()))
    return (index_hashes[keep_index], index_rows[keep_index], auto_keys, auto_caps[keep_auto],
            auto_rows[keep_auto], index_keys)


_PLAIN, _CAPS, _CURATED_CAPS = 0, 1, 2  # how a name writes a surface key (see caps_only)


def _name_keys(rows: list[sources.Row], groups: dict[str, list[str]], start: int, stop: int):
    """The keys of rows[start:stop]'s names: (lookup key hashes, their record numbers,
    automaton keys, how the name writes each (_CAPS: an acronym, "US"), their record numbers,
    the lookup keys)."""
    index_keys, index_rows, auto_keys, auto_caps, auto_rows = [], [], [], [], []
    for i in range(start, stop):
        row = rows[i]
        for name in dict.fromkeys((row[1], *row[2])):
            for key in lookup_keys(name, row):
                index_keys.append(key)
                index_rows.append(i)
            if not _in_automaton(name, row):
                continue
            upper = name.replace(".", "").isupper() and len(name.replace(".", "")) <= 4
            caps = (_CURATED_CAPS if row[7] in ("curated", "user") else _CAPS) if upper else _PLAIN
            for skey in surface_keys(name, groups):
                auto_keys.append(skey)
                auto_caps.append(caps)
                auto_rows.append(i)
    hashes = np.fromiter(map(store._hash, index_keys), np.uint64, len(index_keys))
    return (hashes, np.array(index_rows, dtype=np.int64), auto_keys,
            np.array(auto_caps, dtype=np.int8), np.array(auto_rows, dtype=np.int64), index_keys)


def _write_automaton(out: Path, keys) -> dict:
    """Build the Aho-Corasick automaton over " key " (its value: that length) and store it."""
    import ahocorasick
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for key in keys:
        automaton.add_word(f" {key} ", len(key) + 2)
    automaton.make_automaton()
    return store.write_automaton(out, automaton)


def place_from_row(row: sources.Row) -> Place:
    return Place(row[0], row[1], row[3], row[4], row[5], row[6], row[7], row[8], row[9])
