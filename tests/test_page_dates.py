"""A page's own dates: publication date vs the period it is about, and bad values."""

from __future__ import annotations

from datetime import date

import pytest

from geo.dates import tag_document
from geo.ingest import read_document
from geo.ingest.pagedate import front_dates, page_date


def md(tmp_path, front: str, body: str = "On 10 June, militants seized the bridge at Qayyarah.\n"):
    path = tmp_path / "page.md"
    path.write_text(f"---\ntitle: Page\n{front}\n---\n\n{body}", encoding="utf-8")
    return tag_document(read_document(path))


@pytest.mark.parametrize("front", [
    "date: [2014-06-03, 2014-06-29]",
    "date: 2014-06-03 – 2014-06-29",
    "date:\n  - 3 June – 29 June 2014",
    "date:\n  - 2014-06-03\n  - 2014-06-29",
    "date: June 3 to June 29, 2014",
    "date:\n  - |-\n    3 June – 29 June 2014\n    (26 days)",
])
def test_date_as_list_or_range_is_the_period_the_page_is_about(tmp_path, front):
    doc = md(tmp_path, front)
    assert (doc.period.start, doc.period.end) == (date(2014, 6, 3), date(2014, 6, 29))
    assert doc.date is None                       # no publication date was given
    assert doc.sentences[0].dates[0].start == date(2014, 6, 10)


def test_the_period_not_the_writing_date_sets_the_year(tmp_path):
    doc = md(tmp_path, "date:\n  - 2 March – 17 April 2011\npubDate: 2022-09-18 11:09",
             "Rebels entered the town on 20 March.\n\nThe following year the army returned.\n")
    assert doc.date.start == date(2022, 9, 18) and doc.period.end == date(2011, 4, 17)
    assert doc.sentences[0].dates[0].start == date(2011, 3, 20)
    assert doc.sentences[1].dates[0].start == date(2012, 1, 1)


def test_scalar_date_beside_a_publication_key_is_the_period(tmp_path):
    doc = md(tmp_path, "date: 2009-05-04\npublished: 2020-01-02")
    assert doc.date.start == date(2020, 1, 2) and doc.period.start == date(2009, 5, 4)


def test_alone_a_scalar_date_is_the_publication_day(tmp_path):
    doc = md(tmp_path, "date: 2019-07-02")
    assert doc.date.start == date(2019, 7, 2) and doc.period is None
    assert doc.sentences[0].dates[0].start == date(2019, 6, 10)


def test_a_period_over_years_gives_only_the_year_that_fits(tmp_path):
    front = "date:\n  - 1 August 2012 – 15 May 2013\npubDate: 2021-01-01"
    assert md(tmp_path, front, "Fighting resumed on 10 February.\n").sentences[0].dates[0].start \
        == date(2013, 2, 10)
    assert md(tmp_path, front, "The convoy left on 10 June.\n").sentences[0].dates == ()  # no year fits


def test_open_period_ends_at_the_publication_date(tmp_path):
    doc = md(tmp_path, "date:\n  - 9 October 2012 – present\npubDate: 2019-03-01")
    assert (doc.period.start, doc.period.end) == (date(2012, 10, 9), date(2019, 3, 1))


@pytest.mark.parametrize("front", ["date: 2015-13-45", "pubDate: 2015-02-30", "published: soon",
                                   "date: [2015-13-45]", "date: {a: 1}", "date: [[1, 2]]"])
def test_a_bad_page_date_is_a_warning_and_the_page_is_read_undated(tmp_path, front, caplog):
    doc = md(tmp_path, front)
    assert doc.date is None and doc.period is None
    assert [s.text for s in doc.sentences] == ["On 10 June, militants seized the bridge at Qayyarah."]
    assert len(doc.warnings) == 1 and "ignoring" in doc.warnings[0] and "\n" not in doc.warnings[0]


def test_an_empty_date_list_is_no_date(tmp_path):
    doc = md(tmp_path, "date: []\npubDate: 2023-08-29 02:08")
    assert doc.period is None and doc.date.start == date(2023, 8, 29) and not doc.warnings


def test_bad_html_meta_date_warns_and_reads_the_page(tmp_path):
    path = tmp_path / "p.html"
    path.write_text('<html><head><meta name="date" content="2016-14-99"></head>'
                    "<body><p>Troops crossed the river.</p></body></html>", encoding="utf-8")
    doc = read_document(path)
    assert doc.date is None and len(doc.warnings) == 1
    assert [s.text for s in doc.sentences] == ["Troops crossed the river."]


def test_front_dates_and_page_date_directly():
    published, period, warnings = front_dates({"PubDate": "2023-06-24 22:06", "Date": ["8 March 1963"]})
    assert published.start == date(2023, 6, 24) and period.start == date(1963, 3, 8) and not warnings
    assert page_date("20171020").start == date(2017, 10, 20)
    assert page_date("2016-10-18T09:00:00+00:00").start == date(2016, 10, 18)
    assert page_date("not a date") is None
