"""Which territory_change events the control timeline believes: completed changes of hands only.

Extraction decides what a sentence says; this gate re-reads the event's sentence (evidence) around
the place so the timeline holds whatever extraction emits. A change counts when a completed
trigger ("captured", "fell to", "retook", "withdrew from", data/territory_rules.csv `change`) or a
holding statement (`state`: "under ISIL control") governs the place: no intent, modality or
negation just before the trigger (`not_before`: "with the goal of capturing"), nothing between
trigger and place that makes the place a landmark rather than the object (`not_between`:
"advanced towards", "a village near", "the airport of"), the place not named as an end of a road
or bridge (`linear`: "the highway between Mosul and Kirkuk"), and the holder after not the side
the place was taken "from". An event with no evidence is taken as extraction gave it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from geo import settings
from geo.model import Event

RULES_CSV = settings.DATA_DIR / "territory_rules.csv"
# A trigger further than this from the place governs something else in a long sentence.
MAX_GAP = 120
# Intent and negation words must sit this close before the trigger ("failed to recapture").
BEFORE = 45


@dataclass(frozen=True)
class Verdict:
    """Whether an event changes a holder, and the rule that decided (for control.csv `rule`)."""

    counts: bool
    rule: str
    trigger: str = ""
    whole: bool = False      # "the whole of Nineveh": places inside a region change too


@lru_cache(maxsize=1)
def _rules() -> dict[str, re.Pattern[str]]:
    groups: dict[str, list[str]] = {}
    with open(RULES_CSV, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(row["kind"].strip(), []).append(row["pattern"].strip())
    out = {}
    for kind, patterns in groups.items():
        body = "|".join(f"(?:{p})" for p in patterns)
        plain = kind in ("linear", "from_holder", "whole", "not_before", "not_between", "passive_filler",
                         "loser_object", "landmark_after", "before_place", "apposition_landmark",
                         "not_after")
        flags = 0 if kind == "landmark_after" else re.IGNORECASE     # "Palestine Bridge", not "bridge"
        out[kind] = re.compile(body if plain else rf"\b(?:{body})", flags)
    return out


def _place_spans(text: str, names: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for name in names:
        name = name.strip()
        if not name:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            spans.append((m.start(), m.end()))
        if spans:
            break
    return sorted(spans)


def _inside_linear(text: str, start: int) -> bool:
    return any(m.start() <= start < m.end() for m in _rules()["linear"].finditer(text))


def _taken_from(text: str, end: int, holder: str, aliases: tuple[str, ...]) -> bool:
    """"retook Tikrit from ISIL" with holder_after ISIL: the text says the opposite."""
    rest = text[end:end + 60]
    m = _rules()["from_holder"].search(rest)
    if not m or m.start() > 25:
        return False
    after = rest[m.end():m.end() + 40].casefold()
    return any(after.startswith(a.casefold()) for a in (holder, *aliases) if a)


def _expels_holder(trigger: str, between: str, holder: str, aliases: tuple[str, ...]) -> bool:
    """"expelling ISIL from Ramadi" read as ISIL holding Ramadi: the expelled side is the loser."""
    if not _rules()["loser_object"].search(trigger):
        return False
    folded = between.casefold()
    return any(re.search(rf"(?<!\w){re.escape(a.casefold())}(?!\w)", folded) for a in (holder, *aliases) if a)


def _judge_span(text: str, start: int, end: int) -> tuple[str, str, str, str]:
    """(verdict kind, trigger, reason) for one occurrence of the place."""
    rules = _rules()
    if _inside_linear(text, start):
        return "no", "", "road or bridge end", ""
    if rules["landmark_after"].match(text[end:end + 40]) or rules["apposition_landmark"].match(text[end:end + 60]):
        return "no", "", "the name is a landmark's", ""
    best: tuple[str, str, str, str] | None = None
    best_rank: tuple[bool, int] = (False, -10**9)
    for kind in ("change", "state"):
        for m in rules[kind].finditer(text):
            if m.end() <= start:
                gap, between = start - m.end(), text[m.end():start]
            elif m.start() >= end:
                gap, between = m.start() - end, text[end:m.start()]
                if not rules["passive_filler"].match(between):
                    continue     # "used in Ramadi were applied to Fallujah, which was captured"
                lead = rules["before_place"].search(text[:start])
                if lead and rules["not_between"].search(lead.group(0)):
                    continue     # "the land west of Raqqa had been seized"
            else:
                continue
            if gap > MAX_GAP or re.search(r"[.;:]\s|\(", between):
                continue
            before = text[max(0, m.start() - BEFORE):m.start()]
            # A noun trigger: "the recapture of", "the fall of".
            nominal = m.group(0).lower().endswith(" of") or text[m.end():m.end() + 4].lower() == " of "
            if nominal and m.end() <= start and rules["not_after"].search(text[end:end + 60]):
                verdict = ("no", m.group(0), f"'{m.group(0)}' not yet done", between)
            elif rules["not_before"].search(before):
                verdict = ("no", m.group(0), f"intent or negation before '{m.group(0)}'", between)
            elif rules["not_between"].search(between):
                word = rules["not_between"].search(between).group(0)
                verdict = ("no", m.group(0), f"'{word}' between '{m.group(0)}' and the place", between)
            else:
                verdict = (kind, m.group(0), "", between)
            # The nearest passing trigger wins; a blocked one only explains a rejection.
            rank = (verdict[0] != "no", -gap)
            if best is None or rank > best_rank:
                best, best_rank = verdict, rank
        if best is not None and best[0] != "no":
            break
    return best or ("no", "", "no completed change near the place", "")


def judge(event: Event, aliases: tuple[str, ...] = ()) -> Verdict:
    """Does `event` (a territory_change) change who holds its place? See the module docstring."""
    text = event.evidence or ""
    if not text.strip():
        return Verdict(True, "as extracted (no sentence to check)")
    names = [event.place_text, event.place.name if event.place else ""]
    spans = _place_spans(text, names)
    if not spans:
        return Verdict(True, "as extracted (place not found in the sentence)")
    reasons = []
    for start, end in spans:
        kind, trigger, reason, between = _judge_span(text, start, end)
        if kind == "no":
            reasons.append(reason)
            continue
        if _expels_holder(trigger, between, event.holder_after, aliases):
            reasons.append(f"'{trigger}' names {event.holder_after} as the side that left")
            continue
        if _taken_from(text, end, event.holder_after, aliases):
            reasons.append(f"taken from {event.holder_after}")
            continue
        whole = bool(_rules()["whole"].search(text[max(0, start - 60):end + 60]))
        label = "completed change" if kind == "change" else "holding statement"
        return Verdict(True, f"{label}: '{trigger.lower()}'", trigger, whole)
    return Verdict(False, "; ".join(dict.fromkeys(reasons)))
