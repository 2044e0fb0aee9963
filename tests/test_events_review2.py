"""Second review round: error classes found by reading the corpus events and news phrasings
(running totals, plans, group subjects, unit names, region-wide losses, rivers, named events)."""

from datetime import date

import pytest
from eventkit import PLACES, make_doc

from geo.events import extract_events
from geo.model import DateSpan, Event, SourceRef
from geo.territory import control_features, timeline


def _events(items, **kw):
    doc, mentions = make_doc("doc.txt", items, **kw)
    return extract_events(doc, mentions)


def _of(events, etype, place=None):
    return [e for e in events if e.event_type == etype and (place is None or e.place_text == place)]


@pytest.mark.parametrize("text,dates,places", [
    ("By 22 October, the U.S. had spent $424 million on both of its bombing campaigns against ISIL in Iraq.",
     [("2014-10-22", "22 October")], ["Iraq"]),
    ("As of 2 March 2015, the Reapers had conducted 70 airstrikes in Iraq, whilst the Tornados had conducted 90.",
     [("2015-03-02", "2 March 2015")], ["Iraq"]),
    ("According to Airwars, by August 2015, 450 civilians had been killed by the U.S.-led coalition air campaign "
     "against ISIL in Iraq.", [("2015-08", "August 2015")], ["Iraq"]),
    ("The total number of airstrikes conducted by the United Kingdom in Iraq stood at 194 by 23 March 2015.",
     [("2015-03-23", "23 March 2015")], ["Iraq"]),
    ("On 23 February 2015, it was revealed that over 8,500 ISIL fighters had been killed by US-led airstrikes, "
     "with at least 7,000 of the deaths in Iraq.", [("2015-02-23", "23 February 2015")], ["Iraq"]),
    ("On 31 August, Stars and Stripes reported that in the past month, the U.S. military conducted 104 "
     "airstrikes against IS targets in Libya.", [("2016-08-31", "31 August")], ["Libya"]),
    ("On 11 August, a spokesperson for The Pentagon said the airstrikes had slowed down ISIL's advance in "
     "northern Iraq.", [("2014-08-11", "11 August")], ["Iraq"]),
    ("As of 2 April 2017, the U.S. troop level was around 5,200 deployed in Iraq.",
     [("2017-04-02", "2 April 2017")], ["Iraq"]),
])
def test_running_totals_and_reported_tallies_are_not_events(text, dates, places):
    assert _events([(text, dates, places)]) == []


def test_a_days_strikes_with_a_running_total_stay_an_event():
    text = "On 2 October the US conducted 20 airstrikes (bringing the total number of strikes to 201) in Libya."
    found = _of(_events([(text, [("2016-10-02", "2 October")], ["Libya"])]), "airstrike", "Libya")
    assert len(found) == 1 and found[0].actor == "United States"


def test_a_total_at_a_named_place_is_still_an_act_there():
    text = "By 16 August, U.S. airstrikes hit an ISIL vehicle and 4 militant positions in Derna."
    assert len(_of(_events([(text, [("2016-08-16", "16 August")], ["Derna"])]), "airstrike", "Derna")) == 1


def test_a_new_contingent_is_a_deployment_even_with_a_troop_total():
    text = ("In late February 2015, another 1,300 US soldiers were deployed to Iraq, increasing the number of "
            "US ground troops in Iraq to 4,400.")
    found = _of(_events([(text, [("2015-02", "February 2015")], ["Iraq"])]), "deployment", "Iraq")
    assert len(found) == 1 and found[0].actor == "United States"


@pytest.mark.parametrize("text", [
    "Denmark Danish Prime Minister Thorning-Schmidt promised 26 September 2014 to send four planes and three "
    "reserve jets (F-16s), with 250 pilots and staff, to launch airstrikes on ISIL in Iraq.",
    "To conduct its airstrikes, France deployed 9 Rafale fighters to Kuwait.",
    "On 9 August, speaking about U.S. airstrikes in Iraq, President Barack Obama said it was a long project.",
    "The U.S. acted to prevent a potential massacre by ISIL on thousands of Yazidis on Mount Sinjar.",
])
def test_plans_purposes_and_topics_are_not_airstrikes(text):
    places = [p for p in ("Iraq", "Kuwait", "Mount Sinjar") if p in text]
    events = _events([(text, [("2014-09-26", "")], places)])
    assert not [e for e in events if e.event_type in ("airstrike", "attack")], [(e.event_type, e.place_text) for e in events]


