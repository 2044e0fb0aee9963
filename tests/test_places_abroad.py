"""A bare one-word name that resolves only to a town abroad, in a country no other place of the
text lies in, is not taken as that town unless it is a city known beyond its region (100,000
people): the text more likely means a place the gazetteer lacks, or a person
(geo/places/resolve.py)."""

from __future__ import annotations

from geo.places import find_mentions_in_text


def _resolved(text, gazetteer):
    return {m.text: (m.place.name, m.place.country) if m.place else None
            for m in find_mentions_in_text(text, gazetteer)}


def test_a_town_abroad_with_no_neighbours_there_is_not_taken(gazetteer):
    # the gazetteer's only Madaya is a town of 24,000 in Myanmar; this text is about Syria
    got = _resolved("Government troops shelled Zabadani and Madaya near Damascus in Syria, "
                    "and the siege of Homs went on.", gazetteer)
    assert got["Zabadani"][1] == "SY"
    assert got.get("Madaya") is None


def test_the_same_town_beside_places_of_its_own_country_is_kept(gazetteer):
    got = _resolved("Farmers from Madaya sold rice in Mandalay and Sagaing, Myanmar.", gazetteer)
    assert got["Madaya"] == ("Madaya", "MM")


def test_a_city_known_beyond_its_region_needs_no_neighbours(gazetteer):
    got = _resolved("Government troops shelled Zabadani near Damascus in Syria while envoys "
                    "met in Geneva.", gazetteer)
    assert got["Geneva"] == ("Geneva", "CH")
