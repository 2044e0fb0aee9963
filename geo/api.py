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
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from shapely.geometry import shape

from geo import settings
from geo.actors import load_actors
from geo.bases import join_bases
from geo.docwork import DocTask, WorkOptions
from geo.spill import CandidateSpill
from geo.involvement import COLUMNS as INVOLVEMENT_COLUMNS
from geo.model import Document, Event, Mention
from geo.tables import (AREA_COLUMNS, BASE_COLUMNS, CONTROL_COLUMNS, EVENT_COLUMNS,
                        TERRITORY_COLUMNS, UNRESOLVED_COLUMNS, event_points, iter_event_rows,
                        point_of)
from geo.territory.areacache import AreaCache
from geo.territory.areacache import cache_path as area_cache_path
from geo.territory import area_rows, control_features, load_user_polygons, timeline, timeline_rows

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
    mention_records: Iterable[Mention] = field(default_factory=list)   # streamed from the store
    errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    store: object = field(default=None, repr=False)   # where streamed rows are read from
    computed: int = 0             # documents computed by this build (the others came from the cache)
    caching: bool = False         # whether this build keeps derived data in the cache folder

    def _geo(self, name: str) -> "gpd.GeoDataFrame":
        from geo.export import frame

        layer = self.layers[name]
        geometries = None if layer.geometries is None else list(layer.geometries)
        return frame(list(layer.rows), layer.columns, geometries)

    def _table(self, name: str) -> "pd.DataFrame":
        import pandas as pd

        layer = self.layers[name]
        return pd.DataFrame(list(layer.rows), columns=layer.columns)

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


def read_documents(paths: list[Path], forced_format: str | None = None) -> tuple[list[Document], list[str]]:
    """Read and date whole documents in memory (for evaluations; `build` goes file by file)."""
    from geo.dates import tag_document
    from geo.ingest import read_paths

    docs, errors = read_paths([Path(p) for p in paths], forced_format)
    return [tag_document(d) for d in docs], list(errors)


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


class StreamedRows:
    """Rows made again each time they are iterated (read from the result store, or built from
    the events): mention- and event-sized tables are never whole in memory (iterate it, or
    `list()` it for a small build)."""

    def __init__(self, produce: Callable[[], Iterator]) -> None:
        self._produce = produce

    def __iter__(self) -> Iterator:
        return iter(self._produce())

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (StreamedRows, list, tuple)) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


def document_tasks(paths: list[Path]) -> tuple[list[DocTask], list[str]]:
    """One task per file under `paths` (with its manifest entry) and one-line errors for missing paths."""
    from geo.ingest import expand_paths

    files, errors = expand_paths([Path(p) for p in paths])
    tasks = []
    for path, meta in files:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        tasks.append(DocTask(str(path), tuple(sorted((str(k), str(v)) for k, v in meta.items())), size))
    return tasks, list(errors)


def build(paths: list[str | Path] | str | Path | None = None, *, forced_format: str | None = None,
          user_places: str | Path | None = None, control_polygons: str | Path | None = None,
          online=None, workers: int | None = None, scheduler: str | None = None,
          cache: bool | None = None, quiet: bool = True) -> Atlas:
    """Read `paths` (files or folders; default: the bundled corpus) and return the Atlas.

    `user_places`: a places CSV added to the gazetteer; `control_polygons`: GeoJSON with
    holder/start/end that replaces derived control areas for its periods.
    Documents are processed one by one (in parallel on `workers` processes, default: every
    core; or on the Dask scheduler at `scheduler` / DASK_SCHEDULER_ADDRESS) and their results
    kept in the per-document cache unless `cache=False` (or GEO_NO_RESULT_CACHE=1); the output
    is the same whichever way. `quiet=False` shows progress bars on a terminal.
    """
    from geo.resultstore import ResultStore, cache_enabled, default_path
    from geo.gcpause import paused
    from geo.runner import run_documents

    if isinstance(paths, (str, Path)):
        paths = [paths]
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    tasks, errors = document_tasks([Path(p) for p in (paths or [settings.CORPUS_DIR])])
    options = WorkOptions(forced_format, str(user_places) if user_places else None)
    use_cache = (cache_enabled() if cache is None else cache) and online is None
    store = ResultStore(default_path() if use_cache else None)
    plan = run_documents(tasks, options, store, workers=workers, scheduler=scheduler, quiet=quiet,
                         online=online)
    timings["documents"] = time.perf_counter() - t0
    with paused():      # the joining stages make millions of small objects and no cycles
        atlas = _joining_stages(plan, store, errors, timings, control_polygons, use_cache, quiet)
    if use_cache:
        store.prune()
    return atlas