def test_ground_forces_targeting_a_group_is_no_airstrike_but_aircraft_targeting_is():
    ground = "On 3 September 2018, British special forces were also targeting IS-K in Afghanistan."
    assert _events([(ground, [("2018-09-03", "3 September 2018")], ["Afghanistan"])]) == []
    air = "On 3 September 2018, British jets were also targeting ISIL positions near Mosul."
    found = _of(_events([(air, [("2018-09-03", "3 September 2018")], ["Mosul"])]), "airstrike", "Mosul")
    assert len(found) == 1 and found[0].actor == "United Kingdom"


@pytest.mark.parametrize("text,place", [
    ("On 3 May 2016, the SEAL killed was part of a 30-man SEALs unit deployed to Iraq.", "Iraq"),
    ("The joint taskforce announced it was deploying additional Marines from the 26th MEU to Iraq.", "Iraq"),
    ("On 22 October 2015, Delta Force operators conducted a raid on an ISIL prison north of Hawija.", "Hawija"),
])
def test_unit_names_name_their_country(text, place):
    events = _events([("The base will be used to support the Iraqi 15th Division.", [("2016-03-19", "")], []),
                      (text, [("2016-03-19", "")], [place])])
    found = [e for e in events if e.place_text == place]
    assert found and all(e.actor == "United States" for e in found), [(e.event_type, e.actor) for e in found]


def test_joining_a_coalition_action_keeps_the_joiner_and_drops_the_destination():
    text = ("Canada later joined in with the coalition withdrawal as well by transferring some of its troops "
            "stationed in Iraq to Kuwait.")
    events = _events([(text, [("2020-01", "")], ["Iraq", "Kuwait"])])
    assert [(e.event_type, e.actor, e.place_text) for e in events] == [("withdrawal", "Canada", "Iraq")]


def test_a_group_of_countries_allied_with_the_us_is_the_coalition_not_the_us():
    text = "Since then, nine countries, allied with the US in some coalition, have also executed airstrikes on ISIL in Iraq."
    found = _of(_events([(text, [("2014-08", "")], ["Iraq"])]), "airstrike", "Iraq")
    assert len(found) == 1 and found[0].actor == "Coalition"


def test_region_wide_defeat_without_a_named_taker_hands_nothing_to_the_syrian_government():
    text = "On 23 March 2019, ISIL was defeated territorially in Syria after losing the Battle of Baghuz."
    found = _of(_events([(text, [("2019-03-23", "23 March 2019")], ["Syria"])]), "territory_change", "Syria")
    assert len(found) == 1 and (found[0].actor, found[0].holder_after) == ("ISIL", "unknown")
    named = "On 23 March 2019, ISIL was defeated territorially in Syria by the SDF."
    found = _of(_events([(named, [("2019-03-23", "23 March 2019")], ["Syria"])]), "territory_change", "Syria")
    assert found[0].holder_after == "Syrian Democratic Forces"


def _change(place, holder, when, actor=None):
    span = DateSpan(when, when, "day")
    return Event(f"{place}-{when}", "territory_change", span, PLACES[place], actor=actor or holder,
                 holder_after=holder, geo_precision="country" if PLACES[place].kind == "country" else "place",
                 sources=(SourceRef("n.txt", 1),), place_text=place)


def test_unknown_holder_ends_isil_areas_and_draws_nothing():
    events = [_change("Raqqa", "ISIL", date(2014, 1, 13)), _change("Syria", "unknown", date(2019, 3, 23), "ISIL")]
    raqqa = timeline(events)["t:raqqa"]
    assert [(c.holder, c.start) for c in raqqa] == [("ISIL", date(2014, 1, 13)), ("unknown", date(2019, 3, 23))]
    feats = control_features(events, horizon=date(2019, 6, 30))
    assert {f["holder"] for f in feats} == {"ISIL"}
    assert max(f["end"] for f in feats) == "2019-02-28"   # month-end probe: gone by the end of March


def test_a_river_is_no_event_place():
    text = "On 5 October 2018, coalition planes bombed an ISIL position near the Tigris river."
    assert _events([(text, [("2018-10-05", "5 October 2018")], ["Tigris"])]) == []


def test_named_events_take_the_place_and_date_right_before_them():
    text = "ISIL claimed the 5 June 2015 Diyarbakır rally bombing and 20 July 2015 Suruç bombing which killed 32."
    events = _events([(text, [("2015-06-05", "5 June 2015"), ("2015-07-20", "20 July 2015")],
                       ["Diyarbakır", "Suruç"])])
    got = sorted((e.place_text, e.date.start.isoformat()) for e in _of(events, "attack"))
    assert got == [("Diyarbakır", "2015-06-05"), ("Suruç", "2015-07-20")]


