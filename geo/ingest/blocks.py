"""The common middle of every reader: paragraphs of clean text mapped back to the original.

A reader turns its markup into `Block`s (one paragraph, list item or table row each) and
headings into a `SectionTracker`; `block_sentences` splits blocks into `Sentence` records whose
offsets, lines and link positions all point into the ORIGINAL file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from geo.ingest.sentences import split_spans
from geo.model import Link, Section, Sentence

_WORDS = re.compile(r"[^\s\x01]+|[\s\x01]+")
_BLANKS = re.compile(r"[\s\x01]*")
_GAP = re.compile(r"[\s\x01]+")
_LONG_GAP = re.compile(r"[\s\x01]{2,}")


@dataclass
class Block:
    """One paragraph of clean text; `segments` as in Sentence (empty: verbatim from `start`)."""

    text: str
    start: int
    segments: tuple[tuple[int, int], ...] = ()
    links: list[tuple[int, int, str]] = field(default_factory=list)
    section: tuple[str, ...] = ()
    paragraph: int = 0

    def orig(self, i: int) -> int:
        if not self.segments:
            return self.start + i
        k = bisect.bisect_right(self.segments, (i, float("inf"))) - 1
        ti, oi = self.segments[max(k, 0)]
        return oi + (i - ti)


def _trail_start(text: str) -> int:
    """Where the white space (and \x01) at the end of `text` begins."""
    stop = len(text)
    while stop and (text[stop - 1].isspace() or text[stop - 1] == "\x01"):
        stop -= 1
    return stop


class BlockBuilder:
    """Collects runs of text with their original offsets, collapsing whitespace as it goes."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.chars: list[str] = []
        self.length = 0
        self.segments: list[tuple[int, int]] = []
        self.links: list[tuple[int, int, str]] = []
        self._space_at: int | None = None       # original offset of a pending space
        self._link_start: int | None = None
        self._link_open = False

    def _at(self, orig: int) -> None:
        """Start a new segment unless text appended now continues the last one in the original."""
        if self.segments:
            ti, oi = self.segments[-1]
            if oi + (self.length - ti) != orig:
                self.segments.append((self.length, orig))
        else:
            self.segments.append((0, orig))

    def _emit(self, text: str, orig: int) -> None:
        self._at(orig)
        self.chars.append(text)
        self.length += len(text)

    def add(self, text: str, orig: int, verbatim: bool = True) -> None:
        """Add `text` found at original offset `orig` (synthetic text: verbatim=False)."""
        if verbatim:
            self._add_verbatim(text, orig)
            return
        for match in _WORDS.finditer(text):
            piece = match.group()
            at = orig + match.start() if verbatim else orig
            if piece[0].isspace() or piece[0] == "\x01":
                if self.length and self._space_at is None:
                    self._space_at = at
                continue
            if self._space_at is not None:
                self._emit(" ", self._space_at)
                self._space_at = None
            if self._link_open and self._link_start is None:
                self._link_start = self.length
            if verbatim:
                self._emit(piece, at)
            else:
                for char in piece:   # synthetic text: every char points at its source
                    self._emit(char, orig)

    def _add_verbatim(self, text: str, orig: int) -> None:
        """`add` for text found verbatim, a whole run at a time: white space collapses to one
        space, and only a word after a longer gap starts a new segment (same result as word by
        word, in a few C-level calls)."""
        lead = _BLANKS.match(text).end()
        if lead == len(text):                       # only white space
            if lead and self.length and self._space_at is None:
                self._space_at = orig
            return
        if lead and self.length and self._space_at is None:
            self._space_at = orig
        if self._space_at is not None:
            self._emit(" ", self._space_at)
            self._space_at = None
        if self._link_open and self._link_start is None:
            self._link_start = self.length
        stop = _trail_start(text)
        core = text[lead:stop]
        base = orig + lead
        self._at(base)
        if not _GAP.search(core):                  # one word: the common piece
            self.chars.append(core)
            self.length += len(core)
        else:
            removed = 0
            for gap in _LONG_GAP.finditer(core):     # a word after a gap of 2+ starts a segment
                removed += gap.end() - gap.start() - 1
                self.segments.append((self.length + gap.end() - removed, base + gap.end()))
            out = _GAP.sub(" ", core)
            self.chars.append(out)
            self.length += len(out)
        if stop < len(text) and self._space_at is None:
            self._space_at = orig + stop

    def space(self, orig: int) -> None:
        """A line break or tag that separates words without ending the paragraph."""
        if self.length and self._space_at is None:
            self._space_at = orig

    def begin_link(self) -> None:
        self._link_open, self._link_start = True, None

    def end_link(self, target: str) -> None:
        if self._link_start is not None and self.length > self._link_start and target:
            self.links.append((self._link_start, self.length, target))
        self._link_open, self._link_start = False, None

    def text(self) -> str:
        return "".join(self.chars)

    def take(self, section: tuple[str, ...], paragraph: int) -> Block | None:
        """Return the collected paragraph (None if empty) and start a new one."""
        if not self.length:
            self.reset()
            return None
        block = Block(self.text(), self.segments[0][1], tuple(self.segments), self.links,
                      section, paragraph)
        if len(block.segments) == 1:
            block.segments = ()
        self.reset()
        return block


