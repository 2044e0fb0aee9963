"""Natural Earth country shapes from the pinned world-atlas TopoJSON, as shapely geometries.

The one TopoJSON decoder of the project: the basemap, the gazetteer's country points and the
clipping of control areas all use it. Decoding is a few lines (delta-encoded quantised arcs),
so no extra dependency is needed.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pycountry
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.validation import make_valid

from geo import settings
from geo.errors import AssetError

TOPOJSON_NAME = "world-atlas/countries-{resolution}.json"


@lru_cache(maxsize=2)
def load_topology(resolution: str = "50m") -> dict:
    """The world-atlas countries topology (an npm package: GEO_NODE_MODULES, or `npm ci` in a checkout)."""
    path = settings.NODE_MODULES / TOPOJSON_NAME.format(resolution=resolution)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        # territory areas need the country borders with or without the map: no --no-map way out
        raise AssetError("Natural Earth countries missing: "
                         + settings.node_modules_hint(TOPOJSON_NAME.format(resolution=resolution))) from error


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Undo the quantisation and delta encoding of every arc: lists of (lon, lat)."""
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        if not transform:
            out.append([(x, y) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def join_ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Join arcs into one ring; a negative index ~i means arc i reversed."""
    ring: list[tuple[float, float]] = []
    for i in indexes:
        part = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(part if not ring else part[1:])
    return ring


def representative_points(topology: dict, layer: str) -> dict[str, tuple[float, float]]:
    """Feature id -> (lat, lon): the centroid of its largest polygon, or a point inside it
    when the centroid falls outside (a crescent-shaped country or county)."""
    arcs = decode_arcs(topology)
    out: dict[str, tuple[float, float]] = {}
    for geom in topology["objects"][layer]["geometries"]:
        if geom.get("type") not in ("Polygon", "MultiPolygon") or "id" not in geom:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        best = None
        for poly in polys:
            coords = join_ring(poly[0], arcs)
            if len(coords) < 4:
                continue
            shape = Polygon(coords)
            if best is None or shape.area > best.area:
                best = shape
        if best is None or not best.is_valid:
            continue
        point = best.centroid if best.contains(best.centroid) else best.representative_point()
        out[str(geom["id"])] = (point.y, point.x)
    return out


def _polygon(rings: list[list[int]], arcs) -> Polygon | None:
    coords = [join_ring(r, arcs) for r in rings]
    coords = [c for c in coords if len(c) >= 4]
    if not coords:
        return None
    return Polygon(coords[0], coords[1:])


@lru_cache(maxsize=1)
def countries() -> dict[str, BaseGeometry]:
    """ISO 3166-1 alpha-2 code -> country geometry (WGS84 lon/lat)."""
    topology = load_topology()
    arcs = decode_arcs(topology)
    out: dict[str, BaseGeometry] = {}
    for geom in topology["objects"]["countries"]["geometries"]:
        code = _alpha2(geom.get("id"), geom.get("properties", {}).get("name", ""))
        if not code:
            continue
        if geom["type"] == "Polygon":
            parts = [_polygon(geom["arcs"], arcs)]
        elif geom["type"] == "MultiPolygon":
            parts = [_polygon(p, arcs) for p in geom["arcs"]]
        else:
            continue
        shape = make_valid(MultiPolygon([p for p in parts if p is not None]))
        out[code] = out[code].union(shape) if code in out else shape
    return out


def _alpha2(numeric: str | None, name: str) -> str:
    if numeric:
        found = pycountry.countries.get(numeric=str(numeric).zfill(3))
        if found:
            return found.alpha_2
    if name:
        try:
            return pycountry.countries.lookup(name).alpha_2
        except LookupError:
            return ""
    return ""


def country(iso_a2: str) -> BaseGeometry | None:
    """The shape of one country, or None if Natural Earth has no such code."""
    return countries().get(iso_a2.upper())
