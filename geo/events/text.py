"""Sentence text helpers for event extraction: the phrase patterns, place spots in a sentence,
event ids and the paragraph rule that lets a finer place absorb a country-level duplicate."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from geo.model import Event, Mention, Place, Sentence

IRREALIS_TYPES = ("territory_change", "withdrawal")
OBJECT_GAP = 45       # a captured place follows its verb closely ("retook the key Haditha Dam")
AFTER_WINDOW = 160    # characters after a cue in which its places are looked for
BASE_WINDOW = 70      # "operate from X Air Base": the base follows its verb closely
BEFORE_WINDOW = 120   # same, before a passive cue
# "killing 2,000 Yazidi men": a counted actor is an object, not the doer (years are not counts).
COUNTED = re.compile(r"(?<![\d,])(?!(?:19|20)\d\d\b)\d(?:[\d,]*\d)?\s+(?:[a-z]+\s+)?$")
# "Thousands of Yazidis ... fled": a crowd named by its count is not an armed doer.
MASS = re.compile(r"\b(?:tens\s+of\s+thousands|thousands|hundreds|dozens|millions)\s+of\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
# "against the United Kingdom" names a target, not a place: "against" is not locative here.
LOCATIVE = re.compile(r"(?<!\w)(?:in|into|(?<!according )to|over|across|near|from|at|on|inside|throughout|"
                       r"within|toward|towards)\s+(?:the\s+)?(?:[A-Za-z-]+\s+)?$", re.IGNORECASE)
LOCATOR = re.compile(r"^,?\s*(?:(?:about\s+|some\s+)?(?:\d[\d.,]*\s*(?:km|kilometres|kilometers|miles|mi)\s+(?:\(\d+\s*\w+\)\s+)?)?"
                      r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
                      r"south-east|south-west)(?:ern)?\s+of|near|close\s+to|outside|(?:on|in)\s+the\s+outskirts\s+of)\s+(?:the\s+)?(?:(?:city|town|river)\s+of\s+)?$",
                      re.IGNORECASE)
IN_REGION = re.compile(r",\s*in\s+(?:the\s+)?", re.IGNORECASE)
BACK_REF = re.compile(r"\s*(?:(?:(?:much|most|all|parts?|half|the rest)\s+of\s+)?(?:the|that|this)\s+"
                       r"(?:city|town|village|area|base|dam|airport)\b|it\b(?!\s+(?:was|is|had|has|would)\b))",
                       re.IGNORECASE)   # "entered the city and seized it": "it" too
# "an air strike by US forces", "air strikes and artillery of U.S.-led coalition", "withdrawal of U.S. troops"
BY_AGENT = re.compile(r"\s+(?:and\s+[\w-]+\s+)?(?:(?:conducted|carried\s+out|launched|made|flown)\s+)?(?:by|of)\s+(?:the\s+)?",
                       re.IGNORECASE)
OCCUPY = "<occupy>"
# The holder after a region-wide loss when the text names no taker ("ISIL had no territory left in Iraq").
UNKNOWN_HOLDER = "unknown"
AND_ONLY = re.compile(r",?\s*(?:and|or|,)\s*(?:the\s+)?")
COMPOUND = re.compile(r"-([a-z]+)")
ORIGIN = re.compile(r"\bfrom\s+(?:(?:an?|the|its|their)\s+)?(?:(?:[\w-]+\s+){0,2}(?:air\s*bases?|airbases?|bases?|"
                     r"airfields?|carriers?)\s+(?:in|at)\s+(?:the\s+)?)?$", re.IGNORECASE)
TARGET_WINDOW = 50    # "airstrikes against ISIL targets": the target follows its cue closely
# "Afghan forces supported by U.S. airstrikes pushed ...": the supporter is not the main doer.
SUPPORT = re.compile(r"\b(?:(?:supported|backed|aided|assisted|helped|covered|accompanied)\s+by|with\s+(?:the\s+)?help\s+"
                      r"(?:of|from)|with\s+(?:close\s+)?(?:air\s+)?support\s+(?:of|from))\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}$",
                      re.IGNORECASE)
# "dispatched 500 more US troops", "deployed another 130 British advisers": the force's nationality.
SENT_FORCE = re.compile(r"\s+(?:(?:an?|another|about|some|up\s+to|over|nearly|around|approximately)\s+)?(?:[\d,]+\s+)?"
                         r"(?:(?:more|additional|extra|further|new)\s+)?", re.IGNORECASE)
HOSTILE_TYPES = ("airstrike", "battle", "attack", "territory_change")
WHERE = re.compile(r",?\s+where\s+[^,;.]{0,60}$")
TOKEN = re.compile(r"[A-Za-z][\w'’-]*")
AGENT = re.compile(r"\b(?:by|to)\s+(?:the\s+)?$", re.IGNORECASE)
ANAPHORIC = re.compile(r"\s*(?:The|This|That|These|Those|Another|A further|Further|Its|Their)\b")
SEE_ALSO = re.compile(r"\((?:see|See)\b[^)]*\)")
ONE_VERB = re.compile(r"(?!(?:had|has|have|was|were|is|are|been|be|and|or|in|of|the)\b)[a-z]+")
FRONTED = re.compile(r"\s*(?:After|When|Before|While|Although|Though|As|Since|Following|Despite|Once|Because)"
                      r"\b[^,;]{3,120},\s*")
FINE_LEVEL, REGION_LEVEL, COUNTRY_LEVEL = 0, 1, 2
COMMA_ONLY = re.compile(r",\s*")
LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\b|,\s*[A-Z]")


@dataclass(frozen=True)
class Spot:
    """A place mention located inside the sentence text."""

    start: int
    end: int
    mention: Mention

    @property
    def level(self) -> int:
        place = self.mention.place
        if place is None:
            return FINE_LEVEL
        if place.kind == "country":
            return COUNTRY_LEVEL
        if place.kind == "region":
            return REGION_LEVEL
        return FINE_LEVEL


def text_index(sentence: Sentence, offset: int) -> int | None:
    """Index in `sentence.text` of an original-file offset (inverse of Sentence.to_original)."""
    if not sentence.segments:
        i = offset - sentence.start
        return i if 0 <= i <= len(sentence.text) else None
    segs = sentence.segments
    for k, (text_start, orig_start) in enumerate(segs):
        run = (segs[k + 1][0] if k + 1 < len(segs) else len(sentence.text)) - text_start
        if orig_start <= offset < orig_start + max(run, 1):
            return text_start + (offset - orig_start)
    return None


def spots_of(sentence: Sentence, mentions: Iterable[Mention]) -> list[Spot]:
    """The sentence's place mentions in text order, without nested names and mere locators."""
    return kept_spots(sentence, all_spots(sentence, mentions))


