"""Where did the marked event happen? Scores geo.events.where.choose on the event-location
development sentences (../shared/eval/event-location/dev.jsonl, MIT-licensed, never copied into
the project): each sentence's places come from the place stage, the marked VERB is the trigger,
and the answer is right when the chosen place overlaps a marked LOCATION span.

The sentences are split by a hash of their id: 70% train the weights
(benchmarks/train_event_location.py), 30% are held out; the held-out figure is the honest one.
Sentences whose only LOCATION spans are blank or one or two characters (labelling slips) cannot
be scored and are counted apart.

    python benchmarks/eval_event_location.py [--shared DIR] [--all] [--errors FILE.tsv]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
import zlib
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from geo.actors import load_actors  # noqa: E402
from geo.events.evaluate_location import read_gold_jsonl  # noqa: E402
from geo.events.where import Candidate, choose, load_weights, sentence_candidates  # noqa: E402

SHARED = PROJECT.parent / "shared" / "eval"
HELD_OUT = 3          # sentences whose id hashes to 0..2 (of 10) are never trained on


def held_out(sentence_id: str) -> bool:
    return zlib.crc32(sentence_id.encode("utf-8")) % 10 < HELD_OUT


def usable(span_text: str) -> bool:
    """A LOCATION span that names something (the data has blank and one-letter slips)."""
    text = span_text.strip()
    return len(text) >= 3 and text[0].isalnum()


def read_sentences(path: Path) -> list[dict]:
    """Sentences with a VERB span (read by `geo eval events`' own reader): id, text, trigger,
    locations (usable spans), slip (LOCATION spans, none usable)."""
    out = []
    for gold in read_gold_jsonl(path):
        locations = [(a, b) for a, b in gold.locations if usable(gold.text[a:b])]
        out.append({"id": gold.id, "text": gold.text, "trigger": gold.trigger, "locations": locations,
                    "slip": bool(gold.locations) and not locations})
    return out


def with_candidates(sentences: list[dict]) -> list[dict]:
    """Adds each sentence's candidates: the place stage's mentions, then names after locatives."""
    from geo.api import place_mentions, read_documents

    with tempfile.TemporaryDirectory(prefix="geo-evloc-") as folder:
        root = Path(folder)
        names = [f"s{i:06d}.txt" for i in range(len(sentences))]
        for name, s in zip(names, sentences):
            # One line per document, same length: mention offsets are offsets in the sentence.
            (root / name).write_text(s["text"].replace("\n", " ").replace("\r", " "), encoding="utf-8")
        with (root / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "format", "date"])
            writer.writerows([name, "text", "2015-06-15"] for name in names)
        docs, _ = read_documents([root])
        mentions = place_mentions(docs)
    by_doc: dict[str, list] = {}
    for m in mentions:
        if m.role == "place":
            by_doc.setdefault(m.doc, []).append(m)
    actors = load_actors()
    for name, s in zip(names, sentences):
        s["candidates"] = sentence_candidates(s["text"], s["trigger"], by_doc.get(name, []), actors)
    return sentences


def right(s: dict, cand: Candidate | None) -> bool:
    """The chosen span overlaps a marked location, or names the same place elsewhere in the sentence."""
    if cand is None:
        return False
    text = s["text"]
    return any(cand.start < b and a < cand.end or text[cand.start:cand.end] == text[a:b] for a, b in s["locations"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the development data folder")
    parser.add_argument("--errors", type=Path, default=None, help="write the held-out misses here (TSV)")
    args = parser.parse_args()
    path = args.shared / "event-location" / "dev.jsonl"
    if not path.is_file():
        print(f"eval_event_location: {path} is absent: no event-location scores (the development data "
              f"lives beside the project, never in it)")
        return 0
    t0 = time.perf_counter()
    sentences = with_candidates(read_sentences(path))
    weights = load_weights()
    rows = []
    for part, keep in (("held-out", True), ("train", False)):
        scored = [s for s in sentences if held_out(s["id"]) == keep and s["locations"]]
        hits = [right(s, choose(s["text"], s["trigger"], s["candidates"], weights)) for s in scored]
        reachable = [any(right(s, c) for c in s["candidates"]) for s in scored]
        slips = sum(1 for s in sentences if held_out(s["id"]) == keep and s["slip"])
        rows.append((part, len(scored), sum(hits), sum(reachable), slips))
        if keep and args.errors:
            with args.errors.open("w", encoding="utf-8") as handle:
                for s, ok in zip(scored, hits):
                    if not ok:
                        got = choose(s["text"], s["trigger"], s["candidates"], weights)
                        handle.write("\t".join((s["id"], s["text"][slice(*s["trigger"])],
                                                "|".join(s["text"][a:b] for a, b in s["locations"]),
                                                s["text"][got.start:got.end] if got else "",
                                                s["text"].replace("\t", " ").replace("\n", " "))) + "\n")
    print(f"event-location: {len(sentences)} sentences with a trigger ({time.perf_counter() - t0:.0f} s)")
    for part, n, hit, reach, slips in rows:
        print(f"  {part:<9} chosen location is a marked one: {hit}/{n} = {hit / max(n, 1):.3f}"
              f"   (a candidate overlaps one: {reach / max(n, 1):.3f}; {slips} sentences whose only "
              f"LOCATION spans are slips left out)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
