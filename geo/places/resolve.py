"""Toponym resolution: pick one gazetteer entry per recognised name, with a confidence.

Evidence, in order of weight: user/curated entries, feature cues in the phrase ("Air Base"
-> airbase), wiki link targets, the countries the document is about, other places in the
same paragraph, population. Two passes: the first finds the document's countries and
anchor places, the second scores every candidate against them.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from math import exp

from geo.model import Place
from geo.places import discourse, fold, lexicon
from geo.places.candidates import SETTLEMENT, candidates
from geo.places.features import OWN_SOURCES
from geo.places.locality import Anchors, haversine_km, second_look
from geo.places.records import Resolution, Span

# evidence weights: population (per power of ten), document countries, paragraph neighbours
POP_WEIGHT = 1 / 3.0
COUNTRY_WEIGHT = 1.2
REGION_BONUS = 0.5
NEAR_BONUS = 0.4
LIST_BONUS = 1.5  # "Utah, Washington, Idaho": a name in a list of states is a state
# a bare one-word name abroad: only a place this big is meant without other evidence
KNOWN_ABROAD_POP = 100_000
ADMIN1_WEIGHT = 1.0  # document-wide: the first-level regions (US states...) its other places lie in


_PRIORS: dict[str, float] = {}


def _prior(p: Place) -> float:
    hit = _PRIORS.get(p.place_id)
    if hit is not None:
        return hit
    score = math.log10(p.population + 1) * POP_WEIGHT
    score += {"country": 1.2, "region": 0.5, "sea": 0.5}.get(p.kind, 0.0)
    score += {"user": 3.0, "document": 3.0, "curated": 1.5, "naturalearth": 0.2}.get(p.source, 0.0)
    if len(_PRIORS) < 500_000 and p.source not in ("user", "document"):
        _PRIORS[p.place_id] = score
    return score


def _score(p: Place, span: Span, key: str, linked: set[str], link_kinds, countries: dict[str, float],
           anchors: list[Place]) -> float:
    """Full score of one candidate: the context-free part plus document and paragraph context."""
    return _base(p, span, key, linked, link_kinds) + _context(p, countries, anchors)


def _base(p: Place, span: Span, key: str, linked: set[str], link_kinds) -> float:
    score = _prior(p)
    if span.cue:
        if p.kind == span.cue or (span.cue == "airbase" and p.source == "airportsdata"):
            score += 2.0
        elif span.cue in ("region", "mountain", "dam", "camp") and p.kind in SETTLEMENT:
            score += 0.2
        elif span.cue == "airbase" and p.kind in SETTLEMENT and p.name.endswith(" Base"):
            score -= 1.0  # "Nellis Air Force Base", the census village: the text means the base
    if p.place_id in linked:
        score += 1.5
    within = span.within
    if within is not None and within.country and p.country == within.country and p.place_id != within.place_id:
        score += 1.0  # "Gainesville, Va.": in the country the text names after the comma
        if within.kind == "region" and within.admin1 and p.admin1 == within.admin1:
            score += 1.0  # ... and in that region
    if span.container is not None and p.place_id == span.container.place_id:
        score += 2.0  # "Tacoma, Washington": the state, as the town before it says
    if link_kinds and p.kind in link_kinds:
        score += 1.0
    if p.source in OWN_SOURCES or fold.canonical(p.name) == key:
        score += 0.8  # the place's own name (or a curated alias), not one of its translations
    return score


@dataclass
class _Regions:
    """The document's first-level regions: distinct confidently resolved places per region."""

    counts: Counter
    ids: frozenset
    total: int

    def share(self, p: Place) -> float:
        """Share of the document's other places in p's region (p itself not counted)."""
        if not self.total or not p.admin1:
            return 0.0
        n = self.counts.get((p.country, p.admin1), 0) - (p.place_id in self.ids)
        return max(n, 0) / self.total


_NO_REGIONS = _Regions(Counter(), frozenset(), 0)


