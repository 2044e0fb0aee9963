"""Document locality: which of a text's resolved places hang together on the map.

A second look after scoring (resolve_all calls second_look): a chosen place that no other
place of the text lies near gives way to a namesake that one does ("Rockingham" by Safety
Bay is the Australian one, "Washington" by Seattle the state), and a small place alone far
from the text's cluster is read as a street or suburb of the town there ("Hubbard" in a text
about Chicago). Given spans (given.py) use the same tests to place streets and buildings.
"""

from __future__ import annotations

import bisect
import math

from geo.model import Place
from geo.places import fold
from geo.places.features import OWN_SOURCES

BROAD = ("country", "region", "sea")
SETTLEMENTS = ("city", "town", "village")
SUPPORT_KM = 150.0  # another place this near says the text is about this area
FAR_KM = 500.0      # an unsupported small place this far from every supported one is an outlier
OUTLIER_POP = 100_000  # a city this big is known beyond its area: never an outlier
# in running text a lone town this big is more likely itself than a street of the text's city
# (Miami Beach in a text about Tacoma and Fresno); given spans use OUTLIER_POP
RELOCATE_POP = 20_000
SMALLER = 30  # a namesake this many times smaller than the chosen town never replaces it
RELOCATED = 0.5  # confidence kept when a lone far-off place is read as a part of the text's town
LIST_REGIONS = 2  # named states of one country that make a lone country's namesake their fellow
NAMESAKES = 20  # namesakes looked at when the chosen place fits none of the text's others


_KM_PER_DEGREE = 6371.0 * math.pi / 180  # of latitude, and of longitude at the equator


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def within_km(p: Place, q: Place, km: float) -> bool:
    """haversine_km(p, q) < km, with the cheap cases first: points further apart in latitude,
    or (away from the poles) in longitude at their latitude, than `km` allows are not within
    it (5% margin for the great circle's shortcut), and need no trigonometry."""
    dlat = abs(p.lat - q.lat) * _KM_PER_DEGREE
    if dlat >= km:
        return False
    top = max(abs(p.lat), abs(q.lat))
    if top < 80:
        dlon = abs(p.lon - q.lon)
        dlon = min(dlon, 360 - dlon) * _KM_PER_DEGREE * math.cos(math.radians(top))
        if dlon > km * 1.05:
            return False
    return haversine_km(p.lat, p.lon, q.lat, q.lon) < km


# the latitude band (degrees) beyond which within_km(..., SUPPORT_KM) is False: 1% wider
# than the bound within_km tests first, and no wider than the two degrees asked for before
_SUPPORT_DEGREES = min(2.0, 1.01 * SUPPORT_KM / _KM_PER_DEGREE)
_FAR_DEGREES = 1.01 * FAR_KM / _KM_PER_DEGREE  # the same for within_km(..., FAR_KM)


def supported_ids(places: list[Place]) -> frozenset[str]:
    """Ids of the non-broad places that another distinct place of the text lies near (within
    SUPPORT_KM), or that lie in a first-level region the text names."""
    distinct = {p.place_id: p for p in places}
    regions = {(p.country, p.admin1) for p in distinct.values() if p.kind == "region" and p.admin1}
    points = [p for p in distinct.values() if p.kind not in BROAD]
    index = Anchors(points)
    out = set()
    for p in points:
        if p.admin1 and (p.country, p.admin1) in regions:
            out.add(p.place_id)
        elif any(q.place_id != p.place_id and within_km(p, q, SUPPORT_KM)
                 for q in index.within_lat(p.lat, _SUPPORT_DEGREES)):
            out.add(p.place_id)
    return frozenset(out)


def anchor_places(places: list[Place]) -> list[Place]:
    """The places a text's other places are judged against: every point place it names
    (each once). One that lies alone still vouches for a namesake near it ("Rockingham" by
    Safety Bay: the Australian one), which then supports it in turn."""
    return list({p.place_id: p for p in places if p.kind not in BROAD}.values())


def named_regions(places: list[Place]) -> frozenset[tuple[str, str]]:
    """(country, admin1) of the first-level regions (and counties) among `places`."""
    return frozenset((p.country, p.admin1) for p in places if p.kind == "region" and p.admin1)


