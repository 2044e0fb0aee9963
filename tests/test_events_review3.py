"""Third review round: passive agents after the cue, announcers, relative clauses, delayed negations,
named past events, lists of aims, judicial executions, possessors and year-dated duplicates."""

from datetime import date

from eventkit import make_doc

from geo.events import extract_events
from geo.events.merge import merge_events
from geo.events.text import spots_of
from geo.model import DateSpan, Event, SourceRef


def _events(items, **kw):
    doc, mentions = make_doc("doc.txt", items, **kw)
    return extract_events(doc, mentions)


def _of(events, etype, place=None):
    return [e for e in events if e.event_type == etype and (place is None or e.place_text == place)]


def test_passive_agent_after_the_cue_is_the_actor():
    evs = _events([("The siege of Kobani was launched by the Islamic State on 13 September 2014.",
                    [("2014-09-13", "13 September 2014")], ["Kobani"])])
    battle, = _of(evs, "battle", "Kobani")
    assert battle.actor == "ISIL"


def test_announcer_of_a_liberation_is_not_the_taker():
    evs = _events([("Mosul was declared fully liberated on July 10, 2017 by Iraqi Prime Minister Haider al-Abadi.",
                    [("2017-07-10", "July 10, 2017")], ["Mosul"])])
    change, = _of(evs, "territory_change", "Mosul")
    assert (change.holder_after, change.date.start, change.actor) == ("Iraq", date(2017, 7, 10), "")


def test_relative_clause_on_an_apposition_gives_the_earlier_capture():
    text = ("Iraqi forces recaptured Qaraqosh on October 22, 2016, a Christian town south-east of Mosul "
            "that Islamic State seized in August 2014.")
    evs = _events([(text, [("2016-10-22", "October 22, 2016"), ("2014-08", "August 2014")], ["Qaraqosh", "Mosul"])])
    changes = sorted(_of(evs, "territory_change"), key=lambda e: e.date.start)
    assert [(e.place_text, e.holder_after, e.date.start) for e in changes] == [
        ("Qaraqosh", "ISIL", date(2014, 8, 1)), ("Qaraqosh", "Iraq", date(2016, 10, 22))]


def test_date_inside_a_relative_clause_is_not_the_main_verb_date():
    text = "Peshmerga forces retook Sinjar, which ISIL had seized in August 2014, on 13 November 2015."
    evs = _events([(text, [("2014-08", "August 2014"), ("2015-11-13", "13 November 2015")], ["Sinjar"])])
    got = sorted((e.date.start, e.holder_after) for e in _of(evs, "territory_change", "Sinjar"))
    assert got == [(date(2014, 8, 1), "ISIL"), (date(2015, 11, 13), "Kurdistan Region")]


def test_demonym_and_aircraft_subject_uses_a_base():
    evs = _events([("Australian F/A-18s operated from Al Minhad Air Base in the United Arab Emirates in October 2014.",
                    [("2014-10", "October 2014")], ["Al Minhad Air Base", "United Arab Emirates"])])
    base, = _of(evs, "base_use")
    assert (base.actor, base.place_text) == ("Australia", "Al Minhad Air Base")


def test_not_until_is_a_delayed_event_not_a_negation():
    evs = _events([("Iraqi forces did not recapture Hawija until October 5, 2017.",
                    [("2017-10-05", "October 5, 2017")], ["Hawija"])])
    change, = _of(evs, "territory_change", "Hawija")
    assert (change.date.start, change.holder_after) == (date(2017, 10, 5), "Iraq")
    # A plain negation still gives nothing.
    assert not _events([("Iraqi forces did not recapture Hawija on October 5, 2017.",
                         [("2017-10-05", "October 5, 2017")], ["Hawija"])])


def test_place_of_a_named_past_event_is_not_the_strike_place():
    text = "French Rafale jets bombed ISIS targets in Raqqa on November 15, 2015, two days after the Paris attacks."
    evs = _events([(text, [("2015-11-15", "November 15, 2015")], ["Raqqa", "Paris"])])
    assert [(e.event_type, e.place_text, e.actor) for e in evs] == [("airstrike", "Raqqa", "France")]
    text = "US aircraft struck targets near Raqqa on 3 June 2017, a week before the Mosul offensive ended."
    evs = _events([(text, [("2017-06-03", "3 June 2017")], ["Raqqa", "Mosul"])])
    assert [e.place_text for e in evs] == ["Raqqa"]


