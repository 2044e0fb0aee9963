"""Control areas kept between builds (geo.territory.areacache): same features from the disk
cache as computed afresh, a damaged row or file is recomputed, and the vectorised rounding of
GeoJSON coordinates equals Python's round(v, 6)."""

import json
import sqlite3
from datetime import date

import numpy as np
from shapely.geometry import Point, Polygon, box

from eventkit import PLACES, day
from geo.model import Event, SourceRef
from geo.tables import rfc7946, rounded, rounded6
from geo.territory import control_features
from geo.territory.areacache import AreaCache, area_key


def change(place, holder, when, line=1):
    return Event(f"{place}-{when}", "territory_change", day(when), PLACES[place], actor=holder,
                 holder_after=holder, geo_precision="place", sources=(SourceRef("000.txt", line),),
                 place_text=place)


EVENTS = [change("Mosul", "ISIL", "2014-06-10"), change("Sinjar", "ISIL", "2014-08-03", 2),
          change("Sinjar", "Kurdistan Region", "2015-11-13", 3), change("Tikrit", "Iraq", "2015-03-31", 4)]


HORIZON = date(2016, 1, 31)


def features(cache):
    return [{k: (v.wkb if k == "geometry" else v) for k, v in f.items()}
            for f in control_features(EVENTS, horizon=HORIZON, area_cache=cache)]


def test_areas_from_the_disk_cache_equal_fresh_ones(tmp_path):
    path = tmp_path / "areas.sqlite"
    fresh = features(AreaCache(None))
    first = AreaCache(path)
    assert features(first) == fresh
    first.save()
    first.close()
    rows = sqlite3.connect(path).execute("SELECT count(*) FROM blobs").fetchone()[0]
    assert rows >= 2                              # one per country seed set seen
    again = AreaCache(path)
    computed = []
    assert features(_Spy(again, computed)) == fresh and computed == []     # everything read back, nothing computed


class _Spy(AreaCache):
    """The cache, recording which keys had to be computed."""

    def __init__(self, inner, computed):
        self.__dict__.update(inner.__dict__)
        self._computed = computed

    def get(self, key, compute):
        def spied():
            self._computed.append(key)
            return compute()
        return super().get(key, spied)


def test_a_damaged_row_is_discarded_and_computed_again(tmp_path, caplog):
    path = tmp_path / "areas.sqlite"
    cache = AreaCache(path)
    key = area_key("IQ", ((1.0, 2.0, "ISIL", "town"),))
    cache.get(key, lambda: {"ISIL": box(0, 0, 1, 1)})
    cache.save()
    cache.close()
    db = sqlite3.connect(path)
    db.execute("UPDATE blobs SET value = ? WHERE key = ?", (b"garbage", key))
    db.commit()
    db.close()
    cache = AreaCache(path)
    got = cache.get(key, lambda: {"ISIL": box(0, 0, 2, 2)})
    assert got["ISIL"].equals(box(0, 0, 2, 2))
    assert "damaged" in caplog.text


def test_an_unreadable_cache_file_is_started_afresh(tmp_path):
    path = tmp_path / "areas.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = AreaCache(path)
    assert cache.get("k", lambda: {"A": box(0, 0, 1, 1)})["A"].area == 1.0
    cache.save()
    assert AreaCache(path).get("k", lambda: {})["A"].area == 1.0


def test_vectorised_rounding_equals_python_round():
    rng = np.random.default_rng(7)
    ties = (rng.integers(-180_000_000, 180_000_000, 20_000) + 0.5) / 1e6   # x.xxxxxx5: the hard cases
    values = np.concatenate([rng.uniform(-180, 180, 50_000), ties, np.nextafter(ties, 0),
                             rng.uniform(-1e-5, 1e-5, 1000), [0.0, -0.0, 5e-7, -5e-7, 1e300, np.inf, np.nan]])
    got = rounded6(values).tolist()
    assert [repr(v) for v in got] == [repr(round(float(v), 6)) for v in values]
    ties4 = (rng.integers(-1_800_000, 1_800_000, 20_000) + 0.5) / 1e4             # the map's 4 places
    values4 = np.concatenate([values, ties4, np.nextafter(ties4, 0)])
    assert [repr(v) for v in rounded(values4, 4).tolist()] == [repr(round(float(v), 4)) for v in values4]


def test_polygon_coordinates_are_rounded_counter_clockwise_with_holes():
    shell = [(0.1234567, 0.0), (0.0, 1.7654321), (1.0, 1.0), (1.0, 0.0)]   # clockwise
    hole = [(0.2, 0.2), (0.4, 0.2), (0.4, 0.4), (0.2, 0.4)]                 # counter-clockwise
    out = rfc7946(Polygon(shell, [hole]))
    exterior, interior = out["coordinates"]
    assert exterior[0] == [0.123457, 0.0] and [0.0, 1.765432] in exterior
    assert exterior[1] == [1.0, 0.0]                 # reversed to counter-clockwise
    assert interior[1] == [0.2, 0.4]                 # holes clockwise


def test_cached_geometry_text_gives_the_same_collection(tmp_path):
    from geo.blobcache import BlobCache
    from geo.tables import CACHED_TEXT_FROM, feature_collection_text

    big = Point(44.0, 36.0).buffer(0.5, CACHED_TEXT_FROM)          # enough vertices to be cached
    rows = [{"holder": "ISIL", "km2": 12}, {"holder": "Iraq", "km2": 3}]
    geoms = [big, box(40, 30, 41, 31)]
    plain_text = feature_collection_text(rows, geoms, ["holder", "km2"])
    assert json.loads(plain_text)["features"][0]["properties"] == {"holder": "ISIL", "km2": 12}
    texts = BlobCache(tmp_path / "texts.sqlite")
    assert feature_collection_text(rows, geoms, ["holder", "km2"], texts=texts) == plain_text
    texts.save()
    texts.close()
    again = BlobCache(tmp_path / "texts.sqlite")
    assert again.get(next(iter(_keys(tmp_path / "texts.sqlite")))) is not None
    assert feature_collection_text(rows, geoms, ["holder", "km2"], texts=again) == plain_text


def _keys(path):
    return [k for (k,) in sqlite3.connect(path).execute("SELECT key FROM blobs")]


def test_a_country_with_no_area_left_is_kept_too(tmp_path):
    path = tmp_path / "areas.sqlite"
    cache = AreaCache(path)
    cache.get("empty", lambda: {})
    cache.save()
    cache.close()
    computed = []
    assert AreaCache(path).get("empty", lambda: computed.append(1) or {"X": box(0, 0, 1, 1)}) == {}
    assert computed == []


def test_point_text_is_what_json_gives():
    from geo.tables import _geometry_text

    for point in (Point(43.1234565, 36.0), Point(-0.0000001, 1e-7), Point(180, -90), Point(),
                  Point(1.5, 2.5, 3.5), Point(float("nan"), 1.0)):
        assert _geometry_text(point, None) == json.dumps(rfc7946(point))
