"""Offline basemap: Natural Earth countries from the pinned world-atlas TopoJSON, as GeoJSON.

Decoded by geo.naturalearth and rounded to keep the HTML small, so the atlas shows borders
and coastlines with no tile server.
"""

from __future__ import annotations

from functools import lru_cache

from geo import naturalearth

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
    """World countries (id = ISO 3166 numeric code, properties.name) from world-atlas."""
    return topology_to_geojson(naturalearth.load_topology(resolution), "countries")
