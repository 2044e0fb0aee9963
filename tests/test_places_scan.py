"""The fast scans in geo.places.scan give exactly what the regexes they replace give."""

from __future__ import annotations

import random
import re

from geo.places import fold, lexicon, nonplace, people, recognize, scan, tokens

WORDS = ["Mosul", "Dam", "Damascus", "Camp", "Taji", "Mount", "Sinjar", "Mountains", "Air", "Base",
         "Airbase", "Al-Asad", "al-", "Anbar", "Province", "Governorate", "FOB", "Forward",
         "Operating", "USS", "HMS", "ship", "carrier", "George", "H.W.", "Bush", "(CVN-77)", "the",
         "of", "Islamic", "State", "Iraq", "and", "Levant", "Party", "Workers'", "Kurdistan",
         "Paris", "Tony", "Abbott", "J.", "Smith", "é", "Qā'im", "\n", "\n\n", ",", ".", "-"]


def _texts(n: int = 300) -> list[str]:
    rng = random.Random(7)
    texts = []
    for _ in range(n):
        words = [rng.choice(WORDS) for _ in range(rng.randint(1, 40))]
        texts.append("".join(w + rng.choice(["", " ", " ", "  ", "\n"]) for w in words))
    return texts


def test_windowed_matches_equal_finditer() -> None:
    for text in _texts():
        expected = [m.span() for m in recognize._PATTERN_RE.finditer(text)]
        assert scan.windowed_matches(recognize._PATTERN_RE, text, recognize._PATTERN_KEYWORDS) == expected


def test_pattern_keywords_cover_every_feature_word() -> None:
    # each literal feature word in the pattern must be a keyword, or windows would miss it
    literals = re.findall(r"[A-Z][A-Za-z]+(?: [A-Z][a-z]+)*", recognize._PATTERN_RE.pattern)
    features = [w for w in literals if w not in ("Al", "Ar", "As", "A", "Z")]
    assert features and all(w in recognize._PATTERN_KEYWORDS for w in features)


def test_ship_and_org_scans_equal_regex() -> None:
    ctx = lexicon.context()
    ships = "|".join(sorted(ctx["ship"], key=len, reverse=True))
    ship_re = re.compile(rf"\b(?:{ships})\s+[A-Z][\w.]*(?:\s+(?:[A-Z][\w.]*|\([A-Z]+-\d+\)))*")
    org_re = nonplace._org_regex()
    for text in _texts():
        folded = fold.surface(text)
        assert scan.anchored_matches(ship_re, text, ctx["ship"]) == [m.span() for m in ship_re.finditer(text)]
        assert scan.phrase_spans(folded, ctx["org_phrase"]) == [m.span() for m in org_re.finditer(folded)]


def test_org_scan_with_unfolded_characters() -> None:
    phrases = frozenset({"workers party", "party"})
    folded = "kurdistan workers party\u4e2dparty x"
    rx = re.compile(r"(?<![a-z0-9])(?:workers party|party)(?![a-z0-9])")
    assert scan.phrase_spans(folded, phrases) == [m.span() for m in rx.finditer(folded)]


def test_lowercase_vocab_equals_regex_set() -> None:
    rx = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
    for text in _texts() + ["café bar caféx x1y zz_top", "naïve hit Hit", "a b"]:
        expected = frozenset(rx.findall(text))
        vocab = scan.LowercaseVocab(text)
        assert set(vocab) == expected
        for word in ("hit", "the", "of", "bar", "x", "mosul", "carrier", "top", "zz"):
            assert (word in vocab) == (word in expected)


def test_name_pairs_equal_word_boundary_regex() -> None:
    old = re.compile(r"\b([A-Z][a-z]+)\s+(?:[A-Z]\.\s+)?"
                     r"(?:(?:de|van|von|der|den|da|du|del|della|di|le|la|ter)\s+)?([A-Z][a-z]+)\b")
    for text in _texts() + ["xTony Abbott", "Tony J. Smith", "ÉTony Abbott", "_Tony Abbott",
                            "Mike de Kock", "xMike van Basten", "in Den Haag"]:
        assert ([m.groups() for m in people._NAME_PAIR_RE.finditer(text)]
                == [m.groups() for m in old.finditer(text)])


def test_prev_token_equals_regex() -> None:
    rng = random.Random(3)
    for _ in range(20000):
        text = "".join(rng.choice("ab A9_.'’-é ,\n") for _ in range(rng.randint(1, 60)))
        start = rng.randint(0, len(text))
        expected = (-1, -1)
        if start >= 2 and text[start - 1] == " ":
            m = tokens._PREV_RE.search(text, max(0, start - 40), start)
            expected = (m.start(1), m.end(1)) if m else (-1, -1)
        assert tokens._prev_token(text, start) == expected
