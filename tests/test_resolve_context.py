"""Resolution context: "town, region" qualifiers, one sense per document, person names,
datelines and abbreviations."""

import pytest

from geo.places import find_mentions_in_text, load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _found(text, gaz):
    return [(m.text, m.place.country, m.place.admin1) for m in find_mentions_in_text(text, gaz)]


def test_region_after_the_comma_picks_the_small_namesake(gaz):
    found = _found("The new houses in Gainesville, Va. will open in May.", gaz)
    assert found[0] == ("Gainesville", "US", "VA")


def test_a_list_of_regions_is_not_a_qualifier(gaz):
    found = _found("At the NATO summit in Wales, U.S. officials met their allies.", gaz)
    assert found[0][:2] == ("Wales", "GB")


def test_one_name_means_one_place_in_a_document(gaz):
    text = ("ALLENDALE, N.J. -- Mothers met on Friday.\n\nThe club in Allendale raised money.\n\n"
            "Allendale volunteers sold tickets.")
    places = {admin1 for name, _, admin1 in _found(text, gaz) if name.lower() == "allendale"}
    assert places == {"NJ"}


def test_dateline_in_capitals_is_a_place(gaz):
    assert _found("SEOUL, South Korea (CNN) - A court ruled on Monday.", gaz)[0][:2] == ("SEOUL", "KR")
    assert _found("By Nate Raymond.\nBOSTON (Reuters) - The owner said.", gaz)[0][:2] == ("BOSTON", "US")


def test_acronym_is_not_a_dateline(gaz):
    assert _found("NATO, the UN and the World Bank sent staff.", gaz) == []


def test_small_town_beside_a_name_is_a_person(gaz):
    text = "The reporters Allyson Chiu and Tracy Jane wrote the story, said Noma."
    assert [t for t, _, _ in _found(text, gaz)] == []


def test_demonym_before_a_town_keeps_it(gaz):
    text = "In the Kurdish Sinjar offensive, fighters from Erbil advanced."
    assert [t for t, _, _ in _found(text, gaz)] == ["Sinjar", "Erbil"]


def test_us_county_is_a_place_at_its_shape(gaz):
    from geo.places.resolve import haversine_km
    found = find_mentions_in_text("Fires spread across Orange County, California on Monday.", gaz)
    county = next(m for m in found if m.text == "Orange County")
    assert county.place.kind == "region" and county.place.admin1 == "CA"
    assert haversine_km(county.place.lat, county.place.lon, 33.70, -117.76) < 25


def test_state_abbreviations_are_looked_up_but_not_matched_in_text(gaz):
    assert gaz.lookup("Wis.")[0].name == "Wisconsin"
    assert _found("Miss Smith said she was ill.", gaz) == []
