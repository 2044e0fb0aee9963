"""Signs that a capitalised name is a person's, not a place's: a given name before it
("Tony Abbott" makes "Abbott" a surname in the whole text), a capitalised word beside it that
the text never writes in lower case, or a speech verb ("said Noma")."""

from __future__ import annotations

import functools
import re

from geo.places import lexicon
from geo.places.features import FEATURE_FIRST, FEATURE_LAST
from geo.places.tokens import at_sentence_start


_SPEECH = frozenset("said says told added explained wrote noted asked".split())


@functools.lru_cache(maxsize=1)
def not_person_words() -> frozenset[str]:
    """Capitalised words beside a name that do not make it a person's: demonyms, street and
    building words, feature words ("Kurdish Sinjar", "Shaddadah Bridge", "Camp Taji")."""
    return frozenset(lexicon.demonyms()) | lexicon.local_features() | FEATURE_FIRST | FEATURE_LAST


def beside_name(text: str, pt: tuple[int, int], nt: tuple[int, int], vocab) -> bool:
    """A capitalised word right beside the name that the text never writes in lower case
    (`vocab`: the words it does), a person's other name, or a speech verb ("said Noma"):
    the name is likely a person."""
    not_person = not_person_words()
    for a, b in (pt, nt):
        if a < 0:
            continue
        word = text[a:b].strip(".,'’")
        low = word.lower()
        if low in _SPEECH:
            return True
        if (word[:1].isupper() and not word.isupper() and low not in vocab
                and not (a == pt[0] and at_sentence_start(text, a))
                and low not in not_person):
            return True  # not "Kurdish Sinjar", "Shaddadah Bridge", "Camp Taji"
    return False


# "\b[A-Z]" written as "[A-Z](?<!\w[A-Z])": same matches, but the regex engine can skip
# ahead to capitals instead of trying every position
_NAME_PAIR_RE = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]+)\s+(?:[A-Z]\.\s+)?"
                           r"(?:(?:de|van|von|der|den|da|du|del|della|di|le|la|ter)\s+)?([A-Z][a-z]+)\b")


def surnames_in(text: str, given: frozenset[str]) -> frozenset[str]:
    """Words written after a known given name ("Tony Abbott" -> abbott, "Mike de Kock" -> kock):
    people's names."""
    return frozenset(m.group(2).lower() for m in _NAME_PAIR_RE.finditer(text)
                     if m.group(1).lower() in given)


def person_or_group(surface: str, prev_word: str, given: frozenset[str], ctx) -> bool:
    """An unknown compound name (folded `surface`) that opens with a given name ("Ahmad
    al-Mubarak"), follows a title ("Colonel Hadi al-Amiri") or opens with an armed group's unit
    word ("Liwa al-Aqsa", "Suqour al-Sham": place_context.csv role org_head): not a place."""
    first = surface.split()[0]
    return first in given or first in ctx.get("org_head", ()) or prev_word in ctx["title"]
