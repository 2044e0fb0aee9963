"""Place accuracy on the development data beside the project (../shared/eval/, never copied
into the repository): prints figures, asserts nothing.

- GeoWebNews (geowebnews/GWN.xml): end-to-end accuracy within 161 km (Mordecai 3: 0.941).
- Coalition strike releases (centcom-dev/): the share of bullet lines ("- Near X, ...") whose
  place X is recognised and resolved within 25 km of the gold point, or, where the gold row
  has no point, to a place of the same name. `--misses` lists the lines that fail.

Usage: python benchmarks/eval_places.py [--eval-dir DIR] [--misses] [--only gwn|centcom]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

from geo import settings

DEFAULT_DIR = Path(settings.REPO_ROOT).parent / "shared" / "eval"
NEAR_RE = re.compile(r"^\s*[-*]\s*(?:Near|In|At)\s+(.+?),")
WITHIN_KM = 25.0


def geowebnews(eval_dir: Path, gazetteer) -> None:
    from geo.places.evaluate import evaluate, read_gold
    gold = eval_dir / "geowebnews" / "GWN.xml"
    if not gold.exists():
        print(f"GeoWebNews: {gold} is absent; skipped")
        return
    scores = evaluate(read_gold(gold), gazetteer)
    end = scores["resolution_end_to_end"]
    print(f"GeoWebNews end to end: acc@161km={end['acc@161km']:.3f} (target >= 0.941)  "
          f"recognition F1={scores['recognition']['f1']:.3f}  "
          f"given gold spans acc@161km={scores['resolution_given_gold_spans']['acc@161km']:.3f}")


def _gold_rows(path: Path) -> dict[str, list[dict]]:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            by_doc[row["doc"]].append(row)
    return by_doc


def _line_ok(row: dict, mentions, line_text: str, line_start: int) -> tuple[bool, str]:
    """Whether the bullet line's place is found and resolved as gold says; and what was found."""
    from geo.places import fold
    from geo.places.locality import haversine_km
    m = NEAR_RE.match(line_text)
    if not m:
        return False, "no 'Near X,' on the line"
    name_at = line_start + m.start(1)
    on_line = [x for x in mentions if x.line == int(row["line"])]
    hit = next((x for x in on_line if x.start <= name_at < x.end), None)
    if hit is None:
        found = ", ".join(f"{x.text}" for x in on_line) or "nothing"
        return False, f"not recognised (line has: {found})"
    if hit.place is None:
        return False, f"'{hit.text}' unresolved"
    p = hit.place
    desc = f"'{hit.text}' -> {p.name} ({p.country}, {p.kind})"
    if row["lat"] and row["lon"]:
        km = haversine_km(p.lat, p.lon, float(row["lat"]), float(row["lon"]))
        return km <= WITHIN_KM, f"{desc} {km:.0f} km"
    return fold.canonical(p.name) == fold.canonical(row["location"]), desc


def centcom(eval_dir: Path, gazetteer, show_misses: bool) -> None:
    from geo.ingest import read_document
    from geo.places import find_mentions
    folder = eval_dir / "centcom-dev"
    gold = folder / "gold.csv"
    if not gold.exists():
        print(f"centcom-dev: {gold} is absent; skipped")
        return
    total = good = 0
    misses = []
    for doc_name, rows in sorted(_gold_rows(gold).items()):
        path = folder / "releases" / doc_name
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        mentions = find_mentions(read_document(path), gazetteer)
        for row in rows:
            total += 1
            k = int(row["line"]) - 1
            ok, what = _line_ok(row, mentions, lines[k], starts[k])
            good += ok
            if not ok:
                misses.append((doc_name, row["line"], row["location"], what))
    share = good / total if total else 0.0
    print(f"centcom-dev strike lines: {good}/{total} = {share:.3f} places recognised and "
          f"resolved within {WITHIN_KM:.0f} km (target >= 0.97)")
    if show_misses:
        for doc_name, line, location, what in misses:
            print(f"  {doc_name}:{line}  gold {location!r}: {what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--misses", action="store_true", help="list the strike lines that fail")
    parser.add_argument("--only", choices=("gwn", "centcom"))
    args = parser.parse_args(argv)
    if not args.eval_dir.is_dir():
        print(f"eval_places: development data not found at {args.eval_dir}; nothing measured")
        return 0
    from geo.places import load_gazetteer
    gazetteer = load_gazetteer()
    if args.only != "centcom":
        geowebnews(args.eval_dir, gazetteer)
    if args.only != "gwn":
        centcom(args.eval_dir, gazetteer, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
