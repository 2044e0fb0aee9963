"""What a merged event says when its sources disagree, and which telling speaks for it.

Each note names every source's `doc:line` with what it says (dates, doers, holders, numbers),
so no source loses its own date inside a merged event. Costs are per distinct date, doer and
sentence, not per pair of members: one report repeated thousands of times stays cheap.
"""

from __future__ import annotations

from collections import Counter

from geo.actors import load_actors
from geo.events.cues import Lexicon
from geo.model import DateSpan, Event, SourceRef

UMBRELLA = "Coalition"                   # an actor that may stand for any of its members


def _ref(s: SourceRef) -> str:
    return f"{s.doc}:{s.line}"


def _label(d: DateSpan) -> str:
    return d.start.isoformat() if d.start == d.end else f"{d.start.isoformat()}/{d.end.isoformat()}"


def same_doer(a: str, b: str) -> bool:
    """Unknown, equal, or the umbrella coalition and one of its members ("the 2015 Battle of Tikrit" by
    Iran is not the coalition's battle of 25 March 2015)."""
    if not a or not b or a == b:
        return True
    sides = load_actors()
    return UMBRELLA in (a, b) and sides.side(a) == sides.side(b)


def _stated(members: list[Event]) -> list[Event]:
    # A date a sentence only inherits from its paragraph ("Since then, ... have executed airstrikes")
    # states nothing about the day: it neither disagrees nor votes when others state theirs.
    return [m for m in members if m.date.start_char >= 0] or members


def pick_best(members: list[Event], precise: tuple[str, ...], rank: dict[str, int]) -> Event:
    """The telling whose date, place and evidence the merged event keeps: the date most documents
    state, then the finest, then the first document and line (members come in a total order)."""
    dated = [m for m in members if m.date.precision in precise]
    pool = [m for m in dated if m.date.start_char >= 0] or dated or members
    docs: dict[tuple, set[str]] = {}
    for m in pool:
        docs.setdefault((m.date.start, m.date.end), set()).add(m.sources[0].doc)
    return min(pool, key=lambda m: (-len(docs[(m.date.start, m.date.end)]), rank[m.date.precision],
                                    m.sources[0].doc, m.sources[0].line))


def _date_note(members: list[Event], precise: tuple[str, ...]) -> str:
    """Dates that exclude each other, given by different documents (one document's two sentences
    are not a dispute; a day inside another source's range agrees with it)."""
    spans: dict[tuple, set[str]] = {}
    refs: dict[str, list[SourceRef]] = {}
    for m in _stated(members):
        if m.date.precision in precise:
            spans.setdefault((m.date.start, m.date.end), set()).add(m.sources[0].doc)
            refs.setdefault(_label(m.date), []).extend(m.sources[:1])
    keys = list(spans)
    disagree = any(not (a[0] <= b[1] and b[0] <= a[1]) and len(spans[a] | spans[b]) > 1
                   for i, a in enumerate(keys) for b in keys[i + 1:])
    if len(refs) < 2 or not disagree:
        return ""
    told = [(sorted(set(r), key=lambda s: (s.doc, s.line)), label) for label, r in refs.items()]
    told.sort(key=lambda x: (x[0][0].doc, x[0][0].line, x[1]))
    return "; ".join(f"{', '.join(_ref(s) for s in r)} {'says' if len(r) == 1 else 'say'} {label}"
                     for r, label in told)


def _field_notes(members: list[Event]) -> list[str]:
    """Doers and holders-after that differ between documents."""
    sides = load_actors()
    named = {m.actor for m in members if m.actor and m.actor != UMBRELLA}
    # Only the coalition's own members may be told as "the coalition" by another source.
    members_named = bool(named) and all(sides.side(a) == sides.side(UMBRELLA) for a in named)
    notes = []
    for field, label in (("actor", "actor"), ("holder_after", "holder after")):
        values: dict[str, SourceRef] = {}
        docs: set[str] = set()
        for m in members:
            v = getattr(m, field)
            # "coalition airstrikes" and "U.S. airstrikes" agree: the umbrella stands for its member.
            if v and not (field == "actor" and v == UMBRELLA and members_named):
                values.setdefault(v, m.sources[0])
                docs.add(m.sources[0].doc)
        if len(values) > 1 and len(docs) > 1:
            notes.append("; ".join(f"{_ref(ref)} says {label} {v}" for v, ref in values.items()))
    return notes


def _number_notes(members: list[Event], lex: Lexicon) -> list[str]:
    """Counts ("15 militants" against "20 militants") the sources give differently."""
    by_noun: dict[str, dict[str, SourceRef]] = {}
    seen: set[str] = set()
    for m in members:
        if m.evidence in seen:       # a repeated sentence says nothing new
            continue
        seen.add(m.evidence)
        numbers: dict[str, str] = {}
        for match in lex.count.finditer(m.evidence):
            numbers.setdefault(match.group(2).lower(), match.group(1))
        for noun, number in numbers.items():
            by_noun.setdefault(noun, {}).setdefault(number, m.sources[0])
    return ["; ".join(f"{_ref(ref)} says {n} {noun}" for n, ref in values.items())
            for noun, values in sorted(by_noun.items()) if len(values) > 1]


def describe_conflicts(members: list[Event], lex: Lexicon, precise: tuple[str, ...]) -> str:
    """The `conflicts` cell of a merged event ("" when its sources agree)."""
    if len(members) < 2:
        return ""
    notes = [_date_note(members, precise)] + _field_notes(members) + _number_notes(members, lex)
    return " | ".join(n for n in notes if n)



def merged_actor(best: Event, members: list[Event]) -> str:
    """The best telling's doer, else the commonest; a coalition member named by one source is
    the more precise doer of an event others tell as the coalition's."""
    actors = Counter(m.actor for m in members if m.actor)
    actor = best.actor or (actors.most_common(1)[0][0] if actors else "")
    sides = load_actors()
    named = Counter(m.actor for m in members if m.actor and m.actor != UMBRELLA
                    and sides.side(m.actor) == sides.side(UMBRELLA))
    if actor in ("", UMBRELLA) and named:
        actor = named.most_common(1)[0][0]
    return actor
