"""Resolution by document locality: namesakes that fit the text's other places, small far-off
places read as streets of the text's town, adjectives the demonym list lacks."""

import pytest

from geo.model import Place
from geo.places import find_mentions_in_text, load_gazetteer, locality
from geo.places.given import name_and_cue, resolve_spans
from geo.places.resolve import haversine_km


def _place(pid, kind="town", country="US", lat=0.0, lon=0.0, pop=10_000, admin1="", source="geonames"):
    return Place(pid, pid, kind, country, lat, lon, source, pop, admin1)


CHICAGO = _place("chicago", "city", lat=41.85, lon=-87.65, pop=2_700_000, admin1="IL")
EVANSTON = _place("evanston", lat=42.04, lon=-87.69, pop=75_000, admin1="IL")
HUBBARD_OH = _place("hubbard-oh", lat=41.16, lon=-80.57, pop=7_650, admin1="OH")


def test_supported_places_have_a_neighbour_or_a_named_region():
    ohio = _place("ohio", "region", lat=40.4, lon=-82.7, pop=0, admin1="OH")
    assert locality.supported_ids([CHICAGO, EVANSTON, HUBBARD_OH]) == {"chicago", "evanston"}
    assert "hubbard-oh" in locality.supported_ids([CHICAGO, HUBBARD_OH, ohio])


def test_small_lone_far_place_is_an_outlier_a_big_city_never():
    anchors = [CHICAGO, EVANSTON]
    assert locality.is_outlier(HUBBARD_OH, frozenset({"chicago", "evanston"}), anchors)
    big = _place("cleveland", "city", lat=41.5, lon=-81.7, pop=380_000, admin1="OH")
    assert not locality.is_outlier(big, frozenset(), anchors)
    assert not locality.is_outlier(HUBBARD_OH, frozenset(), [])


def test_namesake_that_fits_replaces_one_that_fits_nothing():
    safety_bay = _place("safety-bay", country="AU", lat=-32.31, lon=115.74, pop=7_000, admin1="08")
    rock_us = _place("rockingham-us", lat=43.19, lon=-72.49, pop=5_198, admin1="VT")
    rock_au = _place("rockingham-au", country="AU", lat=-32.28, lon=115.73, pop=15_312, admin1="08")
    assert locality.namesake_near(rock_us, [rock_us, rock_au], [safety_bay]) is rock_au
    assert locality.namesake_near(rock_au, [rock_us, rock_au], [safety_bay]) is None  # already fits


def test_a_country_gives_way_only_to_a_region_and_a_city_not_to_a_village():
    atlanta = _place("atlanta", "city", lat=33.75, lon=-84.39, pop=460_000, admin1="GA")
    georgia = _place("georgia", "country", "GE", 42.0, 43.5, 3_700_000)
    state = _place("georgia-us", "region", lat=32.75, lon=-83.5, pop=1_000_000, admin1="GA")
    village = _place("georgia-vt", "village", lat=33.7, lon=-84.3, pop=500, admin1="GA")
    assert locality.namesake_near(georgia, [village, state], [atlanta]) is state
    oakland = _place("oakland", "city", lat=37.8, lon=-122.27, pop=419_000, admin1="CA")
    tiny = _place("oakland-ga", "village", lat=33.7, lon=-84.3, pop=1_000, admin1="GA")
    assert locality.namesake_near(oakland, [tiny], [atlanta]) is None


def test_relocate_reads_a_lone_village_as_a_street_of_the_paragraph_town():
    places = [CHICAGO, EVANSTON, HUBBARD_OH]
    towns = locality.relocate(places, [True] * 3, [True] * 3, [0, 50, 90], [1, 1, 1])
    assert towns == [None, None, EVANSTON]
    curated = _place("pentagon", "other", lat=38.87, lon=-77.06, pop=0, source="curated")
    towns = locality.relocate([CHICAGO, EVANSTON, curated], [True] * 3, [True] * 3, [0, 50, 90], [1, 1, 1])
    assert towns == [None, None, None]  # curated places are what they say


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _resolved(text, gaz):
    return {m.text: m.place for m in find_mentions_in_text(text, gaz)}


def test_namesake_by_the_text_s_other_place(gaz):
    found = _resolved("A shark was seen off Safety Bay on Monday. Beaches in Rockingham were closed.", gaz)
    assert found["Rockingham"].country == "AU"


def test_counties_by_the_city_the_text_names(gaz):
    found = _resolved("Police in Chattanooga said Hamilton County deputies arrested two men in "
                      "Walker County.", gaz)
    assert (found["Hamilton County"].admin1, found["Walker County"].admin1) == ("TN", "GA")


def test_washington_by_seattle_is_the_state_and_alone_stays_the_capital(gaz):
    found = _resolved("Rain fell again in Seattle on Monday. Washington officials closed roads.", gaz)
    assert found["Washington"].kind == "region" and found["Washington"].admin1 == "WA"
    found = _resolved("Flooding hit Mosul on Monday. Officials in Washington said nothing.", gaz)
    assert found["Washington"].admin1 == "DC"


def test_a_big_city_is_not_moved_by_a_lone_capital(gaz):
    found = _resolved("Students at Cambridge protested. Officials in Washington said nothing.", gaz)
    assert found["Cambridge"].country == "GB"


def test_lone_far_village_becomes_the_street_of_the_text_s_town(gaz):
    found = _resolved("Crowds filled Chicago on Sunday. In the Near North Side, the parade turned "
                      "onto Hubbard before noon.", gaz)
    assert haversine_km(found["Hubbard"].lat, found["Hubbard"].lon, 41.89, -87.63) < 25


def test_given_streets_lie_in_the_text_s_town_not_in_far_namesakes(gaz):
    text = ("The parade left New Orleans at noon, passed Lafayette Square and Mandeville, and "
            "ended on Bourbon near Chartres.")
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Bourbon", "Chartres")]
    for place in resolve_spans(text, spans, gaz):
        assert haversine_km(place.lat, place.lon, 29.95, -90.07) < 100


def test_given_institution_lies_in_a_town_of_its_state(gaz):
    text = "Students from Arizona State University met in Tempe and Phoenix."
    start = text.index("Arizona State University")
    place, = resolve_spans(text, [(start, start + len("Arizona State University"))], gaz)
    assert place.country == "US" and place.admin1 == "AZ" and place.kind != "region"


@pytest.mark.parametrize("text,name", [
    ("Sicilian", "Sicily"), ("Serb", "Serbia"), ("Havanese", "Havana"), ("Saint Lucian", "Saint Lucia"),
    ("Tunis", "Tunis"),  # a place's own name is never read as an adjective
])
def test_adjectives_the_demonym_list_lacks(gaz, text, name):
    assert name_and_cue(text, gaz)[0] == name


def test_a_lone_country_among_another_country_s_states_is_that_state(gaz):
    found = _resolved("Storms hit Florida, Alabama and Louisiana on Monday. Later the front "
                      "reached Georgia.", gaz)
    assert (found["Georgia"].kind, found["Georgia"].country) == ("region", "US")
    found = _resolved("Russian troops left Abkhazia. Georgia said the talks would resume.", gaz)
    assert found["Georgia"].country == "GE"
