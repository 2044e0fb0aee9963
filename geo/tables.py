"""Output rows and their writers without pandas: the contract's columns, RFC 7946 GeoJSON and CSV.

`geo build --no-map` writes everything from plain rows (pandas/geopandas cost more to import
than the whole default build); `geo.export` builds GeoDataFrames on top of the same rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import GeometryCollection, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from geo import settings
from geo.actors import ActorLexicon, load_actors
from geo.atomic import open_text, write_text
from geo.blobcache import BlobCache
from geo.events.merge import source_count
from geo.model import Event

EVENT_COLUMNS = [
    "event_id", "doc", "line", "date_start", "date_end", "date_precision", "event_type", "actor",
    "target", "place", "place_id", "country", "lat", "lon", "geo_precision", "holder_after",
    "sources", "conflicts", "evidence", "source_refs", "actor_side", "actor_color",
]
BASE_COLUMNS = ["name", "place_id", "country", "kind", "users", "start", "end", "sources",
                "source_refs", "evidence"]
TERRITORY_COLUMNS = ["holder", "side", "color", "start", "end", "source_refs", "km2"]
CONTROL_COLUMNS = ["place", "place_id", "country", "holder", "start", "end", "source_refs", "rule",
                   "conflicts"]
AREA_COLUMNS = ["month", "holder", "side", "km2", "color"]   # territory.csv
UNRESOLVED_COLUMNS = ["name", "doc", "line", "context"]


def event_rows(events: list[Event], actors: ActorLexicon | None = None) -> list[dict]:
    """One flat row per (merged) event, in the events.csv column order."""
    return list(iter_event_rows(events, actors))


def iter_event_rows(events: Iterable[Event], actors: ActorLexicon | None = None) -> Iterator[dict]:
    """`event_rows` one by one."""
    actors = actors or load_actors()
    for ev in events:
        p = ev.place
        first = ev.sources[0] if ev.sources else None
        yield {
            "event_id": ev.event_id,
            "doc": first.doc if first else "",
            "line": first.line if first else 0,
            "date_start": ev.date.start.isoformat(),
            "date_end": ev.date.end.isoformat(),
            "date_precision": ev.date.precision,
            "event_type": ev.event_type,
            "actor": ev.actor,
            "target": ev.target,
            "place": p.name if p else ev.place_text,
            "place_id": p.place_id if p else "",
            "country": p.country if p else "",
            "lat": round(p.lat, 6) if p else None,
            "lon": round(p.lon, 6) if p else None,
            "geo_precision": ev.geo_precision,
            "holder_after": ev.holder_after,
            "sources": source_count(ev),
            "conflicts": ev.conflicts,
            "evidence": ev.evidence,
            "source_refs": "; ".join(f"{s.doc}:{s.line}" for s in ev.sources),
            "actor_side": actors.side(ev.actor),
            "actor_color": actors.color(ev.actor) if ev.actor else actors.side_color("other"),
        }


def event_points(events: Iterable[Event]) -> Iterator[Point | None]:
    """`point_of` each event's row, without making the rows."""
    for ev in events:
        p = ev.place
        yield point_of({"lat": round(p.lat, 6), "lon": round(p.lon, 6)}) if p else None


def _num(v) -> bool:
    return v is not None and v != "" and not (isinstance(v, float) and math.isnan(v))


def point_of(row: dict) -> Point | None:
    """The lon/lat point of a row, or None when it has no coordinates (unresolved place)."""
    return Point(row["lon"], row["lat"]) if _num(row.get("lon")) and _num(row.get("lat")) else None


def rfc7946(geom: BaseGeometry | None) -> dict | None:
    """GeoJSON geometry: counter-clockwise exteriors (right-hand rule), 6 decimals, None if empty."""
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, Polygon):
        return {"type": "Polygon", "coordinates": polygon_coords([orient(geom, sign=1.0)])[0]}
    if isinstance(geom, MultiPolygon):
        return {"type": "MultiPolygon", "coordinates": polygon_coords([orient(p, sign=1.0) for p in geom.geoms])}
    if isinstance(geom, GeometryCollection):
        polys = [p for g in geom.geoms if isinstance(g, (Polygon, MultiPolygon))
                 for p in getattr(g, "geoms", [g])]
        return rfc7946(MultiPolygon(polys)) if polys else None
    return _round(mapping(geom))


