"""`{| wikitable` → Table rows of plain-text cells, plus one sentence-like block per row.

Cells that only carry a background colour (001's involvement table) take the label that the
table's own `{{color box|colour|label}}` key gives that colour, so the table becomes data.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mwparserfromhell.nodes import Tag, Template

from geo.ingest.blocks import Block
from geo.model import Table

_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*([#\w]+)", re.I)


def _inner_start(node: Tag, source: str) -> int:
    """Offset of a tag's contents inside its source text."""
    inner = str(node.contents)
    start = len(node.wiki_markup) if node.wiki_markup and not node.attributes else source.find(inner)
    if source[start:start + len(inner)] != inner:
        start = source.find(inner)
    return max(start, 0)


def _children(code, off: int):
    for child in code.nodes:
        source = str(child)
        yield child, source, off
        off += len(source)


def _colour(cell: Tag) -> str:
    for attr in cell.attributes:
        name = str(attr.name).strip().lower()
        value = str(attr.value or "").strip().lower()
        if name == "bgcolor":
            return value
        if name == "style":
            match = _BACKGROUND.search(value)
            if match:
                return match.group(1)
    return ""


def _key(table: Tag) -> dict[str, str]:
    key = {}
    for template in table.contents.filter_templates(recursive=True):
        if isinstance(template, Template) and str(template.name).strip().lower() == "color box":
            params = [str(p.value).strip() for p in template.params if not p.showkey]
            if len(params) >= 2:
                key[params[0].lower()] = params[1]
    return key


def read_table(node: Tag, source: str, off: int, make_walker: Callable, line_of: Callable,
               section: tuple[str, ...]) -> tuple[Table | None, list[Block]]:
    """The Table and the row blocks of one wikitable node at original offset `off`."""
    if node.contents is None:
        return None, []
    rows: list[list[tuple[Tag, str, int]]] = []
    loose: list[tuple[Tag, str, int]] = []
    caption = ""
    for child, csrc, coff in _children(node.contents, off + _inner_start(node, source)):
        if not isinstance(child, Tag):
            continue
        name = str(child.tag).lower()
        if name == "tr" and child.contents is not None:
            if loose:
                rows.append(loose)
                loose = []
            base = coff + _inner_start(child, csrc)
            rows.append([(c, s, o) for c, s, o in _children(child.contents, base)
                         if isinstance(c, Tag) and str(c.tag).lower() in ("td", "th")])
        elif name in ("td", "th"):
            loose.append((child, csrc, coff))
        elif name == "caption" and child.contents is not None:
            walker = make_walker(line_of)
            walker.walk(child.contents.nodes, coff + _inner_start(child, csrc))
            caption = walker.builder.text().strip()
    if loose:
        rows.append(loose)
    rows = [r for r in rows if r]
    key = _key(node)
    header: tuple[str, ...] = ()
    data_rows: list[list[tuple[Tag, str, int]]] = []
    for row in rows:
        is_head = all(str(c.tag).lower() == "th" for c, _, _ in row) and len(row) >= 2
        if not header and is_head:
            header = tuple(_cell_text(make_walker, line_of, c, s, o) for c, s, o in row)
        elif header or not all(str(c.tag).lower() == "th" for c, _, _ in row):
            data_rows.extend(_split(row, len(header)))
    cells_out, blocks = [], []
    for row in data_rows:
        walker = make_walker(line_of)
        values = []
        for k, (cell, csrc, coff) in enumerate(row):
            if k:
                walker.builder.add("|", coff, verbatim=False)
            begin = walker.builder.length
            if cell.contents is not None:
                walker.walk(cell.contents.nodes, coff + _inner_start(cell, csrc))
            text = walker.builder.text()[begin:].strip(" |")
            values.append(text or key.get(_colour(cell), ""))
        cells_out.append(tuple(values))
        block = walker.builder.take(section, 0)
        if block is not None and any(ch.isalpha() for ch in block.text):
            blocks.append(block)
    if not header and not cells_out:
        return None, blocks
    width = max([len(header)] + [len(r) for r in cells_out])
    padded = tuple(r + ("",) * (width - len(r)) for r in cells_out)
    return Table(line_of(off), header, padded, section, caption), blocks


def _cell_text(make_walker: Callable, line_of: Callable, cell: Tag, source: str, off: int) -> str:
    if cell.contents is None:
        return ""
    walker = make_walker(line_of)
    walker.walk(cell.contents.nodes, off + _inner_start(cell, source))
    return walker.builder.text().strip()


def _split(row: list, width: int) -> list[list]:
    """A row holding several rows' cells (a missing `|-`) is cut at line-start cells."""
    if width and len(row) > width and len(row) % width == 0 and all(
            str(row[i][0].wiki_markup).strip() == "|" for i in range(0, len(row), width)):
        return [row[i:i + width] for i in range(0, len(row), width)]
    return [row]