def test_declared_free_of_isil_goes_back_to_the_government():
    text = "On 12 April, the Iraqi government declared that Tikrit was free of ISIL forces."
    found = _of(_events([(text, [("2015-04-12", "12 April")], ["Tikrit"])]), "territory_change", "Tikrit")
    assert len(found) == 1 and found[0].holder_after == "Iraq"


def test_an_earlier_capture_recalled_without_its_own_date_is_not_dated_by_the_paragraph():
    text = "Obama sent 275 troops to protect the U.S. Embassy in Baghdad, following the capture of Mosul by ISIS."
    assert not _of(_events([(text, [("2014-06-15", "")], ["Mosul"])]), "territory_change")


def test_fighting_in_a_whole_country_is_no_battle_place():
    text = "New Zealand would provide $500,000 to help people displaced by fighting in Iraq."
    assert _events([(text, [("2014-08-10", "")], ["Iraq"])]) == []


@pytest.mark.parametrize("text,day,etype,place,actor,holder", [
    ("Iraqi forces, backed by coalition air strikes, recaptured Ramadi on 28 December 2015.", "28 December 2015",
     "territory_change", "Ramadi", "Iraq", "Iraq"),
    ("The SDF declared victory in Raqqa on 17 October 2017.", "17 October 2017",
     "territory_change", "Raqqa", "Syrian Democratic Forces", "Syrian Democratic Forces"),
    ("Kurdish fighters regained control of Kobani on 26 January 2015.", "26 January 2015",
     "territory_change", "Kobani", "Syrian Democratic Forces", "Syrian Democratic Forces"),
    ("Peshmerga fighters entered Kobani on 26 January 2015.", "26 January 2015",
     "deployment", "Kobani", "Kurdistan Region", ""),
    ("On 30 September 2015, Russian jets bombed positions near Palmyra.", "30 September 2015",
     "airstrike", "Palmyra", "Russia", ""),
    ("On 5 May 2016, a U.S. drone strike killed ISIL's leader in Raqqa.", "5 May 2016",
     "airstrike", "Raqqa", "United States", ""),
    ("On 2 October 2014, ISIL militants overran the town of Hit.", "2 October 2014",
     "territory_change", "Hit", "ISIL", "ISIL"),
    ("On 12 November 2015, Peshmerga forces withdrew from Sinjar.", "12 November 2015",
     "withdrawal", "Sinjar", "Kurdistan Region", ""),
    ("On 11 August 2014, the RAF flew its first mission from RAF Akrotiri.", "11 August 2014",
     "base_use", "RAF Akrotiri", "United Kingdom", ""),
])
def test_news_phrasings_of_the_same_kind(text, day, etype, place, actor, holder):
    iso = {"28 December 2015": "2015-12-28", "17 October 2017": "2017-10-17", "26 January 2015": "2015-01-26",
           "30 September 2015": "2015-09-30", "5 May 2016": "2016-05-05", "2 October 2014": "2014-10-02",
           "12 November 2015": "2015-11-12", "11 August 2014": "2014-08-11"}[day]
    events = _events([(text, [(iso, day)], [place])])
    found = _of(events, etype, place)
    assert len(found) == 1, [(e.event_type, e.place_text) for e in events]
    assert (found[0].actor, found[0].holder_after, found[0].date.start.isoformat()) == (actor, holder, iso)


def test_a_reported_tally_uses_the_events_own_later_date_or_is_no_event():
    text = ("On 11 October, Stars and Stripes reported that U.S. warplanes conducted 51 airstrikes against ISIL "
            "targets in Libya, particularly in and around Derna, between 7 and 10 October.")
    events = _events([(text, [("2016-10-11", "11 October"), ("2016-10-07", "7 and 10 October")], ["Libya", "Derna"])])
    assert [(e.place_text, e.date.start.isoformat()) for e in _of(events, "airstrike")] == [("Derna", "2016-10-07")]
    tally = ("On 20 December 2016, ABC news reported that AFRICOM said that it carried out 495 airstrikes against "
             "militant positions in Derna, Operation Odyssey Lightning concluded on 19 December.")
    assert _events([(tally, [("2016-12-20", "20 December 2016"), ("2016-12-19", "19 December")], ["Derna"])]) == []


def test_the_counted_noun_of_a_running_total_is_no_strike():
    text = "On 16 August, U.S. aircraft hit 4 positions in Derna, bringing the number of U.S. airstrikes in Libya to 48."
    events = _events([(text, [("2016-08-16", "16 August")], ["Derna", "Libya"])])
    assert [(e.event_type, e.place_text) for e in events] == [("airstrike", "Derna")]


