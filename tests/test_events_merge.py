"""Merging the same event told by several documents: every source kept, disagreements recorded."""

from datetime import date

from eventkit import PLACES, day, month

from geo.events import merge_events, source_count
from geo.model import Event, SourceRef


def ev(doc, line, iso, place="Derna", etype="airstrike", actor="United States", evidence="", precision="day"):
    span = month(int(iso[:4]), int(iso[5:7])) if precision == "month" else day(iso)
    return Event(f"{doc}-{line}", etype, span, PLACES[place], actor=actor, evidence=evidence,
                 sources=(SourceRef(doc, line),), place_text=place)


def test_same_event_in_three_documents_is_one_with_three_sources():
    merged = merge_events([ev("000.txt", 197, "2014-09-08", "Haditha Dam", "territory_change", "Iraq"),
                           ev("001.txt", 190, "2014-09-08", "Haditha Dam", "territory_change", "Iraq"),
                           ev("002.txt", 104, "2014-09-08", "Haditha Dam", "territory_change", "Iraq")])
    assert len(merged) == 1
    m = merged[0]
    assert source_count(m) == 3
    assert [(s.doc, s.line) for s in m.sources] == [("000.txt", 197), ("001.txt", 190), ("002.txt", 104)]
    assert m.conflicts == ""


def test_different_days_across_documents_are_a_conflict_not_two_events():
    merged = merge_events([ev("001.txt", 353, "2015-11-15", evidence="On 15 November 2015 ... 2 F-15E jets"),
                           ev("002.txt", 241, "2015-11-13", evidence="On 13 November 2015 ... 2 F-15 jets")])
    assert len(merged) == 1
    assert "001.txt:353 says 2015-11-15" in merged[0].conflicts
    assert "002.txt:241 says 2015-11-13" in merged[0].conflicts
    assert source_count(merged[0]) == 2


def test_one_document_with_two_dates_means_two_events():
    merged = merge_events([ev("000.txt", 10, "2014-08-08", "Erbil"), ev("000.txt", 12, "2014-08-10", "Erbil"),
                           ev("001.txt", 5, "2014-08-09", "Erbil")])
    assert sorted(e.date.start for e in merged)[0] == date(2014, 8, 8)
    assert len(merged) == 2


def test_month_precision_absorbs_a_day_inside_it_and_keeps_the_day():
    merged = merge_events([ev("000.txt", 1, "2014-08-08", "Erbil"),
                           ev("002.txt", 7, "2014-08-01", "Erbil", precision="month")])
    assert len(merged) == 1
    assert merged[0].date.precision == "day" and merged[0].date.start == date(2014, 8, 8)
    assert source_count(merged[0]) == 2


def test_far_apart_dates_or_other_types_or_places_stay_apart():
    merged = merge_events([ev("000.txt", 1, "2014-08-08", "Erbil"), ev("001.txt", 1, "2014-09-08", "Erbil"),
                           ev("001.txt", 2, "2014-08-08", "Erbil", etype="attack"),
                           ev("002.txt", 3, "2014-08-08", "Mosul")])
    assert len(merged) == 4
    assert all(source_count(e) == 1 for e in merged)


def test_actor_and_number_disagreements_are_readable():
    merged = merge_events([
        ev("000.txt", 5, "2014-09-08", "Barwana", "territory_change", "Iraq",
           evidence="Iraqi state television reported that 15 ISIL militants were killed."),
        ev("003.txt", 9, "2014-09-08", "Barwana", "territory_change", "Coalition",
           evidence="The coalition said 20 militants were killed."),
    ])
    assert len(merged) == 1
    text = merged[0].conflicts
    assert "000.txt:5 says actor Iraq" in text and "003.txt:9 says actor Coalition" in text
    assert "000.txt:5 says 15 militants" in text and "003.txt:9 says 20 militants" in text


def test_single_source_claim_stays_single_source():
    merged = merge_events([ev("003.txt", 40, "2015-06-01", "Erbil", "deployment", "United Nations")])
    assert source_count(merged[0]) == 1 and merged[0].conflicts == ""


def test_two_named_countries_striking_nearby_are_two_events():
    merged = merge_events([ev("000.txt", 116, "2014-11-11", "Erbil", actor="Canada"),
                           ev("002.txt", 148, "2014-11-10", "Erbil", actor="United Kingdom")])
    assert len(merged) == 2 and all(m.conflicts == "" for m in merged)


def test_a_multi_year_range_does_not_swallow_the_days_inside_it():
    from datetime import date as d

    from geo.model import DateSpan
    long = Event("long", "airstrike", DateSpan(d(2014, 8, 8), d(2016, 10, 18), "range"), PLACES["Iraq"],
                 actor="United States", sources=(SourceRef("000.txt", 469),), place_text="Iraq")
    merged = merge_events([long, ev("001.txt", 144, "2014-08-09", "Iraq")])
    assert len(merged) == 2


def test_coalition_and_its_member_agree_and_one_document_does_not_dispute_itself():
    merged = merge_events([
        ev("000.txt", 5, "2014-08-09", "Mosul", "airstrike", "Coalition"),
        ev("001.txt", 7, "2014-08-09", "Mosul", "airstrike", "United States"),
        ev("001.txt", 9, "2014-08-09", "Mosul", "airstrike", "Coalition"),
    ])
    assert len(merged) == 1
    assert merged[0].actor == "United States" and merged[0].conflicts == ""


def test_the_named_member_is_the_actor_of_a_coalition_event():
    merged = merge_events([
        ev("000.txt", 5, "2014-08-09", "Mosul", "airstrike", "Coalition"),
        ev("001.txt", 7, "2014-08-09", "Mosul", "airstrike", "France"),
        ev("002.txt", 7, "2014-08-09", "Mosul", "airstrike", "Coalition"),
    ])
    assert len(merged) == 1 and merged[0].actor == "France"
