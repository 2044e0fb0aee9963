"""Recognition in war reporting: small towns after cue verbs, operation names, Irish surnames,
camps and dams, "X province", common words in lists of towns, regions against namesake villages."""

import pytest

from geo.places import find_mentions_in_text

IRAQ = "Iraqi forces advanced on Mosul in northern Iraq, south of Erbil.\n\n"
SYRIA = "The Syrian Democratic Forces fought near Raqqa and Deir ez-Zor in Syria.\n\n"


def found(context, sentence, gazetteer):
    """(text, place id, kind, lat, lon) of every mention inside `sentence`."""
    text = context + sentence
    return [(m.text, m.place.place_id if m.place else None, m.place.kind if m.place else None,
             m.place.lat if m.place else None, m.place.lon if m.place else None)
            for m in find_mentions_in_text(text, gazetteer) if m.start >= len(context)]


def test_small_town_as_object_of_a_cue_verb_in_a_text_about_its_country(gazetteer):
    got = found(IRAQ, "Iraqi forces recaptured Bartella on October 20.", gazetteer)
    assert [g[:2] for g in got] == [("Bartella", "geonames:97890")]
    assert abs(got[0][3] - 36.354) < 0.05 and abs(got[0][4] - 43.381) < 0.05


def test_cue_verb_alone_does_not_make_a_foreign_village_a_place(gazetteer):
    # Barţalah lies in Iraq; a text about the United States gives the verb no country
    got = found("Protesters marched in Chicago, Illinois, and Denver.\n\n",
                "Police recaptured Bartella on Monday.", gazetteer)
    assert got == []


@pytest.mark.parametrize("sentence", [
    '("Operation Roundup" targets)',
    "Operation Roundup began in March.",
    "It was part of Operation Pacific Eagle.",
])
def test_words_of_an_operation_name_are_not_places(sentence, gazetteer):
    assert found(IRAQ, sentence, gazetteer) == []


def test_irish_surname_is_a_person(gazetteer):
    assert found(IRAQ, "O'Brien's unit said nothing.", gazetteer) == []


def test_camp_with_lowercase_article_and_province_as_region(gazetteer):
    got = found(SYRIA, "They were taken to al-Hol camp in Hasakah province.", gazetteer)
    assert [(g[0], g[2]) for g in got] == [("al-Hol camp", "camp"), ("Hasakah", "region")]
    assert abs(got[0][3] - 36.38) < 0.1 and abs(got[0][4] - 41.15) < 0.1


def test_bare_province_name_stays_the_city(gazetteer):
    got = found(SYRIA, "Shelling hit Hasakah on Monday.", gazetteer)
    assert [(g[0], g[2]) for g in got] == [("Hasakah", "city")]


def test_dam_named_after_a_town_is_the_dam(gazetteer):
    got = found(SYRIA, "The SDF captured Tabqa Dam on May 10.", gazetteer)
    assert [(g[0], g[1], g[2]) for g in got] == [("Tabqa Dam", "curated:tabqa-dam", "dam")]


def test_common_word_in_a_list_of_towns_of_one_country(gazetteer):
    got = found(IRAQ, "Iraqi forces recaptured Fallujah, Ramadi and Hit in 2016.", gazetteer)
    assert [g[0] for g in got] == ["Fallujah", "Ramadi", "Hit"]
    assert abs(got[2][3] - 33.64) < 0.1 and abs(got[2][4] - 42.83) < 0.1


def test_common_word_outside_a_list_stays_a_word(gazetteer):
    assert found(IRAQ, "Hit songs played. A roadside bomb hit Humvees.", gazetteer) == []


def test_first_level_region_beats_its_namesake_village(gazetteer):
    got = found("", "Protests spread in Baja California on Sunday.", gazetteer)
    assert [(g[0], g[2]) for g in got] == [("Baja California", "region")]


def test_al_sham_in_the_name_of_an_armed_group_is_not_damascus(gazetteer):
    got = found(SYRIA, "Fighters of Ahrar al-Sham and Hayat Tahrir al-Sham clashed near Idlib.", gazetteer)
    assert [g[0] for g in got] == ["Idlib"]
