"""Text scraped from a web page (003): bare headings and `|`-separated infobox rows.

Headings carry no markup, so they are recognised by shape: a short line without final
punctuation (or a 1-4 word line ending in "."). Levels are guessed: headings that follow
each other nest, a date heading ("5 September 2014") sits under the last other heading.
Infobox rows become one Table and also sentences (their dates matter).
"""

from __future__ import annotations

import re
from geo.ingest.blocks import Block, SectionTracker
from geo.ingest.text import LIST_MARK, iter_lines
from geo.model import Table

_DATE_HEADING = re.compile(
    r"^(\d{1,2}\s+)?(January|February|March|April|May|June|July|August|September|October|"
    r"November|December)?\s*\d{4}$", re.I)
_BAD_END = (",", ";", ":", "!", "?", "-", "–", "(", '"')


def is_heading(stripped: str) -> bool:
    """Shape test for a bare heading line."""
    words = stripped.split()
    if not words or len(words) > 8 or len(stripped) > 70 or "|" in stripped:
        return False
    if LIST_MARK.match(stripped) or not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if stripped.endswith(_BAD_END):
        return False
    if stripped.endswith("."):
        return len(words) <= 4 and ". " not in stripped
    return True


def scraped_blocks(text: str, tracker: SectionTracker) -> tuple[list[Block], list[Table]]:
    """Blocks and the infobox table of a scraped page."""
    blocks: list[Block] = []
    rows: list[list[str]] = []
    table_line = 0
    paragraph = 0
    last_was_heading = False
    level = 0                 # level of the last heading
    plain_level = 0           # level of the last heading that is not a date

    def add(body_start: int, body: str) -> None:
        nonlocal paragraph
        lead = len(body) - len(body.lstrip())
        body = body.strip()
        if body:
            paragraph += 1
            blocks.append(Block(body, body_start + lead, section=tracker.path, paragraph=paragraph))

    for number, offset, raw in iter_lines(text):
        line = raw.rstrip("\r\n")
        stripped = line.strip()
        if not stripped:
            continue
        if "|" in stripped:
            cells = [c.strip() for c in stripped.split("|")]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                if cells[0].startswith("•") and rows:
                    rows[-1][-1] = f"{rows[-1][-1]} {cells[0]}".strip()
                    cells = cells[1:]
                if cells:
                    rows.append(cells)
                    table_line = table_line or number
                # the row as a sentence, verbatim up to its last non-empty cell
                end = len(line.rstrip().rstrip("| ").rstrip())
                add(offset, line[:end])
            last_was_heading = False
            continue
        if is_heading(stripped):
            dated = bool(_DATE_HEADING.match(stripped))
            if last_was_heading:
                level = level + 1
            elif dated:
                level = plain_level + 1
            else:
                level = plain_level or 1
            if not dated:
                plain_level = level
            title = stripped.rstrip(".").rstrip()      # "In . " is titled "In", not "In "
            tracker.heading(title, level, number)
            lead = len(line) - len(line.lstrip())
            tracker.title_text(Block(title, offset + lead))
            last_was_heading = True
            continue
        mark = LIST_MARK.match(line)
        cut = mark.end() if mark else 0
        add(offset + cut, line[cut:])
        last_was_heading = False
    tables = []
    if rows:
        width = max(len(r) for r in rows)
        tables.append(Table(table_line, (), tuple(tuple(r) + ("",) * (width - len(r)) for r in rows)))
    return blocks, tables
