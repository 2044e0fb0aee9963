"""A keyword prefilter for the cue rows: the two-letter openings each row's pattern can start with.

Read from the compiled pattern's parse tree (re._parser), so a new cue row needs no keyword of its
own. At each word start of a sentence only the rows whose openings fit are tried: one pass over
the words instead of one regex scan per row (issue 11).
"""

from __future__ import annotations

import re
from re import _constants as C   # noqa: N812 - the regex engine's own opcode names
from re import _parser

DEPTH = 2          # letters of opening looked at
LIMIT = 4000       # more openings than this: the row is tried everywhere
SPACES = " \t\n\r\f\v\xa0"
ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


def openings(pattern: str, depth: int = DEPTH) -> set[str] | None:
    """Lower-case openings (up to `depth` letters) of every match of `pattern`; None if unknown."""
    try:
        tree = _parser.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _sequence(list(tree), depth)
    return None if found is None else {text for text, _ in found}


def _sequence(items: list, need: int) -> set[tuple[str, bool]] | None:
    """(opening, complete) pairs of a sequence: complete when the whole sequence fit in `need`."""
    out: set[tuple[str, bool]] = set()
    frontier = {""}
    for op, av in items:
        grown: set[str] = set()
        for done in frontier:
            step = _item(op, av, need - len(done))
            if step is None:
                return None
            for text, complete in step:
                joined = done + text
                if len(joined) >= need or not complete:
                    out.add((joined[:need], False))
                else:
                    grown.add(joined)
        frontier = grown
        if len(out) + len(frontier) > LIMIT:
            return None
        if not frontier:
            break
    return out | {(text, True) for text in frontier}


def _item(op, av, need: int) -> set[tuple[str, bool]] | None:
    if op is C.LITERAL:
        return {(chr(av).lower(), True)}
    if op in ZERO_WIDTH:
        return {("", True)}
    if op is C.IN:
        chars = _chars(av)
        return None if chars is None else {(c, True) for c in chars}
    if op is C.SUBPATTERN:
        return _sequence(list(av[-1]), need)
    if op is C.BRANCH:
        out: set[tuple[str, bool]] = set()
        for seq in av[1]:
            part = _sequence(list(seq), need)
            if part is None:
                return None
            out |= part
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, seq = av
        out = set()
        for times in range(low, min(high, need) + 1):
            part = _sequence(list(seq) * times, need)
            if part is None:
                return None
            out |= part
        if high > need:   # more repetitions than letters looked at: their openings are cut anyway
            part = _sequence(list(seq) * need, need)
            if part is None:
                return None
            out |= {(text, False) for text, _ in part}
        return out
    return None           # ANY, NOT_LITERAL, back references ...: anything may follow


def _chars(items) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av).lower())
        elif op is C.RANGE:
            if av[1] - av[0] > 64:
                return None
            out |= {chr(c).lower() for c in range(av[0], av[1] + 1)}
        elif op is C.CATEGORY and av is C.CATEGORY_DIGIT:
            out |= set("0123456789")
        elif op is C.CATEGORY and av is C.CATEGORY_SPACE:
            out |= set(SPACES)
        else:
            return None
    return out
