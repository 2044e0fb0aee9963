"""Involvement by country (001's wikitable): which country did what in which theatre.

Wikitext encodes the kind of involvement only as a cell colour (darkred = military, ...), which
a plain-text table loses, so wikitext documents are read from their markup; other formats use
their parsed tables when the cells carry the words. Colours and words live in
data/involvement_kinds.csv.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pycountry

from geo import settings
from geo.model import Document

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["country", "iso_a2", "theatre", "military", "military_aid", "humanitarian", "intelligence",
           "doc", "line"]
KINDS = ("military", "military_aid", "humanitarian", "intelligence")
TABLE_START = re.compile(r"^\{\|.*wikitable", re.MULTILINE)
FLAG = re.compile(r"\{\{\s*(?:#invoke:)?flag(?:icon|country)?\s*\|+\s*([^}|]+)", re.IGNORECASE)
BACKGROUND = re.compile(r"background\s*:\s*([#\w]+)", re.IGNORECASE)
THEATRE = re.compile(r"^\s*In\s+(.+?)\s*$")


@lru_cache(maxsize=1)
def _kinds() -> tuple[dict[str, str], dict[str, str]]:
    colors, words = {}, {}
    with open(settings.DATA_DIR / "involvement_kinds.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            colors[row["color"].lower()] = row["kind"]
            words[row["word"].lower()] = row["kind"]
    return colors, words


def _iso(country: str) -> str:
    from geo.actors import load_actors

    actors = load_actors()
    name = actors.normalize(country)
    if name and actors.actors[name].iso_a2:
        return actors.actors[name].iso_a2
    try:
        return pycountry.countries.lookup(country).alpha_2
    except LookupError:
        try:
            hits = pycountry.countries.search_fuzzy(country) if country else []
        except LookupError:
            hits = []
        return hits[0].alpha_2 if hits else ""


def _strip(cell: str) -> str:
    cell = re.sub(r"<ref[^>]*/>|<ref[^>]*>.*?</ref>", "", cell, flags=re.DOTALL)
    cell = re.sub(r"<[^>]+>", "", cell)
    return cell.strip()


def _cell_value(cell: str) -> tuple[str, str]:
    """(attributes, content) of a wikitext cell "style=...| content"."""
    cell = _strip(cell)
    if "|" in cell and not cell.startswith("{{"):
        attrs, _, content = cell.partition("|")
        if "=" in attrs:
            return attrs, content.strip()
    return "", cell


def from_wikitext(text: str, doc_id: str = "") -> list[dict]:
    """Rows from every wikitable whose header names theatres ("In Iraq", "In Syria", ...)."""
    colors, words = _kinds()
    rows: list[dict] = []
    for m in TABLE_START.finditer(text):
        end = text.find("\n|}", m.end())
        block = text[m.start():end if end > 0 else len(text)]
        base_line = text.count("\n", 0, m.start()) + 1
        theatres: list[str] = []
        offset = 0
        for raw in block.split("\n|-"):
            lines = raw.strip("\n").splitlines()
            body = " ".join(line for line in lines if line.startswith(("!", "|")) and not line.startswith("{|"))
            line_no = base_line + block.count("\n", 0, offset + 1)
            offset += len(raw) + 3
            if body.startswith("!") and "!!" in body:
                headers = [_cell_value(h)[1] for h in body[1:].split("!!")]
                theatres = [(THEATRE.match(h).group(1) if THEATRE.match(h) else "") for h in headers[1:]]
                continue
            if not theatres or not body.startswith("|") or "||" not in body:
                continue
            # Template arguments ("{{flag||Canada}}") are not cell separators.
            protected = re.sub(r"\{\{[^{}]*\}\}", lambda t: t.group(0).replace("|", "\x00"), body[1:])
            cells = [c.replace("\x00", "|") for c in protected.split("||")]
            flag = FLAG.search(cells[0])
            country = flag.group(1).strip() if flag else _cell_value(cells[0])[1].strip("[] ")
            for theatre, cell in zip(theatres, cells[1:]):
                if not theatre:
                    continue
                attrs, content = _cell_value(cell)
                colour = BACKGROUND.search(attrs or cell)
                kind = colors.get(colour.group(1).lower(), "") if colour else words.get(content.lower(), "")
                if kind:
                    rows.append(_row(country, theatre, kind, doc_id, line_no))
    return rows


def _row(country: str, theatre: str, kind: str, doc: str, line: int) -> dict:
    row = {"country": country, "iso_a2": _iso(country), "theatre": theatre, "doc": doc, "line": line}
    row.update({k: k == kind for k in KINDS})
    return row


def from_tables(doc: Document) -> list[dict]:
    """Rows from parsed tables whose cells name the kind ("Military", "Humanitarian aid", ...)."""
    _, words = _kinds()
    rows = []
    for table in doc.tables:
        theatres = [(THEATRE.match(h).group(1) if THEATRE.match(h) else "") for h in table.header[1:]]
        if not any(theatres):
            continue
        for cells in table.rows:
            for theatre, cell in zip(theatres, cells[1:]):
                kind = words.get(cell.strip().lower(), "")
                if theatre and kind:
                    rows.append(_row(cells[0].strip(), theatre, kind, doc.id, table.line))
    return rows


def involvement(documents: list[Document]) -> "pd.DataFrame":
    """Involvement table (country, iso_a2, theatre, military, military_aid, humanitarian, intelligence)."""
    import pandas as pd

    return pd.DataFrame(involvement_rows(documents), columns=COLUMNS)


def involvement_rows(documents: list[Document]) -> list[dict]:
    """Involvement rows from every document that has such a table (plain dicts, no pandas)."""
    rows: list[dict] = []
    for doc in documents:
        found = from_tables(doc)
        if not found and doc.format == "wikitext" and doc.path:
            try:
                found = from_wikitext(Path(doc.path).read_text(encoding="utf-8", errors="replace"), doc.id)
            except OSError:
                found = []
        rows.extend(found)
    return rows
