"""Colours for actors and territory holders: the holder colour (data/holder_colors.csv: every side
of the ground war its own colour, ISIL black), else the row's own colour, else the named palette,
else a stable fallback chosen by a hash of the name (same name, same colour, in every build)."""

from __future__ import annotations

import csv
import re
import zlib
from functools import lru_cache

from geo import settings

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@lru_cache(maxsize=1)
def _named() -> dict[str, str]:
    with open(settings.DATA_DIR / "map_palette.csv", encoding="utf-8", newline="") as handle:
        return {row["name"].strip().casefold(): row["color"].strip() for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _holders() -> dict[str, str]:
    with open(settings.DATA_DIR / "holder_colors.csv", encoding="utf-8", newline="") as handle:
        return {row["holder"].strip().casefold(): row["color"].strip() for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _fallback() -> tuple[str, ...]:
    with open(settings.DATA_DIR / "map_fallback_colors.csv", encoding="utf-8", newline="") as handle:
        return tuple(row["color"].strip() for row in csv.DictReader(handle))


def color_for(name: str, given: object = None) -> str:
    """A valid #rrggbb colour for `name`: its holder colour, else `given` if valid, else the
    palette, else a hash pick."""
    held = _holders().get(str(name).strip().casefold())
    if held:
        return held
    if isinstance(given, str) and HEX.match(given.strip()):
        return given.strip().lower()
    named = _named().get(str(name).strip().casefold())
    if named:
        return named
    colors = _fallback()
    return colors[zlib.crc32(str(name).encode("utf-8")) % len(colors)]
