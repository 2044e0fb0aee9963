"""Territorial control over time: a holder timeline per place (control.csv), then contiguous
control areas per month (territory.geojson) and their sizes (territory.csv).

gate.py decides which territory_change events count, timeline.py builds one holder per place per
day with conflicts, regions.py knows the governorates, areas.py tessellates held places into
areas. User polygons (GeoJSON with holder/start/end) replace the derived area of that holder for
their period and are cut out of the other holders' areas.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geo.actors import ActorLexicon, load_actors
from geo.events.text import UNKNOWN_HOLDER
from geo.model import Event
from geo.territory.areacache import AreaCache
from geo.territory.areas import areas_laea, held_on, km2, to_laea, to_wgs84
from geo.territory.timeline import Control, changes, timeline, timeline_rows
from geo.territory.user import load_user_polygons

__all__ = ["Control", "changes", "timeline", "timeline_rows", "load_user_polygons",
           "control_features", "area_rows", "holder_color", "month_starts"]


def month_starts(first: date, last: date) -> list[date]:
    out, d = [], date(first.year, first.month, 1)
    while d <= last:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def _month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _drawn(actors: ActorLexicon):  # noqa: ANN202
    """Holders that get an area: sides in the ground contest, or names the lexicon does not know
    (a militia extraction found); not "unknown", not outside powers that only support others."""
    return lambda h: h != UNKNOWN_HOLDER and (h not in actors.actors or actors.contests_territory(h))


def holder_color(holder: str, actors: ActorLexicon) -> str:
    """The holder's own colour (data/holder_colors.csv, else its actor colour, else a stable pick)."""
    from geo.render.palette import color_for

    return color_for(holder, actors.actors[holder].color if holder in actors.actors else None)


def _monthly(events: list[Event], horizon: date | None, user_polygons: list[dict],
             actors: ActorLexicon, area_cache: AreaCache, lines: dict[str, list[Control]] | None):
    """(month, probe day, {holder: (LAEA area, refs, from_user)}) for every month from the first
    change to the horizon; each month shows control at its last day."""
    lines = lines if lines is not None else timeline(events, actors)
    drawn = _drawn(actors)
    starts = [c.start for p in lines.values() for c in p if drawn(c.holder)] + [u["start"] for u in user_polygons]
    if not starts:
        return
    last = max([horizon or date.min] + [p[-1].start for p in lines.values() if p]
               + [min(u["end"], date(2100, 1, 1)) for u in user_polygons])
    cache: dict[tuple, dict] = {}
    for month in month_starts(min(starts), last):
        probe = _month_end(month)
        held = held_on(lines, probe, drawn)
        users = [u for u in user_polygons if u["start"] <= probe and u["end"] >= month]
        key = tuple(sorted((c.place.place_id, c.holder) for c in held)) + tuple(u["ref"] for u in users)
        if key not in cache:
            cache.clear()
            cache[key] = _areas(held, users, area_cache)
        yield month, probe, cache[key]


def _areas(held: list[Control], users: list[dict],
           area_cache: AreaCache) -> dict[str, tuple[BaseGeometry, list[str], BaseGeometry | None]]:
    """holder -> (area in LAEA, source refs, the user's own WGS84 polygon if one replaces it)."""
    derived = areas_laea(held, area_cache)
    refs: dict[str, list[str]] = {}
    for c in held:
        refs.setdefault(c.holder, []).extend(r for r in c.refs if r not in refs.get(c.holder, []))
    out = {h: (g, refs.get(h, []), None) for h, g in derived.items()}
    if users:
        user_geoms = {}
        for u in users:
            user_geoms.setdefault(u["holder"], []).append(u)
        for holder, mine in user_geoms.items():
            given = unary_union([u["geometry"] for u in mine])
            out[holder] = (to_laea(given), [u["ref"] for u in mine], given)
        for holder, (geom, r, given) in list(out.items()):
            cut = [to_laea(u["geometry"]) for u in users if u["holder"] != holder]
            if cut and given is None:
                geom = geom.difference(unary_union(cut))
                if geom.is_empty:
                    del out[holder]
                    continue
                out[holder] = (geom, r, None)
    return out


def control_features(events: list[Event], horizon: date | None = None,
                     user_polygons: list[dict] | None = None,
                     actors: ActorLexicon | None = None, area_cache: AreaCache | None = None,
                     lines: dict[str, list[Control]] | None = None) -> list[dict]:
    """Monthly control areas as flat GeoJSON-like dicts: holder, side, color, start, end,
    source_refs, km2; consecutive months with the same holdings are one feature.
    `area_cache`: countries' areas kept from earlier builds (geo.territory.areacache);
    `lines`: `timeline(events, actors)` when the caller has it already."""
    actors = actors or load_actors()
    runs: list[dict] = []
    open_runs: dict[str, dict] = {}
    for month, probe, areas in _monthly(events, horizon, user_polygons or [], actors,
                                        area_cache or AreaCache(None), lines):
        for holder, (geom, refs, given) in areas.items():
            run = open_runs.get(holder)
            # one feature while the month's holdings stay the same (`areas` is then the same dict)
            if run is not None and run["_areas"] is areas and run["end"] == month - timedelta(days=1):
                run["end"] = probe
                continue
            side = actors.side(holder)
            run = {"holder": holder, "side": side, "color": holder_color(holder, actors),
                   "start": month, "end": probe, "_geom": geom, "_given": given, "_areas": areas,
                   "source_refs": "; ".join(refs),
                   "km2": round(km2(geom))}
            open_runs[holder] = run
            runs.append(run)
        for holder in [h for h in open_runs if h not in areas]:
            open_runs.pop(holder)
    out = []
    for r in runs:
        row = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items() if k[0] != "_"}
        row["geometry"] = r["_given"] if r["_given"] is not None else to_wgs84(r["_geom"])
        out.append(row)
    return out


def area_rows(features: list[dict]) -> list[dict]:
    """territory.csv: km² per holder per month (equal-area projection), from the monthly features."""
    rows = []
    for f in features:
        for month in month_starts(date.fromisoformat(f["start"]), date.fromisoformat(f["end"])):
            rows.append({"month": month.isoformat()[:7], "holder": f["holder"], "side": f["side"],
                         "km2": f["km2"], "color": f["color"]})
    rows.sort(key=lambda r: (r["month"], r["holder"]))
    return rows
