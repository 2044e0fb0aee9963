"""Plain text with `== Heading ==` lines (000, 002) or none at all (004), read line by line.

The reader is a generator over lines, so the same code reads a 5 KB blog post into a
Document and streams a 50 MB file sentence by sentence in bounded memory.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

from geo.ingest.blocks import Block, SectionTracker
from geo.ingest.sentences import split_spans
from geo.model import Sentence

HEADING = re.compile(r"^(={1,6})[ \t]*(.+?)[ \t]*\1[ \t]*$")
CAPS_HEADING = re.compile(r"^[A-Z][A-Z '&-]{2,40}$")      # "SOURCES" in 004
# a first line in capitals names the document: "SITUATION REPORT: NINEVEH, 12 MARCH 2017"
CAPS_TITLE = re.compile(r"^[A-Z0-9À-Þ][A-Z0-9À-Þ '&:,./()–—-]{3,150}$")
LIST_MARK = re.compile(r"^[ \t]*(?:[-*•]|\d{1,3}[.)])[ \t]+")
_END = (".", "!", "?", ":", '"', "”", "’", ")")

Line = tuple[int, int, str]          # (1-based line, offset of its first char, raw text)


def iter_lines(text: str) -> Iterator[Line]:
    """(line number, offset, raw line with its newline) for a whole text."""
    offset, number, find = 0, 0, text.find
    while offset < len(text):      # only "\n" ends a line, as in Document.line_starts
        end = find("\n", offset)
        end = len(text) if end == -1 else end + 1
        number += 1
        yield number, offset, text[offset:end]
        offset = end


def heading_of(stripped: str) -> tuple[str, int] | None:
    """(title, level) if the line is a heading in this format."""
    match = HEADING.match(stripped)
    if match:
        return match.group(2).strip(), len(match.group(1))
    if CAPS_HEADING.match(stripped) and len(stripped.split()) <= 4:
        return stripped, 2
    return None


def title_at(raw: str, title: str) -> int:
    """Where a heading's title starts in its raw line: after the leading "="s, if any."""
    lead = len(raw) - len(raw.lstrip())
    marks = len(raw) - lead - len(raw[lead:].lstrip("="))
    at = raw.find(title, lead + marks)
    return at if at != -1 else raw.find(title, lead)     # "===x==": the title is "=x"


def caps_title(text: str) -> str:
    """The first line if it is in capitals ("SITUATION REPORT: THE FALL OF BAGHUZ"), else ''.

    It names the document but stays a sentence too: places in it are still found."""
    first = text.lstrip()[:200].split("\n", 1)[0].strip()
    if CAPS_TITLE.match(first) and sum(c.isalpha() for c in first) >= 4:
        return first
    return ""


def text_blocks(lines: Iterable[Line], tracker: SectionTracker
                ) -> Iterator[tuple[Block, list[tuple[int, int]]]]:
    """Blocks (paragraphs and list items) with the (offset, line) pairs of their lines.

    Consecutive lines join into one paragraph only when the first does not end a sentence
    and the next starts in lower case (a hard-wrapped paragraph); otherwise each line is a
    paragraph, as in the corpus where paragraphs are single long lines. A line ending in ":"
    ("... fixed wing aircraft:") leads into the next block, which keeps its paragraph number
    so that dates carry across the line break.
    """
    para: list[Line] = []
    paragraph = 0
    lead_in = False             # the last block ended with ":" and no heading came since

    def flush() -> Iterator[tuple[Block, list[tuple[int, int]]]]:
        nonlocal paragraph, lead_in
        if not para:
            return
        offset = para[0][1]
        starts = [(o, n) for n, o, _ in para]
        text = "".join(raw for _, _, raw in para).replace("\r", " ").replace("\n", " ")
        mark = LIST_MARK.match(text)
        cut = mark.end() if mark else len(text) - len(text.lstrip())
        body = text[cut:].rstrip()
        para.clear()
        if body:
            paragraph += 0 if lead_in else 1
            lead_in = body.endswith(":")
            yield Block(body, offset + cut, section=tracker.path, paragraph=paragraph), starts

    for number, offset, raw in lines:
        stripped = raw.strip()
        if not stripped:
            yield from flush()
            continue
        head = heading_of(stripped)
        if head:
            yield from flush()
            lead_in = False
            tracker.heading(head[0], head[1], number)
            tracker.title_text(Block(head[0], offset + title_at(raw, head[0])))
            continue
        if para and not LIST_MARK.match(raw) and stripped[0].islower() \
                and not para[-1][2].rstrip().endswith(_END):
            para.append((number, offset, raw))
            continue
        yield from flush()
        para.append((number, offset, raw))
    yield from flush()


def text_sentences(lines: Iterable[Line], tracker: SectionTracker,
                   first_index: int = 0) -> Iterator[Sentence]:
    """Sentences of a plain-text file, streamed (text is verbatim, so no segments)."""
    index = first_index
    for block, starts in text_blocks(lines, tracker):
        base, text, section, paragraph = block.start, block.text, block.section, block.paragraph
        offsets = [o for o, _ in starts]
        for a, b in split_spans(text):
            start = base + a
            line = starts[0][1] if len(starts) == 1 else \
                starts[max(bisect.bisect_right(offsets, start) - 1, 0)][1]
            yield Sentence(text[a:b], line, start, base + b, section, paragraph, index)
            index += 1
