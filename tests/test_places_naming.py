"""Naming patterns found on the seed documents: fused articles ("Deir Ezzor"), US base names
("Naval Air Station Oceana"), "RAF X" detachments, apostrophes ("Hammam al-'Alil"), model
numbers in links ("Mirage 2000"), one id per place, common English words ("Dour")."""

import math

import pytest

from geo.places import find_mentions_in_text, fold, load_gazetteer
from geo.places.recognize import find_spans

SYRIA = "Coalition aircraft struck targets near Raqqa in Syria.\n\n"
IRAQ = "Iraqi forces advanced on Mosul in northern Iraq, south of Erbil.\n\n"


def found(context, sentence, gazetteer):
    text = context + sentence
    return [(m.text, m.place.place_id if m.place else None, m.place)
            for m in find_mentions_in_text(text, gazetteer) if m.start >= len(context)]


def km(place, lat, lon):
    la1, lo1, la2, lo2 = map(math.radians, (place.lat, place.lon, lat, lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("name", ["Deir Ezzor", "Deir ez-Zor", "Deir al-Zour", "Dayr az Zawr",
                                  "Deir el-Zour"])
def test_deir_ez_zor_spellings_recognised_and_resolved(name, gazetteer):
    got = found(SYRIA, f"The raid on {name} in Syria killed a commander.", gazetteer)
    assert [g[0] for g in got if g[0] != "Syria"] == [name]
    place = [g[2] for g in got if g[0] == name][0]
    assert place.country == "SY" and km(place, 35.336, 40.140) < 25


def test_fused_article_folds_like_the_separate_one():
    assert fold.canonical("Deir Ezzor") == fold.canonical("Deir ez-Zor") == fold.canonical("Dayr az Zawr")
    assert fold.canonical("Santa Anna") == "santa anna"  # no doubled consonant after a/e: kept


def test_naval_air_station_is_one_mention_of_the_base(gazetteer):
    got = found("", "The jets came from Carrier Air Wing 8, of Naval Air Station Oceana, Virginia.",
                gazetteer)
    names = [g[0] for g in got]
    assert "Naval" not in names and "Oceana" not in names
    base = [g[2] for g in got if g[0] == "Naval Air Station Oceana"][0]
    assert base.place_id == "icao:KNTU" and base.kind == "airbase" and km(base, 36.82, -76.03) < 5
    assert gazetteer.lookup("NAS Oceana")[0].place_id == "icao:KNTU"


def test_air_force_base_names_from_airportsdata_abbreviations(gazetteer):
    got = found("", "Bombers flew from Nellis Air Force Base in Nevada.", gazetteer)
    assert [g[2].kind for g in got if g[0] == "Nellis Air Force Base"] == ["airbase"]


def test_naval_alone_is_never_a_place(gazetteer):
    got = found("", "Naval Air Station Nowhere and Naval forces joined the operation.", gazetteer)
    assert [g for g in got if g[0].startswith("Naval")] == []


def test_raf_prefix_names_an_air_base(gazetteer):
    got = found("", "A Rivet Joint is based at RAF Al Udeid in Qatar; Tornados operate from "
                    "RAF Akrotiri in Cyprus.", gazetteer)
    ids = {g[0]: g[1] for g in got}
    assert ids["RAF Al Udeid"] == "icao:OTBH" and ids["RAF Akrotiri"] == "icao:LCRA"


@pytest.mark.parametrize("name", ["Hammam al-'Alil", "Hammam al-ʿAlil", "Hammam al-Alil"])
def test_hammam_al_alil_is_the_iraqi_town(name, gazetteer):
    got = found(IRAQ, f"Special forces launched a raid on {name} which killed a commander.",
                gazetteer)
    assert [g[0] for g in got] == [name]
    assert got[0][2].country == "IQ" and km(got[0][2], 36.16, 43.26) < 10


def test_model_number_in_a_link_is_not_a_place(gazetteer):
    text = "The carrier carried eight [[Dassault Mirage 2000|Mirage 2000]] jets."
    start = text.index("Mirage 2000]]")
    links = [(start, start + len("Mirage 2000"), "Dassault Mirage 2000")]
    assert [s.text for s in find_spans(text, gazetteer, links)] == []
    assert found("", "Dassault Mirage 2000 and eight Mirage 2000 fighters took off.", gazetteer) == []


def test_curated_row_replaces_the_geonames_duplicate(gazetteer):
    # curated Sirte, Sinjar and Kobani describe GeoNames places: one id each
    for name, country, curated in (("Sirte", "LY", "curated:sirte"),
                                   ("Sinjar", "IQ", "curated:sinjar"),
                                   ("Kobani", "SY", "curated:kobani")):
        ids = [p.place_id for p in gazetteer.lookup(name) if p.country == country]
        assert ids[0] == curated
        near = [p for p in gazetteer.lookup(name) if p.country == country and p.place_id != curated
                and km(p, gazetteer.get(curated).lat, gazetteer.get(curated).lon) < 25]
        assert near == []
    with pytest.raises(KeyError):
        gazetteer.get("geonames:2210554")
    assert gazetteer.get("curated:sirte").population > 100_000  # the GeoNames figure kept


def test_small_place_named_by_an_english_word_needs_context(gazetteer):
    text = "Investors in London were Dour on Monday.\n\nThe Dour economic outlook worried Brussels."
    assert [m.text for m in find_mentions_in_text(text, gazetteer)] == ["London", "Brussels"]
    got = found("", "Fighting was reported in Mons, Charleroi and Dour, Belgium.", gazetteer)
    assert "Dour" in [g[0] for g in got]


def test_link_qualifiers_say_what_a_name_is(tmp_path):
    """A link to 'Hit (song)' or 'Jordan (footballer)' vetoes the name; 'Tripoli (Lebanon)'
    picks the Lebanese namesake; 'Anbar (town)' keeps the town."""
    from geo.ingest import read_document
    from geo.places import find_mentions

    wiki = tmp_path / "links.wiki"
    wiki.write_text("The singer [[Jordan (footballer)|Jordan]] played a [[Hit (song)|Hit]] in "
                    "[[Anbar (town)|Anbar]], then near [[Tripoli (Lebanon)|Tripoli]].\n", encoding="utf-8")
    mentions = find_mentions(read_document(wiki, forced_format="wikitext"), load_gazetteer())
    by_text = {m.text: m.place for m in mentions if m.place}
    assert "Jordan" not in by_text and "Hit" not in by_text
    assert by_text["Anbar"].kind == "town" and by_text["Anbar"].country == "IQ"
    assert by_text["Tripoli"].country == "LB"