def _context(p: Place, countries: dict[str, float], anchors: list[Place],
             regions: _Regions = _NO_REGIONS, top_population: int = 0) -> float:
    """Document and paragraph context of one candidate: its country's share of the
    document, its region's, and what the paragraph's first agreeing anchor lends it."""
    score = _document_context(p, countries, regions, top_population)
    bonus = _anchor_bonus(p, anchors)
    return score + bonus if bonus else score


def _document_context(p: Place, countries: dict[str, float], regions: _Regions,
                      top_population: int) -> float:
    # seas and world regions belong to no country: they fit any document equally well
    score = COUNTRY_WEIGHT * (countries.get(p.country, 0.0) if p.country else countries.get("*", 0.0))
    if p.admin1 and regions.total and p.population * 10 >= top_population:
        # "Lafayette" in a text about Louisiana; but a far bigger namesake elsewhere ("Portland",
        # Oregon, in a text about Texas) is known beyond its region: no bonus against it
        score += ADMIN1_WEIGHT * regions.share(p)
    return score


def _anchor_bonus(p: Place, anchors: list[Place]) -> float:
    """REGION_BONUS, NEAR_BONUS or 0.0: what the first of the paragraph's places that
    agrees with p lends it."""
    for a in anchors:
        if a.admin1 and a.admin1 == p.admin1 and a.country == p.country and (
                a.kind == "region") != (p.kind == "region"):
            # "Parkland ... Florida": in the region the paragraph names; "Washington ...
            # Seattle": the region that holds the paragraph's places
            return REGION_BONUS
        if (abs(a.lat - p.lat) < 2.8 and abs(a.lon - p.lon) < 8 and a.place_id != p.place_id
                and haversine_km(p.lat, p.lon, a.lat, a.lon) < 300):
            return NEAR_BONUS
    return 0.0


class _Name:
    """One distinct name of a text (span text, link, cue, comma region, container) and what
    depends on it alone, worked out once however often the text says it."""

    __slots__ = ("cand", "cue", "rkey", "ranked", "best", "evidence", "terms", "fuzzy")

    def __init__(self, cand: tuple, cue: str, rkey: tuple) -> None:
        self.cand = cand        # (places, linked ids, link kinds, folded key)
        self.cue = cue          # the span's cue once candidates() filled it in
        self.rkey = rkey        # what the scores depend on (the cue included)
        self.ranked: list[tuple[float, Place]] | None = None  # context-free scores, best first
        self.best: Place | None = None
        self.evidence = False   # whether its best place says which country the text is about
        self.terms: list[tuple] | None = None  # pass 2's per-candidate parts (see _terms)
        self.fuzzy = False      # candidates found only through the transliteration skeleton


def _minus_score(scored: tuple[float, Place]) -> float:
    return -scored[0]


def _names(items: list[tuple[Span, object]], gazetteer) -> list[_Name]:
    """Each span's _Name (spans saying the same name share one): candidates looked up once."""
    memo: dict[tuple, _Name] = {}
    out = []
    lookup = gazetteer.lookup
    for span, _ in items:
        if span.within is not None:
            top = lookup(span.text)[:1]
            if top and top[0].kind in ("country", "region", "sea"):
                span.within = None  # "Wales, U.S. Secretary...": a list of regions, not "town, region"
        mkey = (span.text, span.link, span.cue, span.within, span.container)
        name = memo.get(mkey)
        if name is None:
            places, linked, link_kinds = candidates(span, gazetteer)  # may set span.cue
            name = memo[mkey] = _Name((places, linked, link_kinds, fold.canonical(span.name)), span.cue,
                                      (span.text, span.link, span.cue, span.within, span.container))
            name.fuzzy = span.fuzzy
        span.cue = name.cue
        span.fuzzy = name.fuzzy
        out.append(name)
    return out