def polygon_coords(polygons: list[Polygon], digits: int = 6, keep_z: bool = True) -> list:
    """GeoJSON coordinates of each polygon (rings of [x, y] rounded to `digits` like Python's
    `round`; z kept when any polygon has one and `keep_z`), all of them converted at once: a
    territory layer has millions of vertices."""
    rings = [ring for p in polygons for ring in (p.exterior, *p.interiors)]
    counts = shapely.get_num_coordinates(rings).tolist()
    include_z = keep_z and any(p.has_z for p in polygons)
    xy = rounded(shapely.get_coordinates(rings, include_z=include_z), digits).tolist()
    out, k, r = [], 0, 0
    for p in polygons:
        coords = []
        for _ in range(1 + len(p.interiors)):
            coords.append(xy[k:k + counts[r]])
            k += counts[r]
            r += 1
        out.append(coords)
    return out


def rounded6(values: np.ndarray) -> np.ndarray:
    """`round(v, 6)` of every value, vectorised and equal to Python's bit for bit (`rounded`)."""
    return rounded(values, 6)


def rounded(values: np.ndarray, digits: int) -> np.ndarray:
    """`round(v, digits)` of every value, vectorised and equal to Python's bit for bit: the
    scaled value is rounded to the nearest integer and divided back (both exact or correctly
    rounded IEEE steps); the few values whose scaled fraction lies near one half, where the
    scaling's own rounding could tip the result, and values near zero go through Python's `round`."""
    factor = 10.0 ** digits
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = values * factor
        out = np.rint(scaled) / factor
        fraction = np.abs(scaled - np.trunc(scaled))
        doubtful = (np.abs(fraction - 0.5) < 1e-3) | (np.abs(scaled) < 1.0) | ~np.isfinite(scaled)
    for index in zip(*np.nonzero(doubtful)):
        out[index] = round(float(values[index]), digits)
    return out


def _round(obj):
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, (list, tuple)):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def plain(v):
    """A JSON-safe flat value: NaN -> None, numpy scalars -> Python, dates -> ISO."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return v.item()
    if hasattr(v, "isoformat") and isinstance(v, date):
        return v.isoformat()[:10]
    return v


def feature_collection_text(rows: list[dict], geometries: list, columns: list[str] | None = None,
                            keep_null: bool = False, texts: BlobCache | None = None) -> str:
    """RFC 7946 FeatureCollection text: flat properties, no `crs`; rows without geometry dropped.
    The text is what json.dumps gives for the whole collection, put together feature by
    feature so that a big polygon's geometry text can come from `texts` (kept from an earlier
    build, keyed by the geometry's WKB)."""
    return "".join(feature_collection_pieces(rows, geometries, columns, keep_null, texts))


def feature_collection_pieces(rows: Iterable[dict], geometries: Iterable, columns: list[str] | None = None,
                              keep_null: bool = False, texts: BlobCache | None = None) -> Iterator[str]:
    """`feature_collection_text` in pieces, to write a big layer without holding its text."""
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for row, geom in zip(rows, geometries):
        g = _geometry_text(geom, texts)
        if g == "null" and not keep_null:
            continue
        cols = columns or [c for c in row if c != "geometry"]
        props = json.dumps({c: plain(row.get(c)) for c in cols}, ensure_ascii=False)
        yield f'{"" if first else ", "}{{"type": "Feature", "geometry": {g}, "properties": {props}}}'
        first = False
    yield "]}"


# Polygons with at least this many vertices have their GeoJSON text cached (a territory layer).
CACHED_TEXT_FROM = 2000


def _geometry_text(geom: BaseGeometry | None, texts: BlobCache | None) -> str:
    if type(geom) is Point:
        return _point_text(geom)
    if texts is None or not isinstance(geom, (Polygon, MultiPolygon)) \
            or shapely.get_num_coordinates(geom) < CACHED_TEXT_FROM:
        return json.dumps(rfc7946(geom))
    key = hashlib.sha256(_TEXT_METHOD + shapely.to_wkb(geom)).hexdigest()
    found = texts.get(key)
    if found is not None:
        return found.decode("utf-8")
    text = json.dumps(rfc7946(geom))
    texts.put(key, text.encode("utf-8"))
    return text


