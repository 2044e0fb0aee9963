"""Where a clause happened when its trigger names no place after it: fronted locatives and lists.

"Near Mosul, three airstrikes struck ...", "In Syria, Coalition forces conducted 4 strikes",
"Additionally, in Iraq, ...": a locative phrase that opens the sentence (or a clause after ";")
places every trigger of that clause. The prepositions are the `locative` and `near` rows of
data/event_words.csv, so a new phrasing is a row.
"""

from __future__ import annotations

import re

from geo.events.text import AND_ONLY, Spot

# One sentence adverb may open the clause before the locative: "Additionally, in Iraq, ...".
OPENER = r"(?:[A-Z][a-z]+,\s+)?"
# "the town of", "the outskirts of": a noun that only introduces the name.
INTRO = r"(?:the\s+)?(?:(?:city|town|village|area|province|governorate|district|outskirts|region|vicinity)\s+of\s+)?"
# A clause starts the sentence (after a stray list dash: "-Near Fallujah, ...") or follows ";".
CLAUSE_START = re.compile(r"(?:^[-*\u2022\s]*|;\s*)")
IN_LARGER = re.compile(r"\s+in\s+(?:the\s+)?")
# "Near Mosul an airstrike struck ...": without the comma, the clause's subject starts right away.
CLAUSE_GOES_ON = re.compile(r"\s+(?:an?|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s", re.IGNORECASE)
# A name the gazetteer may not know, in a fronted phrase: "Near Sultan Abdallah, ...".
NAME = re.compile(r"[A-Z][\w'\u2019-]*(?:\s+(?:[A-Z][\w'\u2019-]*|al|as|ar|az|ad|ash|el|of|de))*(?=,|\s+(?:an?|the|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s)")


def fronted_rx(words: list[str]) -> re.Pattern[str]:
    """Matches a clause opening "Near ", "In the town of ", "Additionally, in " (ends right before the name)."""
    alts = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(OPENER + r"(?:" + (alts or "(?!x)x") + r")\s+" + INTRO, re.IGNORECASE)


def fronted_places(text: str, spots: list[Spot], fronted: re.Pattern[str],
                   unknown=None, taken: list[tuple[int, int]] = ()) -> list[tuple[int, list[Spot]]]:
    """Each fronted locative of `text` as (end of the phrase, the places it names).

    The phrase's places follow the preposition directly, joined only by "and"/","; the phrase
    ends with a comma ("Near Kobani and Ayn Issa, airstrikes ..."). Where no place mention
    follows the preposition, `unknown(start, end)` makes a spot of the capitalised name there
    unless it overlaps a `taken` span (a date or an actor's name)."""
    found = []
    for clause in CLAUSE_START.finditer(text):
        m = fronted.match(text, clause.end())
        if m is None:
            continue
        edge, names = m.end(), []
        for spot in spots:
            if spot.start < edge:
                continue
            gap = text[edge:spot.start]
            if names and IN_LARGER.fullmatch(gap) and spot.level > names[-1].level:
                edge = spot.end    # "Near Hit in Al Anbar Province,": the province only locates Hit
                continue
            if names and not AND_ONLY.fullmatch(gap) or not names and gap.strip():
                break
            names.append(spot)
            edge = spot.end
        name = NAME.match(text, m.end())
        if (unknown is not None and name is not None and name.end() > edge
                and not any(a < name.end() and name.start() < b for a, b in taken)):   # "In September,"
            # The frame has a place even when no mention covers its whole name ("Near Dawr az Zawr,"
            # read as two names, "Near Baghdadi," as none): the name is kept, unresolved.
            names, edge = [unknown(name.start(), name.end())], name.end()
        if names and (text.startswith(",", edge) or CLAUSE_GOES_ON.match(text, edge)):
            found.append((edge + 1, names))
    return found


def opens_with_place(text: str, fronted: re.Pattern[str]) -> bool:
    """True when the sentence opens with a fronted locative and a name ("Near Baghdadi, ..."), even
    one no place mention covers: such a sentence may still state an event."""
    m = fronted.match(text, CLAUSE_START.match(text).end())
    return m is not None and NAME.match(text, m.end()) is not None


def governing(fronts: list[tuple[int, list[Spot]]], cue_start: int) -> list[Spot]:
    """The places of the last fronted phrase that opens the clause before `cue_start`."""
    best: list[Spot] = []
    for end, names in fronts:
        if end <= cue_start:
            best = names
    return best


def coordinated(text: str, spots: list[Spot], locative: re.Pattern[str]) -> set[int]:
    """Starts of spots joined by "and"/"," to a spot after a locative word: "in Syria and Iraq"
    makes Iraq as locative as Syria (so it is a place, not the Iraqi government)."""
    out: set[int] = set()
    previous: Spot | None = None
    for spot in spots:
        if previous is not None and AND_ONLY.fullmatch(text[previous.end:spot.start]) and (
                previous.start in out or locative.search(text[max(0, previous.start - 30):previous.start])):
            out.add(spot.start)
        previous = spot
    return out


