"""Admin-1 regions (governorates, provinces) of Iraq and Syria, for region-precision control.

Shapes: data/admin1/iraq_syria.geojson, Natural Earth 1:10m admin-1 (public domain), see
data/admin1/SOURCE.md. A region place from the gazetteer ("Nineveh Governorate", kind region)
is matched to the shape that contains its point and carries one of its names, so "Kurdistan
Region" (a point inside Erbil governorate) is not mistaken for Erbil governorate.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.prepared import prep

from geo import settings
from geo.model import Place

ADMIN1 = settings.DATA_DIR / "admin1" / "iraq_syria.geojson"
# Words that only say "this is a region": dropped before names are compared.
GENERIC = re.compile(r"\b(?:governorate|province|provinces|region|muhafazat)\b|^(?:al|as|ar|ad|an|at)[- ]",
                     re.IGNORECASE)


def _fold(name: str) -> str:
    text = GENERIC.sub(" ", name.casefold().replace("’", "'"))
    return re.sub(r"[^a-z0-9]+", "", text)


@lru_cache(maxsize=1)
def _shapes() -> tuple[tuple[str, str, frozenset[str], BaseGeometry], ...]:
    data = json.loads(ADMIN1.read_text(encoding="utf-8"))
    out = []
    for feat in data["features"]:
        p = feat["properties"]
        names = frozenset(_fold(n) for n in [p["name"], *p["names"].split("|")] if n)
        out.append((p["adm1_code"], p["country"], names, shape(feat["geometry"])))
    return tuple(out)


@lru_cache(maxsize=512)
def _match(place_id: str, name: str, country: str, lat: float, lon: float) -> BaseGeometry | None:
    point, folded = Point(lon, lat), _fold(name)
    for _code, iso, names, geom in _shapes():
        if iso == country and folded in names and geom.buffer(0.3).contains(point):
            return geom
    return None


def shape_of(place: Place) -> BaseGeometry | None:
    """The admin-1 shape a region place names, or None (not a region, or not one we have)."""
    if place.kind != "region":
        return None
    return _match(place.place_id, place.name, place.country, place.lat, place.lon)


@lru_cache(maxsize=64)
def _prepared(key: int, geom: BaseGeometry):  # noqa: ANN202 - shapely prepared geometry
    return prep(geom)


def contains(area: BaseGeometry, place: Place) -> bool:
    """True when the place's point lies inside the region."""
    return _prepared(id(area), area).contains(Point(place.lon, place.lat))


def all_regions() -> list[tuple[str, str, BaseGeometry]]:
    """(adm1 code, country, shape) of every region we have."""
    return [(code, iso, geom) for code, iso, _names, geom in _shapes()]
