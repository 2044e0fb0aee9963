"""Markdown with YAML front matter (title, date), read with markdown-it-py.

Block tokens say which source lines they cover; each inline text piece is then found
verbatim in the source from there on, so sentences keep true offsets. Code blocks are skipped.
Links to wiki pages become Link hints on their display text; URLs never reach the text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable

import yaml
from markdown_it import MarkdownIt

from geo.ingest.blocks import Block, BlockBuilder, SectionTracker
from geo.ingest.links import wiki_title
from geo.model import Table

# Pandoc/GFM footnotes: "[^1]" markers leave the prose, "[^1]: source" definitions are not prose
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_FOOTNOTE_DEF = re.compile(r"\A\[\^[^\]\s]+\]:")
_LONE_CR = re.compile(r"\r(?!\n)")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


class _PlainLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):   # libyaml when there is one
    """YAML without timestamp conversion: "2015-13-45" stays text for the page-date reader to
    judge, instead of an exception while loading that would lose the rest of the metadata."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def front_matter(text: str) -> tuple[dict, int, list[str]]:
    """(metadata, offset where the body starts, warnings)."""
    match = _FRONT.match(text)
    if not match:
        return {}, 0, []
    try:
        data = yaml.load(match.group(1), Loader=_PlainLoader) or {}
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        first = (str(error).splitlines() or [type(error).__name__])[0]
        return {}, match.end(), [f"front matter is not valid YAML ({first})"]
    return (data if isinstance(data, dict) else {}), match.end(), []


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """One parser for every document (building one costs more than a short release)."""
    parser = MarkdownIt("commonmark").enable("table")
    # Nothing is rendered, so no URL is unsafe: [text](javascript:...) stays a link and only
    # its text reaches the prose (the default check would leave the whole markup as text).
    parser.validateLink = lambda url: True
    return parser


def read_markdown(text: str, line_starts: tuple[int, ...], line_of: Callable[[int], int]
                  ) -> tuple[list[Block], SectionTracker, list[Table], dict, list[str]]:
    """Blocks, sections, tables, front matter and warnings of a Markdown document."""
    meta, body_at, warnings = front_matter(text)
    first_line = line_of(body_at) - 1 if body_at else 0          # 0-based line of the body
    if "\r" in text:   # markdown-it breaks lines at a lone CR too; lines here end at LF only
        text = _LONE_CR.sub(" ", text)                  # same length: offsets stay true
    tokens = _parser().parse(text[body_at:])
    builder = BlockBuilder()
    tracker = SectionTracker()
    blocks: list[Block] = []
    tables: list[Table] = []
    paragraph = 0
    cursor = body_at
    heading_level = 0
    table_rows: list[list[str]] = []
    row: list[str] | None = None
    header_rows = 0
    in_head = False

    def brk() -> None:
        nonlocal paragraph
        block = builder.take(tracker.path, paragraph + 1)
        if block is not None:
            paragraph += 1
            blocks.append(block)

    for token in tokens:
        if token.map:
            cursor = max(cursor, line_starts[min(first_line + token.map[0], len(line_starts) - 1)])
        kind = token.type
        if kind == "heading_open":
            brk()
            heading_level = int(token.tag[1])
        elif kind == "inline":
            if not heading_level and row is None and _FOOTNOTE_DEF.match(token.content):
                continue
            start_len = builder.length
            cursor = _inline(token, text, cursor, builder)
            if heading_level:
                block = builder.take((), 0)
                title = block.text.strip() if block is not None else ""
                if title:
                    tracker.heading(title, heading_level, line_of(cursor))
                    tracker.title_text(block)        # its text, with offsets, for places
            elif row is not None:
                row.append(builder.text()[start_len:].strip())
                builder.space(cursor)
        elif kind == "heading_close":
            heading_level = 0
        elif kind in ("paragraph_close", "list_item_open", "list_item_close", "blockquote_close"):
            if row is None:
                brk()
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            table_rows.append(row)
            header_rows += in_head
            row = None
            if in_head:
                builder.reset()          # the header is in Table.header, not a sentence
            else:
                brk()
        elif kind == "table_open":
            brk()
            table_rows, header_rows, table_line = [], 0, line_of(cursor)
        elif kind == "table_close":
            header = tuple(table_rows[0]) if header_rows else ()
            data = [tuple(r) for r in table_rows[1 if header_rows else 0:]]
            tables.append(Table(table_line, header, tuple(data), tracker.path))
    brk()
    return blocks, tracker, tables, meta, warnings


def _inline(token, text: str, cursor: int, builder: BlockBuilder) -> int:
    """Add an inline token's text pieces to `builder`; return the advanced cursor."""
    target = ""                      # page the open link names ('' if none or no link)
    autolink = False
    for child in token.children or ():
        if child.type == "link_open":
            autolink = child.markup == "autolink"      # <https://...>: its text is the URL
            target = wiki_title(str(child.attrGet("href") or ""))
            if target and not autolink:
                builder.begin_link()
        elif child.type == "link_close":
            if target and not autolink:
                builder.end_link(target)
            target, autolink = "", False
        elif autolink:
            continue
        elif child.type in ("text", "code_inline"):
            piece = child.content
            if not piece:
                continue
            found = text.find(piece, cursor)
            if found == -1 or found - cursor > 2000:
                builder.add(_FOOTNOTE_REF.sub("", piece) if child.type == "text" else piece,
                            min(cursor, len(text) - 1), verbatim=False)
                continue
            at = 0
            refs = _FOOTNOTE_REF.finditer(piece) if child.type == "text" else ()
            for ref in refs:            # drop "[^1]" markers, keeping true offsets around them
                builder.add(piece[at:ref.start()], found + at)
                at = ref.end()
            builder.add(piece[at:], found + at)
            cursor = found + len(piece)
        elif child.type in ("softbreak", "hardbreak"):
            builder.space(cursor)
        elif child.type == "image":
            continue
    return cursor
