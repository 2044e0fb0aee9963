"""Score built events against gold events: a CSV of dated, placed events (one row per reported
strike, say) or event-location JSON lines (`geo.events.evaluate_location`).

CSV columns: `strike_date` or `date` (YYYY-MM-DD), `location`, `lat`, `lon` (may be empty),
optional `event_type` (default airstrike), `actor`, `doc`, `line`, `text`. A built event matches
a gold row when it has the row's type, its date is the row's day, and its place lies within
25 km of the row's point (or, where the row has no point, has the same normalised name).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from geo.errors import InputError
from geo.model import Event

MATCH_KM = 25.0
DEFAULT_TYPE = "airstrike"      # strike logs rarely say what they log
DATE_COLUMNS = ("strike_date", "date")
ERROR_COLUMNS = ("error", "gold_date", "gold_location", "gold_lat", "gold_lon", "doc", "line",
                 "event_id", "event_type", "date_start", "date_end", "place", "lat", "lon", "km",
                 "sources", "text")


@dataclass(frozen=True)
class GoldEvent:
    """One gold row: what happened, when and where, and (optionally) the line that says so."""

    day: date
    location: str
    lat: float | None
    lon: float | None
    event_type: str = DEFAULT_TYPE
    actor: str = ""
    doc: str = ""
    line: int | None = None
    text: str = ""

    @property
    def ref(self) -> tuple[str, int] | None:
        return (self.doc, self.line) if self.doc and self.line is not None else None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_text_file(path: Path, what: str) -> str:
    """The UTF-8 text of a gold file, or one InputError line saying why not."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InputError(f"cannot read {what} {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: {what} is not UTF-8 text (byte {error.start})") from error


def read_gold_csv(path: Path) -> list[GoldEvent]:
    """Gold events from a CSV with a date column, `location`, `lat`, `lon` and optional extras."""
    raw = read_text_file(path, "gold file")
    reader = csv.DictReader(io.StringIO(raw))
    header = reader.fieldnames or []
    date_column = next((c for c in DATE_COLUMNS if c in header), None)
    if date_column is None or "location" not in header:
        raise InputError(f"{path}: gold CSV needs a strike_date or date column and a location column "
                         f"(found {', '.join(header) or 'no header'})")
    rows = []
    for number, row in enumerate(reader, start=2):
        try:
            day = date.fromisoformat((row.get(date_column) or "").strip()[:10])
        except ValueError:
            raise InputError(f"{path} line {number}: {date_column} {row.get(date_column)!r} "
                             f"is not YYYY-MM-DD") from None
        line = (row.get("line") or "").strip()
        rows.append(GoldEvent(
            day=day, location=(row.get("location") or "").strip(),
            lat=_float(row.get("lat")), lon=_float(row.get("lon")),
            event_type=(row.get("event_type") or "").strip() or DEFAULT_TYPE,
            actor=(row.get("actor") or "").strip(), doc=(row.get("doc") or "").strip(),
            line=int(line) if line.isdigit() else None, text=(row.get("text") or "").strip()))
    return rows


def _same_name(a: str, b: str) -> bool:
    from geo.places.fold import canonical
    return bool(a) and bool(b) and canonical(a) == canonical(b)


def place_km(gold: GoldEvent, event: Event) -> float | None:
    """Distance from the gold point to the event's place (None when either has no point)."""
    from geo.places.resolve import haversine_km
    if gold.lat is None or gold.lon is None or event.place is None:
        return None
    return haversine_km(gold.lat, gold.lon, event.place.lat, event.place.lon)


def place_ok(gold: GoldEvent, event: Event) -> bool:
    """Within 25 km of the gold point, or the same normalised name where gold has no point."""
    km = place_km(gold, event)
    if km is not None:
        return km <= MATCH_KM
    names = (event.place.name, event.place_text) if event.place is not None else (event.place_text,)
    return gold.lat is None and any(_same_name(gold.location, n) for n in names)


def date_ok(gold: GoldEvent, event: Event) -> bool:
    return event.date.start == gold.day == event.date.end


def _in_scope(event: Event, types: set[str], docs: set[str]) -> bool:
    """The events precision is measured on: the gold's types, at a place (not a whole country),
    told by one of the gold's documents (any document when the gold names none)."""
    return (event.event_type in types and event.geo_precision != "country"
            and (not docs or any(s.doc in docs for s in event.sources)))


CELL_DEG = 0.25      # grid cells of about 28 km: a 25 km match lies in a cell or its neighbours


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // CELL_DEG), int(lon // CELL_DEG)


@dataclass
class _Index:
    """Built events by type and day, by type and place, and by the doc:line they cite, so that
    matching gold rows stays linear."""

    by_day: dict[tuple[str, date], list[Event]]
    by_ref: dict[tuple[str, int], list[Event]]
    by_cell: dict[tuple[str, tuple[int, int]], list[Event]]
    by_name: dict[tuple[str, str], list[Event]]

    @classmethod
    def of(cls, events: Iterable[Event]) -> _Index:
        from geo.places.fold import canonical
        index = cls({}, {}, {}, {})
        for ev in events:
            if ev.date.start == ev.date.end:
                index.by_day.setdefault((ev.event_type, ev.date.start), []).append(ev)
            for s in ev.sources:
                index.by_ref.setdefault((s.doc, s.line), []).append(ev)
            if ev.place is not None:
                index.by_cell.setdefault((ev.event_type, _cell(ev.place.lat, ev.place.lon)), []).append(ev)
            names = {ev.place_text} | ({ev.place.name} if ev.place is not None else set())
            for name in {canonical(n) for n in names if n}:
                index.by_name.setdefault((ev.event_type, name), []).append(ev)
        return index

    def on_day(self, gold: GoldEvent) -> list[Event]:
        return self.by_day.get((gold.event_type, gold.day), [])

    def at_place(self, gold: GoldEvent) -> list[Event]:
        """Events of the gold's type at its place, on any day."""
        from geo.places.fold import canonical
        if gold.lat is None or gold.lon is None:
            near = self.by_name.get((gold.event_type, canonical(gold.location)), [])
        else:
            row, col = _cell(gold.lat, gold.lon)
            near = [e for dr in (-1, 0, 1) for dc in (-1, 0, 1)
                    for e in self.by_cell.get((gold.event_type, (row + dr, col + dc)), [])]
        return [e for e in near if place_ok(gold, e)]

    def told(self, gold: GoldEvent) -> list[Event]:
        """What the build says about a gold row: the events citing its doc:line, else (no line
        in the gold) the events on its day and those at its place."""
        if gold.ref is not None:
            return [e for e in self.by_ref.get(gold.ref, []) if e.event_type == gold.event_type]
        seen: dict[int, Event] = {id(e): e for e in self.on_day(gold) + self.at_place(gold)}
        return list(seen.values())


def _error_row(error: str, gold: GoldEvent | None, event: Event | None) -> dict:
    row = dict.fromkeys(ERROR_COLUMNS, "")
    row["error"] = error
    if gold is not None:
        row.update(gold_date=gold.day.isoformat(), gold_location=gold.location,
                   gold_lat="" if gold.lat is None else gold.lat, gold_lon="" if gold.lon is None else gold.lon,
                   doc=gold.doc, line="" if gold.line is None else gold.line, text=gold.text)
    if event is not None:
        km = place_km(gold, event) if gold is not None else None
        first = event.sources[0] if event.sources else None
        row.update(event_id=event.event_id, event_type=event.event_type,
                   date_start=event.date.start.isoformat(), date_end=event.date.end.isoformat(),
                   place=event.place.name if event.place else event.place_text,
                   lat=event.place.lat if event.place else "", lon=event.place.lon if event.place else "",
                   km="" if km is None else round(km, 1),
                   sources="; ".join(f"{s.doc}:{s.line}" for s in event.sources))
        if gold is None:
            row.update(doc=first.doc if first else "", line=first.line if first else "", text=event.evidence)
    return row


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def score_events(gold: list[GoldEvent], events: list[Event], errors: list[dict] | None = None) -> dict:
    """Recall, precision, date and place accuracy of built `events` against `gold` rows.

    recall: gold rows some built event matches (type, day, place); precision: in-scope built
    events (see `_in_scope`) that match some gold row. Date and place accuracy are measured on
    the gold rows the build told an event of the gold's type for (from the row's own doc:line
    when the gold gives one, else anywhere): how often its day, and how often its place, is right.
    With `errors`, one row per missed gold row ("missed", "wrong_date", "wrong_place") and per
    spurious event."""
    types = {g.event_type for g in gold}
    docs = {g.doc for g in gold if g.doc}
    index = _Index.of(events)
    matched_events: set[int] = set()
    found = aligned = date_n = place_n = dates_right = places_right = 0
    for g in gold:
        hits = [e for e in index.on_day(g) if place_ok(g, e)]
        matched_events.update(id(e) for e in hits)
        told = index.told(g)
        # Without a doc:line, each accuracy is measured where the other half is known to be found.
        date_base = told if g.ref else [e for e in told if place_ok(g, e)]
        place_base = told if g.ref else [e for e in told if date_ok(g, e)]
        aligned += bool(told)
        date_n += bool(date_base)
        place_n += bool(place_base)
        dates_right += any(date_ok(g, e) for e in date_base)
        places_right += any(place_ok(g, e) for e in place_base)
        if hits:
            found += 1
        elif errors is not None:
            errors.append(_miss(g, told))
    scoped = [e for e in events if _in_scope(e, types, docs)]
    correct = sum(id(e) in matched_events for e in scoped)
    if errors is not None:
        errors.extend(_error_row("spurious", None, e) for e in scoped if id(e) not in matched_events)
    country = [e for e in events if e.event_type in types and e.geo_precision == "country"
               and (not docs or any(s.doc in docs for s in e.sources))]
    return {
        "gold_rows": len(gold), "predicted": len(scoped),
        "recall": _ratio(found, len(gold)), "precision": _ratio(correct, len(scoped)),
        "told": aligned, "date_accuracy": _ratio(dates_right, date_n),
        "place_accuracy": _ratio(places_right, place_n),
        "country_level_events": len(country),
        "country_level_multi_document": sum(len({s.doc for s in e.sources}) > 1 for e in country),
    }


def _miss(gold: GoldEvent, told: list[Event]) -> dict:
    """The error row of an unmatched gold row: what the build said about it, if anything."""
    by_place = [e for e in told if place_ok(gold, e)]
    if by_place:
        return _error_row("wrong_date", gold, by_place[0])
    by_date = [e for e in told if date_ok(gold, e)]
    if by_date:
        return _error_row("wrong_place", gold, by_date[0])
    return _error_row("wrong" if told else "missed", gold, told[0] if told else None)


def is_jsonl(path: Path) -> bool:
    """Event-location JSON lines (by extension, else by a first line that opens an object)."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        return True
    return read_text_file(path, "gold file").lstrip()[:1] == "{"


def default_docs(gold: Path) -> Path:
    """The documents a CSV gold scores: the `releases/` folder beside it."""
    return Path(gold).parent / "releases"


def evaluate_events(gold: Path, docs: Path | None = None, user_places: Path | None = None,
                    errors: list[dict] | None = None) -> dict:
    """Build what the gold needs and score it: {"kind": "csv" | "jsonl", ...scores}."""
    if is_jsonl(gold):
        from geo.events.evaluate_location import read_gold_jsonl, score_locations, sentence_events
        sentences = read_gold_jsonl(gold)
        return {"kind": "jsonl", **score_locations(sentences, sentence_events(sentences, user_places), errors)}
    rows = read_gold_csv(gold)
    folder = Path(docs) if docs is not None else default_docs(gold)
    if not folder.exists():
        raise InputError(f"no documents for {gold}: {folder} does not exist (give --docs DIR)")
    from geo.api import build
    atlas = build([folder], user_places=user_places)
    if not atlas.documents:
        raise InputError(f"no readable documents in {folder}")
    return {"kind": "csv", "documents": len(atlas.documents), **score_events(rows, atlas.event_records, errors)}
