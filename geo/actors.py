"""Actor lexicon: normalise "U.S. Navy", "RAF", "Daesh" ... to one actor name with a side and colour.

The names, sides, colours and aliases live in data/actors.csv and data/sides.csv; this module
only compiles them into one regular expression and answers lookups.
"""

from __future__ import annotations

import csv
import re

import ahocorasick
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo import settings
from geo.errors import GeoError

ACTORS_CSV = settings.DATA_DIR / "actors.csv"
BY_COUNTRY_CSV = settings.DATA_DIR / "actor_by_country.csv"
SIDES_CSV = settings.DATA_DIR / "sides.csv"


@dataclass(frozen=True)
class Actor:
    """One normalised actor: "United States", side "coalition", colour "#1f4e9c"."""

    name: str
    side: str
    color: str
    iso_a2: str = ""


@dataclass(frozen=True)
class ActorMatch:
    """An alias found in a text: character span and the actor it names."""

    start: int
    end: int
    text: str
    actor: str


class ActorLexicon:
    """Compiled aliases; `find(text)` returns non-overlapping matches, longest alias first."""

    def __init__(self, actors: dict[str, Actor], aliases: dict[str, str],
                 side_colors: dict[str, str]) -> None:
        self.actors = actors
        self.side_colors = side_colors
        self._exact: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        exact, folded = [], []
        for alias, name in aliases.items():
            # Acronyms ("IS", "US", "UN") match only as written; "coalition" matches any case.
            if alias == alias.upper():
                self._exact[alias] = name
                exact.append(alias)
            else:
                self._folded[alias.lower()] = name
                folded.append(alias)
        self._rx_exact = _compile(exact, 0)
        self._rx_folded = _compile(folded, re.IGNORECASE)
        self.by_iso = {a.iso_a2: a.name for a in actors.values() if a.iso_a2}
        # One Aho-Corasick pass over the lowercased text finds every alias (fast on big corpora).
        self._automaton = ahocorasick.Automaton()
        keys: dict[str, list[tuple[str, str, bool]]] = {}
        for alias, name in self._exact.items():
            keys.setdefault(alias.lower(), []).append((alias, name, True))
        for alias, name in self._folded.items():
            forms = [alias] + ([alias + "s", alias + "es"] if alias[-1].isalpha() else [])
            for form in forms:
                keys.setdefault(form, []).append((form, name, False))
        for key, entries in keys.items():
            self._automaton.add_word(key, entries)
        self._automaton.make_automaton()

    def find(self, text: str) -> list[ActorMatch]:
        """All actor aliases in `text`, left to right, overlaps resolved to the longest."""
        lower = text.lower()
        if len(lower) != len(text):          # rare case-folding that changes length: use the regexes
            return self._find_rx(text)
        found: list[ActorMatch] = []
        for end_index, entries in self._automaton.iter(lower):
            end = end_index + 1
            for alias, name, exact in entries:
                start = end - len(alias)
                if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.-'’"):
                    continue
                if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                    continue
                if exact and (text[start:end] != alias or (len(alias) <= 2 and _in_shouting(text, start, end))):
                    continue
                found.append(ActorMatch(start, end, text[start:end], name))
        return _longest([a for a in found if not _common_noun_as_name(text, a)])

    def _find_rx(self, text: str) -> list[ActorMatch]:
        found: list[ActorMatch] = []
        for rx, table, fold in ((self._rx_exact, self._exact, False),
                                (self._rx_folded, self._folded, True)):
            if rx is None:
                continue
            for m in rx.finditer(text):
                key = m.group(1)
                base = key.lower() if fold else key
                name = table.get(base) or table.get(base[:-1]) or table.get(base[:-2])
                if name and not (not fold and len(key) <= 2 and _in_shouting(text, m.start(1), m.end(1))):
                    found.append(ActorMatch(m.start(1), m.end(1), key, name))
        return _longest([a for a in found if not _common_noun_as_name(text, a)])


    def normalize(self, name: str) -> str:
        """The actor name for an alias or name ("RAF" -> "United Kingdom"); "" if unknown."""
        name = name.strip()
        if name in self.actors:
            return name
        if name in self._exact:
            return self._exact[name]
        # User input ("--actor raf") is forgiving about case; text matching is not.
        return self._folded.get(name.lower(), "") or self._exact.get(name.upper(), "")

    def aliases_of(self, actor: str) -> tuple[str, ...]:
        """Every alias that names `actor` ("ISIS", "Daesh" for ISIL), for reading it back in text."""
        return tuple(a for table in (self._exact, self._folded) for a, n in table.items() if n == actor)

    def side(self, actor: str) -> str:
        a = self.actors.get(actor)
        return a.side if a else ("other" if actor else "")

    def color(self, actor: str) -> str:
        a = self.actors.get(actor)
        if a:
            return a.color
        return self.side_colors.get("other", "#7f7f7f")

    grounded_sides: frozenset[str] = frozenset()
    contesting: frozenset[str] = frozenset()
    # Governments the data says took back what ISIL lost country-wide (actors.csv region_taker): a
    # sentence such as "ISIL had no territory left in Iraq" names no taker, so this is stated in data.
    region_takers: frozenset[str] = frozenset()

    def contests_territory(self, actor: str) -> bool:
        """True for actors that hold ground in the control contest (ISIL, Iraq, Kurdistan Region, SDF,
        Syria ...), False for outside powers that only support them (sides.csv / actors.csv
        contests_territory): their troops securing an airport are not a change of control."""
        return actor in self.contesting

    def has_air_power(self, actor: str) -> bool:
        """False for sides without aircraft (data/sides.csv air_power): they cannot be airstrike actors."""
        return self.side(actor) not in self.grounded_sides

    by_country: tuple[tuple[str, str, str, re.Pattern[str] | None], ...] = ()

    def localize(self, actor: str, iso_a2: str, text: str = "") -> str:
        """The actor a generic name stands for in a country (data/actor_by_country.csv): "Kurdish
        fighters" at Kobani are the SDF, unless the sentence names the Peshmerga. Country "*" fits
        any country; "<gov>" becomes that country's government ("government troops" at Homs: Syria)."""
        for name, country, becomes, unless in self.by_country:
            if actor == name and country in (iso_a2, "*") and not (unless and unless.search(text)):
                return (self.government_of(iso_a2) or actor) if becomes == "<gov>" else becomes
        return actor

    def side_color(self, side: str) -> str:
        return self.side_colors.get(side, self.side_colors.get("other", "#7f7f7f"))

    def government_of(self, iso_a2: str) -> str:
        """The actor standing for a country's government ("IQ" -> "Iraq"), or ""."""
        return self.by_iso.get(iso_a2.upper(), "")


