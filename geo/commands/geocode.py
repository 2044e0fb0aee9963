"""`geo geocode NAME [--country IQ]`: gazetteer candidates for a name, best first."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("geocode", help="look a place name up in the offline gazetteer",
                                   description="Print the gazetteer candidates for NAME, best first.")
    parser.add_argument("name", help="place name in any spelling (Irbil, Al-Qa'im, ORAA)")
    parser.add_argument("--country", action="append", default=None,
                        help="ISO 3166-1 alpha-2 code to restrict to (repeatable)")
    parser.add_argument("--places", type=Path, default=None, help="your own places CSV (takes precedence)")
    parser.add_argument("--limit", type=int, default=10, help="how many candidates (default 10)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.places.geocoder import GazetteerGeocoder
    geocoder = GazetteerGeocoder(user_places=args.places)
    places = geocoder.candidates(args.name, args.country)
    if not places:
        print(f"no place named {args.name!r} in the gazetteer")
        return 1
    for p in places[: args.limit]:
        print(f"{p.place_id}\t{p.name}\t{p.kind}\t{p.country}\t{p.lat:.5f}\t{p.lon:.5f}\t"
              f"pop={p.population}\t{p.source}")
    return 0
