"""Definite feature nouns ("the base", "the dam", "the city") refer back to the last named
place of a fitting kind in the same section, within a few sentences (geo/places/anaphora.py)."""

from __future__ import annotations

from geo.dates import tag_document
from geo.events import Extractor
from geo.ingest import read_document
from geo.places import find_mentions, mention_rows


def _doc(tmp_path, text, name="report.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return tag_document(read_document(path))


def _referring(mentions):
    return [m for m in mentions if m.via == "anaphora"]


BASE = ("# Anbar\n\n"
        "About 300 American advisers are stationed at Al Asad Airbase in Anbar province. "
        "Militants fired rockets at the base on 3 March 2016, and the advisers stayed.\n")


def test_the_base_names_the_airbase_named_before_it(tmp_path, gazetteer):
    doc = _doc(tmp_path, BASE)
    mentions = find_mentions(doc, gazetteer)
    named = next(m for m in mentions if m.text.startswith("Al Asad"))
    [ref] = _referring(mentions)
    assert ref.text == "the base"
    assert ref.place == named.place and named.place.kind == "airbase"
    assert BASE[ref.start:ref.end] == "the base" and ref.line == 3
    row = mention_rows([ref])[0]
    assert row["source"] == "anaphora" and row["place_id"] == named.place.place_id
    assert 0 < ref.confidence <= named.confidence


def test_an_event_at_the_base_is_placed_there(tmp_path, gazetteer):
    text = BASE + "\nOn 5 March 2016, coalition aircraft struck the base.\n"
    doc = _doc(tmp_path, text)
    mentions = find_mentions(doc, gazetteer)
    events = Extractor().document(doc, mentions)
    base = next(m.place for m in mentions if m.text.startswith("Al Asad"))
    struck = [e for e in events if e.event_type == "airstrike" and "struck the base" in e.evidence]
    assert struck and struck[0].place == base


def test_a_later_named_place_of_the_kind_takes_over(tmp_path, gazetteer):
    text = ("# Dams\n\nEngineers inspected Haditha Dam in January. In March they moved north to "
            "Mosul Dam, on the Tigris. Cracks were found in the dam in April.\n")
    mentions = find_mentions(_doc(tmp_path, text), gazetteer)
    mosul_dam = next(m.place for m in mentions if m.text.startswith("Mosul Dam"))
    [ref] = _referring(mentions)
    assert ref.text == "the dam" and ref.place == mosul_dam


def test_a_place_of_another_kind_is_not_the_antecedent(tmp_path, gazetteer):
    # Ramadi is a city, named after the airbase: "the airbase" still means Al Asad; and
    # "the village" has no village before it, so it names nothing
    text = ("# Anbar\n\nThe advisers at Al Asad Airbase trained troops from Ramadi. "
            "Supplies reached the airbase by road. Nobody left the village.\n")
    mentions = find_mentions(_doc(tmp_path, text), gazetteer)
    base = next(m.place for m in mentions if m.text.startswith("Al Asad"))
    refs = _referring(mentions)
    assert [(r.text, r.place) for r in refs] == [("the airbase", base)]


def test_a_noun_that_names_its_own_place_is_not_an_anaphor(tmp_path, gazetteer):
    text = ("# North\n\nTroops gathered in Erbil. They later entered the city of Mosul and "
            "the town Bartella.\n")
    mentions = find_mentions(_doc(tmp_path, text), gazetteer)
    assert _referring(mentions) == []


def test_the_window_is_bounded_by_sentences_and_sections(tmp_path, gazetteer):
    filler = " ".join(f"Talks went on for day {n} without result." for n in range(1, 8))
    far = f"# Anbar\n\nAdvisers arrived at Al Asad Airbase in May. {filler} Rockets hit the base.\n"
    assert _referring(find_mentions(_doc(tmp_path, far), gazetteer)) == []
    other_section = ("# Anbar\n\nAdvisers arrived at Al Asad Airbase in May.\n\n"
                     "# Politics\n\nParliament debated the base for weeks.\n")
    assert _referring(find_mentions(_doc(tmp_path, other_section, "s.md"), gazetteer)) == []


def test_the_city_names_the_settlement_named_before_it(tmp_path, gazetteer):
    text = ("# Offensive\n\nIraqi forces entered Fallujah on 17 June 2016. "
            "The city had been held by ISIL since January 2014.\n")
    mentions = find_mentions(_doc(tmp_path, text), gazetteer)
    fallujah = next(m.place for m in mentions if m.text == "Fallujah")
    [ref] = _referring(mentions)
    assert ref.text == "The city" and ref.place == fallujah


def test_an_unresolved_name_in_between_may_be_the_one_meant(tmp_path, gazetteer):
    # the gazetteer lacks "Zarqazza": "the village" may mean it, so it names nothing, not Bartella
    lead = "# North\n\nIraqi forces recaptured Bartella near Mosul in October"
    strike = ". Aircraft struck the village on 2 May.\n"
    alone = find_mentions(_doc(tmp_path, lead + strike), gazetteer)
    assert [(m.text, m.place.name) for m in _referring(alone)] == [("the village", "Barţalah")]
    between = find_mentions(_doc(tmp_path, lead + ", then moved to the village of Zarqazza" + strike,
                                 "b.md"), gazetteer)
    assert any(m.text == "Zarqazza" and m.place is None for m in between)
    assert _referring(between) == []


def test_the_town_is_no_city_of_a_hundred_thousand(tmp_path, gazetteer):
    # the gazetteer's "city" has 100,000 people or more: a writer's "the town" is something smaller
    text = "# North\n\nConvoys left Mosul at dawn. Nobody in the town knew where they went.\n"
    assert _referring(find_mentions(_doc(tmp_path, text), gazetteer)) == []
