"""Which of a sentence's places is where a trigger's event happened (the frame's location role).

Candidates are the place stage's mentions plus capitalised names a locative phrase introduces
("in Tahrawa", "the village of Arnoun") that the gazetteer may not know. Each candidate is
described by a few named features (side of the trigger, distance, the preposition before it,
whether it only locates another place: "Mosul, Iraq", "90 km north of Baghdad"), and scored by
a linear model whose weights are data: data/event_location_weights.csv, trained by
benchmarks/train_event_location.py on part of the event-location development sentences.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from geo import settings
from geo.errors import GeoError

WEIGHTS_CSV = settings.DATA_DIR / "event_location_weights.csv"

# The word right before a place that says how it relates to the event.
PREPOSITIONS = ("in", "at", "near", "on", "from", "to", "into", "of", "outside", "across", "around",
                "inside", "over", "toward", "towards", "through", "throughout", "along", "off", "by",
                "between", "against", "within", "for", "with")
# "the town of", "the northern city of", "a village in": a noun introducing a name.
INTRO = re.compile(r"\b(?:city|town|village|area|district|neighbou?rhood|suburb|province|governorate|region|"
                   r"capital|camp|border\s+town|refugee\s+camp|port|state|county|municipality|quarter|"
                   r"outskirts|vicinity)\s+(?:of\s+)?$", re.IGNORECASE)
LOCATOR = re.compile(r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
                     r"south-east|south-west)(?:ern)?\s+(?:of\s+)?(?:the\s+)?$|\b(?:km|kilometers|kilometres|miles)"
                     r"\s+(?:\([^)]*\)\s+)?(?:\w+\s+)?(?:of|from)\s+(?:the\s+)?$", re.IGNORECASE)
WORD = re.compile(r"[\w'’-]+")
# A capitalised name (Arabic articles and "of" may join it): "al-Shuriya", "Kfar Tibnit", "Bab al-Hawa".
WORD_IN_NAME = r"[A-Z](?:[\w-]|['’](?!s\b))*"      # "Sina’a", but not the possessive of "Baghdad's"
NAME = re.compile(r"(?:al-|Al-|el-|El-)?" + WORD_IN_NAME + r"(?:\s+(?:(?:al|el|as|ar|az|ad|ash|de|del|of)[\s-])?"
                  r"(?:al-|Al-)?" + WORD_IN_NAME + ")*")
NAME_LEAD = re.compile(r"\b(?i:in|at|near|outside|inside|of|around|into)\s+(?:the\s+)?(?:[a-z]+(?:ern|ed|al)\s+)?"
                       r"(?:(?:[a-z-]+\s+){0,2}(?:city|town|village|area|district|neighbou?rhood|suburb|province|"
                       r"region|camp|port|state|county|municipality|quarter)\s+(?:of\s+)?)?$")
MODIFIES = re.compile(r"\s+(?!(?:in|at|on|of|near|and|or|to|from|for|with|by|was|were|is|are|has|had|have|"
                      r"who|which|that|where|when|as|after|before|since|during|into|over|under|said|says)\b)[a-z]")
REPORT = re.compile(r"\b(?:said|says|told|reported|according|announced|stated|added|claimed)\b", re.IGNORECASE)
CLAUSE = re.compile(r"[;:.]\s|\b(?:and|but|while|whereas|after|before|when|as|since)\s", re.IGNORECASE)


@dataclass(frozen=True)
class Candidate:
    """A span of the sentence that may be the event's location; `kind` is the place kind or
    "unresolved" (a mention the gazetteer could not place) or "name" (a name no mention covers)."""

    start: int
    end: int
    kind: str
    actor: bool = False      # also an actor's name ("Boko Haram", "Israel"): often a party, not a place


# "bombed Pooneryn", "struck the Al-Rasoul Checkpoint": a name as the trigger's object.
OBJECT_LEAD = re.compile(r"\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}$")
# Capitalised words that never name a place: months, weekdays ("In September, ...").
TIME_WORDS = frozenset("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday the this that jan feb mar apr jun jul aug
sep sept oct nov dec""".split())
# "the Arab Bank", "Centro Medico hospital": a building in a town; the town is usually the answer.
FACILITY = re.compile(r"\s*(?:bank|restaurant|hotel|hospital|exchange|university|mosque|church|school|office|offices|"
                      r"building|station|market|shrine|prison|stadium|headquarters|embassy|checkpoint|base|airport)\b",
                      re.IGNORECASE)
