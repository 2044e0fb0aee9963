"""Event extraction on hand-built sentences (dates and place mentions as the earlier stages give them)."""

from datetime import date

from eventkit import make_doc

from geo.events import extract_events


def _events(items, **kw):
    doc, mentions = make_doc("doc.txt", items, **kw)
    return extract_events(doc, mentions)


def _one(events, etype, place):
    found = [e for e in events if e.event_type == etype and e.place_text == place]
    assert len(found) == 1, [(e.event_type, e.place_text) for e in events]
    return found[0]


def test_three_towns_conquered_in_one_sentence_give_three_events_with_pronoun_actor():
    events = _events([
        ("During the first days of August 2014, ISIL expanded its territories.", [], []),
        ("On 3 August, they conquered Sinjar and surrounding area, including Wana and Zumar.",
         [("2014-08-03", "3 August")], ["Sinjar", "Wana", "Zumar"]),
    ])
    changes = [e for e in events if e.event_type == "territory_change"]
    assert [e.place_text for e in changes] == ["Sinjar", "Wana", "Zumar"]
    for e in changes:
        assert e.actor == "ISIL" and e.holder_after == "ISIL"
        assert e.date.start == date(2014, 8, 3) and e.date.precision == "day"
        assert e.sources[0].doc == "doc.txt" and e.sources[0].line == 2
        assert e.evidence.startswith("On 3 August, they conquered")


def test_subject_is_the_doer_not_the_supporter():
    events = _events([("On 8 September, the Iraqi Army with close air support from U.S. F-18 aircraft "
                       "managed to retake the key Haditha Dam.", [("2014-09-08", "8 September")], ["Haditha Dam"])])
    e = _one(events, "territory_change", "Haditha Dam")
    assert (e.actor, e.holder_after, e.geo_precision) == ("Iraq", "Iraq", "place")


def test_recaptured_from_isil_names_target_and_two_places():
    events = _events([("Assisted by these U.S. air attacks, Iraqi Kurdish forces claimed to have recaptured "
                       "the Northern Iraqi towns of Makhmur and Gweyr from ISIL control.",
                       [("2014-08-10", "")], ["Makhmur", "Gweyr"])])
    for town in ("Makhmur", "Gweyr"):
        e = _one(events, "territory_change", town)
        assert (e.actor, e.holder_after, e.target) == ("Kurdistan Region", "Kurdistan Region", "ISIL")


def test_airstrike_near_place_with_date_after_the_cue():
    events = _events([("The first Canadian airstrike took place on 2 November 2014, targeting construction "
                       "equipment near Fallujah.", [("2014-11-02", "2 November 2014")], ["Fallujah"])])
    e = _one(events, "airstrike", "Fallujah")
    assert (e.actor, e.geo_precision, e.date.start) == ("Canada", "near", date(2014, 11, 2))


def test_country_mention_gives_way_to_a_finer_place():
    events = _events([("Egypt conducted airstrikes on ISIL targets in Libya on 16 February 2015, killing a "
                       "total of 64 ISIL militants (50 in Derna).", [("2015-02-16", "16 February 2015")],
                      ["Libya", "Derna"])])
    assert [(e.event_type, e.place_text) for e in events] == [("airstrike", "Derna")]
    assert (events[0].actor, events[0].target) == ("Egypt", "ISIL")


def test_country_only_gives_a_country_precision_event():
    events = _events([("On 8 August, the United States began airstrikes against ISIL positions in Iraq.",
                       [("2014-08-08", "8 August")], ["Iraq"])])
    e = _one(events, "airstrike", "Iraq")
    assert (e.actor, e.target, e.geo_precision) == ("United States", "ISIL", "country")


def test_passive_and_fell_to():
    events = _events([
        ("Mosul fell to ISIL on 10 June 2014.", [("2014-06-10", "10 June 2014")], ["Mosul"]),
        ("Ramadi was recaptured by Iraqi forces in December 2015.", [("2015-12", "December 2015")], ["Ramadi"]),
        ("Tikrit was liberated on 31 March 2015.", [("2015-03-31", "31 March 2015")], ["Tikrit"]),
    ])
    assert _one(events, "territory_change", "Mosul").holder_after == "ISIL"
    ramadi = _one(events, "territory_change", "Ramadi")
    assert (ramadi.actor, ramadi.holder_after, ramadi.date.precision) == ("Iraq", "Iraq", "month")
    assert _one(events, "territory_change", "Tikrit").holder_after == "Iraq"   # its government


