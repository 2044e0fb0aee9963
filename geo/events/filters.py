"""Is a cue an event? Checks that turn away plans, topics, running totals and non-places.

Kept apart from extract.py (which finds who, where and when) so each rule reads on its own;
every word list comes from data/event_words.csv through the Lexicon.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.events.cues import CueMatch, Lexicon
from geo.events.text import COUNTRY_LEVEL, Spot
from geo.model import DateSpan, Sentence

# "promised ... to launch airstrikes", "to be based in": the cue is the complement of an infinitive.
INFINITIVE = re.compile(r"\bto\s+(?:(?:launch|conduct|carry\s+out|begin|start|initiate|join|fly|send|deploy|strike|"
                        r"bomb|participate\s+in|take\s+part\s+in|resume|expand|step\s+up)\s+(?:[\w-]+\s+){0,2})?$",
                        re.IGNORECASE)
# Between the plan word and that infinitive no new clause may start ("... and that he dispatched").
CLAUSE_BREAK = re.compile(r"[;:.]|\b(?:that|but|which|while|whereas|although|however)\b|\band\s+(?:he|she|it|they|then)\b",
                          re.IGNORECASE)
# "had conducted", "have been killed", "has flown": a perfect sums up what happened before.
PERFECT = re.compile(r"\b(?:had|has|have)\s+(?:(?:also|already|now|so\s+far|reportedly|been)\s+)*"
                     r"(?:[a-z]+(?:ed|en|wn|ne|ght|lt|nt|ck|ruck|un|id|ew))\b", re.IGNORECASE)
# "$424 million", "£1.75bn": money spent is a total, never an act at a place.
MONEY = re.compile(r"[$£€]\s?\d|\b\d[\d.,]*\s*(?:million|billion|bn)\b", re.IGNORECASE)
CASUALTY = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s*[-–]\s*\d[\d,]*)?\s+(?:[A-Za-z-]+\s+){0,2}?"
                      r"(?:civilians|fighters|militants|people|members|soldiers|troops|deaths|fatalities)\b",
                      re.IGNORECASE)
# "has also carried out", "have repeatedly conducted": a present perfect sums up acts up to now.
HABITUAL = re.compile(r"\b(?:has|have)\s+(?:(?:also|already|repeatedly|regularly|often|since|long|reportedly)\s+)*"
                      r"(?:[a-z]+(?:ed|en|wn|ne|ght|lt|nt|ck|un|id|ew)\s+(?:out\s+)?)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
SINCE_THEN = re.compile(r"\s*since\s+then\b", re.IGNORECASE)
LEAD_QUALIFIER = re.compile(r"\b(by|as of|since|until|through)\s+(?:the\s+(?:end\s+of\s+)?)?$", re.IGNORECASE)
# "495 airstrikes", "43 combat sorties": a count of strikes (casualty counts are not).
STRIKES = re.compile(r"(?<![\w.,])\d[\d,]*\s+(?:[A-Za-z-]+\s+){0,2}?(?:air\s?strikes|strikes|sorties|missions|air\s+raids)\b",
                     re.IGNORECASE)
AGGREGATE_QUALIFIERS = ("by", "as of", "since", "until", "through")
HOSTILE = ("airstrike", "attack", "battle")
LONG_SPAN_DAYS = 31


def planned(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """True when the cue completes a plan's infinitive: "promised 26 September to send four planes
    ..., with 250 pilots and staff, to launch airstrikes" (the plan word may stand far before)."""
    lead = text[max(0, cue.start - 60):cue.start]
    inf = INFINITIVE.search(lead)
    if inf is not None:
        edge = cue.start - len(lead) + inf.start()
    elif cue.text.lower().startswith("to "):
        edge = cue.start
    else:
        return False
    if not text[:edge].strip():
        return True   # "To conduct its airstrikes, France deployed ...": a fronted purpose, not an act
    window_start = max(0, edge - 220)
    plans = list(lex.plan_word.finditer(text, window_start, edge))
    if not plans:
        return False
    gap = text[plans[-1].end():edge]
    return not CLAUSE_BREAK.search(gap) and not lex.realis.search(gap)


