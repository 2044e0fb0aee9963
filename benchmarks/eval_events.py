"""Event scores on the centcom-dev strike releases: airstrike recall and precision (strike date,
place within 25 km or same name), date and place accuracy, and country-level events.

Reads ../shared/eval/centcom-dev/ beside the project (never copied into it); says so and exits 0
when it is absent. Usage: python benchmarks/eval_events.py [--shared DIR] [--errors FILE.csv]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.events.evaluate import ERROR_COLUMNS, evaluate_events  # noqa: E402
from geo.tables import write_csv_rows  # noqa: E402

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared" / "eval"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED, help="the development data folder")
    parser.add_argument("--errors", type=Path, default=None, help="write the error rows here")
    args = parser.parse_args()
    gold = args.shared / "centcom-dev" / "gold.csv"
    if not gold.is_file():
        print(f"eval_events: {gold} is absent: no centcom-dev scores (the development data lives "
              f"beside the project, never in it)")
        return 0
    errors: list[dict] = []
    t0 = time.perf_counter()
    scores = evaluate_events(gold, errors=errors)
    seconds = time.perf_counter() - t0
    print(f"centcom-dev: {scores['documents']} releases, {scores['gold_rows']} gold strike lines, "
          f"{scores['predicted']} airstrike events at a place ({seconds:.1f} s)")
    for key in ("recall", "precision", "date_accuracy", "place_accuracy"):
        value = scores[key]
        print(f"  {key:<15} {'n/a' if value is None else f'{value:.3f}'}")
    print(f"  gold lines told by an event of their line: {scores['told']}")
    print(f"  country-level airstrike events: {scores['country_level_events']} "
          f"({scores['country_level_multi_document']} merged across releases)")
    counts: dict[str, int] = {}
    for row in errors:
        counts[row["error"]] = counts.get(row["error"], 0) + 1
    print("  errors: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if args.errors:
        write_csv_rows(args.errors, errors, list(ERROR_COLUMNS))   # document text, neutralised like every CSV
        print(f"  error rows written to {args.errors}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
