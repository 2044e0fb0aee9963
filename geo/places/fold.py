"""Name folding: one surface fold for matching text, one canonical fold for lookups.

`surface()` maps every character to exactly one character (lowercase ASCII letter, digit or
space), so offsets in folded text equal offsets in the original: the recogniser needs no map.
`canonical()` goes further for lookups: drops apostrophes and Arabic articles (al-, Ar-, ez-)
and unifies transliteration variants (Irbil -> erbil) listed in data/place_variants.csv.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata

from geo import settings

APOSTROPHES = "'’‘ʿʾ`´ʻʼ′"
ARTICLES = frozenset({"al", "el", "ar", "as", "ad", "an", "at", "az", "ash", "adh", "ath",
                      "ez", "es", "er", "ed", "en", "ul", "l"})
_SPECIAL = {"ß": "s", "ı": "i", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ł": "l", "Ł": "l",
            "æ": "a", "Æ": "a", "œ": "o", "Œ": "o", "þ": "t", "ð": "d", "ŀ": "l", "ħ": "h"}


def _fold_char(ch: str) -> str:
    """One character to one folded character (letters/digits to lowercase ASCII, rest space)."""
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch in APOSTROPHES or not ch.isalnum():
        return " "
    if ch.isascii():
        return ch.lower()
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    base = base.lower()
    if len(base) == 1:
        return base
    return ch.lower() if len(ch.lower()) == 1 else ch


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    return {cp: _fold_char(chr(cp)) for cp in range(0x3000)
            if _fold_char(chr(cp)) != chr(cp)}


@functools.lru_cache(maxsize=1)
def _ascii_bytes() -> bytes:
    """The surface table for ASCII as a bytes.translate table (a dict-based str.translate
    does about 10 MB/s; bytes.translate is a C table lookup, about a hundred times faster)."""
    return bytes(ord(_fold_char(chr(b))) if b < 128 else b for b in range(256))


_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")


def surface(text: str) -> str:
    """Fold `text` character by character (same length): 'Al-Qā'im' -> 'al qa im'."""
    if text.isascii():
        return text.encode("ascii").translate(_ascii_bytes()).decode("ascii")
    # ASCII runs through the byte table (one "?" per other character, patched below)
    folded = text.encode("ascii", "replace").translate(_ascii_bytes()).decode("ascii")
    pieces, last, table = [], 0, _table()
    for m in _NON_ASCII_RE.finditer(text):
        pieces.append(folded[last:m.start()])
        pieces.append(m.group().translate(table))
        last = m.end()
    pieces.append(folded[last:])
    return "".join(pieces)


@functools.lru_cache(maxsize=1)
def variants() -> dict[str, str]:
    """Transliteration variant word -> canonical word, from data/place_variants.csv."""
    table: dict[str, str] = {}
    path = settings.DATA_DIR / "place_variants.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            canon = " ".join(surface(row["canonical"]).split())
            for variant in row["variants"].split("|"):
                table[" ".join(surface(variant.replace("'", "")).split())] = canon
    return table


_APOS_RE = re.compile(f"[{APOSTROPHES}]")
_FUSED_RE = re.compile(r"^[ae]([dtzsrn])(\1[a-z]{2,})$")


@functools.lru_cache(maxsize=1)
def _canon_table() -> dict[int, str | None]:
    """The surface table with apostrophes deleted (one translate instead of a regex and one)."""
    table: dict[int, str | None] = dict(_table())
    table.update((ord(c), None) for c in APOSTROPHES)
    return table


@functools.lru_cache(maxsize=200_000)
def canonical(name: str) -> str:
    """Lookup key: 'Al-Qa'im', 'Al Qaim' and 'Al Qā'im' all give 'qaim'."""
    return (_canonical or _make_canonical())(name)


@functools.lru_cache(maxsize=1)
def _multiword() -> tuple[tuple[str, str], ...]:
    return tuple((v, c) for v, c in variants().items() if " " in v)


_canonical = None  # the key function, built on first use by _make_canonical


