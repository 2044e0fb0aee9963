"""Extraction fixes found by reading the corpus events against their sentences (one test per error class)."""

from datetime import date

import pytest
from eventkit import make_doc

from geo.events import extract_events


def _events(items, **kw):
    doc, mentions = make_doc("doc.txt", items, **kw)
    return extract_events(doc, mentions)


def _of(events, etype, place=None):
    return [e for e in events if e.event_type == etype and (place is None or e.place_text == place)]


def test_object_list_ends_at_the_next_verb_and_where_clause_has_its_own_taker():
    # 000:22: "threatened the Mosul Dam and Kirkuk" is no conquest; Peshmerga took Kirkuk.
    events = _events([("Between 5 and 11 June 2014, ISIL militants conquered the Iraqi cities of Mosul and Tikrit, "
                       "and threatened the Haditha Dam and Kirkuk, where Iraqi Kurdish Peshmerga troops took "
                       "control from the Iraqi government.", [("2014-06-05", "5 and 11 June 2014")],
                      ["Mosul", "Tikrit", "Haditha Dam", "Kirkuk"])])
    changes = {e.place_text: e for e in _of(events, "territory_change")}
    assert set(changes) == {"Mosul", "Tikrit", "Kirkuk"}
    assert changes["Mosul"].holder_after == changes["Tikrit"].holder_after == "ISIL"
    assert (changes["Kirkuk"].actor, changes["Kirkuk"].holder_after) == ("Kurdistan Region", "Kurdistan Region")


def test_list_words_keep_a_list_together():
    events = _events([("On 3 August, ISIL conquered Sinjar and the surrounding area, including Wana and Zumar.",
                       [("2014-08-03", "3 August")], ["Sinjar", "Wana", "Zumar"])])
    assert [e.place_text for e in _of(events, "territory_change")] == ["Sinjar", "Wana", "Zumar"]


@pytest.mark.parametrize("text", [
    "Since then, fourteen countries in a US-led coalition have also executed airstrikes on ISIL in Iraq.",
    "In September 2014, Jordan began a joint aerial bombing campaign against IS bases in Iraq.",
])
def test_executed_airstrikes_and_aerial_bombing_are_airstrikes_not_attacks(text):
    events = _events([(text, [("2014-09", "")], ["Iraq"])])
    assert not _of(events, "attack")
    assert len(_of(events, "airstrike", "Iraq")) == 1


def test_isil_executions_stay_attacks():
    events = _events([("On 8 April 2015, ISIL executed 300 people in the western Anbar Province.",
                       [("2015-04-08", "8 April 2015")], ["Anbar"])])
    assert _of(events, "attack", "Anbar")[0].actor == "ISIL"


def test_demonym_with_its_force_is_the_subject():
    # 000:120: "The Jordanian Air Force ... began targeting ISIL positions ... centered on Mosul".
    events = _events([("The Jordanian Air Force on 4 February 2015 began targeting ISIL positions in Iraq in "
                       "retaliation, beginning the campaign with a large airstrike campaign centered on Mosul.",
                       [("2015-02-04", "4 February 2015")], ["Iraq", "Mosul"])])
    strikes = _of(events, "airstrike")
    assert [e.place_text for e in strikes] == ["Mosul"]      # the country gives way to the city
    assert strikes[0].actor == "Jordan"


def test_outside_power_securing_an_airport_is_a_deployment_not_a_change_of_control():
    # 002:115: U.S. troops "taking control of ... the Baghdad airport in cooperation with Iraqi troops".
    events = _events([("Approximately 800 U.S. troops secured American installations as well as taking control "
                       "of strategic locations like the Erbil airport in cooperation with Iraqi troops.",
                       [("2014-07", "")], ["Erbil"])])
    assert not _of(events, "territory_change")
    assert _of(events, "deployment", "Erbil")[0].actor == "United States"


def test_outside_power_taking_a_place_from_isil_is_a_change_of_control():
    events = _events([("On 5 May, U.S. forces drove ISIL out of Hit.", [("2016-05-05", "5 May")], ["Hit"])])
    e = _of(events, "territory_change", "Hit")[0]
    assert (e.actor, e.target, e.holder_after) == ("United States", "ISIL", "United States")


