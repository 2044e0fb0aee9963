"""Compact, JSON-ready payloads for the atlas layers (columnar, so 100k events stay small).

Text from documents goes into these payloads as plain strings: the browser side only ever
puts them into the page with textContent, and the JSON is escaped for <script> embedding.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from functools import lru_cache
from typing import Any

import pandas as pd
from shapely.geometry import mapping

from geo import settings
from geo.render.labels import date_label, parse_iso, year_of
from geo.render.palette import color_for
from geo.tables import polygon_coords

EPOCH = dt.date(1970, 1, 1)
THEATRES = ("Iraq", "Syria", "Libya", "Nigeria", "Afghanistan")
INVOLVEMENT_KINDS = ("military", "military_aid", "intelligence", "humanitarian")


@lru_cache(maxsize=1)
def layer_table() -> dict[str, dict[str, Any]]:
    """event_type → layer key, label and marker style, from data/map_layers.csv."""
    with open(settings.DATA_DIR / "map_layers.csv", encoding="utf-8", newline="") as handle:
        return {row["event_type"]: row for row in csv.DictReader(handle)}


def event_layers() -> list[dict[str, Any]]:
    """The point layers in display order, each with its key, label and marker style."""
    seen: dict[str, dict[str, Any]] = {}
    for row in layer_table().values():
        seen.setdefault(row["layer"], {
            "key": row["layer"], "label": row["layer_label"], "radius": float(row["radius"]),
            "fillOpacity": float(row["fill_opacity"]), "weight": float(row["weight"]),
        })
    return list(seen.values())


def _text(value: Any) -> str:
    """A cell as plain text ("" for missing values)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    return str(value).strip()


def _int(value: Any, default: int = 1) -> int:
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return default
    return number