def _joining_stages(plan, store, errors: list[str], timings: dict[str, float],
                    control_polygons: str | Path | None, use_cache: bool, quiet: bool) -> Atlas:
    """Merge, bases, territory and tables over every document's stored result."""
    t = time.perf_counter()
    actors = load_actors()
    joined = _join(plan, store, errors, quiet)
    for k, name in enumerate(("read+dates", "places", "events")):
        timings[f"  {name} (summed over documents)"] = sum(s[k] for s in joined.seconds if len(s) > k)
    events = joined.candidates.merged()
    timings["merge"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = joined.documents
    base_rows = join_bases(joined.bases, events, lambda: _stream(plan, store, "dated"))
    user_polys = load_user_polygons(control_polygons) if control_polygons else None
    lines = timeline(events, actors)
    area_cache = AreaCache(area_cache_path() if use_cache else None)
    try:
        territory_rows = control_features(events, _horizon(docs, events), user_polys, actors, area_cache,
                                          lines)
        area_cache.save()
    finally:
        area_cache.close()
    timings["bases+territory"] = time.perf_counter() - t
    t = time.perf_counter()
    from geo.places import MENTION_COLUMNS, mention_rows

    mentions = StreamedRows(lambda: _stream(plan, store, "mentions"))
    layers = {
        # made again at each use: a big archive's rows would outweigh its events several times
        "events": Layer(StreamedRows(lambda: iter_event_rows(events, actors)), EVENT_COLUMNS,
                        StreamedRows(lambda: event_points(events))),
        "places": places_layer(mentions, events),
        "bases": Layer(base_rows, BASE_COLUMNS, [point_of(r) for r in base_rows]),
        "territory": Layer(territory_rows, TERRITORY_COLUMNS, [r["geometry"] for r in territory_rows]),
        "mentions": Layer(StreamedRows(lambda: mention_rows(_stream(plan, store, "mentions"))),
                          list(MENTION_COLUMNS)),
        "involvement": Layer(joined.involvement, INVOLVEMENT_COLUMNS),
        "unresolved": Layer(StreamedRows(lambda: _stream(plan, store, "unresolved")), UNRESOLVED_COLUMNS),
        "control": Layer(timeline_rows(events, actors, lines), CONTROL_COLUMNS),
        "areas": Layer(area_rows(territory_rows), AREA_COLUMNS),
    }
    atlas = Atlas(documents=docs, layers=layers, event_records=events, mention_records=mentions,
                  errors=joined.errors, timings=timings, store=store,
                  computed=len(plan.todo), caching=use_cache)
    timings["tables"] = time.perf_counter() - t
    return atlas


@dataclass
class _Joined:
    """What the joining stages need of every document, read from the store in file order."""

    documents: list[Document] = field(default_factory=list)
    candidates: CandidateSpill = field(default_factory=CandidateSpill)
    bases: list = field(default_factory=list)
    involvement: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: list[tuple[float, ...]] = field(default_factory=list)   # stage times of computed documents


def _join(plan, store, errors: list[str], quiet: bool = True) -> _Joined:
    from geo.runner import progress_bar

    joined = _Joined(errors=list(errors))
    computed = set(plan.todo)
    bar = progress_bar(len(plan.tasks), "joining", "doc", quiet)
    for i, (task, key) in enumerate(zip(plan.tasks, plan.keys)):
        bar.update()
        result = plan.held.get(i) or store.core(key, task.path)
        for message in result.log:          # the reader's warnings, once, in file order
            log.warning("%s", message)
        if i in computed:
            joined.seconds.append(result.seconds)
        if result.error:
            joined.errors.append(result.error)
            continue
        joined.documents.append(result.info.as_document())
        joined.candidates.extend(result.candidates)
        joined.bases.extend(result.bases)
        joined.involvement.extend(result.involvement)
    bar.close()
    return joined


def _stream(plan, store, part: str) -> Iterator:
    """One part of every readable document's result, in file order, read from the store."""
    for i, key in enumerate(plan.keys):
        held = plan.held.get(i)
        if held is not None:
            yield from getattr(held, part)
        elif part == "dated":
            yield from store.dated(key)
        else:
            yield from store.mention_part(key, part)
