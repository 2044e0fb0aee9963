"""Resolution rules: "Town, Region" pairs, country names before feature words, country and
region points, first-level regions abroad."""

from geo.places import find_mentions_in_text
from geo.places.resolve import haversine_km
from geo.places.sources import factbook_points


def resolved(text, gazetteer):
    return [(m.text, m.place.kind if m.place else None, m.place.country if m.place else None)
            for m in find_mentions_in_text(text, gazetteer)]


def test_region_after_a_town_and_comma_is_the_one_holding_the_town(gazetteer):
    got = resolved("She lives in Tacoma, Washington and met him in Columbus, Georgia.", gazetteer)
    assert got == [("Tacoma", "city", "US"), ("Washington", "region", "US"),
                   ("Columbus", "city", "US"), ("Georgia", "region", "US")]


def test_a_list_of_cities_is_not_town_and_region(gazetteer):
    got = resolved("After stops in Washington, New York and Boston, the prince flew home.", gazetteer)
    assert got[0] == ("Washington", "city", "US")


def test_country_name_before_a_feature_word_is_not_the_country(gazetteer):
    ms = find_mentions_in_text("The ISIL-held Oman oilfield burned. Oman protested.", gazetteer)
    assert [m.text for m in ms] == ["Oman", "Oman"]  # kept, so it is listed for review
    assert ms[0].place is None
    assert ms[1].place is not None and ms[1].place.kind == "country"


def test_country_points_are_the_published_ones(gazetteer):
    points = factbook_points()
    assert points["MY"] == (2.5, 112.5)
    malaysia = next(p for p in gazetteer.lookup("Malaysia") if p.kind == "country")
    assert haversine_km(malaysia.lat, malaysia.lon, 2.5, 112.5) < 1


def test_korea_alone_and_dprk(gazetteer):
    got = resolved("Talks between Korea and the DPRK resumed.", gazetteer)
    assert got == [("Korea", "country", "KR"), ("DPRK", "country", "KP")]


def test_provinces_abroad_beat_namesake_towns(gazetteer):
    got = resolved("Wildfires spread across Ontario and New Brunswick this week.", gazetteer)
    assert got == [("Ontario", "region", "CA"), ("New Brunswick", "region", "CA")]


def test_a_region_named_after_its_city_stays_the_city(gazetteer):
    got = resolved("Troops returned to Baghdad and Kirkuk.", gazetteer)
    assert got == [("Baghdad", "city", "IQ"), ("Kirkuk", "city", "IQ")]


def test_big_city_airport_by_its_short_name(gazetteer):
    got = [(m.text, m.place.source, m.place.country)
           for m in find_mentions_in_text("Flights from Heathrow to Gatwick were cancelled.", gazetteer)]
    assert got == [("Heathrow", "airportsdata", "GB"), ("Gatwick", "airportsdata", "GB")]
