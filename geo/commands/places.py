"""`geo places PATH... [--json] [--places my.csv] [--online]`: place mentions of any files."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from geo.errors import GeoError, InputError

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "places", help="recognise and resolve place names in files",
        description="Print one row per place mention (mentions.csv columns; offsets into the file "
                    "as given). Plain text files are read as they are; other formats through the "
                    "document readers when available.")
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders")
    parser.add_argument("--json", action="store_true", help="one JSON object per line instead of CSV")
    parser.add_argument("--places", type=Path, default=None, help="your own places CSV (takes precedence)")
    parser.add_argument("--online", action="store_true",
                        help="ask a web geocoder (Nominatim) about names the gazetteer lacks")
    parser.add_argument("--geocoder-url", metavar="URL", default=None,
                        help="your own Nominatim for --online (implies it), e.g. http://nominatim.local:8080; "
                             "default: $GEO_GEOCODER_URL, else nominatim.openstreetmap.org")
    parser.add_argument("--unresolved", action="store_true", help="list only unresolved names")
    parser.set_defaults(func=run)


def _files(paths: list[Path]) -> list[Path]:
    out = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix != ".csv"))
        elif path.exists():
            out.append(path)
        else:
            raise InputError(f"no such file: {path}")
    return out


def _online(url: str | None):
    try:
        from geo.places.online import OnlineLookup, nominatim_at
    except ImportError as error:
        raise GeoError("--online needs geo.places.online, which is not available") from error
    return OnlineLookup(nominatim_at(url))


def mentions_of(path: Path, gazetteer, online=None):
    """Mentions of one file: plain text directly (offsets as given), other formats via ingest."""
    from geo.places import find_mentions, find_mentions_in_text
    if path.suffix.lower() in (".txt", ".text", "") and not _is_markup(path):
        from geo.ingest.decode import read_text

        # the readers' decoding: empty and binary files are one-line errors, cp1252 a warning
        text, _ = read_text(path)
        return find_mentions_in_text(text, gazetteer, path.name, online)
    try:
        from geo.ingest import read_document
    except ImportError:
        text = path.read_text(encoding="utf-8", errors="replace")
        return find_mentions_in_text(text, gazetteer, path.name, online)
    return find_mentions(read_document(path), gazetteer, online)


def _is_markup(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = handle.read(20000)
    except OSError as error:
        raise InputError(f"{path.name}: cannot read ({error.strerror or error})") from None
    return "[[" in head and ("{{" in head or "<ref" in head)


def run(args: argparse.Namespace) -> int:
    from geo.places import MENTION_COLUMNS, load_gazetteer, mention_rows
    from geo.tables import SafeCsvWriter
    files = _files(args.paths)
    gazetteer = load_gazetteer(args.places)
    online = _online(args.geocoder_url) if args.online or args.geocoder_url else None
    writer = None if args.json else SafeCsvWriter(sys.stdout, list(MENTION_COLUMNS))
    failures = 0
    for path in files:
        try:
            mentions = mentions_of(path, gazetteer, online)
        except GeoError as error:  # one bad file never loses the others
            print(f"geo: error: {error}", file=sys.stderr)     # the message names the file
            failures += 1
            continue
        except OSError as error:   # unreadable (permissions, a vanished file): one line too
            print(f"geo: error: {path.name}: cannot read ({error.strerror or error})", file=sys.stderr)
            failures += 1
            continue
        if args.unresolved:
            mentions = [m for m in mentions if m.place is None]
        for m, row in zip(mentions, mention_rows(mentions)):
            if writer:
                writer.writerow(row)
            else:  # JSON also says whether a country name is only a modifier ("U.S. forces")
                print(json.dumps({**row, "role": m.role}, ensure_ascii=False))
    return 1 if failures else 0
