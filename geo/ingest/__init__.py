"""Read documents of every kind into `Document` records (one reader module per format).

`read_paths` expands folders, applies `manifest.csv` and keeps good files beside bad ones;
`read_document` reads one file; `iter_sentences` streams a big plain-text file in bounded memory.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator
from pathlib import Path

from geo.errors import InputError
from geo.ingest.blocks import SectionTracker, block_sentences
from geo.ingest.decode import detect_encoding, line_starts, read_text
from geo.ingest.manifest import MANIFEST_NAME, parse_doc_date, read_manifest
from geo.ingest.sentences import split_sentences
from geo.ingest.sniff import FORMATS, sniff_format
from geo.ingest.text import caps_title, iter_lines, text_sentences
from geo.model import Document, Sentence

__all__ = [
    "FORMATS", "read_document", "read_paths", "iter_sentences", "sniff_format",
    "split_sentences", "parse_doc_date", "read_manifest", "expand_paths", "STREAM_BYTES",
]

log = logging.getLogger(__name__)

STREAM_BYTES = 8 << 20          # plain-text files above this are streamed by `geo ingest`
_SKIP_NAMES = {MANIFEST_NAME, "readme", "readme.md", "readme.txt", "readme.rst"}


def _choose_format(forced: str | None, meta: dict, text_head: str, name: str) -> str:
    chosen = forced or (meta.get("format") or "").strip().lower() or sniff_format(text_head, name)
    if chosen not in FORMATS:
        raise InputError(f"{name}: unknown format {chosen!r} (choose from {', '.join(FORMATS)})")
    return chosen


def read_document(path: Path | str, forced_format: str | None = None,
                  meta: dict | None = None) -> Document:
    """Read one file into a Document (InputError with a one-line message if it cannot be)."""
    path = Path(path)
    meta = meta or {}
    text, warnings = read_text(path)
    fmt = _choose_format(forced_format, meta, text, path.name)
    starts = line_starts(text)
    try:
        return _parse(path, text, fmt, starts, warnings, meta)
    except (InputError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - a parser bug must not lose the other files
        raise InputError(f"{path.name}: cannot read as {fmt} ({type(error).__name__}: {error})") from None


def _parse(path: Path, text: str, fmt: str, starts: tuple[int, ...], warnings: list[str],
           meta: dict) -> Document:
    """Run the reader for `fmt` and assemble the Document."""
    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    title, doc_date = "", ""
    tables: list = []
    if fmt == "text":
        tracker = SectionTracker()
        sentences = tuple(text_sentences(iter_lines(text), tracker))
    else:
        if fmt == "scraped":
            from geo.ingest.scraped import scraped_blocks
            tracker = SectionTracker()
            blocks, tables = scraped_blocks(text, tracker)
        elif fmt == "wikitext":
            from geo.ingest.wikitext import read_wikitext_titled
            blocks, tracker, tables, title = read_wikitext_titled(text, line_of)
        elif fmt == "html":
            from geo.ingest.html import read_html
            blocks, tracker, tables, title, doc_date = read_html(text, starts, line_of)
        else:
            from geo.ingest.markdown import read_markdown
            blocks, tracker, tables, front, more = read_markdown(text, starts, line_of)
            for warning in more:
                log.warning("%s: %s", path.name, warning)
                warnings.append(f"{path.name}: {warning}")
            title = str(front.get("title") or "")
            doc_date = _front_date(front)
        sentences = tuple(block_sentences(blocks, line_of))
    sections = tracker.sections(len(starts) - (1 if text.endswith("\n") else 0))
    if not title:       # a level-1 heading names the document; else the file name does
        top = [s for s in sections if s.level == 1]
        title = top[0].title if top and fmt != "scraped" else ""
    if not title and fmt == "text":
        title = caps_title(text)
    date = _doc_date(meta.get("date"), path.name) or _doc_date(doc_date, path.name, quiet=True)
    return Document(
        id=path.name, path=str(path), title=meta.get("title") or title or path.stem,
        format=fmt, date=date, sections=sections, sentences=sentences,
        tables=tuple(tables), warnings=tuple(warnings), line_starts=starts,
        headings=tracker.heading_sentences(line_of),
    )


# front-matter keys for the publication date (Jekyll, Hugo, Pandoc, Eleventy, ...), first wins
_FRONT_DATE_KEYS = ("date", "published", "pubdate", "publishdate", "date_published", "created")


def _front_date(front: dict) -> str:
    """The publication date of Markdown front matter, whatever the key's case ('' if none)."""
    lowered = {str(k).lower(): v for k, v in front.items()}
    for key in _FRONT_DATE_KEYS:
        if lowered.get(key):
            return str(lowered[key])
    return ""


