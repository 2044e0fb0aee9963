"""Read the exports `geo build` wrote and narrow them by year, actor and layer for `geo map`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.errors import ExportError, InputError
from geo.render.labels import parse_iso, year_of
from geo.render.layers import layer_table
from geo.tables import unneutralise

# Layer names `geo map --layer` accepts: the point layers of data/map_layers.csv plus these.
AREA_LAYERS = ("territory", "involvement")


@dataclass
class AtlasInputs:
    events: gpd.GeoDataFrame
    bases: gpd.GeoDataFrame
    territory: gpd.GeoDataFrame
    involvement: pd.DataFrame | None


def layer_names() -> list[str]:
    """Every layer key `--layer` accepts, in display order."""
    names = list(dict.fromkeys(row["layer"] for row in layer_table().values()))
    return names + list(AREA_LAYERS)


def _read_geojson(path: Path, required: bool) -> gpd.GeoDataFrame:
    """A GeoJSON export as a GeoDataFrame, properties kept as written (dates stay strings)."""
    if not path.is_file():
        if required:
            raise InputError(f"{path} not found: run `geo build` first or pass --from DIR")
        return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        features = data.get("features", [])
        if not features:
            return gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
        return gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    except (ValueError, AttributeError, TypeError) as error:
        raise InputError(f"{path}: not a GeoJSON FeatureCollection ({error})") from error


def read_exports(folder: Path) -> AtlasInputs:
    """The four atlas inputs from a `geo build` output folder (only events.geojson required)."""
    folder = Path(folder)
    involvement_path = folder / "involvement.csv"
    involvement = (pd.read_csv(involvement_path, dtype=str, keep_default_na=False).map(unneutralise)
                   if involvement_path.is_file() else None)
    return AtlasInputs(
        events=_read_geojson(folder / "events.geojson", required=True),
        bases=_read_geojson(folder / "bases.geojson", required=False),
        territory=_read_geojson(folder / "territory.geojson", required=False),
        involvement=involvement,
    )


def _years_of_period(start: object, end: object) -> set[int] | None:
    a, b = parse_iso(start), parse_iso(end)
    if not a and not b:
        return None  # unknown period: never hidden by a year filter
    return set(range((a or b).year, (b or a).year + 1))


def narrow(inputs: AtlasInputs, years: list[str] | None = None, actors: list[str] | None = None,
           layers: list[str] | None = None) -> AtlasInputs:
    """Keep only the given years, actors (case-insensitive) and layers; None keeps everything."""
    known = layer_names()
    for name in layers or []:
        if name not in known:
            raise ExportError(f"unknown layer {name!r}; choose from {', '.join(known)}")
    events, bases, territory = inputs.events, inputs.bases, inputs.territory
    involvement = inputs.involvement
    if years:
        wanted = {str(y).strip() for y in years}
        if len(events):
            events = events[[year_of(d) in wanted for d in events.get("date_start", [""] * len(events))]]
        if len(bases):
            keep = []
            for start, end in zip(bases.get("start", [""] * len(bases)), bases.get("end", [""] * len(bases))):
                span = _years_of_period(start, end)
                keep.append(span is None or any(str(y) in wanted for y in span))
            bases = bases[keep]
    if actors:
        wanted_actors = {a.strip().casefold() for a in actors}
        if len(events):
            events = events[[str(a).casefold() in wanted_actors for a in events.get("actor", [""] * len(events))]]
        if len(bases):
            bases = bases[[any(u.strip().casefold() in wanted_actors for u in str(users).split(";"))
                           for users in bases.get("users", [""] * len(bases))]]
    if layers:
        table = layer_table()
        if len(events):
            types = events.get("event_type", pd.Series(["other"] * len(events), index=events.index))
            events = events[[table.get(str(t), table["other"])["layer"] in layers for t in types]]
        if "bases" not in layers:
            bases = bases.iloc[0:0]
        if "territory" not in layers:
            territory = territory.iloc[0:0]
        if "involvement" not in layers:
            involvement = None
    return AtlasInputs(events, bases, territory, involvement)