def is_outlier(place: Place, supported: frozenset[str], anchors: list[Place] | Anchors) -> bool:
    """A small place, unsupported, far from every supported place of the text (`anchors`,
    indexed or not: an index looks only at those in FAR_KM's band of latitude)."""
    if place.kind in BROAD or place.place_id in supported or place.population >= OUTLIER_POP:
        return False
    if isinstance(anchors, Anchors):
        if not anchors.places:
            return False
        anchors = anchors.within_lat(place.lat, _FAR_DEGREES)
    elif not anchors:
        return False
    return not any(within_km(place, a, FAR_KM) for a in anchors)


def nearest(start: int, local: list[tuple[int, Place]]) -> Place | None:
    """The place the text last named before `start` (or, failing that, the first after)."""
    if not local:
        return None
    k = bisect.bisect_left(local, start, key=lambda sp: sp[0])
    return local[k - 1][1] if k > 0 else local[0][1]


class Anchors:
    """A text's anchored places, indexed by country, by first-level region and by latitude,
    so that `fits` looks at the few that can agree instead of every one (a long article
    names hundreds of places and asks about each of them)."""

    def __init__(self, places: list[Place]) -> None:
        self.places = places
        self.by_country: dict[str, list[Place]] = {}
        self.by_region: dict[tuple[str, str], list[Place]] = {}
        for a in places:
            self.by_country.setdefault(a.country, []).append(a)
            self.by_region.setdefault((a.country, a.admin1), []).append(a)
        self.by_lat = sorted(places, key=lambda a: a.lat)
        self.lats = [a.lat for a in self.by_lat]

    def any_besides(self, exclude: set[str] | frozenset[str]) -> bool:
        return any(a.place_id not in exclude for a in self.places)

    def within_lat(self, lat: float, degrees: float) -> list[Place]:
        """The anchors whose latitude differs from `lat` by less than `degrees`."""
        lo = bisect.bisect_right(self.lats, lat - degrees)
        hi = bisect.bisect_left(self.lats, lat + degrees)
        return self.by_lat[lo:hi]


def _index(anchors: list[Place] | Anchors) -> Anchors:
    return anchors if isinstance(anchors, Anchors) else Anchors(list(anchors))


def fits(place: Place, anchors: list[Place] | Anchors, regions: frozenset[tuple[str, str]] = frozenset(),
         exclude: set[str] | frozenset[str] = frozenset()) -> bool:
    """The place agrees with the text's anchored places (those not in `exclude`): one lies
    near it or inside it, or it lies in a first-level region the text names (`regions`:
    (country, admin1) pairs)."""
    if place.kind not in BROAD and place.admin1 and (place.country, place.admin1) in regions:
        return True
    index = _index(anchors)
    pid = place.place_id
    # (loops rather than any() over a closure: fits is asked about every name, twice)
    if place.kind == "country":
        return _any_counted(index.by_country.get(place.country, ()), pid, exclude)
    if place.kind in BROAD and place.admin1 and _any_counted(
            index.by_region.get((place.country, place.admin1), ()), pid, exclude):
        return True  # a state or county that holds one of the text's places
    # near one ("Walker County", Georgia, by Chattanooga, Tennessee)
    for a in index.within_lat(place.lat, _SUPPORT_DEGREES):
        if a.place_id != pid and a.place_id not in exclude and within_km(place, a, SUPPORT_KM):
            return True
    return False


def _any_counted(anchors, pid: str, exclude) -> bool:
    """Whether one of `anchors` is neither the place itself nor excluded."""
    for a in anchors:
        if a.place_id != pid and a.place_id not in exclude:
            return True
    return False


def namesake_near(place: Place, options: list[Place], anchors: list[Place] | Anchors,
                  regions: frozenset[tuple[str, str]] = frozenset(),
                  exclude: set[str] | frozenset[str] = frozenset()) -> Place | None:
    """When `place` agrees with none of the text's anchored places (those not in `exclude`),
    the first other candidate of the same name that does ("Suffolk" in a text about Long
    Island: the county, not the town in Virginia); None when there is none or `place` fits."""
    index = _index(anchors)
    if not (index.any_besides(exclude) or regions) or place.kind == "sea" or fits(
            place, index, regions, exclude):
        return None
    return _fitting_namesake(place, options, index, regions, exclude)


