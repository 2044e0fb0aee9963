"""Names that hold a place word but name something else (issue 9): a facility whose first word is
a far-away town ("the Brick Factory"), armed groups opening with a unit word ("Suqour al-..."), and
people after a title or opening with a given name. Sentences written for these tests."""

from geo.model import Place
from geo.places import find_mentions_in_text
from geo.places.recognize import find_spans
from geo.places.resolve import _keep

CONTEXT = ("Rebels advanced on Idlib and Jisr al-Shughur in Syria. The factory outside the town was "
           "a base of the army.\n\n")


def found(sentence, gazetteer):
    text = CONTEXT + sentence
    return [(m.text, m.place.country if m.place else None)
            for m in find_mentions_in_text(text, gazetteer) if m.start >= len(CONTEXT)]


def test_a_facility_name_does_not_make_its_first_word_a_town_abroad(gazetteer):
    spans = find_spans("On 3 May the rebels stormed the Brick Factory near Idlib.", gazetteer)
    brick, = [s for s in spans if s.text == "Brick"]
    assert "facility-name" in brick.weak_reasons
    town = Place("t:brick", "Brick", "town", "US", 40.06, -74.14, "geonames", population=76_000)
    assert not _keep(brick, town, {"SY": 0.7, "US": 0.04}, "brick")
    assert _keep(brick, town, {"US": 0.6}, "brick")   # in a text about New Jersey it is the town


def test_a_town_of_the_text_still_names_its_dam_or_airport(gazetteer):
    got = found("On 4 May jets struck near the Idlib Airport and the Mosul Dam.", gazetteer)
    assert any(text.startswith("Idlib") and country == "SY" for text, country in got)


def test_armed_groups_opening_with_a_unit_word_are_not_places(gazetteer):
    got = found("Fighters of Suqour al-Raqqa and Liwa al-Furqan clashed with Katibat al-Nasr in Idlib.", gazetteer)
    assert [t for t, _ in got] == ["Idlib"]


def test_people_after_a_title_or_opening_with_a_given_name_are_not_places(gazetteer):
    for sentence in ("The militia leader Qais al-Qaim said that Idlib was next.",
                     "A rocket hit the home of lawyer Yasser al-Mubarak in Idlib.",
                     "A rocket hit the home of Ahmad al-Mubarak in Idlib.",
                     "The envoy Khalid al-Sham arrived in Idlib."):
        assert [t for t, _ in found(sentence, gazetteer)] == ["Idlib"], sentence
