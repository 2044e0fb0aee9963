"""Ingestion of the five corpus documents: formats, sections, lines, offsets, tables, links."""

from __future__ import annotations

from functools import lru_cache

import pytest

from geo import settings
from geo.ingest import read_document, read_paths, sniff_format, split_sentences

CORPUS = settings.CORPUS_DIR
NAMES = {
    "000": "000_5c273f305db20d6c.txt", "001": "001_c11517f85e84b717.txt",
    "002": "002_6c688deb1636444d.txt", "003": "003_a78426b0112b4780.txt",
    "004": "004_514e203b7d281425.txt",
}


@lru_cache(maxsize=None)
def corpus():
    docs, errors = read_paths([CORPUS])
    assert errors == []
    return {d.id[:3]: d for d in docs}


def raw(key: str) -> str:
    with (CORPUS / NAMES[key]).open(encoding="utf-8", newline="") as handle:
        return handle.read()


def find(doc, needle: str):
    hits = [s for s in doc.sentences if needle in s.text]
    assert hits, needle
    return hits[0]


@pytest.mark.parametrize("key,fmt", [("000", "text"), ("001", "wikitext"), ("002", "text"),
                                     ("003", "scraped"), ("004", "text")])
def test_sniffing_and_manifest_agree(key, fmt):
    assert sniff_format(raw(key), NAMES[key]) == fmt
    assert corpus()[key].format == fmt
    # without a manifest the sniffed format is used
    assert read_document(CORPUS / NAMES[key]).format == fmt


def test_forced_format_overrides_manifest_and_sniffing():
    doc = read_document(CORPUS / NAMES["003"], forced_format="text", meta={"format": "scraped"})
    assert doc.format == "text"


def test_manifest_titles_and_dates():
    docs = corpus()
    assert docs["004"].date.precision == "month"
    assert (docs["004"].date.start.isoformat(), docs["004"].date.end.isoformat()) == ("2025-11-01", "2025-11-30")
    assert docs["003"].date.precision == "day" and docs["003"].date.start.isoformat() == "2016-02-08"
    assert docs["000"].date.precision == "year"
    assert docs["001"].title == "International military intervention against the Islamic State"
    assert [d.id for d in docs.values()] == sorted(NAMES.values())


def test_without_manifest_title_is_file_name_and_no_date():
    doc = read_document(CORPUS / NAMES["000"])
    assert doc.title == NAMES["000"][:-4] and doc.date is None


def test_text_sections_nest_with_line_ranges():
    doc = corpus()["000"]
    sept = [s for s in doc.sections if s.title == "September 2014"][0]
    assert sept.path == ("Timeline", "Timeline", "2014", "September 2014")
    assert (sept.level, sept.line_start, sept.line_end) == (5, 195, 206)
    sentence = find(doc, "managed to retake the key Haditha Dam")
    assert sentence.section == sept.path and sentence.line == 197
    background = doc.sections[0]
    assert (background.title, background.level, background.line_start) == ("Background", 2, 8)


@pytest.mark.parametrize("key", ["000", "002", "004"])
def test_text_sentences_are_verbatim_with_true_lines(key):
    doc, text = corpus()[key], raw(key)
    lines = text.splitlines(keepends=True)
    starts = [sum(map(len, lines[:k])) for k in range(len(lines))]
    joined = 0
    for sentence in doc.sentences:
        source = text[sentence.start:sentence.end]
        # hard-wrapped lines join into one paragraph: the newline reads as a space
        assert source.replace("\r", " ").replace("\n", " ") == sentence.text
        joined += "\n" in source
        line_start = starts[sentence.line - 1]
        assert line_start <= sentence.start < line_start + len(lines[sentence.line - 1])
        assert doc.line_of(sentence.start) == sentence.line
    assert joined == {"000": 1, "002": 1, "004": 0}[key]
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))


def test_sentence_splitting_on_corpus_examples():
    doc = corpus()["000"]
    assert find(doc, "Lt. Gen. William Mayville Jr.").text.startswith("On Monday, 11 August, Lt. Gen.")
    assert find(doc, "USS George H.W. Bush").text.endswith("USS George H.W. Bush.")
    assert find(doc, "~$3.5 billion").text.endswith("by March 2019.")
    assert "U.K and Germany" in find(doc, "U.K and Germany").text
    first = doc.sentences[0]
    assert first.text.startswith("On 15 June 2014 U.S. President Barack Obama")
    assert first.text.endswith("as part of Operation Inherent Resolve.")
    assert doc.sentences[1].paragraph == first.paragraph
    assert doc.sentences[2].paragraph == first.paragraph + 1


