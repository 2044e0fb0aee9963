"""Resolve spans someone else marked as places (gold spans): any text, not only gazetteer names.

Scores resolution apart from recognition, so it accepts what a recogniser would refuse:
demonyms ("Russian" -> Russia, "European" -> Europe), abbreviations ("Calif.", "DPRK"),
possessives ("Iraq's"), "X County", and longer names that contain a place ("Manila
Cathedral" -> Manila). The recogniser's own spans give the document context.
"""

from __future__ import annotations

import bisect
import csv
import functools
import re

from geo import settings
from geo.model import Place
from geo.places import fold, lexicon, locality
from geo.places.lexicon import local_features
from geo.places.recognize import find_spans, lowercase_vocabulary
from geo.places.records import Span
from geo.places.resolve import _prior, resolve_all
from geo.places.within import followed_by_region

_POSSESSIVE_RE = re.compile(r"[’']s?$")
_THE_RE = re.compile(r"^(?:the|The|THE)\s+")
# generic words after a name: "Orange County" is near Orange, "Suffolk City" is Suffolk
_GENERIC_AFTER = ("county", "city", "township", "parish", "borough", "municipality", "state",
                  "town", "village", "region", "area", "metropolitan area", "metro area")
_MAX_NGRAM = 4


def _rows(name: str) -> list[dict[str, str]]:
    with open(settings.DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _key(text: str) -> str:
    return " ".join(fold.surface(text).split())


@functools.lru_cache(maxsize=1)
def demonym_places() -> dict[str, tuple[str, str]]:
    """Surface-folded demonym -> (country code, place name); either may be empty."""
    return {_key(r["demonym"]): (r.get("country") or "", r.get("place") or "")
            for r in _rows("demonyms.csv")}




def is_local(text: str) -> bool:
    """A street or building name: it lies in the town the text is about."""
    words = _key(text).split()
    return len(words) > 1 and (words[-1] in local_features() or " ".join(words[-2:]) in local_features())


@functools.lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Abbreviation as written ("Calif.", "DPRK") -> full place name, from data/."""
    return {r["abbreviation"].strip(): r["name"].strip() for r in _rows("place_abbreviations.csv")}


def _country_name(code: str, gazetteer) -> str:
    """The gazetteer's name for the country with ISO code `code` ('' if none)."""
    import pycountry
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return ""
    for name in (getattr(country, "common_name", None), country.name):
        if name and any(p.kind == "country" and p.country == code for p in gazetteer.lookup(name)):
            return name
    return ""


def _demonym_name(text: str, gazetteer) -> str:
    hit = demonym_places().get(_key(text))
    if hit is None:
        hit = demonym_places().get(_key(re.sub(r"s$", "", text)))  # "Salvadorans"
    if hit is None:
        return _derived_name(text, gazetteer)
    code, place = hit
    if place and gazetteer.lookup(place):
        return place
    return _country_name(code, gazetteer) if code else ""


# adjective endings and the place-name endings they come from: Sicilian -> Sicily, Central
# American -> Central America, Saint Lucian -> Saint Lucia, Havanese -> Havana, Serb -> Serbia
_DERIVATIONS = (("ian", "ia"), ("ian", "y"), ("an", "a"), ("n", ""), ("ese", "a"), ("ese", ""),
                ("ish", ""), ("o", "ia"), ("", "ia"))


def _derived_name(text: str, gazetteer) -> str:
    """The place an adjective the demonym list lacks comes from, when the gazetteer knows it
    as a country, a region, a sea or a city of 100,000 (else '')."""
    text = _POSSESSIVE_RE.sub("", text.strip())
    if len(text) < 4 or not text[0].isupper():
        return ""
    own = fold.canonical(text)
    if any(fold.canonical(p.name) == own for p in gazetteer.lookup(text)[:6]):
        return ""  # a place's own name ("Tunis", "Maui", "Niger"), not an adjective
    for end, new in _DERIVATIONS:
        if not text.endswith(end):
            continue
        name = text[: len(text) - len(end)] + new
        key = fold.canonical(name)
        if any(fold.canonical(p.name) == key and (p.kind in _BROAD or p.population >= 100_000)
               for p in gazetteer.lookup(name)[:6]):
            return name
    return ""


def _clean(text: str) -> str:
    text = " ".join(text.split())
    text = _THE_RE.sub("", text)
    return _POSSESSIVE_RE.sub("", text) if len(text) > 3 else text


def name_and_cue(text: str, gazetteer) -> tuple[str, str]:
    """The name to look up for a marked span, and the kind it asks for ('' if any)."""
    text = _clean(text)
    abbr = abbreviations().get(text) or abbreviations().get(text.rstrip("."))
    if abbr:
        kinds = {p.kind for p in gazetteer.lookup(abbr) if fold.canonical(p.name) == fold.canonical(abbr)}
        return abbr, "region" if "region" in kinds else ""
    demonym = _demonym_name(text, gazetteer)
    if demonym:
        return demonym, ""
    if gazetteer.lookup(text):
        return text, ""
    words = text.split()
    low = [w.lower().strip(".,") for w in words]
    for k in (2, 1):  # "Suffolk County" -> Suffolk (a region of that name first)
        if len(words) > k and " ".join(low[-k:]) in _GENERIC_AFTER:
            core = " ".join(words[:-k])
            if gazetteer.lookup(core) or _demonym_name(core, gazetteer):
                return _demonym_name(core, gazetteer) or core, ""
    return _inner_name(text, gazetteer), ""


def _inner_name(text: str, gazetteer) -> str:
    """The most prominent place name inside a longer name ("Manila Cathedral" -> Manila):
    capitalised word runs the gazetteer knows, or demonyms, longest then most populous."""
    words = text.split()
    best: tuple[float, str] | None = None
    stop = lexicon.stopwords()
    for n in range(min(_MAX_NGRAM, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            chunk = " ".join(words[i:i + n]).strip(",.;:()")
            if not chunk or not chunk[0].isupper():
                continue
            name = _demonym_name(chunk, gazetteer)
            if name:
                score = n + 2.5  # as prominent as a big city
            else:
                cands = gazetteer.lookup(chunk)
                if not cands or (n == 1 and stop.get(fold.canonical(chunk))):
                    continue
                name = chunk
                score = n + max(_prior(p) for p in cands[:6])
            if best is None or score > best[0]:
                best = (score, name)
    return best[1] if best else text


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]


def resolve_spans(text: str, spans: list[tuple[int, int]], gazetteer) -> list[Place | None]:
    """Resolve given (gold) spans of `text`: resolution scored apart from recognition."""
    paragraphs = _paragraph_starts(text)
    items = []
    local_spans = set()
    for s, e in spans:
        name, cue = name_and_cue(text[s:e], gazetteer)
        if is_local(text[s:e]) and not gazetteer.lookup(_clean(text[s:e])):
            local_spans.add(len(items))
        span = Span(s, e, name, name, cue=cue, strong=True)
        if text[e:e + 1] == ",":  # "Wausau, Wis.": the region after the comma
            span.within = followed_by_region(text, e, gazetteer)
        items.append((span, bisect.bisect_right(paragraphs, s)))
    # context: the places the recogniser finds in the text, besides the given spans
    context = [(sp, bisect.bisect_right(paragraphs, sp.start))
               for sp in find_spans(text, gazetteer, (), lowercase_vocabulary(text))]
    results = resolve_all(items + context, gazetteer)
    # the towns the text names: the given spans and the recogniser's spans it would report
    named = [(span.start, r.place) for i, ((span, _), r) in enumerate(zip(items + context, results))
             if r.place is not None and (i < len(items) or r.keep)]
    supported = locality.supported_ids([p for _, p in named])
    local = sorted(((s, p) for s, p in named if p.kind not in _BROAD), key=lambda sp: sp[0])
    # the places another place of the text lies near anchor it; a small far-off place that
    # none does is a namesake of a street or building there, never where others lie
    anchors = list({p.place_id: p for _, p in local if p.place_id in supported}.values())
    held = [(s, p) for s, p in local if not locality.is_outlier(p, supported, anchors)]
    sup = [(s, p) for s, p in local if p.place_id in supported]
    out = []
    for i, ((span, _), r) in enumerate(zip(items, results)):
        place = r.place
        if place is not None and i in local_spans and place.kind == "region" and place.admin1:
            # "Arizona State University": in a town of that state the text names, else the state
            inside = [(s, p) for s, p in held if p.country == place.country and p.admin1 == place.admin1]
            place = _town_for(span.start, paragraphs, inside, inside, []) or place
        elif place is None or (i in local_spans and (place.population < 100_000 or place.kind in _BROAD)):
            place = _town_for(span.start, paragraphs, held, sup, local) or place
        elif span.within is None and locality.is_outlier(place, supported, anchors):
            # "Bourbon" (a village in Missouri) in a text about New Orleans: a street there
            place = _town_for(span.start, paragraphs, held, sup, []) or place
        out.append(place)
    return out


_BROAD = ("country", "region", "sea")


def _town_for(start: int, paragraphs: list[int], held, sup, local) -> Place | None:
    """The town a street or building lies in: the last one its paragraph named before it,
    else the nearest the text's other places support, else any the text names."""
    para_start = paragraphs[bisect.bisect_right(paragraphs, start) - 1]
    before = locality.nearest(start, held)
    k = bisect.bisect_left(held, start, key=lambda sp: sp[0])
    if k > 0 and held[k - 1][0] >= para_start:
        return before
    return locality.nearest(start, sup) or locality.nearest(start, held) or locality.nearest(start, local)
