"""Fuzz the five readers, the page-date reader and the date grammar with hypothesis.

Whatever the input, a reader gives a Document whose sentences point inside the file (offsets
and line numbers), or a one-line geo.errors error; the dates stage never fails on what a reader
gives. The normal suite runs a short pass; `GEO_FUZZ_MINUTES=10 .venv/bin/python -m pytest
tests/test_fuzz_readers.py -q` keeps generating for that long in total (see README, Testing).
"""

from __future__ import annotations

import bisect
import os
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.dates import DateContext, find_dates, tag_document
from geo.errors import GeoError
from geo.ingest import FORMATS, _parse, read_document
from geo.ingest.decode import line_starts
from geo.ingest.pagedate import front_dates, page_date
from geo.model import DateSpan

MINUTES = float(os.environ.get("GEO_FUZZ_MINUTES") or 0)
TESTS = 10                                  # tests below that call run() and share MINUTES
FUZZ = settings(max_examples=300 if MINUTES else 25, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))

# pieces of markup and of dates, so random text reaches the readers' and grammar's branches
MARKUP = {
    "markdown": ["---\n", "title: ", "date: ", "pubDate: ", "[", "]", "(", ")", "](", "# ", "## ",
                 "* ", "- ", "1. ", "> ", "```\n", "`", "**", "_", "|", "|---|", "[^1]", "[^1]: ",
                 "<", ">", "![", "http://x.org/wiki/Mosul", "\\", "&amp;", "    "],
    "html": ["<p>", "</p>", "<h1>", "</h2>", "<a href=\"/wiki/Raqqa\">", "</a>", "<table>", "<tr>",
             "<td>", "<th>", "</tr>", "</table>", "<li>", "<br>", "<script>", "</script>", "<!--",
             "-->", "&amp;", "&#x41;", "&nbsp;", "<meta name=\"date\" content=\"", "\">", "<time datetime=\"",
             "<![CDATA[", "]]>", "<caption>", "<title>", "<", ">", "\"", "'"],
    "wikitext": ["[[", "]]", "{{", "}}", "|", "{|", "|}", "|-", "!", "!!", "||", "==", "===", "'''", "''",
                 "<ref>", "</ref>", "<ref name=\"a\"/>", "[[File:x.png|thumb|", "{{convert|10|km}}",
                 "{{flag|Iraq}}", "<!--", "-->", "*", "#", ":", ";", "[http://x.org t]", "__TOC__"],
    "scraped": ["|", " | ", "•", "Share this", "\t", "===", "---", "Menu", "Home |"],
    "text": ["== ", " ==", "1. ", "* ", "MOSUL, Oct. 17 (Reuters) -", "U.S.", "Lt. Gen.", "No. 1", "..."],
}
DATES = ["10 June", "June 10", "10–12 June 2014", "2014", "2014–15", "2015-13-45", "2016-02-29", "3/23/19",
         "late 2012", "since ", "from ", "until ", "between ", " and ", "early ", "mid-", "the following day",
         "a week later", "the next year", "that month", "summer ", "on Thursday", " – present", "May", "31 February",
         "the 5th of March", "1999", "2099", "In ", "On ", ", ", ". ", "\n", "\n\n", "\r\n", " "]
WORDS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6)


def pieces(kind: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(MARKUP[kind] + DATES) | WORDS, max_size=60).map("".join)


def run(prop) -> None:
    """Once in the normal suite; with GEO_FUZZ_MINUTES, again and again for this test's share."""
    prop()
    end = time.monotonic() + MINUTES * 60 / TESTS
    while time.monotonic() < end:
        prop()


def check_document(text: str, fmt: str) -> None:
    starts = line_starts(text)
    try:
        doc = _parse(Path("fuzz.txt"), text, fmt, starts, [], {})
    except GeoError as error:
        assert "\n" not in str(error)
        return
    tagged = tag_document(doc)
    for s in tagged.sentences + doc.headings:
        assert 0 <= s.start <= s.end <= len(text), (s.start, s.end, len(text))
        assert s.line == bisect.bisect_right(starts, s.start)
        assert s.text and s.text == s.text.strip()
        for d in s.dates:
            assert d.start <= d.end and -1 <= d.start_char <= d.end_char <= len(s.text)
    for section in doc.sections:
        assert 1 <= section.line_start <= max(section.line_end, section.line_start) <= len(starts) + 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_readers_on_markup_like_text(fmt):
    @FUZZ
    @given(pieces(fmt))
    def prop(text):
        check_document(text, fmt)
    run(prop)


