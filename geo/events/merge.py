"""Merge the same event told by several documents, keeping every source and every disagreement.

Two events are the same when they share type and place and their dates agree: overlapping
day/range spans, a day inside a month-precision span, or (across documents only) day dates a
few days apart — the latter is exactly the case worth showing as a conflict.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import timedelta

from geo.actors import load_actors
from geo.events.cues import Lexicon, load_lexicon
from geo.events.text import place_key
from geo.model import DateSpan, Event, SourceRef

NEAR_DAYS = 3                      # cross-document day dates this close are one event told twice
PRECISE = ("day", "range")
UMBRELLA = "Coalition"                   # an actor that may stand for any of its members
REACH = timedelta(days=NEAR_DAYS + 31)   # no merge partner starts later than this after a cluster ends
RANK = {"day": 0, "range": 1, "month": 2, "season": 3, "year": 4}
GEO_RANK = {"place": 0, "near": 1, "region": 2, "country": 3}


def _span_days(d: DateSpan) -> int:
    return (d.end - d.start).days + 1


def _compatible(a: Event, b: Event) -> bool:
    # Canada's strike near Bayji and the UK's the day before are two events, not one in dispute;
    # only the umbrella "Coalition" (or an unknown actor) may stand for a member.
    if a.actor and b.actor and a.actor != b.actor and UMBRELLA not in (a.actor, b.actor):
        return False
    da, db = a.date, b.date
    if da.precision in PRECISE and db.precision in PRECISE:
        if _span_days(da) > 31 or _span_days(db) > 31:    # "between August 2014 and October 2016"
            return da.start == db.start and da.end == db.end
        if da.overlaps(db):
            return True
        if a.sources[0].doc == b.sources[0].doc:
            return False
        gap = max(da.start - db.end, db.start - da.end)
        return gap <= timedelta(days=NEAR_DAYS) and _span_days(da) <= 7 and _span_days(db) <= 7
    coarse, fine = (da, db) if RANK[da.precision] >= RANK[db.precision] else (db, da)
    if coarse.precision == fine.precision:
        return coarse.start == fine.start and coarse.end == fine.end
    # A month statement absorbs the days inside it; a year or season is too vague to merge.
    return _span_days(coarse) <= 31 and coarse.start <= fine.start and fine.end <= coarse.end


def _fits(event: Event, members: list[Event]) -> bool:
    if not any(_compatible(event, m) for m in members):
        return False
    # A document that states two different dates for the same place means two events.
    for m in members:
        if m.sources[0].doc == event.sources[0].doc and not _compatible(event, m):
            return False
    return True


def _ref(s: SourceRef) -> str:
    return f"{s.doc}:{s.line}"


def _numbers(text: str, lex: Lexicon) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in lex.count.finditer(text):
        out.setdefault(m.group(2).lower(), m.group(1))
    return out


def _conflicts(members: list[Event], lex: Lexicon) -> str:
    notes: list[str] = []
    dates = {}
    # A date a sentence only inherits from its paragraph ("Since then, ... have executed airstrikes")
    # states nothing about the day: it neither disagrees nor votes when others state theirs.
    stated = [m for m in members if m.date.start_char >= 0]
    dated = stated or members
    for m in dated:
        if m.date.precision in PRECISE:
            label = m.date.start.isoformat() if m.date.start == m.date.end else \
                f"{m.date.start.isoformat()}/{m.date.end.isoformat()}"
            dates.setdefault(label, m.sources[0])
    precise = [m for m in dated if m.date.precision in PRECISE]
    # A day inside another source's range agrees with it; only dates that exclude each other, given
    # by different documents, disagree (one document's two sentences are not a dispute).
    disagree = any(not a.date.overlaps(b.date) and a.sources[0].doc != b.sources[0].doc
                   for i, a in enumerate(precise) for b in precise[i + 1:])
    if len(dates) > 1 and disagree:
        notes.append("; ".join(f"{_ref(ref)} says {label}" for label, ref in sorted(dates.items(), key=lambda x: _ref(x[1]))))
    sides = load_actors()
    named = {m.actor for m in members if m.actor and m.actor != UMBRELLA}
    # Only the coalition's own members may be told as "the coalition" by another source.
    members_named = bool(named) and all(sides.side(a) == sides.side(UMBRELLA) for a in named)
    for field, label in (("actor", "actor"), ("holder_after", "holder after")):
        values: dict[str, SourceRef] = {}
        docs: dict[str, set[str]] = {}
        for m in members:
            v = getattr(m, field)
            # "coalition airstrikes" and "U.S. airstrikes" agree: the umbrella stands for its member.
            if v and not (field == "actor" and v == UMBRELLA and members_named):
                values.setdefault(v, m.sources[0])
                docs.setdefault(v, set()).add(m.sources[0].doc)
        if len(values) > 1 and len(set().union(*docs.values())) > 1:
            notes.append("; ".join(f"{_ref(ref)} says {label} {v}" for v, ref in values.items()))
    by_noun: dict[str, dict[str, SourceRef]] = {}
    for m in members:
        for noun, number in _numbers(m.evidence, lex).items():
            by_noun.setdefault(noun, {}).setdefault(number, m.sources[0])
    for noun, values in sorted(by_noun.items()):
        if len(values) > 1:
            notes.append("; ".join(f"{_ref(ref)} says {n} {noun}" for n, ref in values.items()))
    return " | ".join(notes)


def _combine(members: list[Event], lex: Lexicon) -> Event:
    docs_order = sorted({m.sources[0].doc for m in members})
    precise = [m for m in members if m.date.precision in PRECISE]
    # Stated dates outvote dates a sentence only inherits from its paragraph.
    pool = [m for m in precise if m.date.start_char >= 0] or precise or members
    # Majority date over documents; ties go to the finest, then to the first document.
    votes = Counter((m.date.start, m.date.end) for m in pool)
    best = max(pool, key=lambda m: (votes[(m.date.start, m.date.end)], -RANK[m.date.precision],
                                    -docs_order.index(m.sources[0].doc), -m.sources[0].line))
    actors = Counter(m.actor for m in members if m.actor)
    actor = best.actor or (actors.most_common(1)[0][0] if actors else "")
    sides = load_actors()
    named = Counter(m.actor for m in members if m.actor and m.actor != UMBRELLA
                    and sides.side(m.actor) == sides.side(UMBRELLA))
    if actor in ("", UMBRELLA) and named:
        actor = named.most_common(1)[0][0]   # the member named by one source is the more precise actor
    sources = sorted({s for m in members for s in m.sources}, key=lambda s: (s.doc, s.line))
    return replace(
        best,
        actor=actor,
        target=best.target or next((m.target for m in members if m.target), ""),
        holder_after=best.holder_after or next((m.holder_after for m in members if m.holder_after), ""),
        geo_precision=min((m.geo_precision for m in members), key=lambda g: GEO_RANK.get(g, 9)),
        sources=tuple(sources),
        conflicts=_conflicts(members, lex) if len(members) > 1 else "",
    )


def merge_events(events: list[Event], lexicon: Lexicon | None = None) -> list[Event]:
    """Group events that tell the same thing; each result lists all its sources and conflicts."""
    lex = lexicon or load_lexicon()
    groups: dict[tuple[str, str], list[Event]] = {}
    for ev in events:
        groups.setdefault((ev.event_type, place_key(ev.place, ev.place_text)), []).append(ev)
    merged: list[Event] = []
    for group in groups.values():
        group.sort(key=lambda e: (e.date.start, RANK[e.date.precision], e.sources[0].doc, e.sources[0].line))
        clusters: list[list[Event]] = []
        active: list[tuple[list[Event], list]] = []     # (cluster, [latest end]) still in reach
        for ev in group:
            # Sorted by start: clusters ending more than a month before this event cannot take it.
            horizon = ev.date.start - REACH
            active = [(c, end) for c, end in active if end[0] >= horizon]
            for cluster, end in active:
                if _fits(ev, cluster):
                    cluster.append(ev)
                    end[0] = max(end[0], ev.date.end)
                    break
            else:
                clusters.append([ev])
                active.append((clusters[-1], [ev.date.end]))
        merged.extend(_fold_vague([_combine(c, lex) for c in clusters]))
    merged.sort(key=lambda e: (e.date.start, e.event_type, e.sources[0].doc, e.sources[0].line))
    return merged


def _same_doer(a: str, b: str) -> bool:
    """Unknown, equal, or the umbrella coalition and one of its members ("the 2015 Battle of Tikrit" by
    Iran is not the coalition's battle of 25 March 2015)."""
    if not a or not b or a == b:
        return True
    sides = load_actors()
    return UMBRELLA in (a, b) and sides.side(a) == sides.side(b)


def _fold_vague(events: list[Event]) -> list[Event]:
    """Fold a year- or season-dated event into a finer-dated one of the same type and place inside
    its span ("the 2016 Abu Kamal offensive" and the offensive of 29 June 2016): one event with the
    finer date and both sources; a vaguer date does not disagree, so no conflict is added."""
    vague = [e for e in events if e.date.precision in ("year", "season")]
    if not vague:
        return events
    kept = [e for e in events if e.date.precision not in ("year", "season")]
    for ev in vague:
        inside = [k for k, e in enumerate(kept) if ev.date.start <= e.date.start and e.date.end <= ev.date.end
                  and _same_doer(ev.actor, e.actor)]
        if not inside:
            kept.append(ev)
            continue
        # The same document's finer statement first, else the earliest one.
        docs = {s.doc for s in ev.sources}
        k = next((k for k in inside if docs & {s.doc for s in kept[k].sources}), inside[0])
        host = kept[k]
        sources = sorted(set(host.sources) | set(ev.sources), key=lambda s: (s.doc, s.line))
        kept[k] = replace(host, sources=tuple(sources), actor=host.actor or ev.actor,
                          target=host.target or ev.target, holder_after=host.holder_after or ev.holder_after)
    return kept


def source_count(event: Event) -> int:
    """How many distinct documents report the event (the `sources` column)."""
    return len({s.doc for s in event.sources})

