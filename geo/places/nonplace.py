"""Names that open something other than a place: vehicle models and organisations.

Word lists come from data/place_context.csv (roles vehicle_maker, vehicle_word, org_after2,
operation).
"""

from __future__ import annotations

import re

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
