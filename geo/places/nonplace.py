"""Names that open something other than a place: vehicle models and organisations, and
the spans of a text where no place may be reported (organisations, ships: `Excluder`).

Word lists come from data/place_context.csv (roles vehicle_maker, vehicle_word, org_after2,
operation).
"""

from __future__ import annotations

import bisect
import functools
import re

from geo.places import lexicon, scan
from geo.places.tokens import _is_cap_word, _next_token, _prev_token, _words_after

MODEL_START = frozenset("0123456789IVX")
_MODEL_NUMBER_RE = re.compile(r"(?:\d{1,4}[A-Za-z]?|[IVX]{2,4})")


def is_vehicle(text: str, folded: str, pt: tuple[int, int], nt: tuple[int, int], prev_word: str,
               ctx: dict[str, frozenset[str]]) -> bool:
    """A name after a maker ("Dassault Rafale"), or followed by a model number that a vehicle
    word follows or a maker precedes ("Atlantique 2 maritime patrol aircraft"): not a place.
    The word lists are data/place_context.csv roles vehicle_maker and vehicle_word."""
    makers = ctx.get("vehicle_maker", frozenset())
    if prev_word in makers and pt[0] >= 0 and _is_cap_word(text, *pt):
        return True
    if nt[0] < 0 or not _MODEL_NUMBER_RE.fullmatch(text[nt[0]:nt[1]]) or prev_word in ctx["before"]:
        return False  # "in Iraq 3 tanks were hit": a preposition makes it a place
    return any(w.strip(".,;:") in ctx.get("vehicle_word", ()) for w in _words_after(folded, nt[1], 4))


def org_second(text: str, folded: str, end: int, ctx) -> bool:
    """The capitalised word after the next one ends an organisation ("State University"); only
    words that no state or armed force ends with ("U.S. Air Force" is kept): role org_after2."""
    nt2 = _next_token(text, end)
    return nt2[0] >= 0 and _is_cap_word(text, *nt2) and folded[nt2[0]:nt2[1]].strip() in ctx.get(
        "org_after2", ())


def in_operation_name(text: str, start: int, ctx) -> bool:
    """Whether the capitalised words before `start` open with an operation word ("Operation
    Roundup", "Operation Inherent Resolve"): data/place_context.csv role operation."""
    words = ctx.get("operation", frozenset())
    pos = start
    for _ in range(4):
        pt = _prev_token(text, pos)
        if pt[0] < 0 or not _is_cap_word(text, *pt):
            return False
        if text[pt[0]:pt[1]].lower().strip(".") in words:
            return True
        pos = pt[0]
    return False


class Excluder:
    """Spans where no place may be reported: organisations, ships, people with titles."""

    def __init__(self, text: str, folded: str) -> None:
        self.intervals: list[tuple[int, int]] = []
        ctx = lexicon.context()
        # scan.* give what finditer gives, without trying the regex at every position
        self.intervals.extend(scan.phrase_spans(folded, ctx.get("org_phrase", frozenset())))
        if ctx.get("ship"):
            self.intervals.extend(scan.anchored_matches(_ship_regex(), text, ctx["ship"]))
        self.intervals.sort()
        self.starts = [s for s, _ in self.intervals]  # for a bisect without tuples
        self.ends = [e for _, e in self.intervals]

    def covers(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.intervals, (start, float("inf"))) - 1
        while k >= 0:
            s, e = self.intervals[k]
            if e > start:
                return True
            if k and self.intervals[k - 1][1] <= start and s < start - 200:
                break
            k -= 1
        return False


@functools.lru_cache(maxsize=1)
def _ship_regex() -> re.Pattern:
    ships = "|".join(sorted(lexicon.context().get("ship", ()), key=len, reverse=True))
    return re.compile(rf"\b(?:{ships})\s+[A-Z][\w.]*(?:\s+(?:[A-Z][\w.]*|\([A-Z]+-\d+\)))*")


@functools.lru_cache(maxsize=1)
def _org_regex() -> re.Pattern:
    """The organisation-phrase regex that scan.phrase_spans reproduces (kept as its reference)."""
    phrases = sorted(lexicon.context().get("org_phrase", ()), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(p) for p in phrases) + r")(?![a-z0-9])")
