"""Score recognition and resolution against gold geoparsing corpora.

Formats: GeoWebNews XML (<toponym> with extractedName, start, end, latitude, longitude),
LGL/TR-News XML (<toponym> with phrase, start, end, <gaztag><lat/><lon/></gaztag>) and
JSON lines ({"text": ..., "toponyms": [{"start", "end", "lat", "lon"}]}).
"""

from __future__ import annotations

import json
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import InputError
from geo.places.resolve import haversine_km


@dataclass
class GoldDoc:
    text: str
    toponyms: list[tuple[int, int, float, float]] = field(default_factory=list)


def _float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def read_gold(path: Path) -> list[GoldDoc]:
    """Gold documents with their geocoded toponyms (start, end, lat, lon)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read gold file {path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: gold file is not UTF-8 text (byte {error.start})") from error
    if raw.lstrip().startswith("{"):
        return _read_jsonl(raw, path)
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise InputError(f"{path}: not XML or JSON lines ({error})") from error
    docs = []
    for article in root.iter("article"):
        text = article.findtext("text") or ""
        doc = GoldDoc(text)
        for t in article.iter("toponym"):
            gaz = t.find("gaztag")
            if gaz is not None:  # LGL / TR-News
                lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
            else:  # GeoWebNews
                lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            start, end = _float(t.findtext("start")), _float(t.findtext("end"))
            if None in (lat, lon, start, end):
                continue
            doc.toponyms.append((int(start), int(end), lat, lon))
        docs.append(doc)
    return docs


def _read_jsonl(raw: str, path: Path) -> list[GoldDoc]:
    docs = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            doc = GoldDoc(rec["text"])
            for t in rec.get("toponyms", ()):
                if t.get("lat") is not None and t.get("lon") is not None:
                    doc.toponyms.append((int(t["start"]), int(t["end"]), float(t["lat"]), float(t["lon"])))
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path} line {number}: bad JSON record ({error})") from error
        docs.append(doc)
    return docs


def _acc(errors: list[float], km: float) -> float:
    return sum(e <= km for e in errors) / len(errors) if errors else 0.0


ERROR_COLUMNS = ("error", "doc", "start", "end", "text", "gold_lat", "gold_lon", "place_id",
                 "name", "lat", "lon", "km", "context")


def _error_row(error: str, index: int, doc: GoldDoc, span: tuple[int, int], gold, place,
               km: float | None) -> dict:
    """One row of the errors file: what went wrong, where, and the words around it."""
    s, e = span
    return {"error": error, "doc": index, "start": s, "end": e, "text": doc.text[s:e],
            "gold_lat": gold[0] if gold else "", "gold_lon": gold[1] if gold else "",
            "place_id": place.place_id if place else "", "name": place.name if place else "",
            "lat": place.lat if place else "", "lon": place.lon if place else "",
            "km": "" if km is None else ("unresolved" if km == float("inf") else round(km, 1)),
            "context": " ".join(doc.text[max(0, s - 60):e + 60].split())}


def evaluate(docs: list[GoldDoc], gazetteer, errors: list[dict] | None = None) -> dict:
    """Recognition P/R/F1 (exact and overlapping spans), resolution accuracy and median error.
    With `errors`, append one row (ERROR_COLUMNS) per missed or spurious span and per
    resolution more than 161 km off, end to end ("far") and given gold spans ("far_given")."""
    from geo.places import find_mentions_in_text
    from geo.places.given import resolve_spans
    tp = fp = fn = lenient_tp = 0
    e2e: list[float] = []
    given: list[float] = []

    def log(*row) -> None:  # rows are built only when asked for
        if errors is not None:
            errors.append(_error_row(*row))

    for index, doc in enumerate(docs):
        gold = {(s, e): (lat, lon) for s, e, lat, lon in doc.toponyms}
        mentions = [m for m in find_mentions_in_text(doc.text, gazetteer)]
        predicted = {(m.start, m.end): m for m in mentions}
        for span, m in predicted.items():
            if span in gold:
                tp += 1
                km = haversine_km(m.place.lat, m.place.lon, *gold[span]) if m.place else float("inf")
                e2e.append(km)
                if km > 161:
                    log("far", index, doc, span, gold[span], m.place, km)
            else:
                fp += 1
                log("spurious", index, doc, span, None, m.place, None)
        for span in gold:
            if span not in predicted:
                fn += 1
                log("missed", index, doc, span, gold[span], None, None)
        lenient_tp += sum(1 for gs, ge in gold if any(ps < ge and gs < pe for ps, pe in predicted))
        spans = list(gold)
        for (span, place) in zip(spans, resolve_spans(doc.text, spans, gazetteer)):
            km = haversine_km(place.lat, place.lon, *gold[span]) if place else float("inf")
            given.append(km)
            if km > 161:
                log("far_given", index, doc, span, gold[span], place, km)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    n_gold = tp + fn
    return {
        "documents": len(docs), "gold_toponyms": n_gold, "predicted": tp + fp,
        "recognition": {"precision": precision, "recall": recall,
                        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
                        "recall_overlap": lenient_tp / n_gold if n_gold else 0.0},
        "resolution_end_to_end": {"n": len(e2e), "acc@161km": _acc(e2e, 161), "acc@25km": _acc(e2e, 25),
                                  "median_km": statistics.median(e2e) if e2e else None},
        "resolution_given_gold_spans": {"n": len(given), "acc@161km": _acc(given, 161),
                                        "acc@25km": _acc(given, 25),
                                        "median_km": statistics.median(given) if given else None},
    }
