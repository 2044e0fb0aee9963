"""Filter values of `geo export` and `geo map`, checked one way: a year is a number from 1 to
9999, `--from` is not after `--to`, and a filter that matches nothing is an error that names it
and lists the values the data has (as an unknown `--type` lists the types)."""

from __future__ import annotations

from collections.abc import Iterable

from geo.errors import ExportError

YEAR_RANGE = (1, 9999)   # what a calendar date can hold
LISTED = 25              # known values shown in a message before "... and N more"


def check_year(value: object, *, allow: Iterable[str] = ()) -> str:
    """`value` as a year string, or an ExportError; `allow` lists other accepted words."""
    text = str(value).strip()
    if text in allow:
        return text
    try:
        year = int(text)
    except ValueError:
        raise ExportError(f"--year {text!r} is not a year") from None
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise ExportError(f"--year {year} is not a year from {low} to {high}")
    return str(year)


def check_period(date_from, date_to) -> None:
    """--from after --to can match nothing: say so before any work (dates as datetime.date)."""
    if date_from and date_to and date_from > date_to:
        raise ExportError(f"--from {date_from.isoformat()} is after --to {date_to.isoformat()}")


def listing(values: Iterable[object]) -> str:
    """Known values for a message: sorted, de-duplicated, at most LISTED of them."""
    known = sorted({str(v) for v in values if str(v).strip()})
    if not known:
        return "none"
    extra = len(known) - LISTED
    return ", ".join(known[:LISTED]) + (f" ... and {extra} more" if extra > 0 else "")


def year_span(years: Iterable[int]) -> str:
    """Years for a message, runs joined: "2011, 2014-2021, 2025"."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][1] + 1:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs) or "none"


def nothing_matched(what: str, lone_misses: dict[str, str], given: list[str]) -> ExportError:
    """The error for an empty result: the filters that match nothing on their own with the
    values the data has, or, when each matches something, the combination."""
    if lone_misses:
        return ExportError("; ".join(f"{flag} matches no {what} ({known})"
                                     for flag, known in lone_misses.items()))
    return ExportError(f"no {what} match {' and '.join(given)} together")