def _make_canonical():
    """Build the uncached key function: one closure holding its tables as locals, with an
    ASCII fast path (bytes.translate) and cheap tests before each regex, since lookups of
    names never seen before pay for every step (tests/test_lookup_speed_paths.py checks it
    against the plain version)."""
    global _canonical
    table = _canon_table()
    # the same table for ASCII bytes (bytes.translate: no dict lookup per character)
    ascii_map = bytes(ord(table.get(cp, chr(cp)) or " ") for cp in range(128)) + bytes(128)
    ascii_delete = bytes(cp for cp in range(128) if cp in table and table[cp] is None)
    articles, get, multi, fused = ARTICLES, variants().get, _multiword(), _FUSED_RE.sub
    # "\bqa im\b" can only match ASCII text when "qa" is one of its words
    firsts = frozenset(variant.split()[0] for variant, _ in multi)
    rewritten = frozenset(variants())  # the words that variants() replaces

    def key(name: str) -> str:
        if name.isascii():
            if name.isalnum():  # one plain word ("Mosul"): only lowercase and variants
                word = name.lower()
                text = get(word, word)
                if " " not in text:
                    return text
                words = [word]
            else:
                words = name.encode().translate(ascii_map, ascii_delete).decode().split()
        else:
            words = name.translate(table).split()
        if len(words) > 1:
            if not articles.isdisjoint(words):
                words = [w for w in words if w not in articles] or words
            # "Deir Ezzor" = "Deir ez-Zor": an assimilated article written fused with its
            # noun (the regex needs a/e, a doubled letter and five letters: tested first)
            words[1:] = [fused(r"\2", w) if len(w) > 4 and w[1] == w[2] and w[0] in "ae" else w
                         for w in words[1:]]
            if rewritten.isdisjoint(words):  # no variant word: kept as they are (most names)
                text = " ".join(words)
                if firsts.isdisjoint(words) and text.isascii():
                    return text
            else:
                text = " ".join([get(w, w) for w in words])
        elif words:
            text = get(words[0], words[0])
        else:
            return ""
        # multi-word variants ("ayn al arab" handled via the article drop)
        if " " in text and (not text.isascii() or not firsts.isdisjoint(text.split())):
            for variant, canon in multi:
                if variant in text:
                    text = re.sub(rf"\b{variant}\b", canon, text)
        return text
    _canonical = key
    return key


# -- transliteration skeleton ---------------------------------------------------------------
_VOWELS = frozenset("aeiou")
SKELETON_PREFIX = "~"  # the gazetteer's index keys of skeletons (build.index_keys)


def _word_skeleton(word: str) -> str:
    """One word's skeleton (see `skeleton`)."""
    if len(word) > 3 and word[-1] == "h" and word[-2] in _VOWELS:
        word = word[:-1]  # -ah, -eh: the ta marbuta written or not ("Raqqah" = "Raqqa")
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        vowel = ch in _VOWELS or (ch in "wy" and i > 0 and (
            word[i - 1] in _VOWELS or (i + 1 < n and word[i + 1] in _VOWELS)))
        if vowel:
            ch = "a"  # every vowel, and w/y beside one, is one vowel sound
            if out and out[-1] == "a":
                continue  # a run of them is one ("ei" = "ay" = "ey" = "ai", "ou" = "u")
        elif out and out[-1] == ch:
            continue  # a doubled letter is written single too ("Tall" = "Tal")
        out.append(ch)
    return "".join(out)


@functools.lru_cache(maxsize=100_000)
def skeleton(name: str) -> str:
    """A loose key under which transliterations of one Arabic, Kurdish, Persian or Turkish
    name meet; a fallback for names whose exact `canonical` key finds nothing.

    On top of `canonical` (diacritics folded, hamza/ayn marks and apostrophes deleted,
    articles al-/el-/Ar/As/Ash/Ad/Az/ad-/ed-/at-/ez- dropped, fused articles "Ezzor" split,
    data/place_variants.csv applied), each word:
    - loses a final -h after a vowel: -ah, -eh ("Raqqah" = "Raqqa"),
    - writes every run of vowels, and w/y beside a vowel (not first), as one "a": -a/-e/-i endings,
      ou/u, ei/ay/ey/ai and e/i meet ("Deir" = "Dayr", "Bayji" = "Baiji", "Zawr" = "Zor"),
    - writes a doubled letter once ("Tall" = "Tal", "Habbaniyah" = "Habaniya").
    So "Dayr az Zawr", "Deir ez-Zor" and "Deir Ezzor" all give "dar zar". Consonants are
    kept as they are: "Baghdadi" (baghdada) is not "Baghdad" (baghdad)."""
    return " ".join(_word_skeleton(w) for w in canonical(name).split())
