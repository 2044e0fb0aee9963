"""Years for year-less dates come from the article's own timeline (sentences written for these
tests): its period, its paragraphs' narrative time, never a flashback or a background "since"."""

from __future__ import annotations

from datetime import date

from geo.dates import tag_document
from geo.dates.context import parse_iso_or_partial
from geo.model import Document, Sentence


def tag(paragraphs: list[list[str]], published: str | None = "2022-05-04",
        period: str | None = None) -> list[list[date]]:
    sents, i = [], 0
    for p, texts in enumerate(paragraphs):
        for text in texts:
            sents.append(Sentence(text=text, line=i + 1, start=i * 200, end=i * 200 + len(text),
                                  section=("History",), paragraph=p + 1, index=i))
            i += 1
    doc = Document(id="a.md", path="a.md", title="a", format="markdown",
                   date=parse_iso_or_partial(published) if published else None, sentences=tuple(sents),
                   period=_period(period))
    return [[d.start for d in s.dates] for s in tag_document(doc).sentences]


def _period(spec: str | None):
    if not spec:
        return None
    a, b = (parse_iso_or_partial(x) for x in spec.split(".."))
    return a.__class__(a.start, b.end, "range")


def test_a_flashback_paragraph_does_not_date_the_next_one_outside_the_period():
    got = tag([["The river had been mined during the 1991 war, in March 1991."],
               ["On 12 March, engineers cleared the crossing at Hit."]], period="2009-03-01..2009-04-20")
    assert got == [[date(1991, 1, 1), date(1991, 3, 1)], [date(2009, 3, 12)]]


def test_the_period_dates_a_page_written_years_later():
    got = tag([["On 4 April, the militia entered the market."]], period="2016-03-20..2016-06-01")
    assert got == [[date(2016, 4, 4)]]


def test_since_is_background_not_the_year_of_the_next_event():
    got = tag([["The offensive began on 2 March 2016."],
               ["The brigade, stationed near Tal Abyad since late 2012, moved south in April."]])
    assert got == [[date(2016, 3, 2)], [date(2012, 9, 1), date(2016, 4, 1)]]


def test_since_still_lends_its_year_when_nothing_else_in_the_text_does():
    got = tag([["Advisers had served there since June 2013; on 9 August, more arrived."]], published="2021")
    assert got == [[date(2013, 6, 1), date(2013, 8, 9)]]


def test_a_last_flashback_of_a_paragraph_is_not_the_next_paragraph_time():
    got = tag([["On 29 July 2019, the council met in Qamishli.",
                "Later that day, it returned the bodies of soldiers killed in 2014."],
               ["On 30 July, the talks resumed."]], published=None)
    assert got[2] == [date(2019, 7, 30)]


def test_a_later_month_in_another_year_does_not_override_the_story_so_far():
    got = tag([["In early November 2012, rebels gained ground near Saraqib."],
               ["On 18 November, rebels took a base.", "A journalist in August 2014 wrote about it."]],
              published=None)
    assert got[1] == [date(2012, 11, 18)]


def test_a_later_stated_day_of_the_same_weeks_still_lends_its_year():
    got = tag([["In June 2016 the jets returned."],
               ["On 15 September, fighter aircraft flew reconnaissance.", "On 19 September 2014, they struck."]],
              published=None)
    assert got[1] == [date(2014, 9, 15)]


def test_a_text_about_years_long_before_its_publication_is_not_news_of_that_day():
    # stated years lie well before the 2023 publication: "10 June" must not become 2023 or 2022,
    # and "on Thursday" is no day of the publication week
    got = tag([["Fighting spread in 2013 and 2014, and again in 2015."],
               ["On Thursday, the city was quiet."]], published="2023-08-29")
    assert got[1] == []
    alone = tag([["The siege lasted from 2013 to 2015; relief came in 2016 and 2017."],
                 ["On 10 June, the siege was lifted."]], published="2023-08-29")
    assert alone[1] == [date(2017, 6, 10)]


def test_a_news_story_still_takes_its_publication_year():
    got = tag([["Iraqi forces retook the town on Thursday.", "It fell in August 2014."]],
              published="2016-10-21")
    assert got == [[date(2016, 10, 20)], [date(2014, 8, 1)]]


def test_a_year_inside_a_section_title_does_not_overrule_the_paragraph():
    # "Siege of the port (2009)" starts in 2009 and may go on: "in May" after "March 2010" is 2010
    sents = (Sentence(text="In March 2010, the harbour fell, and the fort was taken in May.", line=1, start=0,
                      end=60, section=("Siege of the port (2009)",), paragraph=1, index=0),)
    doc = Document(id="a.md", path="a.md", title="a", format="markdown", date=None, sentences=sents)
    assert [d.start for d in tag_document(doc).sentences[0].dates] == [date(2010, 3, 1), date(2010, 5, 1)]
