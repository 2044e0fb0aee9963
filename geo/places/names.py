"""Name units: a multi-word capitalised name is one unit, and some capitalised words are
never places (dates, vehicles and weapons).

- "Near Sultan Abdallah": the gazetteer knows "Sultan", not the whole name; the part is not
  resolved on its own, the whole is one (unresolved) name. The same for "Dayr Ar Zawr" and
  "Day az Zawr", whose words an Arabic article joins.
- After a strong place cue ("near", "village of"), a capitalised name the gazetteer lacks is
  still a name: it is looked up by its transliteration skeleton, else listed as unresolved.
- "October 6" (a date), "Stryker" before "vehicle", "Tor missile system": not places.

Word lists: data/place_context.csv (roles `unit_cue`, `vehicle_word`, `title`, `org_after`),
data/dates/months.csv and weekdays.csv, data/place_stopwords.csv.
"""

from __future__ import annotations

import csv
import functools
import re

from geo import settings
from geo.places import fold, lexicon

# the words an Arabic article or particle joins into one name ("Dayr Az Zawr", "Abu Kamal")
_JOINERS = frozenset("al el ar as ash ad adh az ath at an ez es er ed en bin ibn abu umm um".split())
_CAP_WORD = r"[A-Z][\w'’ʿʾ\-]*"
_NEXT_WORD_RE = re.compile(rf"[ \t]+(?:([A-Za-z]{{1,3}})[ \t\-]+)?({_CAP_WORD})")
_PREV_WORD_RE = re.compile(rf"({_CAP_WORD})(?:[ \t]+([A-Za-z]{{1,3}}))?[ \t\-]+$")
_NUMBER_AFTER_RE = re.compile(r"[ \t]+\d{1,4}\b")
_UNKNOWN_AFTER_CUE_RE = re.compile(
    rf"(?:(?:Al|al|Ar|As|Ad|Az|Ash|An|At|El|el)[ \t\-]+)?{_CAP_WORD}"
    rf"(?:(?:[ \t]+(?:(?:al|el|ar|as|ad|az|ash|an|at|ez|ed|bin|ibn|abu)[ \t\-]+)?{_CAP_WORD})){{0,3}}")