def _rank(name: _Name, span: Span, first_memo: dict[tuple, list]) -> None:
    """Context-free ranking of a name's candidates, and whether its best one is evidence of
    the document's country (unambiguous or dominant)."""
    places, linked, link_kinds, key = name.cand
    based = first_memo.get(name.rkey)
    if based is None:
        based = first_memo[name.rkey] = sorted(
            ((_base(p, span, key, linked, link_kinds), p) for p in places), key=_minus_score)
    name.ranked = based
    best = name.best = based[0][1]
    margin = _prior(best) - (_prior(based[1][1]) if len(based) > 1 else 0.0)
    name.evidence = not span.fuzzy and bool(
        best.country and (best.kind in ("country", "region") or best.population > 100_000
                          or best.source in OWN_SOURCES or margin > 0.5) and not (
            best.kind == "region" and lexicon.generic_name(key)) and not (  # "West Coast"
            _misfit(span, best)))  # "Mandla District", "Wadi Moga": a town


def _scored(terms: list[tuple], near: tuple[tuple[int, Place], ...], alike) -> list[tuple[float, Place]]:
    """Candidates scored against the paragraph's other places (`near`: (id, place) each),
    best first. `terms` holds per candidate (context-free score, place, document context,
    list category, its memo of _anchor_bonus by id of anchor, or None when no anchor of
    the text can agree with it)."""
    out = []
    for b, p, ctx, cat, memo in terms:
        if memo is not None:  # _anchor_bonus(p, near), each pair worked out once a text
            for key, a in near:
                bonus = memo.get(key)
                if bonus is None:
                    bonus = memo[key] = _anchor_bonus(p, (a,))
                if bonus:
                    ctx = ctx + bonus
                    break
        out.append((b + ctx + (LIST_BONUS if alike is not None and cat == alike else 0.0), p))
    out.sort(key=_minus_score)
    return out


class _AnchorIndex:
    """The text's anchors (indexed by locality.Anchors), to tell the candidates that none
    can agree with (none in their region, none within 2.8 degrees of latitude)."""

    def __init__(self, anchors: list[Place]) -> None:
        self.anchors = Anchors(anchors)
        self.memos: dict[int, dict[int, float]] = {}  # id of candidate -> its pair memo

    def memo(self, p: Place) -> dict[int, float] | None:
        """p's memo of _anchor_bonus by id of anchor; None when no anchor can lend p one."""
        if not ((p.admin1 and (p.country, p.admin1) in self.anchors.by_region)
                or self.anchors.within_lat(p.lat, 2.81)):
            return None  # a margin over the 2.8 degrees _anchor_bonus asks for
        return self.memos.setdefault(id(p), {})


def _terms(ranked: list[tuple[float, Place]], countries: dict[str, float], regions: _Regions,
           index: _AnchorIndex) -> list[tuple]:
    top = max(p.population for _, p in ranked) if regions.total else 0
    return [(b, p, _document_context(p, countries, regions, top), discourse.category(p), index.memo(p))
            for b, p in ranked]


