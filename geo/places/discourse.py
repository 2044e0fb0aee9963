"""What a text's names say about each other: names in one list are alike ("Utah, Washington
and Idaho" are states; "Fallujah, Ramadi and Hit" makes Hit a town), and a name said several
times in one text means one place (one sense per discourse).
"""

from __future__ import annotations

from collections import defaultdict

from geo.model import Place
from geo.places.features import SETTLEMENT
from geo.places.records import Resolution, Span


def keep_list_partners(items, results: list[Resolution]) -> None:
    """A common word in a list ("Fallujah, Ramadi and Hit") is a place when another name of
    its list resolved to a place in the same country."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, (span, para) in enumerate(items):
        if span.group >= 0:
            groups[(para, span.group)].append(index)
    for members in groups.values():
        for index in members:
            span, res = items[index][0], results[index]
            if "list-only" not in span.weak_reasons or res.place is None:
                continue
            res.keep = any(
                j != index and results[j].keep and results[j].place is not None
                and "list-only" not in items[j][0].weak_reasons
                and results[j].place.country == res.place.country for j in members)


def category(p: Place) -> tuple[str, str]:
    """What a list of names shares: countries, regions of one country, or settlements."""
    if p.kind == "country":
        return ("country", "")
    if p.kind == "region":
        return ("region", p.country)
    return ("settlement", "") if p.kind in SETTLEMENT else (p.kind, "")


def list_kinds(items, first: list[Place | None]) -> dict[int, tuple[str, str]]:
    """Item index -> the category all other resolved names of its list share ("X or Y" too)."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, (span, para) in enumerate(items):
        if span.group >= 0:
            groups[(para, span.group)].append(index)
    out: dict[int, tuple[str, str]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        for index in members:
            cats = {category(first[j]) for j in members if j != index and first[j] is not None}
            resolved = sum(1 for j in members if j != index and first[j] is not None)
            cat = next(iter(cats)) if len(cats) == 1 and resolved >= 1 else None
            if cat is not None and cat[0] in ("country", "region"):
                out[index] = cat  # towns need no help from a list; states and countries do
    return out


def sense_key(span: Span, key: str) -> tuple[str, str]:
    return (key, span.cue)


def discourse_votes(items, cands, all_scored) -> dict[tuple[str, str], str]:
    """One sense per discourse: a name said several times in a document means one place, the
    one its occurrences score best in total ("Allendale, N.J." settles the bare "Allendale")."""
    totals: dict[tuple[str, str], dict[str, float]] = {}
    counts: dict[tuple[str, str], int] = {}
    for (span, _), cand, scored in zip(items, cands, all_scored):
        if scored is None or span.link:
            continue
        sense = (cand[3], span.cue)  # sense_key
        counts[sense] = counts.get(sense, 0) + 1
        by_place = totals.get(sense)
        if by_place is None:
            by_place = totals[sense] = {}
        floor = scored[-1][0]
        for score, place in scored:  # summed in text order, as floats add
            pid = place.place_id
            by_place[pid] = by_place.get(pid, 0.0) + (score - floor)
    return {sense: max(by_place.items(), key=lambda kv: kv[1])[0]
            for sense, by_place in totals.items() if counts[sense] > 1}
