"""Definite feature nouns that point back to a named place: "the base", "the airbase", "the
city", "the dam" (data/place_anaphora.csv: each noun and the kinds of place it can mean).

Such a noun names the last place of a fitting kind the text named shortly before, in the same
section ("Al Asad Airbase ... ISIL attempted to overrun the base"), so it becomes a mention of
that place with its own doc:line, marked `via="anaphora"`; events then find their place in
"Coalition aircraft struck the base" as in any other sentence. A later named place of the kind
takes over; past the window, or in another section, the noun names nothing. "The city of
Mosul", "the town Bartella" name their place themselves and are left alone.
"""

from __future__ import annotations

import csv
import functools
import re
from typing import Iterable

from geo import settings
from geo.model import PLACE_KINDS, Document, Mention, Place, Sentence
from geo.places.features import SETTLEMENT

WINDOW = 5          # sentences after the named place within which the noun may refer to it
CONFIDENCE = 0.9    # share of the named mention's confidence the referring noun keeps
# a name or an "of" phrase right after the noun: it names its own place ("the city of Mosul")
# what an unresolved name may be: it can still be the place the noun means ("took al-Awja ...
# around the village"), so the noun names nothing rather than an older place
ANY = frozenset(PLACE_KINDS)
_NAMED_AFTER = re.compile(r"\s+(?:of\s+(?!which\b|whom\b)|[A-Z])")


@functools.lru_cache(maxsize=1)
def nouns() -> dict[str, frozenset[str]]:
    """Feature noun (lower case, single spaces) -> the place kinds it may refer to."""
    with open(settings.DATA_DIR / "place_anaphora.csv", encoding="utf-8", newline="") as handle:
        return {" ".join(r["noun"].lower().split()): frozenset(r["kinds"].split())
                for r in csv.DictReader(handle) if r["noun"].strip()}


@functools.lru_cache(maxsize=1)
def _noun_regex() -> re.Pattern:
    words = sorted(nouns(), key=len, reverse=True)   # "the air base" before "the base"
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(r"\b[Tt]he\s+(" + alternatives + r")\b(?![-‑'’]\w)")


def referring_nouns(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, kinds) of every definite feature noun in `text` that may refer back."""
    table = nouns()
    out = []
    for m in _noun_regex().finditer(text):
        if _NAMED_AFTER.match(text, m.end()):
            continue
        out.append((m.start(), m.end(), table[" ".join(m.group(1).lower().split())]))
    return out


def kinds_named(place: Place | None, cue: str) -> frozenset[str]:
    """The kinds a named mention counts as: its place's, and the one its phrase says ("Qayyara
    airbase" resolved to the town is still the base the text will call "the airbase"; not when
    it resolved to a whole region). An unresolved name may be of any kind (ANY)."""
    if place is None:
        return ANY
    return frozenset((place.kind, cue)) if cue and place.kind in SETTLEMENT else frozenset((place.kind,))


def refer_back(doc: Document, named: Iterable[tuple[Mention, str]],
               subject: Place | None = None) -> list[Mention]:
    """Mentions for the referring nouns of `doc`'s prose, each resolved to the last named place
    of a fitting kind within WINDOW sentences before it in the same section, else to the place
    the document is about (`subject`, from its own coordinates) when the kind fits.

    `named`: the document's prose mentions with the cue of their phrase, in text order."""
    by_sentence: dict[int, list[tuple[Mention, frozenset[str]]]] = {}
    taken: dict[int, list[tuple[int, int]]] = {}   # every name's offsets, resolved or not
    for mention, cue in named:
        taken.setdefault(mention.sentence, []).append((mention.start, mention.end))
        if mention.role == "place" and mention.sentence >= 0:
            by_sentence.setdefault(mention.sentence, []).append((mention, kinds_named(mention.place, cue)))
    if subject is None and not any(m.place is not None for ms in by_sentence.values() for m, _ in ms):
        return []
    out: list[Mention] = []
    recent: list[tuple[Sentence, Mention, frozenset[str]]] = []   # named places, oldest first
    for sentence in doc.sentences:
        recent = [r for r in recent if r[0].section == sentence.section
                  and sentence.index - r[0].index <= WINDOW]
        here = sorted(by_sentence.get(sentence.index, ()), key=lambda mk: mk[0].start)
        nouns_here = referring_nouns(sentence.text) if recent or here or subject else []
        k = 0
        for start, end, kinds in nouns_here:
            begin = sentence.to_original(start)
            while k < len(here) and here[k][0].start < begin:   # names before the noun count
                recent.append((sentence, *here[k]))
                k += 1
            stop = sentence.to_original_end(end)
            if any(s < stop and begin < e for s, e in taken.get(sentence.index, ())):
                continue   # inside a name ("the Dam" of a title-case name)
            antecedent = next((m for _, m, ks in reversed(recent) if ks & kinds), None)
            if antecedent is not None and antecedent.place is not None:
                out.append(_referring(doc, sentence, begin, stop, sentence.text[start:end],
                                      antecedent.place, antecedent.confidence * CONFIDENCE))
            elif antecedent is None and subject is not None and subject.kind in kinds:
                out.append(_referring(doc, sentence, begin, stop, sentence.text[start:end],
                                      subject, CONFIDENCE))
        recent.extend((sentence, *mk) for mk in here[k:])
    return out


def _referring(doc: Document, sentence: Sentence, start: int, end: int, text: str,
               place: Place, confidence: float) -> Mention:
    return Mention(doc.id, doc.line_of(start), start, end, text, sentence.index, place,
                   round(confidence, 3), (), "place", "anaphora")
