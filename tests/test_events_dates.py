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


def _dated(evs, place):
    return [(e.date.start, e.date.end) for e in evs if e.place_text == place]


def test_a_bracketed_year_tags_a_name_and_dates_no_later_sentence():
    evs = _events([("Hawija had lost a third of its pre-war (2013) population.", [("2013", "2013")], ["Hawija"]),
                   ("Militants then seized Hit.", [], ["Hit"])])
    assert _dated(evs, "Hit") == []


def test_an_undated_sentence_inherits_the_story_time_not_a_flashback():
    evs = _events([("In October 2016 the army retook areas it had lost in a July 2016 offensive.",
                    [("2016-10", "October 2016"), ("2016-07", "July 2016")], []),
                   ("The army then captured Hit.", [], ["Hit"])])
    assert _dated(evs, "Hit") == [(date(2016, 10, 1), date(2016, 10, 31))]


def test_a_summary_paragraph_whose_dates_jump_back_dates_no_undated_sentence():
    summary = _events([("By May 2016 the army held Anbar.", [("2016-05", "May 2016")], ["Anbar"]),
                       ("On 2 March 2016, it had taken Ramadi.", [("2016-03-02", "2 March 2016")], ["Ramadi"]),
                       ("Militants also bombed Hit.", [], ["Hit"])])
    assert _dated(summary, "Hit") == []
    story = _events([("On 2 March 2016, the army took Ramadi.", [("2016-03-02", "2 March 2016")], ["Ramadi"]),
                     ("On 1 March 2016, militants had fled.", [("2016-03-01", "1 March 2016")], []),
                     ("Militants also bombed Hit.", [], ["Hit"])])
    assert _dated(story, "Hit") == [(date(2016, 3, 1), date(2016, 3, 1))]


def test_a_date_past_a_stray_full_stop_belongs_to_the_clause_after_it():
    evs = _events([("On 11 October, observers claimed that 8 militiamen were killed in an attack on a "
                    "checkpoint in Hit. with 16 soldiers being killed the next day.",
                    [("2016-10-11", "11 October"), ("2016-10-12", "the next day")], ["Hit"])])
    assert _dated(evs, "Hit") == [(date(2016, 10, 11), date(2016, 10, 11))]


def test_a_counted_time_right_after_the_cue_is_its_own_date():
    evs = _events([("On 8 May, militants seized Hit, the army retook Hit two days later.",
                    [("2016-05-08", "8 May"), ("2016-05-10", "two days later")], ["Hit", "Hit"]),
                   ("On 8 May, the army captured Ramadi and the next day, militias entered Mosul.",
                    [("2016-05-08", "8 May"), ("2016-05-09", "the next day")], ["Ramadi", "Mosul"])])
    assert sorted((e.place_text, e.event_type, e.date.start.day) for e in evs) == [
        ("Hit", "territory_change", 8), ("Hit", "territory_change", 10),
        ("Mosul", "deployment", 9), ("Ramadi", "territory_change", 8)]


def test_a_date_in_the_cues_own_clause_beats_one_before_a_comma():
    evs = _events([("On 28 May 2016, militants attacked the army, capturing the small town of Hit in the desert by 1 June 2016.",
                    [("2016-05-28", "28 May 2016"), ("2016-06-01", "1 June 2016")], ["Hit"]),
                   ("In May 2016, militants seized Mosul, and the army had held Mosul since 2014.",
                    [("2016-05", "May 2016"), ("2014", "2014")], ["Mosul", "Mosul"])])
    assert sorted((e.place_text, e.date.start) for e in evs if e.event_type == "territory_change") == [
        ("Hit", date(2016, 6, 1)), ("Mosul", date(2016, 5, 1))]


def test_a_date_inside_a_relative_clause_after_the_cue_dates_nothing_else():
    evs = _events([("The airstrikes used in Ramadi were then applied to Fallujah, which was captured by ISIL "
                    "in January 2014.", [("2014-01", "January 2014")], ["Ramadi", "Fallujah"])])
    assert [(e.place_text, e.event_type) for e in evs] == [("Fallujah", "territory_change")]


def test_a_relative_clause_on_the_event_itself_still_dates_it():
    evs = _events([("The battle of Ramadi was a long armed conflict in Ramadi, that started on 9 July 2016.",
                    [("2016-07-09", "9 July 2016")], ["Ramadi", "Ramadi"])])
    assert [(e.place_text, e.date.start) for e in evs] == [("Ramadi", date(2016, 7, 9))]


def test_the_start_of_a_period_dates_no_later_sentence_of_the_paragraph():
    doc = Document(id="t.md", path="t.md", title="t", format="markdown", date=parse_iso_or_partial("2023"),
                   sentences=(Sentence("Starting on 5 June 2014, militants seized Mosul.", 1, 0, 48, index=0),
                              Sentence("The army then bombed Hit.", 1, 49, 74, index=1)))
    tagged = tag_document(doc)
    assert [d.qualifier for d in tagged.sentences[0].dates] == ["starting"]
    _, mentions = make_doc("t.md", [("Starting on 5 June 2014, militants seized Mosul.", [], ["Mosul"]),
                                    ("The army then bombed Hit.", [], ["Hit"])])
    evs = extract_events(tagged, mentions)
    assert [(e.place_text, e.date.start) for e in evs] == [("Mosul", date(2014, 6, 5))]


def test_a_date_after_of_is_a_yardstick_not_the_cues_date():
    evs = _events([("On 12 November 2015, bombings in Hit killed 43 people in the deadliest event of 2015.",
                    [("2015-11-12", "12 November 2015"), ("2015", "2015")], ["Hit"])])
    assert [(e.place_text, e.date.start) for e in evs] == [("Hit", date(2015, 11, 12))]
