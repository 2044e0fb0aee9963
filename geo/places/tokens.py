"""Tokens around a recognised name: the words before and after it, in text and folded text."""

from __future__ import annotations

import re


def _words_before(folded: str, start: int, n: int = 3) -> list[str]:
    return folded[max(0, start - 40):start].split()[-n:]


def _words_after(folded: str, end: int, n: int = 3) -> list[str]:
    return folded[end:end + 40].split()[:n]


def _phrases(words: list[str], before: bool) -> list[str]:
    """All phrases of 1..n words adjacent to the name."""
    if before:
        return [" ".join(words[-k:]) for k in range(1, len(words) + 1)]
    return [" ".join(words[:k]) for k in range(1, len(words) + 1)]


def _is_cap_word(text: str, start: int, end: int) -> bool:
    return start < end and text[start].isupper()


_NEXT_RE = re.compile(r" ([\w'’-]+)")
_PREV_RE = re.compile(r"([\w.'’-]+) $")
_TOKEN_PUNCT = "_.'’-"  # with str.isalnum(): the characters of [\w.'’-]
_ASCII_TOKEN_RE = re.compile(r"[A-Za-z0-9_.'-]+")  # ASCII token characters only


def _prev_token(text: str, start: int) -> tuple[int, int]:
    """Span of the token right before `start` if only one space separates them."""
    if start < 2 or text[start - 1] != " ":
        return (-1, -1)
    # what _PREV_RE.search(text, start - 40, start) finds: the run of token characters
    # ending at the space, cut at the window's start (a loop over a few characters)
    end = start - 1
    low = max(0, start - 40)
    # most tokens are one plain word after a space: found with rfind, checked in C
    i = text.rfind(" ", low, end) + 1 or low
    if i < end:
        word = text[i:end]
        if word.isalpha() or _ASCII_TOKEN_RE.fullmatch(word):  # letters are token characters
            return (i, end)
    i = end
    while i > low and (text[i - 1].isalnum() or text[i - 1] in _TOKEN_PUNCT):
        i -= 1
    return (i, end) if i < end else (-1, -1)


def _next_token(text: str, end: int) -> tuple[int, int]:
    m = _NEXT_RE.match(text, end)
    return (m.start(1), m.end(1)) if m else (-1, -1)


_SENTENCE_END = ".!?\n:;\"“(|*=#"


def _last_before(text: str, start: int) -> int:
    """Index of the last character before `start` that is not a space, tab or CR (-1: none)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\r":
        i -= 1
    return i


def at_line_start(text: str, start: int) -> bool:
    """'SEOUL, South Korea (CNN) -': a news dateline opens its line."""
    i = _last_before(text, start)
    return i < 0 or text[i] == "\n"


_LOWER_RE = re.compile(r"[a-z]")


def in_caps_line(text: str, pos: int) -> bool:
    """Whether `pos` lies in a line written all in capitals with several words ("REPORT ON
    THE FALL OF BAGHUZ"): there, capitals do not mark acronyms."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = end if end >= 0 else len(text)
    if _LOWER_RE.search(text, start, end):  # most lines: a lower-case letter near the start
        return False
    line = text[start:end]
    return len(line.split()) >= 3 and line.isupper()


def at_sentence_start(text: str, start: int) -> bool:
    """Nothing but blanks between `start` and the end of a sentence, a clause or the text."""
    i = _last_before(text, start)
    return i < 0 or text[i] in _SENTENCE_END
