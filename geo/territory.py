"""Territorial control over time: a holder timeline per place, then control areas per month.

The timeline comes from `territory_change` events (holder_after). A country-wide statement
("By December 2017, ISIL had no remaining territory in Iraq") ends the losing side's hold on every
place of that country; the places pass to the taker the statement names ("by the SDF", or the
country's government when it is the holder_after), else to "unknown", which no area is drawn for. Areas are buffers around held
places (radius by place kind), clipped to the place's country, unioned per holder and month;
consecutive identical months become one feature with `start`/`end`. They show where control was
reported, not front lines. User polygons (GeoJSON with holder/start/end) replace the derived
area of that holder for their period and are cut out of the other holders' areas.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from geo import naturalearth
from geo.actors import ActorLexicon, load_actors
from geo.errors import InputError
from geo.events.text import UNKNOWN_HOLDER
from geo.model import Event, Place

# Buffer radius in degrees per place kind: a town controls its surroundings, a region is wide.
RADIUS = {"city": 0.18, "town": 0.1, "village": 0.06, "dam": 0.06, "airbase": 0.05,
          "mountain": 0.12, "camp": 0.05, "region": 0.45, "other": 0.08}


@dataclass
class Control:
    """One holder of one place for one period (end inclusive; None = still at the horizon)."""

    place: Place
    holder: str
    start: date
    end: date | None = None
    refs: list[str] = field(default_factory=list)


def _refs(ev: Event) -> list[str]:
    return [f"{s.doc}:{s.line}" for s in ev.sources]


def _when(ev: Event) -> date:
    # "By December 2017" means the change had happened by the end of that span.
    return ev.date.end if getattr(ev.date, "qualifier", "") == "by" else ev.date.start


def timeline(events: list[Event], actors: ActorLexicon | None = None) -> dict[str, list[Control]]:
    """place_id -> control periods in date order, from territory changes (merged events)."""
    actors = actors or load_actors()
    changes = sorted((e for e in events if e.event_type == "territory_change" and e.holder_after
                      and e.place is not None), key=_when)
    lines: dict[str, list[Control]] = {}
    for ev in changes:
        when = _when(ev)
        if ev.place.kind == "country":
            # A country is not a holdable point: only "ISIL had no territory left in Iraq" counts,
            # i.e. the country's own government taking back what the losing side held.
            if (ev.holder_after not in (actors.government_of(ev.place.country), UNKNOWN_HOLDER)
                    and not actors.contests_territory(ev.holder_after)):
                continue
            # Country-wide: every place of that country held by another side changes hands.
            # Only the side that lost the country gives its places up ("ISIL had no territory").
            loser = ev.actor if ev.actor and ev.actor != ev.holder_after else "ISIL"
            losing_side = actors.side(loser)
            for periods in lines.values():
                last = periods[-1]
                if (last.place.country == ev.place.country and last.start <= when
                        and actors.side(last.holder) == losing_side and last.holder != ev.holder_after):
                    _switch(periods, last.place, ev.holder_after, when, _refs(ev))
            continue
        periods = lines.setdefault(ev.place.place_id, [])
        if periods and periods[-1].holder == ev.holder_after:
            periods[-1].refs.extend(r for r in _refs(ev) if r not in periods[-1].refs)
            continue
        _switch(periods, ev.place, ev.holder_after, when, _refs(ev))
    return lines


def _switch(periods: list[Control], place: Place, holder: str, when: date, refs: list[str]) -> None:
    if periods:
        if periods[-1].start >= when:
            periods[-1].holder, periods[-1].refs = holder, list(refs)
            return
        periods[-1].end = when - timedelta(days=1)
    periods.append(Control(place, holder, when, None, list(refs)))


def _month_starts(first: date, last: date) -> list[date]:
    out, d = [], date(first.year, first.month, 1)
    while d <= last:
        out.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return out


def _month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _area(place: Place) -> BaseGeometry | None:
    from shapely.geometry import Point

    circle = Point(place.lon, place.lat).buffer(RADIUS.get(place.kind, 0.08), 24)
    border = naturalearth.country(place.country) if place.country else None
    if border is not None:
        clipped = circle.intersection(border)
        return None if clipped.is_empty else clipped
    return circle


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


def control_features(events: list[Event], horizon: date | None = None,
                     user_polygons: list[dict] | None = None,
                     actors: ActorLexicon | None = None) -> list[dict]:
    """Monthly control areas as flat GeoJSON-like dicts: holder, side, color, start, end, source_refs."""
    actors = actors or load_actors()
    lines = timeline(events, actors)
    user_polygons = user_polygons or []
    starts = [p[0].start for p in lines.values() if p] + [u["start"] for u in user_polygons]
    if not starts:
        return []
    last = max([horizon or date.min] + [p[-1].start for p in lines.values() if p]
               + [min(u["end"], date(2100, 1, 1)) for u in user_polygons])
    areas: dict[str, BaseGeometry | None] = {}
    runs: list[dict] = []
    open_runs: dict[str, dict] = {}
    for month in _month_starts(min(starts), last):
        probe = _month_end(month)
        held: dict[str, list[Control]] = {}
        for periods in lines.values():
            for c in periods:
                if c.holder == UNKNOWN_HOLDER:
                    continue   # the text says who lost the place, not who holds it: draw nothing
                if c.start <= probe and (c.end is None or c.end >= probe):
                    held.setdefault(c.holder, []).append(c)
        users = [u for u in user_polygons if u["start"] <= probe and u["end"] >= month]
        for holder in list(held) + [u["holder"] for u in users if u["holder"] not in held]:
            mine = [u for u in users if u["holder"] == holder]
            others = [u for u in users if u["holder"] != holder]
            key = (tuple(sorted(c.place.place_id for c in held.get(holder, []))) if not mine else ()) + \
                tuple(u["ref"] for u in mine) + tuple("-" + u["ref"] for u in others)
            run = open_runs.get(holder)
            if run is not None and run["key"] == key and run["end"] == month - timedelta(days=1):
                run["end"] = probe
                continue
            refs: list[str] = []
            if mine:
                geom = unary_union([u["geometry"] for u in mine])
                refs = [u["ref"] for u in mine]
            else:
                parts = []
                for c in held.get(holder, []):
                    pid = c.place.place_id
                    if pid not in areas:
                        areas[pid] = _area(c.place)
                    if areas[pid] is not None:
                        parts.append(areas[pid])
                    refs.extend(r for r in c.refs if r not in refs)
                geom = unary_union(parts) if parts else None
                if geom is not None and others:
                    geom = geom.difference(unary_union([u["geometry"] for u in others]))
            if geom is None or geom.is_empty:
                open_runs.pop(holder, None)
                continue
            side = actors.side(holder)
            run = {"key": key, "holder": holder, "side": side, "color": actors.side_color(side),
                   "start": month, "end": probe, "geometry": geom, "source_refs": "; ".join(refs)}
            open_runs[holder] = run
            runs.append(run)
        for holder in [h for h in open_runs if h not in held and not any(u["holder"] == h for u in users)]:
            open_runs.pop(holder)
    return [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in r.items() if k != "key"}
            for r in runs]


def timeline_rows(events: list[Event], actors: ActorLexicon | None = None) -> list[dict]:
    """The control timeline as table rows (place, holder, start, end, source_refs)."""
    rows = []
    for periods in timeline(events, actors).values():
        for c in periods:
            rows.append({"place": c.place.name, "place_id": c.place.place_id, "country": c.place.country,
                         "holder": c.holder, "start": c.start.isoformat(),
                         "end": c.end.isoformat() if c.end else "", "source_refs": "; ".join(c.refs)})
    return rows
