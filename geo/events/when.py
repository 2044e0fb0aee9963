"""When did a cue happen: pick the sentence's date expression that belongs to it."""

from __future__ import annotations

import re
from dataclasses import replace

from geo.dates.lexicon import counts_from_another_date
from geo.events.cues import CueMatch, Lexicon
from geo.model import DateSpan, Sentence

REPORTED_WINDOW = 130   # how far after a reported cue its own date may stand
# ", Operation Odyssey Lightning concluded on 19 December": a new clause with its own subject and verb.
NEW_CLAUSE = re.compile(r";|,\s+(?:[A-Z][\w'-]*\s+)+[a-z]+ed\b|\bby\s+$")

# "... on an attack on a checkpoint. with 16 soldiers being killed the next day": a date past a
# full stop or in an absolute "with X being ..." clause is that clause's.
CLAUSE_BREAK = re.compile(r"[.;]\s|\bwith\s+(?:[\w-]+\s+){0,4}(?:being|having)\b")

# "..., The Syrian Army launched a counterattack a few days later": nothing but words between a cue and
# a counted time after it (no comma, no "and"): that time is the cue's own.
OWN_SHIFT_GAP = 60
CLAUSE_GAP = re.compile(r"[,;:()]|\.\s|\b(?:and|but|while|whereas|when|after|before|with)\b")


# "On 28 September, ISIL launched its counteroffensive, capturing al-Qaryatayn by 1 October": a date in
# the cue's own clause, after it, beats one told before a comma (these qualifiers only: "since 2014",
# "until March" bound a state, they do not date the act).
OWN_QUALIFIERS = ("", "by")
# "the deadliest event of 2015": a date after "of" measures a noun, it does not date the act
YARDSTICK = re.compile(r"\bof\s+$")


def own_clause_date(text: str, cue: CueMatch, before: list[DateSpan], after: list[DateSpan]) -> DateSpan | None:
    """The date of the cue's own clause after it: a counted time ("two days later", "the next
    day") right after the cue, or a calendar date there when the sentence's earlier date stands
    in another clause."""
    last = max(before, key=lambda d: d.end_char) if before else None
    apart = last is None or CLAUSE_GAP.search(text, last.end_char, cue.start) is not None
    for d in after:
        if d.start_char - cue.end > OWN_SHIFT_GAP:
            break
        if CLAUSE_GAP.search(text, cue.end, d.start_char):
            continue
        if counts_from_another_date(d.text) or (apart and d.qualifier in OWN_QUALIFIERS
                                                 and not YARDSTICK.search(text, max(0, d.start_char - 6), d.start_char)):
            return d
    return None


# "retook Sinjar, which ISIL had seized in August 2014, on 13 November": a date inside a relative
# clause on the object belongs to that clause's verb.
RELATIVE_OPEN = re.compile(r",\s*(?:which|that|who)\b[^,;]*$")


# "since late 2012", "ongoing since 2011": where a state of affairs began, never the event's date.
SINCE = re.compile(r"\bsince\s+(?:(?:late|early|mid|the\s+(?:end|start|beginning)\s+of)[\s-]+)?$", re.IGNORECASE)


def background(text: str, date: DateSpan) -> bool:
    """True for a date told as the start of a state ("since 2012"): it dates no event."""
    return date.start_char > 0 and bool(SINCE.search(text, max(0, date.start_char - 40), date.start_char))


# "Beginning on 1 January 2019 and lasting through 10 January 2019": two dates that bound one period.
THROUGH = re.compile(r"\s*,?\s*(?:and\s+)?(?:(?:lasting|continuing|running)\s+)?(?:through|until|till|to)\s+(?:the\s+)?",
                     re.IGNORECASE)


def spanned(text: str, dates: list[DateSpan], last: DateSpan) -> DateSpan:
    """`last` widened back to the date that opens its period ("from/beginning on X ... through `last`")."""
    for d in dates:
        if d is not last and 0 <= d.end_char <= last.start_char and d.start < last.start \
                and THROUGH.fullmatch(text, d.end_char, last.start_char):
            return replace(last, start=d.start, precision="range", start_char=d.start_char,
                           text=text[d.start_char:last.end_char])
    return last


# "culminating in the Fall of Berlin, Hitler's suicide, and the German surrender on 8 May 1945": the
# last item of a list before the date.
LAST_ITEM = re.compile(r"(?:,|;)\s+(?:and\s+|or\s+)?(?P<item>[^,;]*)$")
WORD_START = re.compile(r"\b\w")


