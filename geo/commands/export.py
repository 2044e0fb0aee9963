"""`geo export --layer L --format F -o FILE [filters] [PATH ...]`: one layer, filtered, in a GIS format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo import settings
from geo.commands.filters import check_period, check_year, listing, nothing_matched, year_span
from geo.errors import ExportError, InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export", help="write one layer (events, places, bases, territory) as GeoJSON, CSV or GeoPackage",
        description="Build from the documents (default: data/corpus/) and write one layer, filtered "
                    "by year, actor, event type and date range, as RFC 7946 GeoJSON, CSV or GeoPackage.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: data/corpus/)")
    parser.add_argument("--layer", required=True, choices=("events", "places", "bases", "territory"))
    parser.add_argument("--format", dest="fmt", choices=("geojson", "csv", "gpkg"), default=None,
                        help="output format (default: from the file extension)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument("--year", default=None, help="keep what happened in this year")
    parser.add_argument("--actor", default=None, help='keep this actor (any alias: "RAF", "U.S.")')
    parser.add_argument("--type", dest="event_type", default=None, help="keep this event type (events layer)")
    parser.add_argument("--from", dest="date_from", default=None, help="keep what ends on/after this date")
    parser.add_argument("--to", dest="date_to", default=None, help="keep what starts on/before this date")
    parser.add_argument("--input-format", dest="forced_format", default=None,
                        help="force the reader for every file: text, wikitext, scraped, html, markdown")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.api import build
    from geo.export import FORMATS, filter_frame, iso_date, rows_written, write_layer
    from geo.model import EVENT_TYPES
    from geo.outdir import check_output_file, writing

    check_output_file(args.output)     # before the build spends its time
    fmt = args.fmt or args.output.suffix.lstrip(".").lower().replace("json", "geojson").replace("geogeojson", "geojson")
    if fmt not in FORMATS:
        raise ExportError(f"cannot tell the format of {args.output.name}: use --format geojson|csv|gpkg")
    if args.event_type and args.event_type not in EVENT_TYPES:
        raise ExportError(f"unknown event type {args.event_type!r}: use one of {', '.join(EVENT_TYPES)}")
    filters = {"year": int(check_year(args.year)) if args.year is not None else None,
               "actor": args.actor, "event_type": args.event_type,
               "date_from": args.date_from, "date_to": args.date_to}
    check_period(iso_date(args.date_from, "--from") if args.date_from else None,
                 iso_date(args.date_to, "--to") if args.date_to else None)
    paths = args.paths or [settings.CORPUS_DIR]
    atlas = build(paths, forced_format=args.forced_format)
    if not atlas.documents:
        reason = atlas.errors[0] if atlas.errors else "no documents found"
        raise InputError(f"no readable documents in {', '.join(str(p) for p in paths)} ({reason})")
    for error in atlas.errors:      # unreadable files: one line each, the readable ones still export
        print(f"geo: error: {error}", file=sys.stderr)
    table = getattr(atlas, args.layer)
    kept = filter_frame(table, **filters)
    if len(kept) == 0 and len(table) and any(v is not None for v in filters.values()):
        raise _nothing_matched(table, args.layer, filters)
    with writing(args.output):
        path = write_layer(kept, args.output, fmt, args.layer)
    print(f"{path} ({rows_written(kept, fmt)} {args.layer})")
    return 1 if atlas.errors else 0


FLAGS = {"year": "--year", "actor": "--actor", "event_type": "--type", "date_from": "--from",
         "date_to": "--to"}


def _nothing_matched(table, layer: str, filters: dict) -> ExportError:
    """Which filters match no row of the layer on their own, with the values the layer has."""
    from geo.export import filter_frame

    lone, given = {}, []
    for key, value in filters.items():
        if value is None:
            continue
        flag = f"{FLAGS[key]} {value}"
        given.append(flag)
        if len(filter_frame(table, **{key: value})) == 0:
            lone[flag] = _known(table, key, layer)
    return nothing_matched(layer, lone, given)


def _known(table, key: str, layer: str) -> str:
    from geo.export import ACTOR_COLUMNS, actor_names, date_columns
    from geo.render.labels import parse_iso

    if key == "actor":
        names = [n for c in ACTOR_COLUMNS if c in table.columns for v in table[c] for n in actor_names(v)]
        return f"actors in these {layer}: {listing(names)}"
    if key == "event_type":
        return f"types in these {layer}: {listing(table['event_type'])}"
    years = []
    for col in date_columns(table):
        if col:
            years += [d.year for d in map(parse_iso, table[col]) if d]
    return f"years with {layer}: {year_span(years)}" if years else f"these {layer} have no dates"