class SectionTracker:
    """Keeps the heading path while a reader walks the file, and records every Section."""

    def __init__(self, keep_closed: bool = True) -> None:
        self.keep_closed = keep_closed                # False: forget finished sections (streaming)
        self.stack: list[tuple[int, str, int]] = []   # (level, title, record number)
        self.records: dict[int, list] = {}            # number → [title, level, start, end, path]
        self.count = 0
        self._drained = 0
        self.titles: list[Block] = []                 # heading texts with original offsets

    def heading(self, title: str, level: int, line: int) -> None:
        while self.stack and self.stack[-1][0] >= level:
            _, _, number = self.stack.pop()
            if not self.keep_closed:
                self.records.pop(number, None)
            elif number in self.records:
                self.records[number][3] = line - 1
        path = tuple(t for _, t, _ in self.stack) + (title,)
        self.records[self.count] = [title, level, line, 0, path]
        self.stack.append((level, title, self.count))
        self.count += 1

    def title_text(self, block: Block | None) -> None:
        """Keep the last heading's text (a Block with original offsets) so the place stage can
        find names in it; call right after `heading`. Its section is the path with itself."""
        if block is not None and block.text and self.keep_closed:
            block.section, block.paragraph = self.path, 0
            self.titles.append(block)

    def heading_sentences(self, line_of: Callable[[int], int]) -> tuple[Sentence, ...]:
        """The kept heading texts as Sentences with index -1 (not prose: events skip them)."""
        return tuple(make_sentence(b, 0, len(b.text), line_of, -1) for b in self.titles)

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(t for _, t, _ in self.stack)

    def sections(self, last_line: int) -> tuple[Section, ...]:
        return tuple(Section(t, lv, a, e if e else last_line, p)
                     for t, lv, a, e, p in self.records.values())

    def drain(self) -> list[Section]:
        """Sections begun since the last drain (line_end 0 while still open), then forget
        the closed ones, so streaming a huge file keeps only the open headings in memory."""
        new = [Section(t, lv, a, e, p) for n, (t, lv, a, e, p) in self.records.items()
               if n >= self._drained]
        self._drained = self.count
        self.titles.clear()
        open_numbers = {n for _, _, n in self.stack}
        self.records = {n: r for n, r in self.records.items() if n in open_numbers}
        return new


def block_sentences(blocks: Iterable[Block], line_of: Callable[[int], int],
                    first_index: int = 0) -> Iterator[Sentence]:
    """Split blocks into Sentences with original offsets, lines and links."""
    index = first_index
    for block in blocks:
        for a, b in split_spans(block.text):
            yield make_sentence(block, a, b, line_of, index)
            index += 1


def make_sentence(block: Block, a: int, b: int, line_of: Callable[[int], int],
                  index: int) -> Sentence:
    """One Sentence for block.text[a:b]."""
    start = block.orig(a)
    segments: tuple[tuple[int, int], ...] = ()
    if block.segments:
        k = bisect.bisect_right(block.segments, (a, float("inf"))) - 1
        segs = [(0, start)]
        for ti, oi in block.segments[k + 1:]:
            if ti >= b:
                break
            segs.append((ti - a, oi))
        if len(segs) > 1:
            segments = tuple(segs)
    links = tuple(
        Link(target, block.text[ls:le], ls - a, le - a)
        for ls, le, target in block.links if ls >= a and le <= b
    )
    return Sentence(
        text=block.text[a:b], line=line_of(start), start=start, end=block.orig(b - 1) + 1,
        section=block.section, paragraph=block.paragraph, index=index,
        segments=segments, links=links,
    )