def _rows(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Month and weekday names, folded ("october", "oct", "monday")."""
    words = {r["name"] for r in _rows(settings.DATA_DIR / "dates" / "months.csv")}
    words |= {r["name"] for r in _rows(settings.DATA_DIR / "dates" / "weekdays.csv")}
    return frozenset(fold.surface(w).strip(" .") for w in words)


def is_date(text: str, start: int, end: int) -> bool:
    """A name that is a date expression: it opens with a month and a number follows or ends
    it ("October 6", "6 October", a name "October 6" the gazetteer holds for a city)."""
    words = fold.surface(text[start:end]).split()
    if not words:
        return False
    months = calendar_words()
    if words[0] in months and (len(words) > 1 and words[1].isdigit()
                               or (len(words) == 1 and _NUMBER_AFTER_RE.match(text, end))):
        return True
    return len(words) == 1 and words[0] in months


def is_weapon_or_vehicle(text: str, end: int, before_cue: bool) -> bool:
    """A one-word name followed by a vehicle or weapon word ("Stryker vehicle", "Tor missile
    system", "Tornado jets"), without a place cue before it ("near Mosul" stays a place)."""
    if before_cue:
        return False
    words = fold.surface(text[end:end + 30]).split()[:1]
    return bool(words) and words[0] in lexicon.context().get("vehicle_word", frozenset())


@functools.lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Capitalised common words that stand beside a name without making a new one
    (data/place_generic_words.csv, data/place_local_features.csv, direction words)."""
    words = set()
    for name in ("place_generic_words.csv", "place_local_features.csv"):
        words |= {" ".join(fold.surface(r["word"]).split())
                  for r in _rows(settings.DATA_DIR / name) if not r["word"].startswith("#")}
    ctx = lexicon.context()
    return frozenset(words | ctx.get("direction", frozenset()) | ctx.get("generic_region", frozenset()))


def _skip_word(word: str, vocab, joined: bool) -> bool:
    """Whether a capitalised word beside a name is not part of it: a common word (the text
    writes it in lower case: "Near", "The") unless an Arabic article joins it, a title, a
    month, an acronym (ISIL), an organisation's head word ("University")."""
    folded = fold.surface(word).strip()
    ctx = lexicon.context()
    if word.isupper() and len(word) > 1:
        return True
    if (folded in calendar_words() or folded in ctx["title"] or folded in ctx["org_after"]
            or folded in ctx["before"]):
        return True
    if folded in lexicon.demonyms() or folded in generic_words():
        return True
    if not joined and (folded in vocab or folded in lexicon.stopwords()):
        return True
    return False


def _takes(found, word: str | None, joiner: str | None, vocab) -> bool:
    """Whether a neighbouring capitalised `word` (an article `joiner` between) joins the name."""
    if not found:
        return False
    if joiner is not None and fold.surface(joiner).strip() not in _JOINERS:
        return False
    return not _skip_word(word, vocab, joiner is not None)


def name_run(text: str, start: int, end: int, vocab) -> tuple[int, int]:
    """The whole capitalised name around text[start:end]: capitalised words right after it
    or before it (an Arabic article may join them), on the same line."""
    s, e = start, end
    if " " not in text[start:end].strip() and _skip_word(text[start:end], vocab, False):
        return s, e  # "South", "Street", "University": a generic word opens no longer name
    for _ in range(3):  # rightwards
        m = _NEXT_WORD_RE.match(text, e)
        if not _takes(m, m and m.group(2), m and m.group(1), vocab):
            break
        e = m.end(2)
    for _ in range(2):  # leftwards
        m = _PREV_WORD_RE.search(text, max(0, s - 60), s)
        if not _takes(m and m.end() == s, m and m.group(1), m and m.group(2), vocab):
            break
        s = m.start(1)
    return s, e


def unknown_after_cue(text: str, at: int) -> tuple[int, int] | None:
    """The capitalised name starting at `at` (after a strong place cue), or None."""
    m = _UNKNOWN_AFTER_CUE_RE.match(text, at)
    if not m:
        return None
    s, e = m.span()
    while e > s and text[e - 1] in "-'’":
        e -= 1
    return s, e


def skeleton_lookup(gazetteer, name: str, limit: int = 6) -> list:
    """Places whose name has the same transliteration skeleton as `name` (fold.skeleton):
    the fallback when the exact key finds nothing ("Al Hawayjah" -> Hawija)."""
    sk = fold.skeleton(name)
    if not sk or len(sk.replace(" ", "")) < 4:
        return []  # "Ba", "Ta": a skeleton this short matches anything
    return [gazetteer.place(i) for i in gazetteer.indices(fold.SKELETON_PREFIX + sk)[:limit]]


def known(gazetteer, name: str) -> bool:
    """Whether the gazetteer knows `name` exactly or by its skeleton."""
    return bool(gazetteer.lookup(name)) or bool(skeleton_lookup(gazetteer, name, 1))


def known_neighbours(text: str, gazetteer, run: tuple[int, int], start: int, end: int) -> bool:
    """Whether a run that the gazetteer does not know as a whole is two names side by side
    ("Old Town Manassas", "Sullivan Goss"): the words added on each side are a known name
    and no Arabic article joins them. Then each stays a name of its own."""
    if known(gazetteer, text[run[0]:run[1]]):
        return False
    for a, b in ((run[0], start), (end, run[1])):
        piece = text[a:b].strip(" \t-")
        if not piece:
            continue
        words = fold.surface(piece).split()
        if any(w in _JOINERS for w in words) or not gazetteer.lookup(piece):
            return False
    return True


def article_joined(name: str) -> bool:
    """Whether an Arabic article or particle joins the words of a name ("Dayr az Zawr")."""
    return any(w in _JOINERS for w in fold.surface(name).split()[1:])


# joiners that are also English words ("Turkey at Kilis"): they join a name only when hyphenated
_ENGLISH_LOOKALIKES = frozenset("at as an en es er ed um".split())
_HYPHENED_JOINER_RE = re.compile(r"(?:^|\s)([A-Za-z]{1,3})-[A-Z]")


def arabic_compound(name: str) -> bool:
    """Whether an Arabic article or particle certainly joins the words of `name` into one
    ("Bab al-Hawa", "Ras al Ain", "Umm Qasr"): hyphenated, or a particle no English word spells."""
    if any(m.group(1).lower() in _JOINERS for m in _HYPHENED_JOINER_RE.finditer(name)):
        return True
    return any(w in _JOINERS - _ENGLISH_LOOKALIKES for w in fold.surface(name).split()[1:])


PROMINENT_POPULATION = 100_000


def prominent(gazetteer, name: str) -> bool:
    """Whether `name` is first of all a country, region, sea or big city ("Texas Rangers",
    "Oman Film Society", "Manila Archbishop"): then a capitalised word after it opens an
    organisation or a title named after the place, and the place stays a name of its own."""
    top = gazetteer.lookup(name)[:1]
    return bool(top) and (top[0].kind in ("country", "region", "sea")
                          or top[0].population >= PROMINENT_POPULATION)
