"""The point a page gives for its own subject: wikitext {{coord}} (the one shown at the title or
given as an infobox's `coordinates =`), a "Coordinates: 36°20′N 43°08′E" line, HTML
<meta name="geo.position"> / <meta name="ICBM"> and JSON-LD "geo" {latitude, longitude}.

The place stage makes the page's subject a place at that point for this document, so an
article about an airbase the gazetteer lacks still maps. Coordinates that are not a point on
Earth (latitude 95, minutes 75) are skipped with a one-line warning; nothing here raises.
"""

from __future__ import annotations

import json
import math
import re

# {{coord|36|20|N|43|08|E|display=title}}: its parameters (nested templates are not coordinates)
_COORD_RE = re.compile(r"\{\{\s*coord\s*\|([^{}]*)\}\}", re.IGNORECASE)
_INFOBOX_PARAM_RE = re.compile(r"\|\s*(?:coordinates|coords)\s*=\s*$", re.IGNORECASE)
# "Coordinates: 36°20′N 43°08′E", "**Coordinates**: 36.33, 43.13" at the start of a line
_LINE_RE = re.compile(r"^[ \t>*_#-]*coordinates[*_]*[ \t]*[:=][*_]*[ \t]*(.+)$", re.IGNORECASE | re.MULTILINE)
_NUM = r"[+-]?\d+(?:\.\d+)?"
_DMS_PART = (r"(" + _NUM + r")\s*°\s*(?:(" + _NUM + r")\s*['′’]\s*(?:(" + _NUM + r")\s*(?:\"|″|''|′′|”)\s*)?)?\s*")
_DMS_PAIR_RE = re.compile(_DMS_PART + r"([NSns])[\s,;/]*" + _DMS_PART + r"([EWew])\b")
_DECIMAL_PAIR_RE = re.compile(r"(" + _NUM + r")\s*[,;]\s*(" + _NUM + r")(?![\d°])")
_META_RE = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR_RE = re.compile(r"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_LD_RE = re.compile(r"<script\b[^>]*application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)


MAX_TRIES = 3      # coordinates that are no point, tried (and warned about) before giving up
MAX_LOOKS = 50     # occurrences of the word "coordinates" looked at (a page gives its own early)


class BadCoordinates(ValueError):
    """Coordinates written on the page that are no point on Earth."""


def page_point(text: str, fmt: str) -> tuple[tuple[float, float] | None, list[str]]:
    """(lat, lon) the page gives for its subject, or None; and warnings for coordinates skipped."""
    warnings: list[str] = []
    finders = {"wikitext": (_wikitext_coords,), "html": (_html_meta, _json_ld, _coordinates_lines)}
    for finder in finders.get(fmt, (_coordinates_lines,)):
        for raw, parse in finder(text):
            try:
                return _checked(*parse(raw)), warnings
            except (BadCoordinates, ValueError, TypeError) as error:
                warnings.append(f"ignoring coordinates {raw.strip()[:60]!r} ({error})")
                if len(warnings) >= MAX_TRIES:
                    return None, warnings
    return None, warnings


def _checked(lat: float, lon: float) -> tuple[float, float]:
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise BadCoordinates("not numbers")
    if not -90 <= lat <= 90:
        raise BadCoordinates(f"latitude {lat:g} is beyond 90")
    if not -180 <= lon <= 180:
        raise BadCoordinates(f"longitude {lon:g} is beyond 180")
    return round(lat, 6), round(lon, 6)


def _number(value: str) -> float:
    return float(value.strip().replace("−", "-"))


def _degrees(parts: list[str], hemisphere: str) -> float:
    """Degrees from [d], [d, m] or [d, m, s] and N/S/E/W (S and W negative)."""
    if not 1 <= len(parts) <= 3 or any(not p.strip() for p in parts):
        raise BadCoordinates("not degrees, minutes and seconds")
    values = [_number(p) for p in parts]
    if any(v < 0 or v >= 60 for v in values[1:]):
        raise BadCoordinates("minutes and seconds run from 0 to 59")
    if len(values) > 1 and values[0] < 0:
        raise BadCoordinates("a negative angle with a hemisphere")
    value = values[0] + sum(v / 60 ** k for k, v in enumerate(values[1:], 1))
    return -value if hemisphere.upper() in "SW" else value


# -- wikitext ------------------------------------------------------------------------

