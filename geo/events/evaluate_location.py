"""Score where events happened against event-location JSON lines: one sentence a line,
`{"text": ..., "spans": [{"start", "end", "label": "VERB" | "LOCATION"}]}`, the VERB span being
the event's trigger and the LOCATION spans where that event happened (a sentence may have none).

Each sentence is read as its own document (so nothing is merged across sentences); the events
whose trigger overlaps the VERB span are the sentence's answer.
"""

from __future__ import annotations

import csv
import json
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from geo.errors import InputError
from geo.events.evaluate import read_text_file
from geo.model import Document, Event

# Sentences come without their publication date; a fixed one lets "on Saturday" resolve, and
# dates a sentence that states none, so that where its event happened is still scored.
DOCUMENT_DATE = "2015-06-15"
ERROR_COLUMNS = ("error", "id", "trigger", "gold_location", "place", "place_text", "event_type", "text")


@dataclass(frozen=True)
class GoldSentence:
    """One sentence with its trigger span and the spans of where the event happened."""

    id: str
    text: str
    trigger: tuple[int, int]
    locations: tuple[tuple[int, int], ...]


def read_gold_jsonl(path: Path) -> list[GoldSentence]:
    """Sentences with a VERB span (those without one say nothing to score)."""
    out = []
    for number, line in enumerate(read_text_file(path, "gold file").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            spans = [(s["label"], int(s["start"]), int(s["end"])) for s in rec.get("spans", ())]
            text = str(rec["text"])
        except (ValueError, KeyError, TypeError) as error:
            raise InputError(f"{path} line {number}: bad JSON record ({error})") from error
        verbs = [(a, b) for label, a, b in spans if label == "VERB"]
        if verbs:
            out.append(GoldSentence(str(rec.get("id", number)), text, verbs[0],
                                    tuple((a, b) for label, a, b in spans if label == "LOCATION")))
    return out


def sentence_events(sentences: list[GoldSentence], user_places: Path | None = None) -> list[list[Event]]:
    """The unmerged events of each sentence, each read as a plain-text document of its own."""
    from geo.actors import load_actors
    from geo.api import place_mentions, read_documents
    from geo.events import Extractor

    with tempfile.TemporaryDirectory(prefix="geo-eval-") as folder:
        root = Path(folder)
        names = [f"s{i:06d}.txt" for i in range(len(sentences))]
        for name, s in zip(names, sentences):
            # One line per document: a newline would start a paragraph; offsets stay the same.
            (root / name).write_text(s.text.replace("\n", " ").replace("\r", " "), encoding="utf-8")
        with (root / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "format", "date"])
            writer.writerows([name, "text", DOCUMENT_DATE] for name in names)
        docs, _ = read_documents([root])
        mentions = place_mentions(docs, user_places)
    by_doc: dict[str, list] = {}
    for m in mentions:
        by_doc.setdefault(m.doc, []).append(m)
    extractor = Extractor(load_actors())
    found = {doc.id: extractor.document(_dated(doc), by_doc.get(doc.id, [])) for doc in docs}
    return [found.get(name, []) for name in names]


def _dated(doc: Document) -> Document:
    """The document with its own date as the context date of sentences that state none."""
    if doc.date is None:
        return doc
    context = replace(doc.date, start_char=-1, end_char=-1)
    return replace(doc, sentences=tuple(s if s.dates else replace(s, dates=(context,)) for s in doc.sentences))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def place_spans(text: str, event: Event) -> list[tuple[int, int]]:
    """Where the event's place is named in the sentence (every occurrence of its surface text)."""
    name = event.place_text
    spans, at = [], text.find(name) if name else -1
    while at != -1:
        spans.append((at, at + len(name)))
        at = text.find(name, at + 1)
    return spans


def at_gold_location(sentence: GoldSentence, event: Event) -> bool:
    return any(_overlaps(p, g) for p in place_spans(sentence.text, event) for g in sentence.locations)


def score_locations(gold: list[GoldSentence], answers: list[list[Event]],
                    errors: list[dict] | None = None) -> dict:
    """location_accuracy: sentences with a gold location where an event of the marked trigger
    is placed there; precision: of the trigger's events in those sentences, the share placed
    there; trigger_recall: sentences where the trigger gave any event; placed_without_gold:
    sentences with no gold location where the tool still placed the trigger's event;
    any_event_recall: sentences that gave any event at all (from the marked trigger or another)."""
    located = right = trigger_found = told = told_right = unplaced_placed = any_event = 0
    for sentence, events in zip(gold, answers):
        mine = [e for e in events if e.trigger != (-1, -1) and _overlaps(e.trigger, sentence.trigger)]
        trigger_found += bool(mine)
        any_event += bool(events)
        if not sentence.locations:
            unplaced_placed += bool(mine)
            continue
        located += 1
        good = [e for e in mine if at_gold_location(sentence, e)]
        told += len(mine)
        told_right += len(good)
        right += bool(good)
        if errors is not None and not good:
            errors.append(_error_row("wrong_place" if mine else "missed", sentence, mine[0] if mine else None))
        if errors is not None:
            errors.extend(_error_row("extra_place", sentence, e) for e in mine if good and e not in good)
    return {
        "sentences": len(gold), "with_location": located,
        "location_accuracy": right / located if located else None,
        "precision": told_right / told if told else None,
        "trigger_recall": trigger_found / len(gold) if gold else None,
        "any_event_recall": any_event / len(gold) if gold else None,
        "placed_without_gold": unplaced_placed,
    }


def _error_row(error: str, sentence: GoldSentence, event: Event | None) -> dict:
    a, b = sentence.trigger
    return {"error": error, "id": sentence.id, "trigger": sentence.text[a:b],
            "gold_location": " | ".join(sentence.text[s:e] for s, e in sentence.locations),
            "place": (event.place.name if event.place else "") if event else "",
            "place_text": event.place_text if event else "", "event_type": event.event_type if event else "",
            "text": sentence.text}