@pytest.mark.parametrize("text,etype,place,actor,holder", [
    ("On 3 May, Iraqi warplanes pounded Mosul.", "airstrike", "Mosul", "Iraq", ""),
    ("On 3 May, Canadian jets hit Ramadi.", "airstrike", "Ramadi", "Canada", ""),
    ("On 3 May, the RAF carried out two strikes near Fallujah.", "airstrike", "Fallujah", "United Kingdom", ""),
    ("On 3 May, a U.S. drone strike killed an ISIL commander in Mosul.", "airstrike", "Mosul", "United States", ""),
    ("On 3 May, Tikrit fell to ISIL.", "territory_change", "Tikrit", "ISIL", "ISIL"),
    ("On 3 May, Mosul fell into the hands of ISIL.", "territory_change", "Mosul", "ISIL", "ISIL"),
    ("On 3 May, ISIL seized control of Ramadi.", "territory_change", "Ramadi", "ISIL", "ISIL"),
    ("On 3 May, Iraqi forces recaptured Hit.", "territory_change", "Hit", "Iraq", "Iraq"),
    ("On 3 May, Iraqi troops liberated Fallujah.", "territory_change", "Fallujah", "Iraq", "Iraq"),
    ("On 3 May, Kurdish forces took back the Haditha Dam.", "territory_change", "Haditha Dam",
     "Kurdistan Region", "Kurdistan Region"),
    ("On 3 May, Iraqi forces pushed ISIL militants out of Ramadi.", "territory_change", "Ramadi", "Iraq", "Iraq"),
    ("On 3 May, ISIL fighters were driven out of Ramadi by Iraqi forces.", "territory_change", "Ramadi",
     "Iraq", "Iraq"),
    ("On 3 May, ISIL fighters were driven out of Tikrit.", "territory_change", "Tikrit", "", "Iraq"),
    ("On 3 May, Canadian troops pulled out of Kirkuk.", "withdrawal", "Kirkuk", "Canada", ""),
    ("On 3 May, ISIL retreated from Tikrit.", "withdrawal", "Tikrit", "ISIL", ""),
    ("On 3 May, Iraqi forces had lost control of Ramadi to ISIL.", "territory_change", "Ramadi", "ISIL", "ISIL"),
    ("On 3 May, ISIL lost Tikrit to Iraqi forces.", "territory_change", "Tikrit", "Iraq", "Iraq"),
    ("On 3 May, Mosul was fully liberated.", "territory_change", "Mosul", "", "Iraq"),
    ("On 3 May, ISIL took over Ramadi.", "territory_change", "Ramadi", "ISIL", "ISIL"),
    ("On 3 May, ISIL militants stormed Ramadi.", "battle", "Ramadi", "ISIL", ""),
    ("On 3 May, ISIL launched a counteroffensive against Kurdish forces near Kirkuk.", "battle", "Kirkuk", "ISIL", ""),
    ("On 3 May, RAF Tornados flew their first missions from Shaheed Mwaffaq Air Base.", "base_use",
     "Shaheed Mwaffaq Air Base", "United Kingdom", ""),
    ("On 3 May, Australian aircraft dropped supplies over Sinjar.", "airdrop", "Sinjar", "Australia", ""),
])
def test_news_phrasing_cues(text, etype, place, actor, holder):
    events = _events([(text, [("2016-05-03", "3 May")], [place])])
    found = _of(events, etype, place)
    assert len(found) == 1, [(e.event_type, e.place_text) for e in events]
    assert (found[0].actor, found[0].holder_after) == (actor, holder)


def test_driven_out_names_the_loser_as_target():
    events = _events([("On 3 May, ISIL fighters were driven out of Ramadi by Iraqi forces.",
                       [("2016-05-03", "3 May")], ["Ramadi"])])
    assert _of(events, "territory_change")[0].target == "ISIL"


def test_agent_after_the_cue_is_the_doer():
    # 001:93: "Another British national was killed in a separate air strike by US forces in Raqqa".
    events = _events([("Another British national was killed in a separate air strike by US forces in Mosul on "
                       "24 August.", [("2015-08-24", "24 August")], ["Mosul"])])
    assert _of(events, "airstrike", "Mosul")[0].actor == "United States"


def test_nominal_withdrawal_of_forces_names_the_actor():
    events = _events([("After the December 2011 withdrawal of U.S. troops from Iraq, the insurgency continued.",
                       [("2011-12", "December 2011")], ["Iraq"])])
    assert _of(events, "withdrawal", "Iraq")[0].actor == "United States"


