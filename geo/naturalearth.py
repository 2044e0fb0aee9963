"""Natural Earth country shapes from the pinned world-atlas TopoJSON, as shapely geometries.

Used to clip derived control areas to land and country borders. Decoding TopoJSON is a few
lines (delta-encoded quantised arcs), so no extra dependency is needed.
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

TOPOJSON = "world-atlas/countries-50m.json"


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for i in indexes:
        part = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        ring.extend(part if not ring else part[1:])
    return ring


def _polygon(rings: list[list[int]], arcs) -> Polygon | None:
    coords = [_ring(r, arcs) for r in rings]
    coords = [c for c in coords if len(c) >= 4]
    if not coords:
        return None
    return Polygon(coords[0], coords[1:])


@lru_cache(maxsize=1)
def countries() -> dict[str, BaseGeometry]:
    """ISO 3166-1 alpha-2 code -> country geometry (WGS84 lon/lat)."""
    path = settings.NODE_MODULES / TOPOJSON
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AssetError(f"Natural Earth countries not found at {path.name}: run npm ci") from error
    arcs = _arcs(topology)
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