def _wikitext_coords(text: str):
    """{{coord}} templates shown at the title or set as an infobox's coordinates, in order."""
    for m in _COORD_RE.finditer(text):
        params = [p.strip() for p in m.group(1).split("|")]
        named = {k.strip().lower(): v for k, _, v in (p.partition("=") for p in params if "=" in p)}
        line_before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if "title" in named.get("display", "").lower() or _INFOBOX_PARAM_RE.search(line_before):
            yield m.group(0), _coord_template


def _coord_template(raw: str) -> tuple[float, float]:
    """{{coord|lat|lon}}, {{coord|d|m|s|N|d|m|s|E}} (degrees only, or with minutes) and the like."""
    params = [p.strip() for p in _COORD_RE.match(raw).group(1).split("|")]
    positional = [p for p in params if "=" not in p and ":" not in p]
    hemis = [i for i, p in enumerate(positional) if p.upper() in ("N", "S", "E", "W")]
    if not hemis:
        if len(positional) < 2:
            raise BadCoordinates("no latitude and longitude")
        return _number(positional[0]), _number(positional[1])
    if len(hemis) < 2 or positional[hemis[0]].upper() not in "NS" or positional[hemis[1]].upper() not in "EW":
        raise BadCoordinates("hemispheres are not N/S then E/W")
    i, j = hemis[:2]
    return (_degrees(positional[:i], positional[i]),
            _degrees(positional[i + 1:j], positional[j]))


# -- plain text and Markdown -------------------------------------------------------------

def _coordinates_lines(text: str):
    """Lines that start "Coordinates:" (found by plain search first: a regex over every line of
    a 50 MB text would cost a second)."""
    for needle in ("oordinates", "OORDINATES"):
        at = text.find(needle)
        for _ in range(MAX_LOOKS):
            if at < 0:
                break
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            m = _LINE_RE.match(text, start, end)
            if m:
                yield m.group(1), _written_pair
            at = text.find(needle, end)


def _written_pair(raw: str) -> tuple[float, float]:
    """"36°20′N 43°08′E", "36.333°N 43.133°E" or "36.333, 43.133" (the first pair on the line)."""
    m = _DMS_PAIR_RE.search(raw)
    if m:
        lat = _degrees([g for g in m.group(1, 2, 3) if g is not None], m.group(4))
        lon = _degrees([g for g in m.group(5, 6, 7) if g is not None], m.group(8))
        return lat, lon
    m = _DECIMAL_PAIR_RE.search(raw)
    if m:
        return _number(m.group(1)), _number(m.group(2))
    raise BadCoordinates("no latitude and longitude")


# -- HTML ----------------------------------------------------------------------------

def _html_meta(text: str):
    """<meta name="geo.position" content="lat;lon">, <meta name="ICBM" content="lat, lon">."""
    for tag in _META_RE.finditer(text):
        attrs = {k.lower(): "".join(values) for k, *values in _ATTR_RE.findall(tag.group(0))}
        if attrs.get("name", "").lower() in ("geo.position", "icbm") and "content" in attrs:
            yield attrs["content"], _meta_pair


def _meta_pair(raw: str) -> tuple[float, float]:
    parts = re.split(r"\s*[;,]\s*|\s+", raw.strip())
    if len(parts) != 2:
        raise BadCoordinates("not 'latitude;longitude'")
    return _number(parts[0]), _number(parts[1])


def _json_ld(text: str):
    """JSON-LD blocks' "geo": {"latitude": ..., "longitude": ...} (the first found)."""
    for block in _LD_RE.finditer(text):
        try:
            data = json.loads(block.group(1))
        except (ValueError, RecursionError):
            continue   # a broken block says nothing; the page is read as it is
        for geo in _geo_values(data):
            yield json.dumps(geo), _ld_pair


def _geo_values(data, depth: int = 0):
    if depth > 8:
        return
    if isinstance(data, dict):
        geo = data.get("geo")
        if isinstance(geo, dict) and "latitude" in geo and "longitude" in geo:
            yield geo
        for value in data.values():
            yield from _geo_values(value, depth + 1)
    elif isinstance(data, list):
        for value in data:
            yield from _geo_values(value, depth + 1)


def _ld_pair(raw: str) -> tuple[float, float]:
    geo = json.loads(raw)
    return _number(str(geo["latitude"])), _number(str(geo["longitude"]))
