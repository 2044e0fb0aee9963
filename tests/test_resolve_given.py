"""Resolution of given (gold) spans: demonyms, abbreviations, possessives, longer names."""

import pytest

from geo.places import find_mentions_in_text, load_gazetteer
from geo.places.given import is_local, name_and_cue, resolve_spans
from geo.places.resolve import haversine_km


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize("text,name", [
    ("European", "Europe"), ("Iraq's", "Iraq"), ("Calif.", "California"),
    ("Manila Cathedral", "Manila"), ("European Commission", "Europe"), ("the Levant", "Levant"), ("Iraq’s", "Iraq"),
])
def test_names_for_marked_spans(gaz, text, name):
    assert name_and_cue(text, gaz)[0] == name


def test_demonym_names_its_country(gaz):
    name, _ = name_and_cue("Russian", gaz)
    assert any(p.kind == "country" and p.country == "RU" for p in gaz.lookup(name))


def test_abbreviation_asks_for_the_region(gaz):
    assert name_and_cue("Calif.", gaz) == ("California", "region")


def _span(text, word):
    start = text.index(word)
    return (start, start + len(word))


def test_demonym_span_resolves_to_its_country(gaz):
    text = "Russian troops crossed into Ukraine near Kharkiv."
    place, = resolve_spans(text, [_span(text, "Russian")], gaz)
    assert place is not None and place.country == "RU" and place.kind == "country"


def test_street_lies_in_the_town_the_text_names(gaz):
    text = "The parade left New Orleans at noon and turned into Frenchmen Street after dark."
    assert is_local("Frenchmen Street") and not is_local("Frenchmen")
    place, = resolve_spans(text, [_span(text, "Frenchmen Street")], gaz)
    assert place is not None and haversine_km(place.lat, place.lon, 29.95, -90.07) < 25


def test_unknown_name_is_never_dropped_when_the_text_names_a_town(gaz):
    text = "Flooding hit Mosul on Monday. Residents of Qqzzyx fled."
    place, = resolve_spans(text, [_span(text, "Qqzzyx")], gaz)
    assert place is not None and place.name == "Mosul"


def test_eu_is_recognised_as_a_place(gaz):
    found = find_mentions_in_text("EU ministers met in Brussels on Monday.", gaz)
    assert [m.text for m in found] == ["EU", "Brussels"]
