"""Read documents of every kind into `Document` records (one reader module per format).

`read_paths` expands folders, applies `manifest.csv` and keeps good files beside bad ones;
`read_document` reads one file; `iter_sentences` streams a big plain-text file in bounded memory.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterator
from pathlib import Path

from geo.errors import InputError
from geo.ingest.blocks import SectionTracker, block_sentences
from geo.ingest.coords import page_point
from geo.ingest.decode import detect_encoding, line_starts, read_text
from geo.ingest.manifest import MANIFEST_NAME, parse_doc_date, read_manifest
from geo.ingest.pagedate import front_dates, page_date
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
    except InputError as error:
        if str(error).startswith(f"{path.name}:"):
            raise
        raise InputError(f"{path.name}: {error}") from None
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 - a parser bug must not lose the other files
        first = (str(error).strip().splitlines() or [""])[0]        # one line, whatever it says
        raise InputError(f"{path.name}: cannot read as {fmt} ({type(error).__name__}: {first})") from None


def _parse(path: Path, text: str, fmt: str, starts: tuple[int, ...], warnings: list[str],
           meta: dict) -> Document:
    """Run the reader for `fmt` and assemble the Document."""
    def line_of(offset: int) -> int:
        return bisect.bisect_right(starts, offset)

    title, published, period = "", None, None
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
            blocks, tracker, tables, title, page_value = read_html(text, starts, line_of)
            published = _page_date(page_value, path.name, warnings)
        else:
            from geo.ingest.markdown import read_markdown
            blocks, tracker, tables, front, more = read_markdown(text, starts, line_of)
            published, period, found = front_dates(front)
            for warning in more + found:
                _warn(path.name, warning, warnings)
            title = str(front.get("title") or "")
        sentences = tuple(block_sentences(blocks, line_of))
    sections = tracker.sections(len(starts) - (1 if text.endswith("\n") else 0))
    if not title:       # a level-1 heading names the document; else the file name does
        top = [s for s in sections if s.level == 1]
        title = top[0].title if top and fmt != "scraped" else ""
    if not title and fmt == "text":
        title = caps_title(text)
    date = _manifest_date(meta.get("date"), path.name) or published
    point, skipped = page_point(text, fmt)
    for warning in skipped:
        _warn(path.name, warning, warnings)
    return Document(
        id=path.name, path=str(path), title=meta.get("title") or title or path.stem,
        format=fmt, date=date, period=period, sections=sections, sentences=sentences,
        tables=tuple(tables), warnings=tuple(warnings), line_starts=starts,
        headings=tracker.heading_sentences(line_of), point=point,
    )


def _manifest_date(value, name: str):
    """The manifest's date (strict ISO: the user's own table, so a bad one is an error)."""
    try:
        return parse_doc_date(value) if value else None
    except InputError as error:
        raise InputError(f"{name}: {error}") from None


def _page_date(value: str, name: str, warnings: list[str]):
    """An HTML page's date, or None with a one-line warning when it is not one."""
    if not value:
        return None
    span = page_date(value)
    if span is None:
        _warn(name, f"ignoring page date {value.strip()[:60]!r} (not a date)", warnings)
    return span


def _warn(name: str, message: str, warnings: list[str]) -> None:
    log.warning("%s: %s", name, message)
    warnings.append(f"{name}: {message}")


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
