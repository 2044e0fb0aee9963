"""Offline basemap: Natural Earth countries from the pinned world-atlas TopoJSON, as GeoJSON.

A tiny TopoJSON decoder (arcs, quantization transform, reversed arcs) so the atlas shows
borders and coastlines with no tile server and no extra Python dependency.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from geo.errors import AssetError
from geo import settings

# 50m reads well from world view down to a country; decimals keep the HTML small (~1 km).
RESOLUTION = "50m"
DECIMALS = 2


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Undo delta encoding and quantization of every arc."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x += dx
                y += dy
                points.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
        else:
            points = [(round(px, DECIMALS), round(py, DECIMALS)) for px, py, *_ in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """Join arcs into one ring; a negative index ~i means arc i reversed."""
    coords: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[~index][::-1] if index < 0 else arcs[index]
        coords.extend(points[1:] if coords else points)
    # Drop consecutive duplicates the rounding created (keeps the ring closed), and unwrap
    # longitudes across the antimeridian (Russia, Fiji): a jump of 180+ degrees would draw
    # as a line across the whole map in Leaflet's flat projection.
    ring: list[list[float]] = []
    shift = 0.0
    for x, y in coords:
        if ring:
            step = x + shift - ring[-1][0]
            if step > 180:
                shift -= 360
            elif step < -180:
                shift += 360
        point = [round(x + shift, DECIMALS), y]
        if not ring or point != ring[-1]:
            ring.append(point)
    return ring


def topology_to_geojson(topology: dict, name: str) -> dict:
    """Decode object `name` of a TopoJSON topology to a GeoJSON FeatureCollection."""
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates = [_ring(r, arcs) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue  # null geometries (none in world-atlas countries) carry nothing to draw
        features.append({
            "type": "Feature",
            "id": geometry.get("id"),
            "properties": {"name": geometry.get("properties", {}).get("name", "")},
            "geometry": {"type": kind, "coordinates": coordinates},
        })
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=2)
def countries(resolution: str = RESOLUTION) -> dict:
    """World countries (id = ISO 3166 numeric code, properties.name) from world-atlas."""
    path = Path(settings.NODE_MODULES) / "world-atlas" / f"countries-{resolution}.json"
    if not path.is_file():
        raise AssetError(f"basemap file missing: {path} (run `npm ci`)")
    return topology_to_geojson(json.loads(path.read_text(encoding="utf-8")), "countries")
