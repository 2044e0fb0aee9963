"""The fast lookup paths give the same answers as the plain ones they replaced: the ASCII
and cheap-test paths of fold.canonical against the original regex version, and
Gazetteer.lookup against a lookup written plainly over the cache's own columns."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from geo.model import PLACE_KINDS, Place
from geo.places import fold, load_gazetteer
from geo.places.store import SOURCES, _hash
from geo.places.sources import geonames_dir

TRICKY = [
    "", " ", "'", "Al", "al-", "Al Al", "Al-Qa'im", "Al Qā’im", "al Qaʿim", "AL-QAIM", "Qa im",
    "Ayn al-Arab", "Ain al Arab", "Kobanî", "Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr",
    "Santa Anna", "Tell Abyad", "Salah ad-Din", "Salah al-Din", "Salahaddin", "Airbase",
    "Al Asad Airbase", "Ain al-Asad Air Base", "Erbil", "Irbil", "Hawler", "Mosul", "Mawsil",
    "ORAA", "oraa", " ORAA ", "BGW", "US", "New  York", "São Paulo", "Diyarbakır", "Łódź",
    "Ærø", "Straße", "東京", "東京、大阪", "Ash-Shaddadi", "Ar-Raqqah", "Raqqah", "ez-Zor",
    "Tall Afar", "Abu Ghraib", "Qayyarah Airfield West", "12 de Octubre", "St. John's",
    "Hit", "Al Assaddi", "Eddessa", "an-Nasiriyah", "Aerro", "essex", "Ettaqa", "x_y", "A-B-C",
    "Mwaffaq Salti", "Shaheed Mwaffaq", "salah din", "Salah Aldin", "qa'im", "Ain Arab",
]


def old_canonical(name: str) -> str:
    """fold.canonical as it was before the fast paths (the reference)."""
    words = name.translate(fold._canon_table()).split()
    if len(words) > 1:
        words = [w for w in words if w not in fold.ARTICLES] or words
        words[1:] = [re.sub(r"^[ae]([dtzsrn])(\1[a-z]{2,})$", r"\2", w) for w in words[1:]]
    get = fold.variants().get
    text = " ".join([get(w, w) for w in words])
    if " " in text:
        for variant, canon in ((v, c) for v, c in fold.variants().items() if " " in v):
            if variant in text:
                text = re.sub(rf"\b{variant}\b", canon, text)
    return text


@pytest.fixture(scope="module")
def geonames_names() -> list[str]:
    with open(geonames_dir() / "cities15000.json", encoding="utf-8") as handle:
        records = list(json.load(handle).values())
    names = [r["name"] for r in records]
    # alternate names of every 20th city: every script, article and apostrophe in the data
    names += [alt for r in records[::20] for alt in r["alternatenames"]]
    return names


def fast_canonical(name: str) -> str:
    """fold.canonical without its memo: every call takes the fast paths."""
    return (fold._canonical or fold._make_canonical())(name)


def test_canonical_matches_the_plain_version(geonames_names):
    names = TRICKY + geonames_names
    names += [n.upper() for n in names[:3000]] + [n.replace(" ", "-") for n in names[:3000]]
    for name in names:
        assert fast_canonical(name) == old_canonical(name), name
        assert fold.canonical(name) == old_canonical(name), name


def test_canonical_variant_words_one_by_one():
    for variant in fold.variants():
        for name in (variant, variant.title(), f"Al-{variant}", f"{variant} Air Base",
                     f"Tal {variant}", f"{variant} al {variant}"):
            assert fast_canonical(name) == old_canonical(name), name


class PlainLookup:
    """The lookup written plainly: hash, sorted search, records from the separate columns."""

    def __init__(self, gazetteer) -> None:
        self.a = gazetteer._a
        self.user = gazetteer._extra_pairs

    def text(self, field: str, i: int) -> str:
        off = self.a[field + "_off"]
        return self.a[field + "_blob"][off[i]:off[i + 1]].tobytes().decode("utf-8")

    def record(self, i: int) -> Place:
        a = self.a
        return Place(self.text("id", i), self.text("name", i), PLACE_KINDS[a["kind"][i]],
                     self.text("country", i), float(a["lat"][i]), float(a["lon"][i]),
                     SOURCES[a["source"][i]], int(a["pop"][i]), self.text("admin1", i))

    def rows(self, key: str) -> list[int]:
        h = np.uint64(_hash(key))  # the hash the build stored the keys under
        k = int(np.searchsorted(self.a["khash"], h))
        if k == len(self.a["khash"]) or self.a["khash"][k] != h:
            return []
        return [int(i) for i in self.a["kplace"][self.a["kstart"][k]:self.a["kstart"][k + 1]]]

    def lookup(self, name: str) -> list[Place]:
        key = old_canonical(name)
        # a user place comes once for each of its names with this key (as before)
        found = [p for p, aliases in self.user for n in (p.name, *aliases)
                 if old_canonical(n) == key]
        found += [self.record(i) for i in self.rows(key)]
        code = name.strip()
        if 3 <= len(code) <= 4 and code.isalnum() and code.isupper():
            found += [self.record(i) for i in self.rows("#" + code.lower())]
        return found


def _same(got: list[Place], want: list[Place]) -> bool:
    # equal records, in the same order, with the exact field types of the plain version
    return got == want and all(
        type(g.lat) is float and type(g.population) is int for g in got)


def test_lookup_matches_the_plain_version(geonames_names):
    gazetteer = load_gazetteer()
    plain = PlainLookup(gazetteer)
    names = TRICKY + geonames_names[::15] + ["LHR", "ORBI", "JFK", "KDFW", "Zzzz Qq"]
    for name in names:
        assert _same(gazetteer.lookup(name), plain.lookup(name)), name
    # twice again: from the remembered key rows and cached records, then the kept tuples
    for _ in range(2):
        for name in names[::5]:
            assert _same(gazetteer.lookup(name), plain.lookup(name)), name
    found = gazetteer.lookup("Mosul")
    found.clear()  # the caller's own list: the kept answer stays whole
    assert gazetteer.lookup("Mosul") == plain.lookup("Mosul") != []
    mosul = gazetteer.lookup("Mosul")[0]
    assert gazetteer.place(gazetteer.indices("mosul")[0]) is mosul
    assert gazetteer.indices("no such key qq") == ()


def test_lookup_with_user_places_matches_the_plain_version(tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("place_id,name,aliases,kind,country,lat,lon,source_note\n"
                   "mine:mosul,Mosul,Al-Mawsil|Mosul City,city,IQ,36.0,43.0,my notes\n"
                   "mine:oraa,ORAA,,airbase,IQ,33.8,42.4,my notes\n", encoding="utf-8")
    gazetteer = load_gazetteer(csv)
    plain = PlainLookup(gazetteer)
    for name in ("Mosul", "Mawsil", "Al-Mawsil", "mosul city", "ORAA", "Baghdad", "none qq"):
        assert _same(gazetteer.lookup(name), plain.lookup(name)), name
    assert gazetteer.lookup("Mawsil")[0].place_id == "mine:mosul"


def test_stored_key_hashes_are_distinct_and_bucketed():
    a = load_gazetteer()._a
    hashes = a["khash"]
    assert len(hashes) > 100_000 and bool(np.all(hashes[1:] > hashes[:-1]))
    assert _hash("qaim") != _hash("qaim ") and _hash("a") != _hash("b")
    starts = a["kbucket"]
    assert starts[0] == 0 and starts[-1] == len(hashes) and bool(np.all(np.diff(starts) >= 0))
    assert int(np.diff(starts).max()) < 20  # the runs stay short: the hash spreads keys


def test_fresh_gazetteers_agree_whatever_was_looked_up_first():
    names = ["Mosul", "Irbil", "Erbil", "Al-Qa'im", "ORAA", "Paris", "Springfield", "Sinjar"]
    first, second = load_gazetteer(reuse=False), load_gazetteer(reuse=False)
    forward = [first.lookup(n) for n in names]
    backward = [second.lookup(n) for n in reversed(names)][::-1]
    assert forward == backward


def _tiny_gazetteer(path, rows: list[Place]):
    """A gazetteer cache of a few records, written as the build writes it."""
    from geo.places.store import add_lookup_tables, pack
    from geo.places.gazetteer import Gazetteer
    arrays = {"lat": np.array([p.lat for p in rows]), "lon": np.array([p.lon for p in rows]),
              "pop": np.array([p.population for p in rows], dtype=np.int64),
              "kind": np.array([PLACE_KINDS.index(p.kind) for p in rows], dtype=np.uint8),
              "source": np.array([SOURCES.index(p.source) for p in rows], dtype=np.uint8)}
    for field, attr in (("id", "place_id"), ("name", "name"), ("country", "country"),
                        ("admin1", "admin1")):
        arrays[field + "_blob"], arrays[field + "_off"] = pack([getattr(p, attr) for p in rows])
    index: dict[str, list[int]] = {}
    for i, p in enumerate(rows):
        index.setdefault(fold.canonical(p.name), []).append(i)
    keys = sorted(index, key=_hash)
    arrays["khash"] = np.array([_hash(k) for k in keys], dtype=np.uint64)
    arrays["kplace"] = np.array([i for k in keys for i in index[k]], dtype=np.int32)
    arrays["kstart"] = np.cumsum([0] + [len(index[k]) for k in keys]).astype(np.int64)
    for name, array in arrays.items():
        np.save(path / f"{name}.npy", array)
    add_lookup_tables(path)
    return Gazetteer({p.stem: np.load(p) for p in path.glob("*.npy")}, path=path)


@pytest.mark.parametrize("long_name", [False, True])
def test_records_round_trip_in_both_struct_formats(tmp_path, long_name):
    rows = [Place("geonames:1", "Mosul", "city", "IQ", 36.335, 43.11889, "geonames", 1683000, "15"),
            Place("geonames:2", "Warīsān", "city", "AE", 25.16744, 55.40708, "geonames", 108759, "03"),
            Place("icao:ORAA", "Al Asad Air Base", "airbase", "IQ", 33.7856, 42.4412, "curated", 0,
                  "Anbar"),
            Place("geonames:3", "Mosul", "village", "SY", -1.5, 2.25, "geonames", 2**40, ""),
            Place("curated:x", "東京 Tōkyō", "region", "", 0.0, -180.0, "curated", 0, "")]
    if long_name:  # a 70,000-character name needs the wide struct format
        rows.append(Place("user:long", "L" * 70_000, "city", "US", 1.0, 2.0, "user", 5, "CA"))
    gazetteer = _tiny_gazetteer(tmp_path, rows)
    fmt = gazetteer._row_attrs()[0]
    assert fmt == ("<ddqQII" if long_name else "<ddqIHH")
    assert [gazetteer.place(i) for i in range(len(rows))] == rows
    assert _same(gazetteer.lookup("Mosul"), [rows[0], rows[3]])
    assert _same(gazetteer.lookup("Warisan"), [rows[1]])
    assert gazetteer.lookup("Tōkyō") == [] and gazetteer.lookup("東京 Tokyo") == [rows[4]]