def test_a_place_inside_an_operation_name_clause_is_not_struck():
    text = ("In November 2015, the U.S. intensified its airstrikes on ISIL-held oil facilities in an operation named "
            "Tidal Wave II, after the World War II campaign against Axis oil targets in Libya.")
    assert _events([(text, [("2015-11", "November 2015")], ["Libya"])]) == []


def test_an_anaphor_far_from_the_cue_does_not_carry_the_paragraphs_actor():
    events = _events([("On 3 May 2015, ISIL fighters attacked Mosul.", [("2015-05-03", "3 May 2015")], ["Mosul"]),
                      ("This strategy was tested during the May 2015 raid on Tikrit.", [("2015-05", "May 2015")],
                       ["Tikrit"])])
    found = _of(events, "attack", "Tikrit")
    assert len(found) == 1 and found[0].actor == ""



def test_an_inherited_paragraph_date_is_no_date_conflict():
    from dataclasses import replace as _replace

    from geo.events import merge_events
    stated = DateSpan(date(2014, 8, 8), date(2014, 8, 8), "day", "8 August", 3, 11)
    inherited = DateSpan(date(2014, 8, 9), date(2014, 8, 9), "day")      # no text: from the paragraph
    # At a town: country-level events of different documents are never merged (issue 9).
    base = Event("a", "airstrike", stated, PLACES["Mosul"], actor="United States", geo_precision="place",
                 sources=(SourceRef("000.txt", 2),), place_text="Mosul")
    other = _replace(base, event_id="b", date=inherited, sources=(SourceRef("001.txt", 144),))
    merged = merge_events([base, other])
    assert len(merged) == 1 and merged[0].conflicts == "" and merged[0].date.start == date(2014, 8, 8)
    told = _replace(other, date=DateSpan(date(2014, 8, 9), date(2014, 8, 9), "day", "9 August", 3, 11))
    assert "001.txt:144 says 2014-08-09" in merge_events([base, told])[0].conflicts


def test_an_attack_claimed_by_a_group_is_its_act():
    text = "A suicide bomber killed 30 people in Mosul on 3 July 2016, in an attack claimed by ISIL."
    found = _of(_events([(text, [("2016-07-03", "3 July 2016")], ["Mosul"])]), "attack", "Mosul")
    assert len(found) == 1 and (found[0].actor, found[0].target) == ("ISIL", "")


def test_a_government_declaring_victory_in_a_city_takes_it_back():
    text = "On 9 July 2017, Iraqi Prime Minister Haider al-Abadi declared victory over ISIL in Mosul."
    found = _of(_events([(text, [("2017-07-09", "9 July 2017")], ["Mosul"])]), "territory_change", "Mosul")
    assert len(found) == 1 and found[0].holder_after == "Iraq"


@pytest.mark.parametrize("text,etype,place,actor", [
    ("On 6 July 2016, Peshmerga forces pulled back from positions near Makhmur.", "withdrawal", "Makhmur",
     "Kurdistan Region"),
    ("On 6 July 2016, the US dropped a GBU-43 bomb on an ISIS tunnel complex near Mosul.", "airstrike", "Mosul",
     "United States"),
    ("On 6 July 2016, ISIS-K fighters attacked a temple in Mosul.", "attack", "Mosul", "ISIL"),
    ("On 6 July 2016, Iraqi forces loyal to the government recaptured the port of Ramadi.", "territory_change",
     "Ramadi", "Iraq"),
])
def test_more_news_phrasings(text, etype, place, actor):
    found = _of(_events([(text, [("2016-07-06", "6 July 2016")], [place])]), etype, place)
    assert len(found) == 1 and found[0].actor == actor, [(e.event_type, e.actor) for e in found]


def test_the_militants_never_resolve_to_a_state_actor_of_the_paragraph():
    events = _events([("On 20 June, Jordanian jets hit targets near Mosul.", [("2016-06-20", "20 June")], ["Mosul"]),
                      ("The militants were pushed out of Fallujah by Iraqi forces on 26 June 2016.",
                       [("2016-06-26", "26 June 2016")], ["Fallujah"])])
    found = _of(events, "territory_change", "Fallujah")
    assert len(found) == 1 and (found[0].holder_after, found[0].target) == ("Iraq", "")


def test_places_after_a_reporting_verb_belong_to_the_report():
    text = ("On 18 January 2017, B-2s dropped around 100 bombs on their targets near Derna, Carter said those "
            "targeted were planning attacks in Mosul.")
    events = _events([(text, [("2017-01-18", "18 January 2017")], ["Derna", "Mosul"])])
    assert {e.place_text for e in events} == {"Derna"}