@pytest.mark.parametrize("text", [
    "PMU spokesman Ahmed Al Asadi confirmed the death of the commander in an airstrike in Mosul.",
    "Thousands of Yazidis and other Iraqi civilians fled following attacks on the town of Mosul.",
])
def test_speakers_and_victims_are_not_doers(text):
    events = _events([(text, [("2020-01-03", "")], ["Mosul"])])
    assert events and all(e.actor == "" for e in events), [(e.event_type, e.actor) for e in events]


def test_a_target_later_in_the_sentence_does_not_unseat_the_subject():
    # 000:155: "... causing 100,000 civilians to flee from ISIL troops" is no target of the conquest.
    events = _events([("On 7 August, ISIL conquered Sinjar, the largest town in the area, and neighbouring towns, "
                       "causing 100,000 civilians to flee from ISIL troops.", [("2014-08-07", "7 August")],
                      ["Sinjar"])])
    e = _of(events, "territory_change", "Sinjar")[0]
    assert (e.actor, e.holder_after) == ("ISIL", "ISIL")


def test_the_target_of_an_offensive_is_not_its_actor():
    events = _events([("On 27 March, 300 paratroopers will deploy to northern Iraq to help combating ISIL, "
                       "particularly to speed up the offensive against ISIL in Mosul.",
                       [("2017-03-27", "27 March")], ["Mosul"])])
    battle = _of(events, "battle", "Mosul")
    assert battle and battle[0].actor != "ISIL" and battle[0].target == "ISIL"


def test_subject_after_a_fronted_time_phrase():
    events = _events([("In the first half of 2015, ISIL-KP managed to capture large parts of territory in "
                       "eastern Anbar province.", [("2015-01", "2015")], ["Anbar"])])
    e = _of(events, "territory_change", "Anbar")[0]
    assert (e.actor, e.holder_after) == ("ISIL", "ISIL")


def test_supporter_of_a_ground_advance_is_not_its_taker():
    events = _events([("On 21 February, Afghan forces supported by U.S. airstrikes pushed ISIL militants out of "
                       "their stronghold in Mosul.", [("2016-02-21", "21 February")], ["Mosul"])])
    e = _of(events, "territory_change", "Mosul")[0]
    assert (e.actor, e.holder_after) == ("Afghanistan", "Afghanistan")
    assert _of(events, "airstrike", "Mosul")[0].actor == "United States"


def test_deployed_force_names_its_country():
    events = _events([("In September, he dispatched 500 more US troops to Iraq.", [("2014-09", "September")],
                       ["Iraq"])])
    assert _of(events, "deployment", "Iraq")[0].actor == "United States"


@pytest.mark.parametrize("text", [
    "On 2 October, Denmark's Parliament authorized airstrikes on ISIL in Iraq.",
    "On 2 October, the kingdom said it would consider joining the coalition by launching airstrikes against "
    "ISIL targets in Iraq.",
])
def test_decisions_and_plans_are_not_events(text):
    events = _events([(text, [("2014-10-02", "2 October")], ["Iraq"])])
    assert not _of(events, "airstrike"), [(e.event_type, e.place_text) for e in events]


def test_report_date_gives_way_to_the_event_date():
    # 000:416: the strike was on 3 January; the later date is when the ambassador spoke.
    text = ("On 22 January, ambassador James Jeffrey stated there was no uptick in violence following the "
            "U.S. drone strike in Mosul on 3 January that killed Soleimani.")
    events = _events([(text, [("2020-01-22", "22 January"), ("2020-01-03", "3 January")], ["Mosul"])])
    assert _of(events, "airstrike", "Mosul")[0].date.start == date(2020, 1, 3)


def test_day_inside_a_nearer_year_wins():
    # 000:306: "On 29 June, in support of the 2016 Abu Kamal offensive ..., coalition conducted airstrikes".
    from eventkit import day
    from geo.model import DateSpan
    text = "On 29 June, in support of the 2016 offensive, U.S.-led coalition conducted five airstrikes near Hit."
    doc, mentions = make_doc("doc.txt", [(text, [("2016-06-29", "29 June")], ["Hit"])])
    year = DateSpan(date(2016, 1, 1), date(2016, 12, 31), "year", "2016", text.find("2016"), text.find("2016") + 4)
    sentence = doc.sentences[0]
    from dataclasses import replace
    doc = replace(doc, sentences=(replace(sentence, dates=(day("2016-06-29", "29 June", 3), year)),))
    strike = _of(extract_events(doc, mentions), "airstrike", "Hit")[0]
    assert (strike.date.start, strike.date.precision, strike.actor) == (date(2016, 6, 29), "day", "Coalition")


