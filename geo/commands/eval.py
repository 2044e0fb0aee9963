"""`geo eval toponyms GOLD`: score place recognition and resolution against a gold corpus."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("eval", help="score the tool against gold files",
                                   description="Evaluate a stage against a gold corpus.")
    sub = parser.add_subparsers(dest="what", required=True, metavar="WHAT")
    top = sub.add_parser("toponyms", help="place recognition and resolution",
                         description="GOLD: GeoWebNews XML, LGL/TR-News XML or JSON lines.")
    top.add_argument("gold", type=Path)
    top.add_argument("--json", action="store_true", help="print the scores as JSON")
    top.add_argument("--places", type=Path, default=None, help="your own places CSV")
    top.add_argument("--errors", type=Path, default=None, metavar="FILE.csv",
                     help="write every missed, spurious and >161 km span with its context")
    top.set_defaults(func=run)


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def run(args: argparse.Namespace) -> int:
    from geo.places import load_gazetteer
    from geo.places.evaluate import evaluate, read_gold
    errors: list[dict] | None = [] if args.errors else None
    scores = evaluate(read_gold(args.gold), load_gazetteer(args.places), errors)
    if args.errors:
        _write_errors(args.errors, errors)
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    print(f"documents {scores['documents']}  gold toponyms {scores['gold_toponyms']}  "
          f"predicted {scores['predicted']}")
    for section in ("recognition", "resolution_end_to_end", "resolution_given_gold_spans"):
        print(section + ": " + "  ".join(f"{k}={_fmt(v)}" for k, v in scores[section].items()))
    return 0


def _write_errors(path: Path, rows: list[dict]) -> None:
    import csv
    import io

    from geo.atomic import write_text
    from geo.errors import ExportError
    from geo.places.evaluate import ERROR_COLUMNS
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ERROR_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    try:
        write_text(path, out.getvalue())
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from error