def test_a_list_of_aims_states_no_event():
    text = ("On 8 and 9 August, Obama extended the purposes of the airstrikes of 8 August as to be: 1.) protecting "
            "Americans in Iraq; 2.) helping Iraqi minorities stranded on Mount Sinjar; 3.) \"break the siege of "
            "Mount Sinjar\"; 4.) preventing massacres.")
    evs = _events([(text, [("2014-08-08", "8 August")], ["Iraq", "Mount Sinjar", "Mount Sinjar"])])
    assert not _of(evs, "battle") and not _of(evs, "attack")
    assert not [e for e in evs if e.place_text == "Mount Sinjar"]


def test_judicial_execution_is_no_attack_but_an_isil_one_is():
    assert not _events([("Iraqi authorities executed 42 convicts sentenced to death in Nasiriyah on 25 September 2017.",
                         [("2017-09-25", "25 September 2017")], ["Nasiriyah"])])
    evs = _events([("ISIL executed 42 prisoners in Mosul on 25 September 2014.",
                    [("2014-09-25", "25 September 2014")], ["Mosul"])])
    attack, = _of(evs, "attack", "Mosul")
    assert attack.actor == "ISIL"


def test_pronoun_ousting_after_a_possessed_offensive():
    text = ("U.S. troops are supporting Iraqi forces in their ongoing offensive against ISIL militants after they "
            "ousted them from Mosul, Stars and Stripes reported on 13 August 2017.")
    evs = _events([(text, [("2017-08-13", "13 August 2017")], ["Mosul"])])
    assert not _of(evs, "battle", "Mosul")
    change, = _of(evs, "territory_change", "Mosul")
    assert change.holder_after == "Iraq"


def _ev(etype, place_id, start, end, precision, doc, line, actor=""):
    span = DateSpan(date.fromisoformat(start), date.fromisoformat(end), precision, "x", 0, 1)
    return Event("e", etype, span, None, actor, "", "place", "", "text", (SourceRef(doc, line),), place_id)


def test_year_dated_duplicate_folds_into_the_day_without_conflict():
    year = _ev("battle", "Abu Kamal", "2016-01-01", "2016-12-31", "year", "a.txt", 306)
    day = _ev("battle", "Abu Kamal", "2016-06-29", "2016-06-29", "day", "a.txt", 306, "Free Syrian Army")
    other = _ev("battle", "Abu Kamal", "2015-06-29", "2015-06-29", "day", "b.txt", 9)
    merged = merge_events([year, day, other])
    assert len(merged) == 2
    folded = next(e for e in merged if e.date.start == date(2016, 6, 29))
    assert (folded.date.precision, folded.actor, folded.conflicts) == ("day", "Free Syrian Army", "")
    # Another doer's battle in that year is another event.
    iran = _ev("battle", "Abu Kamal", "2016-01-01", "2016-12-31", "year", "c.txt", 5, "Iran")
    assert len(merge_events([iran, day])) == 2


def test_a_force_named_after_by_in_a_reported_capture_is_still_the_taker():
    evs = _events([("Sinjar was reported recaptured on 13 November 2015 by Kurdish Peshmerga forces.",
                    [("2015-11-13", "13 November 2015")], ["Sinjar"])])
    change, = _of(evs, "territory_change", "Sinjar")
    assert change.holder_after == "Kurdistan Region"


def test_the_home_air_base_of_the_strike_aircraft_is_not_struck():
    text = ("On 9 August 2014 an official said that the two planes involved in the airstrikes were Super Hornets "
            "from Carrier Air Wing 8, of RAF Akrotiri.")
    evs = _events([(text, [("2014-08-09", "9 August 2014")], ["RAF Akrotiri"])])
    assert not _of(evs, "airstrike", "RAF Akrotiri")
    # A base struck directly is still a target.
    evs = _events([("On 9 August 2014 US jets struck RAF Akrotiri.", [("2014-08-09", "9 August 2014")], ["RAF Akrotiri"])])
    assert _of(evs, "airstrike", "RAF Akrotiri")


def test_a_larger_unit_after_a_comma_only_locates_the_place():
    evs = _events([("On 3 June 2015 coalition jets struck ISIL near Ramadi, Anbar.",
                    [("2015-06-03", "3 June 2015")], ["Ramadi", "Anbar"])])
    assert [e.place_text for e in evs] == ["Ramadi"]
    doc, mentions = make_doc("doc.txt", [("Jets struck ISIL in Ramadi, Anbar and Syria.", [], ["Ramadi", "Anbar", "Syria"])])
    assert [s.mention.text for s in spots_of(doc.sentences[0], mentions)] == ["Ramadi", "Anbar", "Syria"]
    doc, mentions = make_doc("doc.txt", [("Jets struck ISIL near Ramadi, Anbar.", [], ["Ramadi", "Anbar"])])
    assert [s.mention.text for s in spots_of(doc.sentences[0], mentions)] == ["Ramadi"]