def all_spots(sentence: Sentence, mentions: Iterable[Mention]) -> list[Spot]:
    """Every place mention of the sentence located in its text, in text order."""
    spots = []
    for m in mentions:
        if m.role != "place":
            continue
        i = text_index(sentence, m.start)
        if i is None or sentence.text[i:i + len(m.text)] != m.text:
            i = sentence.text.find(m.text)
            if i < 0:
                continue
        spots.append(Spot(i, i + len(m.text), m))
    spots.sort(key=lambda s: s.start)
    return spots


def kept_spots(sentence: Sentence, spots: list[Spot]) -> list[Spot]:
    """`spots` (in text order) without nested names and mere locators."""
    kept: list[Spot] = []
    for spot in spots:
        if kept and spot.start < kept[-1].end:       # "Dam" inside "Haditha Dam"
            if spot.end - spot.start > kept[-1].end - kept[-1].start:
                kept[-1] = spot
            continue
        if kept and LOCATOR.match(sentence.text[kept[-1].end:spot.start]):
            continue                                 # "near Bayji, north of Baghdad": Baghdad only locates
        if kept and spot.level >= max(kept[-1].level, REGION_LEVEL) and IN_REGION.fullmatch(sentence.text[kept[-1].end:spot.start]):
            continue                                 # "al-Baaj District, in the Nineveh Governorate": ditto
        if kept and spot.level > kept[-1].level and _locates(sentence.text, kept[-1], spot):
            continue                                 # "Naval Air Station Oceana, Virginia": ditto
        kept.append(spot)
    return kept


def _locates(text: str, inner: Spot, outer: Spot) -> bool:
    """True when `outer` only says where `inner` lies: "X, Y" with Y a larger unit of X's country, not
    the next item of a list ("Mosul, Anbar and Salahuddin")."""
    a, b = inner.mention.place, outer.mention.place
    if a is None or b is None or a.country != b.country or not COMMA_ONLY.fullmatch(text[inner.end:outer.start]):
        return False
    return not LIST_GOES_ON.match(text, outer.end)


