"""Fast, exact stand-ins for the recogniser's whole-text regex scans.

A regex tried at every position of a long text costs more than the rest of recognition.
These find the few places where a match can start (keywords found with str.find or an
Aho-Corasick automaton) and run the same regex only there: same matches as `finditer`.
"""

from __future__ import annotations

import functools
import re
from typing import Iterable


@functools.lru_cache(maxsize=16)
def _word_automaton(words: tuple[str, ...]):
    import ahocorasick
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _built(words: Iterable[str]):
    """The automaton of the non-empty `words` (None without any)."""
    words = tuple(sorted(set(w for w in words if w)))
    return _word_automaton(words) if words else None


@functools.lru_cache(maxsize=16)
def _automaton_of(words: tuple[str, ...] | frozenset[str]):
    """`_built` for the fixed word lists the recogniser passes for every sentence (no sorting
    per call)."""
    return _built(words)


def keyword_positions(text: str, words: Iterable[str], word_end: bool = False) -> list[int]:
    """Sorted start offsets of every occurrence of any of `words` (case-sensitive); with
    `word_end`, only occurrences not followed by a word character ("Dam" but not "Damascus")."""
    automaton = _automaton_of(words) if isinstance(words, (tuple, frozenset)) else _built(words)
    if automaton is None:
        return []
    found = automaton.iter(text)
    if word_end:
        n = len(text)
        return sorted({end - length + 1 for end, length in found
                       if end + 1 >= n or not (text[end + 1].isalnum() or text[end + 1] == "_")})
    return sorted({end - length + 1 for end, length in found})


def windowed_matches(pattern: re.Pattern, text: str, keywords: Iterable[str],
                     reach: int = 300) -> list[tuple[int, int]]:
    """Spans of `pattern.finditer(text)` for a pattern whose every match contains one of
    `keywords` as a word ending (not followed by a word character) and is shorter than
    `reach`: the regex runs only around those keywords."""
    positions = keyword_positions(text, keywords, word_end=True)
    if not positions:
        return []
    windows: list[list[int]] = []
    for p in positions:
        start, end = max(0, p - reach), p + reach
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end  # overlapping windows merge, so no match is cut or repeated
        else:
            windows.append([start, end])
    return [m.span() for start, end in windows for m in pattern.finditer(text, start, end)]


def anchored_matches(pattern: re.Pattern, text: str, starts: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of `pattern.finditer(text)` for a pattern whose matches begin with one of
    `starts`: the regex is tried only where those words occur, left to right."""
    spans = []
    last = 0
    match = pattern.match
    for p in keyword_positions(text, starts):
        if p < last:
            continue
        m = match(text, p)
        if m and m.end() > p:
            spans.append((p, m.end()))
            last = m.end()
    return spans


@functools.lru_cache(maxsize=8)
def _phrase_automaton(phrases: frozenset[str]):
    import ahocorasick
    automaton = ahocorasick.Automaton()
    for phrase in phrases:
        automaton.add_word(f" {phrase} ", len(phrase))
    automaton.make_automaton()
    return automaton


_PLAIN_RE = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_NOT_FOLDED_RE = re.compile(r"[^a-z0-9 ]")


@functools.lru_cache(maxsize=8)
def _usable(phrases: frozenset[str]) -> tuple[frozenset[str], bool]:
    """The non-empty phrases, and whether all are plain folded words (checked once per set:
    the recogniser asks for every sentence)."""
    kept = frozenset(p for p in phrases if p)
    return kept, all(_PLAIN_RE.fullmatch(p) for p in kept)


def phrase_spans(folded: str, phrases: frozenset[str]) -> list[tuple[int, int]]:
    """What `finditer` of (?<![a-z0-9])(?:longest|...|shortest)(?![a-z0-9]) finds in folded
    text: at each start the longest phrase, left to right, matches never overlapping."""
    phrases, plain = _usable(phrases)
    if not phrases:
        return []
    if not plain:  # cannot happen with folded phrases
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        rx = re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])")
        return [m.span() for m in rx.finditer(folded)]
    if not folded.isascii():  # an unfolded character is a word boundary to the regex
        folded = _NOT_FOLDED_RE.sub(" ", folded)
    best: dict[int, int] = {}  # start (in the padded text, of the space before) -> longest
    padded = f" {folded} "
    if len(phrases) <= 4:  # a few words ("op", "operation"): str.find beats the automaton
        for phrase in phrases:
            needle, length = f" {phrase} ", len(phrase)
            start = padded.find(needle)
            while start >= 0:  # every occurrence, overlapping ones too (they share a space)
                if length > best.get(start, 0):
                    best[start] = length
                start = padded.find(needle, start + 1)
    else:
        for end, length in _phrase_automaton(phrases).iter(padded):
            start = end - length - 1  # offsets in the padded text, one space before the phrase
            if length > best.get(start, 0):
                best[start] = length
    spans = []
    last = -1
    for start in sorted(best):
        if start >= last:
            last = start + best[start]
            spans.append((start, last))
    return spans


# bytes.translate table: ASCII lower-case letters stay, capitals become "~" (a run of
# letters holding one is not a lower-case word), every other byte a space
_LOWER_OR_MARK = bytes(b if 97 <= b <= 122 else 0x7E if 65 <= b <= 90 else 32 for b in range(256))


class LowercaseVocab:
    """The words a text writes in lower case: the set of (?<![A-Za-z])[a-z]{2,}(?![A-Za-z])
    matches, built on the first membership test (ASCII text: one translate and split)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: frozenset[str] | None = None

    def words(self) -> frozenset[str]:
        if self._words is None:
            # runs of ASCII letters (any other character, "?" once encoded, splits them);
            # the ones without a capital (marked "~") are the matches
            letters = self.text.encode("ascii", "replace").translate(_LOWER_OR_MARK).decode("ascii")
            self._words = frozenset([w for w in set(letters.split()) if len(w) > 1 and "~" not in w])
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self.words()

    def __iter__(self):
        return iter(self.words())

    def __len__(self) -> int:
        return len(self.words())
