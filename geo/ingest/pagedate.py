"""A page's own dates: when it was published, and the period it is about.

Front matter keys (data/dates/page_date_keys.csv) name either the publication date (`pubDate`,
`published`, ...) or `date`, which means the publication date when it is alone (Jekyll, Hugo)
and the period the page is about when a publication key is beside it, or when it is a list or
a range (Wikipedia infobox dumps: `date: [5 March – 25 May 2014]`, `pubDate: 2023-07-31`).

Which one dates year-less expressions ("On 10 June"): the period, the article's own timeline;
the publication date only when there is none (an article written in 2023 about a 2014 battle
puts "10 June" in 2014). "– present" ends at the publication date. A value that is not a date
("2015-13-45") is ignored with a one-line warning: the page is read undated.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from geo import settings
from geo.errors import InputError
from geo.ingest.manifest import parse_doc_date
from geo.model import DateSpan


@lru_cache(maxsize=1)
def page_date_keys() -> dict[str, dict[str, str]]:
    """source ("front" or "meta") → lower-case key → role ("published" or "date")."""
    out: dict[str, dict[str, str]] = {"front": {}, "meta": {}}
    with open(settings.DATA_DIR / "dates" / "page_date_keys.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[row["source"]][row["key"].lower()] = row["role"]
    return out


def front_dates(front: dict) -> tuple[DateSpan | None, DateSpan | None, list[str]]:
    """(publication date, period the page is about, warnings) of Markdown front matter."""
    roles = page_date_keys()["front"]
    found: dict[str, object] = {}
    for key, value in front.items():
        role = roles.get(str(key).lower())
        if role and role not in found and value not in (None, "", [], {}):
            found[role] = value
    warnings: list[str] = []
    published = None
    if "published" in found:
        published = _published(found["published"], warnings)
    value = found.get("date")
    if value is None:
        return published, None, warnings
    if "published" not in found and not isinstance(value, list) and not _is_range(str(value)):
        return _published(value, warnings), None, warnings       # Jekyll/Hugo: `date` is the day
    return published, _period(value, published, warnings), warnings


def _published(value: object, warnings: list[str]) -> DateSpan | None:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    span = page_date(value) if isinstance(value, (str, int, float)) else None
    if span is None:
        warnings.append(f"ignoring page date {_short(value)} (not a date)")
    return span


def _period(value: object, published: DateSpan | None, warnings: list[str]) -> DateSpan | None:
    """One span from a scalar, a range or a list of them (first start to last end)."""
    items = value if isinstance(value, list) else [value]
    spans = []
    for item in items:
        span = _period_item(item, published) if isinstance(item, (str, int, float)) else None
        if span is None:
            warnings.append(f"ignoring date {_short(item)} (not a date or a range of dates)")
            continue
        spans.append(span)
    if not spans:
        return None
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    if len(spans) == 1:
        return spans[0]
    return DateSpan(start, end, "day" if start == end else "range", _short(value))


def _period_item(item: object, published: DateSpan | None) -> DateSpan | None:
    from geo.dates import DateContext, find_dates     # the dates stage's grammar, not a second parser

    text = str(item).strip()
    spans = find_dates(text, DateContext(document=published))
    if len(spans) == 1 and _only_dates(text, spans[0]):
        sp = spans[0]
        return DateSpan(sp.start, sp.end, sp.precision, text)
    return page_date(text)


_RANGE = re.compile(r"\d\s*(?:[–—]|\s-\s|\bto\b)\s*(?:\d|[A-Za-z])")


def _is_range(value: str) -> bool:
    """"2014-06-10 – 2014-06-29", "5 March – 25 May 2014": two ends, so a period."""
    return _RANGE.search(value) is not None


def page_date(value: object) -> DateSpan | None:
    """A page's publication date as sites write it: ISO ("2017-10-20T08:00:00Z", "2014-08"),
    "20171020", "October 20, 2017", "10/20/2017", "Friday, 20 Oct 2017 10:00 EST"; else None."""
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):                                # 20171020
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        span = parse_doc_date(text)
    except InputError:
        span = None
    if span is not None and _ISO_LIKE.fullmatch(text):
        return span
    return _spoken_date(text) or span


# an ISO date, optionally with a clock time and zone: anything else goes to the grammar
_ISO_LIKE = re.compile(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                       r"\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?")


def _spoken_date(value: str) -> DateSpan | None:
    """A complete date written out ("October 20, 2017", "20 Oct 2017", "10/20/2017"), else None."""
    from geo.dates import find_dates

    spans = find_dates(value)
    if len(spans) != 1 or spans[0].precision not in ("day", "month", "year"):
        return None
    before, after = value[:spans[0].start_char], value[spans[0].end_char:]
    # only a weekday before ("Friday, ") and a clock time after ("10:00 EST") may surround it
    if _WEEKDAY.fullmatch(before) and _CLOCK.fullmatch(after):
        sp = spans[0]
        return DateSpan(sp.start, sp.end, sp.precision, value)
    return None


_WEEKDAY = re.compile(r"\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?", re.I)
_CLOCK = re.compile(r"\s*(?:(?:[,T@]|\bat\b)?\s*\d{1,2}[:.]\d{2}\b.*)?\s*", re.S)
_SEPARATORS = re.compile(r"[\s,.;()\[\]]*")


_NOTE_AFTER = re.compile(r"[\s,.;]*(?:\([^()]*\)[\s.]*)?")     # "(6 years, 1 day)"


def _only_dates(text: str, span: DateSpan) -> bool:
    return bool(_SEPARATORS.fullmatch(text[:span.start_char])
                and _NOTE_AFTER.fullmatch(text[span.end_char:]))


def _short(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else repr(value.strip())
    return text if len(text) <= 60 else text[:57] + "..."