def test_readers_on_any_text_in_any_format():
    @FUZZ
    @given(st.text(max_size=300), st.sampled_from(FORMATS))
    def prop(text, fmt):
        check_document(text, fmt)
    run(prop)


def test_read_document_on_any_bytes():
    with tempfile.TemporaryDirectory() as folder:
        @FUZZ
        @given(st.binary(max_size=300) | pieces("markdown").map(lambda t: t.encode("utf-8", "surrogatepass")),
               st.sampled_from((None,) + FORMATS))
        def prop(data, fmt):
            path = Path(folder) / "page.md"
            path.write_bytes(data)
            try:
                doc = read_document(path, fmt)
            except GeoError as error:
                assert "\n" not in str(error) and "cannot read as" not in str(error), error
                return
            tag_document(doc)
        run(prop)


SPANS = st.builds(lambda a, n, p: DateSpan(a, date.fromordinal(a.toordinal() + n), p),
                  st.dates(date(1900, 1, 1), date(2090, 1, 1)), st.integers(0, 2000),
                  st.sampled_from(("day", "range", "month", "year", "season")))


def test_date_grammar_on_any_text():
    @FUZZ
    @given(st.lists(st.sampled_from(DATES) | WORDS, max_size=40).map("".join),
           st.none() | SPANS, st.none() | SPANS, st.none() | SPANS, st.none() | SPANS, st.booleans())
    def prop(text, previous, heading, document, period, us_order):
        ctx = DateContext(previous=previous, heading=heading, document=document, period=period,
                          us_order=us_order)
        for d in find_dates(text, ctx):
            assert d.start <= d.end and 0 <= d.start_char < d.end_char <= len(text)
    run(prop)


YAML_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.sampled_from(DATES)
                           | st.text(max_size=20), lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)


def test_page_dates_on_any_front_matter_value():
    @FUZZ
    @given(st.dictionaries(st.sampled_from(["date", "Date", "pubDate", "published", "created", "title"]),
                           YAML_VALUES, max_size=4))
    def prop(front):
        published, period, warnings = front_dates(front)
        assert all("\n" not in w for w in warnings)
        for value in front.values():
            page_date(value)
    run(prop)


@pytest.mark.parametrize("text", ["\r0---\n", "a\rb\r\n# x\r---\n", "\r\r# T\r\rhello there.\r"])
def test_found_by_fuzzing_lone_carriage_returns_in_markdown(text):
    """markdown-it breaks lines at a lone CR; the reader's lines end at LF only (offsets past
    the end of the file, once)."""
    check_document(text, "markdown")


def test_found_by_fuzzing_a_scraped_heading_ending_in_a_spaced_period():
    check_document("In . ", "scraped")


@pytest.mark.parametrize("text", ["<![0", "<p>Mosul <![x fell.</p>", "<!>"])
def test_found_by_fuzzing_declarations_the_html_parser_rejects(text):
    """html.parser gives up on "<![0" (bs4 ParserRejectedMarkup with a many-line message)."""
    check_document(text, "html")


def _word_by_word(pieces: list[tuple[str, bool]]):
    """The builder's first form (every word emitted on its own): what the fast path must equal."""
    from geo.ingest.blocks import _WORDS, BlockBuilder
    b = BlockBuilder()
    for text, link in pieces:
        if link:
            b.begin_link()
        for match in _WORDS.finditer(text):
            piece, at = match.group(), 7 + match.start()
            if piece[0].isspace() or piece[0] == "\x01":
                if b.length and b._space_at is None:
                    b._space_at = at
                continue
            if b._space_at is not None:
                b._emit(" ", b._space_at)
                b._space_at = None
            if b._link_open and b._link_start is None:
                b._link_start = b.length
            b._emit(piece, at)
        if link:
            b.end_link("Page")
    return b.text(), b.segments, b.links, b._space_at


def test_block_builder_fast_path_equals_word_by_word():
    from geo.ingest.blocks import BlockBuilder

    @FUZZ
    @given(st.lists(st.tuples(st.text(alphabet=" \n\t\x01ab.\u00a0\u2003", max_size=12), st.booleans()),
                    max_size=6))
    def prop(pieces):
        b = BlockBuilder()
        for text, link in pieces:
            if link:
                b.begin_link()
            b.add(text, 7)
            if link:
                b.end_link("Page")
        assert (b.text(), b.segments, b.links, b._space_at) == _word_by_word(pieces)
    run(prop)