# "members of the Lashkar-e-Tayyaba group", "militants of Nusra": an organisation, not a place.
ORG_AFTER = re.compile(r"\s+(?:group|militia|militias|movement|front|brigade|brigades|army|forces|party|sect|"
                       r"administration|government|militants|fighters|rebels|faction|organization|organisation)\b",
                       re.IGNORECASE)
ORG_BEFORE = re.compile(r"\b(?:members|militants|fighters|leader|leaders|commander|spokesman|of\s+the)\s+(?:of\s+)?"
                        r"(?:the\s+)?$", re.IGNORECASE)
CONTAINED = re.compile(r"(?:\s+(?:[a-z]+\s+){0,2}(?:in|of)\s+(?:the\s+)?|\s*,\s*|['’]s\s+)")
PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
TYPED = re.compile(r"\s+(?:village|town|district|county|neighbou?rhood|camp|refugee\s+camp|area|suburb|township|"
                   r"quarter|municipality|city|locality|settlement)\b", re.IGNORECASE)
# "north Delhi's Ashok Vihar": a name after a possessive place is the finer place.
# "Mauthausen, Austria, where they were executed": the trigger's clause refers back to the place.
WHERE_BACK = re.compile(r"[\s,]*(?:[A-Z][\w-]*[\s,]*)*where\b")
# A person's name: a title or a role noun right before it, an age right after it.
PERSON_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Col|Lt|Sgt|Capt|Maj|President|Prime\s+Minister|Minister|Sheikh|"
                           r"leader|commander|chief|official|officer|spokesman|journalist|farmer|tapper|driver|"
                           r"businessman|student|teacher|named|identified\s+as|killing\s+of|murder\s+of|"
                           r"death\s+of)\.?\s+$")
AGE_AFTER = re.compile(r",\s+(?:aged\s+)?\d{1,2}\s*,")
# A name that ends like an institution's: it names who, not where.
ORG_WORD = re.compile(r"\b(?:Army|Corps|Ministry|Brigades?|Council|Party|Front|Committee|Forces|Police|Agency|"
                      r"Guard|Movement|Union|Office|Church|Hospital|Bank|Company|University|Court|Parliament|"
                      r"Tribes?|Group|Battalion|Division|Regiment)$")
DEMONYM = re.compile(r"[A-Z][a-z]+(?:ish|ian|ese|i|ist|an|ic)")
ACRONYM = re.compile(r"[A-Z]{1,5}")
OF_NAME = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
PLURAL_PEOPLE = re.compile(r"(?:[A-Z][a-z]+\s+)?[A-Z][a-z]+(?:ians|ans|is|ites|ists|s)")
LOWER_NEXT = re.compile(r"\s+[a-z]")
SEASON = re.compile(r"(?:Ramadan|Eid|Christmas|Easter|Ashura|Diwali|Passover|Hanukkah|Thanksgiving)(?:\s.*)?")
INTRO_AFTER = re.compile(r"\s+(?:province|governorate|region|state|district|sub-?division|block|section|"
                         r"constituency|neighbou?rhood|sector|settlement|intersection|compound|countryside|area|valley|town|village|"
                         r"city|county|camp|municipality|suburb|quarter)\b",
                         re.IGNORECASE)
POSSESSED = re.compile(r"(?:'s|’s)\s+(?:[a-z]+\s+){0,2}$")


def plausible(text: str) -> bool:
    """False for a month or weekday the recogniser took for a name ("Jan.", "Sept")."""
    return text.strip(" .").split()[0].lower() not in TIME_WORDS if text.strip(" .") else False


def name_candidates(text: str, taken: list[tuple[int, int]], trigger: tuple[int, int] | None = None
                    ) -> list[Candidate]:
    """Capitalised names right after a locative phrase (or as the trigger's object), where no
    mention already stands."""
    out = []
    for m in NAME.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken) or m.group(0).split()[0].lower() in TIME_WORDS:
            continue
        lead = (NAME_LEAD.search(text, max(0, m.start() - 60), m.start())
                or POSSESSED.search(text, max(0, m.start() - 40), m.start()))
        obj = trigger is not None and trigger[1] <= m.start() and OBJECT_LEAD.fullmatch(text, trigger[1], m.start())
        typed = INTRO_AFTER.match(text, m.end())   # "the southwestern Chagai area"
        if not lead and not obj and not typed:
            continue
        out.append(Candidate(m.start(), m.end(), "name"))
    return out