def _point_text(point: Point) -> str:
    """What json.dumps(rfc7946(point)) gives, without the generic conversion: an events layer
    has one point per event. json writes a finite float as its repr."""
    if not point.is_empty and not point.has_z:
        x, y = round(point.x, 6), round(point.y, 6)
        if math.isfinite(x) and math.isfinite(y):
            return f'{{"type": "Point", "coordinates": [{x!r}, {y!r}]}}'
    return json.dumps(rfc7946(point))


def geometry_text_cache() -> BlobCache:
    """The GeoJSON texts of big polygons kept between builds (geo.blobcache), in the cache folder."""
    return BlobCache(settings.CACHE_DIR / "territory" / f"geojson-text-v{TEXT_FORMAT}.sqlite")


TEXT_FORMAT = 1
# The texts depend on this module's code (rounding, orientation): its source is in every key.
_TEXT_METHOD = hashlib.sha256(Path(__file__).read_bytes()).digest()


def write_geojson_rows(path: str | os.PathLike, rows: list[dict], geometries: list,
                       columns: list[str] | None = None, texts: BlobCache | None = None) -> Path:
    with open_text(path) as handle:
        handle.writelines(feature_collection_pieces(rows, geometries, columns, texts=texts))
    return Path(path)


# OWASP "CSV Injection": a spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_RISKY_FIRST = frozenset(FORMULA_STARTS) | {"'"}   # first characters `_formula_like` may accept
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value):
    """One CSV cell, neutralised against formula injection (OWASP): a text cell starting with
    = + - @ tab or CR gets a leading apostrophe, which spreadsheets show as text. Numbers
    (Python or numpy numbers, and text that is exactly a number such as "-5.3") stay as they
    are, so lat/lon and counts remain numbers. Every CSV the tool writes passes through here."""
    kind = type(value)             # fast paths for the common cells of a big table
    if kind is str:
        return "'" + value if value[:1] in _RISKY_FIRST and _needs_apostrophe(value) else value
    if kind is int:
        return value
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, str) and _needs_apostrophe(value):
        return "'" + value
    return value


def _formula_like(text: str) -> bool:
    # Apostrophes are skipped so text that already looks neutralised ("'=x") gets one more
    # and `unneutralise` gives back exactly what was written.
    return text.lstrip("'").startswith(FORMULA_STARTS)


def _needs_apostrophe(text: str) -> bool:
    return _formula_like(text) and not _PLAIN_NUMBER.fullmatch(text)


def unneutralise(text: str) -> str:
    """The original text of a cell `safe_cell` neutralised (for reading our own CSV back)."""
    return text[1:] if text.startswith("'") and _formula_like(text) else text


class SafeCsvWriter:
    """A CSV writer of dict rows whose cells pass through `safe_cell` (header first, missing keys
    empty, other keys ignored).

    Python 3.11's csv module quotes a cell holding a newline but not one holding a bare CR when
    lines end in "\n", and such a row breaks in every reader; those rare rows are fully quoted."""

    def __init__(self, handle, columns: list[str]) -> None:
        self.columns = list(columns)
        self._writer = csv.writer(handle, lineterminator="\n")
        self._quoted = csv.writer(handle, quoting=csv.QUOTE_ALL, lineterminator="\n")
        self._writer.writerow(self.columns)

    def writerow(self, row: dict) -> None:
        cells = [safe_cell(row.get(c)) for c in self.columns]
        has_cr = any(isinstance(v, str) and "\r" in v for v in cells)
        (self._quoted if has_cr else self._writer).writerow(cells)


def csv_text(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = SafeCsvWriter(out, columns)
    for row in rows:
        writer.writerow(row)
    return out.getvalue()


def write_csv_rows(path: str | os.PathLike, rows: Iterable[dict], columns: list[str]) -> Path:
    """Write the rows as they come (mentions.csv of a big archive is never whole in memory)."""
    with open_text(path) as handle:
        writer = SafeCsvWriter(handle, columns)
        for row in rows:
            writer.writerow(row)
    return Path(path)
