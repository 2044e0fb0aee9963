"""Event frames: a trigger's place may open the clause ("Near X, ..."), lists of countries share a
locative, and list lines under a dated lead tell that lead's day. Sentences written for these tests."""

from dataclasses import replace

from eventkit import make_doc

from geo.events import extract_events


def _events(items, sections=None, paragraphs=None, **kw):
    doc, mentions = make_doc("doc.md", items, **kw)
    if sections or paragraphs:
        sentences = tuple(replace(s, section=(sections or {}).get(i, ()), paragraph=(paragraphs or {}).get(i, i))
                          for i, s in enumerate(doc.sentences))
        doc = replace(doc, sentences=sentences)
    return extract_events(doc, mentions)


def _at(events, etype="airstrike"):
    return sorted((e.place_text, e.date.start.isoformat()) for e in events if e.event_type == etype)


def test_fronted_near_places_the_clause():
    events = _events([("Near Hawija, two airstrikes hit a militant command post on 4 May 2016.",
                       [("2016-05-04", "4 May 2016")], ["Hawija"])])
    assert _at(events) == [("Hawija", "2016-05-04")]
    assert events[0].geo_precision == "near"


def test_fronted_in_after_a_sentence_adverb():
    events = _events([("On 2 March 2016, jets struck targets. Also, in Syria, allied aircraft conducted 6 strikes.",
                       [("2016-03-02", "2 March 2016")], ["Syria"])])
    assert _at(events) == [("Syria", "2016-03-02")]


def test_fronted_name_the_gazetteer_lacks_is_kept_unresolved():
    events = _events([("Near Qasr Bint Hamdan, one airstrike destroyed a mortar on 7 July 2016.",
                       [("2016-07-07", "7 July 2016")], [])])
    assert _at(events) == [("Qasr Bint Hamdan", "2016-07-07")]
    assert events[0].place is None


def test_fronted_name_split_in_two_mentions_is_one_place():
    # The recogniser read two names; the fronted phrase is one unresolved name up to its comma.
    events = _events([("Near Hit Zumar Gate, an airstrike struck a bunker on 1 June 2016.",
                       [("2016-06-01", "1 June 2016")], ["Hit", "Zumar"])])
    assert _at(events) == [("Hit Zumar Gate", "2016-06-01")]


def test_fronted_place_with_its_province_and_without_a_comma():
    events = _events([("Near Hit in Anbar, an airstrike struck a bunker on 1 June 2016.",
                       [("2016-06-01", "1 June 2016")], ["Hit", "Anbar"]),
                      ("Near Wana an airstrike struck a truck on 2 June 2016.",
                       [("2016-06-02", "2 June 2016")], ["Wana"])])
    assert _at(events) == [("Hit", "2016-06-01"), ("Wana", "2016-06-02")]


def test_object_after_the_trigger_does_not_override_the_fronted_place():
    # "Kobani" names a vehicle here (an object, no locative before it); the strike is near Sinjar.
    events = _events([("Near Sinjar, three airstrikes struck two Kobani trucks on 9 June 2016.",
                       [("2016-06-09", "9 June 2016")], ["Sinjar", "Kobani"])])
    assert _at(events) == [("Sinjar", "2016-06-09")]


def test_locative_after_the_trigger_still_wins_when_finer():
    events = _events([("In Iraq, aircraft struck fighters in Makhmur on 9 June 2016.",
                       [("2016-06-09", "9 June 2016")], ["Iraq", "Makhmur"])])
    assert _at(events) == [("Makhmur", "2016-06-09")]


def test_a_fronted_date_is_no_place():
    events = _events([("In September, jets struck targets in Iraq.", [("2014-09", "September")], ["Iraq"])])
    assert _at(events) == [("Iraq", "2014-09-01")]


def test_countries_joined_by_and_share_the_locative():
    events = _events([("On 4 May 2016, allied jets conducted 20 strikes against ISIL targets in Syria and Iraq.",
                       [("2016-05-04", "4 May 2016")], ["Syria", "Iraq"])])
    assert _at(events) == [("Iraq", "2016-05-04"), ("Syria", "2016-05-04")]


def test_list_lines_under_a_dated_lead_take_its_day():
    lead = ("Release", )
    events = _events([
        ("On 4 May 2016, allied jets conducted 3 strikes in Iraq.", [("2016-05-04", "4 May 2016")], ["Iraq"]),
        ("Near Mosul, two airstrikes destroyed a vehicle.", [], ["Mosul"]),
        ("Near Ramadi, an airstrike struck a unit.", [], ["Ramadi"]),
    ], sections={0: lead, 1: lead + ("Strikes in Iraq",), 2: lead + ("Strikes in Iraq",)})
    assert ("Mosul", "2016-05-04") in _at(events) and ("Ramadi", "2016-05-04") in _at(events)


