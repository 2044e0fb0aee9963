"""The region after "Town, " is a mention of its own, and a country's long link name is a place."""

from __future__ import annotations

from geo.places import find_mentions_in_text
from geo.places.recognize import find_spans, lowercase_vocabulary


def _found(text, gazetteer):
    return [(m.text, m.place.name if m.place else None, m.place.kind if m.place else None)
            for m in find_mentions_in_text(text, gazetteer)]


def test_ap_state_abbreviation_after_a_town_is_a_mention(gazetteer):
    text = "OAKLAND, Calif. (AP) - The pitcher threw. It rained in Severn, Md. on Monday."
    found = _found(text, gazetteer)
    assert ("Calif.", "California", "region") in found
    assert ("Md.", "Maryland", "region") in found
    m = next(m for m in find_mentions_in_text(text, gazetteer) if m.text == "Calif.")
    assert text[m.start:m.end] == "Calif."


def test_abbreviation_alone_is_not_a_mention(gazetteer):
    # "Miss." and "Ill." are lookup-only names: without a town before them they stay words
    assert _found("Miss. Smith was ill. Ill. health kept her home.", gazetteer) == []


def test_town_region_pair_keeps_one_mention_each(gazetteer):
    found = _found("Troops moved from Hit, Iraq, to Tacoma, Washington.", gazetteer)
    assert [name for name, _, _ in found] == ["Hit", "Iraq", "Tacoma", "Washington"]
    assert found[3][2] == "region"


def test_country_long_name_link_is_a_place(gazetteer):
    text = "Members: Iceland, Ireland, Kosovo."
    start = text.index("Ireland")
    links = [(start, start + len("Ireland"), "Republic of Ireland")]
    names = [s.text for s in find_spans(text, gazetteer, links, lowercase_vocabulary(text))]
    assert "Ireland" in names
    # a long link name that ends with a name which is no country still vetoes it
    text = "A Tornado flew over the base."
    start = text.index("Tornado")
    plane = [(start, start + len("Tornado"), "Panavia Tornado")]
    assert "Tornado" not in [s.text for s in find_spans(text, gazetteer, plane, lowercase_vocabulary(text))]


def test_all_caps_heading_names_places_but_acronyms_stay_acronyms(gazetteer):
    text = "REPORT ON IRAQ AND SYRIA\nThe CIA said that NATO and the US met in OMAN."
    found = [name for name, _, _ in _found(text, gazetteer)]
    assert found[:2] == ["IRAQ", "SYRIA"]
    assert "OMAN" not in found and "CIA" not in found  # capitals in a normal line are acronyms
    assert "US" in found
