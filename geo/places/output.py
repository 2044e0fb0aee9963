"""Mentions as rows (mentions.csv), GeoJSON features (places.geojson) and review rows."""

from __future__ import annotations

import csv
import functools
from collections import Counter
from typing import Iterable

from geo import settings
from geo.model import Document, Mention, Place

MENTION_COLUMNS = ("doc", "line", "start", "end", "text", "place_id", "name", "kind", "country",
                   "lat", "lon", "source", "confidence")


def mention_rows(mentions: Iterable[Mention]) -> list[dict]:
    """One dict per mention with exactly the mentions.csv columns (unresolved: empty place);
    a referring noun ("the base") has `source` "anaphora" (its place_id says which entry)."""
    rows = []
    for m in mentions:
        p = m.place
        rows.append({
            "doc": m.doc, "line": m.line, "start": m.start, "end": m.end, "text": m.text,
            "place_id": p.place_id if p else "", "name": p.name if p else "",
            "kind": p.kind if p else "", "country": p.country if p else "",
            "lat": round(p.lat, 6) if p else "", "lon": round(p.lon, 6) if p else "",
            # "the base" resolved through the place named before it: source says so
            "source": (m.via or p.source) if p else "", "confidence": round(m.confidence, 3),
        })
    return rows


@functools.lru_cache(maxsize=1)
def _linear_words() -> frozenset[str]:
    """Last words of the names of long features (rivers, roads, borders), from data/."""
    with open(settings.DATA_DIR / "place_linear_words.csv", encoding="utf-8", newline="") as handle:
        return frozenset(r["word"].strip().lower() for r in csv.DictReader(handle))


def pointable(place: Place | None) -> bool:
    """Whether one point stands for the place on a map of events: not a country, a sea nor a
    long feature ("Tigris River", kind other), whose point would mislead."""
    if place is None or place.kind in ("country", "sea"):
        return False
    words = place.name.lower().split()
    return not (place.kind == "other" and words and words[-1] in _linear_words())


def places_features(mentions: Iterable[Mention], event_counts: dict[str, int] | None = None) -> dict:
    """GeoJSON FeatureCollection (RFC 7946): one point per distinct resolved place.

    Modifier mentions ("U.S. forces") count as mentions of nothing: they are not map points."""
    counts: Counter[str] = Counter()
    places = {}
    docs: dict[str, set[str]] = {}
    for m in mentions:
        if m.place is None or m.role != "place":
            continue
        counts[m.place.place_id] += 1
        places[m.place.place_id] = m.place
        docs.setdefault(m.place.place_id, set()).add(m.doc)
    events = event_counts or {}
    features = []
    for pid, n in counts.most_common():
        p = places[pid]
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]},
            "properties": {"place_id": pid, "name": p.name, "kind": p.kind, "country": p.country,
                           "source": p.source, "population": p.population, "mention_count": n,
                           "event_count": int(events.get(pid, 0)), "docs": sorted(docs[pid]),
                           "pointable": pointable(p)},
        })
    return {"type": "FeatureCollection", "features": features}


def review_rows(mentions: Iterable[Mention], docs: Iterable[Document] = ()) -> list[dict]:
    """Unresolved names with their context, for a review file (unresolved.csv)."""
    by_id = {d.id: d for d in docs}
    rows = []
    for m in mentions:
        if m.place is not None:
            continue
        context = ""
        doc = by_id.get(m.doc)
        if doc is not None:
            # a heading mention (sentence -1) takes its heading's text as context
            owners = doc.sentences if m.sentence >= 0 else doc.headings
            for s in owners:
                if s.index == m.sentence if m.sentence >= 0 else s.start <= m.start < s.end:
                    context = s.text
                    break
        rows.append({"name": m.text, "doc": m.doc, "line": m.line, "context": context[:300]})
    return rows