def _fitting_namesake(place: Place, options: list[Place], index: Anchors,
                      regions: frozenset[tuple[str, str]], exclude) -> Place | None:
    """namesake_near once it is known that `place` itself does not fit."""
    for q in options:
        if (q.place_id != place.place_id and q.kind != "sea" and _may_replace(place, q)
                and not _same_area(place, q) and fits(q, index, regions, exclude)):
            return q
    return None


def _same_area(place: Place, other: Place) -> bool:
    """Namesakes this close are one area on the map (Baghdad the city and its governorate):
    the reader's choice between them is the resolver's, not this second look's."""
    return abs(place.lat - other.lat) < 2 and haversine_km(place.lat, place.lon, other.lat, other.lon) < SUPPORT_KM


def _may_replace(place: Place, other: Place) -> bool:
    """A country or region gives way only to a region ("Georgia" the state); a town to a
    region or to a town not far smaller than itself (never Oakland the city to a village);
    a big city only to what the text's supported places vouch for (see recohere)."""
    if place.kind in BROAD:
        return other.kind == "region"
    if other.kind in BROAD:
        return True
    return other.population * SMALLER >= place.population


def _named(places: list[Place | None], kept: list[bool]) -> list[Place]:
    """The places the text keeps (resolved and reported)."""
    return [p for p, k in zip(places, kept) if p is not None and k]


def recohere(places: list[Place | None], options, kept: list[bool], free: list[bool],
             keys: list[str]) -> tuple[list[Place | None], frozenset[str]]:
    """Second look at each chosen place against the text's anchored places: one that fits
    none of them gives way to a namesake that fits. `options(i)` lists item i's namesakes;
    `free[i]` is False where the text itself pinned the choice (a link, "Town, State");
    `keys[i]` is the name, whose own places never vouch for its namesakes ("New York" the
    city is no evidence for New York State). Twice: a county set right in the first round
    ("Hamilton County" by Chattanooga) anchors the next. Returns the places and the
    supported_ids of the final ones (relocate needs them too)."""
    supported = supported_ids(_named(places, kept))
    for _ in range(2):
        before, places = places, _recohere_once(places, options, kept, free, keys, supported)
        if all(a is b for a, b in zip(before, places)):
            break  # nothing moved: the next round would find the same
        supported = supported_ids(_named(places, kept))
    return places, supported


def _recohere_once(places, options, kept, free, keys, supported: frozenset[str]) -> list[Place | None]:
    named = _named(places, kept)
    anchor_list = anchor_places(named)
    regions = named_regions(named)
    if not anchor_list and not regions:
        return places
    anchors = Anchors(anchor_list)
    vouched = Anchors([a for a in anchor_list if a.place_id in supported])
    by_key: dict[str, set[str]] = {}
    for p, k, key in zip(places, kept, keys):
        if p is not None and k:
            ids = by_key.get(key)
            if ids is None:
                ids = by_key[key] = set()
            ids.add(p.place_id)
    distinct = {p.place_id: p for p in named}
    out = list(places)
    decided: dict[tuple[str, str], Place] = {}  # a name met again with the same place: same answer
    for i, p in enumerate(places):
        if p is None or not free[i]:
            continue
        hit = decided.get((keys[i], p.place_id))
        if hit is None:
            hit = decided[(keys[i], p.place_id)] = _second_choice(
                p, options, i, by_key.get(keys[i], set()), anchors, vouched, distinct, regions)
        out[i] = hit
    return out


def _second_choice(p: Place, options, i: int, own: set[str], anchors: Anchors, vouched: Anchors,
                   named: dict[str, Place], regions) -> Place:
    """`anchors`: the text's anchored places; `vouched`: those another place lies near."""
    own = own | {p.place_id}  # the name's own places never vouch for its namesakes
    # a region the name itself resolved to is no evidence for itself either
    regions = regions - {(q.country, q.admin1) for pid in own if (q := named.get(pid)) is not None
                         and q.kind == "region"}
    if not (anchors.any_besides(own) or regions) or p.kind == "sea" or fits(p, anchors, regions, own):
        return p
    opts = options(i)
    if p.kind == "country":
        # a country none of the text's places lies in, among states of another country the
        # text names ("Georgia" after Florida, Nevada and Louisiana): that country's state
        for q in opts:
            if q.kind == "region" and q.country != p.country and sum(
                    1 for c, a in regions if c == q.country and a != q.admin1) >= LIST_REGIONS:
                return q
    if p.population >= OUTLIER_POP:
        # a big city gives way to a town only where places another place lies near vouch
        # for it ("Washington" the government does not move Cambridge to Maryland); a lone
        # big city still names its region ("Washington" by Seattle: the state)
        # (p fits none of `anchors`, tested above: namesake_near's first step, skipped)
        return (_fitting_namesake(p, [q for q in opts if q.kind == "region"], anchors, regions, own)
                or namesake_near(p, opts, vouched, regions, own) or p)
    return _fitting_namesake(p, opts, anchors, regions, own) or p


