"""`manifest.csv` beside the documents: title, format and document date for each file.

Columns: file,title,format,date,note. `date` is YYYY, YYYY-MM or YYYY-MM-DD and becomes a
DateSpan of precision year, month or day (the dates stage resolves "next year" against it).
"""

from __future__ import annotations

import calendar
import csv
import re
from datetime import date
from pathlib import Path

from geo.errors import InputError
from geo.model import DateSpan

MANIFEST_NAME = "manifest.csv"
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_doc_date(value: str | None) -> DateSpan | None:
    """'2014' → whole year, '2025-11' → whole month, '2016-02-08' → that day; '' → None."""
    if not value:
        return None
    match = _DATE.match(str(value))
    if not match:
        raise InputError(f"document date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else 0 for g in match.groups())
    try:
        if day:
            return DateSpan(date(year, month, day), date(year, month, day), "day", str(value).strip())
        if month:
            last = calendar.monthrange(year, month)[1]
            return DateSpan(date(year, month, 1), date(year, month, last), "month", str(value).strip())
        return DateSpan(date(year, 1, 1), date(year, 12, 31), "year", str(value).strip())
    except ValueError:
        raise InputError(f"document date {value!r} is not a real date") from None


def read_manifest(folder: Path) -> dict[str, dict[str, str]]:
    """File name → {title, format, date, note} from folder/manifest.csv ({} if absent)."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(f"{path.name}: cannot read manifest ({error})") from None
    out = {}
    for row in rows:
        name = (row.get("file") or "").strip()
        if name:
            out[name] = {k: (v or "").strip() for k, v in row.items() if k}
    return out
