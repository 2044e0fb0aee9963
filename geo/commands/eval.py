"""`geo eval toponyms GOLD` and `geo eval events GOLD`: score places and events against gold files."""

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
    events = sub.add_parser("events", help="events: recall, precision, date and place accuracy",
                            description="GOLD: a CSV of events (strike_date or date, location, lat, lon, "
                                        "optional event_type, actor, doc, line), scored against a build of "
                                        "--docs; or event-location JSON lines (text, VERB and LOCATION spans).")
    events.add_argument("gold", type=Path)
    events.add_argument("--docs", type=Path, default=None, metavar="DIR",
                        help="the documents a CSV gold describes (default: releases/ beside GOLD)")
    events.add_argument("--json", action="store_true", help="print the scores as JSON")
    events.add_argument("--places", type=Path, default=None, help="your own places CSV")
    events.add_argument("--errors", type=Path, default=None, metavar="FILE.csv",
                        help="write every missed, spurious and wrong event with its text")
    events.set_defaults(func=run_events)


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def run(args: argparse.Namespace) -> int:
    from geo.places import load_gazetteer
    from geo.places.evaluate import evaluate, read_gold
    errors = _error_rows(args)
    scores = evaluate(read_gold(args.gold), load_gazetteer(args.places), errors)
    if args.errors:
        from geo.places.evaluate import ERROR_COLUMNS
        _write_errors(args.errors, errors, ERROR_COLUMNS)
    if args.json:
        print(json.dumps(scores, indent=2))
        return 0
    print(f"documents {scores['documents']}  gold toponyms {scores['gold_toponyms']}  "
          f"predicted {scores['predicted']}")
    for section in ("recognition", "resolution_end_to_end", "resolution_given_gold_spans"):
        print(section + ": " + "  ".join(f"{k}={_fmt(v)}" for k, v in scores[section].items()))
    return 0


def run_events(args: argparse.Namespace) -> int:
    from geo.events.evaluate import evaluate_events
    errors = _error_rows(args)
    scores = evaluate_events(args.gold, args.docs, args.places, errors)
    if args.errors:
        if scores["kind"] == "jsonl":
            from geo.events.evaluate_location import ERROR_COLUMNS
        else:
            from geo.events.evaluate import ERROR_COLUMNS
        _write_errors(args.errors, errors, ERROR_COLUMNS)
    if args.json:
        print(json.dumps(scores, indent=2))
    else:
        print("  ".join(f"{k}={_fmt(v)}" for k, v in scores.items()))
    return 0


def _error_rows(args: argparse.Namespace) -> list[dict] | None:
    """A list to collect error rows in when --errors asks for them; its folder is checked first,
    before the evaluation spends its time (and never created on the fly)."""
    if not args.errors:
        return None
    from geo.outdir import check_output_file
    check_output_file(args.errors)
    return []


def _write_errors(path: Path, rows: list[dict], columns) -> None:
    from geo.outdir import writing
    from geo.tables import write_csv_rows
    with writing(path):
        write_csv_rows(path, rows, columns)
