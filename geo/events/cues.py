"""Event cue lexicon: which words signal which event type, where the place sits, who holds it after.

Read from data/event_cues.csv (one regex per row) and data/event_words.csv (near-words,
prepositions that mark a non-subject actor, negations, pronouns, counted nouns).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo import settings
from geo.errors import GeoError
from geo.events.locative import between_rx, fronted_rx
from geo.events.prefix import openings
from geo.model import EVENT_TYPES

CUES_CSV = settings.DATA_DIR / "event_cues.csv"
WORDS_CSV = settings.DATA_DIR / "event_words.csv"


@dataclass(frozen=True)
class Cue:
    """One cue row: `pattern` compiled, `place` "after"/"before", `holder` rule for territory."""

    event_type: str
    pattern: re.Pattern[str]
    place: str
    holder: str
    order: int


@dataclass(frozen=True)
class CueMatch:
    cue: Cue
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Lexicon:
    cues: tuple[Cue, ...]
    near: re.Pattern[str]
    subject_skip: re.Pattern[str]
    target_lead: re.Pattern[str]
    target_end: re.Pattern[str]   # target_lead right before a name ("against the ISIL")
    negation: re.Pattern[str]
    pronoun: re.Pattern[str]
    count: re.Pattern[str]
    irrealis: re.Pattern[str]
    realis: re.Pattern[str]
    # Words allowed between two places of one object list ("Mosul and Tikrit, including Wana"):
    # anything else (a verb: "and threatened the Mosul Dam") ends the list.
    list_glue: frozenset[str] = frozenset()
    # "PMU spokesman", "Iraqi civilians", "two Americans were killed": a name that is not the doer.
    not_doer_after: re.Pattern[str] = re.compile(r"(?!x)x")
    # "authorized airstrikes", "promised to send": decisions and plans, for every event type.
    plan: re.Pattern[str] = re.compile(r"(?!x)x")
    # "the number of airstrikes in Iraq would increase": a modal right after the cue's phrase.
    plan_after: re.Pattern[str] = re.compile(r"(?!x)x")
    # "On 23 January, X stated ...": a date before a reporting verb dates the report, not the event.
    report: re.Pattern[str] = re.compile(r"(?!x)x")
    # "two Americans ... were killed after targeting ...": a subject that suffered, not acted.
    victim: re.Pattern[str] = re.compile(r"(?!x)x")
    # Cue stems meaning the place went back to its government when no agent is named.
    liberation: tuple[str, ...] = ()
    # "captured ... from ISIL": the side a place was taken from follows one of these.
    taken_from: re.Pattern[str] = re.compile(r"(?!x)x")
    # "a total of", "the number of", "spent": a running figure, not one act.
    total: re.Pattern[str] = re.compile(r"(?!x)x")
    # "so far", "to date", "in the past month": a figure summed over a period.
    aggregate: re.Pattern[str] = re.compile(r"(?!x)x")
    # "troop level", "there are": a standing presence, not a deployment.
    troop_level: re.Pattern[str] = re.compile(r"(?!x)x")
    # "additional", "another": a new contingent (an act even inside a troop-level sentence).
    fresh: re.Pattern[str] = re.compile(r"(?!x)x")
    # Cue words ("targeting") that are airstrikes only with an aircraft or air word nearby.
    needs_air: frozenset[str] = frozenset()
    air_word: re.Pattern[str] = re.compile(r"(?!x)x")
    # "Canada joined the coalition withdrawal": the name after these modifies the cue, the subject acts.
    join_lead: re.Pattern[str] = re.compile(r"(?!x)x")
    # "speaking about U.S. airstrikes": the cue is a topic, not an act.
    topic: re.Pattern[str] = re.compile(r"(?!x)x")
    # "withdrew to Syria": where a withdrawal went, not where it happened.
    destination: re.Pattern[str] = re.compile(r"(?!x)x")
    # "the Tigris": a river is no point on land where an event happened.
    water: re.Pattern[str] = re.compile(r"(?!x)x")
    plan_word: re.Pattern[str] = re.compile(r"(?!x)x")
    # "nine countries", "several allies": a group of states as the subject.
    group: re.Pattern[str] = re.compile(r"(?!x)x")
    coalition_word: re.Pattern[str] = re.compile(r"(?!x)x")
    # "after the Paris attacks": a place naming an earlier event, not where the cue happened.
    event_noun: re.Pattern[str] = re.compile(r"(?!x)x")
    # "the purposes of the airstrikes as to be: ... break the siege of X": a list of aims, not events.
    purpose: re.Pattern[str] = re.compile(r"(?!x)x")
    # "sentenced", "moratorium": an execution by a court, not a war attack.
    judicial: re.Pattern[str] = re.compile(r"(?!x)x")
    # "did not recapture Hawija until 5 October": the negation only delays the event.
    negation_end: re.Pattern[str] = re.compile(r"(?!x)x")
    # "by Iraqi Prime Minister ...": a title after the name makes it a speaker, not a force.
    title: re.Pattern[str] = re.compile(r"(?!x)x")
    # "broke through to besieged Warsaw", "the besieged hospital": a participle used as an adjective.
    attributive: re.Pattern[str] = re.compile(r"(?!x)x")
    # "between Azaz and al-Rai": an event between two places (geo/events/locative.between_pairs).
    between: re.Pattern[str] = re.compile(r"(?!x)x")
    # "Mosul, held by ISIL, was recaptured": the name after these held the place before (geo/events/passive.py).
    held_by: re.Pattern[str] = re.compile(r"(?!x)x")
    # "... defended Wuhan, but the city was taken": the side before the contrast is not the taker.
    contrast: re.Pattern[str] = re.compile(r"(?!x)x")
    # "clashed at the Azaz border gate with Kilis": the far side of a border is not where it happened.
    far_side: re.Pattern[str] = re.compile(r"(?!x)x")
    # "crossed into Turkey ... then drove to Kobani": a way through, not where troops went (locative.on_route).
    route: re.Pattern[str] = re.compile(r"(?!x)x")
    # ", after government forces reached X": a clause with its own subject (geo/events/locative.own_clause).
    clause_opener: re.Pattern[str] = re.compile(r"(?!x)x")
    # "accused Turkey of backing al-Nusra in their attack on Idlib": a charge, not an act of that day;
    # "congratulated the army for retaking X" (kind acclaim): praise of an act done before that day.
    accusation: re.Pattern[str] = re.compile(r"(?!x)x")
    # "was involved in the Siege of Homs, the Battle of Qusayr and ...": a record of past battles.
    participation: re.Pattern[str] = re.compile(r"(?!x)x")
    # "a convoy heading to Lebanon", "returning from Karbala": where a convoy went, not where it was hit.
    transit: re.Pattern[str] = re.compile(r"(?!x)x")
    # "western Aleppo", "the Homs countryside": a part of the land around a place, not its point.
    part_before: re.Pattern[str] = re.compile(r"(?!x)x")
    part_after: re.Pattern[str] = re.compile(r"(?!x)x")
    # "months before", "ten days later": a time counted from another event, which the paragraph's date is not.
    time_shift: re.Pattern[str] = re.compile(r"(?!x)x")

    # "shot a film", "killed in a car accident", "executed the contract": a cue word in peaceful use
    # (these words follow it within three words).
    peaceful: re.Pattern[str] = re.compile(r"(?!x)x")
    # "killed", "wounded": the toll of the cue before them in the sentence, an event only on their own.
    outcome: re.Pattern[str] = re.compile(r"(?!x)x")

    # "comparing the situation to", "reminiscent of": a named event after these is a yardstick.
    likening: re.Pattern[str] = re.compile(r"(?!x)x")
    # "See also", "References", "Order of battle": sections that list, not tell (lower case).
    navigation: frozenset[str] = frozenset()
    # "demanded that Hezbollah withdraw", "attempted to advance", "if a pilot was shot down": not events.
    modal: re.Pattern[str] = re.compile(r"(?!x)x")
    # "the deadliest attacks since October 2009": a superlative before the cue and its yardstick after.
    comparison: re.Pattern[str] = re.compile(r"(?!x)x")
    comparison_end: re.Pattern[str] = re.compile(r"(?!x)x")
    # "the army repelled the ISIL assault": the repeller acts, the assault's side is the target.
    repel: re.Pattern[str] = re.compile(r"(?!x)x")
    # "the Yalta agreement", "the Astana talks": a place naming an accord, not where anything happened.
    name_noun: re.Pattern[str] = re.compile(r"(?!x)x")
    # "captured Nanking": a conquest changes control whoever takes it (not a mere deployment).
    conquest: tuple[str, ...] = ()
    # "captured 112 soldiers", "fighters ... were captured": people or matériel taken, not a place.
    captive: re.Pattern[str] = re.compile(r"(?!x)x")
    # "X spokesperson said that ... the fighting for Aleppo": a name before these speaks, it does not act.
    speech: re.Pattern[str] = re.compile(r"(?!x)x")
    # "Near Mosul, ...", "Additionally, in Iraq, ...": a locative opening a clause (locative.py).
    fronted: re.Pattern[str] = re.compile(r"(?!x)x")
    # "a poll showed 72% supported airstrikes": an opinion measured about an act, not the act.
    opinion: re.Pattern[str] = re.compile(r"(?!x)x")
    # "an anti-tank missile", "a government checkpoint": a weapon or shooter on the ground.
    ground_fire: re.Pattern[str] = re.compile(r"(?!x)x")
    # "stormed an upmarket restaurant": a gathering place; its storming is an attack on people.
    soft_target: re.Pattern[str] = re.compile(r"(?!x)x")
    # Rows by the openings their matches can start with (prefix.py); rows of unknown opening.
    by_opening: dict[str, tuple[Cue, ...]] = field(default_factory=dict)
    anywhere: tuple[Cue, ...] = ()
    # The same rows by their openings of up to DEEP letters, tried on plain ASCII text (_deep_index).
    by_deep_opening: dict[str, tuple[Cue, ...]] = field(default_factory=dict)

    def find(self, text: str) -> list[CueMatch]:
        """Non-overlapping cue matches left to right; on overlap the longer (then earlier row) wins.

        One pass over the sentence's word starts: at each, only the rows whose two-letter opening
        fits are tried (issue 11: seventeen full regex scans per sentence cost a third of a build)."""
        found = []
        index = self.by_opening
        deep = self.by_deep_opening if deep_enough(text) else None
        for start in WORD_START.finditer(text):
            at = start.start()
            if deep is not None:
                head = text[at:at + DEEP].lower()
                rows = deep.get(head, ()) + deep.get(head[:2], ()) + deep.get(head[:1], ())
            else:
                head = text[at:at + 2].lower()
                rows = index.get(head, ()) + index.get(head[:1], ())
            for cue in rows:
                m = cue.pattern.match(text, at)
                if m is not None and m.end() > at:
                    found.append(CueMatch(cue, at, m.end(), m.group(0)))
        for cue in self.anywhere:
            found.extend(CueMatch(cue, m.start(), m.end(), m.group(0)) for m in cue.pattern.finditer(text)
                         if m.end() > m.start())
        found.sort(key=lambda c: (-(c.end - c.start), c.cue.order, c.start))
        kept: list[CueMatch] = []
        for match in found:
            if all(match.end <= k.start or match.start >= k.end for k in kept):
                kept.append(match)
        kept.sort(key=lambda c: c.start)
        return kept


WORD_START = re.compile(r"(?<![\w-])\w")
DEEP = 3     # letters of the openings tried on plain ASCII text: a third of the rows' tries
# ASCII characters \s matches that prefix.SPACES leaves out: a text holding one takes the two-letter index
_OTHER_SPACES = re.compile(r"[\x1c-\x1f]")


def deep_enough(text: str) -> bool:
    """Whether the three-letter openings find every row the two-letter ones would: on ASCII text
    (lower() keeps its length, \\d and \\s mean what prefix.py reads them as)."""
    return text.isascii() and _OTHER_SPACES.search(text) is None


def _deep_index(cues: list[Cue], patterns: list[str], anywhere: tuple[Cue, ...]) -> dict[str, tuple[Cue, ...]]:
    """Rows by their openings of up to DEEP letters; a row whose longer openings are unknown keeps
    its two-letter ones. Rows tried everywhere stay out (Lexicon.anywhere)."""
    by_opening: dict[str, list[Cue]] = {}
    for cue, pattern in zip(cues, patterns):
        if cue in anywhere:
            continue
        heads = openings(pattern, DEEP)
        if heads is None or any(not h or not (h[0].isalnum() or h[0] == "_") for h in heads):
            heads = openings(pattern)
        for head in heads:
            by_opening.setdefault(head, []).append(cue)
    return {k: tuple(v) for k, v in by_opening.items()}


def _index(cues: list[Cue], patterns: list[str]) -> tuple[dict[str, tuple[Cue, ...]], tuple[Cue, ...]]:
    """Cue rows by opening (one or two lower-case letters); rows whose opening is unknown or
    does not start a word are tried everywhere."""
    by_opening: dict[str, list[Cue]] = {}
    anywhere = []
    for cue, pattern in zip(cues, patterns):
        heads = openings(pattern)
        if not heads or any(not h or not (h[0].isalnum() or h[0] == "_") for h in heads):
            anywhere.append(cue)
            continue
        for head in heads:
            by_opening.setdefault(head, []).append(cue)
    return {k: tuple(v) for k, v in by_opening.items()}, tuple(anywhere)


def _words_rx(words: list[str], suffix: str) -> re.Pattern[str]:
    alts = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + (alts or "(?!x)x") + r")" + suffix, re.IGNORECASE)


def _head_rx(words: list[str]) -> re.Pattern[str]:
    """Matches when a text starts (after spaces) with one of `words`."""
    alts = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(r"^\s*(?:" + (alts or "(?!x)x") + r")\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def load_lexicon(cues_path: str | None = None, words_path: str | None = None) -> Lexicon:
    """Compile the cue and word lists (cached)."""
    cues = []
    try:
        with open(Path(cues_path) if cues_path else CUES_CSV, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        with open(Path(words_path) if words_path else WORDS_CSV, encoding="utf-8", newline="") as f:
            words = list(csv.DictReader(f))
    except OSError as error:
        raise GeoError(f"cannot read the event cue lists: {error}") from error
    for order, row in enumerate(rows):
        etype = row["event_type"].strip()
        if etype not in EVENT_TYPES:
            raise GeoError(f"event_cues.csv row {order + 2}: unknown event type {etype!r}")
        try:
            rx = re.compile(r"(?<![\w-])(?:" + row["pattern"] + r")(?![\w-])", re.IGNORECASE)
        except re.error as error:
            raise GeoError(f"event_cues.csv row {order + 2}: bad pattern: {error}") from error
        cues.append(Cue(etype, rx, row.get("place", "after").strip() or "after",
                        row.get("holder", "").strip(), order))
    by_opening, anywhere = _index(cues, [row["pattern"] for row in rows])
    by_kind: dict[str, list[str]] = {}
    for row in words:
        by_kind.setdefault(row["kind"].strip(), []).append(row["word"].strip())
    return Lexicon(
        cues=tuple(cues),
        by_opening=by_opening,
        anywhere=anywhere,
        by_deep_opening=_deep_index(cues, [row["pattern"] for row in rows], anywhere),
        fronted=fronted_rx(by_kind.get("locative", [])),
        navigation=frozenset(w.lower() for w in by_kind.get("navigation", [])),
        modal=_words_rx(by_kind.get("modal", []),
                        r"\s+(?:that\s+)?(?:(?!(?:and|but|which|while|after|before|when)\b)[\w'-]+\s+){0,5}$"),
        comparison=_words_rx(by_kind.get("comparison", []), r"\s+(?:[\w-]+\s+){0,2}$"),
        likening=_words_rx(by_kind.get("likening", []), r"\b"),
        peaceful=re.compile(r"\s+(?:[\w'-]+\s+){0,3}?" + _words_rx(by_kind.get("peaceful", []), r"\b").pattern,
                            re.IGNORECASE),
        outcome=re.compile(r"(?:" + "|".join(re.escape(w) for w in by_kind.get("outcome", ["(?!x)x"])) + r")",
                           re.IGNORECASE),
        comparison_end=re.compile(r"^[^,;.]{0,50}?\b(?:" + "|".join(re.escape(w) for w in by_kind.get("comparison_end", ["x"]))
                                  + r")\b", re.IGNORECASE),
        repel=_words_rx(by_kind.get("repel", []), r"\s+(?:(?:an?|the|its|their|several|two|three|repeated|[\w.-]+'s)\s+)?"
                                                   r"(?:[\w.'-]+\s+){0,3}$"),
        name_noun=_head_rx(by_kind.get("name_noun", [])),
        speech=_words_rx(by_kind.get("speech", []), r"\b"),
        conquest=tuple(w.lower() for w in by_kind.get("conquest", [])),
        captive=_words_rx(by_kind.get("captive", []), r"\b"),
        # "near X", "12 km north of the town of X": the words must end right before the name.
        near=_words_rx(by_kind.get("near", []),
                       r"\s+(?:the\s+)?(?:(?:city|town|village|area|outskirts|district|province)\s+of\s+)?(?:the\s+)?$"),
        part_before=_words_rx(by_kind.get("part_before", []), r"\s+$"),
        part_after=_head_rx(by_kind.get("part_after", [])),
        # One word may stand between ("with support from U.S. aircraft"), but not a clause break:
        # "In the first half of 2015, ISIL-KP ..." has its subject after the comma.
        subject_skip=_words_rx(by_kind.get("subject_skip", []), r"\s+(?:the\s+|these\s+|this\s+|a\s+)?(?:[^\s,;:]+\s+)?$"),
        target_end=_words_rx(by_kind.get("target_lead", []), r"\s+(?:the\s+|an?\s+)?$"),
        target_lead=_words_rx(by_kind.get("target_lead", []), r"\b"),
        negation=_words_rx(by_kind.get("negation", []), r"\b"),
        pronoun=_words_rx(by_kind.get("pronoun", []), r"\b"),
        # "to retake Mosul", "would withdraw": intentions, not events (unless "managed to retake").
        irrealis=_words_rx(by_kind.get("irrealis", []), r"\s+(?:[\w-]+\s+){0,4}$"),
        realis=_words_rx(by_kind.get("realis", []), r"\b"),
        list_glue=frozenset(w.lower() for w in by_kind.get("list_glue", [])),
        not_doer_after=_head_rx(by_kind.get("not_doer_after", [])),
        # "would consider joining the coalition by launching airstrikes", but not across "and that he".
        plan=_words_rx(by_kind.get("plan", []), r"\s+(?:(?!(?:and|that|but|which|while)\b)[\w'’-]+\s+){0,6}$"),
        plan_after=re.compile(r"[^,;.()]{0,25}?\b(?:" + ("|".join(re.escape(w) for w in by_kind.get("plan_after", []))
                                                         or "(?!x)x") + r")\b", re.IGNORECASE),
        report=_words_rx(by_kind.get("report", []), r"\b"),
        victim=_words_rx(by_kind.get("victim", []), r"\b"),
        liberation=tuple(w.lower() for w in by_kind.get("liberation", [])),
        taken_from=_words_rx(by_kind.get("taken_from", []), r"\s+(?:the\s+)?(?:[\w-]+\s+)?$"),
        total=_words_rx(by_kind.get("total", []), r"\b"),
        aggregate=_words_rx(by_kind.get("aggregate", []), r"\b"),
        troop_level=_words_rx(by_kind.get("troop_level", []), r"\b"),
        fresh=_words_rx(by_kind.get("fresh", []), r"\b(?!\s+than\b)"),
        needs_air=frozenset(w.lower() for w in by_kind.get("needs_air", [])),
        air_word=_words_rx(by_kind.get("air_word", []), r"(?!\w)"),
        join_lead=_words_rx(by_kind.get("join_lead", []), r"\s+(?:the\s+|a\s+)?$"),
        topic=_words_rx(by_kind.get("topic", []), r"\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}$"),
        destination=_words_rx(by_kind.get("destination", []), r"\s+(?:the\s+)?$"),
        water=_words_rx(by_kind.get("water", []), r"\b"),
        plan_word=_words_rx(by_kind.get("plan", []), r"\b"),
        group=re.compile(r"(?<!\w)(?:\d+|" + "|".join(re.escape(w) for w in by_kind.get("group_count", ["x"]))
                         + r")\s+(?:other\s+)?(?:" + "|".join(re.escape(w) for w in by_kind.get("group_noun", ["x"]))
                         + r")\b", re.IGNORECASE),
        coalition_word=_words_rx(by_kind.get("coalition_word", []), r"\b"),
        event_noun=_head_rx(by_kind.get("event_noun", [])),
        purpose=_words_rx(by_kind.get("purpose", []), r"\b[^.;:]{0,60}?(?::|\bto\s+be\b)"),
        judicial=_words_rx(by_kind.get("judicial", []), r"\b"),
        negation_end=_words_rx(by_kind.get("negation_end", []), r"\b"),
        title=_head_rx(by_kind.get("title", [])),
        attributive=_words_rx(by_kind.get("attributive", []), r"\s+$"),
        between=between_rx(by_kind.get("between", [])),
        held_by=_words_rx(by_kind.get("held_by", []), r"\s+(?:the\s+)?$"),
        contrast=_words_rx(by_kind.get("contrast", []), r"\b"),
        far_side=_words_rx(by_kind.get("far_side", []), r"\s+(?:the\s+)?$"),
        route=_words_rx(by_kind.get("route", []), r"\s+(?:the\s+)?$"),
        clause_opener=_words_rx(by_kind.get("clause_opener", []), r"\s+(?:the\s+)?$"),
        accusation=_words_rx(by_kind.get("accusation", []) + by_kind.get("acclaim", []), r"\s+(?:(?!(?:and|but|which|while|after|when)\b)[\w'-]+\s+){0,12}$"),
        participation=_words_rx(by_kind.get("participation", []), r"\b"),
        opinion=_words_rx(by_kind.get("opinion", []), r"\b"),
        ground_fire=_words_rx(by_kind.get("ground_fire", []), r"\b"),
        soft_target=re.compile(r"\s+(?:(?:an?|the|its|their)\s+)?(?:[\w'’-]+\s+){0,2}?"
                               + _words_rx(by_kind.get("soft_target", []), r"\b").pattern, re.IGNORECASE),
        time_shift=re.compile(r"(?<!\w)(?:" + "|".join(by_kind.get("time_unit", ["(?!x)x"])) + r")\s+(?:"
                              + "|".join(by_kind.get("time_shift", ["(?!x)x"])) + r")\b", re.IGNORECASE),
        transit=_words_rx(by_kind.get("transit", []), r"\s+(?:[\w'-]+\s+){0,4}?(?:to|for|from|towards|toward|into)\s+(?:the\s+)?$"),
        count=re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)\s+(?:[A-Za-z-]+\s+){0,2}?("
                         + "|".join(re.escape(w) for w in by_kind.get("count", ["x"])) + r")\b",
                         re.IGNORECASE),
    )
