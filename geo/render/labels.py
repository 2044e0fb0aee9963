"""Human date labels that keep the source's precision ("August 2014", never a fake day)."""

from __future__ import annotations

import datetime as dt

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
           6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}


def parse_iso(value: object) -> dt.date | None:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD, time part ignored) or None if absent/bad."""
    if value is None:
        return None
    text = str(value).strip()[:10]
    if not text or text.lower() in {"nan", "nat", "none"}:
        return None
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        day = int(parts[2]) if len(parts) > 2 and parts[2] else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def _day(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _range(a: dt.date, b: dt.date) -> str:
    if a == b:
        return _day(a)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}\u2013{b.day} {MONTHS[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {MONTHS[a.month - 1]} \u2013 {_day(b)}"
    return f"{_day(a)} \u2013 {_day(b)}"


def date_label(start: object, end: object, precision: object) -> str:
    """Format a date span the way its precision allows (day, range, month, season, year)."""
    a, b = parse_iso(start), parse_iso(end)
    if a is None:
        return "undated"
    b = b or a
    kind = str(precision or "day").strip().lower()
    if kind == "year":
        return str(a.year) if b.year == a.year else f"{a.year}\u2013{b.year}"
    if kind == "season":
        season = SEASONS[a.month]
        # Winter straddles the new year: name both years when it does.
        if season == "winter" and a.month == 12:
            return f"winter {a.year}\u2013{str(a.year + 1)[-2:]}"
        return f"{season} {a.year}"
    if kind == "month":
        if (a.year, a.month) == (b.year, b.month):
            return f"{MONTHS[a.month - 1]} {a.year}"
        first = MONTHS[a.month - 1] + ("" if a.year == b.year else f" {a.year}")
        return f"{first} \u2013 {MONTHS[b.month - 1]} {b.year}"
    if kind == "range":
        return _range(a, b)
    return _day(a) if kind == "day" or b == a else _range(a, b)


def year_of(start: object) -> str:
    """The filter year of an event: the year it starts, or "undated"."""
    d = parse_iso(start)
    return str(d.year) if d else "undated"