def resolve_all(items: list[tuple[Span, object]], gazetteer) -> list[Resolution]:
    """Resolve every span; `items` pairs each span with its paragraph key."""
    names = _names(items, gazetteer)
    cands = [name.cand for name in names]
    # pass 1: document countries and paragraph anchors from unambiguous or dominant names
    evidence: Counter[str] = Counter()
    evidence_ids: dict[str, set[str]] = defaultdict(set)  # which places said so
    anchors: dict[object, list[tuple[int, Place]]] = defaultdict(list)
    first: list[Place | None] = []
    first_memo: dict[tuple, list[tuple[float, Place]]] = {}
    anchor_ids: dict[object, set[str]] = defaultdict(set)  # paragraph -> its anchors' ids
    for index, ((span, para), name) in enumerate(zip(items, names)):
        if not name.cand[0]:
            first.append(None)
            continue
        if name.ranked is None:
            _rank(name, span, first_memo)
        best = name.best
        first.append(best)
        if name.evidence:
            evidence[best.country] += 1
            evidence_ids[best.country].add(best.place_id)
            para_anchors, ids = anchors[para], anchor_ids[para]
            if len(para_anchors) < 6 and best.place_id not in ids:
                para_anchors.append((index, best))
                ids.add(best.place_id)
    distinct = {a.place_id: a for para_anchors in anchors.values() for _, a in para_anchors
                if a.admin1 and a.kind != "country"}
    region_counts = Counter((a.country, a.admin1) for a in distinct.values())
    regions = _Regions(region_counts, frozenset(distinct), len(distinct))
    total = sum(evidence.values()) or 1
    countries = {c: n / total for c, n in evidence.items()}
    countries["*"] = max(countries.values(), default=0.0)
    alike = discourse.list_kinds(items, first)
    all_scored = _second_pass(items, names, anchors, countries, regions, alike)
    votes = discourse.discourse_votes(items, cands, all_scored)
    results: list[Resolution] = []
    for (span, _), name, scored in zip(items, names, all_scored):
        if scored is None:
            results.append(Resolution(None, 0.0, ()))
            continue
        key = name.cand[3]
        choice = votes.get(discourse.sense_key(span, key))
        if (choice is not None and scored[0][1].place_id != choice and not span.link
                and span.container is None):  # one name, one place per document
            scored = sorted(scored, key=lambda sp: (sp[1].place_id != choice, -sp[0]))
        best_score, best = scored[0]
        if span.feature and best.kind == "country":  # "Oman oilfield": unresolved, kept for review
            results.append(Resolution(None, 0.0, tuple(p for _, p in scored[:3]), withheld=True))
            continue
        if span.fuzzy and countries.get(best.country, 0.0) < 0.05:
            # a loose spelling match abroad ("Hawijah" -> Hajjah, Yemen): listed for review
            results.append(Resolution(None, 0.0, tuple(p for _, p in scored[:3]), withheld=True))
            continue
        z = sum([exp(s - best_score) for s, _ in scored])
        confidence = round(1.0 / z, 3)
        # "recaptured Bartella": only other places may say the document is about its country
        said = evidence_ids.get(best.country, ())
        supported = len(said) > 1 or (len(said) == 1 and best.place_id not in said)
        keep = _keep(span, best, countries, key, supported)
        if keep and _namesake_abroad(span, best, countries, supported):
            # "Kot District" in a text about Afghanistan: a town in India is not that district;
            # "Tar mountain", "Wadi Deif": a town abroad is not the feature the text names
            results.append(Resolution(None, 0.0, tuple(p for _, p in scored[:3]), withheld=True))
            continue
        if keep and "list-only" in span.weak_reasons:
            keep = False  # decided below, from the list's other places
        results.append(Resolution(best, confidence, tuple([p for _, p in scored[1:4]]), keep))
    discourse.keep_list_partners(items, results)
    second_look(items, cands, all_scored, results, gazetteer)
    for r in results:
        if r.withheld:  # the second look may not bring back a place withheld above
            r.place, r.confidence = None, 0.0
    return results


def _misfit(span: Span, p: Place) -> bool:
    """Whether the feature word of the phrase says another kind of place than p: "X
    District" (a region) but p is no region, "Wadi X" or "X mountain" but p is a town."""
    if span.cue == "region":
        return p.kind != "region"
    return bool(span.cue) and span.cue != p.kind and p.kind in SETTLEMENT and not (
        span.cue == "airbase" and p.source == "airportsdata")


def _namesake_abroad(span: Span, best: Place, countries: dict[str, float], supported: bool) -> bool:
    """Whether the best candidate is a namesake outside the countries the text is about
    whose kind does not fit the feature word the text uses ("X District" -> a town,
    "Wadi X" or "X mountain" -> a town). Links and curated or user places are evidence
    enough; `supported`: other places of the text lie in its country."""
    if span.link or best.source in OWN_SOURCES or (
            supported and countries.get(best.country, 0.0) >= 0.05):
        return False
    return _misfit(span, best)


def _small_abroad(span: Span, best: Place, countries: dict[str, float], key: str,
                  supported: bool) -> bool:
    """Whether a bare one-word name went to a town abroad (no other place of the text lies in
    its country; another country has a fifth of the text's evidence) that is no city known
    beyond its region (KNOWN_ABROAD_POP): without a cue, a link or neighbours there, the text
    more likely means a place the gazetteer lacks."""
    return (best.population < KNOWN_ABROAD_POP and best.kind in SETTLEMENT and not supported
            and " " not in key and not span.link and not span.strong and not span.cue
            and best.source not in OWN_SOURCES
            and any(c not in (best.country, "*") and share >= 0.2 for c, share in countries.items()))


