"""Rules of the event frame for encyclopaedia-style prose (issue 9): sieges, possessors, the dates
of reports and charges, plans and pleas, records of past battles, running totals, rosters, convoys'
destinations and actors of history. Sentences written for these tests."""

from eventkit import make_doc

from geo.actors import load_actors
from geo.events import extract_events


def _events(items):
    doc, mentions = make_doc("doc.txt", items)
    return extract_events(doc, mentions)


def _of(events, etype, place=None):
    return [e for e in events if e.event_type == etype and (place is None or e.place_text == place)]


# --- sieges ------------------------------------------------------------------------------------

def test_besieged_by_names_the_besieger_and_the_place_before():
    evs = _events([("On 2 March 2015, the towns of Hawija and Tikrit were besieged by Iraqi forces.",
                    [("2015-03-02", "2 March 2015")], ["Hawija", "Tikrit"])])
    assert sorted((e.place_text, e.actor) for e in _of(evs, "battle")) == [("Hawija", "Iraq"), ("Tikrit", "Iraq")]


def test_under_siege_by_is_a_battle_of_the_besieger():
    evs = _events([("In March 2015 Tikrit, a city under siege by ISIL fighters, ran out of food.",
                    [("2015-03", "March 2015")], ["Tikrit"])])
    battle, = _of(evs, "battle", "Tikrit")
    assert battle.actor == "ISIL"


def test_besieged_as_an_adjective_is_no_new_battle():
    evs = _events([("On 5 May 2015, a relief column broke through to besieged Kobani.", [("2015-05-05", "5 May 2015")],
                    ["Kobani"]),
                   ("On 6 May 2015, the air force dropped food to the besieged garrison of Palmyra.",
                    [("2015-05-06", "6 May 2015")], ["Palmyra"])])
    assert _of(evs, "battle") == []


# --- possessors --------------------------------------------------------------------------------

def test_a_named_possessor_is_the_actor():
    evs = _events([("On 10 June 2014, ISIL's seizure of Mosul stunned the Iraqi government.",
                    [("2014-06-10", "10 June 2014")], ["Mosul"])])
    change, = _of(evs, "territory_change", "Mosul")
    assert change.actor == "ISIL"


def test_its_refers_to_the_subject_not_to_the_object_before_the_cue():
    evs = _events([("In June 2014 ISIL routed the Iraqi Army near Kirkuk, followed by its capture of Mosul.",
                    [("2014-06", "June 2014")], ["Kirkuk", "Mosul"])])
    change, = _of(evs, "territory_change", "Mosul")
    assert change.actor == "ISIL"


def test_the_groups_offensive_is_the_paragraphs_armed_group():
    doc, mentions = make_doc("doc.txt", [
        ("On 3 May 2015, ISIL fighters attacked Ramadi.", [("2015-05-03", "3 May 2015")], ["Ramadi"]),
        ("On 9 May 2015, the group's offensive on Kirkuk began.", [("2015-05-09", "9 May 2015")], ["Kirkuk"])])
    doc = doc.__class__(**{**doc.__dict__, "sentences": tuple(s.__class__(**{**s.__dict__, "paragraph": 0})
                                                              for s in doc.sentences)})
    battle, = _of(extract_events(doc, mentions), "battle", "Kirkuk")
    assert battle.actor == "ISIL"


# --- reports and charges -----------------------------------------------------------------------

def test_a_pluperfect_act_told_in_a_report_takes_no_report_date():
    evs = _events([("On 9 May 2016, the monitoring group said that government airstrikes had killed 30 people in Raqqa.",
                    [("2016-05-09", "9 May 2016")], ["Raqqa"])])
    assert evs == []


def test_an_act_inside_a_charge_is_not_an_event_of_the_charge_day():
    evs = _events([("On 2 June 2015, Baghdad accused Jordan of helping ISIL in its attack on Kirkuk.",
                    [("2015-06-02", "2 June 2015")], ["Kirkuk"])])
    assert evs == []


def test_a_report_dated_after_the_quote_dates_the_report_only():
    evs = _events([("'Fighters shelled Erbil for weeks on end', said the report from 3 March 2016.",
                    [("2016-03-03", "3 March 2016")], ["Erbil"])])
    assert evs == []


def test_a_report_of_an_act_in_the_simple_past_keeps_its_day():
    evs = _events([("On 9 May 2016, the monitoring group said that ISIL fighters attacked Raqqa.",
                    [("2016-05-09", "9 May 2016")], ["Raqqa"])])
    assert [e.place_text for e in _of(evs, "attack")] == ["Raqqa"]


