"""`geo map [--year Y] [--actor A] [--layer L] [--from DIR] [--cdn] -o FILE`: a filtered atlas
from the exports `geo build` wrote."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo import settings
from geo.commands.filters import check_year, listing, nothing_matched, year_span


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
    from geo.outdir import check_output_file, writing
    from geo.render import write_atlas
    from geo.render.atlas import DEFAULT_TITLE
    from geo.render.select import narrow, read_exports

    years, actors, layers = _split(args.year), _split(args.actor), _split(args.layer)
    if actors:   # any alias, as `geo export --actor` takes it ("RAF" is the United Kingdom)
        from geo.actors import load_actors
        lexicon = load_actors()
        actors = [lexicon.normalize(a) or a for a in actors]
    years = [check_year(y, allow=("undated",)) for y in years] if years else None
    check_output_file(args.output)
    everything = read_exports(args.source)
    inputs = narrow(everything, years=years, actors=actors, layers=layers)
    if (years or actors) and not _matched(inputs, dated_only=bool(years)):
        raise _nothing_matched(everything, years, actors)
    title = args.title or DEFAULT_TITLE
    if years or actors:
        title += " \u2014 " + ", ".join((years or []) + (actors or []))
    with writing(args.output):
        path = write_atlas(args.output, inputs.events, inputs.bases, inputs.territory,
                           inputs.involvement, title=title, cdn=args.cdn)
    print(f"{path} ({len(inputs.events)} events)")
    return 0


def _matched(inputs, *, dated_only: bool) -> bool:
    """Anything a filter kept: events, or bases (only those with a period when years filter:
    a base whose period is unknown is kept by every year, so it proves nothing)."""
    from geo.render.labels import parse_iso

    bases = inputs.bases
    if dated_only:
        periods = zip(bases.get("start", [None] * len(bases)), bases.get("end", [None] * len(bases)))
        return bool(len(inputs.events)) or any(parse_iso(a) or parse_iso(b) for a, b in periods)
    return bool(len(inputs.events) or len(bases))


def _nothing_matched(everything, years: list[str] | None, actors: list[str] | None):
    """Which of --year / --actor finds no event or base on its own, with the values there are."""
    from geo.render.labels import year_of
    from geo.render.select import narrow

    events, bases = everything.events, everything.bases
    lone, given = {}, []
    if years:
        given.append("--year " + ",".join(years))
        if not _matched(narrow(everything, years=years), dated_only=True):
            known = {year_of(d) for d in events.get("date_start", [])}
            lone[given[-1]] = "years with events: " + year_span(int(y) for y in known if y.isdigit())
    if actors:
        given.append("--actor " + ",".join(actors))
        if not _matched(narrow(everything, actors=actors), dated_only=False):
            names = list(events.get("actor", [])) + [u.strip() for users in bases.get("users", [])
                                                      for u in str(users).split(";")]
            lone[given[-1]] = "actors: " + listing(names)
    return nothing_matched("events or bases", lone, given)