def test_rocket_launched_from_a_district_is_an_attack_not_a_base():
    events = _events([("In early July 2020, a Katyusha rocket launched from the Ali al-Saleh area of Baghdad "
                       "towards the Green Zone injured a child.", [("2020-07", "early July 2020")], ["Baghdad"],
                      )], unresolved=("Baghdad",))
    assert not _of(events, "base_use")
    assert _of(events, "attack", "Baghdad")


def test_place_near_another_only_locates_it():
    events = _events([("On 5 October 2018, US-led Coalition planes bombed an ISIL position in the village of "
                       "Wana near Sinjar.", [("2018-10-05", "5 October 2018")], ["Wana", "Sinjar"])])
    assert [e.place_text for e in _of(events, "airstrike")] == ["Wana"]


def test_country_event_gives_way_to_a_finer_place_of_another_cue():
    events = _events([("On 1 August 2016, U.S. aircraft carried out airstrikes on ISIL targets in Libya; "
                       "U.S. airstrikes hit ISIL in Derna.", [("2016-08-01", "1 August 2016")], ["Libya", "Derna"])])
    assert [e.place_text for e in _of(events, "airstrike")] == ["Derna"]


def test_airdrop_has_no_default_target():
    events = _events([("On 9 August 2014, U.S. aircraft again dropped humanitarian supplies over Sinjar for "
                       "Yazidis threatened by ISIL.", [("2014-08-09", "9 August 2014")], ["Sinjar"])])
    assert _of(events, "airdrop", "Sinjar")[0].target == ""


def test_helper_in_a_with_the_help_of_phrase_is_not_the_taker():
    # 001:146: "Kurdish and Iraqi government forces, with the help of U.S. airstrikes, took back the Mosul Dam".
    events = _events([("On 16 August, according to the U.S., Kurdish and Iraqi government forces, with the help "
                       "of U.S. airstrikes, took back the Haditha Dam.", [("2014-08-16", "16 August")],
                      ["Haditha Dam"])])
    e = _of(events, "territory_change", "Haditha Dam")[0]
    assert (e.actor, e.holder_after) == ("Kurdistan Region", "Kurdistan Region")
    assert not _of(events, "deployment")


def test_the_user_named_inside_a_base_cue():
    events = _events([("In July 2015, Turkey allowed U.S. fighters to use both Incirlik and Hit.",
                       [("2015-07", "July 2015")], ["Hit"])])
    assert _of(events, "base_use", "Hit")[0].actor == "United States"


def test_targeting_a_camp_with_rockets_is_an_attack_by_nobody_named():
    events = _events([("On 11 March, two Americans and one British soldier were killed after targeting the "
                       "Hit camp with 15 Katyusha rockets.", [("2020-03-11", "11 March")], ["Hit"])])
    assert not _of(events, "airstrike")
    assert _of(events, "attack", "Hit")[0].actor == ""


def test_acronym_in_parentheses_restates_the_name_before_it():
    events = _events([("On 27 January 2021, during a joint operation led by the Iraqi Counter Terrorism Service "
                       "(CTS), the coalition killed ISIL's leader in Iraq in an air strike on a hideout in Kirkuk.",
                       [("2021-01-27", "27 January 2021")], ["Kirkuk"])])
    assert _of(events, "airstrike", "Kirkuk")[0].actor == "Coalition"


def test_quoted_name_with_acronym_and_a_demonym_of_a_war_keeps_isil_as_subject():
    events = _events([("Between 5 and 11 June 2014, 'Islamic State of Iraq and the Levant' (ISIL) militants, "
                       "already successful in the Syrian civil war, conquered Mosul.",
                       [("2014-06-05", "5 and 11 June 2014")], ["Mosul"])])
    assert _of(events, "territory_change", "Mosul")[0].holder_after == "ISIL"


def test_hyphenated_demonym_is_neither_doer_nor_target():
    events = _events([("On 21 August 2015, the Royal Air Force carried out a drone strike in Mosul against two "
                       "UK-born ISIL fighters.", [("2015-08-21", "21 August 2015")], ["Mosul"])])
    e = _of(events, "airstrike", "Mosul")[0]
    assert (e.actor, e.target) == ("United Kingdom", "ISIL")


def test_airstrikes_flown_from_a_base_do_not_hit_it():
    events = _events([("On 7 October, Canadian jets conducted airstrikes against ISIL from an allied air base in "
                       "Jordan.", [("2014-10-07", "7 October")], ["Jordan"])])
    assert not _of(events, "airstrike")


