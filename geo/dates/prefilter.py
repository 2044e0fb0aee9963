"""Which sentences may hold a date expression led by a lower-case word ("the 5th", "early June",
"that day", "winter"). In the others every expression starts at an ASCII digit or capital, so
the grammar's fast scanner (see grammar.patterns) finds them all.

The tests are cheap supersets: a false "maybe" only costs the slower full scan.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from geo.dates.lexicon import lexicon

Patterns = dict[str, re.Pattern[str]]


@lru_cache(maxsize=1)
def lower_keys() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words one of which any lower-case-led expression must contain: a word of each relative
    phrase or offset and the seasons (matched case-blind; "day" also covers "the first 10 days of"), and
    the part modifiers ("early", "end")."""
    lx = lexicon()
    phrases = [p.split() for p in lx.relative if p not in lx.offsets]
    last = {w[-1] for w in phrases}
    keys = {next((x for x in w[1:] if x in last), w[-1]) for w in phrases}
    keys |= set(lx.seasons) | {"day"}
    # an offset ("a week later", "weeks before") is keyed on the span it counts in, not on the
    # common "later" or "before"; most already contain a key ("two days later")
    base = tuple(keys)
    keys |= {p.split()[-2].rstrip("s") for p in lx.offsets if not any(k in p for k in base)}
    keys = {k for k in keys if not any(o != k and o in k for o in keys)}    # "day" covers "days"
    return tuple(sorted(keys)), tuple(sorted({m for m, _ in lx.parts}))


def _risky(text: str, p: Patterns) -> bool:
    """Non-ASCII digits (which \\d matches) or letters that case-blind matching folds onto ASCII
    ones ("ſ" matches "s") defeat the fast scanner and the tests below."""
    return not text.isascii() and p["risky"].search(text) is not None


def lower_led_possible(text: str, p: Patterns) -> bool:
    """Whether `text` needs the full scan."""
    if _risky(text, p) or p["the_digit"].search(text):
        return True
    keys, mods = lower_keys()
    low = text.lower()
    for k in keys:
        if k in low:
            return True
    # "early", "end of" lead an expression only before a month or a year
    return any(k in text for k in mods) and p["mod_head"].search(text) is not None


def lower_led_flags(texts: list[str], p: Patterns) -> list[bool]:
    """`lower_led_possible` for many texts at once: a few C-level searches over the joined
    ASCII texts instead of a dozen per text (tagging calls this once per document chunk)."""
    flags = [_risky(t, p) for t in texts]
    plain = ["" if f else t for f, t in zip(flags, texts)]
    joined = "\0".join(plain)       # no key, nor "the<space>digit", spans a NUL
    low = joined.lower()
    if len(low) != len(joined):     # a lower-case form longer than its letter: test one by one
        return [lower_led_possible(t, p) for t in texts]
    starts, at = [], 0
    for t in plain:
        starts.append(at)
        at += len(t) + 1

    def mark(hay: str, key: str, check=None) -> None:
        i = hay.find(key)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            if not flags[k] and (check is None or check(plain[k])):
                flags[k] = True
            i = hay.find(key, starts[k + 1] if k + 1 < len(starts) else len(hay))

    for m in p["the_digit"].finditer(joined):
        flags[bisect_right(starts, m.start()) - 1] = True
    keys, mods = lower_keys()
    for key in keys:
        mark(low, key)
    for key in mods:
        mark(joined, key, lambda t: p["mod_head"].search(t) is not None)
    return flags