def relocate(places: list[Place | None], kept: list[bool], free: list[bool], starts: list[int],
             paras: list, max_population: int = RELOCATE_POP,
             supported: frozenset[str] | None = None) -> list[Place | None]:
    """For each small place that lies alone, far from every place of the text that another
    lies near, the town it most likely belongs to (None elsewhere): the last such town its
    paragraph named before it, else the nearest one in the text. "Hubbard" (a village in
    Ohio) in a text about Chicago is Hubbard Street there. `supported`: supported_ids of the
    kept places, when the caller has it."""
    if supported is None:
        supported = supported_ids(_named(places, kept))
    held = sorted(((s, para, p) for p, k, s, para in zip(places, kept, starts, paras)
                   if p is not None and k and p.kind not in BROAD and p.place_id in supported),
                  key=lambda t: t[0])
    if not held:
        return [None] * len(places)
    anchors = Anchors(list({p.place_id: p for _, _, p in held}.values()))
    lone: dict[str, bool] = {}
    out: list[Place | None] = []
    for p, k, f, s, para in zip(places, kept, free, starts, paras):
        if (p is None or not f or p.population >= max_population or p.kind not in SETTLEMENTS
                or p.source != "geonames"):
            # curated places, bases and airports are what they say (the Pentagon, RAF Akrotiri)
            out.append(None)
            continue
        if p.place_id not in lone:
            lone[p.place_id] = is_outlier(p, supported, anchors)
        if not lone[p.place_id]:
            out.append(None)
            continue
        k_ = bisect.bisect_left(held, s, key=lambda t: t[0])
        if k_ > 0 and held[k_ - 1][1] == para:
            out.append(held[k_ - 1][2])
        else:
            before = held[k_ - 1] if k_ > 0 else None
            after = held[k_] if k_ < len(held) else None
            out.append(min((t for t in (before, after) if t is not None), key=lambda t: abs(t[0] - s))[2])
    return out


def second_look(items, cands, all_scored, results, gazetteer) -> None:
    """After resolve_all's scoring, in place: a chosen place that fits none of the text's
    other places gives way to a namesake that does ("Rockingham" by Safety Bay), and a small
    place alone far from them becomes the town it is a street or suburb of ("Hubbard" in a
    text about Chicago). Names the text pinned (a link, a cue, "Town, State") stay."""
    memo: dict[tuple, list[Place]] = {}

    def options(i: int) -> list[Place]:
        (span, _), scored, key = items[i], all_scored[i] or [], cands[i][3]
        mkey = (span.name, key, tuple(p.place_id for _, p in scored))
        hit = memo.get(mkey)
        if hit is None:
            hit = memo[mkey] = [p for p in [q for _, q in scored] + gazetteer.lookup(span.name)[:NAMESAKES]
                                if p.source in OWN_SOURCES or fold.canonical(p.name) == key]
        return hit

    free = [not span.link and span.within is None and span.container is None and not span.cue
            for span, _ in items]
    places, supported = recohere([r.place for r in results], options, [r.keep for r in results],
                                 free, [c[3] for c in cands])
    for r, place in zip(results, places):
        if place is not None and place is not r.place:
            r.alternatives = (r.place,) + tuple(a for a in r.alternatives if a.place_id != place.place_id)[:2]
            r.place = place
    towns = relocate([r.place for r in results], [r.keep for r in results], free,
                     [span.start for span, _ in items], [para for _, para in items],
                     supported=supported)
    for r, town in zip(results, towns):
        if town is not None:
            r.alternatives = (r.place,) + r.alternatives[:2]
            r.place, r.confidence = town, round(r.confidence * RELOCATED, 3)