class _Interner:
    """Strings → small integers, so repeated values (places, actors, dates) are stored once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.values: list[str] = []

    def __call__(self, value: str) -> int:
        if value not in self.index:
            self.index[value] = len(self.values)
            self.values.append(value)
        return self.index[value]


def _col(frame: pd.DataFrame, name: str) -> list[str]:
    if name not in frame.columns:
        return [""] * len(frame)
    return [_text(v) for v in frame[name].tolist()]


def _coords(frame: pd.DataFrame) -> tuple[list[float | None], list[float | None]]:
    """lat/lon per row from the Point geometry, else the lat/lon columns."""
    lats: list[float | None] = []
    lons: list[float | None] = []
    geoms = frame.geometry.tolist() if "geometry" in frame.columns else [None] * len(frame)
    lat_col = frame["lat"].tolist() if "lat" in frame.columns else [None] * len(frame)
    lon_col = frame["lon"].tolist() if "lon" in frame.columns else [None] * len(frame)
    for geom, lat, lon in zip(geoms, lat_col, lon_col):
        if geom is not None and not getattr(geom, "is_empty", True) and geom.geom_type == "Point":
            lat, lon = geom.y, geom.x
        try:
            lat, lon = float(lat), float(lon)
        except (TypeError, ValueError):
            lat = lon = None
        if lat is None or math.isnan(lat) or math.isnan(lon):
            lats.append(None)
            lons.append(None)
        else:
            lats.append(round(lat, 4))
            lons.append(round(lon, 4))
    return lats, lons


def _year_key(year: str) -> tuple[int, str]:
    return (1, year) if not year.isdigit() else (0, year.zfill(4))


def events_payload(events: pd.DataFrame, actors: "ActorTable") -> dict[str, Any]:
    """Columnar event data for the point layers; rows without coordinates are counted, not drawn."""
    table = layer_table()
    layers = event_layers()
    layer_index = {layer["key"]: i for i, layer in enumerate(layers)}
    lats, lons = _coords(events)
    cols = {name: _col(events, name) for name in (
        "event_id", "doc", "line", "date_start", "date_end", "date_precision", "event_type",
        "actor", "target", "place", "country", "geo_precision", "holder_after", "sources",
        "conflicts", "evidence", "source_refs", "actor_color")}
    strings = _Interner()
    years = sorted({year_of(d) for d, lat in zip(cols["date_start"], lats) if lat is not None},
                   key=_year_key)
    year_index = {y: i for i, y in enumerate(years)}
    out: dict[str, list] = {k: [] for k in (
        "id", "lat", "lon", "layer", "type", "year", "day", "dayEnd", "actor", "date", "place", "target",
        "country", "geo", "holder", "sources", "conflicts", "evidence", "refs")}
    undrawn = 0
    for i, (lat, lon) in enumerate(zip(lats, lons)):
        if lat is None:
            undrawn += 1
            continue
        etype = cols["event_type"][i] or "other"
        layer = table.get(etype, table["other"])["layer"]
        refs = cols["source_refs"][i] or ":".join(x for x in (cols["doc"][i], cols["line"][i]) if x)
        out["id"].append(cols["event_id"][i] or str(i))
        out["lat"].append(lat)
        out["lon"].append(lon)
        out["layer"].append(layer_index[layer])
        out["type"].append(strings(etype.replace("_", " ")))
        out["year"].append(year_index[year_of(cols["date_start"][i])])
        first = parse_iso(cols["date_start"][i])  # days since 1970 for "events up to the slider"
        out["day"].append((first - EPOCH).days if first else None)
        last = parse_iso(cols["date_end"][i]) or first   # "points follow the slider" by the whole span
        out["dayEnd"].append((last - EPOCH).days if last else None)
        out["actor"].append(actors.add(cols["actor"][i] or "unknown actor", cols["actor_color"][i]))
        out["date"].append(strings(date_label(cols["date_start"][i], cols["date_end"][i],
                                              cols["date_precision"][i])))
        out["place"].append(strings(cols["place"][i]))
        out["target"].append(strings(cols["target"][i]))
        out["country"].append(strings(cols["country"][i]))
        out["geo"].append(strings(cols["geo_precision"][i]))
        out["holder"].append(strings(cols["holder_after"][i]))
        out["sources"].append(_int(cols["sources"][i]))
        out["conflicts"].append(cols["conflicts"][i])
        out["evidence"].append(cols["evidence"][i])
        out["refs"].append(refs)
    return {"layers": layers, "years": years, "strings": strings.values, "cols": out,
            "undrawn": undrawn}


class ActorTable:
    """Actors in first-seen order with one colour each (the data's colour, else the palette)."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.rows: list[dict[str, str]] = []

    def add(self, name: str, color: str = "") -> int:
        if name not in self.index:
            self.index[name] = len(self.rows)
            self.rows.append({"name": name, "color": color_for(name, color)})
        return self.index[name]

    def sorted_rows(self) -> list[dict[str, Any]]:
        """Rows for the filter control: alphabetical, each keeping its payload index."""
        return sorted(({"i": i, **row} for i, row in enumerate(self.rows)),
                      key=lambda r: r["name"].casefold())


def bases_payload(bases: pd.DataFrame, actors: ActorTable) -> list[dict[str, Any]]:
    """One record per air base: place, users (actor indexes), period and sources."""
    lats, lons = _coords(bases)
    cols = {n: _col(bases, n) for n in ("name", "country", "kind", "users", "start", "end",
                                         "sources", "source_refs", "evidence")}
    records = []
    for i, (lat, lon) in enumerate(zip(lats, lons)):
        if lat is None:
            continue
        users = [u.strip() for u in cols["users"][i].split(";") if u.strip()]
        start, end = parse_iso(cols["start"][i]), parse_iso(cols["end"][i])
        records.append({
            "name": cols["name"][i], "lat": lat, "lon": lon, "kind": cols["kind"][i],
            "country": cols["country"][i], "users": [actors.add(u) for u in users],
            "period": _period(cols["start"][i], cols["end"][i]),
            "y0": start.year if start else None, "y1": end.year if end else None,
            "sources": _int(cols["sources"][i]), "refs": cols["source_refs"][i],
            "evidence": cols["evidence"][i],
        })
    return records


def _period(start: str, end: str) -> str:
    a, b = parse_iso(start), parse_iso(end)
    if not a and not b:
        return "period unknown"
    left = date_label(start, start, "day") if a else "?"
    right = date_label(end, end, "day") if b else "ongoing"
    return f"{left} \u2013 {right}"


def territory_geojson(territory: pd.DataFrame, t0: str, t1: str) -> dict[str, Any]:
    """Territory features for Leaflet.timeline: holder, colour and a closed [start, end] period.

    A missing start means "from the beginning of the data" (t0); a missing end means "still
    held" (t1), so every feature has an interval the slider can compare.
    """
    features = []
    if len(territory) and "geometry" in territory.columns:
        cols = {n: _col(territory, n) for n in ("holder", "side", "color", "start", "end",
                                                 "source_refs", "km2")}
        for i, geom in enumerate(territory.geometry.tolist()):
            if geom is None or geom.is_empty:
                continue
            holder = cols["holder"][i] or "unknown"
            first, last = parse_iso(cols["start"][i]), parse_iso(cols["end"][i])
            # Whole days in UTC: the end date is the last day the holder held the place.
            start = f"{(first.isoformat() if first else t0)}T00:00:00Z"
            end = f"{(last.isoformat() if last else t1)}T23:59:59Z"
            features.append({"type": "Feature", "geometry": rounded_geometry(geom),
                             "properties": {
                                 "holder": holder, "side": cols["side"][i],
                                 "color": color_for(holder, cols["color"][i]),
                                 "start": start, "end": end,
                                 "period": _period(cols["start"][i], cols["end"][i]),
                                 "refs": cols["source_refs"][i], "km2": _km2(cols["km2"][i], geom)}})
    return {"type": "FeatureCollection", "features": features}


def _km2(value: str, geom) -> float | None:  # noqa: ANN001 - shapely geometry
    """The feature's km² as written, else measured now (equal-area projection); points: None."""
    try:
        return round(float(value))
    except (TypeError, ValueError):
        pass
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    from geo.territory.areas import km2, to_laea

    return round(km2(to_laea(geom)))


def rounded_geometry(geom) -> dict[str, Any]:  # noqa: ANN001 - shapely geometry
    """GeoJSON-like {"type", "coordinates"} with x, y rounded to 4 decimals (Leaflet draws no
    finer), in the geometry's own ring order. Polygons, the whole of a territory layer, are
    converted with numpy at once (a layer has millions of vertices); other types one by one."""
    parts = getattr(geom, "geoms", [geom]) if geom.geom_type == "MultiPolygon" else [geom]
    if geom.geom_type not in ("Polygon", "MultiPolygon") or any(p.is_empty for p in parts):
        return _round_geometry(mapping(geom))
    polygons = polygon_coords(parts, digits=4, keep_z=False)
    return {"type": geom.geom_type, "coordinates": polygons if geom.geom_type == "MultiPolygon" else polygons[0]}


def _round_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    def walk(c: Any) -> Any:
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(float(c[0]), 4), round(float(c[1]), 4)]
        return [walk(x) for x in c]
    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def involvement_payload(involvement: pd.DataFrame | None) -> list[dict[str, Any]]:
    """Involvement rows keyed by ISO 3166 numeric id (world-atlas ids) for the choropleth."""
    if involvement is None or len(involvement) == 0:
        return []
    import pycountry

    rows = []
    for record in involvement.to_dict("records"):
        iso = _text(record.get("iso_a2")).upper()
        country = pycountry.countries.get(alpha_2=iso) if len(iso) == 2 else None
        flags = {k: _truthy(record.get(k)) for k in INVOLVEMENT_KINDS}
        rows.append({"id": country.numeric if country else "", "iso": iso,
                     "country": _text(record.get("country")),
                     "theatre": _text(record.get("theatre")), **flags})
    return rows


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "y", "x"}
    try:
        return bool(value) and not (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return False
