"""The `geo` command line: thin, each subcommand lives in `geo/commands/` and calls the library.

Errors from the `GeoError` family become one line on stderr and exit status 1; an
unexpected error is also reported in one line (exit 2) so no traceback reaches the user
(set GEO_DEBUG=1 to see it).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from geo.errors import GeoError

# Each module defines register(subparsers) and sets a `func(args) -> int` default.
COMMAND_MODULES = (
    "geo.commands.build",
    "geo.commands.ingest",
    "geo.commands.map",
    "geo.commands.export",
    "geo.commands.places",
    "geo.commands.geocode",
    "geo.commands.eval",
)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geo",
        description="Turn documents about a war into sourced, dated events on a map.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="geo: %(levelname)s: %(message)s",
    )
    try:
        return int(args.func(args) or 0)
    except GeoError as error:
        print(f"geo: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("geo: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - last line of defence, still one line
        if os.environ.get("GEO_DEBUG"):
            raise
        print(f"geo: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
