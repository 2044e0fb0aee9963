"""One event record from a cue, a place spot and the who of its clause: date, precision, holder."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from geo.actors import ActorLexicon
from geo.events.cues import CueMatch, Lexicon
from geo.events.filters import background_undated, earlier_clause, shifted_undated, summary, told_earlier
from geo.events.text import (COUNTRY_LEVEL, OCCUPY, REGION_LEVEL, UNKNOWN_HOLDER, Spot, event_id, place_key)
from geo.events.when import event_date
from geo.model import Document, Event, Mention, Sentence, SourceRef


# "Turkish aircraft near the border fired on": an aircraft as the subject right before the cue.
AIRCRAFT_SUBJECT = re.compile(r"\b(?:aircraft|jets?|warplanes?|fighter\s+jets?|planes?|drones?|helicopters?|gunships?)"
                              r"\s+(?:(?!(?:was|were|been|being|is|are)\b)[\w-]+\s+){0,4}$", re.IGNORECASE)


def flown(text: str, cue_start: int) -> bool:
    """True when the doer of a ground-attack cue is an aircraft ("drones struck", "jets fired on")."""
    return AIRCRAFT_SUBJECT.search(text, max(0, cue_start - 50), cue_start) is not None


def in_part(lex: Lexicon, text: str, spot: Spot) -> bool:
    """"in western Aleppo", "the eastern Homs countryside": a part of the land around the place
    (data/event_words.csv kinds part_before, part_after), so the place's point is only near it."""
    return bool(lex.part_before.search(text, max(0, spot.start - 20), spot.start)
                or lex.part_after.match(text[spot.end:spot.end + 30]))


def build_event(actors: ActorLexicon, lex: Lexicon, doc: Document, sentence: Sentence, cue: CueMatch, spot: Spot,
                actor: str, target: str, holder: str, near: bool = False, prev_end: int = 0) -> Event | None:
    """The event `cue` states at `spot`, or None when it is undated, recalled or a running total."""
    date = event_date(lex, sentence, cue, prev_end, len(sentence.text), prefer_after=cue.cue.place == "before")
    if spot.end <= cue.start:
        # "the 20 July 2015 Suruç bombing", "On 10 June Mosul fell": a date right before the place is its own.
        named = [d for d in sentence.dates if 0 <= spot.start - d.end_char <= 4 and d.start_char >= 0]
        date = named[-1] if named else date
    if date is None:
        return None
    place = spot.mention.place
    etype = cue.cue.event_type
    if etype == "battle" and spot.level == COUNTRY_LEVEL:
        return None   # "people displaced by fighting in Iraq": a battle needs a place finer than a country
    if background_undated(sentence.text, cue, date):
        return None   # "following the capture of Mosul by ISIS": recalled, and undated here
    if shifted_undated(lex, sentence.text, date):
        return None   # "had captured the town months before": counted from an event the paragraph's date is not
    if earlier_clause(sentence.text, cue, date):
        return None   # "On 4 February, after Ramadi was recaptured, ...": before that day
    if told_earlier(lex, sentence.text, cue, date):
        return None   # "On 5 May the UN said airstrikes had killed ...": the report's day, not the act's
    if summary(lex, sentence, cue, date, spot):
        return None   # "By 22 October the U.S. had spent ...": a running total, not an act at a place
    if etype == "deployment" and place is not None and place.kind == "airbase":
        etype = "base_use"
    if etype == "attack" and flown(sentence.text, cue.start):
        etype = "airstrike"   # "Turkish aircraft near the border fired on an ISIL convoy"
    if holder == OCCUPY:
        etype, holder = "deployment", ""
    if place is not None and place.country:
        # "Kurdish fighters regained Kobani": in Syria the generic Kurdish name is the SDF.
        actor, target, holder = (actors.localize(n, place.country, sentence.text) for n in (actor, target, holder))
    if holder == "<region>":
        # No taker named: the government only where data/actors.csv says it took the country back.
        gov = actors.government_of(place.country) if place is not None else ""
        holder = gov if gov in actors.region_takers else UNKNOWN_HOLDER
    if holder == "<gov>":
        holder = actors.government_of(place.country) if place is not None else ""
    if spot.level == COUNTRY_LEVEL:
        precision = "country"
    elif spot.level == REGION_LEVEL:
        precision = "region"
    elif near or lex.near.search(sentence.text[max(0, spot.start - 60):spot.start]) or in_part(lex, sentence.text, spot):
        precision = "near"
    else:
        precision = "place"
    line = spot.mention.line or sentence.line
    pkey = place_key(place, spot.mention.text)
    return Event(
        event_id=event_id(doc.id, line, etype, pkey, date.start.isoformat()),
        event_type=etype,
        date=date,
        place=place,
        actor=actor,
        target=target if target != actor else "",
        geo_precision=precision,
        holder_after=holder if etype == "territory_change" else "",
        evidence=" ".join(sentence.text.split()),
        sources=(SourceRef(doc.id, line),),
        place_text=spot.mention.text,
        trigger=(sentence.to_original(cue.start), sentence.to_original_end(cue.end)),
        reported=doc.date.start if doc.date is not None and doc.date.precision == "day" else None,
    )


def dominant_country(mentions: Iterable[Mention]) -> str:
    """The country most of `mentions` resolve in, when it is more than half of them; else ""."""
    counts = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    if not counts:
        return ""
    top, n = counts.most_common(1)[0]
    return top if 2 * n > sum(counts.values()) else ""


def localize_unplaced(actors: ActorLexicon, events: list[Event], country: str) -> list[Event]:
    """`events` whose place gives no country ("government troops stormed the village of X", X not in
    the gazetteer) with their generic actors read in `country`, the paragraph's or document's own
    (dominant_country): the same data rows as for placed events (data/actor_by_country.csv)."""
    if not country:
        return events
    out = []
    for ev in events:
        if ev.place is None or not ev.place.country:
            actor, target, holder = (actors.localize(n, country, ev.evidence)
                                     for n in (ev.actor, ev.target, ev.holder_after))
            ev = replace(ev, actor=actor, target=target if target != actor else "", holder_after=holder)
        out.append(ev)
    return out