@pytest.mark.parametrize("text,expected", [
    ("He met Lt. Gen. Mayville. Then he left.", ["He met Lt. Gen. Mayville.", "Then he left."]),
    ("George W. Bush spoke. It rained.", ["George W. Bush spoke.", "It rained."]),
    ("Aboard USS George H.W. Bush in the Gulf.", ["Aboard USS George H.W. Bush in the Gulf."]),
    ("It was No. 1 in the list. No more.", ["It was No. 1 in the list.", "No more."]),
    ("Costs reached 3.5 billion. More came.", ["Costs reached 3.5 billion.", "More came."]),
    ("The U.S. Army moved. The U.K. agreed.", ["The U.S. Army moved.", "The U.K. agreed."]),
    ("Troops left the U.S. The next day they landed.", ["Troops left the U.S.", "The next day they landed."]),
    ('He said "stop." Then it ended!', ['He said "stop."', "Then it ended!"]),
    ("Result •A won •B lost", ["Result", "A won", "B lost"]),
])
def test_split_sentences(text, expected):
    assert split_sentences(text) == expected


def test_wikitext_prose_is_clean_and_mapped_to_the_source():
    doc, text = corpus()["001"], raw("001")
    first = doc.sentences[0]
    assert first.text.startswith("Many states began to intervene against the Islamic State, in both")
    assert first.line == 7
    for sentence in doc.sentences:
        assert "<ref" not in sentence.text and "{{" not in sentence.text and "[[" not in sentence.text
        assert "http" not in sentence.text and "'''" not in sentence.text
        assert doc.line_of(sentence.start) == sentence.line
        for i, char in enumerate(sentence.text):
            if char != " ":
                assert text[sentence.to_original(i)] == char
    assert find(doc, "These efforts are called the war against the Islamic State (ISIS)")


def test_wikitext_links_keep_targets_and_offsets():
    doc, text = corpus()["001"], raw("001")
    sentence = find(doc, "Ain al-Assad Airbase")
    link = [ln for ln in sentence.links if ln.text == "Ain al-Assad Airbase"][0]
    assert link.target == "Al Asad Airbase"
    assert sentence.text[link.start:link.end] == "Ain al-Assad Airbase"
    a, b = sentence.to_original(link.start), sentence.to_original(link.end - 1) + 1
    assert text[a:b] == "Ain al-Assad Airbase"
    assert text[a - len("[[Al Asad Airbase|"):a] == "[[Al Asad Airbase|"
    assert sentence.line == text.count("\n", 0, a) + 1
    assert any(ln.target == "Islamic State" and ln.text == "Islamic State" for ln in doc.sentences[0].links)


def test_wikitext_sections_and_file_captions_dropped():
    doc = corpus()["001"]
    titles = [s.title for s in doc.sections]
    assert titles[0] == "International coalitions against the Islamic State"
    airstrikes = [s for s in doc.sections if s.title == "U.S. airstrikes" and s.level == 5][0]
    assert airstrikes.path == ("Iraq", "U.S.-led intervention", "U.S. military operations", "U.S. airstrikes")
    assert not any("Demining of Palmyra" in s.text or s.text.startswith("thumb") for s in doc.sentences)


def test_wikitext_involvement_table_becomes_data():
    doc = corpus()["001"]
    table = [t for t in doc.tables if t.header and t.header[0] == "Country"][0]
    assert table.header == ("Country", "In Iraq", "In Syria", "In Libya", "In Nigeria", "In Afghanistan")
    assert table.section == ("Involvement by country",) and table.line == 544
    rows = {row[0]: row for row in table.rows}
    assert rows["Afghanistan"] == ("Afghanistan", "—", "—", "—", "—", "Military")
    assert rows["Albania"][1:3] == ("Military aid", "Military aid")
    assert rows["United States"] == ("United States", "Military", "Military", "Military",
                                     "Intelligence aid", "Military")
    assert rows["Iran"][1] == "Military" and rows["Syria"][1] == "Military"   # missing |- repaired
    assert all(len(row) == 6 for row in table.rows)
    row_sentence = find(doc, "Afghanistan | —")
    assert row_sentence.line == 554


def test_scraped_headings_infobox_and_lines():
    doc, text = corpus()["003"], raw("003")
    titles = [s.title for s in doc.sections]
    assert titles[:4] == ["International coalitions against Da'esh", "US-led coalitions",
                          "5 September 2014", "3 September 2014"]
    five = doc.sections[2]
    assert five.path == ("International coalitions against Da'esh", "US-led coalitions", "5 September 2014")
    sentence = find(doc, "On the 5th of September at the 2014 NATO summit")
    assert sentence.section == five.path and sentence.line == 11
    assert "Russian-led coalition" in titles
    infobox = doc.tables[0]
    assert ("Date", "13 June 2014 – present") in infobox.rows
    assert any(row[0] == "Result" and "Emergence of an independent Kurdistan" in row[1] for row in infobox.rows)
    assert find(doc, "Date | 13 June 2014").line == 2
    for s in doc.sentences:
        assert text[s.start:s.end] == s.text


def test_blog_source_list_is_its_own_section():
    doc = corpus()["004"]
    assert [s.title for s in doc.sections] == ["SOURCES"]
    source = find(doc, "10/20/25")
    assert source.section == ("SOURCES",) and source.line == 12
    assert find(doc, "On November 27").section == ()
