"""'Town, Region' pairs: the country or first-level region named right after a comma
("Hit, Iraq", "Columbus, Georgia", "Oakland, Calif."), preferring one that holds the town."""

from __future__ import annotations

import re


def holds(region, places) -> bool:
    """Whether a country or first-level region holds one of `places`."""
    return any(p.country == region.country and p.place_id != region.place_id and (
        region.kind == "country" or (region.admin1 and p.admin1 == region.admin1)) for p in places)


def followed_by_region(text: str, end: int, gazetteer, town_name: str | None = None):
    """'Hit, Iraq', 'Wausau, Wis.': the country or region named right after a comma, or None."""
    found = region_after_comma(text, end, gazetteer, town_name)
    return found[0] if found else None


_REGION_AFTER_RE = re.compile(r",\s+([A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’\-]+)?)")


def region_after_comma(text: str, end: int, gazetteer, town_name: str | None = None):
    """(place, start, end) of the country or region named right after the comma at `end`
    ("Hit, Iraq", "Wausau, Wis."), preferring one that holds the town before; or None."""
    m = _REGION_AFTER_RE.match(text[end:end + 60])
    if not m:
        return None
    start = end + m.start(1)
    names = [m.group(1)]
    if " " in names[0]:
        names.append(names[0].split()[0])  # "Va. There": the region is one word
    town = gazetteer.lookup(text[:end].rsplit(None, 1)[-1]) if town_name is None else gazetteer.lookup(town_name)
    first = None
    for name in names:
        for cand in gazetteer.lookup(name)[:3]:
            if cand.kind in ("country", "region"):
                if holds(cand, town):
                    return cand, start, start + len(name)  # "Columbus, Georgia": the state with a Columbus
                first = first or (cand, start, start + len(name))
    return first