LOCATIVE_PREPS = ("in", "at", "near", "outside", "inside", "around", "on", "of")
CONTAINS = re.compile(r"(?:'s|’s)?\s+(?:[a-z]+\s+){0,2}(?:neighbou?rhood|district|suburb|village|town|city|province|area|"
                      r"quarter|camp|refugee\s+camp|prison|outskirts|countryside)\s+(?:of|area)\b")


def _prep(text: str, c: Candidate) -> str:
    words = [w for w in WORD.findall(text[max(0, c.start - 40):c.start].lower()) if w not in ("the", "a", "an")]
    return words[-1] if words else "^"


def _distance(trigger: tuple[int, int], c: Candidate) -> int:
    return c.start - trigger[1] if c.start >= trigger[1] else trigger[0] - c.end


def _rank(kind: str) -> int:
    return {"country": 3, "region": 2, "sea": 2}.get(kind, 0 if kind in ("name", "unresolved") else 1)


def sentence_candidates(text: str, trigger: tuple[int, int], mentions, actors) -> list[Candidate]:
    """The candidates of one sentence: its place mentions (offsets in `text`), then unknown names;
    `actors` (an ActorLexicon) marks those that are also actors' names."""
    named = [(a.start, a.end) for a in actors.find(text)]
    cands = [Candidate(m.start, m.end, m.place.kind if m.place is not None else "unresolved",
                       any(a < m.end and m.start < b for a, b in named))
             for m in mentions if plausible(m.text)]
    cands += [replace(c, actor=any(a < c.end and c.start < b for a, b in named))
              for c in name_candidates(text, [(c.start, c.end) for c in cands], trigger)]
    return sorted(cands, key=lambda c: c.start)


def _level(kind: str) -> str:
    if kind in ("country", "region", "unresolved", "name", "sea"):
        return kind
    return "fine"


