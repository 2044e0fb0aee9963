"""Date context from document structure: dated headings, manifest dates, and tagging every
sentence of a Document with the dates it mentions."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from geo.dates.grammar import Raw, patterns, scan
from geo.dates.lexicon import _rows, lexicon
from geo.dates.prefilter import lower_led_flags
from geo.dates.resolve import (IN_TITLE, DateContext, _month_end, anchor, find_dates,
                               later_dated, resolve_all)
from geo.errors import InputError
from geo.model import DateSpan, Document, Sentence

_ISO = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*")
_LEFTOVER = re.compile(r"[\W_]*")


def parse_iso_or_partial(s: str) -> DateSpan:
    """A manifest date "2014", "2014-08" or "2014-08-08" as a year, month or day span."""
    m = _ISO.fullmatch(s or "")
    if not m:
        raise InputError(f"not a date (want YYYY, YYYY-MM or YYYY-MM-DD): {s!r}")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = date(y, int(mo), int(d))
            return DateSpan(day, day, "day", s.strip())
        if mo:
            return DateSpan(date(y, int(mo), 1), _month_end(y, int(mo)), "month", s.strip())
    except ValueError as exc:
        raise InputError(f"not a valid date: {s!r}") from exc
    return DateSpan(date(y, 1, 1), date(y, 12, 31), "year", s.strip())


def heading_date(title: str, outer: DateSpan | None = None) -> DateSpan | None:
    """The date a heading IS ("September 2014", "2015", "June–July 2020"), else None.

    A bare month heading ("September") takes its year from `outer`, the enclosing dated heading.
    """
    t = title.strip().strip("=").strip()
    if not t:
        return None
    spans = find_dates(t, DateContext(heading=outer))
    if len(spans) != 1:
        if outer is not None and t.lower() in lexicon().months and t[0].isupper():
            mo = lexicon().months[t.lower()]
            y = outer.end.year
            return DateSpan(date(y, mo, 1), _month_end(y, mo), "month", t)
        return None
    sp = spans[0]
    if _LEFTOVER.fullmatch(t[:sp.start_char]) and _LEFTOVER.fullmatch(t[sp.end_char:]):
        return replace(sp, text=t, start_char=-1, end_char=-1)
    return None


@lru_cache(maxsize=4096)
def section_date(section: tuple[str, ...]) -> DateSpan | None:
    """Innermost dated heading of a section path; month headings lean on outer year ones.

    Without one, a single day, month or year inside the innermost such title serves
    ("July 2015 special forces operation"); a range there ("campaign 2014–2015") does not.
    """
    found: DateSpan | None = None
    for title in section:
        hd = heading_date(title, found)
        if hd is not None:
            found = hd
    if found is None:
        for title in reversed(section):
            spans = find_dates(title, DateContext())
            if len(spans) == 1 and spans[0].precision in ("day", "month", "year"):
                return replace(spans[0], text=title, start_char=-1, end_char=-1, qualifier=IN_TITLE)
    return found


def tag_document(doc: Document) -> Document:
    """A copy of `doc` whose sentences carry the dates they mention, resolved in context."""
    p = patterns()      # compile once, outside the loop
    sents = doc.sentences
    full = lower_led_flags([s.text for s in sents], p)
    raws_of = [scan(s.text, True, needs_full) for s, needs_full in zip(sents, full)]
    out: list[Sentence] = []
    prev: DateSpan | None = None
    paragraph: int | None = None
    earlier: DateSpan | None = None     # an earlier paragraph's narrative time
    now: DateSpan | None = None         # this paragraph's narrative time so far (no flashbacks)
    background: DateSpan | None = None  # this paragraph's last background date ("since 2012")
    # a publication day (news, press release): its year-less dates are the story's present, and
    # an older date after one in the same sentence is background, not a new narrative time
    # (an article with a timeline of its own, a Wikipedia page about a battle, is not news of its day)
    own_timeline = doc.period is not None or _looks_back_at(doc.date, raws_of)
    dated_news = doc.date is not None and doc.date.precision == "day" and not own_timeline
    day_before: DateSpan | None = None  # the day the paragraph just before ended on
    for i, s in enumerate(sents):
        if s.paragraph != paragraph:
            day_before = _day_carried(prev, paragraph, s, sents[i - 1] if i else None)
            paragraph, earlier = s.paragraph, now or earlier
            prev = now = background = None
        if i and sents[i - 1].paragraph == s.paragraph:
            day_before = None   # only a paragraph's opening sentence counts from the paragraph before
        raws = raws_of[i]
        if not raws:            # most sentences: no context to build, nothing to copy
            days = _weekdays(s.text, doc.date) if dated_news and "day" in s.text else ()
            if days:
                prev = now = days[-1]
            out.append(_with_dates(s, days) if days or s.dates else s)
            continue
        later = None
        if prev is None and not dated_news and any(r.year() is None and not r.rel for r in raws):
            later = _later_in_paragraph(sents, raws_of, i)
        ctx = DateContext(previous=prev, heading=section_date(tuple(s.section)), earlier=earlier,
                          document=doc.date, later=later, look_ahead=not dated_news,
                          period=doc.period, document_year=not own_timeline, background=background,
                          day_before=day_before if prev is None else None)
        spans = resolve_all(s.text, raws, ctx)
        story = _in_story(spans, raws)
        if len(story) < len(spans):
            background = next(sp for sp in reversed(spans) if sp not in story)
        if story:
            prev = _narrative(story) if dated_news else (anchor(story) or prev)
            # what the next paragraph leans on: the paragraph's time, not a last flashback
            # ("... returned the bodies of soldiers killed in 2014.")
            now = _narrative([now] + story if now is not None else story)
        out.append(_with_dates(s, tuple(spans)))
    return replace(doc, sentences=tuple(out))


def _day_carried(last: DateSpan | None, paragraph: int | None, s: Sentence,
                 before: Sentence | None) -> DateSpan | None:
    """The day a paragraph opening "The next day, ..." or "Two days later, ..." counts from: the
    last date of the paragraph right before it, in the same section, when that is a day (a
    narrative told a paragraph per day); None otherwise."""
    if last is None or before is None or paragraph is None or last.precision != "day":
        return None
    if s.paragraph != paragraph + 1 or tuple(s.section) != tuple(before.section):
        return None
    return last


def _looks_back_at(published: DateSpan | None, raws_of: list[list[Raw]]) -> bool:
    """Whether the text has a timeline of its own, years before it was published: most of the
    years it states lie two or more years before the publication date (a 2023 article about
    2014). Its year-less dates then follow its timeline, never the publication year."""
    if published is None:
        return False
    years = sorted(y for raws in raws_of for r in raws
                   if not r.rel and not r.background and (y := r.year()) is not None)
    return len(years) >= 3 and years[len(years) // 2] < published.start.year - 1


def _later_in_paragraph(sents: tuple[Sentence, ...], raws_of: list[list[Raw]],
                        i: int) -> DateSpan | None:
    """The first date with its own year in the sentences after `i` in the same paragraph."""
    for j in range(i + 1, len(sents)):
        if sents[j].paragraph != sents[i].paragraph:
            break
        if any(r.year() is not None and not r.rel and not r.background for r in raws_of[j]):
            return later_dated(sents[j].text, raws_of[j])
    return None


@lru_cache(maxsize=1)
def _weekday_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    """"on Thursday" (not "on Thursday, Oct. 20", which the grammar reads) and weekday numbers."""
    days = {r["name"]: int(r["weekday"]) for r in _rows("weekdays.csv")}
    names = "|".join(sorted(days, key=len, reverse=True))
    return re.compile(rf"\b[Oo]n\s+(?:the\s+)?({names})\b(?!\s*,?\s*\d)"), days


def _weekdays(text: str, published: DateSpan) -> tuple[DateSpan, ...]:
    """"recaptured Bartella on Thursday" in a story published that week: the last such weekday
    on or before the publication day (wire copy names days of the past week, not dates)."""
    pattern, days = _weekday_pattern()
    out = []
    for m in pattern.finditer(text):
        day = published.end - timedelta(days=(published.end.weekday() - days[m.group(1)]) % 7)
        out.append(DateSpan(day, day, "day", m.group(1), m.start(1), m.end(1)))
    return tuple(out)


def _narrative(spans: list[DateSpan]) -> DateSpan:
    """The sentence's last date that is not a flashback: "retook Qaraqosh on October 22, a town
    IS seized in August 2014" leaves a news story's present at October 22 for what follows."""
    now = spans[0]
    for sp in spans[1:]:
        if sp.end >= now.start:
            now = sp
    return now


def _in_story(spans: list[DateSpan], raws: list[Raw]) -> list[DateSpan]:
    """The spans that may become the story's time: not background ("since late 2012")."""
    background = {r.start for r in raws if r.background}
    return [sp for sp in spans if sp.start_char not in background] if background else spans


def _with_dates(s: Sentence, dates: tuple[DateSpan, ...]) -> Sentence:
    """`replace(s, dates=dates)` without its per-field cost (tagging copies many sentences)."""
    if hasattr(s, "__post_init__") or not hasattr(s, "__dict__"):
        return replace(s, dates=dates)
    new = object.__new__(type(s))
    new.__dict__.update(s.__dict__)
    new.__dict__["dates"] = dates
    return new
