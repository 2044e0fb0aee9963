"""`geo ingest PATH... [--json] [--format F]`: show what the tool read, sections and dated sentences.

Big plain-text files are streamed (bounded memory); bad files are reported on stderr in one
line each while the good ones are still printed; exit status 1 if any file failed.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from geo.errors import GeoError, InputError

CHUNK_SENTENCES = 2000


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ingest", help="read documents and print their sections and dated sentences",
        description="Read files or folders (a folder's manifest.csv gives title, format and "
                    "date) and print sections and sentences with lines and dates.",
    )
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders")
    parser.add_argument("--json", action="store_true", help="write one JSON object per sentence")
    parser.add_argument("--format", dest="format", default=None,
                        help="force the reader: text, scraped, wikitext, html, markdown")
    parser.set_defaults(func=run)


def _tagger():
    """geo.dates.tag_document if the dates stage is installed, else None."""
    if importlib.util.find_spec("geo.dates") is None:
        return None
    from geo.dates import tag_document
    return tag_document


def _progress(total: int, unit: str, desc: str):
    from tqdm import tqdm
    return tqdm(total=total, unit=unit, desc=desc, file=sys.stderr, leave=False,
                disable=not sys.stderr.isatty(), unit_scale=unit == "B")


def run(args: argparse.Namespace) -> int:
    from geo.ingest import FORMATS, STREAM_BYTES, expand_paths

    if args.format and args.format not in FORMATS:
        raise InputError(f"unknown format {args.format!r} (choose from {', '.join(FORMATS)})")
    files, errors = expand_paths(args.paths)
    for message in errors:
        print(f"geo: error: {message}", file=sys.stderr)
    out = sys.stdout
    tag = _tagger()
    failed = len(errors)
    bar = _progress(len(files), "file", "ingest") if len(files) > 1 else None
    for path, meta in files:
        try:
            size = path.stat().st_size
            if size > STREAM_BYTES:
                _stream(path, meta, args, tag, out)
            else:
                _whole(path, meta, args, tag, out)
        except GeoError as error:
            failed += 1
            print(f"geo: error: {error}", file=sys.stderr)
        except BrokenPipeError:
            raise
        except OSError as error:
            failed += 1
            print(f"geo: error: {path.name}: {error.strerror or error}", file=sys.stderr)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    if not files and not errors:
        raise InputError("no documents found")
    return 1 if failed else 0


def _whole(path: Path, meta: dict, args, tag, out) -> None:
    from geo.ingest import read_document

    doc = read_document(path, args.format, meta)     # warnings are logged as they are found
    if tag is not None:
        doc = tag(doc)
    if not args.json:
        date = f", dated {doc.date.start}..{doc.date.end} ({doc.date.precision})" if doc.date else ""
        if doc.period is not None:
            date += f", about {doc.period.start}..{doc.period.end}"
        print(f"# {doc.id}: {doc.title} [{doc.format}{date}]", file=out)
    _write(doc.id, doc.sentences, doc.sections, args.json, out)
    if not args.json:
        for table in doc.tables:
            print(f"  [table at line {table.line}: {len(table.rows)} rows"
                  f"{', columns ' + ' | '.join(table.header) if table.header else ''}]", file=out)


def _stream(path: Path, meta: dict, args, tag, out) -> None:
    """Big files: sentences in chunks, each chunk dated and written before the next is read."""
    from geo.ingest import iter_sentences, parse_doc_date
    from geo.ingest.blocks import SectionTracker
    from geo.model import Document

    warnings: list[str] = []
    tracker = SectionTracker()
    doc_date = parse_doc_date(meta.get("date")) if meta.get("date") else None
    shell = Document(id=path.name, path=str(path), title=meta.get("title") or path.stem,
                     format=args.format or meta.get("format") or "text", date=doc_date)
    if not args.json:
        print(f"# {path.name}: {shell.title} [streamed]", file=out)
    bar = _progress(path.stat().st_size, "B", path.name)
    sentences = iter_sentences(path, args.format, meta, warnings, tracker)
    for chunk in _chunks(sentences):
        if tag is not None:
            chunk = list(tag(replace(shell, sentences=tuple(chunk))).sentences)
        _write(path.name, chunk, tracker.drain(), args.json, out)
        bar.update(max(chunk[-1].end - bar.n, 0) if chunk else 0)
    bar.close()


def _chunks(sentences: Iterable) -> Iterator[list]:
    """Groups of about CHUNK_SENTENCES sentences, cut between paragraphs."""
    chunk: list = []
    for sentence in sentences:
        if len(chunk) >= CHUNK_SENTENCES and sentence.paragraph != chunk[-1].paragraph:
            yield chunk
            chunk = []
        chunk.append(sentence)
    if chunk:
        yield chunk


def _dates(sentence) -> list[dict]:
    return [{"text": d.text, "start": d.start.isoformat(), "end": d.end.isoformat(),
             "precision": d.precision} for d in sentence.dates]


def _write(doc_id: str, sentences, sections, as_json: bool, out) -> None:
    if as_json:
        for s in sentences:
            out.write(json.dumps({
                "doc": doc_id, "line": s.line, "start": s.start, "end": s.end,
                "section": list(s.section), "text": s.text, "dates": _dates(s),
                "links": [{"target": ln.target, "text": ln.text, "start": ln.start, "end": ln.end}
                          for ln in s.links],
            }, ensure_ascii=False) + "\n")
        return
    pending = list(sections)
    k = 0
    for s in sentences:
        while k < len(pending) and pending[k].line_start <= s.line:
            sec = pending[k]
            print(_section_line(sec), file=out)
            k += 1
        dates = "; ".join(f"{d.text or '(context)'} = {d.start}..{d.end} {d.precision}"
                          for d in s.dates)
        print(f"  {s.line}: {s.text}" + (f"  [{dates}]" if dates else ""), file=out)
    for sec in pending[k:]:
        print(_section_line(sec), file=out)


def _section_line(sec) -> str:
    lines = f"lines {sec.line_start}-{sec.line_end}" if sec.line_end else f"from line {sec.line_start}"
    return f"{'  ' * (sec.level - 1)}== {sec.title} == ({lines})"
