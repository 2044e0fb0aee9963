"""Candidate places for a recognised name: the whole phrase, the name without its feature
words ("Haditha Dam" -> Haditha), and the wiki link's target with its qualifier ("Anbar
(town)", "Tripoli (Lebanon)"); villages named like a region of their country are dropped.
"""

from __future__ import annotations

from geo.model import Place
from geo.places import fold
from geo.places.features import FEATURES_AFTER, FEATURES_BEFORE, LINK_KIND, PAREN_RE, SETTLEMENT
from geo.places.names import skeleton_lookup
from geo.places.records import Span

MAX_CANDIDATES = 6
# a village this small that shares its name with a first-level region of its country is
# that region's namesake ("Baja California", the village): the region is meant
NAMESAKE_VILLAGE = 5_000


# how the gazetteer writes a region named after its town ("Idlib Governorate")
REGION_SUFFIXES = ("Governorate", "Province")


def strip_features(name: str) -> tuple[str, str]:
    """'Haditha Dam' -> ('Haditha', 'dam'); 'Camp Taji' -> ('Taji', 'camp')."""
    words = name.split()
    low = [fold.surface(w).strip() for w in words]
    for k in (3, 2, 1):
        if len(words) > k and " ".join(low[-k:]) in FEATURES_AFTER:
            return " ".join(words[:-k]), FEATURES_AFTER[" ".join(low[-k:])]
        if len(words) > k and " ".join(low[:k]) in FEATURES_BEFORE:
            return " ".join(words[k:]), FEATURES_BEFORE[" ".join(low[:k])]
    return name, ""


def candidates(span: Span, gazetteer) -> tuple[list[Place], set[str], tuple[str, ...]]:
    """Candidates for a span: full phrase, then the name without feature words, then link."""
    found: dict[str, Place] = {}
    full = gazetteer.lookup(span.text)
    for p in full[:MAX_CANDIDATES]:
        found.setdefault(p.place_id, p)
    within = span.within
    if within is not None and within.country:  # "Gainesville, Va.": the small one in Virginia too
        for p in full[MAX_CANDIDATES:]:
            if p.country == within.country and (within.kind == "country" or p.admin1 == within.admin1):
                found.setdefault(p.place_id, p)
    core, cue = strip_features(span.text)
    if not span.cue and cue:
        span.cue = cue
    if core != span.text or not found:
        for p in gazetteer.lookup(core)[:MAX_CANDIDATES]:
            found.setdefault(p.place_id, p)
    if span.cue == "region" and not any(p.kind == "region" for p in found.values()):
        # "the Idlib and Hama governorates": "Idlib" is the region the gazetteer names "Idlib Governorate"
        for suffix in REGION_SUFFIXES:
            for p in gazetteer.lookup(f"{core} {suffix}")[:MAX_CANDIDATES]:
                found.setdefault(p.place_id, p)
    if not found and not span.link:
        # a transliteration of a known name ("Al Hawayjah"): exact keys won, so the skeleton
        for p in skeleton_lookup(gazetteer, span.text) or skeleton_lookup(gazetteer, core):
            found.setdefault(p.place_id, p)
        span.fuzzy = bool(found)
    linked: set[str] = set()
    link_kinds: tuple[str, ...] = ()
    if span.link:
        target = full_target = span.link.split("#")[0].replace("_", " ").strip()
        m = PAREN_RE.search(target)
        note_countries: set[str] = set()
        if m:
            note = m.group(1).strip()
            link_kinds = LINK_KIND.get(note.lower(), ())
            # "Tripoli (Lebanon)": the qualifier says which country's namesake is meant
            note_countries = {p.country for p in gazetteer.lookup(note)[:3] if p.kind in ("country", "region")}
            target = target[:m.start()]
        tcore, tcue = strip_features(target)
        if tcue and not link_kinds:
            link_kinds = LINK_KIND.get(tcue, (tcue,))
        for name in dict.fromkeys((full_target, target, tcore)):
            for p in gazetteer.lookup(name)[:MAX_CANDIDATES]:
                found.setdefault(p.place_id, p)
                if not note_countries or p.country in note_countries:
                    linked.add(p.place_id)
    return drop_namesakes(list(found.values())), linked, link_kinds


def drop_namesakes(places: list[Place]) -> list[Place]:
    """Drop villages named like a first-level region of their country (regions carry no
    population, so a village of 900 would outweigh "Baja California" the state)."""
    regions = {(p.country, fold.canonical(p.name)) for p in places if p.kind == "region" and p.country}
    if not regions:
        return places
    return [p for p in places if not (p.kind in SETTLEMENT and p.population < NAMESAKE_VILLAGE
                                      and (p.country, fold.canonical(p.name)) in regions)]
