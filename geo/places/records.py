"""The records places pass between stages: a recognised name (Span) and what resolution
made of it (Resolution). Defined once, before recognition, so every later module imports
them from here and nothing imports backwards."""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.model import Place


@dataclass(slots=True)
class Span:
    """A recognised name before resolution."""

    start: int
    end: int
    text: str
    name: str                      # the name to look up (span minus feature words)
    cue: str = ""                  # kind the phrase asks for ("airbase" for "X Air Base")
    strong: bool = False           # a place cue makes even a common word a place
    modifier: bool = False         # "U.S. forces", "US-led"
    link: str = ""                 # wiki link target covering the span
    needs_country: bool = False    # only a preposition says it is a place
    weak_reasons: list[str] = field(default_factory=list)
    within: object = None          # the region or country named after a comma ("Hit, Iraq")
    feature: bool = False          # a feature word follows ("Oman oilfield"): not the country
    container: object = None       # "Tacoma, Washington": the region the town before names
    group: int = -1                # list ("Utah, Washington and Idaho"): its first span's start
    unknown: bool = False          # a whole name the gazetteer lacks ("Sultan Abdallah")
    fuzzy: bool = False            # found only through its transliteration skeleton


@dataclass
class Resolution:
    place: Place | None
    confidence: float
    alternatives: tuple[Place, ...]
    keep: bool = True
    withheld: bool = False  # left unresolved on purpose (a namesake abroad, "Oman oilfield")