def _second_pass(items, names: list[_Name], anchors: dict, countries: dict[str, float],
                 regions: _Regions, list_kinds: dict) -> list[list[tuple[float, Place]] | None]:
    """Pass 2: every span's candidates scored against the document's countries and its
    paragraph's other anchors; a name met again with the same anchors is scored once."""
    anchor_at = {i for para_anchors in anchors.values() for i, _ in para_anchors}
    index_ = _AnchorIndex(list({id(a): a for pa in anchors.values() for _, a in pa}.values()))
    whole: dict[object, tuple] = {}  # paragraph -> all its anchors, (id, place) each
    terms_memo: dict[tuple, list[tuple]] = {}
    scored_memo: dict[tuple, list[tuple[float, Place]]] = {}
    all_scored: list[list[tuple[float, Place]] | None] = []
    for index, ((span, para), name) in enumerate(zip(items, names)):
        if name.ranked is None:
            all_scored.append(None)
            continue
        terms = name.terms
        if terms is None:  # names of one rkey share their terms
            terms = terms_memo.get(name.rkey)
            if terms is None:
                terms = terms_memo[name.rkey] = _terms(name.ranked, countries, regions, index_)
            name.terms = terms
        alike = list_kinds.get(index)
        if index in anchor_at:  # an anchor is not its own neighbour: its own near list
            near = tuple([(id(a), a) for i, a in anchors[para] if i != index])
            all_scored.append(_scored(terms, near, alike))
            continue
        near = whole.get(para)
        if near is None:
            near = whole[para] = tuple([(id(a), a) for _, a in anchors.get(para, ())])
        skey = (id(terms), para, alike)  # terms: one list per rkey; the paragraph: its anchors
        scored = scored_memo.get(skey)
        if scored is None:
            scored = scored_memo[skey] = _scored(terms, near, alike)
        all_scored.append(scored)
    return all_scored


def _keep(span: Span, best: Place, countries: dict[str, float], key: str,
          supported: bool = True) -> bool:
    """Drop weak names: common words, obscure alternate names, small far-away places."""
    if span.needs_country and countries.get(best.country, 0.0) < 0.05 and best.kind not in (
            "country", "region", "sea") and best.source not in OWN_SOURCES:
        if lexicon.stopwords().get(key) or key in lexicon.given_names():
            return False  # "to Obama's": a preposition is not enough for a common word
    if (best.kind == "region" and best.source not in OWN_SOURCES and not span.link
            and countries.get(best.country, 0.0) < 0.05 and lexicon.generic_name(key)):
        return False  # "West Coast" (New Zealand) in a text about elsewhere
    if span.strong or best.source in OWN_SOURCES or best.kind in ("country", "region", "sea"):
        return True
    if (span.needs_country and supported and countries.get(best.country, 0.0) >= 0.05
            and key not in lexicon.given_names()):
        return True  # "recaptured Bartella" in a text about Iraq
    if key in lexicon.given_names():
        return False  # a lone "Paul" is a person
    if "common-word" in span.weak_reasons:
        return False
    if "facility-name" in span.weak_reasons and countries.get(best.country, 0.0) < 0.05:
        return False  # "the Brick Factory" in a text about Syria: not Brick, New Jersey
    if " " in key:
        return True
    if fold.canonical(best.name) != key and best.population < 100_000:
        return False  # matched only through an alternate name of a small place
    if best.population < 15_000 and countries.get(best.country, 0.0) < 0.05:
        return False
    if _small_abroad(span, best, countries, key, supported):
        return False  # "Madaya" in a text about Syria is not the town in Myanmar
    if "sentence-start" in span.weak_reasons and best.population < 50_000:
        return False
    if "name-neighbour" in span.weak_reasons and (best.population < 100_000
                                                  or fold.canonical(best.name) != key):
        return False  # "Tracy Jane", "said Noma", "Allyson Chiu": a person, not a small town
    return True