def event_id(doc: str, line: int, etype: str, place_key: str, start: str) -> str:
    """A stable id from where the event is told and what it is."""
    digest = hashlib.sha1(f"{doc}|{line}|{etype}|{place_key}|{start}".encode()).hexdigest()
    return "ev-" + digest[:12]


def place_key(place: Place | None, text: str) -> str:
    """The key events are merged on: the gazetteer id, or the surface text of an unresolved place."""
    return place.place_id if place is not None else "text:" + text.strip().lower()


def drop_covered(events: list[Event]) -> list[Event]:
    """Drop a country-level event when the paragraph gives the same event (type, date) at a finer
    place of that country: "airstrikes in Libya ... in Sirte" is one strike in Sirte."""
    finer = {(e.event_type, e.date.start, e.place.country) for e in events
             if e.place is not None and e.geo_precision != "country"}
    return [e for e in events if not (e.geo_precision == "country" and e.place is not None
                                      and (e.event_type, e.date.start, e.place.country) in finer)]


# At most one modifier between ("rally"), never a preposition ("Incirlik Air Base for airstrikes").
NAMED_GAP = re.compile(r"\s*(?:(?!(?:for|of|in|on|at|to|by|with|from|and|or|the|an?|after|before|during|against|"
                       r"was|were|is|are|had|has|have)\s)[a-z]+\s+)?")
NAMED_TYPES = ("attack", "battle", "airstrike")
NAMED_VERB = re.compile(r"(?:ed|targeting|attacking|striking|hitting)$|\s", re.IGNORECASE)   # nouns only: "bombing", "offensive"


def named_spot(text: str, spots: list[Spot], cue) -> Spot | None:
    """The place naming a nominal cue right before it ("the 20 July 2015 Suruç bombing", "the Sinjar
    offensive", "Diyarbakır rally bombing"): at most one lowercase word between, not a country."""
    if (cue.cue.event_type not in NAMED_TYPES or cue.cue.place != "after" or not cue.text[:1].islower()
            or NAMED_VERB.search(cue.text)):
        return None
    for spot in spots:
        if (spot.end <= cue.start and spot.level != COUNTRY_LEVEL
                and NAMED_GAP.fullmatch(text[spot.end:cue.start])):
            return spot
    return None


# "The siege of Kobani was launched by the Islamic State": the agent of a passive after the cue.
PASSIVE_BY = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|ght|un|de)(?:\s+out)?"
                        r"\s+by\s+(?:the\s+)?$", re.IGNORECASE)
# "Iraqi forces in their ongoing offensive": the owner of the cue's noun is its doer.
POSSESSOR = re.compile(r"(?:\s+[\w-]+)?\s+(?:in|during|with)\s+(?:their|its|his|her)\s+(?:[\w-]+\s+){0,2}")
# "... and Kobani, which ISIL had seized in 2014": a relative clause on the place before it.
RELATIVE = re.compile(r"\s*,?\s*(?:that|which)\s+[^,;.()]{0,50}")
# "Qaraqosh on 22 October, a Christian town south-east of Mosul that ...": the apposition's head.
APPOSITION = re.compile(r",[^;]{0,80}\b(?:an?|the)\s+[^,;]{0,60}$")
# "to strike ... after they ousted them from Mosul": a subordinate clause has its own place.
SUBORDINATE = re.compile(r"\b(?:after|before|since|when|following|once|until)\b", re.IGNORECASE)
ANNOUNCED = ("declared", "announced", "confirmed", "reported")


def relative_head(text: str, spots: list[Spot], cue_start: int, near: re.Pattern[str]) -> list[Spot]:
    """The place a relative clause "that/which X seized" describes, skipping a locator place
    ("a town south-east of Mosul that ISIL seized" describes the town, not Mosul)."""
    prior = [s for s in spots if s.end <= cue_start]
    if not prior or not RELATIVE.fullmatch(text[prior[-1].end:cue_start]):
        return []
    head = prior[-1]
    if near.search(text[max(0, head.start - 60):head.start]):
        if len(prior) < 2 or not APPOSITION.search(text[prior[-2].end:head.start]):
            return []
        head = prior[-2]
    return [head]


FROM_WORD = re.compile(r"\bfrom\b", re.IGNORECASE)


def home_base(text: str, cue_end: int, spot: Spot) -> bool:
    """"the airstrikes were Super Hornets from Carrier Air Wing 8, of Naval Air Station Oceana": an air
    base after "from" is where the aircraft came from, not what they struck."""
    place = spot.mention.place
    return place is not None and place.kind == "airbase" and bool(FROM_WORD.search(text, cue_end, spot.start))
