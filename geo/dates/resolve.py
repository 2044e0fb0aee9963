"""Resolve found expressions against context into honest DateSpans.

Missing years come, in order, from the same list ("5 and 7 September 2014"), an earlier date in
the paragraph, the next dated expression later in the paragraph, the nearest dated heading, the
last date of an earlier paragraph (the narrative time, as for Wikipedia-style articles; only if
it lies within the document's own period, give or take a year), the period the document is about
(front matter), then the publication date (never a later date than it; not at all when the text's
stated years lie well before it). "since <month>" never lands after the date that lent its year;
offsets ("a week later") count from a stated date only; flashbacks ("the previous year", "a week
prior") and background ("held since late 2012") do not move the narrative time.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta

from geo.dates.grammar import Point, Raw, scan
from geo.dates.lexicon import lexicon, offset_of
from geo.model import DateSpan


@dataclass(frozen=True)
class DateContext:
    """What a sentence's date expressions may lean on for missing parts."""

    previous: DateSpan | None = None   # an earlier date in the same paragraph
    heading: DateSpan | None = None    # the nearest dated heading around the sentence
    document: DateSpan | None = None   # the document date from the manifest
    us_order: bool = True              # numeric 10/20/25 is month/day/year; 20/10/25 still day first
    earlier: DateSpan | None = None    # the last date of an earlier paragraph (narrative time)
    later: DateSpan | None = None      # the next date with a year later in the same paragraph
    look_ahead: bool = True            # may a later date in the sentence/paragraph lend its year
    period: DateSpan | None = None     # the period the document is about (its own timeline)
    background: DateSpan | None = None  # a background date in the paragraph ("since June 2014")
    document_year: bool = True         # may the document date lend a year (not when the text
                                       # has a timeline of its own, years before it)
    day_before: DateSpan | None = None  # at a paragraph's start: the day the paragraph before ended
                                       # on, which "the next day" and "two days later" count from


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _point(p: Point, y: int) -> tuple[date, date, str]:
    """The interval a fully-yeared point covers, and its precision."""
    lx = lexicon()
    if p.season:
        first, last = lx.seasons[p.season]
        end_y = y + 1 if last < first else y
        return date(y, first, 1), _month_end(end_y, last), "season"
    if p.part and p.m:
        first, last = lx.parts[(p.part, "month")]
        end = _month_end(y, p.m)
        return date(y, p.m, first), min(end, date(y, p.m, min(last, end.day))), "range"
    if p.part:
        first, last = lx.parts[(p.part, "year")]
        return date(y, first, 1), _month_end(y, last), "range"
    if p.m and p.d:
        d = date(y, p.m, p.d)
        return d, d, "day"
    if p.m:
        return date(y, p.m, 1), _month_end(y, p.m), "month"
    return date(y, 1, 1), date(y, 12, 31), "year"


# the qualifier of a section date read from inside a title ("Japanese invasion of China (1937)"),
# not a heading that is a date ("March 2015"): the section starts there, and may go on past it
IN_TITLE = "in title"


def _anchor_year(raw: Raw, prev: DateSpan | None,
                 ctx: DateContext) -> tuple[int, DateSpan] | None:
    """Year for an expression without one: previous date in the paragraph, the next dated one
    in the paragraph, heading, an earlier paragraph's last date, then the document date; with
    the date that lent it."""
    # under a dated heading, an earlier date outside the heading's period is a flashback
    # ("under ISIL control since 10 June 2014. On 10 March, ..." below "March 2015")
    if prev is not None and (ctx.heading is None or ctx.heading.qualifier == IN_TITLE
                             or prev.overlaps(ctx.heading)):
        return prev.end.year, prev
    later = ctx.later if prev is None else None
    if later is not None and (ctx.heading is None or later.overlaps(ctx.heading)):
        # "On 15 September, ... On 19 September 2014, ...": stories go forward, so a month/day
        # after the later date's must belong to the year before
        y = later.end.year
        try:
            start, _, _ = _point(raw.lo, y)
        except ValueError:
            return y, later
        if _continues(later, ctx.earlier) or _day_ahead(start, later):
            return (y - 1 if start > later.end else y), later
    if ctx.heading is not None:
        return ctx.heading.end.year, ctx.heading
    if ctx.earlier is not None and _within(ctx.earlier, ctx.period):
        return ctx.earlier.end.year, ctx.earlier
    if ctx.period is not None:
        y = _period_year(raw, ctx.period)
        if y is not None:
            return y, ctx.period
    # a background date ("since June 2014") is still the paragraph's word on the year, better
    # than a publication date, but only when nothing of the story's own time says otherwise
    if ctx.background is not None:
        return ctx.background.end.year, ctx.background
    if ctx.period is not None:
        return None
    if ctx.document is not None and ctx.document_year:
        y = ctx.document.end.year
        # a publication date: "In October", written in November 2025, is October 2025, and a
        # month after the document date must be the previous year's
        try:
            start, _, _ = _point(raw.lo, y)
        except ValueError:
            return y, ctx.document
        return (y - 1 if start > ctx.document.end else y), ctx.document
    return None