# --- plans and pleas ---------------------------------------------------------------------------

def test_a_decision_and_a_plea_are_not_events():
    evs = _events([("On 3 June 1999, the committee decided it had to capture Erbil and Kirkuk.",
                    [("1999-06-03", "3 June 1999")], ["Erbil", "Kirkuk"]),
                   ("On 3 June 2017, the mayor pleaded with the army to stop the shelling and withdraw its troops "
                    "from Mosul.", [("2017-06-03", "3 June 2017")], ["Mosul"]),
                   ("In 2016 the army warned that they were going to launch an assault on Fallujah.",
                    [("2016", "2016")], ["Fallujah"])])
    assert evs == []


# --- references to named battles --------------------------------------------------------------

def test_a_record_of_battles_is_not_a_list_of_new_events():
    evs = _events([("In 2016 Hezbollah was involved in the Battle of Palmyra, the Siege of Kobani and the "
                    "Raqqa offensive.", [("2016", "2016")], ["Palmyra", "Kobani", "Raqqa"])])
    assert evs == []


def test_a_named_battle_after_since_the_is_a_landmark():
    evs = _events([("In 2016 the Battle of Fallujah was the first time since the Fall of Mosul that the army led.",
                    [("2016", "2016")], ["Fallujah", "Mosul"])])
    assert _of(evs, "territory_change") == []
    assert [e.place_text for e in _of(evs, "battle")] == ["Fallujah"]


# --- totals, rosters, convoys, wars -------------------------------------------------------------

def test_a_campaign_total_is_not_an_airstrike_at_a_place():
    evs = _events([("By the end of 2016 the coalition had struck 32,000 targets around Mosul.",
                    [("2016", "2016")], ["Mosul"])])
    assert _of(evs, "airstrike") == []


def test_a_flattened_order_of_battle_tells_no_event():
    evs = _events([("* Iraqi Army ** 9th Division attacked at Mosul ** Kirkuk garrison * Peshmerga ** Erbil "
                    "Brigade * Coalition airstrikes", [("2016", "")], ["Mosul", "Kirkuk", "Erbil"])])
    assert evs == []


def test_a_convoys_destination_is_not_where_it_was_hit():
    evs = _events([("On 3 March 2015, a convoy heading to Mosul was hit by an airstrike near Sinjar.",
                    [("2015-03-03", "3 March 2015")], ["Mosul", "Sinjar"]),
                   ("On 4 March 2015, a car bombing in Tikrit killed 20 pilgrims returning from Kirkuk.",
                    [("2015-03-04", "4 March 2015")], ["Tikrit", "Kirkuk"])])
    assert sorted(e.place_text for e in evs) == ["Sinjar", "Tikrit"]


def test_a_country_naming_a_war_is_not_a_place():
    evs = _events([("On 11 March 2004, bombers attacked trains in Paris, angered by the Iraq war.",
                    [("2004-03-11", "11 March 2004")], ["Paris", "Iraq"])])
    assert [e.place_text for e in evs] == ["Paris"]


def test_actors_of_other_wars_and_countries():
    lexicon = load_actors()
    assert [a.actor for a in lexicon.find("Philippine government forces and the AFP")] == ["Philippines", "Philippines"]
    assert [a.actor for a in lexicon.find("Commonwealth forces met Axis forces")] == ["Western Allies", "Axis powers"]
    assert lexicon.localize("Government forces", "PH") == "Philippines"


def test_a_demanded_act_joined_by_and_is_demanded_too():
    evs = _events([("On 3 June 2017, the mayor pleaded with the army to stop the shelling of Kirkuk and withdraw "
                    "its troops from Mosul.", [("2017-06-03", "3 June 2017")], ["Kirkuk", "Mosul"]),
                   ("On 4 June 2017, the mayor urged the army to stop the shelling of Erbil, and ISIL withdrew from "
                    "Makhmur.", [("2017-06-04", "4 June 2017")], ["Erbil", "Makhmur"])])
    assert [(e.event_type, e.place_text) for e in evs] == [("withdrawal", "Makhmur")]


def test_preparations_for_an_attack_are_no_attack():
    evs = _events([("In early February 2015, Iraqi forces began preparations for an attack on Tikrit.",
                    [("2015-02", "February 2015")], ["Tikrit"])])
    assert evs == []


