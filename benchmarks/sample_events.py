"""Draw a seeded random sample of events from a build's events.csv for a hand audit: each event's
type, dates, place, actor, target and source line with its evidence sentence, numbered.

    python benchmarks/sample_events.py OUT_DIR/events.csv [--n 60] [--seed 9]

Build first, e.g. `python -m geo build ../shared/eval/wiki-dev --out /tmp/wiki --no-map`; the
audit verdicts (type, place, date, actor all right?) are a reader's, not this script's.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", type=Path, help="events.csv of a build")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    if not args.events.is_file():
        print(f"sample_events: {args.events} is absent: build first")
        return 1
    with args.events.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    picked = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    print(f"{len(picked)} of {len(rows)} events, seed {args.seed}")
    for k, row in enumerate(picked, start=1):
        dates = row["date_start"] + ("" if row["date_end"] == row["date_start"] else ".." + row["date_end"])
        print(f"{k:2d}. {row['event_type']} | {dates} ({row['date_precision']}) | {row['place']} "
              f"[{row['country']}, {row['geo_precision']}] | actor {row['actor'] or '-'} | target "
              f"{row['target'] or '-'} | {row['doc']}:{row['line']}")
        print(f"    {row['evidence']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