def test_country_event_gives_way_to_a_finer_place_in_the_same_paragraph():
    doc, mentions = make_doc("doc.txt", [
        ("On 15 November, U.S. jets struck ISIL in Derna.", [("2015-11-15", "15 November")], ["Derna"]),
        ("The airstrike targeted the top ISIL commander in Libya.", [("2015-11-15", "")], ["Libya"]),
    ])
    from dataclasses import replace
    doc = replace(doc, sentences=tuple(replace(s, paragraph=1) for s in doc.sentences))
    assert [e.place_text for e in extract_events(doc, mentions) if e.event_type == "airstrike"] == ["Derna"]


def test_one_near_governs_a_pair_of_places():
    events = _events([("On 11 August, he said the airstrikes near Erbil and Sinjar had slowed ISIL.",
                       [("2014-08-11", "11 August")], ["Erbil", "Sinjar"])])
    assert {e.place_text: e.geo_precision for e in _of(events, "airstrike")} == {"Erbil": "near", "Sinjar": "near"}


def test_clashes_and_shootdowns():
    events = _events([
        ("On 14 December 2014, U.S. ground forces clashed with ISIL near Hit.", [("2014-12-14", "14 December 2014")],
         ["Hit"]),
        ("On 24 December 2014, ISIL shot down a Jordanian fighter jet over Mosul and captured its pilot.",
         [("2014-12-24", "24 December 2014")], ["Mosul"]),
    ])
    battle = _of(events, "battle", "Hit")[0]
    assert (battle.actor, battle.target, battle.geo_precision) == ("United States", "ISIL", "near")
    assert _of(events, "attack", "Mosul")[0].actor == "ISIL"
    assert not _of(events, "territory_change")


def test_region_after_a_comma_and_in_only_locates_the_place_before_it():
    events = _events([("18 March 2015 Coalition airstrike at Sinjar, in the Anbar province, near the border.",
                       [("2015-03-18", "18 March 2015")], ["Sinjar", "Anbar"])])
    assert [e.place_text for e in _of(events, "airstrike")] == ["Sinjar"]


def test_according_to_a_country_is_no_place():
    # 001:363: "... according to U.S. Africa Command data" put an attack in the United States.
    events = _events([("On 2 October the US conducted 20 airstrikes near Derna, the heaviest day of bombing since "
                       "the operation began, according to Jordan data.", [("2016-10-02", "2 October")],
                      ["Derna", "Jordan"])])
    assert {(e.event_type, e.place_text) for e in events} == {("airstrike", "Derna")}


def test_losing_fighters_to_airstrikes_is_no_change_of_control():
    # (Review 2: the cumulative "By July 2015, ISIL had lost over 15,000 fighters ..." is a running
    # total and gives no event at all, see test_events_review2; a dated loss keeps both checks.)
    events = _events([("In July 2015, ISIL lost 40 fighters to Coalition airstrikes in Iraq.",
                       [("2015-07", "July 2015")], ["Iraq"])])
    assert not _of(events, "territory_change")
    assert _of(events, "airstrike", "Iraq")[0].actor == "Coalition"
    cumulative = _events([("By July 2015, ISIL had lost over 15,000 fighters to Coalition airstrikes in Iraq.",
                           [("2015-07", "July 2015")], ["Iraq"])])
    assert not _of(cumulative, "territory_change")


def test_a_date_between_two_cues_belongs_to_the_first_when_the_second_has_its_own():
    text = ("Jordan, which had been conducting airstrikes on ISIL in Mosul since September 2014, initiated "
            "airstrikes on ISIL targets in Tikrit on 4 February 2015.")
    events = _events([(text, [("2014-09", "September 2014"), ("2015-02-04", "4 February 2015")], ["Mosul", "Tikrit"])])
    dates = {e.place_text: e.date.start for e in _of(events, "airstrike")}
    assert dates == {"Mosul": date(2014, 9, 1), "Tikrit": date(2015, 2, 4)}


def test_voiced_support_for_airstrikes_is_no_airstrike():
    events = _events([("In early September 2014, British Prime Minister David Cameron began voicing his support "
                       "for British airstrikes against ISIL in Iraq.", [("2014-09", "early September 2014")], ["Iraq"])])
    assert not events


def test_a_modal_right_after_the_cue_makes_it_a_plan():
    events = _events([("President Obama announced on 10 September 2014 that the number of airstrikes in Iraq would "
                       "increase.", [("2014-09-10", "10 September 2014")], ["Iraq"])])
    assert not _of(events, "airstrike")
