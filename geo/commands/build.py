"""`geo build [PATH ...] [--out DIR]`: the main job, documents in, maps and exports out."""

from __future__ import annotations

import argparse
from pathlib import Path

from geo import settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build", help="read documents and write the atlas and exports",
        description="Read documents (default: data/corpus/) and write maps/atlas.html, "
                    "events/places/bases/territory GeoJSON and CSV files.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: data/corpus/)")
    parser.add_argument("--out", type=Path, default=settings.MAPS_DIR, help="output folder (default: maps/)")
    parser.add_argument("--format", dest="format", default=None,
                        help="force the reader for every file: text, wikitext, scraped, html, markdown")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from geo.pipeline import build_outputs

    written = build_outputs(args.paths or [settings.CORPUS_DIR], args.out, forced_format=args.format)
    for path in written:
        print(path)
    return 0
