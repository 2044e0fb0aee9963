"""Who and where of an event frame on encyclopedia-like prose: generic actors read in the
paragraph's country when the place is not in the gazetteer, armed groups named by their own
names, a passive change of hands that names no taker, events "between" two places, and a
country written after a place name. Sentences written for these tests."""

from eventkit import make_doc

from geo.actors import load_actors
from geo.events import extract_events


def _events(items, unresolved=()):
    doc, mentions = make_doc("doc.md", items, unresolved)
    return extract_events(doc, mentions)


def test_government_troops_at_an_unknown_village_are_the_paragraphs_country():
    events = _events([
        ("Fighting spread around Palmyra and Raqqa in the spring.", [("2016-04", "")], ["Palmyra", "Raqqa"]),
        ("On 9 May 2016, government troops captured the village of Khirbet Umm Tala.",
         [("2016-05-09", "9 May 2016")], ["Khirbet Umm Tala"]),
    ], unresolved=("Khirbet Umm Tala",))
    taken = [e for e in events if e.place_text == "Khirbet Umm Tala"]
    assert [(e.actor, e.holder_after) for e in taken] == [("Syria", "Syria")]


def test_unplaced_generic_actor_stays_generic_without_a_clear_country():
    events = _events([
        ("Talks were held in Erbil and Raqqa.", [("2016-04", "")], ["Erbil", "Raqqa"]),
        ("On 9 May 2016, the army captured the village of Khirbet Umm Tala.",
         [("2016-05-09", "9 May 2016")], ["Khirbet Umm Tala"]),
    ], unresolved=("Khirbet Umm Tala",))
    assert [e.actor for e in events if e.place_text == "Khirbet Umm Tala"] == ["Government forces"]


def test_syrian_armed_groups_and_government_aircraft_are_named():
    lexicon = load_actors()
    found = lexicon.find("The Levant Front and the Hamza Division fought the Sultan Murad Division, "
                         "while government helicopters and opposition gunmen were seen near the road.")
    assert [m.actor for m in found] == ["Levant Front", "Hamza Division", "Sultan Murad Division",
                                        "Government forces", "Free Syrian Army"]
    # The group's old long name is ISIL, not Iraq.
    assert [m.actor for m in lexicon.find("the Islamic State of Iraq and al-Sham seized the square")] == ["ISIL"]


def test_a_leader_deploying_his_army_is_his_country():
    events = _events([("In May 1938 Chiang Kai-shek deployed his army to defend Raqqa.",
                       [("1938-05", "May 1938")], ["Raqqa"])])
    assert [(e.event_type, e.actor) for e in events] == [("deployment", "China")]


def test_the_holder_before_a_passive_capture_is_not_its_taker():
    held = _events([("Mosul, held by ISIL since the summer, was recaptured on 10 July 2017.",
                     [("2017-07-10", "10 July 2017")], ["Mosul"])])
    assert [(e.actor, e.holder_after) for e in held if e.event_type == "territory_change"] == [("", "Iraq")]
    contrast = _events([("On 3 May 2015 Iraqi troops dug in around the city, but Ramadi was captured.",
                         [("2015-05-03", "3 May 2015")], ["Ramadi"])])
    assert [e.actor for e in contrast if e.event_type == "territory_change"] == [""]
    # Without a contrast the actor of the clause before still takes it.
    plain = _events([("On 4 June 2016, Iraqi forces advanced on Fallujah, which was recaptured within days.",
                      [("2016-06-04", "4 June 2016")], ["Fallujah"])])
    assert [e.actor for e in plain if e.event_type == "territory_change"] == ["Iraq"]


def test_fighting_between_two_towns_is_near_the_first_and_not_at_both():
    events = _events([("On 4 June 2016 fighting broke out between Hit and Ramadi.",
                       [("2016-06-04", "4 June 2016")], ["Hit", "Ramadi"])])
    assert [(e.place_text, e.geo_precision) for e in events] == [("Hit", "near")]
    unknown_first = _events([("On 4 June 2016 clashes erupted between Bir Tallah and Ramadi.",
                              [("2016-06-04", "4 June 2016")], ["Bir Tallah", "Ramadi"])],
                            unresolved=("Bir Tallah",))
    assert [(e.place_text, e.geo_precision) for e in unknown_first] == [("Ramadi", "near")]
    # A plain list of towns still gives an event at each.
    listed = _events([("On 4 June 2016 fighting broke out in Hit and Ramadi.",
                       [("2016-06-04", "4 June 2016")], ["Hit", "Ramadi"])])
    assert sorted((e.place_text, e.geo_precision) for e in listed) == [("Hit", "place"), ("Ramadi", "place")]


def test_a_country_written_after_a_place_is_no_actor():
    landing = _events([("On 2 March 2016 the unit flew from its staging area in Paris, France to Erbil, and one "
                        "damaged plane made an emergency landing at Al Minhad Air Base.",
                        [("2016-03-02", "2 March 2016")], ["Paris", "France", "Erbil", "Al Minhad Air Base"])])
    assert [(e.place_text, e.actor) for e in landing if e.place_text == "Al Minhad Air Base"] == [
        ("Al Minhad Air Base", "")]
    trained = _events([("On 2 March 2016 soldiers who had trained in Paris, France were deployed to Erbil.",
                        [("2016-03-02", "2 March 2016")], ["Paris", "France", "Erbil"])])
    assert [(e.event_type, e.actor) for e in trained if e.place_text == "Erbil"] == [("deployment", "")]


