"""MediaWiki wikitext (001) through mwparserfromhell, every character traced to the source.

`<ref>` citations and comments are masked first (same length, so offsets stay true, and the
parser runs four times faster); the node tree is then walked with a running offset, since
`str(node)` of consecutive nodes rebuilds the source exactly. Links keep their display text
and their target as a hint; templates vanish except those listed in data/wikitext_templates.csv
(flags keep the country name, convert keeps "10 km").
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

import mwparserfromhell
from mwparserfromhell.nodes import (
    Argument, Comment, ExternalLink, Heading, HTMLEntity, Tag, Template, Text, Wikilink,
)

from geo import settings
from geo.ingest.blocks import Block, BlockBuilder, SectionTracker
from geo.ingest.wikitable import read_table

MASK = "\x01"
_MASKED = re.compile(
    r"<ref(?:\s[^>]*)?/>|<ref(?:\s[^>]*)?>.*?</ref\s*>|<!--.*?(?:-->|\Z)", re.S | re.I)
# Leftovers of broken markup inside plain text: dropped, the words around them kept.
_JUNK = re.compile(r"\{\{|\}\}|\[\[|\]\]|\{\||\|\}|'{2,}|__[A-Z]+__|https?://\S+|\x01+")
_DROP_NS = {"file", "image", "category", "media"}
_SKIP_TAGS = {"ref", "references", "math", "gallery", "score", "syntaxhighlight", "timeline",
              "imagemap", "templatestyles", "chem", "graph", "mapframe", "maplink", "source"}
_ITEM_TAGS = {"li", "dt", "dd"}
_BREAK_TAGS = {"br", "hr", "p", "div", "blockquote", "center", "poem"}


@lru_cache(maxsize=1)
def template_actions() -> dict[str, str]:
    """Template name (lower case) → how its display text is kept.

    first/second: that positional parameter; join/convert: the first two; prefix: the
    template's own name then the first parameter ({{HMS|Kent}} → "HMS Kent").
    """
    with (settings.DATA_DIR / "wikitext_templates.csv").open(encoding="utf-8", newline="") as handle:
        return {row["name"].strip().lower(): row["action"].strip() for row in csv.DictReader(handle)}


def mask(text: str) -> str:
    """Replace refs and comments by MASK characters of the same length."""
    return _MASKED.sub(lambda m: MASK * len(m.group()), text)


class WikiWalker:
    """Walks the node tree, filling blocks (paragraphs), sections and tables."""

    def __init__(self, line_of) -> None:
        self.line_of = line_of
        self.builder = BlockBuilder()
        self.tracker = SectionTracker()
        self.blocks: list[Block] = []
        self.tables = []
        self.paragraph = 0

    # -- paragraphs -------------------------------------------------------------------
    def brk(self, off: int = -1) -> None:
        block = self.builder.take(self.tracker.path, self.paragraph + 1)
        if block is not None:
            self.paragraph += 1
            self.blocks.append(block)

    def text(self, value: str, off: int) -> None:
        """Plain text: newlines end paragraphs, leftover markup is dropped."""
        pos = 0
        for line in value.split("\n"):
            if pos:
                self.brk(off + pos - 1)
            self._clean(line, off + pos)
            pos += len(line) + 1

    def _clean(self, line: str, off: int) -> None:
        last = 0
        for junk in _JUNK.finditer(line):
            if junk.start() > last:
                self.builder.add(line[last:junk.start()], off + last)
            if junk.group().startswith("http"):
                self.builder.space(off + junk.start())
            last = junk.end()
        if last < len(line):
            self.builder.add(line[last:], off + last)

    # -- the walk ------------------------------------------------------------------
    def walk(self, nodes, off: int) -> None:
        for node in nodes:
            source = str(node)
            self.node(node, source, off)
            off += len(source)

    def node(self, node, source: str, off: int) -> None:
        if isinstance(node, Text):
            self.text(node.value, off)
        elif isinstance(node, Wikilink):
            self.wikilink(node, source, off)
        elif isinstance(node, Template):
            self.template(node, source, off)
        elif isinstance(node, Tag):
            self.tag(node, source, off)
        elif isinstance(node, Heading):
            self.heading(node, off)
        elif isinstance(node, ExternalLink):
            if node.title is not None and node.brackets:
                start = source.find(str(node.title), len(str(node.url)) + 1)
                self.builder.space(off)
                self.walk(node.title.nodes, off + start)
        elif isinstance(node, HTMLEntity):
            char = node.normalize()
            if char.isspace():
                self.builder.space(off)
            else:
                self.builder.add(char, off, verbatim=False)
        elif isinstance(node, (Comment, Argument)):
            return

    def heading(self, node: Heading, off: int) -> None:
        self.brk(off)
        # the title walked at its true offset (after the opening "="s): the same text as
        # _plain(node.title), with original offsets and links for the place stage
        walker = InlineWalker(self.line_of)
        walker.walk(node.title.nodes, off + node.level)
        block = walker.builder.take((), 0)
        if block is not None:
            self.tracker.heading(block.text, node.level, self.line_of(off))
            self.tracker.title_text(block)

    def wikilink(self, node: Wikilink, source: str, off: int) -> None:
        title = str(node.title)
        namespace, colon, _ = title.strip().partition(":")
        if colon and (namespace.lower() in _DROP_NS or re.fullmatch(r"[a-z]{2,3}(-[a-z]+)?", namespace)):
            return                           # files, categories, interlanguage links
        target = title.strip().lstrip(":").split("#")[0].strip() or title.strip()
        self.builder.begin_link()
        if node.text is not None:
            self.walk(node.text.nodes, off + 2 + len(title) + 1)
        else:
            self.builder.add(title.split("#")[0] if title.split("#")[0].strip() else title, off + 2)
        self.builder.end_link(target)

    def template(self, node: Template, source: str, off: int) -> None:
        name = str(node.name).strip().lower().replace("_", " ")
        action = template_actions().get(name)
        if action is None:
            return
        values = []            # (value wikicode, offset) of positional params
        cursor = 2 + len(str(node.name))
        for param in node.params:
            bar = source.find("|", cursor)
            raw = str(param)
            value_at = bar + 1 + len(raw) - len(str(param.value))
            cursor = bar + 1 + len(raw)
            if not param.showkey and str(param.value).strip():
                values.append((param.value, off + value_at))
        chosen = {"first": values[:1], "second": values[1:2], "join": values[:2],
                  "convert": values[:2], "prefix": values[:1]}.get(action)
        if action == "prefix":          # {{HMS|Kent}} reads "HMS Kent"
            self.builder.space(off)
            self.builder.add(str(node.name), off + 2)
        for value, at in chosen or ():
            self.builder.space(at)
            self.walk(value.nodes, at)

    def tag(self, node: Tag, source: str, off: int) -> None:
        name = str(node.tag).strip().lower()
        if name in _SKIP_TAGS:
            return
        if name == "table":
            self.brk(off)
            table, rows = read_table(node, source, off, InlineWalker, self.line_of,
                                     self.tracker.path)
            if table is not None:
                self.tables.append(table)
            for block in rows:
                self.paragraph += 1
                block.paragraph = self.paragraph
                self.blocks.append(block)
            return
        if name in _ITEM_TAGS or name in _BREAK_TAGS:
            self.brk(off)
        if node.self_closing or node.contents is None:
            return
        inner = str(node.contents)
        start = len(node.wiki_markup) if node.wiki_markup else source.find(">") + 1
        if source[start:start + len(inner)] != inner:
            start = source.find(inner) if inner else start
        self.walk(node.contents.nodes, off + start)
        if name in _BREAK_TAGS:
            self.brk(off)


class InlineWalker(WikiWalker):
    """A walker for one table row or cell: line breaks are only spaces."""

    def __init__(self, line_of=lambda off: 1) -> None:
        super().__init__(line_of)

    def brk(self, off: int = -1) -> None:
        if off >= 0:
            self.builder.space(off)


def _plain(code) -> str:
    """Plain text of a small piece of wikitext (headings, table cells)."""
    walker = InlineWalker()
    walker.walk(code.nodes, 0)
    return walker.builder.text().strip()


def read_wikitext(text: str, line_of) -> tuple[list[Block], SectionTracker, list]:
    """Blocks, sections and tables of a wikitext document."""
    blocks, tracker, tables, _ = read_wikitext_titled(text, line_of)
    return blocks, tracker, tables


def read_wikitext_titled(text: str, line_of) -> tuple[list[Block], SectionTracker, list, str]:
    """Blocks, sections, tables and the lead's title (see lead_title) of a wikitext document."""
    code = mwparserfromhell.parse(mask(text))
    walker = WikiWalker(line_of)
    walker.walk(code.nodes, 0)
    walker.brk()
    return walker.blocks, walker.tracker, walker.tables, lead_title(code)


def lead_title(code) -> str:
    """The article's name from its lead: the first bold term (the war against the Islamic
    State in bold), else an infobox's `name =`; '' if neither (the caller falls back further)."""
    lead = []
    for node in code.nodes:
        if isinstance(node, Heading):
            break
        lead.append(node)
    for node in lead:
        if isinstance(node, Tag) and str(node.wiki_markup or "").startswith("'''"):
            name = _clean_title(node.contents.strip_code())
            if name:
                return name[0].upper() + name[1:]
    for node in lead:
        if isinstance(node, Template) and str(node.name).strip().lower().startswith("infobox") \
                and node.has("name"):
            name = _clean_title(node.get("name").value.strip_code())
            if name:
                return name
    return ""


def _clean_title(raw: str) -> str:
    """Masked characters and markup leftovers out, whitespace collapsed; too long is no title."""
    name = " ".join(_JUNK.sub(" ", raw).split())
    return name if len(name) <= 200 else ""
