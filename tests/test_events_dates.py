"""Which date belongs to an event's own clause (issue 9): praise of an earlier act, a list whose
last item names another event with its date, and days counted from the paragraph before.
Sentences written for these tests."""

from datetime import date

from eventkit import make_doc

from geo.dates import parse_iso_or_partial, tag_document
from geo.events import extract_events
from geo.model import Document, Sentence


def _events(items):
    doc, mentions = make_doc("doc.txt", items)
    return extract_events(doc, mentions)


def test_praise_for_an_act_is_not_dated_by_the_day_of_the_praise():
    evs = _events([("On 3 March 2016, the minister congratulated the army for recapturing Hit from ISIL.",
                    [("2016-03-03", "3 March 2016")], ["Hit"]),
                   ("On 3 March 2016, the army recaptured Hawija from ISIL.",
                    [("2016-03-03", "3 March 2016")], ["Hawija"])])
    assert [(e.place_text, e.date.start) for e in evs] == [("Hawija", date(2016, 3, 3))]


def test_a_date_closing_a_later_list_item_that_names_another_event_is_not_the_cues():
    evs = _events([("The campaign ended with the capture of Mosul by Iraqi forces, a mass grave found nearby, "
                    "and the surrender of the last garrison on 9 July 2017.",
                    [("2017-07-09", "9 July 2017")], ["Mosul"])])
    assert [e for e in evs if e.place_text == "Mosul"] == []


def test_a_list_of_places_shares_the_date_after_it():
    evs = _events([("Iraqi forces captured Hit, Ramadi, and the outskirts of Fallujah on 9 July 2016.",
                    [("2016-07-09", "9 July 2016")], ["Hit", "Ramadi", "Fallujah"])])
    assert sorted((e.place_text, e.date.start) for e in evs) == [
        ("Fallujah", date(2016, 7, 9)), ("Hit", date(2016, 7, 9)), ("Ramadi", date(2016, 7, 9))]
