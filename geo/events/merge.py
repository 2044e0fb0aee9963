"""Merge the same event told by several documents, keeping every source and every disagreement.

Two candidates are the same event when they share type and place, their doers agree and their
dates agree: overlapping day/range spans, a day inside a month-precision span, or (across
documents only) short spans a few days apart, the case worth showing as a conflict. Merging never
chains: a merged event's days stay within that tolerance of each other, so a place struck every
day stays one event per day or few days, not one swallowing months. Also kept apart:
- country-level events of different documents ("4 strikes in Syria" in each daily release);
- days a few days apart told by a series of dated reports at the same lag (each release tells
  "yesterday"): they are different days' events, not one event dated differently.

`merge_events` is a pure function of the candidate list: it sorts the candidates first, so the
result does not depend on the order in which documents arrive (serial or parallel runs agree).
Candidates are grouped by (type, place) and swept in date order against the few clusters still
in reach, each cluster summarised by its distinct dates, documents and doers, so the work stays
near linear even when one report is repeated thousands of times.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from geo.events.conflicts import UMBRELLA, describe_conflicts, merged_actor, pick_best, same_doer
from geo.events.cues import Lexicon, load_lexicon
from geo.events.text import place_key
from geo.model import DateSpan, Event, SourceRef

NEAR_DAYS = 3                      # cross-document day dates this close are one event told twice
NEAR_SPAN_DAYS = 7                 # ... when neither is vaguer than a week
LONG_DAYS = 31                     # a longer range only merges with the very same range
PRECISE = ("day", "range")
VAGUE = ("year", "season")
REACH = timedelta(days=NEAR_DAYS + LONG_DAYS)   # no merge partner starts later than this after a cluster ends
RANK = {"day": 0, "range": 1, "month": 2, "season": 3, "year": 4}
GEO_RANK = {"place": 0, "near": 1, "region": 2, "country": 3}

Span = tuple[date, date, str]      # (start, end, precision): a date without its text


def _span(d: DateSpan) -> Span:
    return d.start, d.end, d.precision


def _days(s: Span) -> int:
    return (s[1] - s[0]).days + 1


def _overlap(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _agree(a: Span, b: Span) -> bool:
    """Dates that can tell the same event whoever gives them: overlapping short spans, the same
    long span, or a day inside a month (a year or season is too vague to merge here)."""
    if a[2] in PRECISE and b[2] in PRECISE:
        if _days(a) > LONG_DAYS or _days(b) > LONG_DAYS:     # "between August 2014 and October 2016"
            return a[:2] == b[:2]
        return _overlap(a, b)
    coarse, fine = (a, b) if RANK[a[2]] >= RANK[b[2]] else (b, a)
    if coarse[2] == fine[2]:
        return coarse[:2] == fine[:2]
    return _days(coarse) <= LONG_DAYS and coarse[0] <= fine[0] and fine[1] <= coarse[1]


def _vague(s: Span) -> bool:
    """Coarser than the short precise dates that near-day merging compares."""
    return s[2] not in PRECISE or _days(s) > LONG_DAYS


def _near(a: Span, b: Span) -> bool:
    """Short spans at most NEAR_DAYS apart (two tellings of one event, dated differently)."""
    if a[2] not in PRECISE or b[2] not in PRECISE or max(_days(a), _days(b)) > NEAR_SPAN_DAYS:
        return False
    return max(a[0] - b[1], b[0] - a[1]) <= timedelta(days=NEAR_DAYS)


def _lag(ev: Event) -> int | None:
    """Days between the event and its document's own day (None when the document has no day)."""
    return None if ev.reported is None else (ev.reported - ev.date.start).days


def _doers_agree(a: str, b: str) -> bool:
    # Canada's strike near Bayji and the UK's the day before are two events, not one in dispute;
    # only the umbrella "Coalition" (or an unknown actor) may stand for a member.
    return not a or not b or a == b or UMBRELLA in (a, b)


