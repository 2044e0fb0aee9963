"""The recogniser's fast paths give what their reference implementations give."""

from __future__ import annotations

import random
import re

from geo.places import fold, scan
from geo.places.recognize import _any_between, _overlaps

_MIXED = "abc XYZ-'.éÜñ’ʿ\n\t0123456789Ā"


def _random_texts(seed: int, alphabet: str, count: int = 2000):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))


def test_surface_fold_equals_the_character_table():
    rng = random.Random(3)
    wide = [chr(i) for i in range(0x3100)] + ["𝔸", "😀"]
    for text in _random_texts(4, _MIXED):
        text += "".join(rng.choice(wide) for _ in range(rng.randint(0, 3)))
        folded = fold.surface(text)
        assert folded == text.translate(fold._table()), text
        assert len(folded) == len(text)


def test_surface_fold_of_ascii_text():
    assert fold.surface("Al-Qa'im, U.S.") == "al qa im  u s "
    assert fold.surface("Al-Qā'im") == "al qa im"


def test_lowercase_vocabulary_equals_the_regex():
    reference = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
    for text in _random_texts(5, "abAB éxy-Ü'z\n"):
        assert scan.LowercaseVocab(text).words() == frozenset(reference.findall(text)), text


def test_overlap_and_between_helpers():
    spans = [(0, 5), (10, 15), (20, 30)]
    assert _overlaps(spans, 4, 6) and _overlaps(spans, 12, 13) and _overlaps(spans, 29, 40)
    assert not _overlaps(spans, 5, 10) and not _overlaps(spans, 15, 20) and not _overlaps(spans, 30, 31)
    assert not _overlaps([], 0, 1)
    assert _any_between([3, 8], 0, 4) and _any_between([3, 8], 8, 9)
    assert not _any_between([3, 8], 4, 8) and not _any_between([], 0, 10)


def _point(pid: str, lat: float, lon: float, kind: str = "town", country: str = "", admin1: str = ""):
    from geo.model import Place
    return Place(pid, pid, kind, country, lat, lon, "geonames", admin1=admin1)


def test_within_km_equals_the_haversine_test():
    from geo.places.locality import within_km
    from geo.places.resolve import haversine_km
    rng = random.Random(7)
    for _ in range(20_000):
        lat, lon, d = rng.uniform(-89, 89), rng.uniform(-180, 180), rng.choice([0.5, 2, 5, 20])
        lat2 = max(-90.0, min(90.0, lat + rng.uniform(-d, d)))
        lon2 = (lon + rng.uniform(-3 * d, 3 * d) + 180) % 360 - 180
        p, q = _point("p", lat, lon), _point("q", lat2, lon2)
        for km in (150.0, 500.0):
            assert within_km(p, q, km) == (haversine_km(lat, lon, lat2, lon2) < km)


def test_indexed_fits_equals_a_scan_of_every_anchor():
    from geo.places.locality import SUPPORT_KM, Anchors, fits
    from geo.places.resolve import haversine_km

    def scan(place, anchors, exclude):
        others = [a for a in anchors if a.place_id not in exclude and a.place_id != place.place_id]
        if place.kind == "country":
            return any(a.country == place.country for a in others)
        return any((place.kind == "region" and place.admin1 and (a.country, a.admin1) == (place.country, place.admin1))
                   or haversine_km(place.lat, place.lon, a.lat, a.lon) < SUPPORT_KM for a in others)

    rng = random.Random(8)
    kinds = ["town", "town", "region", "country"]
    for _ in range(300):
        anchors = [_point(f"a{i}", rng.uniform(30, 40), rng.uniform(35, 50), rng.choice(kinds),
                          rng.choice("XY"), rng.choice("12")) for i in range(rng.randint(0, 12))]
        index = Anchors(anchors)
        place = _point("p", rng.uniform(30, 40), rng.uniform(35, 50), rng.choice(kinds),
                       rng.choice("XY"), rng.choice("12"))
        exclude = {a.place_id for a in anchors[:rng.randint(0, 2)]}
        assert fits(place, index, frozenset(), exclude) == scan(place, anchors, exclude)
