"""User control polygons (`geo build --control FILE.geojson`): holder, start, end per feature."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from shapely.geometry import shape

from geo.errors import InputError


def load_user_polygons(path: str | Path) -> list[dict]:
    """Read a GeoJSON FeatureCollection of control polygons with holder, start, end."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"cannot read control polygons {Path(path).name}: {error}") from error
    out = []
    for i, feat in enumerate(data.get("features", [])):
        props = feat.get("properties") or {}
        try:
            start = date.fromisoformat(str(props["start"])[:10])
            end = date.fromisoformat(str(props["end"])[:10]) if props.get("end") else date.max
            out.append({"holder": str(props["holder"]), "start": start, "end": end,
                        "geometry": shape(feat["geometry"]), "ref": f"{Path(path).name}#{i}"})
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            raise InputError(f"control polygon {i} in {Path(path).name}: needs holder, start, end "
                             f"and a geometry ({error})") from error
    return out