def features(text: str, trigger: tuple[int, int], cands: list[Candidate], k: int) -> dict[str, float]:
    """Named features of candidate `k` for the trigger at `trigger` (binary unless noted)."""
    c = cands[k]
    f: dict[str, float] = {"bias": 1.0, "kind=" + _level(c.kind): 1.0}
    after = c.start >= trigger[1]
    side = "after" if after else "before"
    gap = text[trigger[1]:c.start] if after else text[c.end:trigger[0]]
    words = len(WORD.findall(gap))
    bucket = "0-2" if words <= 2 else "3-5" if words <= 5 else "6-10" if words <= 10 else "11-20" if words <= 20 else "21+"
    f[f"{side}:dist={bucket}"] = 1.0
    same_side = [x for x in cands if (x.start >= trigger[1]) == after]
    order = sorted(same_side, key=lambda x: abs((x.start - trigger[1]) if after else (trigger[0] - x.end)))
    rank = order.index(c)
    f[f"{side}:rank={min(rank, 2)}"] = 1.0
    lead = text[max(0, c.start - 40):c.start]
    lead_words = WORD.findall(lead.lower())
    skip = [w for w in lead_words if w not in ("the", "a", "an")]
    prep = skip[-1] if skip else "^"
    intro = INTRO.search(lead)
    if intro:
        f["intro"] = 1.0
        before_intro = WORD.findall(text[max(0, c.start - 80):c.start - len(intro.group(0))].lower())
        before_intro = [w for w in before_intro if w not in ("the", "a", "an", "northern", "southern", "eastern",
                                                             "western", "central", "nearby", "remote", "small")]
        prep = before_intro[-1] if before_intro else "^"
    prep_name = prep if prep in PREPOSITIONS else "other" if skip else "^"
    f["prep=" + prep_name] = 1.0
    f[f"{side}:rank={min(rank, 2)}:prep={prep_name}"] = 1.0
    f[f"prep={prep_name}:kind={_level(c.kind)}"] = 1.0
    f[f"{side}:dist={bucket}:kind={_level(c.kind)}"] = 1.0
    f[f"{side}:prep=" + (prep if prep in ("in", "at", "near", "from", "to", "of") else "x")] = 1.0
    if LOCATOR.search(lead):
        f["locator"] = 1.0      # "90 km north of Baghdad": it says where another place lies
    tail = text[c.end:c.end + 3]
    if k and text[cands[k - 1].end:c.start].strip() == "," and cands[k - 1].kind != "country" and c.kind in (
            "country", "region"):
        f["container"] = 1.0    # "Qamishli, Syria": the country only locates the place before it
    if tail.startswith(("'s", "’s")):
        f["possessive"] = 1.0   # "Baghdad's Hurriyah district": the district, not the city
    if tail.startswith("-"):
        f["compound"] = 1.0     # "Baghdad-based", "Syria-Iraq border"
    if c.start == 0 or text[:c.start].strip() in ("In", "At", "Near", "in", "at"):
        f["opens"] = 1.0
    if REPORT.search(gap):
        f["report_between"] = 1.0
    f["clauses_between"] = min(len(CLAUSE.findall(gap)), 3) / 3.0
    f["commas_between"] = min(gap.count(","), 4) / 4.0
    f["only"] = 1.0 if len(cands) == 1 else 0.0
    if c.actor:
        f["actor:kind=" + _level(c.kind)] = 1.0
    if FACILITY.match(text, c.end) or FACILITY.search(text[c.start:c.end] + " ", max(0, c.end - c.start - 12)):
        f["facility"] = 1.0
    if ORG_AFTER.match(text, c.end) or ORG_BEFORE.search(text, max(0, c.start - 30), c.start):
        f["organisation"] = 1.0
    if k and CONTAINED.fullmatch(text, cands[k - 1].end, c.start):
        f["holds_previous"] = 1.0   # "Buwa village in Ibi", "Hebron, West Bank": it locates the one before
    if k + 1 < len(cands) and CONTAINED.fullmatch(text, c.end, cands[k + 1].start):
        f["held_by_next"] = 1.0
    if PASSIVE.search(text, max(0, trigger[0] - 20), trigger[0]):
        f[f"{side}:passive_trigger"] = 1.0   # "was killed in X": the place follows
    if TYPED.match(text, c.end):
        f["typed"] = 1.0        # "Magam town", "the Sabr village": a settlement by its own word
    if POSSESSED.search(text, max(0, c.start - 40), c.start):
        f["possessed"] = 1.0
    f[f"{side}:kind=" + _level(c.kind)] = 1.0
    if CONTAINS.match(text, c.end):
        f["container"] = 1.0    # "the Homs neighbourhood of Baba Amr": a finer place follows
    locative = [x for x in cands if _prep(text, x) in LOCATIVE_PREPS]
    if c in locative:
        nearest = min(locative, key=lambda x: _distance(trigger, x))
        f["nearest_locative"] = 1.0 if nearest == c else 0.0
        f["finest_locative"] = 1.0 if all(_rank(c.kind) <= _rank(x.kind) for x in locative) else 0.0
    if after and OBJECT_LEAD.fullmatch(text, trigger[1], c.start):
        f["object"] = 1.0       # "bombed Pooneryn": the trigger's object
    if MODIFIES.match(text, c.end):
        f["modifier"] = 1.0     # "a U.S. base", "the Turkish city of": the name qualifies a noun
    f.update(shape_features(text, trigger, cands, k))
    f["raw_kind=" + c.kind] = 1.0

    return f


def stem(trigger: str) -> str:
    """The trigger's first word without its inflection: "captured", "captures" -> "captur"."""
    words = WORD.findall(trigger.lower())
    word = words[0] if words else ""
    return re.sub(r"(?:ing|ed|es|s|e)$", "", word) if len(word) > 4 else word


