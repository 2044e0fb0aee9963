"""Tables and writers: events/places/bases/territory as GeoDataFrames, written as RFC 7946
GeoJSON, CSV or GeoPackage (atomic writes), with the filters of `geo export`.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import shape

from geo.actors import ActorLexicon, load_actors
from geo.atomic import write_text
from geo.errors import ExportError
from geo.model import Event
from geo.tables import (BASE_COLUMNS, EVENT_COLUMNS, TERRITORY_COLUMNS, event_rows,
                        feature_collection_text, point_of, write_csv_rows)

LAYERS = ("events", "places", "bases", "territory")
FORMATS = ("geojson", "csv", "gpkg")
CRS = "EPSG:4326"


def frame(rows: list[dict], columns: list[str] | None = None, geometry: list | None = None) -> gpd.GeoDataFrame:
    """A GeoDataFrame in EPSG:4326; point geometry from lat/lon unless `geometry` is given."""
    df = pd.DataFrame(rows, columns=columns) if columns else pd.DataFrame(rows)
    if geometry is None:
        geometry = [point_of(r) for r in rows]
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)


def events_frame(events: list[Event], actors: ActorLexicon | None = None) -> gpd.GeoDataFrame:
    return frame(event_rows(events, actors), EVENT_COLUMNS)


# --- filters ----------------------------------------------------------------------------------

ACTOR_COLUMNS = ("actor", "holder", "users", "target")


def date_columns(gdf: gpd.GeoDataFrame) -> tuple[str | None, str | None]:
    """The (start, end) period columns of a layer: date_start/date_end or start/end."""
    start = "date_start" if "date_start" in gdf.columns else ("start" if "start" in gdf.columns else None)
    end = "date_end" if "date_end" in gdf.columns else ("end" if "end" in gdf.columns else None)
    return start, end


def actor_names(values) -> list[str]:
    """The actors of a cell ("United States; France" -> both)."""
    return [x.strip() for x in str(values or "").split(";") if x.strip()]


def filter_frame(gdf: gpd.GeoDataFrame, *, year: int | None = None, actor: str | None = None,
                 event_type: str | None = None, date_from: str | None = None,
                 date_to: str | None = None) -> gpd.GeoDataFrame:
    """Keep rows whose period touches the filters (year, from/to ISO dates), actor and type."""
    out = gdf
    start_col, end_col = date_columns(out)
    lo = iso_date(date_from, "--from") if date_from else None
    hi = iso_date(date_to, "--to") if date_to else None
    if year is not None:
        lo = max(lo or date.min, date(year, 1, 1))
        hi = min(hi or date.max, date(year, 12, 31))
    if (lo or hi) and start_col:
        starts = out[start_col].fillna("").astype(str)
        ends = out[end_col].fillna("").astype(str) if end_col else starts
        ends = ends.where(ends != "", starts)
        keep = starts != ""
        if hi:
            keep &= starts <= hi.isoformat()
        if lo:
            keep &= (ends >= lo.isoformat()) | (ends == "")
        out = out[keep]
    if actor:
        name = load_actors().normalize(actor) or actor
        cols = [c for c in ACTOR_COLUMNS if c in out.columns]
        if not cols:
            raise ExportError("--actor does not apply to this layer")
        keep = pd.Series(False, index=out.index)
        for c in cols:
            keep |= out[c].apply(lambda v: name in actor_names(v))
        out = out[keep]
    if event_type:
        if "event_type" not in out.columns:
            raise ExportError("--type applies to the events layer only")
        out = out[out["event_type"] == event_type]
    return out


def iso_date(value: str, flag: str) -> date:
    """A --from/--to value (YYYY, YYYY-MM or YYYY-MM-DD) as the first day it names."""
    try:
        if len(value) == 4:
            return date(int(value), 1, 1)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:]), 1)
        return date.fromisoformat(value)
    except ValueError as error:
        raise ExportError(f"{flag} {value!r} is not an ISO date (YYYY-MM-DD)") from error


# --- writers ----------------------------------------------------------------------------------

def geojson_text(gdf: gpd.GeoDataFrame, *, keep_null: bool = False) -> str:
    """RFC 7946 FeatureCollection: lon/lat, no crs member, right-hand polygons, flat properties."""
    cols = [c for c in gdf.columns if c != gdf.geometry.name]
    rows = [dict(zip(cols, values)) for values in gdf[cols].itertuples(index=False, name=None)]
    return feature_collection_text(rows, list(gdf.geometry), cols, keep_null)


def write_geojson(gdf: gpd.GeoDataFrame, path: str | os.PathLike, *, keep_null: bool = False) -> Path:
    write_text(path, geojson_text(gdf, keep_null=keep_null))
    return Path(path)


def write_csv(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """CSV without geometry, cells neutralised against formula injection (`geo.tables.safe_cell`)."""
    table = pd.DataFrame(df.drop(columns=[df.geometry.name]) if isinstance(df, gpd.GeoDataFrame) else df)
    columns = [str(c) for c in table.columns]
    rows = [dict(zip(columns, values)) for values in table.itertuples(index=False, name=None)]
    return write_csv_rows(path, rows, columns)


def write_gpkg(gdf: gpd.GeoDataFrame, path: str | os.PathLike, layer: str) -> Path:
    """GeoPackage in EPSG:4326, written beside the target and renamed (atomic)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    out = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty].copy()
    out = out.set_crs(CRS, allow_override=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".gpkg", dir=target.parent)
    os.close(fd)
    Path(tmp).unlink()
    try:
        out.to_file(tmp, layer=layer, driver="GPKG", engine="pyogrio")
        os.replace(tmp, target)
    except Exception as error:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write GeoPackage {target.name}: {error}") from error
    return target


def rows_written(gdf: gpd.GeoDataFrame, fmt: str) -> int:
    """How many rows `write_layer` puts in the file: GeoJSON and GeoPackage leave out rows
    without a geometry (unresolved places), CSV keeps them."""
    if fmt == "csv":
        return len(gdf)
    return int((gdf.geometry.notna() & ~gdf.geometry.is_empty).sum())


def write_layer(gdf: gpd.GeoDataFrame, path: str | os.PathLike, fmt: str, layer: str) -> Path:
    """Write one layer in `fmt` (geojson, csv, gpkg)."""
    if fmt == "geojson":
        return write_geojson(gdf, path)
    if fmt == "csv":
        return write_csv(gdf, path)
    if fmt == "gpkg":
        return write_gpkg(gdf, path, layer)
    raise ExportError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def read_geojson(path: str | os.PathLike) -> gpd.GeoDataFrame:
    """Read back a GeoJSON written here (used by tests and by `geo export` from a build folder)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = [f["properties"] for f in data["features"]]
    geoms = [shape(f["geometry"]) if f["geometry"] else None for f in data["features"]]
    return frame(rows, geometry=geoms)


__all__ = ["EVENT_COLUMNS", "BASE_COLUMNS", "TERRITORY_COLUMNS", "LAYERS", "FORMATS", "event_rows",
           "events_frame", "frame", "filter_frame", "geojson_text", "write_geojson", "write_csv",
           "write_gpkg", "write_layer", "read_geojson", "rows_written", "date_columns", "actor_names",
           "iso_date", "ACTOR_COLUMNS"]
