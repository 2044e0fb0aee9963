"""Coordinates a page gives for its own subject ({{coord}}, "Coordinates:" lines, geo <meta>,
JSON-LD "geo") make its title a place of that document (geo/ingest/coords.py,
geo/places/docplace.py). "Qarzun" is an invented name: no gazetteer has it."""

from __future__ import annotations

import pytest

from geo.dates import tag_document
from geo.events import Extractor
from geo.ingest import read_document
from geo.ingest.coords import page_point
from geo.places import find_mentions, mention_rows

LAT, LON = 34.5225, 37.629722          # 34°31′21″N 37°37′47″E, in Syria


def _read(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return tag_document(read_document(path))


@pytest.mark.parametrize("text, fmt", [
    ("| coordinates = {{coord|34|31|21|N|37|37|47|E|region:SY}}\n", "wikitext"),
    ("x {{Coord|34.5225|37.629722|display=title}}", "wikitext"),
    ("x {{coord|34.5225|N|37.629722|E|display=inline,title}}", "wikitext"),
    ("Qarzun\n\nCoordinates: 34°31′21″N 37°37′47″E\n", "text"),
    ("# Qarzun\n\n**Coordinates:** 34.5225°N 37.629722°E / 34.5225; 37.629722\n", "markdown"),
    ("---\ntitle: Qarzun\ncoordinates: 34.5225, 37.629722\n---\nText.\n", "markdown"),
    ('<html><head><meta name="geo.position" content="34.5225;37.629722"></head></html>', "html"),
    ("<html><head><meta content='34.5225, 37.629722' name='ICBM'></head></html>", "html"),
    ('<script type="application/ld+json">{"@type": "Place", "geo": {"@type": "GeoCoordinates", '
     '"latitude": 34.5225, "longitude": "37.629722"}}</script>', "html"),
])
def test_each_form_of_page_coordinates_is_read(text, fmt):
    (lat, lon), warnings = page_point(text, fmt)
    assert abs(lat - LAT) < 1e-4 and abs(lon - LON) < 1e-4 and warnings == []


def test_degrees_and_minutes_south_and_west_are_negative():
    assert page_point("{{coord|33|52|S|151|12|W|display=title}}", "wikitext") == ((-33.866667, -151.2), [])
    assert page_point("Coordinates: 33°52′S 151°12′W", "text") == ((-33.866667, -151.2), [])


def test_a_coord_in_running_text_is_not_the_page_subject():
    # inline coordinates mark some other point the article mentions
    assert page_point("A well at {{coord|34.1|37.2}} was dug.", "wikitext") == (None, [])
    assert page_point("Coordinates of the strike were not given.", "text") == (None, [])


@pytest.mark.parametrize("text, fmt, why", [
    ("{{coord|95|10|N|37|37|E|display=title}}", "wikitext", "latitude 95.1667 is beyond 90"),
    ("{{coord|34|75|N|37|37|E|display=title}}", "wikitext", "minutes and seconds run from 0 to 59"),
    ("{{coord|34|N|37|N|display=title}}", "wikitext", "hemispheres are not N/S then E/W"),
    ("Coordinates: 120.5, 43.1", "markdown", "latitude 120.5 is beyond 90"),
    ("Coordinates: 34.5, 190", "text", "longitude 190 is beyond 180"),
    ('<meta name="geo.position" content="north;east">', "html", "could not convert"),
    ('<script type="application/ld+json">{"geo": {"latitude": "NaN", "longitude": 1}}</script>',
     "html", "not numbers"),
])
def test_coordinates_that_are_no_point_are_skipped_with_a_warning(text, fmt, why):
    point, warnings = page_point(text, fmt)
    assert point is None
    assert len(warnings) == 1 and warnings[0].startswith("ignoring coordinates") and why in warnings[0]


def test_a_broken_json_ld_block_is_no_error():
    assert page_point('<script type="application/ld+json">{"geo": [[[[</script>', "html") == (None, [])


ARTICLE = """{{Infobox military installation
| name = Qarzun Military Airbase
| coordinates = {{coord|34|31|21|N|37|37|47|E|region:SY|display=inline,title}}
}}
'''Qarzun Military Airbase''' is an air base of the Syrian Air Force.

== History ==
In 2015 helicopters were based at Qarzun Military Airbase. Talks went on for a week. Talks went on
for a week. Talks went on for a week. Talks went on for a week. Talks went on for a week. Talks went
on for a week. On 9 April 2018, missiles struck the airbase.
"""


def test_the_article_subject_is_a_place_at_its_own_coordinates(tmp_path, gazetteer):
    doc = _read(tmp_path, "qarzun.wiki", ARTICLE)
    assert doc.title == "Qarzun Military Airbase" and doc.point == (LAT, LON)
    mentions = find_mentions(doc, gazetteer)
    named = [m for m in mentions if m.text == "Qarzun Military Airbase"]
    assert len(named) == 2
    place = named[0].place
    assert (place.kind, place.country, place.lat, place.lon) == ("airbase", "SY", LAT, LON)
    assert mention_rows(named)[0]["source"] == "document"
    # far past the anaphora window, "the airbase" is still the one the article is about
    [ref] = [m for m in mentions if m.via == "anaphora"]
    assert ref.text == "the airbase" and ref.place == place
    events = Extractor().document(doc, mentions)
    assert any(e.event_type == "airstrike" and e.place == place for e in events)


def test_the_place_belongs_to_its_document_only(tmp_path, gazetteer):
    find_mentions(_read(tmp_path, "qarzun.wiki", ARTICLE), gazetteer)
    other = _read(tmp_path, "other.md", "# Notes\n\nHelicopters left Qarzun Military Airbase in May.\n")
    assert all(m.place is None or m.place.source != "document" for m in find_mentions(other, gazetteer))


def test_bad_coordinates_leave_the_document_readable(tmp_path, gazetteer):
    text = ARTICLE.replace("{{coord|34|31|21|N", "{{coord|134|31|21|N")
    doc = _read(tmp_path, "bad.wiki", text)
    assert doc.point is None
    assert [w for w in doc.warnings if "ignoring coordinates" in w and "latitude 134.5" in w]
    assert doc.sentences and all(m.place is None or m.place.source != "document"
                                 for m in find_mentions(doc, gazetteer))


def test_an_event_title_with_coordinates_is_not_a_place(tmp_path, gazetteer):
    doc = _read(tmp_path, "battle.md", "# Battle of Qarzun\n\nCoordinates: 34°31′N 37°37′E\n\n"
                "Fighting at Qarzun lasted a week.\n")
    assert doc.point is not None
    assert all(m.place is None or m.place.source != "document" for m in find_mentions(doc, gazetteer))


def test_a_known_place_at_its_point_keeps_its_gazetteer_entry(tmp_path, gazetteer):
    # an article about Mosul with Mosul's coordinates: the gazetteer's Mosul, not a new entry
    doc = _read(tmp_path, "mosul.md", "# Mosul\n\nCoordinates: 36°20′N 43°08′E\n\n"
                "Mosul lies on the Tigris. The city was retaken in July 2017.\n")
    mentions = find_mentions(doc, gazetteer)
    mosul = [m.place for m in mentions if m.text == "Mosul"]
    assert mosul and all(p.place_id == "geonames:99072" for p in mosul)