@dataclass
class _Cluster:
    """One event in the making, summarised so that testing a candidate costs its distinct dates
    and doers, not its members."""

    members: list[Event] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    spans: dict[Span, dict[int | None, set[str]]] = field(default_factory=dict)  # span -> lag -> docs
    by_doc: dict[str, set[Span]] = field(default_factory=dict)
    window: tuple[date, date] | None = None      # first start and last end of the short precise dates
    widest: int = 0
    end: date = date.min
    told: set[tuple] = field(default_factory=set)   # (span, actor, doc, lag) already taken
    spans_told: set[tuple] = field(default_factory=set)   # (span, actor) already taken

    def add(self, ev: Event) -> None:
        span, doc = _span(ev.date), ev.sources[0].doc
        self.members.append(ev)
        told = (span, ev.actor, doc, _lag(ev))
        if told in self.told:
            return                   # the same telling again (a repeated report) changes nothing
        self.told.add(told)
        self.spans_told.add((span, ev.actor))
        if ev.actor:
            self.actors.add(ev.actor)
        self.spans.setdefault(span, {}).setdefault(_lag(ev), set()).add(doc)
        self.by_doc.setdefault(doc, set()).add(span)
        if not _vague(span):
            lo, hi = self.window or (span[0], span[1])
            self.window = (min(lo, span[0]), max(hi, span[1]))
            self.widest = max(self.widest, _days(span))
        self.end = max(self.end, span[1])

    def fits(self, ev: Event) -> bool:
        span, doc = _span(ev.date), ev.sources[0].doc
        if (span, ev.actor) in self.spans_told:
            # Taken before with this date and doer: only a second date of its own document can object.
            mine = self.by_doc.get(doc)
            if mine is None or mine == {span}:
                return True
        if not all(_doers_agree(a, ev.actor) for a in self.actors):
            return False
        # A document that states two different dates for the same place means two events.
        if not all(_agree(s, span) for s in self.by_doc.get(doc, ())):
            return False
        # A vague newcomer (month, long range) must hold every date of the cluster, and every
        # vague date of the cluster the newcomer: a month never bridges two separate days.
        vague = _vague(span)
        if not all(_agree(s, span) for s in self.spans if vague or _vague(s)):
            return False
        if not self._within_tolerance(span):
            return False
        if any(_agree(s, span) for s in self.spans):
            return True
        lag = _lag(ev)
        return any(_near(s, span) and any(doc_set - {doc} and (lag is None or other is None or other != lag)
                                          for other, doc_set in lags.items())
                   for s, lags in self.spans.items())

    def _within_tolerance(self, span: Span) -> bool:
        """The cluster's short dates may not spread past NEAR_DAYS (nor past its widest range)."""
        if self.window is None or _vague(span):
            return True
        lo, hi = min(self.window[0], span[0]), max(self.window[1], span[1])
        return (hi - lo).days + 1 <= max(self.widest, _days(span), NEAR_DAYS + 1)


def sort_key(ev: Event) -> tuple:
    """A total order on candidates (and on merged events), so results never depend on arrival."""
    first = ev.sources[0] if ev.sources else SourceRef("", 0)
    return (ev.date.start, RANK[ev.date.precision], ev.date.end, ev.event_type, first.doc, first.line,
            ev.trigger, place_key(ev.place, ev.place_text), ev.actor, ev.target, ev.holder_after,
            ev.geo_precision, ev.date.start_char, ev.date.end_char, ev.date.text, ev.date.qualifier, ev.evidence, ev.event_id,
            tuple((s.doc, s.line) for s in ev.sources), ev.place_text, ev.reported or date.min)


def merge_group_key(ev: Event) -> tuple[str, str, str]:
    """Type and place; a country-level event also keeps to its own document."""
    doc = ev.sources[0].doc if ev.geo_precision == "country" else ""
    return ev.event_type, place_key(ev.place, ev.place_text), doc