def test_a_sibling_paragraph_does_not_lend_its_date():
    events = _events([
        ("On 4 May 2016, allied jets struck Mosul.", [("2016-05-04", "4 May 2016")], ["Mosul"]),
        ("Near Ramadi, an airstrike struck a unit.", [], ["Ramadi"]),
    ], sections={0: ("History",), 1: ("History",)})
    assert _at(events) == [("Mosul", "2016-05-04")]


# --- precision filters: frame rules, not word lists per sentence -------------------------------

def test_demands_attempts_and_conditions_are_not_events():
    for text in ("On 3 May 2016, the tribe demanded that the militia withdraw from Makhmur.",
                 "On 3 May 2016, the brigade attempted to advance on Makhmur while jets circled.",
                 "On 3 May 2016, the air force drew up a plan to hit back if any jet was shot down over Makhmur."):
        events = _events([(text, [("2016-05-03", "3 May 2016")], ["Makhmur"])])
        assert not events, text


def test_a_comparison_yardstick_is_not_an_event():
    events = _events([("On 2 June 2016, a car bomb killed 40 people in Kirkuk, the deadliest attack in the city "
                       "since 2010.", [("2016-06-02", "2 June 2016")], ["Kirkuk"])])
    assert [(e.event_type, e.place_text) for e in events] == [("attack", "Kirkuk")]
    assert events[0].date.start.isoformat() == "2016-06-02"


def test_since_before_the_trigger_does_not_date_it():
    events = _events([("Since late 2012 the militia held Wana; it attacked Zumar on 5 May 2016.",
                       [("2012-10", "late 2012"), ("2016-05-05", "5 May 2016")], ["Wana", "Zumar"])])
    assert [(e.place_text, e.date.start.isoformat()) for e in events if e.event_type == "attack"] == \
        [("Zumar", "2016-05-05")]


def test_see_also_and_order_of_battle_sections_give_no_events():
    events = _events([("Battle of Mosul (2016), an offensive against ISIL in Mosul in 2016.", [("2016-10", "2016")],
                       ["Mosul"])], sections={0: ("See also",)})
    assert not events


def test_a_place_naming_an_accord_is_not_where_fighting_happened():
    events = _events([("On 9 May 2016, fighting resumed despite the Erbil agreement.",
                       [("2016-05-09", "9 May 2016")], ["Erbil"])])
    assert not [e for e in events if e.place_text == "Erbil"]


# --- who: speakers, repelled assaults, passives --------------------------------------------------

def test_a_speaker_is_no_party_to_the_fighting_he_describes():
    events = _events([("On 9 May 2016, a French government spokesman said the fighting in Ramadi was fierce.",
                       [("2016-05-09", "9 May 2016")], ["Ramadi"])])
    assert [e.actor for e in events if e.event_type == "battle"] == [""]


def test_a_repelled_assault_credits_the_repeller():
    events = _events([("On 9 May 2016, the Iraqi army repelled an ISIL assault on Haditha Dam.",
                       [("2016-05-09", "9 May 2016")], ["Haditha Dam"])])
    battle = [e for e in events if e.place_text == "Haditha Dam"]
    assert battle and battle[0].actor == "Iraq" and battle[0].target == "ISIL"


def test_shot_down_by_ground_fire_is_not_credited_to_the_aircraft_owner():
    events = _events([("On 9 May 2016, a Jordanian jet was shot down by ground fire near Raqqa.",
                       [("2016-05-09", "9 May 2016")], ["Raqqa"])])
    hit = [e for e in events if e.place_text == "Raqqa"]
    assert hit and hit[0].actor == "" and hit[0].target == "Jordan"


def test_a_relative_clause_on_the_object_keeps_its_places():
    events = _events([("On 8 May 2016, the army launched an offensive on Hawija, which lies on the road from "
                       "Kirkuk to Tikrit.", [("2016-05-08", "8 May 2016")], ["Hawija", "Kirkuk", "Tikrit"])])
    assert [e.place_text for e in events if e.event_type == "battle"] == ["Hawija"]


def test_capturing_people_is_no_change_of_control():
    for text, places in (("On 5 May 2016, the militia captured 40 soldiers in Hawija.", ["Hawija"]),
                         ("On 5 May 2016, several fighters of the militia were captured near Hawija.", ["Hawija"])):
        events = _events([(text, [("2016-05-05", "5 May 2016")], places)])
        assert not [e for e in events if e.event_type == "territory_change"], text


def test_an_outside_power_capturing_a_town_changes_its_control():
    events = _events([("On 5 May 1938, the Japanese army captured Mosul.", [("1938-05-05", "5 May 1938")], ["Mosul"])])
    assert [e.event_type for e in events] == ["territory_change"]
