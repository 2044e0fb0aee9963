"""Synthetic but realistic atlas inputs (events, bases, territory, involvement) for tests and
benchmarks, shaped exactly like the output contract in DESIGN.md. Deterministic per seed."""

from __future__ import annotations

import datetime as dt
import random
import re
from functools import lru_cache

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo import settings

PLACES = [  # name, place_id, country, lat, lon
    ("Mosul", "mosul", "IQ", 36.34, 43.13), ("Sinjar", "sinjar", "IQ", 36.32, 41.87),
    ("Tikrit", "tikrit", "IQ", 34.61, 43.68), ("Ramadi", "ramadi", "IQ", 33.42, 43.30),
    ("Fallujah", "fallujah", "IQ", 33.35, 43.78), ("Kirkuk", "kirkuk", "IQ", 35.47, 44.39),
    ("Erbil", "erbil", "IQ", 36.19, 44.01), ("Baiji", "baiji", "IQ", 34.93, 43.49),
    ("Raqqa", "raqqa", "SY", 35.95, 39.01), ("Kobani", "kobani", "SY", 36.89, 38.35),
    ("Palmyra", "palmyra", "SY", 34.55, 38.27), ("Deir ez-Zor", "deir-ez-zor", "SY", 35.33, 40.14),
    ("Aleppo", "aleppo", "SY", 36.20, 37.16), ("Manbij", "manbij", "SY", 36.53, 37.95),
    ("Sirte", "sirte", "LY", 31.21, 16.59), ("Derna", "derna", "LY", 32.76, 22.64),
]
ACTORS = ["United States", "United Kingdom", "France", "Russia", "Iraq", "Syria", "ISIL",
          "Kurdistan Region", "Australia", "Jordan", "Coalition", "Turkey"]
TYPES = ["airstrike"] * 6 + ["territory_change", "battle", "attack", "airdrop", "deployment",
                             "withdrawal", "base_use", "other"]
VERBS = {"airstrike": "aircraft struck positions near", "territory_change": "forces took control of",
         "battle": "forces fought for", "attack": "militants attacked", "airdrop": "aircraft dropped aid over",
         "deployment": "deployed advisers to", "withdrawal": "forces withdrew from",
         "base_use": "aircraft flew from", "other": "was reported near"}
DOCS = ["000_timeline.txt", "001_involvement.txt", "002_airstrikes.txt", "003_bases.txt",
        "004_territory.txt"]
XSS = ['<script>window.pwned=1</script>', '<img src=x onerror="window.pwned=1">',
       '<a href="javascript:window.pwned=1">click</a>']


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    """Words of the default corpus, so synthetic evidence is as varied (and as hard to
    compress) as real sentences; a few stock words if the corpus is absent."""
    words: list[str] = []
    for path in sorted(settings.CORPUS_DIR.glob("*.txt")):
        words += re.findall(r"[A-Za-z][A-Za-z'-]{1,15}", path.read_text(encoding="utf-8", errors="replace"))
    return tuple(words) or ("the", "coalition", "aircraft", "struck", "positions", "near", "city")


def _date(rng: random.Random, precision: str) -> tuple[str, str]:
    start = dt.date(2014, 6, 1) + dt.timedelta(days=rng.randrange(0, 365 * 4))
    if precision == "day":
        return start.isoformat(), start.isoformat()
    if precision == "range":
        return start.isoformat(), (start + dt.timedelta(days=rng.randint(1, 9))).isoformat()
    if precision == "month":
        first = start.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        return first.isoformat(), (nxt - dt.timedelta(days=1)).isoformat()
    if precision == "season":
        return start.replace(month=6, day=1).isoformat(), start.replace(month=8, day=31).isoformat()
    return f"{start.year}-01-01", f"{start.year}-12-31"