def _doc_date(value, name: str, quiet: bool = False):
    """The manifest's date (strict ISO), or a page's own date, where "October 20, 2017",
    "10/20/2017" and "20171020" are read too (quiet: ignored with a warning if unreadable)."""
    if not value:
        return None
    try:
        if quiet and re.fullmatch(r"\s*\d{8}\s*", str(value)):     # 20171020
            v = str(value).strip()
            value = f"{v[:4]}-{v[4:6]}-{v[6:]}"
        return parse_doc_date(str(value))
    except InputError as error:
        if quiet:
            spoken = _spoken_date(str(value))
            if spoken is None:
                log.warning("%s: ignoring date %r", name, value)
            return spoken
        raise InputError(f"{name}: {error}") from None


def _spoken_date(value: str):
    """A complete date written out ("October 20, 2017", "20 Oct 2017", "10/20/2017"), else None."""
    from geo.dates import find_dates       # the dates stage's grammar, not a second parser

    spans = find_dates(value)
    if len(spans) != 1 or spans[0].precision not in ("day", "month", "year"):
        return None
    before, after = value[:spans[0].start_char], value[spans[0].end_char:]
    # only a weekday before ("Friday, ") and a clock time after ("10:00 EST") may surround it
    if _WEEKDAY.fullmatch(before) and _CLOCK.fullmatch(after):
        return spans[0]
    return None


_WEEKDAY = re.compile(r"\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+)?", re.I)
_CLOCK = re.compile(r"\s*(?:(?:[,T@]|\bat\b)?\s*\d{1,2}[:.]\d{2}\b.*)?\s*", re.S)


def iter_sentences(path: Path | str, forced_format: str | None = None,
                   meta: dict | None = None, warnings: list[str] | None = None,
                   tracker: SectionTracker | None = None) -> Iterator[Sentence]:
    """Yield the sentences of a file one by one; plain text is streamed in bounded memory.

    Other formats need the whole tree and are read with `read_document`. Encoding warnings
    are appended to `warnings`; headings seen so far are in `tracker` (for the dates stage).
    """
    path = Path(path)
    meta = meta or {}
    encoding, found = detect_encoding(path)
    if warnings is not None:
        warnings.extend(found)
    with path.open("r", encoding=encoding, newline="") as handle:
        head = handle.read(65536)
    fmt = _choose_format(forced_format, meta, head, path.name)
    if fmt != "text":
        yield from read_document(path, fmt, meta).sentences
        return
    tracker = tracker if tracker is not None else SectionTracker(keep_closed=False)
    # newline="\n": lines end at "\n" only, as in Document.line_starts; "\r" is kept
    with path.open("r", encoding=encoding, newline="\n") as handle:
        yield from text_sentences(_stream_lines(handle), tracker)


def _stream_lines(handle) -> Iterator[tuple[int, int, str]]:
    offset = 0
    for number, raw in enumerate(handle, 1):
        yield number, offset, raw
        offset += len(raw)


def expand_paths(paths: list[Path]) -> tuple[list[tuple[Path, dict]], list[str]]:
    """Files to read (with their manifest entry) and one-line errors for missing paths."""
    files: list[tuple[Path, dict]] = []
    errors: list[str] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            try:
                manifest = read_manifest(path)
            except InputError as error:
                errors.append(str(error))
                manifest = {}
            for child in sorted(path.iterdir()):
                if child.is_file() and child.name.lower() not in _SKIP_NAMES \
                        and not child.name.startswith("."):
                    files.append((child, manifest.get(child.name, {})))
        elif path.is_file():
            try:
                manifest = read_manifest(path.parent)
            except InputError:
                manifest = {}
            files.append((path, manifest.get(path.name, {})))
        else:
            errors.append(f"{path}: no such file or folder")
    return files, errors


def read_paths(paths: list[Path], forced_format: str | None = None
               ) -> tuple[list[Document], list[str]]:
    """Read every file under `paths`: (good documents, one-line errors for the bad ones)."""
    files, errors = expand_paths(paths)
    documents = []
    for path, meta in files:
        try:
            documents.append(read_document(path, forced_format, meta))
        except InputError as error:
            errors.append(str(error))
    return documents, errors
