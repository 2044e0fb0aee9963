"""Ingestion details that feed date context: glued sentences, lead-in lines, document titles."""

from __future__ import annotations

from datetime import date

import pytest

from geo import settings
from geo.dates import tag_document
from geo.ingest import read_document, split_sentences

CORPUS = settings.CORPUS_DIR


@pytest.mark.parametrize("text,expected", [
    ("targets in Iraq.The Jordanian Air Force on 4 February 2015 began.",
     ["targets in Iraq.", "The Jordanian Air Force on 4 February 2015 began."]),
    ("fell in Ramadi.On 5 May it ended.", ["fell in Ramadi.", "On 5 May it ended."]),
    ("See Reuters.com for more. It rained.", ["See Reuters.com for more.", "It rained."]),
    ("Read it at www.reuters.The site", ["Read it at www.reuters.The site"]),
    ("Cost approx.In total", ["Cost approx.In total"]),
    ("Aboard USS George H.W. Bush in the Gulf.", ["Aboard USS George H.W. Bush in the Gulf."]),
    ("It was No. 1 in the list.", ["It was No. 1 in the list."]),
    ("He met Lt. Gen. Mayville.", ["He met Lt. Gen. Mayville."]),
    ("Costs reached 3.5 billion.", ["Costs reached 3.5 billion."]),
    ("ISIL.The end", ["ISIL.The end"]),            # no lower-case word before the period
    ("the team.Then", ["the team.Then"]),          # a starter must be followed by a space
])
def test_glued_sentences_split_only_before_a_starter(text, expected):
    assert split_sentences(text) == expected


def test_corpus_glued_sentence_and_parenthesis_dates():
    doc = tag_document(read_document(CORPUS / "000_5c273f305db20d6c.txt", meta={"date": "2021"}))
    by_line = {}
    for s in doc.sentences:
        by_line.setdefault(s.line, []).append(s)
    jordan = [s for s in by_line[120] if s.text.startswith("The Jordanian Air Force")]
    assert len(jordan) == 1 and jordan[0].dates[0].start == date(2015, 2, 4)
    # "Canada (Operation Impact)On 7 October": not split, the date is still found
    firsts = {line: by_line[line][0].dates[0] for line in (93, 116, 118, 456)}
    assert (firsts[116].text, firsts[116].start) == ("7 October", date(2014, 10, 7))
    assert firsts[118].start == date(2014, 9, 15)       # from "19 September 2014" after it
    assert firsts[456].start == date(2014, 8, 7)        # from "9 August 2014" after it
    assert firsts[93].start == date(2014, 8, 8)         # line 94 continues the paragraph


def test_a_line_ending_in_a_colon_leads_into_the_next(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("=== Types of aircraft used ===\n"
                    "In the first U.S. airstrikes on 8 August, armed drones and aircraft:\n"
                    "F/A-18 Hornet fighters were used. The F/A-18s were that day launched. "
                    "A-10s were deployed on 17 November 2014.\n"
                    "A new paragraph.\n", encoding="utf-8")
    doc = tag_document(read_document(path, meta={"date": "2021"}))
    paragraphs = [s.paragraph for s in doc.sentences]
    assert paragraphs[0] == paragraphs[1] == paragraphs[3] != paragraphs[4]
    assert doc.sentences[0].dates[0].start == date(2014, 8, 8)
    assert doc.sentences[2].dates[0].start == date(2014, 8, 8)      # "that day"


WIKI_LEAD = """{{short description|A war}}
<!-- '''not this''' -->
{{Infobox military conflict
| name = Operation Example
| date = 2014
}}
The '''[[Example war|example war]]''' was fought in 2014.<ref>'''cite'''</ref>
== Course ==
'''Later bold''' text.
"""


@pytest.mark.parametrize("text,title", [
    (WIKI_LEAD, "Example war"),
    (WIKI_LEAD.replace("'''[[Example war|example war]]'''", "war"), "Operation Example"),
    ("{{short description|x}}\nThe war was fought in 2014.\n== A ==\nText '''bold''' here.\n",
     "w"),
])
def test_wikitext_title_from_the_lead(tmp_path, text, title):
    path = tmp_path / "w.wiki"
    path.write_text(text, encoding="utf-8")
    assert read_document(path, forced_format="wikitext").title == title
    # a manifest title still wins
    assert read_document(path, forced_format="wikitext", meta={"title": "M"}).title == "M"


def test_corpus_wikitext_title_without_manifest():
    doc = read_document(CORPUS / "001_c11517f85e84b717.txt")
    assert doc.title == "War against the Islamic State"


def test_capitalised_first_line_titles_a_text_file(tmp_path):
    path = tmp_path / "sitrep.txt"
    path.write_text("SITUATION REPORT: NINEVEH OPERATIONS, 10 JULY 2017\n\n"
                    "Mosul was declared fully liberated on July 10, 2017 by Iraqi Prime "
                    "Minister Haider al-Abadi.\n", encoding="utf-8")
    doc = tag_document(read_document(path))
    assert doc.title == "SITUATION REPORT: NINEVEH OPERATIONS, 10 JULY 2017"
    assert doc.sentences[0].text == doc.title       # still read: places in it count
    (span,) = doc.sentences[1].dates
    assert (span.start, span.precision) == (date(2017, 7, 10), "day")
    plain = tmp_path / "plain.txt"
    plain.write_text("On 5 May 2015 it rained.\nNATO AGREED.\n", encoding="utf-8")
    assert read_document(plain).title == "plain"
