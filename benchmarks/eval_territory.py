"""Which key cities ISIL holds on the map on two dates, against what happened: prints a table,
asserts nothing.

Builds the default corpus plus the Wikipedia development articles beside the project
(../shared/eval/wiki-dev/, never copied into the repository) unless --from names a `geo build`
output folder. "control.csv" is the holder of the place on that day in the control timeline;
"map" is the holder whose territory feature for that month contains the city's point
(data/map_cities.csv). "history" is the record as the Wikipedia articles on each city's capture
and recapture give it (stated here by hand, not read from the development data).

Usage: python benchmarks/eval_territory.py [--from DIR] [--eval-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

from shapely.geometry import Point, shape

from geo import settings

DEFAULT_DIR = Path(settings.REPO_ROOT).parent / "shared" / "eval"
DATES = ("2015-06-01", "2017-01-01")
# Did ISIL hold the city on that day? ("part": it held most of the city, another side an enclave.)
HISTORY = {
    "Mosul": ("yes", "yes"),        # June 2014 - July 2017 (east Mosul retaken Jan 2017)
    "Raqqa": ("yes", "yes"),        # January 2014 - October 2017
    "Ramadi": ("yes", "no"),        # 17 May 2015 - December 2015 / February 2016
    "Fallujah": ("yes", "no"),      # January 2014 - June 2016
    "Palmyra": ("yes", "yes"),      # 21 May 2015 - March 2016; again 11 December 2016 - March 2017
    "Tikrit": ("no", "no"),         # June 2014 - 31 March 2015
    "Manbij": ("yes", "no"),        # January 2014 - August 2016
    "al-Bab": ("yes", "yes"),       # November 2013 - 23 February 2017
    "Tal Afar": ("yes", "yes"),     # June 2014 - August 2017
    "Deir ez-Zor": ("part", "part"),  # ISIL besieged the government enclave 2014 - 2017
    "Kobani": ("no", "no"),         # YPG retook it in January 2015
    "Baghdad": ("no", "no"),
    "Erbil": ("no", "no"),
    "Kirkuk": ("no", "no"),         # Peshmerga from June 2014
    "Samarra": ("no", "no"),        # attacked June 2014, held by the government
}
ALIASES = {"Kobani": ("Kobani", "Kobanî", "Ayn al Arab", "‘Ayn al ‘Arab"), "Palmyra": ("Palmyra", "Tadmur"),
           "Raqqa": ("Raqqa", "Ar Raqqah", "Al-Raqqah"), "al-Bab": ("al-Bab", "Al-Bab", "Al Bāb", "Al Bab"),
           "Fallujah": ("Fallujah", "Al Fallūjah", "Falluja"), "Tikrit": ("Tikrit", "Tikrīt"),
           "Samarra": ("Samarra", "Sāmarrā’"), "Tal Afar": ("Tal Afar", "Tall Afar", "Tal Afar District"),
           "Deir ez-Zor": ("Deir ez-Zor", "Deir ez Zor", "Deir-ez-Zor")}


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def control_holder(rows: list[dict], city: str, day: str) -> str:
    names = {fold(n) for n in ALIASES.get(city, (city,))}
    held = [r["holder"] for r in rows if fold(r["place"]) in names
            and r["start"] <= day and (not r["end"] or r["end"] >= day)]
    return "/".join(sorted(set(held))) or "-"


def map_holder(features: list[dict], lat: float, lon: float, day: str) -> str:
    point = Point(lon, lat)
    held = [f["properties"]["holder"] for f in features
            if f["properties"]["start"][:10] <= day <= (f["properties"]["end"] or "9999")[:10]
            and shape(f["geometry"]).contains(point)]
    return "/".join(sorted(set(held))) or "-"


def build(eval_dir: Path, out: Path) -> None:
    from geo.pipeline import build_outputs

    wiki = eval_dir / "wiki-dev"
    if not wiki.is_dir():
        print(f"development data not found at {wiki}: building the corpus only")
    build_outputs([settings.CORPUS_DIR] + ([wiki] if wiki.is_dir() else []), out, with_map=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="folder", type=Path, help="a geo build output folder")
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp)
        if not args.folder:
            build(args.eval_dir, folder)
        rows = list(csv.DictReader(open(folder / "control.csv", encoding="utf-8")))
        features = json.loads((folder / "territory.geojson").read_text(encoding="utf-8"))["features"]
    cities = {r["name"]: r for r in csv.DictReader(open(settings.DATA_DIR / "map_cities.csv", encoding="utf-8"))}
    right = total = 0
    for k, day in enumerate(DATES):
        print(f"\n{day}: | city | control.csv | map | ISIL on map | history (ISIL holds) | agrees |")
        print("|---|---|---|---|---|---|")
        for city, truth in HISTORY.items():
            c = cities[city]
            on_map = map_holder(features, float(c["lat"]), float(c["lon"]), day)
            isil = "ISIL" in on_map.split("/")
            want = truth[k]
            agrees = isil == (want in ("yes", "part"))
            right += agrees
            total += 1
            print(f"| {city} | {control_holder(rows, city, day)} | {on_map} | {'yes' if isil else 'no'} "
                  f"| {want} | {'yes' if agrees else 'NO'} |")
    print(f"\nISIL on the map agrees with history for {right} of {total} city-days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