def _continues(later: DateSpan, earlier: DateSpan | None) -> bool:
    """Whether a date later in the paragraph may lend its year: the story so far (an earlier
    paragraph's time) is that year or the one before. "On 18 November, ... Snowden in August
    2014 claimed" after a paragraph in 2012 is a flashback forward, not the year of 18 November."""
    return earlier is None or earlier.end.year <= later.end.year <= earlier.end.year + 1


def _day_ahead(start: date, later: DateSpan) -> bool:
    """"On 15 September, ... On 19 September 2014": a stated day later in the same year lends
    its year even against an earlier paragraph's time; a month ("in August 2013"), or a day
    that would push the expression into the year before, is too loose for that."""
    return later.precision == "day" and start <= later.start


def _within(span: DateSpan, period: DateSpan | None) -> bool:
    """Whether an earlier paragraph's date may still be the story's time: inside the document's
    period, give or take a year (a flashback to 1991 in an article about 2003 is not)."""
    return period is None or period.start.year - 1 <= span.end.year <= period.end.year + 1


def _period_year(raw: Raw, period: DateSpan) -> int | None:
    """The year the document's own period gives a year-less expression: its one calendar year,
    or, for a period over several years, the one year that puts the expression inside it
    (None when several or none do: no year the text supports)."""
    if period.start.year == period.end.year:
        return period.start.year
    fits = []
    for y in range(period.start.year, period.end.year + 1):
        try:
            start, end, _ = _point(raw.lo, y)
        except ValueError:
            continue
        if start <= period.end and period.start <= end:
            fits.append(y)
    return fits[0] if len(fits) == 1 else None


DAY_KINDS = ("following_days", "following_weeks", "following_day", "same_day")


def _relative(raw: Raw, text: str, prev: DateSpan | None, ctx: DateContext) -> DateSpan | None:
    """"that month", "the following days", "next year": measured from the previous date."""
    base = prev or ctx.heading
    if base is None and raw.rel in ("same_year", "next_year", "last_year"):
        # the document's own period if it lies in one year; a period over years names none
        if ctx.period is None:
            base = ctx.document if ctx.document_year else None
        elif ctx.period.start.year == ctx.period.end.year:
            base = ctx.period
    if base is None:
        return None
    k = raw.rel
    one = timedelta(days=1)
    if k in DAY_KINDS and (base.precision not in ("day", "range") or (base.end - base.start).days > 31):
        return None             # "the following days" after "in 2015" says nothing precise
    s = e = None
    prec = "range"
    if k == "following_days":
        s, e = base.end + one, base.end + 7 * one
    elif k == "following_weeks":
        s, e = base.end + one, base.end + 28 * one
    elif k == "following_day":
        s = e = base.end + one
        prec = "day" if base.precision == "day" else "range"
    elif k == "same_day":
        if base.precision != "day":
            return None
        s, e, prec = base.start, base.end, "day"
    elif k in ("same_month", "next_month"):
        if base.precision not in ("day", "month") and (base.start.year, base.start.month) != (base.end.year, base.end.month):
            return None
        y, m = base.end.year, base.end.month
        if k == "next_month":
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        s, e, prec = date(y, m, 1), _month_end(y, m), "month"
    else:
        y = base.end.year + {"same_year": 0, "next_year": 1, "last_year": -1}[k]
        s, e, prec = date(y, 1, 1), date(y, 12, 31), "year"
    return DateSpan(s, e, prec, text[raw.start:raw.end], raw.start, raw.end, raw.qualifier)


PAST_QUALIFIERS = ("since", "as of")     # cue kinds (qualifiers.csv) that point at the past


