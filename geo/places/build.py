"""Build the gazetteer arrays and the recognition automaton from the sources."""

from __future__ import annotations

import functools
import itertools
import json
import pickle
from pathlib import Path

import numpy as np

from geo import settings
from geo.model import PLACE_KINDS, Place
from geo.places import fold, sources

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


def add_surface_keys(automaton, places) -> None:
    """Add the names of extra places (user file) to a loaded automaton.

    `places` holds (Place, aliases) pairs."""
    groups = _variant_groups()
    for place, aliases in places:
        for name in (place.name, *aliases):
            for key in surface_keys(name, groups):
                automaton.add_word(f" {key} ", len(key) + 2)


def build_arrays(out: Path) -> None:
    """Write the arrays (.npy), automaton.pickle and caps.json into `out`."""
    import ahocorasick
    rows = sorted(collect_rows(), key=_prior)
    groups = _variant_groups()
    index: dict[str, list[int]] = {}
    automaton = ahocorasick.Automaton()
    caps: dict[str, bool] = {}
    for i, row in enumerate(rows):
        names = dict.fromkeys((row[1], *row[2]))
        for name in names:
            key = fold.canonical(name)
            if sources._CODE_RE.match(name) and row[7] == "airportsdata":
                key = "#" + name.lower()  # ICAO/IATA codes: only looked up as codes
            if key:
                bucket = index.setdefault(key, [])
                if not bucket or bucket[-1] != i:
                    bucket.append(i)
            if not _in_automaton(name, row):
                continue
            upper = name.replace(".", "").isupper() and len(name.replace(".", "")) <= 4
            for skey in surface_keys(name, groups):
                if caps.get(skey) != "curated":  # a curated acronym (EU, KRI) stays caps-only
                    caps[skey] = "curated" if upper and row[7] in ("curated", "user") else (
                        caps.get(skey, True) and upper)
                automaton.add_word(f" {skey} ", len(skey) + 2)
    automaton.make_automaton()

    hashes = np.array([np.uint64(_h(k)) for k in index], dtype=np.uint64)
    order = np.argsort(hashes, kind="stable")
    lists = list(index.values())
    kplace, kstart = [], [0]
    for k in order:
        kplace.extend(lists[k])
        kstart.append(len(kplace))
    arrays = {
        "khash": hashes[order], "kstart": np.array(kstart, dtype=np.int64),
        "kplace": np.array(kplace, dtype=np.int32),
        "lat": np.array([r[5] for r in rows], dtype=np.float64),
        "lon": np.array([r[6] for r in rows], dtype=np.float64),
        "pop": np.array([r[8] for r in rows], dtype=np.int64),
        "kind": np.array([PLACE_KINDS.index(r[3]) for r in rows], dtype=np.uint8),
        "source": np.array([_source_code(r[7]) for r in rows], dtype=np.uint8),
    }
    for field, col in (("id", 0), ("name", 1), ("country", 4), ("admin1", 9)):
        arrays[field + "_blob"], arrays[field + "_off"] = _pack_strings([r[col] for r in rows])
    for name, array in arrays.items():
        np.save(out / f"{name}.npy", array)
    with open(out / "automaton.pickle", "wb") as handle:
        pickle.dump(automaton, handle, protocol=pickle.HIGHEST_PROTOCOL)
    (out / "caps.json").write_text(json.dumps(sorted(k for k, v in caps.items() if v)))


def _h(key: str) -> int:
    from geo.places.cache import _hash
    return _hash(key)


def _source_code(source: str) -> int:
    from geo.places.cache import SOURCES
    return SOURCES.index(source)


def _pack_strings(strings: list[str]):
    from geo.places.cache import _pack
    return _pack(strings)


def place_from_row(row: sources.Row) -> Place:
    return Place(row[0], row[1], row[3], row[4], row[5], row[6], row[7], row[8], row[9])
