"""Cues that tell no event or the wrong type (issue 9, "not an event" and "wrong type"): opinion
polls, decisions and possibilities, captured people, lists of titled battles cited as examples,
and ground fire told with a broad strike word. Sentences written for these tests."""

from eventkit import make_doc

from geo.events import extract_events


def _events(items):
    doc, mentions = make_doc("doc.txt", items)
    return extract_events(doc, mentions)


def _types(events):
    return sorted((e.event_type, e.place_text) for e in events)


def test_an_opinion_poll_about_airstrikes_is_no_airstrike():
    evs = _events([("A survey in June 2016 found that 61% of Britons backed airstrikes in Syria.",
                    [("2016-06", "June 2016")], ["Syria"])])
    assert evs == []


def test_a_decision_to_strike_and_a_possibility_of_strikes_are_not_strikes():
    evs = _events([("In May 2015 critics called the decision of the cabinet to launch airstrikes in Syria unlawful.",
                    [("2015-05", "May 2015")], ["Syria"]),
                   ("Faced with the possibility of more air raids on Raqqa, ISIL moved its leaders in June 2015.",
                    [("2015-06", "June 2015")], ["Raqqa"])])
    assert [e for e in evs if e.event_type == "airstrike"] == []


def test_a_captured_officer_is_no_change_of_control():
    evs = _events([("On 9 April 2003, Kurdish fighters captured the Iraqi colonel in charge of Kirkuk.",
                    [("2003-04-09", "9 April 2003")], ["Kirkuk"])])
    assert [e for e in evs if e.event_type == "territory_change"] == []


def test_a_missile_fired_from_the_ground_is_an_attack_by_its_shooter():
    evs = _events([("On 4 May 2016, a bus was struck by an ISIL anti-tank missile near Palmyra.",
                    [("2016-05-04", "4 May 2016")], ["Palmyra"])])
    attack, = evs
    assert (attack.event_type, attack.place_text, attack.actor) == ("attack", "Palmyra", "ISIL")


def test_shelling_by_a_checkpoint_and_artillery_fire_are_no_airstrikes():
    evs = _events([("On 6 May 2016, two farmers died in a bombardment of Hawija by an army checkpoint.",
                    [("2016-05-06", "6 May 2016")], ["Hawija"]),
                   ("On 7 May 2016, Iraqi artillery bombarded Tikrit.", [("2016-05-07", "7 May 2016")], ["Tikrit"])])
    assert _types(evs) == [("attack", "Hawija"), ("attack", "Tikrit")]


def test_an_air_word_keeps_the_airstrike():
    evs = _events([("On 8 May 2016, coalition jets struck an ISIL mortar position near Ramadi.",
                    [("2016-05-08", "8 May 2016")], ["Ramadi"])])
    assert _types(evs) == [("airstrike", "Ramadi")]


def test_a_list_of_titled_battles_cited_as_examples_tells_no_event():
    evs = _events([("In 2015 the rebels won a run of victories in the Idlib offensive, the Battle of Palmyra (2016) "
                    "and the Siege of Kobani.", [("2015", "2015")], ["Idlib", "Palmyra", "Kobani"])])
    assert evs == []


def test_titled_battles_each_with_its_own_year_and_verb_stay():
    evs = _events([("The unit fought at the Battle of Tikrit in 2015 and the Battle of Ramadi in 2016.",
                    [("2015", "2015"), ("2016", "2016")], ["Tikrit", "Ramadi"])])
    assert _types(evs) == [("battle", "Ramadi"), ("battle", "Tikrit")]


def test_a_present_perfect_record_at_country_scale_is_no_event_of_the_paragraphs_date():
    evs = _events([("In 2016 the smuggling tunnels were found.", [("2016", "2016")], []),
                   ("Jordan has also carried out air strikes in Syria to stop the smugglers.", [], ["Syria"])])
    assert evs == []


def test_storming_a_gathering_place_is_an_attack():
    evs = _events([("On 2 June 2016, four gunmen stormed a crowded hotel in Erbil.", [("2016-06-02", "2 June 2016")],
                    ["Erbil"])])
    assert _types(evs) == [("attack", "Erbil")]


def test_the_act_retaliated_for_is_no_event_of_the_sentence():
    evs = _events([("On 3 June 2016, Turkish jets struck Kobani in retaliation for the militia attack on Suruç.",
                    [("2016-06-03", "3 June 2016")], ["Kobani", "Suruç"])])
    assert _types(evs) == [("airstrike", "Kobani")]


def test_an_attack_to_be_prevented_is_no_attack():
    evs = _events([("On 4 June 2016 Iraq moved troops north to prevent the militia's attack on Kirkuk.",
                    [("2016-06-04", "4 June 2016")], ["Kirkuk"])])
    assert [e for e in evs if e.event_type == "attack"] == []


def test_a_country_written_as_an_adjective_is_no_place():
    evs = _events([("On 5 June 2016, Russian helicopters landed on the Syria-built airstrip.",
                    [("2016-06-05", "5 June 2016")], ["Syria"])])
    assert evs == []


def test_forces_standing_in_a_country_are_no_deployment():
    evs = _events([("In May 2016 Moscow, which has forces deployed in Syria, objected to the talks.",
                    [("2016-05", "May 2016")], ["Syria"])])
    assert evs == []


def test_a_favoured_attack_a_protest_against_one_and_an_upcoming_assault_are_not_events():
    evs = _events([("In 1942 the generals favoured a large-scale attack on Mosul through Erbil.", [("1942", "1942")],
                    ["Mosul", "Erbil"]),
                   ("On 2 March 2018, the fighters retreated after crowds demonstrated against the attack on Idlib.",
                    [("2018-03-02", "2 March 2018")], ["Idlib"]),
                   ("On 25 July 2017, tanks were arriving east of Palmyra for the upcoming assault on Raqqa.",
                    [("2017-07-25", "25 July 2017")], ["Palmyra", "Raqqa"])])
    assert [e for e in evs if e.event_type in ("attack", "battle")] == []


def test_an_assault_launched_as_expected_stays():
    evs = _events([("On 26 July 2017, the army launched the expected assault on Raqqa.", [("2017-07-26", "26 July 2017")],
                    ["Raqqa"])])
    assert _types(evs) == [("battle", "Raqqa")]


def test_joining_the_bombing_of_isil_is_an_airstrike_by_the_joiner():
    evs = _events([("In September 2015 Jordan joined the bombing of ISIL in Syria.", [("2015-09", "September 2015")],
                    ["Syria"])])
    strike, = evs
    assert (strike.event_type, strike.actor) == ("airstrike", "Jordan")


def test_a_new_word_far_from_the_cue_does_not_make_standing_forces_a_deployment():
    evs = _events([("In 2022 this new policy of the government in Ankara was welcomed in Moscow, which has forces deployed in Syria.",
                    [("2022", "2022")],
                    ["Syria"])])
    assert evs == []
