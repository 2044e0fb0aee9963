"""Contiguous control areas from the control timeline: a tessellation of held places.

Method (documented in the README): on a given day every held place is a seed. Per country, the
seeds' Voronoi cells are computed in a Lambert azimuthal equal-area projection centred on the
region (LAEA), each cell clipped to the country (Natural Earth 1:50m) and to a disc of CAP_KM
around its seed (by place kind), and the cells are merged by holder. A governorate held at
region precision ("ISIL controlled Anbar") covers its admin-1 shape except the cells of places
inside it that another holder holds. So neighbouring places of different holders meet at a line
halfway between them (the drawn front), and nothing is drawn further than CAP_KM from a place a
document names. Areas are measured in the same equal-area projection (km²).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import MultiPoint, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geo import naturalearth
from geo.territory import regions
from geo.territory.areacache import AreaCache, area_key
from geo.territory.timeline import Control

LAEA = "+proj=laea +lat_0=34 +lon_0=40 +datum=WGS84 +units=m +no_defs"
# How far control is drawn from a named place at most (km), by the place's kind.
CAP_KM = {"city": 50, "town": 30, "village": 20, "dam": 15, "airbase": 15, "camp": 10,
          "mountain": 25, "region": 60, "other": 20}

_to_laea = Transformer.from_crs("EPSG:4326", LAEA, always_xy=True).transform
_to_wgs = Transformer.from_crs(LAEA, "EPSG:4326", always_xy=True).transform


def _vectorised(fn):  # noqa: ANN001, ANN202
    return lambda xy: np.column_stack(fn(xy[:, 0], xy[:, 1]))


def to_laea(geom: BaseGeometry) -> BaseGeometry:
    """WGS84 longitude/latitude -> the equal-area projection (metres)."""
    return shapely.transform(geom, _vectorised(_to_laea))


def to_wgs84(geom: BaseGeometry) -> BaseGeometry:
    """The equal-area projection -> WGS84 longitude/latitude."""
    return shapely.transform(geom, _vectorised(_to_wgs))


@lru_cache(maxsize=64)
def _border(iso: str) -> BaseGeometry | None:
    border = naturalearth.country(iso) if iso else None
    return to_laea(border).buffer(0) if border is not None else None


@lru_cache(maxsize=64)
def _region(code: str) -> BaseGeometry:
    for c, _iso, geom in regions.all_regions():
        if c == code:
            return to_laea(geom).buffer(0)
    raise KeyError(code)


def _cells(seeds: list[tuple[Point, str, str]], border: BaseGeometry | None) -> list[tuple[str, BaseGeometry]]:
    """(holder, clipped cell) per seed: Voronoi within the country, capped around the seed."""
    unique: dict[tuple[float, float], tuple[Point, str, str]] = {}
    for seed in seeds:
        unique.setdefault((round(seed[0].x), round(seed[0].y)), seed)
    seeds = list(unique.values())
    caps = [pt.buffer(CAP_KM.get(kind, 20) * 1000, 32) for pt, _h, kind in seeds]
    if len(seeds) == 1:
        cells = caps
    else:
        frame = MultiPoint([s[0] for s in seeds]).envelope.buffer(200_000)
        voronoi = shapely.voronoi_polygons(MultiPoint([s[0] for s in seeds]), extend_to=frame, ordered=True)
        cells = [cell.intersection(cap) for cell, cap in zip(voronoi.geoms, caps)]
    out = []
    for (_pt, holder, _kind), cell in zip(seeds, cells):
        if border is not None:
            cell = cell.intersection(border)
        if not cell.is_empty:
            out.append((holder, cell))
    return out


def areas_laea(held: list[Control], cache: AreaCache | None = None) -> dict[str, BaseGeometry]:
    """holder -> area (LAEA metres) for the places and regions held on one day. Each country's
    areas come from `cache` when its seeds were tessellated before (this build or, with a
    cache on disk, an earlier one)."""
    cache = cache or AreaCache(None)
    by_country: dict[str, list[tuple[float, float, str, str]]] = {}
    held_regions: list[tuple[str, str]] = []
    for c in held:
        shape = regions.shape_of(c.place)
        if shape is not None:
            held_regions.append((_code_of(shape), c.holder))
            continue
        if c.place.kind == "country":
            continue
        by_country.setdefault(c.place.country, []).append((*_laea_point(c.place.lon, c.place.lat),
                                                           c.holder, c.place.kind))
    parts: dict[str, list[BaseGeometry]] = {}
    for iso, seeds in by_country.items():
        seeds = tuple(seeds)
        areas = cache.get(area_key(iso, seeds), lambda: _country_areas(iso, seeds))
        for holder, area in areas.items():
            parts.setdefault(holder, []).append(area)
    merged = {h: _join_countries(p) for h, p in parts.items()}
    for code, holder in held_regions:
        area = _region(code)
        # only the other holders' areas inside the region's frame can cut it: clipped to it
        # first, the union is of small pieces instead of whole countries' areas
        box = list(area.bounds)
        frame = shapely.box(*box)
        others = [g.intersection(frame) for h, g in merged.items() if h != holder and _boxes_meet(box, list(g.bounds))]
        others = [g for g in others if not g.is_empty]
        if others:
            area = area.difference(unary_union(others))
        merged[holder] = _join_countries([merged[holder], area]) if holder in merged else area
    return {h: g for h, g in merged.items() if not g.is_empty}


@lru_cache(maxsize=65536)
def _laea_point(lon: float, lat: float) -> tuple[float, float]:
    return _to_laea(lon, lat)     # a held place recurs month after month: project it once


def _join_countries(parts: list[BaseGeometry]) -> BaseGeometry:
    """One holder's areas in several countries as one geometry. Only parts whose bounding
    boxes meet (neighbouring countries) are unioned; the others are disjoint and are gathered
    as they are, which gives the same area for a fraction of the cost."""
    if len(parts) == 1:
        return parts[0]
    groups: list[tuple[list[float], list[BaseGeometry]]] = []
    for part in parts:
        box = list(part.bounds)
        joined = [g for g in groups if _boxes_meet(g[0], box)]
        for g in joined:
            groups.remove(g)
            box = [min(box[0], g[0][0]), min(box[1], g[0][1]), max(box[2], g[0][2]), max(box[3], g[0][3])]
        groups.append((box, [p for g in joined for p in g[1]] + [part]))
    pieces = [members[0] if len(members) == 1 else unary_union(members) for _box, members in groups]
    if len(pieces) == 1:
        return pieces[0]
    polygons = [p for piece in pieces for p in getattr(piece, "geoms", [piece]) if isinstance(p, Polygon)]
    return MultiPolygon(polygons)


def _boxes_meet(a: list[float], b: list[float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _country_areas(iso: str, seeds: tuple[tuple[float, float, str, str], ...]) -> dict[str, BaseGeometry]:
    """holder -> union of its cells inside one country (seeds: LAEA x, y, holder, place kind)."""
    parts: dict[str, list[BaseGeometry]] = {}
    for holder, cell in _cells([(Point(x, y), h, kind) for x, y, h, kind in seeds], _border(iso)):
        parts.setdefault(holder, []).append(cell)
    return {h: unary_union(p) for h, p in parts.items()}


def _code_of(shape: BaseGeometry) -> str:
    for code, _iso, geom in regions.all_regions():
        if geom is shape:
            return code
    raise KeyError("region shape not from regions.all_regions()")


def km2(geom: BaseGeometry) -> float:
    """Area in km² of a geometry already in the equal-area projection."""
    return geom.area / 1e6


def held_on(lines: dict[str, list[Control]], day: date, drawn: callable) -> list[Control]:
    """The periods valid on `day` whose holder gets an area (`drawn(holder)`)."""
    out = []
    for periods in lines.values():
        for c in periods:
            if c.start <= day and (c.end is None or c.end >= day) and drawn(c.holder):
                out.append(c)
                break
    return out
