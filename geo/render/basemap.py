"""Offline basemap: Natural Earth countries from the pinned world-atlas TopoJSON, as GeoJSON.

Decoded by geo.naturalearth and rounded to keep the HTML small, so the atlas shows borders
and coastlines with no tile server.
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import lru_cache
from pathlib import Path

from geo import atomic, naturalearth, settings

log = logging.getLogger(__name__)

# 50m reads well from world view down to a country; decimals keep the HTML small (~1 km).
RESOLUTION = "50m"
DECIMALS = 2


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
    arcs = [[(round(x, DECIMALS), round(y, DECIMALS)) for x, y in arc]
            for arc in naturalearth.decode_arcs(topology)]
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
    """World countries (id = ISO 3166 numeric code, properties.name) from world-atlas.
    Decoding takes about a second; the result is kept as JSON in the cache folder, keyed by
    the TopoJSON file and this module, and decoded again if that file is missing or bad."""
    cached = _cache_file(resolution)
    if cached is not None:
        try:
            decoded = json.loads(cached.read_text(encoding="utf-8"))
            if isinstance(decoded, dict) and isinstance(decoded.get("features"), list):
                return decoded
        except (OSError, ValueError):
            pass
    decoded = topology_to_geojson(naturalearth.load_topology(resolution), "countries")
    if cached is not None:
        try:
            atomic.write_text(cached, json.dumps(decoded, ensure_ascii=False, separators=(",", ":")))
        except OSError as error:
            log.info("basemap cache not written: %s", error)
    return decoded


def _cache_file(resolution: str) -> Path | None:
    """Where the decoded basemap is kept: named by the hash of its source and decoder."""
    source = settings.NODE_MODULES / naturalearth.TOPOJSON_NAME.format(resolution=resolution)
    try:
        digest = hashlib.sha256(source.read_bytes())
    except OSError:
        return None                 # load_topology says what is missing
    digest.update(Path(__file__).read_bytes())
    return settings.CACHE_DIR / f"basemap-{resolution}-{digest.hexdigest()[:16]}.json"