def test_a_passive_report_keeps_its_subject_as_the_doer():
    evs = _events([("In November 2015, Russian aircraft were reported to have struck targets in the town of Raqqa.",
                    [("2015-11", "November 2015")], ["Raqqa"])])
    strike, = _of(evs, "airstrike", "Raqqa")
    assert strike.actor == "Russia"


def test_a_city_naming_its_desert_is_not_the_place():
    evs = _events([("On 28 September 2015, ISIL captured the town of Hawija in the Kirkuk desert.",
                    [("2015-09-28", "28 September 2015")], ["Hawija", "Kirkuk"])])
    assert [e.place_text for e in evs] == ["Hawija"]


def test_an_after_clause_happened_before_the_sentences_day():
    evs = _events([("On 4 February 2016, after Ramadi was recaptured from ISIL, the army captured Hit.",
                    [("2016-02-04", "4 February 2016")], ["Ramadi", "Hit"]),
                   ("After ISIL seized Tikrit on 11 June 2014, the army withdrew from Kirkuk on 12 June 2014.",
                    [("2014-06-11", "11 June 2014"), ("2014-06-12", "12 June 2014")], ["Tikrit", "Kirkuk"])])
    assert sorted((e.place_text, e.date.start.isoformat()) for e in evs) == [
        ("Hit", "2016-02-04"), ("Kirkuk", "2014-06-12"), ("Tikrit", "2014-06-11")]


def test_suicide_bombers_are_no_aircraft():
    evs = _events([("On 28 January 2016, ISIL suicide bombers targeted an army headquarters in Ramadi.",
                    [("2016-01-28", "28 January 2016")], ["Ramadi"])])
    assert _of(evs, "airstrike") == []


def test_a_kind_followed_by_its_name_is_the_name():
    evs = _events([("On 1 April 2016, the rebel coalition Army of Conquest launched an offensive south of Raqqa.",
                    [("2016-04-01", "1 April 2016")], ["Raqqa"])])
    battle, = _of(evs, "battle", "Raqqa")
    assert battle.actor == "Army of Conquest"


def test_an_act_named_in_a_judgement_is_a_topic():
    evs = _events([("On 2 December 2016, the envoy condemned the bombardment of Mosul as a crime.",
                    [("2016-12-02", "2 December 2016")], ["Mosul"])])
    assert evs == []


def test_allies_are_named_not_any_allied_forces():
    lexicon = load_actors()
    assert [a.actor for a in lexicon.find("its allies, the allied forces, the axis of resistance")] == []
    assert [a.actor for a in lexicon.find("the Western Allies and Commonwealth troops")] == ["Western Allies", "Western Allies"]


def test_the_agent_closing_a_nominal_attack_is_the_doer_not_the_target():
    evs = _events([("On 1 January 2020, eight civilians were killed in a rocket attack on a school in Raqqa by "
                    "Syrian government forces.", [("2020-01-01", "1 January 2020")], ["Raqqa"])])
    attack, = _of(evs, "attack", "Raqqa")
    assert (attack.actor, attack.target) == ("Syria", "")


def test_a_kind_of_something_then_its_name_is_the_name():
    evs = _events([("On 28 March 2015 a joint coalition of Islamist forces, the Army of Conquest, captured Raqqa.",
                    [("2015-03-28", "28 March 2015")], ["Raqqa"])])
    change, = _of(evs, "territory_change", "Raqqa")
    assert change.actor == "Army of Conquest"


def test_trying_to_lift_a_siege_is_no_battle():
    evs = _events([("In August 2016 this reduced the forces available to try to lift the siege of Raqqa.",
                    [("2016-08", "August 2016")], ["Raqqa"])])
    assert evs == []


def test_a_former_posting_takes_no_paragraph_date():
    doc, mentions = make_doc("doc.txt", [
        ("On 6 March 2020, the general visited Kirkuk.", [("2020-03-06", "6 March 2020")], ["Kirkuk"]),
        ("He was previously stationed at Palmyra.", [], ["Palmyra"])])
    doc = doc.__class__(**{**doc.__dict__, "sentences": tuple(s.__class__(**{**s.__dict__, "paragraph": 0})
                                                              for s in doc.sentences)})
    assert [e for e in extract_events(doc, mentions) if e.place_text == "Palmyra"] == []


def test_seized_it_refers_back_to_the_place_entered():
    evs = _events([("On 5 February 2020, the Syrian Army entered Raqqa and seized it on the same day.",
                    [("2020-02-05", "5 February 2020")], ["Raqqa"])])
    assert [e.place_text for e in _of(evs, "territory_change")] == ["Raqqa"]


