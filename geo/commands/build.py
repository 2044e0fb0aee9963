"""`geo build [PATH ...] [--out DIR]`: the main job, documents in, maps and exports out."""

from __future__ import annotations

import argparse
import sys
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
    parser.add_argument("--no-map", dest="with_map", action="store_false",
                        help="skip atlas.html (faster; the GeoJSON/CSV files are still written)")
    parser.add_argument("--places", dest="user_places", type=Path, default=None,
                        help="your own places CSV, added to the gazetteer")
    parser.add_argument("--control", dest="control_polygons", type=Path, default=None,
                        help="GeoJSON control polygons (holder, start, end) replacing derived ones")
    scale = parser.add_argument_group("scale")
    scale.add_argument("--workers", type=_positive, default=None, metavar="N",
                       help="worker processes (default: every core; 1: in this process)")
    scale.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="Dask scheduler, e.g. tcp://host:8786 (default: $DASK_SCHEDULER_ADDRESS)")
    scale.add_argument("--no-cache", dest="cache", action="store_false",
                       help="recompute every document instead of reusing the per-document cache")
    scale.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    parser.set_defaults(func=run)


def _positive(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    """Write the outputs of every readable file; one error line per unreadable one, exit 1."""
    from geo.outdir import locked
    from geo.pipeline import run_build

    with locked(args.out):   # taken before the build: a second build to --out fails now, in one line
        written, errors = run_build(args.paths or [settings.CORPUS_DIR], args.out, forced_format=args.format,
                                    with_map=args.with_map, user_places=args.user_places,
                                    control_polygons=args.control_polygons, workers=args.workers,
                                    scheduler=args.scheduler, cache=args.cache, quiet=args.quiet)
    for path in written:
        print(path)
    for error in errors:
        print(f"geo: error: {error}", file=sys.stderr)
    return 1 if errors else 0
