"""The recogniser's fast paths give what their reference implementations give."""

from __future__ import annotations

import random
import re

from geo.places import fold, scan
from geo.places.recognize import _any_between, _overlaps

_MIXED = "abc XYZ-'.éÜñ’ʿ\n\t0123456789Ā"


def _random_texts(seed: int, alphabet: str, count: int = 2000):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))


def test_surface_fold_equals_the_character_table():
    rng = random.Random(3)
    wide = [chr(i) for i in range(0x3100)] + ["𝔸", "😀"]
    for text in _random_texts(4, _MIXED):
        text += "".join(rng.choice(wide) for _ in range(rng.randint(0, 3)))
        folded = fold.surface(text)
        assert folded == text.translate(fold._table()), text
        assert len(folded) == len(text)


def test_surface_fold_of_ascii_text():
    assert fold.surface("Al-Qa'im, U.S.") == "al qa im  u s "
    assert fold.surface("Al-Qā'im") == "al qa im"


def test_lowercase_vocabulary_equals_the_regex():
    reference = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
    for text in _random_texts(5, "abAB éxy-Ü'z\n"):
        assert scan.LowercaseVocab(text).words() == frozenset(reference.findall(text)), text


def test_overlap_and_between_helpers():
    spans = [(0, 5), (10, 15), (20, 30)]
    assert _overlaps(spans, 4, 6) and _overlaps(spans, 12, 13) and _overlaps(spans, 29, 40)
    assert not _overlaps(spans, 5, 10) and not _overlaps(spans, 15, 20) and not _overlaps(spans, 30, 31)
    assert not _overlaps([], 0, 1)
    assert _any_between([3, 8], 0, 4) and _any_between([3, 8], 8, 9)
    assert not _any_between([3, 8], 4, 8) and not _any_between([], 0, 10)
