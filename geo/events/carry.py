"""Which date an undated sentence inherits from its paragraph ("The army then took Hawija.").

Wikipedia-style narratives tell one day after another, so a sentence without a date happened on
the paragraph's last told date. Not when that date is a name's tag ("pre-war (1937) territory",
"the Battle of Bosra (2015)"), a flashback told in passing ("retook areas lost to the late July
offensive" after "in late October"), the start of a period ("Starting on 5 June, ..."), or when the paragraph is a summary whose dates jump back
and forth ("By the end of April ... in May ... On 16 April ..."): there the sentence's own day is
unknown, and no date is better than a wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from geo.model import DateSpan

# "(1937)", "(2015–2016)": a date alone in brackets tags the name before it.
BRACKETED = re.compile(r"\(\s*$")
BRACKET_CLOSE = re.compile(r"^\s*\)")
# a day or two back ("the previous day", "overnight") is no jump in the telling
SLACK = timedelta(days=3)
# "Starting on 5 June, ISIL seized ...", "from 3 May": when a period began; what the paragraph
# tells next happened some time after it, on a day the text does not give (qualifiers.csv)
OPEN_START = ("starting", "since")


def tag_only(text: str, d: DateSpan) -> bool:
    """True for a date standing alone in brackets ("pre-war (1937) territory")."""
    return (d.start_char > 0 and BRACKETED.search(text, max(0, d.start_char - 3), d.start_char) is not None
            and BRACKET_CLOSE.match(text[d.end_char:d.end_char + 3]) is not None)


def narrative(text: str, dates: tuple[DateSpan, ...]) -> DateSpan | None:
    """The date a sentence leaves as the story's time: its last date not told in passing as an
    earlier one (a flashback ending before the sentence's first date), nor a bracketed tag."""
    told = [d for d in dates if not tag_only(text, d)]
    if not told:
        return None
    now = told[0]
    for d in told[1:]:
        if d.end >= now.start:
            now = d
    return now


@dataclass
class ParagraphTime:
    """The time an undated sentence of the current paragraph inherits."""

    last: DateSpan | None = None
    mixed: bool = False     # the paragraph's told dates went back in time: a summary
    stated: bool = False    # a sentence of the paragraph stated a date of its own

    def told(self, text: str, dates: tuple[DateSpan, ...]) -> None:
        """A sentence of the paragraph stated `dates` (located in `text`)."""
        self.stated = True
        now = narrative(text, dates)
        if now is None:
            return
        if self.last is not None and now.end + SLACK < self.last.start:
            self.mixed = True
        self.last = None if now.qualifier in OPEN_START else now

    def held(self) -> tuple[DateSpan, ...]:
        """The inherited date (as a context date, not located in the sentence), or none."""
        if self.last is None or self.mixed:
            return ()
        return (replace(self.last, start_char=-1, end_char=-1),)
