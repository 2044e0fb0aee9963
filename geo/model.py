"""The records that flow between stages, defined once and shared by all of them.

Every record is a small frozen dataclass. A stage takes the previous stage's records and
returns its own (often the same record with more fields filled via `dataclasses.replace`).
Offsets and line numbers always point into the ORIGINAL file, so any fact found later can
cite the exact place it came from.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

PRECISIONS = ("day", "range", "month", "season", "year")

PLACE_KINDS = (
    "city", "town", "village", "airbase", "dam", "mountain", "region",
    "country", "camp", "sea", "other",
)

EVENT_TYPES = (
    "airstrike", "territory_change", "base_use", "deployment", "battle",
    "attack", "airdrop", "withdrawal", "other",
)

GEO_PRECISIONS = ("place", "near", "region", "country")


@dataclass(frozen=True)
class DateSpan:
    """A date expression turned into an honest interval: `start`..`end` inclusive.

    `precision` never claims more than the text says: "in July 2014" is
    2014-07-01..2014-07-31 with precision "month", not a day.
    `text`, `start_char`, `end_char` locate the expression inside its sentence text
    (-1 when the span comes from context such as a heading or the document date).
    """

    start: date
    end: date
    precision: str
    text: str = ""
    start_char: int = -1
    end_char: int = -1
    qualifier: str = ""            # "by", "since", "until", "after", "before", "as of", ...

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown date precision {self.precision!r}")
        if self.end < self.start:
            raise ValueError(f"date span ends before it starts: {self.start}..{self.end}")

    def overlaps(self, other: DateSpan) -> bool:
        return self.start <= other.end and other.start <= self.end


@dataclass(frozen=True)
class Link:
    """A wiki link kept as a hint for the place stage: `[[target|text]]`.

    `start`/`end` are offsets of the display text in the sentence text.
    """

    target: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """One sentence of prose (or one table row / list item rendered as text).

    `text` is clean plain text (markup removed). `segments` maps it back to the original
    file: each pair (text_index, original_offset) starts a run of characters copied
    verbatim, so text[i] came from original offset `to_original(i)`.
    """

    text: str
    line: int                      # 1-based line of the first character in the original file
    start: int                     # offset of the first character in the original file
    end: int                       # offset just past the last character in the original file
    section: tuple[str, ...] = ()  # heading path, outermost first
    paragraph: int = 0             # paragraph number within the document (dates use it)
    index: int = 0                 # sentence number within the document
    segments: tuple[tuple[int, int], ...] = ()
    links: tuple[Link, ...] = ()
    dates: tuple[DateSpan, ...] = ()

    def to_original(self, i: int) -> int:
        """Original-file offset of character `i` of `text` (i == len(text) is allowed)."""
        if not self.segments:
            return self.start + i
        starts = [s[0] for s in self.segments]
        k = bisect.bisect_right(starts, i) - 1
        text_start, orig_start = self.segments[max(k, 0)]
        return orig_start + (i - text_start)

    def to_original_end(self, j: int) -> int:
        """Original-file offset just past character `j - 1`: the end of a span text[i:j].

        Differs from to_original(j) where markup was removed right after the span
        (e.g. the `]]` closing a wiki link).
        """
        return self.to_original(j - 1) + 1 if j > 0 else self.to_original(0)


@dataclass(frozen=True)
class Section:
    """A heading and the lines it covers. `path` is the heading path including itself."""

    title: str
    level: int
    line_start: int
    line_end: int
    path: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table read from the document: a header row and data rows of plain-text cells."""

    line: int
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    section: tuple[str, ...] = ()
    caption: str = ""


@dataclass(frozen=True)
class Document:
    """One input document, read by the reader for its format."""

    id: str                       # file name, used as `doc` in every output
    path: str
    title: str
    format: str                   # text, wikitext, scraped, html, markdown
    date: DateSpan | None         # document date: resolves "next year", "On November 27"
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = ()
    line_starts: tuple[int, ...] = field(default=(), repr=False)
    # heading titles as Sentences (index -1: not prose, so events skip them; places find them)
    headings: tuple[Sentence, ...] = ()
    # the period the document is about (front matter `date: 5 March – 25 May 2014` beside a
    # `pubDate`): its own timeline, which dates "On 10 June" before the publication date does
    period: DateSpan | None = None
    # the point the page gives for its own subject ({{coord}}, "Coordinates:", geo <meta>): the
    # place stage makes `title` a place there for this document (lat, lon)
    point: tuple[float, float] | None = None

    def line_of(self, offset: int) -> int:
        """1-based line number of an original-file offset."""
        if not self.line_starts:
            return 1
        return bisect.bisect_right(self.line_starts, offset)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    place_id: str                 # e.g. "geonames:99072", "icao:ORAA", "curated:mosul-dam"
    name: str
    kind: str                     # one of PLACE_KINDS
    country: str                  # ISO 3166-1 alpha-2 ("" for seas and the like)
    lat: float
    lon: float
    source: str                   # geonames, airportsdata, naturalearth, curated, user, nominatim
    population: int = 0
    admin1: str = ""


@dataclass(frozen=True)
class Mention:
    """A place name found in a document, resolved or not (then `place` is None)."""

    doc: str
    line: int
    start: int                    # original-file offsets
    end: int
    text: str
    sentence: int                 # Sentence.index
    place: Place | None = None
    confidence: float = 0.0
    alternatives: tuple[Place, ...] = ()
    role: str = "place"           # "place", or "modifier" for "U.S. forces" (not a map point)
    via: str = ""                 # "" named in the text; "anaphora": "the base" naming an earlier one


@dataclass(frozen=True)
class SourceRef:
    """Where an event was read: document and 1-based line."""

    doc: str
    line: int


@dataclass(frozen=True)
class Event:
    """A dated, placed, sourced event (columns follow DESIGN.md's events.csv contract)."""

    event_id: str
    event_type: str
    date: DateSpan
    place: Place | None
    actor: str = ""
    target: str = ""
    geo_precision: str = "place"
    holder_after: str = ""
    evidence: str = ""
    sources: tuple[SourceRef, ...] = ()
    conflicts: str = ""
    place_text: str = ""          # surface text of the place mention
    trigger: tuple[int, int] = (-1, -1)   # original-file offsets of the cue words (-1: unknown)
    reported: date | None = None  # the telling document's own day, if it has one (tells bulletins apart)