def topical(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"speaking about U.S. airstrikes in Iraq": a topic of talk, not an act."""
    return bool(lex.topic.search(text[max(0, cue.start - 60):cue.start]))


def lacks_aircraft(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"special forces were targeting IS-K": a broad airstrike cue needs an air word nearby, and
    "suicide bombers" are no aircraft."""
    if cue.cue.event_type != "airstrike":
        return False
    if cue.text.lower().startswith("bomb") and GROUND_BOMBER.search(text, max(0, cue.start - 12), cue.start):
        return True   # "ISIL suicide bombers targeted ...": no aircraft flew
    if cue.text.lower() not in lex.needs_air:
        return False
    window_start = max(0, cue.start - 120)
    return not any(not GROUND_BOMBER.search(text, max(0, m.start() - 12), m.start())
                   for m in lex.air_word.finditer(text, window_start, min(len(text), cue.end + 80)))


# "suicide bombers", "a car bomb": a bomb on the ground is no aircraft.
GROUND_BOMBER = re.compile(r"\b(?:suicide|car|truck|roadside|vehicle)[\s-]+$", re.IGNORECASE)


def is_water(lex: Lexicon, sentence: Sentence, spot: Spot) -> bool:
    """"near the Tigris river": a river (places kind "other") is no point on land; seas stay (carriers)."""
    place = spot.mention.place
    if place is None or place.kind != "other":
        return False
    after = sentence.text[spot.end:spot.end + 8]
    return bool(lex.water.search(place.name) or lex.water.search(spot.mention.text) or lex.water.match(after.strip()))


def summary(lex: Lexicon, sentence: Sentence, cue: CueMatch, date: DateSpan, spot: Spot) -> bool:
    """True for a running total told at country or region scale, not one act at a place: "By 22 October
    the U.S. had spent $424 million ...", "As of 2 March the Reapers had conducted 70 airstrikes in Iraq",
    "450 civilians had been killed by the coalition air campaign in Iraq and Syria", or a report's own
    date on older strikes ("On 11 August, the Pentagon said the airstrikes had slowed ISIL in Iraq")."""
    text = sentence.text
    if cue.cue.event_type in HOSTILE and lex.total.search(text[max(0, cue.start - 30):cue.start]):
        return True   # "bringing the total number of U.S. airstrikes in Libya to 48": the cue is the counted noun
    reported = 0 <= date.end_char <= cue.start and bool(lex.report.search(text[date.end_char:cue.start]))
    if reported and cue.cue.event_type in HOSTILE and STRIKES.search(text):
        return True   # "On 20 December ABC reported that AFRICOM carried out 495 airstrikes in Sirte": a tally
    etype = cue.cue.event_type
    if etype in HOSTILE and tally(lex, sentence):
        return True   # "By the end of 2016 the air campaign had struck 32,000 targets": told at the speaker
    if spot.level < COUNTRY_LEVEL:   # a place or region: a specific act is stated there
        return False
    if etype == "deployment":
        # "As of 2 April 2017, the U.S. troop level ... was around 5,200 in Iraq": a standing presence.
        # "additional troops" near the cue is a new contingent; "this new attitude" elsewhere is not.
        fresh = lex.fresh.search(text, max(0, cue.start - 60), min(len(text), cue.end + 40))
        return bool(lex.troop_level.search(text)) and not fresh
    if etype not in HOSTILE:
        return False
    figure = bool(lex.count.search(text) or MONEY.search(text) or CASUALTY.search(text) or lex.total.search(text))
    aggregate = (bool(qualifiers(sentence) & set(AGGREGATE_QUALIFIERS)) or bool(lex.aggregate.search(text))
                 or (date.end - date.start).days > LONG_SPAN_DAYS)
    if figure and (aggregate or PERFECT.search(text)):
        return True
    if date.start_char < 0 and not SINCE_THEN.match(text) and HABITUAL.search(text, max(0, cue.start - 40), cue.start):
        # "Israel has also carried out air strikes in Syria": a record over years, not one act ("Since
        # then, nine countries have executed airstrikes" starts at the paragraph's date and keeps it)
        return True
    # The date before a reporting verb dates the report; at country scale the strikes told are older
    # ("On 23 February 2015, it was revealed that 8,500 ISIL fighters had been killed by airstrikes").
    return reported


def qualifiers(sentence: Sentence) -> set[str]:
    """The words leading the sentence's dates ("by", "as of", "since"): a reader that sets no
    qualifier still leaves "by 23 March", "as of 2 March" in the text."""
    text = sentence.text
    found = {getattr(d, "qualifier", "") for d in sentence.dates}
    return found | {m.group(1).lower() for d in sentence.dates if d.start_char > 0
                    for m in [LEAD_QUALIFIER.search(text, 0, d.start_char)] if m}


TALLY_FLOOR = 100   # a count this large, summed over a period, is a campaign's total


def tally(lex: Lexicon, sentence: Sentence) -> bool:
    """True for a running total of a campaign at any scale: a count of at least TALLY_FLOOR strikes,
    targets or dead with "by/as of/since/until" or "so far", "in total" ("By the end of 2016 the air
    campaign was estimated by the Pentagon to have struck 32,000 targets")."""
    text = sentence.text
    big = any(int(m.group(1).replace(",", "")) >= TALLY_FLOOR for m in lex.count.finditer(text))
    if not big:
        return False
    return bool(qualifiers(sentence) & set(AGGREGATE_QUALIFIERS)) or bool(lex.aggregate.search(text) or lex.total.search(text))


BACKGROUND = re.compile(r"\b(?:following|after|since|before|prior\s+to|in\s+the\s+wake\s+of)\s+the\s+$", re.IGNORECASE)


def background_undated(text: str, cue: CueMatch, date: DateSpan) -> bool:
    """"..., following the capture of Mosul by ISIS", "was previously stationed at": an earlier event or
    state recalled in passing; the date the sentence inherits from its paragraph is not its date."""
    lead = text[max(0, cue.start - 30):cue.start]
    return date.start_char < 0 and bool(BACKGROUND.search(lead) or PREVIOUSLY.search(lead))


def shifted_undated(lex: Lexicon, text: str, date: DateSpan) -> bool:
    """"Rebels had captured the town months before", "It fell ten days later": the sentence counts
    its time from another event and no date resolved it; the day it inherits from its paragraph is
    not its date (resolved offsets are dates of the sentence itself and pass)."""
    return date.start_char < 0 and lex.time_shift.search(text) is not None


# "He was previously stationed at Palmyra": a former state, not dated by the paragraph.
PREVIOUSLY = re.compile(r"\b(?:previously|formerly|once|earlier|had\s+been)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)


# "after Ramadi was recaptured from ISIL,": a subordinate clause telling what came before the main one.
# The clause opens the sentence, or follows its opening phrase ("On 4 February, after ...").
OPENING = re.compile(r"(?:[^,;]{0,40},\s*)?")
EARLIER_CLAUSE = re.compile(r"\b(?:after|following|once)\b[^,;.]{0,140}(?=,)", re.IGNORECASE)


def earlier_clause(text: str, cue: CueMatch, date: DateSpan) -> bool:
    """"On February 4, after Ramadi was recaptured from ISIL, operations shifted east": a cue inside an
    "after ...," clause opening the sentence happened before the day the sentence gives; unless the clause holds its own
    date, the sentence's date is not its date."""
    for m in EARLIER_CLAUSE.finditer(text):
        if m.start() >= cue.start:
            break
        if cue.end <= m.end() and OPENING.fullmatch(text, 0, m.start()):
            return not m.start() <= date.start_char < m.end()
    return False


# "two days after the Paris attacks": the place names an earlier event the sentence refers to.
NAMED_EVENT_LEAD = re.compile(r"\b(?:after|before|since|following|during|prior\s+to|in\s+the\s+wake\s+of|ahead\s+of)"
                              r"\s+the\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
LATER_LEAD = re.compile(r"(?:before|prior\s+to|ahead\s+of)\b", re.IGNORECASE)
ONE_WORD = re.compile(r"\s+[a-z-]+(?=\s)")


def names_past_event(lex: Lexicon, text: str, spot: Spot, cue_words: bool = False) -> bool:
    """True for a place inside a named-event phrase after "after/before the" ("the Paris attacks"):
    it is not where the sentence's cue happened. With `cue_words`, the phrase's noun is the cue itself
    ("before the Mosul offensive ended"), and only the lead is checked."""
    lead = NAMED_EVENT_LEAD.search(text, max(0, spot.start - 40), spot.start)
    if not lead:
        return False
    if cue_words:
        # "following the Kabul bombing" on the sentence's day may be that day; "before the" never is.
        return bool(LATER_LEAD.match(lead.group(0)))
    rest = text[spot.end:spot.end + 40]
    skip = ONE_WORD.match(rest)   # "the Paris terror attacks"
    return bool(lex.event_noun.match(rest) or (skip and lex.event_noun.match(rest[skip.end():])))


def purpose_edge(lex: Lexicon, text: str) -> int:
    """Where a list of aims starts ("the purposes of the airstrikes as to be: 1.) protecting ..."), or -1:
    cues after it are intentions, and places after it are not where earlier cues happened."""
    m = lex.purpose.search(text)
    return m.end() if m else -1


def judicial(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"a moratorium on executions was lifted ... were executed": a court's execution, not a war attack."""
    return cue.text.lower().startswith("execut") and bool(lex.judicial.search(text))


def delayed(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"did not recapture Hawija until 5 October 2017": the negation delays the event, which happened."""
    clause = re.split(r"[;.]|,\s+(?:and|but)\b", text[cue.end:cue.end + 80], maxsplit=1)[0]
    return bool(lex.negation_end.search(clause))


def navigation_section(lex: Lexicon, section: tuple[str, ...]) -> bool:
    """"See also", "References", "Order of battle": a section that lists links or forces, not events."""
    return any(title.strip().lower() in lex.navigation for title in section)


def modal(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"demanded that Hezbollah withdraw", "attempted to advance", "if any pilot was shot down":
    a demand, attempt, condition or possibility, not an event that happened."""
    lead = text[max(0, cue.start - 70):cue.start]
    return bool(lex.modal.search(lead)) and not lex.realis.search(lead[-40:])


def compared(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"the deadliest attacks in the country since October 2009": the yardstick of a comparison."""
    return bool(lex.comparison.search(text, max(0, cue.start - 30), cue.start)
                and lex.comparison_end.match(text[cue.end:cue.end + 60]))


def names_accord(lex: Lexicon, text: str, spot: Spot) -> bool:
    """"the Yalta agreement", "the Astana talks": the place names an accord or meeting."""
    return bool(lex.name_noun.match(text[spot.end:spot.end + 20]))


# "captured 112 soldiers", "captured and interrogated the soldiers", "captured the Iraqi general":
# the object is people, not a place (a nationality may qualify them).
CAPTIVE_OBJECT = re.compile(r"\s+(?:and\s+[a-z]+\s+)?(?:(?:the|a|an|two|three|several|dozens\s+of|some|about|at\s+least|"
                            r"\d[\d,]*|[a-z]+-?[a-z]*|[A-Z][a-z]+(?:i|ian|ish|ese|an))\s+){0,3}$")


def people_taken(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"captured 112 soldiers", "several fighters ... were captured": a capture of people or matériel,
    not of a place (a territory cue whose object, or passive subject, is a captive noun)."""
    if cue.cue.event_type != "territory_change":
        return False
    if cue.cue.place == "before":
        lead = text[max(0, cue.start - 60):cue.start]
        found = list(lex.captive.finditer(lead))
        return bool(found) and not re.search(r"[,;]", lead[found[-1].end():])
    ahead = lex.captive.search(text, cue.end, min(len(text), cue.end + 40))
    if ahead is not None and CAPTIVE_OBJECT.fullmatch(text, cue.end, ahead.start()):
        return True
    # "POWs liberated from Nazi camps", "prisoners freed from the jail": a reduced passive on people.
    if " " in cue.text.strip() or not REDUCED_PASSIVE_NEXT.match(text, cue.end):
        return False   # "ISIL militants conquered the cities": the noun is the doer
    return any(m.end() == cue.start - 1 for m in lex.captive.finditer(text, max(0, cue.start - 40), cue.start))


REDUCED_PASSIVE_NEXT = re.compile(r"\s+(?:from|by|out\s+of)\b", re.IGNORECASE)


# "(the First Battle of Kharkov)": a parenthesis that holds a capitalised name.
PARENTHESIS = re.compile(r"\([^()]*\)")


def cited_in_passing(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """True for a capitalised named event inside parentheses ("... into Eastern Ukraine (the First
    Battle of Kharkov)"), after a likening ("comparing the situation to the Siege of Leningrad") or
    after a back reference ("the first time since the Fall of Mosul", "following the Battle of
    Raqqa"): a name given as a citation, yardstick or landmark, not an event of this clause."""
    if recalled_title(text, cue):
        return True
    if not cue.text[:1].isupper():
        return False
    return (any(m.start() < cue.start and cue.end < m.end() for m in PARENTHESIS.finditer(text))
            or lex.likening.search(text, max(0, cue.start - 60), cue.start) is not None
            or BACKGROUND.search(text, max(0, cue.start - 30), cue.start) is not None)


# "after the Rif Dimashq offensive (February–April 2018)": a titled event with its period in brackets.
TITLE_LEAD = re.compile(r"\b(?:after|following|since|before|prior\s+to|in\s+the\s+wake\s+of)\s+the\s+(?:[\w'’-]+\s+){0,3}$",
                        re.IGNORECASE)
PERIOD_PARENTHESIS = re.compile(r"\s*\([^()]*\b(?:1[89]|20)\d\d\b[^()]*\)")


def recalled_title(text: str, cue: CueMatch) -> bool:
    """"Jaysh al-Islam commanders that evacuated to Idlib after the Rif Dimashq offensive (February-April
    2018)": an earlier event cited by its title and period, a landmark in time, not an event here."""
    return (PERIOD_PARENTHESIS.match(text, cue.end) is not None
            and TITLE_LEAD.search(text, max(0, cue.start - 60), cue.start) is not None)


CLAUSE_END = re.compile(r"[;.]")


def battle_record(lex: Lexicon, text: str, cue: CueMatch, cues: list[CueMatch]) -> bool:
    """"Hezbollah was involved in the Siege of Homs (2011-14), the Battle of Qusayr (2013) and the
    Aleppo offensive": a list of battles a force took part in is its record, not new events. A single
    cue after the lead stays ("took part in the assault on Kobani on 5 May")."""
    lead = None
    for m in lex.participation.finditer(text, 0, cue.start):
        lead = m
    if lead is None or CLAUSE_END.search(text, lead.end(), cue.start):
        return False
    listed = [c for c in cues if c.start >= lead.end() and not CLAUSE_END.search(text, lead.end(), c.start)]
    return len(listed) >= 2


def attributive(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"broke through to besieged Warsaw", "the besieged hospital": a one-word participle standing
    before its noun describes a state; the act it names happened earlier and is told elsewhere."""
    word = cue.text.strip()
    if " " in word or not word.lower().endswith("ed"):
        return False
    after = re.match(r"\s+([\w'-]+)", text[cue.end:cue.end + 30])
    if after is None or after.group(1).lower() in PREDICATE_NEXT:
        return False   # "was besieged by", "besieged in March": the verb, not an adjective
    return lex.attributive.search(text, max(0, cue.start - 20), cue.start) is not None


PREDICATE_NEXT = frozenset(("by", "in", "at", "on", "from", "with", "and", "or", "for", "since", "until", "during"))
REPORT_DATED = re.compile(r"\b(?:report|statement|study|survey|article|briefing|assessment)\s+(?:from|of|dated|"
                          r"(?:issued|published|released)\s+on)\s+(?:the\s+)?$", re.IGNORECASE)
# "had killed", "had been shelled": the pluperfect puts the act before the time of the telling.
PLUPERFECT = re.compile(r"\bhad\s+(?:(?:also|already|reportedly|been|previously)\s+)*[a-z]+(?:ed|en|wn|ne|ght|lt|nt|ck|ruck|un|id|ew)\b",
                        re.IGNORECASE)


def told_earlier(lex: Lexicon, text: str, cue: CueMatch, date: DateSpan) -> bool:
    """"On 5 May, the UN said that airstrikes had killed 20 people in Douma", "On 28 April, Syria
    accused Turkey of backing al-Nusra in their attack on Idlib": the date before the telling dates
    the report or the charge; the act came before it on a day the sentence does not give."""
    if lex.accusation.search(text, max(0, cue.start - 100), cue.start):
        return True
    if date.start_char > 0 and REPORT_DATED.search(text, max(0, date.start_char - 40), date.start_char):
        return True   # "..., said the report from 27 August 2014": the date is the report's
    if not 0 <= date.end_char <= cue.start:
        return False
    told = list(lex.report.finditer(text, date.end_char, cue.start))
    return bool(told) and PLUPERFECT.search(text, told[-1].end(), min(len(text), cue.end + 30)) is not None


# "* Syrian Armed Forces ** Republican Guard ****": a flattened bullet list (order of battle, links).
BULLET = re.compile(r"(?:^|\s)\*+(?=\s*[\w'\"(])")


def roster(text: str) -> bool:
    """True for a sentence that is a flattened list of bullets (an order of battle, a list of
    belligerents): it names forces and places but tells no event."""
    return len(BULLET.findall(text)) >= 4


def in_transit(lex: Lexicon, text: str, spot: Spot) -> bool:
    """"bombed a convoy carrying missiles to Lebanon", "pilgrims returning from Karbala": where the
    convoy or people were going or came from, not where they were hit."""
    return lex.transit.search(text, max(0, spot.start - 60), spot.start) is not None


def part_of_target(lex: Lexicon, text: str, start: int) -> bool:
    """True for a name that is part of a target ("against pockets of the Iraqi Army", "targeting
    positions of the Syrian Army"): the nationality of what was hit, not the doer."""
    return _part_of_rx(lex.target_lead.pattern).search(text, max(0, start - 50), start) is not None


@lru_cache(maxsize=4)
def _part_of_rx(lead: str) -> re.Pattern[str]:
    return re.compile(lead + r"\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?of\s+(?:the\s+)?$", re.IGNORECASE)


# "... to stop the offensive and withdraw": a bare verb joined by "and" to an unreal cue shares its mood.
COORDINATED = re.compile(r"[^;:.]{0,100}?\band\s+(?:then\s+|also\s+)?$")
PAST_FORMS = frozenset(("withdrew", "took", "struck", "fell", "fought", "overran", "drove", "shot", "won", "began",
                        "retook", "overtook", "stormed"))


def mood_carried(text: str, unreal_end: int, cue: CueMatch) -> bool:
    """"pleaded with the government to stop the offensive and withdraw its forces from Marawi": a
    base-form cue coordinated with a demanded or planned one is demanded too; a past form ("tried to
    storm X and captured Y") or a new subject ("and ISIL captured") tells what happened."""
    if unreal_end < 0 or not COORDINATED.fullmatch(text, unreal_end, cue.start):
        return False
    word = cue.text.split()[0].lower()
    return not (word.endswith("ed") or word in PAST_FORMS)


def opinion_measured(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"A 2016 poll found that 60% backed airstrikes in Syria": what people think of an act, not the act."""
    return lex.opinion.search(text, 0, cue.start) is not None


# The rest of the cue's clause ("by an ISIL anti-tank missile in eastern Homs") and the start of it.
CLAUSE_REST = re.compile(r"[^,;.]{0,90}")
CLAUSE_LEAD = re.compile(r"[^,;.()]{0,40}$")
SHOOTER_BY = re.compile(r"\bby\s+(?:an?\s+|the\s+)?(?:[\w.'’-]+\s+){0,3}?$", re.IGNORECASE)


def ground_fire(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"the truck was struck by a rebel anti-tank missile", "the shelling of the village by an army
    checkpoint", "Iraqi artillery bombarded the town": a broad strike cue whose weapon or shooter is
    on the ground is an attack, not an airstrike (cues that name the air, "air strike", stay)."""
    if cue.cue.event_type != "airstrike" or lex.air_word.search(cue.text):
        return False
    rest = CLAUSE_REST.match(text, cue.end)
    for m in lex.ground_fire.finditer(text, cue.end, rest.end()):
        if SHOOTER_BY.search(text, cue.end, m.start()):
            return True
    lead = CLAUSE_LEAD.search(text, 0, cue.start)
    return (lex.ground_fire.search(text, lead.start(), cue.start) is not None
            and lex.air_word.search(text, lead.start(), cue.start) is None)


# "the Quneitra offensive": a campaign named by the capitalised words before its noun.
NAMED_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+$")
TITLE_NOUNS = ("offensive", "campaign", "siege", "battle", "massacre", "blitz")
# What may stand between two titles of one list: their names, years, brackets and list words.
LIST_TOKEN = re.compile(r"\([^()]*\)|[\w'’.–-]+|[,;:]")
NAME_TOKEN = re.compile(r"[A-Z0-9][\w'’.–-]*|[a-z]{1,3}-[A-Z][\w'’-]*|of|the|de|and|or|as|well|,")
SEPARATORS = frozenset((",", "and", "or", "well"))   # "well": of "as well as"


def titled(text: str, cue: CueMatch) -> bool:
    """A cue that is an event's title: "the Battle of Bosra", "the Siege of Homs", "the Idlib offensive"."""
    if cue.text[:1].isupper():
        return True
    return cue.text.lower().startswith(TITLE_NOUNS) and NAMED_BEFORE.search(text, max(0, cue.start - 40), cue.start) is not None


def titled_list(text: str, cue: CueMatch, cues: list[CueMatch]) -> bool:
    """True for a title in a list of titles ("a string of victories in the Quneitra offensive, the
    Battle of Bosra and the Battle of Nasib", "with the Battle of Britain and the Battle of the
    Atlantic"): names cited as examples of a period, not events dated and placed by the sentence."""
    if not titled(text, cue):
        return False
    k = cues.index(cue)
    pairs = [(cues[k - 1], cue)] if k else []
    pairs += [(cue, cues[k + 1])] if k + 1 < len(cues) else []
    return any(titled(text, a) and titled(text, b) and list_between(text[a.end:b.start]) for a, b in pairs)


def list_between(gap: str) -> bool:
    """Only names, years, brackets and list words ("Bosra (2015) and the"), one separator at least."""
    tokens = LIST_TOKEN.findall(gap)
    return (any(t.lower() in SEPARATORS for t in tokens)
            and all(t.startswith("(") or NAME_TOKEN.fullmatch(t) for t in tokens))


# "in retaliation for the government attack on", "in response to an ISIL assault": the cause cited.
RETALIATION = re.compile(r"\b(?:retaliation|response|revenge|reprisal)\s+(?:for|to)\s+(?:the\s+|an?\s+|its\s+|their\s+)?"
                         r"(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)


def cause_cited(text: str, cue: CueMatch) -> bool:
    """"The operation was in retaliation for the army's attack on Turkish soldiers": an earlier act
    given as the reason for this one, not an event the sentence dates."""
    return RETALIATION.search(text, max(0, cue.start - 60), cue.start) is not None


def soft_target(lex: Lexicon, text: str, cue: CueMatch) -> bool:
    """"gunmen stormed a restaurant", "stormed the church during mass": a storming of a place where
    people gather is an attack on them, not a battle between forces."""
    return (cue.cue.event_type == "battle" and cue.text.lower().startswith("storm")
            and lex.soft_target.match(text, cue.end) is not None)
