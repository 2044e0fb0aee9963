"""Air bases and carriers: who used which base and when.

Sources: list items such as "Ali Al Salem Air Base, Kuwait (used by Denmark, Canada and Italy)",
carrier items such as "USS Carl Vinson (CVN-70) deployed to the Persian Gulf from mid October
2014" (a sea position, never a point on land), and `base_use` events at air bases in prose
("Belgian air forces operate from Shaheed Mwaffaq Air Base").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import pycountry

from geo import settings
from geo.actors import ActorLexicon, load_actors
from geo.model import Document, Event, Mention, Place

BASE_ITEM = re.compile(
    r"^(?P<name>[^,()]{3,80}?(?:Air\s+Base|Airbase|Air\s+Station|Airfield|Air\s+Field|Airport|RAF\s+[A-Z][\w-]+)"
    r"[^,()]{0,30}?)\s*,\s*(?P<country>[A-Z][^,()]{1,40}?)\s*(?:\((?P<note>[^)]*)\))?\s*\.?$")
CARRIER_ITEM = re.compile(
    r"^(?P<name>(?:USS|HMS|FS|HMAS|HMCS|HNLMS|French aircraft carrier|aircraft carrier)\s+[^()]+?)"
    r"(?:\s*\((?P<hull>[A-Z]{1,4}-?\d+)\))?\s+(?:was\s+|is\s+)?(?:deployed\s+to|in|entered|operating\s+in|"
    r"arrived\s+in|sailed\s+to)\s+the\s+(?P<sea>Persian\s+Gulf|Red\s+Sea|Mediterranean(?:\s+Sea)?|"
    r"Arabian\s+Sea|Gulf\s+of\s+Oman)\b(?P<rest>.*)$")
USED_BY = re.compile(r"used\s+by\s+(?P<who>[^.;]*)", re.IGNORECASE)
UNTIL = re.compile(r"(?:until|till|through|to)\s+(?:mid[- ]|early\s+|late\s+|the\s+end\s+of\s+)?$", re.IGNORECASE)
FROM = re.compile(r"(?:from|since|starting)\s+(?:mid[- ]|early\s+|late\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _seas() -> dict[str, tuple[float, float]]:
    with open(settings.DATA_DIR / "seas.csv", encoding="utf-8", newline="") as f:
        return {r["name"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def _ship_prefixes() -> list[tuple[str, str]]:
    with open(settings.DATA_DIR / "ship_prefixes.csv", encoding="utf-8", newline="") as f:
        return [(r["prefix"], r["actor"]) for r in csv.DictReader(f)]


def _iso(country_text: str, actors: ActorLexicon) -> str:
    name = actors.normalize(country_text)
    if name and actors.actors[name].iso_a2:
        return actors.actors[name].iso_a2
    try:
        return pycountry.countries.lookup(country_text.strip()).alpha_2
    except LookupError:
        return ""


class _Base:
    def __init__(self, name: str, kind: str, place: Place | None, country: str,
                 lat: float | None, lon: float | None) -> None:
        self.name, self.kind, self.place, self.country = name, kind, place, country
        self.lat, self.lon = lat, lon
        self.users: list[str] = []
        self.start: date | None = None
        self.end: date | None = None
        self.refs: list[tuple[str, int]] = []
        self.evidence = ""

    def add(self, users: list[str], doc: str, line: int, evidence: str,
            start: date | None = None, end: date | None = None) -> None:
        self.users.extend(u for u in users if u and u not in self.users)
        if (doc, line) not in self.refs:
            self.refs.append((doc, line))
        self.evidence = self.evidence or evidence
        if start and (self.start is None or start < self.start):
            self.start = start
        if end and (self.end is None or end > self.end):
            self.end = end

    def row(self) -> dict:
        return {
            "name": self.name, "place_id": self.place.place_id if self.place else "",
            "country": self.country, "kind": self.kind, "users": "; ".join(self.users),
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
            "sources": len({d for d, _ in self.refs}),
            "source_refs": "; ".join(f"{d}:{n}" for d, n in self.refs),
            "evidence": self.evidence, "lat": self.lat, "lon": self.lon,
        }


def _mention_in(sentence_mentions: list[Mention], name: str) -> Mention | None:
    best = None
    for m in sentence_mentions:
        if m.place is None or m.role != "place":
            continue
        if m.text.lower() in name.lower() or name.lower() in m.text.lower():
            if m.place.kind == "airbase":
                return m
            best = best or m
    return best if best is not None and best.place.kind not in ("country", "region") else None


@dataclass(frozen=True)
class BaseItem:
    """A base or carrier as one document lists it: what `build_bases` joins across documents
    (found per document, so documents can be read in parallel and cached one by one)."""

    key: str                      # place_id, "name:<name>" or "ship:<name>"
    name: str
    kind: str                     # airbase, carrier
    place: Place | None
    country: str
    lat: float | None
    lon: float | None
    users: tuple[str, ...]
    doc: str
    line: int
    evidence: str
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class DatedLine:
    """A sentence with a date of its own or its paragraph's: where a carrier listed without a
    start may first appear dated (`first` is the earliest start of those dates)."""

    doc: str
    line: int
    first: date
    text: str


def base_items(doc: Document, mentions: list[Mention], actors: ActorLexicon | None = None) -> list[BaseItem]:
    """Bases and carriers listed in one document (list items, carrier items), in text order."""
    actors = actors or load_actors()
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.doc == doc.id:
            by_sentence.setdefault(m.sentence, []).append(m)
    items: list[BaseItem] = []
    for s in doc.sentences:
        text = " ".join(s.text.split())
        if len(text) > 220:
            continue
        m = BASE_ITEM.match(text)
        if m:
            items.append(_list_item(doc, s, text, m, by_sentence.get(s.index, []), actors))
            continue
        c = CARRIER_ITEM.match(text)
        if c:
            items.append(_carrier_item(doc, s, text, c, by_sentence.get(s.index, [])))
    return items


def dated_lines(doc: Document) -> list[DatedLine]:
    """Every sentence of `doc` with a date ("launched that day from USS ...": the paragraph's
    previous date holds), for the carriers' first dated mention."""
    lines: list[DatedLine] = []
    previous, paragraph = (), None
    for s in doc.sentences:
        dates = s.dates or (previous if s.paragraph == paragraph else ())
        previous, paragraph = (s.dates or previous), s.paragraph
        if dates:
            lines.append(DatedLine(doc.id, s.line, min(d.start for d in dates), s.text))
    return lines