def test_a_place_inside_a_groups_name_is_the_group():
    evs = _events([("On 20 January 2017, the Free Idlib Army clashed with al-Nusra in Kirkuk.",
                    [("2017-01-20", "20 January 2017")], ["Idlib", "Kirkuk"])])
    assert [(e.place_text, e.actor) for e in evs] == [("Kirkuk", "Free Idlib Army")]


def test_groups_of_the_syrian_and_philippine_wars_are_actors():
    lexicon = load_actors()
    found = [a.actor for a in lexicon.find("the Maute group, NDF militiamen, Jaysh al-Islam and the Sham Legion")]
    assert found == ["ISIL", "Syria", "Jaysh al-Islam", "Sham Legion"]


def test_the_object_of_the_previous_verb_is_not_the_next_subject():
    evs = _events([("The 101st Airborne Division on 29 March attacked Iraqi forces in the south of the city and "
                    "captured Mosul airfield.", [("2003-03-29", "29 March")], ["Mosul"])])
    change, = _of(evs, "territory_change", "Mosul")
    assert change.actor == "United States"


def test_an_inquiry_into_attacks_and_a_suspended_offensive_are_not_events():
    evs = _events([("On 6 April 2020, the United Nations published its investigation into the attacks on "
                    "hospitals in Raqqa.", [("2020-04-06", "6 April 2020")], ["Raqqa"]),
                   ("On 17 August 2017, the army suspended an offensive south of Kirkuk.",
                    [("2017-08-17", "17 August 2017")], ["Kirkuk"])])
    assert evs == []


def test_a_passive_relative_clause_belongs_to_its_head():
    evs = _events([("The tactics used in Raqqa were applied to Mosul, which was captured by ISIS in June 2014.",
                    [("2014-06", "June 2014")], ["Raqqa", "Mosul"])])
    assert [(e.event_type, e.place_text, e.actor) for e in evs] == [("territory_change", "Mosul", "ISIL")]


def test_two_dates_bounding_a_period_give_its_range():
    evs = _events([("Beginning on 1 January 2019 and lasting through 10 January 2019, ISIL fighters attacked Raqqa.",
                    [("2019-01-01", "1 January 2019"), ("2019-01-10", "10 January 2019")], ["Raqqa"])])
    attack, = _of(evs, "attack", "Raqqa")
    assert (attack.date.start.isoformat(), attack.date.end.isoformat(), attack.date.precision) == (
        "2019-01-01", "2019-01-10", "range")


def test_a_states_officials_telling_of_unnamed_troops_speak_of_their_own():
    evs = _events([("On 6 October 2019, senior U.S. military officials said that troops abandoned bases near Raqqa.",
                    [("2019-10-06", "6 October 2019")], ["Raqqa"]),
                   ("On 7 October 2019, UN officials said that troops shelled Kirkuk.",
                    [("2019-10-07", "7 October 2019")], ["Kirkuk"]),
                   ("On 8 October 2019, Russian officials said that Syrian troops shelled Erbil.",
                    [("2019-10-08", "8 October 2019")], ["Erbil"])])
    assert sorted((e.place_text, e.actor) for e in evs) == [("Erbil", "Syria"), ("Kirkuk", ""), ("Raqqa", "United States")]


def test_under_siege_of_a_list_after_a_colon_is_not_the_place_before():
    evs = _events([("In 2014 the report named Raqqa, a town held by the army, and two areas under siege of rebel "
                    "groups: Kirkuk and Tikrit.", [("2014", "2014")], ["Raqqa", "Kirkuk", "Tikrit"])])
    assert [e for e in evs if e.place_text == "Raqqa"] == []


def test_a_titled_earlier_event_with_its_period_is_a_landmark():
    evs = _events([("On 11 April 2018, the group arrested commanders who came to Kirkuk after the Mosul offensive "
                    "(October 2016 - July 2017).", [("2018-04-11", "11 April 2018")], ["Kirkuk", "Mosul"])])
    assert _of(evs, "battle") == []


def test_aircraft_firing_on_a_convoy_is_an_airstrike():
    evs = _events([("On 29 January 2014, Turkish aircraft near the border fired on an ISIL convoy near Raqqa.",
                    [("2014-01-29", "29 January 2014")], ["Raqqa"])])
    assert [(e.event_type, e.actor) for e in evs] == [("airstrike", "Turkey")]


