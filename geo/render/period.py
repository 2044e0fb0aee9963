"""The slider's time frame: the corpus's main period in month steps, the full range on request,
the monthly area series for the chart, and the city labels for the basemap."""

from __future__ import annotations

import csv
import datetime as dt
from functools import lru_cache
from typing import Any

import pandas as pd

from geo import settings
from geo.render.labels import parse_iso

# The main period: the run of consecutive years around the busiest one in which every year has
# at least this share of the busiest year's dated events (a stray 1835 date, or a background
# section on the Second World War, does not stretch the slider).
MAIN_SHARE = 0.1


def _event_days(events: pd.DataFrame) -> list[dt.date]:
    if "date_start" not in events.columns:
        return []
    return sorted(d for d in map(parse_iso, events["date_start"].tolist()) if d)


def main_period(events: pd.DataFrame, t0: str, t1: str) -> tuple[str, str]:
    """(1 January, 31 December) of the main period's first and last years (with fewer than 5
    dated events: the data's whole range [t0, t1])."""
    days = _event_days(events)
    if len(days) < 5:
        return t0, t1
    per_year: dict[int, int] = {}
    for d in days:
        per_year[d.year] = per_year.get(d.year, 0) + 1
    peak = max(per_year, key=lambda y: (per_year[y], -y))
    floor = max(1, MAIN_SHARE * per_year[peak])
    first = last = peak
    while per_year.get(first - 1, 0) >= floor:
        first -= 1
    while per_year.get(last + 1, 0) >= floor:
        last += 1
    return dt.date(first, 1, 1).isoformat(), dt.date(last, 12, 31).isoformat()


def month_count(start: str, end: str) -> int:
    a, b = parse_iso(start), parse_iso(end)
    return max(1, (b.year - a.year) * 12 + b.month - a.month + 1) if a and b else 1


def area_series(territory: dict, first: str = "", last: str = "~") -> dict[str, Any]:
    """km² per holder per month from the territory features (their km2 and start/end) for the
    months from `first` to `last` (ISO), for the chart:
    {"months": ["2014-06", ...], "holders": [{"holder", "color", "km2": [...]}]}."""
    per: dict[str, dict[str, float]] = {}
    colors: dict[str, str] = {}
    for feature in territory["features"]:
        p = feature["properties"]
        if p.get("km2") in (None, ""):
            continue
        a, b = parse_iso(p["start"]), parse_iso(p["end"])
        if not a or not b:
            continue
        colors[p["holder"]] = p["color"]
        month = dt.date(a.year, a.month, 1)
        while month <= b:
            key = month.isoformat()[:7]
            if not first[:7] <= key <= last[:7]:
                month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
                continue
            per.setdefault(p["holder"], {})[key] = per.get(p["holder"], {}).get(key, 0) + float(p["km2"])
            month = dt.date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    months = sorted({m for series in per.values() for m in series})
    holders = [{"holder": h, "color": colors[h], "km2": [round(per[h].get(m, 0)) for m in months]}
               for h in sorted(per, key=lambda h: -max(per[h].values()))]
    return {"months": months, "holders": holders}


@lru_cache(maxsize=1)
def cities() -> list[dict[str, Any]]:
    """Main cities to label on the offline basemap (data/map_cities.csv): name, lat, lon, rank
    (1 shows from zoom 5, 2 from 6, 3 from 7; labels that would overlap are left out)."""
    with open(settings.DATA_DIR / "map_cities.csv", encoding="utf-8", newline="") as handle:
        rows = [{"name": r["name"], "lat": float(r["lat"]), "lon": float(r["lon"]), "rank": int(r["rank"])}
                for r in csv.DictReader(handle)]
    return sorted(rows, key=lambda r: r["rank"])   # bigger cities claim their label space first