def test_the_armys_weapon_and_a_government_post_are_the_government():
    lead = ("Fighting went on in Palmyra and Raqqa.", [("2014-04", "")], ["Palmyra", "Raqqa"])
    missile = _events([lead, ("On 3 May 2014, 12 people were killed by an Army surface-to-surface missile fired "
                              "at the Bab Tuma district of Raqqa.", [("2014-05-03", "3 May 2014")], ["Raqqa"])])
    assert {e.actor for e in missile if e.sources[0].line == 2} == {"Syria"}
    post = _events([lead, ("On 3 May 2014, 4 civilians were killed as a result of shelling on the village of "
                           "Tal Sheer by a government checkpoint.", [("2014-05-03", "3 May 2014")], ["Tal Sheer"])],
                   unresolved=("Tal Sheer",))
    assert {e.actor for e in post if e.place_text == "Tal Sheer"} == {"Syria"}


def test_between_a_name_not_read_as_a_place_and_a_town_is_near_the_town():
    events = _events([("On 4 June 2016 rebels attacked a convoy between Tell Qarah and al-Hit.",
                       [("2016-06-04", "4 June 2016")], ["Hit"])])
    assert [(e.place_text, e.geo_precision) for e in events] == [("Hit", "near")]


def test_a_place_in_another_subjects_after_clause_is_not_the_events():
    events = _events([("On 9 May 2017 the SDF launched an offensive along the river, after Iraqi troops reached Hawija.",
                       [("2017-05-09", "9 May 2017")], ["Hawija"])])
    assert [e.place_text for e in events if e.event_type == "battle"] == []
    # An adjective compound ("ISIL-held") opens no clause of its own.
    held = _events([("On 9 May 2017 Iraqi troops launched an offensive on Hawija before ISIL-held Kirkuk.",
                     [("2017-05-09", "9 May 2017")], ["Hawija", "Kirkuk"])])
    assert "Hawija" in [e.place_text for e in held if e.event_type == "battle"]


def test_a_rebel_attack_is_the_rebels_and_special_forces_groups_are_american():
    events = _events([("On 5 January 2013 a rebel attack on Raqqa was repelled.", [("2013-01-05", "5 January 2013")],
                       ["Raqqa"])])
    assert {e.actor for e in events} == {"Free Syrian Army"}
    lexicon = load_actors()
    assert [m.actor for m in lexicon.find("soldiers of the 5th SFG and the 5th Legion")] == ["United States", "Syria"]


def test_a_country_crossed_on_the_way_is_not_where_troops_deployed():
    events = _events([("On 29 October 2014 Peshmerga fighters were deployed, crossing the border into Jordan by road "
                       "with their heavy weapons and artillery and then driving to the front near Kobani.",
                       [("2014-10-29", "29 October 2014")], ["Jordan", "Kobani"])])
    assert "Jordan" not in [e.place_text for e in events if e.event_type == "deployment"]
    via = _events([("On 29 October 2014 Peshmerga fighters were deployed via Erbil and then went on to Kobani.",
                    [("2014-10-29", "29 October 2014")], ["Erbil", "Kobani"])])
    assert "Erbil" not in [e.place_text for e in via if e.event_type == "deployment"]
    direct = _events([("On 29 October 2014 Jordanian troops were deployed, crossing into Syria.",
                       [("2014-10-29", "29 October 2014")], ["Syria"])])
    assert [e.place_text for e in direct if e.event_type == "deployment"] == ["Syria"]


def test_an_attack_on_held_parts_of_a_city_is_near_it():
    events = _events([("On 2 May 2015 rebels shelled government-held parts of Raqqa.", [("2015-05-02", "2 May 2015")],
                       ["Raqqa"])])
    assert [(e.place_text, e.geo_precision) for e in events] == [("Raqqa", "near")]


def test_a_district_of_a_city_is_one_place_and_an_unknown_one_is_near_the_city():
    district = _events([("On 2 May 2015 a colonel was shot dead in the Raqqa district of Mashlab.",
                         [("2015-05-02", "2 May 2015")], ["Raqqa", "Mashlab"])], unresolved=("Mashlab",))
    assert [(e.place_text, e.geo_precision) for e in district] == [("Raqqa", "near")]
    known = _events([("On 2 May 2015 a colonel was shot dead in the Anbar district of Ramadi.",
                      [("2015-05-02", "2 May 2015")], ["Anbar", "Ramadi"])])
    assert [(e.place_text, e.geo_precision) for e in known] == [("Ramadi", "place")]
    suburb = _events([("On 2 May 2015 government forces shelled the Raqqa suburb of Mashlab.",
                       [("2015-05-02", "2 May 2015")], ["Raqqa"])])
    assert [(e.place_text, e.geo_precision) for e in suburb] == [("Raqqa", "near")]


def test_the_far_side_of_a_border_is_not_where_a_clash_happened():
    events = _events([("On 3 May 2016 two rebel groups clashed at the border gate with Kobani.",
                       [("2016-05-03", "3 May 2016")], ["Kobani"])])
    assert [e.place_text for e in events] == []
    plain = _events([("On 3 May 2016 two rebel groups clashed at the border gate of Kobani.",
                      [("2016-05-03", "3 May 2016")], ["Kobani"])])
    assert [e.place_text for e in plain] == ["Kobani"]


def test_a_kurdish_led_force_in_syria_is_the_sdf():
    events = _events([("On 9 February 2019 the Kurdish-led force began its final assault on Raqqa.",
                       [("2019-02-09", "9 February 2019")], ["Raqqa"])])
    assert {e.actor for e in events} == {"Syrian Democratic Forces"}


def test_the_capitalised_army_alone_is_the_army_but_begins_other_names():
    lexicon = load_actors()
    assert [m.actor for m in lexicon.find("On 3 May the Army withdrew from the town.")] == ["Government forces"]
    assert [m.actor for m in lexicon.find("the Army of Glory and the Army Rangers")] != ["Government forces"] * 2
    assert "Government forces" not in [m.actor for m in lexicon.find("the Army of Glory attacked")]
