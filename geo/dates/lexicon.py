"""Word lists for the date grammar, read once from data/dates/*.csv.

Month names, modifier parts ("early", "end of"), seasons, qualifiers, relative phrases and
offsets ("a week later") live in data files so they can be extended without touching the
grammar.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.settings import DATA_DIR

DATES_DIR: Path = DATA_DIR / "dates"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATES_DIR / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class Lexicon:
    """Everything the grammar needs, keyed by lower-case word."""

    months: dict[str, int]                 # name or abbreviation -> 1..12
    full_months: tuple[str, ...]           # names usable alone ("In July")
    parts: dict[tuple[str, str], tuple[int, int]]   # (modifier, "month"|"year") -> first, last
    seasons: dict[str, tuple[int, int]]    # season -> first month, last month
    qualifiers: dict[str, str]             # cue phrase -> qualifier ("" for plain "in")
    relative: dict[str, str]               # phrase -> kind
    not_after_year: frozenset[str]         # "2000 troops" is a count, not a year
    not_before_year: frozenset[str]        # "Resolution 2085", "Mirage 2000" are names
    # "a week later" -> (first, last, unit): an offset from the previous date, in days, months
    # or years (negative: earlier); these phrases are also in `relative` with kind "offset"
    offsets: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    count_words: frozenset[str] = frozenset()  # "ten days later" is not the vague "days later"
    # cue phrases whose date is background, not the time of the sentence's event: "held since
    # late 2012" says when a state began; the story's time (and year) does not move there
    background: frozenset[str] = frozenset()
    # "twenty-two days later", "5 weeks earlier": counted offsets built from number words, units
    # ("days" -> "day") and directions ("later" -> 1, "earlier" -> -1); see counted_offset()
    numbers: dict[str, int] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    directions: dict[str, int] = field(default_factory=dict)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and cache the word lists."""
    months: dict[str, int] = {}
    full: list[str] = []
    for r in _rows("months.csv"):
        months[r["name"].lower()] = int(r["month"])
        if r["abbrev"] == "0":
            full.append(r["name"])
    parts = {(r["modifier"], r["of"]): (int(r["first"]), int(r["last"])) for r in _rows("parts.csv")}
    seasons = {r["season"]: (int(r["first_month"]), int(r["last_month"])) for r in _rows("seasons.csv")}
    qual_rows = _rows("qualifiers.csv")
    quals = {r["phrase"]: r["qualifier"] for r in qual_rows}
    background = frozenset(r["phrase"] for r in qual_rows if r["background"] == "1")
    rel = {r["phrase"]: r["kind"] for r in _rows("relative.csv")}
    offsets = {r["phrase"]: (int(r["lo"]), int(r["hi"]), r["unit"]) for r in _rows("offsets.csv")}
    rel.update((phrase, "offset") for phrase in offsets)
    nay = frozenset(r["word"] for r in _rows("not_after_year.csv"))
    nby = frozenset(r["word"] for r in _rows("not_before_year.csv"))
    counts = frozenset(r["word"] for r in _rows("count_words.csv"))
    numbers = {r["word"]: int(r["value"]) for r in _rows("numbers.csv")}
    counted = _rows("counted_offsets.csv")
    units = {r["word"]: r["value"] for r in counted if r["role"] == "unit"}
    directions = {r["word"]: int(r["value"]) for r in counted if r["role"] == "direction"}
    return Lexicon(months, tuple(full), parts, seasons, quals, rel, nay, nby, offsets, counts, background,
                   numbers, units, directions)


def number_value(word: str) -> int | None:
    """"12", "twelve", "twenty-two" as a number; None for anything else."""
    if word.isdigit():
        return int(word)
    nums = lexicon().numbers
    head, _, tail = word.lower().partition("-")
    if not tail:
        return nums.get(head)
    if nums.get(head, 0) >= 20 and nums[head] % 10 == 0 and 0 < nums.get(tail, 0) < 10:
        return nums[head] + nums[tail]
    return None


def counted_offset(phrase: str) -> tuple[int, int, str] | None:
    """"ten days later" -> (10, 10, "day"), "three weeks earlier" -> (-24, -18, "day"), "two months
    later" -> (2, 2, "month"): the offset a counted phrase names, as the rows of offsets.csv do
    (weeks give a range of days: writers round them); None when the phrase is not counted."""
    lx = lexicon()
    words = phrase.lower().replace("-", " ").split()
    if len(words) < 3 or words[-2] not in lx.units or words[-1] not in lx.directions:
        return None
    *count, unit_word, direction = words
    n = number_value("-".join(count))
    if not n:
        return None
    sign, unit = lx.directions[direction], lx.units[unit_word]
    if unit == "week":
        slack = max(2, n)
        lo, hi = 7 * n - slack, 7 * n + slack
        return (lo, hi, "day") if sign > 0 else (-hi, -lo, "day")
    return sign * n, sign * n, unit


def offset_of(phrase: str) -> tuple[int, int, str] | None:
    """The offset of an offset phrase: its row in offsets.csv, else its counted reading."""
    key = " ".join(phrase.lower().split())
    return lexicon().offsets.get(key) or counted_offset(key)


def counts_from_another_date(phrase: str) -> bool:
    """"two days later", "the next day", "that month": a phrase that names a time only by counting
    from another date (an offset or a relative phrase), not a calendar date."""
    key = " ".join(phrase.lower().split())
    return key in lexicon().relative or offset_of(key) is not None