def build_bases(documents: list[Document], mentions: list[Mention], events: list[Event],
                actors: ActorLexicon | None = None) -> list[dict]:
    """Rows for bases.geojson (name, place_id, country, kind, users, start, end, sources, ...)."""
    actors = actors or load_actors()
    items = [i for doc in documents for i in base_items(doc, mentions, actors)]
    return join_bases(items, events, lambda: (line for doc in documents for line in dated_lines(doc)))


def join_bases(items: Iterable[BaseItem], events: list[Event],
               lines: Callable[[], Iterable[DatedLine]]) -> list[dict]:
    """Join every document's base items and the `base_use` events into bases.geojson rows.
    `lines()` gives the dated sentences again (read only when a carrier lacks a start)."""
    bases: dict[str, _Base] = {}
    for item in items:
        base = bases.get(item.key)
        if base is None:
            base = bases[item.key] = _Base(item.name, item.kind, item.place, item.country, item.lat, item.lon)
        base.add(list(item.users), item.doc, item.line, item.evidence, item.start, item.end)
    _carrier_starts(bases, lines)
    for ev in events:
        if ev.event_type != "base_use" or ev.place is None or ev.place.kind != "airbase":
            continue
        base = bases.get(ev.place.place_id)
        if base is None:
            p = ev.place
            base = bases[p.place_id] = _Base(p.name, "airbase", p, p.country, p.lat, p.lon)
        for src in ev.sources:
            base.add([ev.actor] if ev.actor else [], src.doc, src.line, ev.evidence,
                     ev.date.start, ev.date.end)
    return [b.row() for b in bases.values()]


def _list_item(doc, s, text, m, mentions, actors) -> BaseItem:
    name = m.group("name").strip()
    hit = _mention_in(mentions, name)
    place = hit.place if hit else None
    country = place.country if place else _iso(m.group("country"), actors)
    key = place.place_id if place else "name:" + name.lower()
    users: list[str] = []
    note = m.group("note") or ""
    used = USED_BY.search(note)
    if used:
        users = [a.actor for a in actors.find(used.group("who"))]
    return BaseItem(key, place.name if place else name, "airbase", place, country,
                    place.lat if place else None, place.lon if place else None,
                    tuple(users), doc.id, s.line, text)


def _carrier_item(doc, s, text, c, mentions) -> BaseItem:
    name = " ".join(c.group("name").split())
    sea = " ".join(c.group("sea").split())
    sea = "Mediterranean Sea" if sea == "Mediterranean" else sea
    sea_mention = next((m for m in mentions if m.place is not None and m.place.kind == "sea"), None)
    if sea_mention is not None:
        lat, lon = sea_mention.place.lat, sea_mention.place.lon
    else:
        lat, lon = _seas().get(sea, (None, None))
    users = [actor for prefix, actor in _ship_prefixes() if name.startswith(prefix)][:1]
    start = end = None
    for d in s.dates:
        if d.start_char < 0:
            continue
        lead = s.text[max(0, d.start_char - 25):d.start_char]
        if UNTIL.search(lead):
            end = d.end
        elif FROM.search(lead):
            start = d.start
    return BaseItem("ship:" + name.lower(), name, "carrier", None, "", lat, lon, tuple(users),
                    doc.id, s.line, text, start, end)


def _carrier_starts(bases: dict[str, _Base], lines: Callable[[], Iterable[DatedLine]]) -> None:
    """A carrier listed without a start ("... until mid October 2014") starts at its first dated mention."""
    waiting = {key: re.sub(r"^(?:USS|HMS|FS|HMAS|HMCS|HNLMS)\s+", "", base.name)
               for key, base in bases.items() if base.kind == "carrier" and base.start is None}
    if not waiting:
        return
    for line in lines():            # one pass over the dated sentences for every such carrier
        for key, name in waiting.items():
            base = bases[key]
            if name in line.text and (line.doc, line.line) not in base.refs:
                if base.end is None or line.first <= base.end:
                    base.start = line.first if base.start is None else min(base.start, line.first)
                    base.refs.append((line.doc, line.line))