def shape_features(text: str, trigger: tuple[int, int], cands: list[Candidate], k: int) -> dict[str, float]:
    """What the name itself and its neighbourhood look like: a person, a group, an adjective, a
    place a "where" clause refers back to, its order among the candidates, how far it lies."""
    c = cands[k]
    f: dict[str, float] = {}
    name = text[c.start:c.end]
    after = c.start >= trigger[1]
    gap = text[trigger[1]:c.start] if after else text[c.end:trigger[0]]
    f["log_words"] = math.log1p(len(WORD.findall(gap))) / 3.0
    f["log_chars"] = math.log1p(len(gap)) / 6.0
    nearest = min(cands, key=lambda x: _distance(trigger, x))
    if nearest == c:
        f["nearest"] = 1.0
    if text.count('"', 0, c.start) % 2 == 1 or text.count("“", 0, c.start) > text.count("”", 0, c.start):
        f["quoted"] = 1.0
    if k == 0:
        f["first"] = 1.0
    if k == len(cands) - 1:
        f["last"] = 1.0
    if not after and WHERE_BACK.match(gap):
        f["where_clause"] = 1.0     # "Mauthausen, Austria, where they were executed"
    if PERSON_BEFORE.search(text, max(0, c.start - 40), c.start) or AGE_AFTER.match(text, c.end):
        f["person"] = 1.0           # "rubber tapper Waema Mathaeha, 64,", "Mr. Kadirgamar"
    if ORG_WORD.search(name):
        f["org_name"] = 1.0         # "the Interior Ministry", "the Republican Guard"
    if c.kind == "name" and DEMONYM.fullmatch(name) and LOWER_NEXT.match(text, c.end):
        f["adjective"] = 1.0        # "the Jewish settlement of", "Kurdish city"
    if text.rfind("(", 0, c.start) > text.rfind(")", 0, c.start):
        f["bracketed"] = 1.0
    if SEASON.fullmatch(name):
        f["time_name"] = 1.0        # "Ramadan", "Eid": a time, not a place
    if INTRO_AFTER.match(text, c.end):
        f["typed_after"] = 1.0      # "Maarib province", "the Liaquatabad district"
    verb = stem(text[trigger[0]:trigger[1]])
    f[f"verb={verb}:{'after' if after else 'before'}"] = 1.0
    if after and OBJECT_LEAD.fullmatch(text, trigger[1], c.start):
        f[f"verb={verb}:object"] = 1.0     # "captured X", "patrolled X": a place as the object
    if ACRONYM.fullmatch(name):
        f["acronym"] = 1.0          # "MRT", "ICRC": an organisation or a line more often than a place
    if c.kind == "name" and OF_NAME.match(text, c.end):
        f["name_goes_on"] = 1.0     # "the Church of the Nativity": part of a longer (building) name
    if c.kind == "name" and PLURAL_PEOPLE.fullmatch(name):
        f["people"] = 1.0           # "Serbs", "Palestinians", "Kurds": a people, not a place
    if c.kind == "name":
        f["name_words=" + str(min(len(name.split()), 3))] = 1.0
    if not after and c.end <= trigger[0] and text.count(",", c.end, trigger[0]) == 0:
        f["before:same_phrase"] = 1.0
    if after and not CLAUSE.search(gap) and "," not in gap:
        f["after:same_phrase"] = 1.0
    return f


@lru_cache(maxsize=2)
def load_weights(path: str | None = None) -> dict[str, float]:
    """The feature weights (data/event_location_weights.csv: feature,weight)."""
    try:
        with open(path or WEIGHTS_CSV, encoding="utf-8", newline="") as handle:
            return {row["feature"]: float(row["weight"]) for row in csv.DictReader(handle)}
    except (OSError, KeyError, ValueError) as error:
        raise GeoError(f"cannot read the event location weights: {error}") from error


def score(feats: dict[str, float], weights: dict[str, float]) -> float:
    z = sum(weights.get(name, 0.0) * value for name, value in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def choose(text: str, trigger: tuple[int, int], cands: list[Candidate],
           weights: dict[str, float] | None = None, among: list[Candidate] | None = None) -> Candidate | None:
    """The candidate most likely to be where the trigger's event happened (None without candidates);
    with `among`, only those may be chosen, while all `cands` still describe the sentence."""
    if not cands:
        return None
    weights = load_weights() if weights is None else weights
    cands = sorted(cands, key=lambda c: c.start)
    allowed = cands if among is None else [c for c in cands if c in among]
    if not allowed:
        return None
    return max(allowed, key=lambda c: score(features(text, trigger, cands, cands.index(c)), weights))


def choose_span(text: str, trigger: tuple[int, int], places: list[tuple[int, int, str]],
                among: list[tuple[int, int]]) -> tuple[int, int] | None:
    """For the event frame: which of the spans `among` (start, end) is the trigger's location, the
    sentence's places given as (start, end, kind) with kind "unresolved" for an unplaced name."""
    cands = [Candidate(a, b, kind) for a, b, kind in places]
    best = choose(text, trigger, cands, among=[c for c in cands if (c.start, c.end) in among])
    return (best.start, best.end) if best is not None else None
