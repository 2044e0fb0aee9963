"""Generic actor names: "government troops" stand for the government of the country the event is
in, the Soviets and Chinese forces of older wars are actors, "rebel forces" are rebels. Sentences
written for these tests."""

from eventkit import make_doc

from geo.actors import load_actors
from geo.events import extract_events


def _actors(text, dates, places, etype):
    doc, mentions = make_doc("doc.md", [(text, dates, places)])
    return sorted({(e.place_text, e.actor) for e in extract_events(doc, mentions) if e.event_type == etype})


def test_government_troops_in_syria_are_syria():
    found = _actors("On 3 May 2014, government troops recaptured Palmyra after heavy fighting.",
                    [("2014-05-03", "3 May 2014")], ["Palmyra"], "territory_change")
    assert found == [("Palmyra", "Syria")]


def test_government_forces_in_iraq_are_iraq():
    found = _actors("On 9 June 2016, regime forces stormed the outskirts of Fallujah.",
                    [("2016-06-09", "9 June 2016")], ["Fallujah"], "battle")
    assert found == [("Fallujah", "Iraq")]


def test_a_named_government_keeps_its_own_name():
    found = _actors("On 4 April 2015, Iraqi government forces retook Tikrit.",
                    [("2015-04-04", "4 April 2015")], ["Tikrit"], "territory_change")
    assert found == [("Tikrit", "Iraq")]


def test_government_forces_without_a_country_stay_generic():
    lexicon = load_actors()
    assert lexicon.localize("Government forces", "") == "Government forces"
    assert lexicon.localize("Government forces", "SY") == "Syria"
    # A country without an actor of its own keeps the generic name rather than guessing one.
    assert lexicon.localize("Government forces", "BR") == "Government forces"


def test_soviets_and_chinese_forces_are_actors():
    lexicon = load_actors()
    assert lexicon.normalize("Red Army") == "Soviet Union"
    assert [m.actor for m in lexicon.find("In March the Soviets crossed the river.")] == ["Soviet Union"]
    assert [m.actor for m in lexicon.find("Chinese troops held the pass.")] == ["China"]


def test_rebel_forces_are_rebels():
    found = _actors("On 2 August 2013, rebel forces captured Raqqa after a short siege.",
                    [("2013-08-02", "2 August 2013")], ["Raqqa"], "territory_change")
    assert found == [("Raqqa", "Free Syrian Army")]


def test_a_targets_nationality_is_not_the_doer():
    found = _actors("Later operations went against pockets of the Iraqi Army, including the capture of Kirkuk "
                    "on 10 April 2003.", [("2003-04-10", "10 April 2003")], ["Kirkuk"], "territory_change")
    assert found == [("Kirkuk", "")]


def test_a_named_battle_in_parentheses_is_a_citation():
    def battles(text):
        doc, mentions = make_doc("doc.md", [(text, [("2016-10", "October 2016")], ["Mosul"])])
        return [e.place_text for e in extract_events(doc, mentions) if e.event_type == "battle"]

    assert battles("In October 2016 the army fought the Battle of Mosul against ISIL.") == ["Mosul"]
    assert battles("In October 2016 the army advanced north (the First Battle of Mosul) without pause.") == []


def test_syrian_armed_groups_have_their_own_names():
    lexicon = load_actors()
    found = [m.actor for m in lexicon.find("The Syrian Liberation Front fought Tahrir al-Sham and Ahrar al-Sham.")]
    assert found == ["Syrian Liberation Front", "Hayat Tahrir al-Sham", "Ahrar al-Sham"]
    # "the rebel coalition" is a rebel alliance, not the US-led coalition.
    assert [m.actor for m in lexicon.find("the rebel coalition took the town")] == ["Free Syrian Army"]


def test_a_named_battle_after_a_likening_is_a_yardstick():
    doc, mentions = make_doc("doc.md", [(
        "By October 2016 officials said the city was cut off, comparing the situation to the Siege of Mosul.",
        [("2016-10", "October 2016")], ["Mosul"])])
    assert [e for e in extract_events(doc, mentions) if e.event_type == "battle"] == []


def test_the_army_is_the_government_but_not_inside_a_group_name():
    found = _actors("On 6 July 2016, the army entered Palmyra after a short fight.",
                    [("2016-07-06", "6 July 2016")], ["Palmyra"], "deployment")
    assert found == [("Palmyra", "Syria")]
    lexicon = load_actors()
    assert [m.actor for m in lexicon.find("The military retook the town.")] == ["Government forces"]
    assert [m.actor for m in lexicon.find("the Army of the Mujahideen attacked")] == []