def test_intentions_and_negations_are_not_events():
    events = _events([
        ("In March, Iraq announced an operation to retake Mosul.", [("2015-03", "March")], ["Mosul"]),
        ("ISIL did not capture Erbil in August 2014.", [("2014-08", "August 2014")], ["Erbil"]),
    ])
    assert [e for e in events if e.event_type == "territory_change"] == []


def test_region_wide_statement_is_a_country_level_change_to_the_government():
    events = _events([("By December 2017, ISIL had no remaining territory in Iraq.",
                       [("2017-12", "December 2017")], ["Iraq"])])
    e = _one(events, "territory_change", "Iraq")
    assert (e.geo_precision, e.holder_after, e.actor) == ("country", "Iraq", "ISIL")


def test_base_use_and_following_sentence_takes_the_paragraph_date():
    events = _events([
        ("On 5 October 2014, Belgian F-16s arrived.", [("2014-10-05", "5 October 2014")], []),
        ("Belgian air forces operate from Shaheed Mwaffaq Air Base located in Jordan.", [],
         ["Shaheed Mwaffaq Air Base", "Jordan"]),
    ])
    e = _one(events, "base_use", "Shaheed Mwaffaq Air Base")
    assert e.actor == "Belgium" and e.date.start == date(2014, 10, 5)


def test_unresolved_place_still_gives_an_event_without_coordinates():
    events = _events([("On 2 November 2014 Canadian jets bombed ISIL targets near Fallujah.",
                       [("2014-11-02", "2 November 2014")], ["Fallujah"])], unresolved=("Fallujah",))
    e = _one(events, "airstrike", "Fallujah")
    assert e.place is None and e.geo_precision == "near"


def test_sentence_without_date_or_place_gives_nothing():
    assert _events([("Airstrikes were carried out.", [], []),
                    ("Airstrikes hit Erbil.", [], ["Erbil"])]) == []


def test_airdrop_is_not_an_airstrike():
    events = _events([("On 7 August the U.S. started dropping food and water for the Yazidis in Sinjar.",
                       [("2014-08-07", "7 August")], ["Sinjar"])])
    assert [(e.event_type, e.actor) for e in events] == [("airdrop", "United States")]


def test_a_side_without_aircraft_is_never_the_airstrike_actor():
    events = _events([("On 12 May 2015, the leader of ISIL was wounded in an airstrike near Mosul.",
                       [("2015-05-12", "12 May 2015")], ["Mosul"])])
    e = _one(events, "airstrike", "Mosul")
    assert (e.actor, e.target, e.geo_precision) == ("", "ISIL", "near")


def test_ship_names_and_led_coalition_name_their_navy_and_the_coalition():
    events = _events([
        ("USS Carl Vinson deployed to Erbil on 1 October 2014.", [("2014-10-01", "1 October 2014")], ["Erbil"]),
        ("On 27 November 2025 the U.S. led Coalition against the Islamic State had ended its mission in Erbil.",
         [("2025-11-27", "27 November 2025")], ["Erbil"]),
    ])
    assert _one(events, "deployment", "Erbil").actor == "United States"
    assert _one(events, "withdrawal", "Erbil").actor == "Coalition"


def test_passive_agent_after_by_the():
    events = _events([("Fallujah was liberated by the Iraqi army on 26 June 2016.",
                       [("2016-06-26", "26 June 2016")], ["Fallujah"])])
    e = _one(events, "territory_change", "Fallujah")
    assert (e.actor, e.holder_after) == ("Iraq", "Iraq")


def test_other_news_phrasings():
    events = _events([
        ("On 4 March 2016, coalition aircraft conducted 12 strikes near Hit.", [("2016-03-04", "4 March 2016")],
         ["Hit"]),
        ("Australian Super Hornets hit an ISIL weapons cache west of Kirkuk on 3 March 2017.",
         [("2017-03-03", "3 March 2017")], ["Kirkuk"]),
        ("On 10 July 2017 the Iraqi government declared victory in Mosul.", [("2017-07-10", "10 July 2017")],
         ["Mosul"]),
        ("Peshmerga forces withdrew from Kirkuk on 16 October 2017.", [("2017-10-16", "16 October 2017")],
         ["Kirkuk"]),
    ])
    hit = _one(events, "airstrike", "Hit")
    assert (hit.actor, hit.geo_precision) == ("Coalition", "near")
    kirkuk = [e for e in events if e.place_text == "Kirkuk"]
    assert {(e.event_type, e.actor) for e in kirkuk} == {("airstrike", "Australia"),
                                                          ("withdrawal", "Kurdistan Region")}
    assert _one(events, "territory_change", "Mosul").holder_after == "Iraq"