def _longest(found: list[ActorMatch]) -> list[ActorMatch]:
    """Left to right; where matches overlap keep the longest ("Iraqi Kurdish forces" over "Iraqi")."""
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[ActorMatch] = []
    for match in found:
        if kept and match.start < kept[-1].end:
            if match.end - match.start > kept[-1].end - kept[-1].start:
                kept[-1] = match
            continue
        kept.append(match)
    return kept


# "the army", "the military": common nouns naming a force; capitalised and followed by "of" or
# another capitalised word ("the Army of the Mujahideen", "the Army Rangers") they begin another
# group's proper name, while "the Army withdrew" is still the army.
_COMMON_NOUN = re.compile(r"(?i:the)\s+[a-z]")
_NAME_GOES_ON = re.compile(r"\s+(?:of\b|[A-Z])")


def _common_noun_as_name(text: str, match: ActorMatch) -> bool:
    """True for a "the ..." alias whose capitalised noun begins a longer proper name."""
    return (match.text[:4].lower() == "the " and not _COMMON_NOUN.match(match.text)
            and _NAME_GOES_ON.match(text, match.end) is not None)


_WORD = re.compile(r"[A-Za-z]{2,}")


def _in_shouting(text: str, start: int, end: int) -> bool:
    """True when a short acronym sits among all-caps words ("THIS IS WAR"), not a name."""
    before = _WORD.findall(text[max(0, start - 20):start])
    after = _WORD.findall(text[end:end + 20])
    near = before[-1:] + after[:1]
    return any(w.isupper() for w in near)


def _compile(aliases: list[str], flags: int) -> re.Pattern[str] | None:
    if not aliases:
        return None
    parts = []
    for alias in sorted(set(aliases), key=len, reverse=True):
        body = re.escape(alias).replace("\\ ", r"\s+")
        # Plural demonyms ("Canadians") for aliases ending in a lowercase letter.
        if alias[-1].islower():
            body += "(?:s|es)?"
        parts.append(body)
    return re.compile(r"(?<![\w.\-'’])(" + "|".join(parts) + r")(?!\w)", flags)


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as error:
        raise GeoError(f"cannot read {path.name}: {error.strerror}") from error


@lru_cache(maxsize=4)
def load_actors(path: str | None = None, sides_path: str | None = None) -> ActorLexicon:
    """Load the actor lexicon (cached): data/actors.csv unless another path is given."""
    rows = _read_csv(Path(path) if path else ACTORS_CSV)
    side_rows = _read_csv(Path(sides_path) if sides_path else SIDES_CSV)
    sides = {r["side"]: r["color"] for r in side_rows}
    grounded = {r["side"] for r in side_rows if r.get("air_power", "yes").strip().lower() == "no"}
    side_contests = {r["side"]: (r.get("contests_territory") or "yes").strip().lower() == "yes" for r in side_rows}
    contesting: set[str] = set()
    actors: dict[str, Actor] = {}
    aliases: dict[str, str] = {}
    for row in rows:
        name = row["actor"].strip()
        if not name:
            continue
        actors[name] = Actor(name, row["side"].strip(), row["color"].strip(), (row.get("iso_a2") or "").strip())
        override = (row.get("contests_territory") or "").strip().lower()
        if override == "yes" or (override != "no" and side_contests.get(actors[name].side, True)):
            contesting.add(name)
        for alias in [name, *(row.get("aliases") or "").split("|")]:
            alias = alias.strip()
            if alias:
                aliases.setdefault(alias, name)
    lexicon = ActorLexicon(actors, aliases, sides)
    lexicon.grounded_sides = frozenset(grounded)
    lexicon.contesting = frozenset(contesting)
    by_country = []
    if BY_COUNTRY_CSV.exists() and path is None:
        for r in _read_csv(BY_COUNTRY_CSV):
            unless = (r.get("unless") or "").strip()
            by_country.append((r["actor"].strip(), r["country"].strip().upper(), r["becomes"].strip(),
                               re.compile(unless) if unless else None))
    lexicon.by_country = tuple(by_country)
    lexicon.region_takers = frozenset(r["actor"].strip() for r in rows
                                      if (r.get("region_taker") or "").strip().lower() == "yes")
    return lexicon
