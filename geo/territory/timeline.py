"""The control timeline: one holder per place per day, from completed changes of hands.

Changes come from `territory_change` events that pass the gate (geo.territory.gate). Per place
they are taken in date order; each starts a period and ends the one before it the day before, so
periods never overlap. Reports of the same change that disagree (different holders within
CONFLICT_DAYS of each other) stay visible: the shown holder is chosen by the rule written into
`rule` (more documents, then the finer date, then the later report) and the others are listed in
`conflicts`. A country-wide statement ("ISIL had no remaining territory in Iraq") ends the losing
side's hold on every place of that country; "the whole of Nineveh was liberated" does the same
inside that governorate (geo.territory.regions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from geo.actors import ActorLexicon, load_actors
from geo.events.text import UNKNOWN_HOLDER
from geo.model import Event, Place
from geo.territory import regions
from geo.territory.gate import Verdict, judge

# Two reports of one place changing hands this close together are one change told two ways.
CONFLICT_DAYS = 3
PRECISION_RANK = {"day": 4, "range": 3, "month": 2, "season": 1, "year": 0}


@dataclass
class Control:
    """One holder of one place for one period (end inclusive; None = still at the horizon)."""

    place: Place
    holder: str
    start: date
    end: date | None = None
    refs: list[str] = field(default_factory=list)
    rule: str = ""
    conflicts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    """A territory_change the gate let through, with the day it takes effect."""

    event: Event
    when: date
    verdict: Verdict

    @property
    def docs(self) -> int:
        return len({s.doc for s in self.event.sources}) or 1

    @property
    def refs(self) -> list[str]:
        return [f"{s.doc}:{s.line}" for s in self.event.sources]


def when(ev: Event) -> date:
    """The day a change takes effect: a day, or a month's first day (the map shows each month as
    it stands at its end); "by December 2017", a season, a year or a longer range ("during the
    Battle of Mosul (2016–17)") at the span's last day, so a holder is not shown years before the
    text is sure of it."""
    span = ev.date
    if getattr(span, "qualifier", "") == "by":
        return span.end
    if span.precision in ("day", "month") or (span.end - span.start).days <= 31:
        return span.start
    return span.end


def changes(events: list[Event], actors: ActorLexicon | None = None) -> tuple[list[Change], list[tuple[Event, Verdict]]]:
    """Territory changes in date order that count, and the ones the gate turned down (with why)."""
    actors = actors or load_actors()
    kept, dropped = [], []
    for ev in events:
        if ev.event_type != "territory_change" or not ev.holder_after or ev.place is None:
            continue
        if ev.holder_after in actors.actors and not actors.contests_territory(ev.holder_after) \
                and ev.holder_after != UNKNOWN_HOLDER:
            # Outside powers (the coalition, Russia, France) support the sides that hold ground;
            # "the coalition captured Mosul" is the Iraqi forces it backed taking it.
            dropped.append((ev, Verdict(False, f"{ev.holder_after} holds no ground (sides.csv)")))
            continue
        verdict = judge(ev, actors.aliases_of(ev.holder_after))
        if verdict.counts:
            kept.append(Change(ev, when(ev), verdict))
        else:
            dropped.append((ev, verdict))
    kept.sort(key=lambda c: (c.when, c.event.event_id))
    return kept, dropped


def _pick(group: list[Change]) -> tuple[Change, str, list[str]]:
    """The shown change of disagreeing reports, the rule that chose it, and the others."""
    holders = {c.event.holder_after for c in group}
    if len(holders) == 1:
        return group[-1], "", []

    def score(c: Change) -> tuple[int, int, date]:
        docs = sum(x.docs for x in group if x.event.holder_after == c.event.holder_after)
        return docs, PRECISION_RANK.get(c.event.date.precision, 0), c.when

    ranked = sorted(group, key=score, reverse=True)
    best, second = ranked[0], next(c for c in ranked if c.event.holder_after != ranked[0].event.holder_after)
    a, b = score(best), score(second)
    rule = ("more documents" if a[0] != b[0] else "finer date" if a[1] != b[1] else "later report")
    others = [f"{c.event.holder_after} ({', '.join(c.refs)})" for c in group
              if c.event.holder_after != best.event.holder_after]
    return best, rule, others


def _grouped(place_changes: list[Change]) -> list[list[Change]]:
    groups: list[list[Change]] = []
    for c in place_changes:
        if groups and (c.when - groups[-1][0].when).days <= CONFLICT_DAYS:
            groups[-1].append(c)
        else:
            groups.append([c])
    return groups


def timeline(events: list[Event], actors: ActorLexicon | None = None) -> dict[str, list[Control]]:
    """place_id -> control periods in date order (never overlapping), from territory changes."""
    actors = actors or load_actors()
    kept, _ = changes(events, actors)
    lines: dict[str, list[Control]] = {}
    per_place: dict[str, list[Change]] = {}
    sweeping: list[Change] = []
    for c in kept:
        if c.event.place.kind == "country" or (c.verdict.whole and regions.shape_of(c.event.place) is not None):
            sweeping.append(c)
        if c.event.place.kind != "country":
            per_place.setdefault(c.event.place.place_id, []).append(c)
    # Place by place, then the sweeping statements in date order over what is held by then.
    steps: list[tuple[date, int, object]] = []
    for pid, place_changes in per_place.items():
        for group in _grouped(place_changes):
            steps.append((group[0].when, 0, group))
    for c in sweeping:
        steps.append((c.when, 1, c))
    steps.sort(key=lambda s: (s[0], s[1]))
    for day, order, item in steps:
        if order == 0:
            best, rule, others = _pick(item)
            periods = lines.setdefault(best.event.place.place_id, [])
            refs = [r for c in item for r in c.refs if c.event.holder_after == best.event.holder_after]
            if periods and periods[-1].holder == best.event.holder_after and not others:
                periods[-1].refs.extend(r for r in refs if r not in periods[-1].refs)
                continue
            rule = rule and f"{rule} (of {len({c.event.holder_after for c in item})} holders)"
            _switch(periods, best.event.place, best.event.holder_after, best.when, refs,
                    rule or best.verdict.rule, others)
        else:
            _sweep(lines, item, actors)
    return lines


def _sweep(lines: dict[str, list[Control]], c: Change, actors: ActorLexicon) -> None:
    """A country- or region-wide change: places inside held by the losing side change too."""
    ev, holder = c.event, c.event.holder_after
    if ev.place.kind == "country":
        # A country is not a holdable point: only the country's own government (or a contesting
        # side) taking back what the losing side held, as in "ISIL had no territory left in Iraq".
        if (holder not in (actors.government_of(ev.place.country), UNKNOWN_HOLDER)
                and not actors.contests_territory(holder)):
            return
        inside = lambda place: place.country == ev.place.country  # noqa: E731
        rule = f"country-wide: {c.verdict.rule}"
    else:
        area = regions.shape_of(ev.place)
        inside = lambda place: regions.contains(area, place)  # noqa: E731
        rule = f"region-wide: {c.verdict.rule}"
    loser = ev.actor if ev.actor and ev.actor != holder else "ISIL"
    losing_side = actors.side(loser)
    for periods in lines.values():
        last = periods[-1]
        if (last.place.place_id != ev.place.place_id and inside(last.place) and last.start <= c.when
                and actors.side(last.holder) == losing_side and last.holder != holder):
            _switch(periods, last.place, holder, c.when, c.refs, rule, [])


def _switch(periods: list[Control], place: Place, holder: str, day: date, refs: list[str],
            rule: str, conflicts: list[str]) -> None:
    if periods:
        if periods[-1].start >= day:
            # Same day as the last change (or an earlier date read later): the later report wins.
            last = periods[-1]
            last.conflicts = list(dict.fromkeys(last.conflicts + [f"{last.holder} ({', '.join(last.refs)})"] + conflicts))
            last.holder, last.refs, last.rule = holder, list(refs), rule
            if len(periods) > 1 and periods[-2].holder == holder:
                periods.pop()
                periods[-1].end = None
                periods[-1].refs.extend(r for r in refs if r not in periods[-1].refs)
            return
        periods[-1].end = day - timedelta(days=1)
    periods.append(Control(place, holder, day, None, list(refs), rule, list(conflicts)))


def timeline_rows(events: list[Event], actors: ActorLexicon | None = None,
                  lines: dict[str, list[Control]] | None = None) -> list[dict]:
    """The control timeline as table rows (control.csv); `lines`: `timeline(events)` if known."""
    rows = []
    for periods in (lines if lines is not None else timeline(events, actors)).values():
        for c in periods:
            rows.append({"place": c.place.name, "place_id": c.place.place_id, "country": c.place.country,
                         "holder": c.holder, "start": c.start.isoformat(),
                         "end": c.end.isoformat() if c.end else "", "source_refs": "; ".join(c.refs),
                         "rule": c.rule, "conflicts": "; ".join(c.conflicts)})
    return rows