def events_frame(n: int, seed: int = 7, xss: bool = False) -> gpd.GeoDataFrame:
    """`n` events spread over 2014–2018, every type, precision and actor; `xss` plants payloads."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        name, pid, country, lat, lon = rng.choice(PLACES)
        etype = rng.choice(TYPES)
        actor = "ISIL" if etype == "attack" else rng.choice(ACTORS)
        precision = rng.choices(["day", "range", "month", "season", "year"], [6, 2, 3, 1, 1])[0]
        start, end = _date(rng, precision)
        sources = rng.choices([1, 2, 3], [5, 3, 1])[0]
        docs = rng.sample(DOCS, sources)
        refs = "; ".join(f"{d}:{rng.randint(1, 900)}" for d in docs)
        # ~180 characters on average, like the corpus sentences (mean 197, median 145)
        filler = " ".join(rng.choice(_vocabulary()) for _ in range(rng.randint(10, 27)))
        evidence = f"On {start}, {actor} {VERBS[etype]} {name} ({i}); {filler}."
        rows.append({
            "event_id": f"e{i:06d}", "doc": docs[0], "line": int(refs.split(":")[1].split(";")[0]),
            "date_start": start, "date_end": end, "date_precision": precision, "event_type": etype,
            "actor": actor, "target": "ISIL" if actor != "ISIL" else "", "place": name,
            "place_id": pid, "country": country,
            "lat": round(lat + rng.uniform(-0.25, 0.25), 4), "lon": round(lon + rng.uniform(-0.25, 0.25), 4),
            "geo_precision": rng.choice(["place", "place", "near", "region"]),
            "holder_after": rng.choice(["ISIL", "Iraq", "Kurdistan Region"]) if etype == "territory_change" else "",
            "sources": sources, "conflicts": "date differs by 2 days" if sources > 1 and rng.random() < 0.1 else "",
            "evidence": evidence, "source_refs": refs, "actor_side": "", "actor_color": "",
        })
    if xss and rows:
        for k, payload in enumerate(XSS):
            row = rows[k % len(rows)]
            row["evidence"] = f"Evidence {payload} end"
            row["place"] = f"Place {payload}"
            row["target"] = payload
            row["conflicts"] = payload
        rows[0]["actor"] = XSS[1]
        rows[min(1, len(rows) - 1)]["actor"] = XSS[2]
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326")


EVENT_COLUMNS = ["event_id", "doc", "line", "date_start", "date_end", "date_precision", "event_type",
                 "actor", "target", "place", "place_id", "country", "lat", "lon", "geo_precision",
                 "holder_after", "sources", "conflicts", "evidence", "source_refs", "actor_side",
                 "actor_color"]


def bases_frame(xss: bool = False) -> gpd.GeoDataFrame:
    """A handful of air bases with users and periods (one open-ended, one undated)."""
    rows = [
        ("Incirlik Air Base", "incirlik", "TR", "airbase", "United States; United Kingdom", "2015-07-29", "", 37.00, 35.43),
        ("Al Udeid Air Base", "al-udeid", "QA", "airbase", "United States; Coalition", "2014-08-08", "", 25.12, 51.32),
        ("RAF Akrotiri", "akrotiri", "CY", "airbase", "United Kingdom", "2014-09-26", "2018-12-31", 34.59, 32.99),
        ("Muwaffaq Salti Air Base", "muwaffaq-salti", "JO", "airbase", "Jordan; France", "2014-09-01", "2016-06-30", 31.83, 36.79),
        ("Khmeimim Air Base", "khmeimim", "SY", "airbase", "Russia", "2015-09-30", "", 35.41, 35.95),
        ("Charles de Gaulle", "charles-de-gaulle", "", "carrier", "France", "", "", 34.0, 33.0),
    ]
    frame = pd.DataFrame(rows, columns=["name", "place_id", "country", "kind", "users", "start", "end", "lat", "lon"])
    frame["sources"] = [2, 1, 3, 1, 2, 1]
    frame["source_refs"] = ["003_bases.txt:12; 000_timeline.txt:40"] * len(frame)
    frame["evidence"] = [f"{n} hosted aircraft of {u}." for n, u in zip(frame["name"], frame["users"])]
    if xss:
        frame.loc[5, "evidence"] = " ".join(XSS)
        frame.loc[5, "name"] = XSS[0]
    geometry = gpd.points_from_xy(frame.pop("lon"), frame.pop("lat"))
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def territory_frame() -> gpd.GeoDataFrame:
    """Control polygons around a few cities whose holder changes over time."""
    periods = [
        ("Mosul", "ISIL", "jihadist", "2014-06-10", "2017-07-09"),
        ("Mosul", "Iraq", "government", "2017-07-10", ""),
        ("Raqqa", "ISIL", "jihadist", "2014-01-13", "2017-10-16"),
        ("Raqqa", "Syrian Democratic Forces", "kurdish", "2017-10-17", ""),
        ("Sinjar", "ISIL", "jihadist", "2014-08-03", "2015-11-12"),
        ("Sinjar", "Kurdistan Region", "kurdish", "2015-11-13", ""),
        ("Ramadi", "ISIL", "jihadist", "2015-05-17", "2015-12-27"),
        ("Palmyra", "ISIL", "jihadist", "2015-05-21", "2016-03-26"),
    ]
    where = {p[0]: (p[3], p[4]) for p in PLACES}
    rows = [{"holder": h, "side": s, "color": "", "start": a, "end": b,
             "source_refs": "004_territory.txt:10", "geometry": Point(where[name][1], where[name][0]).buffer(0.35)}
            for name, h, s, a, b in periods]
    rows.append({"holder": "ISIL", "side": "jihadist", "color": "", "start": "2015-02-01", "end": "2016-08-10",
                 "source_refs": "004_territory.txt:80", "geometry": Point(16.59, 31.21)})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def involvement_frame() -> pd.DataFrame:
    """Involvement rows per country and theatre (001's table shape)."""
    rows = [
        ("United States", "US", "Iraq", True, True, True, True), ("United States", "US", "Syria", True, True, False, True),
        ("United Kingdom", "GB", "Iraq", True, False, True, True), ("France", "FR", "Syria", True, False, False, False),
        ("Australia", "AU", "Iraq", True, False, False, False), ("Germany", "DE", "Iraq", False, True, True, False),
        ("Italy", "IT", "Libya", False, False, True, False), ("Russia", "RU", "Syria", True, True, False, False),
        ("Japan", "JP", "Iraq", False, False, True, False), ("Canada", "CA", "Afghanistan", False, False, False, True),
        ("Chad", "TD", "Nigeria", True, False, False, False),
    ]
    return pd.DataFrame(rows, columns=["country", "iso_a2", "theatre", "military", "military_aid",
                                       "humanitarian", "intelligence"])