def test_a_place_in_a_purpose_clause_is_not_where_the_act_happened():
    evs = _events([("On 23 August 2017, ISIL fighters attacked the main road in order to cut the supply line "
                    "to Kirkuk.", [("2017-08-23", "23 August 2017")], ["Kirkuk"])])
    assert _of(evs, "attack") == []


def test_fighters_left_encircled_are_the_target():
    evs = _events([("On 18 August 2017, ISIL fighters were left completely encircled in villages near Hawija.",
                    [("2017-08-18", "18 August 2017")], ["Hawija"])])
    battle, = _of(evs, "battle", "Hawija")
    assert (battle.actor, battle.target) == ("", "ISIL")


def test_government_as_the_modifier_of_a_cue_noun_is_the_doer():
    evs = _events([("During the government siege of Raqqa in July 2013, 187 people died.", [("2013-07", "July 2013")],
                    ["Raqqa"]),
                   ("In June 2014, Ba'athist Government airstrikes targeted ISIL bases in Palmyra.",
                    [("2014-06", "June 2014")], ["Palmyra"]),
                   ("In June 2014 the government said that ISIL attacked Kobani.", [("2014-06", "June 2014")],
                    ["Kobani"])])
    assert sorted((e.place_text, e.actor) for e in evs) == [("Kobani", "ISIL"), ("Palmyra", "Syria"), ("Raqqa", "Syria")]


# --- times counted from another event ------------------------------------------------------------

def test_an_unresolved_time_shift_does_not_take_the_paragraph_day():
    """"months before", "ten days later" with no date they resolve to: the day the sentence inherits
    from its paragraph is not the act's day, so no event is dated by it."""
    evs = _events([("Militants had captured Hawija months before.", [("2016-05-04", "")], ["Hawija"]),
                   ("Ten days later the army retook Sinjar.", [("2016-05-04", "")], ["Sinjar"]),
                   ("The army retook Kirkuk.", [("2016-05-04", "")], ["Kirkuk"])])
    assert [e.place_text for e in evs] == ["Kirkuk"]


def test_a_time_shift_with_its_own_resolved_date_keeps_the_event():
    evs = _events([("Militants had captured Hawija months before.", [("2016-05-04", "")], ["Hawija"]),
                   ("Militants had captured Hawija months before.",
                    [("2015-12", "months before")], ["Hawija"])])
    assert [(e.place_text, e.date.precision) for e in evs] == [("Hawija", "month")]


# --- a part of the land around a place ------------------------------------------------------------

def test_a_compass_part_or_countryside_of_a_place_is_near_its_point():
    """"western Raqqa", "the Palmyra countryside": the act is somewhere in that part, not at the
    town's point."""
    evs = _events([("On 3 June 2017, the army retook several villages in western Raqqa.",
                    [("2017-06-03", "3 June 2017")], ["Raqqa"]),
                   ("On 4 June 2017, the army retook two hills in the Palmyra countryside.",
                    [("2017-06-04", "4 June 2017")], ["Palmyra"]),
                   ("On 5 June 2017, the army retook Kobani.", [("2017-06-05", "5 June 2017")], ["Kobani"])])
    assert sorted((e.place_text, e.geo_precision) for e in evs) == [
        ("Kobani", "place"), ("Palmyra", "near"), ("Raqqa", "near")]


def test_were_with_a_gerund_is_active_not_passive():
    """"ISIL fighters were shelling Kobani": ISIL does the shelling; "were shelled" turns it round."""
    evs = _events([("On 3 May 2015, ISIL fighters were heavily shelling Kobani.", [("2015-05-03", "3 May 2015")],
                    ["Kobani"]),
                   ("On 4 May 2015, ISIL fighters were shelled in Palmyra.", [("2015-05-04", "4 May 2015")],
                    ["Palmyra"])])
    got = sorted((e.place_text, e.actor, e.target) for e in evs)
    assert got == [("Kobani", "ISIL", ""), ("Palmyra", "", "ISIL")]


def test_the_agent_after_a_passive_cue_verb_is_the_doer():
    """"was ambushed by an ISIL unit": the cue itself is the participle; the name after "by" did it."""
    evs = _events([("On 6 May 2015, an army convoy was ambushed by an ISIL unit near Hawija.", [("2015-05-06", "6 May 2015")],
                    ["Hawija"])])
    assert [(e.actor, e.target) for e in evs] == [("ISIL", "")]
