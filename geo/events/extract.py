"""Sentence → events: cue words give the type, place mentions the where, date spans the when.

For each cue in a sentence the places in its scope (after it up to the next cue, or before it
for passive cues such as "X fell to ISIL") each give one event, dated by the nearest date
expression, with the subject actor as `actor`. Country or region mentions only give an event
when the scope names nothing finer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from geo.actors import ActorLexicon, ActorMatch, load_actors
from geo.events.cues import CueMatch, Lexicon, load_lexicon
from geo.model import DateSpan, Document, Event, Mention, Place, Sentence, SourceRef

IRREALIS_TYPES = ("territory_change", "withdrawal")
OBJECT_GAP = 45       # a captured place follows its verb closely ("retook the key Haditha Dam")
AFTER_WINDOW = 160    # characters after a cue in which its places are looked for
BEFORE_WINDOW = 120   # same, before a passive cue
LIBERATION = ("recaptur", "retak", "retook", "liberat", "freed", "regain", "cleared", "expelled", "drove")
# "killing 2,000 Yazidi men": a counted actor is an object, not the doer (years are not counts).
_COUNTED = re.compile(r"(?<![\d,])(?!(?:19|20)\d\d\b)\d(?:[\d,]*\d)?\s+(?:[a-z]+\s+)?$")
_LOCATIVE = re.compile(r"(?<!\w)(?:in|into|to|over|across|near|from|at|on|inside|throughout|against|"
                       r"within|toward|towards)\s+(?:the\s+)?(?:[A-Za-z-]+\s+)?$", re.IGNORECASE)
_LOCATOR = re.compile(r"^,?\s*(?:about\s+|some\s+)?(?:\d[\d.,]*\s*(?:km|kilometres|kilometers|miles|mi)\s+(?:\(\d+\s*\w+\)\s+)?)?"
                      r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
                      r"south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?(?:city\s+of\s+)?$", re.IGNORECASE)
_BACK_REF = re.compile(r"\s*(?:(?:much|most|all|parts?|half|the rest)\s+of\s+)?(?:the|that|this)\s+"
                       r"(?:city|town|village|area|base|dam|airport)\b", re.IGNORECASE)
_AGENT = re.compile(r"\b(?:by|to)\s+(?:the\s+)?$", re.IGNORECASE)
_ANAPHORIC = re.compile(r"\s*(?:The|This|That|These|Those|Another|A further|Further|Its|Their)\b")
_SEE_ALSO = re.compile(r"\((?:see|See)\b[^)]*\)")
_ONE_VERB = re.compile(r"(?!(?:had|has|have|was|were|is|are|been|be|and|or|in|of|the)\b)[a-z]+")
_FRONTED = re.compile(r"\s*(?:After|When|Before|While|Although|Though|As|Since|Following|Despite|Once|Because)"
                      r"\b[^,;]{3,120},\s*")
FINE_LEVEL, REGION_LEVEL, COUNTRY_LEVEL = 0, 1, 2


@dataclass(frozen=True)
class _Spot:
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


def _spots(sentence: Sentence, mentions: Iterable[Mention]) -> list[_Spot]:
    spots = []
    for m in mentions:
        if m.role != "place":
            continue
        i = text_index(sentence, m.start)
        if i is None or sentence.text[i:i + len(m.text)] != m.text:
            i = sentence.text.find(m.text)
            if i < 0:
                continue
        spots.append(_Spot(i, i + len(m.text), m))
    spots.sort(key=lambda s: s.start)
    kept: list[_Spot] = []
    for spot in spots:
        if kept and spot.start < kept[-1].end:       # "Dam" inside "Haditha Dam"
            if spot.end - spot.start > kept[-1].end - kept[-1].start:
                kept[-1] = spot
            continue
        if kept and _LOCATOR.match(sentence.text[kept[-1].end:spot.start]):
            continue                                 # "near Bayji, north of Baghdad": Baghdad only locates
        kept.append(spot)
    return kept


def event_id(doc: str, line: int, etype: str, place_key: str, start: str) -> str:
    digest = hashlib.sha1(f"{doc}|{line}|{etype}|{place_key}|{start}".encode()).hexdigest()
    return "ev-" + digest[:12]


def place_key(place: Place | None, text: str) -> str:
    return place.place_id if place is not None else "text:" + text.strip().lower()


class Extractor:
    """Holds the lexicons and the per-document actor context (for "they", "it")."""

    def __init__(self, actors: ActorLexicon | None = None, lexicon: Lexicon | None = None) -> None:
        self.actors = actors or load_actors()
        self.lex = lexicon or load_lexicon()

    def document(self, doc: Document, mentions: Iterable[Mention]) -> list[Event]:
        """All events stated by `doc`, given its place mentions (any order)."""
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        events: list[Event] = []
        context_actor, context_section, paragraph = "", (), None
        last_dates: tuple[DateSpan, ...] = ()
        for sentence in doc.sentences:
            if sentence.section != context_section:
                context_actor, context_section = "", sentence.section
            same_paragraph = sentence.paragraph == paragraph
            if not same_paragraph:
                last_dates = ()
            paragraph = sentence.paragraph
            if not sentence.dates and last_dates:
                # "Another round of airstrikes in the afternoon ...": the paragraph's last date holds.
                sentence = replace(sentence, dates=tuple(replace(d, start_char=-1, end_char=-1)
                                                         for d in last_dates[-1:]))
            elif any(d.start_char >= 0 for d in sentence.dates):
                last_dates = tuple(d for d in sentence.dates if d.start_char >= 0)
            found, subject = self.sentence(doc, sentence, by_sentence.get(sentence.index, []), context_actor,
                                           same_paragraph)
            events.extend(found)
            if subject:
                context_actor = subject
        return events

    def sentence(self, doc: Document, sentence: Sentence, mentions: list[Mention],
                 context_actor: str = "", same_paragraph: bool = False) -> tuple[list[Event], str]:
        """Events of one sentence and the subject actor it leaves as context for the next."""
        text = sentence.text
        actor_matches = self.actors.find(text)
        subject_all = self._subject(text, actor_matches, 0, len(text))
        if not any(m.role == "place" for m in mentions):
            return [], subject_all          # no place, no event: skip the cue scan (half the time)
        cues = self.lex.find(text)
        if not cues:
            return [], subject_all
        # A cue inside an actor's name ("UN Peacekeeping forces") is a name, not an event; nor is
        # one inside a cross-reference "(see Sinjar massacre)".
        refs = [(m.start(), m.end()) for m in _SEE_ALSO.finditer(text)]
        cues = [c for c in cues if not any(a.start <= c.start and c.end <= a.end for a in actor_matches)
                and not any(s <= c.start < e for s, e in refs)]
        if not cues:
            return [], subject_all
        spots = _spots(sentence, mentions)
        # "Canada conducted ...", "U.S. forces": a country name used as an actor is not a place.
        spots = [s for s in spots if s.level == FINE_LEVEL or _LOCATIVE.search(text[max(0, s.start - 30):s.start])
                 or not any(a.start < s.end and s.start < a.end for a in actor_matches)]
        spot_spans = [(s.start, s.end) for s in spots]
        # An alias that is also a place in the text ("in Syria") names a place, not an actor.
        actor_matches = [a for a in actor_matches
                         if not any(a.start < e and s < a.end for s, e in spot_spans)
                         or not self.lex.subject_skip.search(text[max(0, a.start - 30):a.start])]
        events: list[Event] = []
        seen: dict[tuple[str, str, str], int] = {}
        previous_actor = ""
        for k, cue in enumerate(cues):
            lead = text[max(0, cue.start - 40):cue.start]
            if self.lex.negation.search(lead[-25:]):
                continue
            if (cue.cue.event_type in IRREALIS_TYPES and self.lex.irrealis.search(lead)
                    and not self.lex.realis.search(lead)):
                continue   # "to retake Mosul", "from taking control of the airport": not (yet) an event
            prev_end = cues[k - 1].end if k else 0
            next_start = cues[k + 1].start if k + 1 < len(cues) else len(text)
            actor, target, holder, chosen = self._who(text, cue, actor_matches, prev_end, next_start,
                                                      previous_actor, context_actor, cues[k + 1:],
                                                      same_paragraph)
            previous_actor = actor or previous_actor
            for spot in chosen(spots, prev_end, next_start):
                ev = self._event(doc, sentence, cue, spot, actor, target, holder)
                if ev is None:
                    continue
                key = (ev.event_type, place_key(ev.place, ev.place_text), ev.date.start.isoformat())
                if key not in seen:
                    seen[key] = len(events)
                    events.append(ev)
                elif ev.actor and not events[seen[key]].actor:
                    events[seen[key]] = ev
        return events, previous_actor or subject_all

    # --- who ------------------------------------------------------------------------------

    def _subject(self, text: str, matches: list[ActorMatch], lo: int, hi: int) -> str:
        inside = [a for a in matches if lo <= a.start and a.end <= hi]
        for a in inside:
            lead = text[max(0, a.start - 30):a.start]
            # "with support from U.S. aircraft", "killing 2,000 Yazidi men": not the doer.
            if not self.lex.subject_skip.search(lead) and not _COUNTED.search(lead):
                return a.actor
        return ""

    def _who(self, text: str, cue: CueMatch, matches: list[ActorMatch], prev_end: int,
             next_start: int, previous_actor: str, context_actor: str, later: list[CueMatch],
             same_paragraph: bool = False):
        """Actor, target and holder rule of one cue, and a chooser of the places it governs."""
        nxt = later[0] if later else None
        cues_after = later[1:]
        before = [a for a in matches if a.end <= cue.start]
        after = [a for a in matches if a.start >= cue.end and a.start < next_start]
        actor = ""
        # "Canadian airstrike", "Egypt conducted airstrikes": the name right before the cue (at most
        # one verb between, not an auxiliary as in "ISIL had ended") is the doer.
        if before:
            gap = text[before[-1].end:cue.start].strip(" -")
            lead = text[max(0, before[-1].start - 14):before[-1].start]
            if (gap == "" or _ONE_VERB.fullmatch(gap)) and not self.lex.target_lead.search(lead):
                actor = before[-1].actor
        # Last resort: the nearest name before the cue, unless it is a target ("against ISIL").
        nearest = [a for a in before if not self.lex.target_lead.search(text[max(0, a.start - 12):a.start])]
        # "After ISIL killed 21 Copts in Libya, Egypt conducted airstrikes": skip the fronted clause.
        main = _FRONTED.match(text)
        start = main.end() if main and main.end() < cue.start and not prev_end else prev_end
        actor = (actor or self._subject(text, matches, start, cue.start) or previous_actor
                 or self._subject(text, matches, 0, cue.start) or (nearest[-1].actor if nearest else ""))
        if not actor and ((same_paragraph and _ANAPHORIC.match(text))
                          or self.lex.pronoun.search(text[prev_end:cue.start])):
            actor = context_actor   # "they conquered ...", "The second airstrike ..."
        holder_rule = cue.cue.holder
        agent = ""
        if holder_rule == "agent":
            # The agent follows "by"/"to" ("fell to ISIL"), never "from" ("retaking of Mosul from IS").
            window = [a for a in after if a.start - cue.end <= 60
                      and (text[cue.end:a.start].strip().lower() in ("", "the")
                           or _AGENT.search(text[max(cue.end, a.start - 15):a.start]))]
            agent = window[0].actor if window else ""
        elif holder_rule.startswith("="):
            agent = self.actors.normalize(holder_rule[1:]) or holder_rule[1:]
        if agent:
            actor = agent
        if cue.cue.event_type in ("airstrike", "airdrop") and actor and not self.actors.has_air_power(actor):
            actor = ""   # "al-Baghdadi, the leader of ISIL, was wounded in an airstrike": ISIL struck nothing
        side = self.actors.side(actor)
        target = ""
        for a in after:
            lead = text[max(cue.end, a.start - 25):a.start]
            if a.actor != actor and self.actors.side(a.actor) != side and self.lex.target_lead.search(lead):
                target = a.actor
                break
        if not target and actor != "ISIL" and any(a.actor == "ISIL" for a in matches):
            target = "ISIL"
        holder = ""
        if cue.cue.event_type == "territory_change":
            if holder_rule in ("actor", "agent") or holder_rule.startswith("="):
                holder = actor
                # "X was liberated" without an agent: the place went back to its government.
                if holder_rule == "agent" and not agent:
                    liberated = any(w in cue.text.lower() for w in LIBERATION)
                    holder = "<gov>" if liberated else ""
            elif holder_rule == "country":
                holder = "<gov>"

        def chosen(spots: list[_Spot], lo: int, hi: int) -> list[_Spot]:
            if cue.cue.place == "before":
                picked = [s for s in spots if s.end <= cue.start and s.start >= max(lo, cue.start - BEFORE_WINDOW)]
            else:
                picked = [s for s in spots if s.start >= cue.end and s.start < min(hi, cue.end + AFTER_WINDOW)]
                if holder_rule == "country":   # "no remaining territory in Iraq"
                    picked = [s for s in picked if s.start - cue.end <= 8]
                if cue.cue.event_type == "territory_change" and holder_rule == "actor":
                    # Direct objects only: "captured Sleiman al-Afari ... in a raid in Badoosh" is no conquest.
                    chain, edge = [], cue.end
                    for s in picked:
                        if s.start - edge > OBJECT_GAP:
                            break
                        chain.append(s)
                        edge = s.end
                    picked = chain
                if not picked and nxt is not None and nxt.start - cue.end <= 60:
                    # "to strike an ISIL artillery piece shelling Erbil": share the next clause's place.
                    nxt_end = cues_after[0].start if cues_after else len(text)
                    picked = [s for s in spots if s.start >= nxt.end and s.start < min(nxt_end, nxt.end + AFTER_WINDOW)]
                if not picked and cue.cue.event_type == "territory_change" and _BACK_REF.match(text[cue.end:]):
                    # "pushed into the city of Sinjar, taking control of much of the city"
                    prior = [s for s in spots if s.end <= cue.start and cue.start - s.end <= 80]
                    picked = prior[-1:]
            if not picked:
                return []
            finest = min(s.level for s in picked)
            if holder_rule == "country":
                finest = COUNTRY_LEVEL if any(s.level == COUNTRY_LEVEL for s in picked) else finest
            elif cue.cue.event_type == "territory_change" and finest == COUNTRY_LEVEL:
                return []   # "captured its pilot over Syria": nobody conquers a whole country in a clause
            return [s for s in picked if s.level == finest]

        return actor, target, holder, chosen

    # --- one event -------------------------------------------------------------------------

    def _date(self, sentence: Sentence, cue: CueMatch, lo: int, hi: int,
              prefer_after: bool = False) -> DateSpan | None:
        dates = sentence.dates
        located = [d for d in dates if d.start_char >= 0]
        if prefer_after:   # "X, which was under ISIL control since 10 June 2014"
            close = [d for d in located if 0 <= d.start_char - cue.end <= 30]
            if close:
                return close[0]
        before = [d for d in located if d.end_char <= cue.start]
        if before:
            return max(before, key=lambda d: d.end_char)
        after = [d for d in located if d.start_char >= cue.end and d.start_char < hi]
        if after:
            return after[0]
        context = [d for d in dates if d.start_char < 0]
        if context:
            return context[0]
        return located[0] if located else None

    def _event(self, doc: Document, sentence: Sentence, cue: CueMatch, spot: _Spot, actor: str,
               target: str, holder: str) -> Event | None:
        date = self._date(sentence, cue, 0, len(sentence.text), prefer_after=cue.cue.place == "before")
        if date is None:
            return None
        place = spot.mention.place
        etype = cue.cue.event_type
        if etype == "deployment" and place is not None and place.kind == "airbase":
            etype = "base_use"
        if holder == "<gov>":
            holder = self.actors.government_of(place.country) if place is not None else ""
        if spot.level == COUNTRY_LEVEL:
            precision = "country"
        elif spot.level == REGION_LEVEL:
            precision = "region"
        elif self.lex.near.search(sentence.text[max(0, spot.start - 60):spot.start]):
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
        )


def extract_events(doc: Document, mentions: Iterable[Mention], extractor: Extractor | None = None) -> list[Event]:
    """Events stated by one document (unmerged; one per type, place and date per sentence)."""
    return (extractor or Extractor()).document(doc, mentions)
