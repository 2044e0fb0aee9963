"""HTML pages: headings, paragraphs, list items and tables; scripts and styles dropped.

BeautifulSoup's html.parser reports where each tag starts; each text node is then found
verbatim in the source from there on, so sentences keep true offsets (text with entities
that cannot be found verbatim points at its tag instead). Links to wiki pages become Link
hints on their display text; URLs never reach the text.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag
from bs4.exceptions import ParserRejectedMarkup

from geo.errors import InputError
from geo.ingest.blocks import Block, BlockBuilder, SectionTracker
from geo.ingest.links import wiki_title
from geo.ingest.pagedate import page_date_keys
from geo.model import Table

_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object", "nav"}
_BLOCK = {"p", "li", "dt", "dd", "pre", "blockquote", "div", "section", "article", "main",
          "header", "footer", "aside", "figcaption", "figure", "ul", "ol", "dl", "br", "hr",
          "address", "body", "form", "fieldset", "caption"}
_HEADING = re.compile(r"^h([1-6])$")
_WORD = re.compile(r"\S+")
_URL_TEXT = re.compile(r"\A\s*(?:https?://|www\.)\S*\s*\Z", re.I)   # <a>https://...</a>


class HtmlWalker:
    """Walks the soup in document order with a cursor into the original text."""

    def __init__(self, text: str, line_starts: tuple[int, ...], line_of: Callable[[int], int]) -> None:
        self.source = text
        self.line_starts = line_starts
        self.line_of = line_of
        self.cursor = 0
        self.builder = BlockBuilder()
        self.tracker = SectionTracker()
        self.blocks: list[Block] = []
        self.tables: list[Table] = []
        self.paragraph = 0

    def tag_offset(self, tag: Tag) -> int:
        if tag.sourceline is None:
            return self.cursor
        return self.line_starts[tag.sourceline - 1] + (tag.sourcepos or 0)

    def brk(self) -> None:
        block = self.builder.take(self.tracker.path, self.paragraph + 1)
        if block is not None:
            self.paragraph += 1
            self.blocks.append(block)

    def string(self, value: str) -> None:
        """Add a text node, finding it (or, failing that, each word) verbatim in the source."""
        if not value.strip():
            self.builder.space(self.cursor)
            return
        core = value.strip()
        if value[0].isspace():
            self.builder.space(self.cursor)
        found = self.source.find(core, self.cursor, self.cursor + len(core) + 2000)
        if found != -1:
            self.builder.add(core, found)
            self.cursor = found + len(core)
        else:                       # entities in the source: place word by word
            for word in _WORD.finditer(value):
                if word.start() and value[word.start() - 1].isspace():
                    self.builder.space(self.cursor)
                at = self.source.find(word.group(), self.cursor, self.cursor + 400)
                if at == -1:
                    self.builder.add(word.group(), self.cursor, verbatim=False)
                else:
                    self.builder.add(word.group(), at)
                    self.cursor = at + len(word.group())
        if value[-1].isspace():
            self.builder.space(self.cursor)

    def walk(self, tag: Tag) -> None:
        for child in tag.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:      # not CData, Doctype, declarations
                    self.string(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name in _SKIP:
                continue
            self.cursor = max(self.cursor, self.tag_offset(child))
            heading = _HEADING.match(name)
            if heading:
                self.brk()
                title = " ".join(child.get_text(" ").split())
                if title:
                    self.tracker.heading(title, int(heading.group(1)), self.line_of(self.cursor))
                self.walk(child)          # advance the cursor past the heading text
                block = self.builder.take((), 0)
                if title:                 # its text, with offsets, for the place stage
                    self.tracker.title_text(block)
                continue
            if name == "table":
                self.brk()
                self.table(child)
                continue
            if name in _BLOCK:
                self.brk()
                self.walk(child)
                self.brk()
            elif name == "a" and _URL_TEXT.match(child.get_text()):
                continue                  # a bare URL as link text is not prose
            elif name == "a" and (target := wiki_title(str(child.get("href") or ""))):
                # <a href="/wiki/Mosul">: a hint for the place stage, like [[Mosul]]
                self.builder.begin_link()
                self.walk(child)
                self.builder.end_link(target)
            else:
                self.walk(child)

    def table(self, table: Tag) -> None:
        header: tuple[str, ...] = ()
        rows = []
        caption = table.find("caption")
        for tr in table.find_all("tr"):
            if tr.find_parent("table") is not table:
                continue
            cells = [c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
            texts = tuple(" ".join(c.get_text(" ").split()) for c in cells)
            if not header and cells and all(c.name == "th" for c in cells):
                header = texts
                continue
            for cell in cells:         # each row also reads as a sentence
                self.cursor = max(self.cursor, self.tag_offset(cell))
                self.walk(cell)
                self.builder.space(self.cursor)
            self.brk()
            rows.append(texts)
        width = max([len(header)] + [len(r) for r in rows]) if rows or header else 0
        self.tables.append(Table(
            self.line_of(self.tag_offset(table)), header,
            tuple(r + ("",) * (width - len(r)) for r in rows), self.tracker.path,
            " ".join(caption.get_text(" ").split()) if caption else "",
        ))


# "<![0": a declaration html.parser cannot read (it gives up on the whole page); "<!--",
# "<!DOCTYPE" and "<![CDATA[" are kept
_BAD_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[|[A-Za-z])")


def _soup(text: str) -> BeautifulSoup:
    """The parsed page; a stray "<!" the parser rejects is read as text (a space for its "<",
    so offsets stay true), and a page it still rejects is a one-line InputError."""
    with warnings.catch_warnings():     # a page that looks like a URL or a file name is still a page
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            return BeautifulSoup(text, "html.parser")
        except ParserRejectedMarkup:
            pass
        try:
            return BeautifulSoup(_BAD_DECLARATION.sub(" !", text), "html.parser")
        except ParserRejectedMarkup as error:
            first = (str(error).strip().splitlines() or ["rejected"])[-1].strip()
            raise InputError(f"the HTML parser rejects this page ({first})") from None


def read_html(text: str, line_starts: tuple[int, ...], line_of: Callable[[int], int]
              ) -> tuple[list[Block], SectionTracker, list[Table], str, str]:
    """Blocks, sections, tables, <title> and a date from <meta>/<time> ('' if none)."""
    soup = _soup(text)
    walker = HtmlWalker(text, line_starts, line_of)
    walker.walk(soup.body or soup)
    walker.brk()
    title = " ".join(soup.title.get_text(" ").split()) if soup.title else ""
    if not title:
        first = soup.find("h1")
        title = " ".join(first.get_text(" ").split()) if first else ""
    return walker.blocks, walker.tracker, walker.tables, title, _date(soup)


_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def _date(soup: BeautifulSoup) -> str:
    """The page's publication date: a <meta>, then JSON-LD datePublished, then <time datetime>."""
    keys = page_date_keys()["meta"]      # names publishers use (Open Graph, Dublin Core, ...)
    for meta in soup.find_all("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if key in keys and meta.get("content"):
            return meta["content"]
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        found = _LD_DATE.search(script.string or "")
        if found:
            return found.group(1)
    time = soup.find("time", attrs={"datetime": True})
    return time["datetime"] if time else ""
