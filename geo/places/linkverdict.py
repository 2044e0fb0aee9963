"""What a wiki link's target says about the name it covers: a place ("[[Anbar (town)|Anbar]]",
"[[Republic of Ireland|Ireland]]"), something else ("[[Hit (song)|Hit]]", "[[Panavia
Tornado|Tornado]]", a model number in the link text), or the place of an event
("[[Battle of Mosul|Mosul]]")."""

from __future__ import annotations

import re

from geo.places import fold
from geo.places.features import LINK_KIND, PAREN_RE


_EVENT_WORDS = frozenset("battle siege fall capture liberation recapture offensive massacre "
                         "bombing bombings attack attacks operation campaign clashes raid airstrike "
                         "airstrikes strike strikes protests killing killings genocide conflict "
                         "insurgency crisis shooting explosion explosions intervention".split())


def model_in_link(text: str, s: int, e: int, links, gazetteer) -> bool:
    """The span opens a link's text and a model number ends it ("Mirage 2000"), and the link
    names something other than a place."""
    for ls, le, target in links:
        if ls == s and le > e and re.fullmatch(r"\s+[A-Z]{0,3}-?\d[\w-]*", text[e:le]):
            return link_verdict(target, text[s:e], gazetteer) is False
    return False


def link_verdict(target: str, name: str, gazetteer) -> bool | None:
    """True: the link names a place; False: it names something else; None: cannot tell."""
    clean = target.split("#")[0].replace("_", " ").strip()
    if not clean:
        return None
    # "Anbar (town)", "Tripoli (Lebanon)" and "Derna, Libya": the name before a place-like
    # qualifier is the place; "Hit (song)" or "Jordan (footballer)" name something else.
    note = PAREN_RE.search(clean)
    if note and not (note.group(1).strip().lower() in LINK_KIND
                     or any(p.kind in ("country", "region") for p in gazetteer.lookup(note.group(1))[:3])):
        return bool(gazetteer.lookup(clean))
    bare = PAREN_RE.sub("", clean).split(",")[0].strip()
    if gazetteer.lookup(clean) or gazetteer.lookup(bare):
        return True
    words = set(fold.surface(clean).split())
    if words & _EVENT_WORDS and set(fold.surface(name).split()) <= words:
        return None  # [[Battle of Mosul|Mosul]]: the place of an event
    if fold.surface(clean).endswith(" " + " ".join(fold.surface(name).split())) and any(
            p.kind == "country" for p in gazetteer.lookup(name)[:1]):
        return True  # [[Republic of Ireland|Ireland]]: the country's long name
    return False