# "between Azaz and the town of al-Rai": what stands between the two names of the pair.
BETWEEN_AND = re.compile(r"\s+and\s+" + INTRO + r"(?:(?:al|as|ar|az|ad|ash|el)-)?")   # "and al-Rai": "Rai" read
# "between Azaz and al-Rai" with Azaz unread as a place: a capitalised name, then "and".
UNREAD_FIRST = re.compile(r"[A-Z][\w'\u2019-]*(?:[\s-]+(?:[A-Z][\w'\u2019-]*|al|as|ar|el))*" + BETWEEN_AND.pattern)


def between_rx(words: list[str]) -> re.Pattern[str]:
    """Matches "between ", "midway between the villages of " up to where a place name may begin
    (the `between` rows of data/event_words.csv)."""
    alts = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(r"\b(?:" + (alts or "(?!x)x") + r")\s+" + INTRO, re.IGNORECASE)


def between_pairs(text: str, spots: list[Spot], between: re.Pattern[str]) -> dict[int, Spot]:
    """For each spot of a "between A and B" phrase (by start), the one spot standing for the pair:
    the event happened somewhere between the two, at neither town, so it goes near the first
    (the second when the first is not resolved or not read as a place) and not twice."""
    pairs: dict[int, Spot] = {}
    for first, second in zip(spots, spots[1:]):
        if opens_between(text, first.start, between) == first.start and BETWEEN_AND.fullmatch(text, first.end, second.start):
            keeper = first if first.mention.place is not None or second.mention.place is None else second
            pairs[first.start] = pairs[second.start] = keeper
    for spot in spots:
        opened = opens_between(text, spot.start, between)
        if spot.start not in pairs and opened >= 0 and UNREAD_FIRST.fullmatch(text, opened, spot.start):
            pairs[spot.start] = spot
    return pairs


def opens_between(text: str, at: int, between: re.Pattern[str]) -> int:
    """Where the name after the last "between" within 80 characters before `at` begins, or -1."""
    found = list(between.finditer(text, max(0, at - 80), at))
    return found[-1].end() if found else -1


def between_kept(spots: list[Spot], pairs: dict[int, Spot]) -> list[Spot]:
    """`spots` with each member of a between-pair replaced by the pair's keeper, once."""
    out: list[Spot] = []
    for spot in spots:
        spot = pairs.get(spot.start, spot)
        if all(s.start != spot.start for s in out):
            out.append(spot)
    return out



def locator_spans(every: list[Spot], kept: list[Spot]) -> list[tuple[int, int]]:
    """Spans of the place names that only say where another place lies ("from Constanta, Romania",
    "at Kilis, Turkey": in `every` spot but dropped from `kept`, outside every kept name). A
    country's name there is no actor."""
    starts = {s.start for s in kept}
    return [(s.start, s.end) for s in every if s.start not in starts
            and not any(k.start < s.end and s.start < k.end for k in kept)]


def own_clause(text: str, start: int, end: int, subjects: list[tuple[int, int]], opener: re.Pattern[str]) -> int:
    """Where a subordinate clause with its own subject begins between `start` and `end` (-1 if none):
    "launched their offensive ..., after government forces reached Deir ez-Zor" tells where the
    other side went, not where the offensive was. `subjects`: spans of actor names ("ISIL-held" is none)."""
    for at, stop in subjects:
        if start < at < end and not text.startswith("-", stop):
            m = opener.search(text, max(start, at - 20), at)
            if m is not None:
                return m.start()
    return -1


# "... then drove to the border near Kobani": the place the way led to.
ONWARD = re.compile(r"\b(?:to|towards?|near|into|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


def on_route(text: str, spot: Spot, spots: list[Spot], route: re.Pattern[str]) -> bool:
    """True when `spot` is a way through ("crossed the border into Turkey", "via Erbil") and a later
    place of the sentence is where the way led ("... then drove to the border near Kobani")."""
    if route.search(text, max(0, spot.start - 30), spot.start) is None:
        return False
    return any(s.start > spot.end and ONWARD.search(text, max(spot.end, s.start - 40), s.start) for s in spots)


# "the Damascus district of Rukn al-Din": the city only says where the district is.
DISTRICT_OF = re.compile(r"\s+(?:district|neighbou?rhood|quarter|suburb|sector)\s+of\s+(?:the\s+)?", re.IGNORECASE)


def district_hosts(text: str, spots: list[Spot]) -> tuple[list[Spot], set[int]]:
    """`spots` with one place for "the Damascus district of Rukn al-Din", "the Bab Tuma
    neighbourhood of Aleppo": the district when the gazetteer knows it (the host is the one with
    more people), else the host city, then only near the event (its start in the returned set)."""
    dropped, near = set(), set()
    for first, second in zip(spots, spots[1:]):
        if DISTRICT_OF.fullmatch(text, first.end, second.start):
            known = [s for s in (first, second) if s.mention.place is not None]
            if len(known) == 1:
                dropped.add((second if known[0] is first else first).start)   # the unknown district
                near.add(known[0].start)
            elif known:
                dropped.add(max(known, key=lambda s: s.mention.place.population).start)   # the host
    return [s for s in spots if s.start not in dropped], near
