"""The Python API: `geo.build(paths) -> Atlas`, the same job as `geo build` without the files.

    >>> import geo
    >>> atlas = geo.build()                      # the default corpus
    >>> atlas.events[atlas.events.event_type == "airstrike"].head()
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from shapely.geometry import shape

from geo import settings
from geo.actors import load_actors
from geo.bases import build_bases
from geo.events import Extractor, merge_events
from geo.involvement import COLUMNS as INVOLVEMENT_COLUMNS
from geo.involvement import involvement_rows
from geo.model import Document, Event, Mention
from geo.tables import (AREA_COLUMNS, BASE_COLUMNS, CONTROL_COLUMNS, EVENT_COLUMNS,
                        TERRITORY_COLUMNS, UNRESOLVED_COLUMNS, event_rows, point_of)
from geo.territory import area_rows, control_features, load_user_polygons, timeline_rows

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

log = logging.getLogger(__name__)


@dataclass
class Layer:
    """One output table as plain rows (and geometries for the map layers), in contract column order."""

    rows: list[dict]
    columns: list[str]
    geometries: list | None = None


@dataclass
class Atlas:
    """Everything one build produces. `events`, `places`, `bases`, `territory` are GeoDataFrames
    (EPSG:4326), `mentions`, `involvement`, `unresolved`, `control` DataFrames, built on first use
    from `layers` (plain rows, which `geo build` writes without importing pandas)."""

    documents: list[Document]
    layers: dict[str, Layer]
    event_records: list[Event] = field(default_factory=list)
    mention_records: list[Mention] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def _geo(self, name: str) -> "gpd.GeoDataFrame":
        from geo.export import frame

        layer = self.layers[name]
        return frame(layer.rows, layer.columns, layer.geometries)

    def _table(self, name: str) -> "pd.DataFrame":
        import pandas as pd

        layer = self.layers[name]
        return pd.DataFrame(layer.rows, columns=layer.columns)

    @cached_property
    def events(self) -> "gpd.GeoDataFrame":
        return self._geo("events")

    @cached_property
    def places(self) -> "gpd.GeoDataFrame":
        return self._geo("places")

    @cached_property
    def bases(self) -> "gpd.GeoDataFrame":
        return self._geo("bases")

    @cached_property
    def territory(self) -> "gpd.GeoDataFrame":
        return self._geo("territory")

    @cached_property
    def mentions(self) -> "pd.DataFrame":
        return self._table("mentions")

    @cached_property
    def involvement(self) -> "pd.DataFrame":
        return self._table("involvement")

    @cached_property
    def unresolved(self) -> "pd.DataFrame":
        return self._table("unresolved")

    @cached_property
    def control(self) -> "pd.DataFrame":
        return self._table("control")


def _tag_dates(doc: Document) -> Document:
    try:
        from geo.dates import tag_document
    except ImportError:
        log.warning("date stage not available: events cannot be dated")
        return doc
    return tag_document(doc)


def read_documents(paths: list[Path], forced_format: str | None = None) -> tuple[list[Document], list[str]]:
    """Read and date documents; errors for unreadable files come back as one-line strings."""
    from geo.ingest import read_paths

    docs, errors = read_paths([Path(p) for p in paths], forced_format)
    return [_tag_dates(d) for d in docs], list(errors)


def place_mentions(docs: list[Document], user_places: Path | None = None, online=None) -> list[Mention]:
    """Place mentions of every document (resolved against the offline gazetteer)."""
    from geo.places import find_mentions, load_gazetteer

    gazetteer = load_gazetteer(user_places)
    mentions: list[Mention] = []
    for doc in docs:
        mentions.extend(find_mentions(doc, gazetteer, online) if online is not None
                        else find_mentions(doc, gazetteer))
    return mentions


def places_layer(mentions: list[Mention], events: list[Event]) -> Layer:
    """One point per distinct resolved place with mention and event counts (flat properties)."""
    from geo.places import places_features

    counts = Counter(e.place.place_id for e in events if e.place is not None)
    fc = places_features(mentions, dict(counts))
    rows, geoms = [], []
    for feat in fc["features"]:
        rows.append({k: ("; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
                     for k, v in feat["properties"].items()})
        geoms.append(shape(feat["geometry"]) if feat.get("geometry") else None)
    columns = list(rows[0]) if rows else ["place_id", "name", "kind", "country", "mention_count", "event_count"]
    return Layer(rows, columns, geoms)


def _horizon(docs: list[Document], events: list[Event]) -> date | None:
    ends = [e.date.end for e in events]
    ends += [d.date.end for d in docs if d.date is not None]
    return max(ends) if ends else None


def build(paths: list[str | Path] | str | Path | None = None, *, forced_format: str | None = None,
          user_places: str | Path | None = None, control_polygons: str | Path | None = None,
          online=None) -> Atlas:
    """Read `paths` (files or folders; default: the bundled corpus) and return the Atlas.

    `user_places`: a places CSV added to the gazetteer; `control_polygons`: GeoJSON with
    holder/start/end that replaces derived control areas for its periods.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    docs, errors = read_documents([Path(p) for p in (paths or [settings.CORPUS_DIR])], forced_format)
    timings["read+dates"] = time.perf_counter() - t0
    t = time.perf_counter()
    mentions = place_mentions(docs, Path(user_places) if user_places else None, online)
    timings["places"] = time.perf_counter() - t
    t = time.perf_counter()
    actors = load_actors()
    extractor = Extractor(actors)
    by_doc: dict[str, list[Mention]] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, []).append(m)
    raw: list[Event] = []
    for doc in docs:
        raw.extend(extractor.document(doc, by_doc.get(doc.id, [])))
    events = merge_events(raw)
    timings["events"] = time.perf_counter() - t
    t = time.perf_counter()
    base_rows = build_bases(docs, mentions, events, actors)
    user_polys = load_user_polygons(control_polygons) if control_polygons else None
    territory_rows = control_features(events, _horizon(docs, events), user_polys, actors)
    timings["bases+territory"] = time.perf_counter() - t
    t = time.perf_counter()
    from geo.places import MENTION_COLUMNS, mention_rows, review_rows

    erows = event_rows(events, actors)
    layers = {
        "events": Layer(erows, EVENT_COLUMNS, [point_of(r) for r in erows]),
        "places": places_layer(mentions, events),
        "bases": Layer(base_rows, BASE_COLUMNS, [point_of(r) for r in base_rows]),
        "territory": Layer(territory_rows, TERRITORY_COLUMNS, [r["geometry"] for r in territory_rows]),
        "mentions": Layer(mention_rows(mentions), list(MENTION_COLUMNS)),
        "involvement": Layer(involvement_rows(docs), INVOLVEMENT_COLUMNS),
        "unresolved": Layer(review_rows(mentions, docs), UNRESOLVED_COLUMNS),
        "control": Layer(timeline_rows(events, actors), CONTROL_COLUMNS),
        "areas": Layer(area_rows(territory_rows), AREA_COLUMNS),
    }
    atlas = Atlas(documents=docs, layers=layers, event_records=events, mention_records=mentions,
                  errors=errors, timings=timings)
    timings["tables"] = time.perf_counter() - t
    return atlas