def other_items_date(lex: Lexicon, text: str, cue: CueMatch, date: DateSpan) -> bool:
    """True when a date after the cue closes a later list item that names an event of its own
    ("..., and the German surrender on 8 May 1945"): that date is the item's, not the cue's.
    A list of places ("captured A, B and C on 5 May") shares the date."""
    m = LAST_ITEM.search(text, cue.end, date.start_char)
    if m is None:
        return False
    item = m.group("item")
    return any(lex.event_noun.match(item[w.start():]) for w in WORD_START.finditer(item))


def event_date(lex: Lexicon, sentence: Sentence, cue: CueMatch, lo: int, hi: int,
               prefer_after: bool = False) -> DateSpan | None:
    """The date span of one cue: the nearest date before it, unless that dates a report or an
    earlier cue, then its own date after it; else the paragraph's inherited date."""
    dates = sentence.dates
    located = [d for d in dates if d.start_char >= 0]
    if prefer_after:   # "X, which was under ISIL control since 10 June 2014"
        close = [d for d in located if 0 <= d.start_char - cue.end <= 30]
        if close:
            return close[0]
    # "Since late 2012, ... arrived in 2016": a start of a state before the cue never dates it (after
    # the cue it starts the cue's own activity: "conducting airstrikes in Mosul since September 2014").
    before = [d for d in located if d.end_char <= cue.start and not background(sentence.text, d)]
    after = [d for d in located if d.start_char >= cue.end and d.start_char < hi
             and not RELATIVE_OPEN.search(sentence.text, cue.end, d.start_char)
             and not other_items_date(lex, sentence.text, cue, d)]
    shifted = own_clause_date(sentence.text, cue, before, after)
    if shifted is not None:
        return shifted
    if before:
        best = max(before, key=lambda d: d.end_char)
        # "On 29 June, in support of the 2016 offensive": the day inside the nearer year wins.
        finer = [d for d in before if d is not best and best.start <= d.start and d.end <= best.end
                 and (d.end - d.start) < (best.end - best.start)]
        if finer:
            best = max(finer, key=lambda d: d.end_char)
        best = spanned(sentence.text, before, best)
        # "On 23 January, Jeffrey stated ... the drone strike in Baghdad on 3 January": a date
        # before a reporting verb dates the report; the event's own date follows the cue.
        own = [d for d in after if d.start_char - cue.end <= 60
               and not CLAUSE_BREAK.search(sentence.text, cue.end, d.start_char)]
        if lex.report.search(sentence.text[best.end_char:cue.start]):
            # A report's date is never its strikes' date: take the event's own date further on too
            # ("reported that warplanes conducted 51 airstrikes in Libya, ..., between 7 and 10 October").
            told = own or [d for d in after if d.start_char - cue.end <= REPORTED_WINDOW
                           and getattr(d, "qualifier", "") not in ("by", "as of", "since", "until")
                           and not NEW_CLAUSE.search(sentence.text, cue.end, d.start_char)
                           and not CLAUSE_BREAK.search(sentence.text, cue.end, d.start_char)]
            if told:
                return told[0]
        # "Jordan, which had been conducting airstrikes in Syria since September 2014, initiated
        # airstrikes in Iraq on 4 February 2015": a date after the previous cue is that cue's.
        if own and 0 < lo <= best.start_char:
            return own[0]
        return best
    if after:
        return after[0]
    context = [d for d in dates if d.start_char < 0]
    if context:
        return context[0]
    # what is left lies after the cue in a relative clause or a list item of another event: its date
    own = [d for d in located if not other_items_date(lex, sentence.text, cue, d)
           and not acted_in_relative(lex, sentence.text, cue, d)]
    return own[0] if own else None


def acted_in_relative(lex: Lexicon, text: str, cue: CueMatch, date: DateSpan) -> bool:
    """True for a date after the cue inside a relative clause that tells an act of its own
    ("..., which was captured by ISIL in January 2014"); "a conflict ..., that started on 23 May"
    still dates the conflict."""
    if date.start_char < cue.end:
        return False
    m = RELATIVE_OPEN.search(text, cue.end, date.start_char)
    return m is not None and bool(lex.find(text[m.start():date.start_char]))