def _clusters(group: list[Event]) -> list[list[Event]]:
    """Sweep one (type, place) group in date order; each candidate joins the first cluster in
    reach that takes it, else starts one."""
    done: list[_Cluster] = []
    active: list[_Cluster] = []
    for ev in group:
        horizon = ev.date.start - REACH
        if len(active) > 1 or active and active[0].end < horizon:
            done.extend(c for c in active if c.end < horizon)
            active = [c for c in active if c.end >= horizon]
        host = next((c for c in active if c.fits(ev)), None)
        if host is None:
            host = _Cluster()
            active.append(host)
        host.add(ev)
    return [c.members for c in done + active]


def merge_events(events: list[Event], lexicon: Lexicon | None = None) -> list[Event]:
    """Group events that tell the same thing; each result lists all its sources and conflicts."""
    lex = lexicon or load_lexicon()
    groups: dict[tuple[str, str, str], list[Event]] = {}
    for ev in sorted(events, key=sort_key):
        groups.setdefault(merge_group_key(ev), []).append(ev)
    merged: list[Event] = []
    for key in sorted(groups):
        merged.extend(_fold_vague([_combine(c, lex) for c in _clusters(groups[key])]))
    merged.sort(key=sort_key)
    return merged


def _ordered_sources(evidence: SourceRef, refs: set[SourceRef]) -> tuple[SourceRef, ...]:
    """Every source, the one whose line holds the event's evidence first (the event's doc:line)."""
    return (evidence,) + tuple(sorted(refs - {evidence}, key=lambda s: (s.doc, s.line)))


def _combine(members: list[Event], lex: Lexicon) -> Event:
    if len(members) == 1:
        return replace(members[0], conflicts="") if members[0].conflicts else members[0]
    best = pick_best(members, PRECISE, RANK)
    refs = {s for m in members for s in m.sources}
    geo = min((m.geo_precision for m in members), key=lambda g: GEO_RANK.get(g, 9))
    return replace(
        best,
        actor=merged_actor(best, members),
        target=best.target or next((m.target for m in members if m.target), ""),
        holder_after=best.holder_after or next((m.holder_after for m in members if m.holder_after), ""),
        geo_precision=geo,
        sources=_ordered_sources(best.sources[0], refs),
        conflicts=describe_conflicts(members, lex, PRECISE),
    )


def _by_span(ev: Event) -> tuple:
    return (ev.date.start, *sort_key(ev))


def _fold_vague(events: list[Event]) -> list[Event]:
    """Fold a year- or season-dated event into a finer-dated one of the same type and place inside
    its span ("the 2016 Abu Kamal offensive" and the offensive of 29 June 2016): one event with the
    finer date and both sources; a vaguer date does not disagree, so no conflict is added."""
    vague = [e for e in events if e.date.precision in VAGUE]
    if not vague:
        return events
    kept = sorted((e for e in events if e.date.precision not in VAGUE), key=_by_span)
    starts = [e.date.start for e in kept]
    for ev in sorted(vague, key=lambda e: (RANK[e.date.precision], sort_key(e))):   # seasons before years
        lo, hi = bisect.bisect_left(starts, ev.date.start), bisect.bisect_right(starts, ev.date.end)
        inside = [k for k in range(lo, hi) if kept[k].date.end <= ev.date.end and same_doer(ev.actor, kept[k].actor)]
        if not inside:
            at = bisect.bisect_right(starts, ev.date.start)
            kept.insert(at, ev)
            starts.insert(at, ev.date.start)
            continue
        # The same document's finer statement first, else the earliest one.
        docs = {s.doc for s in ev.sources}
        k = next((k for k in inside if docs & {s.doc for s in kept[k].sources}), inside[0])
        host = kept[k]
        kept[k] = replace(host, sources=_ordered_sources(host.sources[0], set(host.sources) | set(ev.sources)),
                          actor=host.actor or ev.actor, target=host.target or ev.target,
                          holder_after=host.holder_after or ev.holder_after)
    return kept


def source_count(event: Event) -> int:
    """How many distinct documents report the event (the `sources` column)."""
    return len({s.doc for s in event.sources})