def _offset(raw: Raw, text: str, prev: DateSpan | None) -> DateSpan | None:
    """"a week later", "two days earlier": a span measured from the previous date in the
    paragraph or sentence; vague counts ("weeks later") give ranges, never a made-up day."""
    if prev is None:
        return None             # relative to nothing stated: skipped
    shift = offset_of(text[raw.start:raw.end])
    if shift is None:
        return None
    lo, hi, unit = shift
    if unit == "day":
        if prev.precision not in ("day", "range") or (prev.end - prev.start).days > 31:
            return None         # "a week later" after "in 2015" says nothing precise
        s, e = prev.start + timedelta(days=lo), prev.end + timedelta(days=hi)
        prec = "day" if lo == hi and prev.precision == "day" else "range"
    elif unit == "month":
        if (prev.start.year, prev.start.month) != (prev.end.year, prev.end.month):
            return None
        first = prev.start.year * 12 + prev.start.month - 1
        y1, m1 = divmod(first + lo, 12)
        y2, m2 = divmod(first + hi, 12)
        s, e = date(y1, m1 + 1, 1), _month_end(y2, m2 + 1)
        prec = "month" if lo == hi else "range"
    else:
        if prev.start.year != prev.end.year:
            return None
        s, e = date(prev.start.year + lo, 1, 1), date(prev.start.year + hi, 12, 31)
        prec = "year" if lo == hi else "range"
    return DateSpan(s, e, prec, text[raw.start:raw.end], raw.start, raw.end, raw.qualifier)


def _looks_back(phrase: str) -> bool:
    """"the previous year", "a week prior": a flashback, which the story's time does not
    follow (a year-less "11 June" after "the previous year" keeps the paragraph's year)."""
    lx, key = lexicon(), " ".join(phrase.lower().split())
    kind = lx.relative.get(key)
    if kind == "last_year":
        return True
    shift = offset_of(key) if kind == "offset" or kind is None else None
    return shift is not None and shift[1] < 0


def resolve(raw: Raw, text: str, prev: DateSpan | None, ctx: DateContext) -> DateSpan | None:
    """One Raw to a DateSpan, or None when context cannot supply a missing year."""
    if raw.rel == "offset":
        return _offset(raw, text, prev or ctx.day_before)
    if raw.rel:
        return _relative(raw, text, prev or ctx.day_before, ctx)
    y = raw.year()
    if y is None:
        anchored = _anchor_year(raw, prev, ctx)
        if anchored is None:
            return None
        y, ref = anchored
        # "since October" looks back: a year-less month after the date that lent the year
        # (19 March 2016) is the year before's, not a future one
        if raw.qualifier in PAST_QUALIFIERS and raw.lo.d is None and raw.hi is None and y == ref.end.year:
            try:
                if _point(raw.lo, y)[0] > ref.end:
                    y -= 1
            except ValueError:
                return None
    try:
        lo_y = raw.lo.y if raw.lo.y is not None else y
        start, end, prec = _point(raw.lo, lo_y)
        if raw.hi is not None:
            _, end, _ = _point(raw.hi, raw.hi.y if raw.hi.y is not None else y)
            prec = "range"
        if raw.to_present:
            if ctx.document is None:
                return None
            end, prec = ctx.document.end, "range"
    except ValueError:          # 31 February and the like: not a date
        return None
    if end < start:
        return None
    return DateSpan(start, end, prec, text[raw.start:raw.end], raw.start, raw.end, raw.qualifier)


def find_dates(text: str, context: DateContext | None = None) -> list[DateSpan]:
    """Every date expression in `text`, in order, resolved against `context`."""
    ctx = context or DateContext()
    return resolve_all(text, scan(text, ctx.us_order), ctx)


def resolve_all(text: str, raws: list[Raw], ctx: DateContext) -> list[DateSpan]:
    """The scanned expressions of `text` resolved in order, each leaning on the one before."""
    prev = ctx.previous
    out: list[DateSpan] = []
    for i, raw in enumerate(raws):
        here = ctx
        if prev is None and ctx.look_ahead and not raw.rel and raw.year() is None:
            later = later_dated(text, raws[i + 1:])
            if later is not None:
                here = replace(ctx, later=later)
        span = resolve(raw, text, prev, here)
        if span is not None:
            out.append(span)
            if raw.background:
                ctx = replace(ctx, background=span)
            elif not (raw.rel and _looks_back(text[raw.start:raw.end])):
                prev = span
    return out


def anchor(spans: list[DateSpan]) -> DateSpan | None:
    """The last of a sentence's dates that the story's time moves to (not a flashback)."""
    return next((sp for sp in reversed(spans) if not _looks_back(sp.text)), None)


def later_dated(text: str, raws: list[Raw]) -> DateSpan | None:
    """The first of `raws` that carries its own year, resolved, if it names a day, month or
    season of one calendar year (else None: a later anchor must be precise)."""
    for raw in raws:
        if raw.rel or raw.background or raw.year() is None:
            continue
        span = resolve(raw, text, None, DateContext(look_ahead=False))
        # a range over years ("2014–2015") names no single year, and a bare year is mostly
        # background ("since the outbreak of violence in East Timor in 1999"): no anchor
        if span is None or span.precision == "year" or span.start.year != span.end.year:
            return None
        return span
    return None
