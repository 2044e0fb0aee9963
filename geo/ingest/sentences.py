"""Sentence splitting that survives "U.S.", "Lt. Gen.", "H.W. Bush", "No. 1" and "3.5 billion".

A period ends a sentence only when whitespace and a capital (or digit, or opening quote)
follow, and the word before it is not an abbreviation (data/abbreviations.txt), an initial,
or a dotted acronym (unless a typical sentence starter follows: data/sentence_starters.txt).
A period glued to the next sentence ("in Iraq.The Jordanian Air Force") also ends one when a
word ending in three lower-case letters precedes it and a sentence starter plus a space follows.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo import settings

# group 3 empty: a period glued to a capital after three lower-case letters ("Iraq.The")
_CANDIDATE = re.compile(r"([.!?]+)([\"'”’)\]]*)(\s+(?=[\"'“‘(\[]?[A-Z0-9À-Þ])|"
                        r"(?<=[a-zß-öø-ÿ]{3}\.)(?=[A-Z]))")
_BULLET = re.compile(r"\s*•\s*")


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(abbreviations, abbreviations only before a number, sentence starters), from data/."""
    always: set[str] = set()
    numbers: set[str] = set()
    for line in (settings.DATA_DIR / "abbreviations.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, flag = line.partition(",")
        (numbers if flag.strip() == "number" else always).add(word.strip().lower())
    starters = {
        line.strip() for line in
        (settings.DATA_DIR / "sentence_starters.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    return frozenset(always), frozenset(numbers), frozenset(starters)


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    if match.group(1) != ".":
        return True                      # "!", "?", "..." end sentences
    dot = match.start(1)
    word_start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot)) + 1
    word = text[word_start:dot].lstrip("(\"'“‘[")
    if not word:
        return True
    nxt = match.end()
    always, numbers, starters = _lists()
    low = word.lower()
    if low in always:
        return False
    if low in numbers:
        return not text[nxt:nxt + 1].isdigit()
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False                     # an initial: "George W. Bush"
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        # dotted acronym ("U.S.", "H.W.", "U.K."): a boundary only before a clear starter
        following = re.match(r"[\"'“‘(\[]?([A-Za-z]+)", text[nxt:])
        return bool(following and following.group(1) in starters)
    return True


def _glued_boundary(text: str, match: re.Match[str]) -> bool:
    """"Iraq.The Jordanian": a starter and a space follow, and the word before is no
    abbreviation ("approx.In"), dotted acronym or web address ("www.reuters.The")."""
    dot = match.start(1)
    following = re.match(r"[A-Z][a-z]*(?= )", text[dot + 1:dot + 20])
    always, _, starters = _lists()
    if not following or following.group() not in starters:
        return False
    word_start = max(text.rfind(" ", 0, dot), text.rfind("\n", 0, dot)) + 1
    word = text[word_start:dot].lstrip("(\"'“‘[")
    return word.lower() not in always and "." not in word and "/" not in word


def split_spans(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentence spans (start, end) with surrounding whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for begin, stop in _pieces(text):
        start = begin
        for match in _CANDIDATE.finditer(text, begin, stop):
            if not (_is_boundary(text, match) if match.group(3) else _glued_boundary(text, match)):
                continue
            spans.append((start, match.end(2)))
            start = match.end()
        spans.append((start, stop))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _pieces(text: str) -> list[tuple[int, int]]:
    """Bullets ("•") inside a line separate items, like line breaks do."""
    if "•" not in text:
        return [(0, len(text))]
    pieces, start = [], 0
    for match in _BULLET.finditer(text):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(text)))
    return pieces


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (convenience for tests and callers)."""
    return [text[a:b] for a, b in split_spans(text)]
