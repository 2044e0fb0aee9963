"""`geo map [--year Y] [--actor A] [--layer L] [--from DIR] [--cdn] -o FILE`: a filtered atlas
from the exports `geo build` wrote."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo import settings


def _split(values: list[str] | None) -> list[str] | None:
    """Repeated options and comma lists both work: --year 2014 --year 2015,2016."""
    if not values:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "map", help="write a filtered atlas from the exports of `geo build`",
        description="Read events/bases/territory GeoJSON and involvement.csv from --from DIR and "
                    "write one self-contained HTML map keeping only the chosen years, actors, layers.",
    )
    parser.add_argument("--year", action="append", metavar="Y", help="keep this year (repeatable)")
    parser.add_argument("--actor", action="append", metavar="A", help="keep this actor (repeatable)")
    parser.add_argument("--layer", action="append", metavar="L",
                        help="keep this layer: airstrikes, changes, bases, other, territory, involvement")
    parser.add_argument("--from", dest="source", type=Path, default=settings.MAPS_DIR, metavar="DIR",
                        help="folder written by `geo build` (default: maps/)")
    parser.add_argument("--cdn", action="store_true", help="link scripts from CDNs (small file, needs internet)")
    parser.add_argument("--title", default=None, help="map title")
    parser.add_argument("-o", "--output", type=Path, required=True, help="HTML file to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.render import write_atlas
    from geo.render.atlas import DEFAULT_TITLE
    from geo.render.select import narrow, read_exports

    years, actors, layers = _split(args.year), _split(args.actor), _split(args.layer)
    inputs = narrow(read_exports(args.source), years=years, actors=actors, layers=layers)
    title = args.title or DEFAULT_TITLE
    if years or actors:
        title += " \u2014 " + ", ".join((years or []) + (actors or []))
    path = write_atlas(args.output, inputs.events, inputs.bases, inputs.territory,
                       inputs.involvement, title=title, cdn=args.cdn)
    print(f"{path} ({len(inputs.events)} events)")
    return 0
