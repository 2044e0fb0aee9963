"""Recognition and resolution on plain text and Documents; the output rows."""

import json
import subprocess
import sys

from geo import settings
from geo.model import Document, Link, Sentence
from geo.places import (MENTION_COLUMNS, find_mentions, find_mentions_in_text,
                        mention_rows, places_features, review_rows)
from geo.places.resolve import haversine_km


def names(mentions):
    return [m.text for m in mentions]


def test_offsets_point_into_the_text(gazetteer):
    text = "Fighting continued near Mosul.\nLater, troops reached Tikrit and Baiji."
    ms = find_mentions_in_text(text, gazetteer, "t.txt")
    assert names(ms) == ["Mosul", "Tikrit", "Baiji"]
    for m in ms:
        assert text[m.start:m.end] == m.text
    assert [m.line for m in ms] == [1, 2, 2]


def test_no_organisations_ships_titles_demonyms(gazetteer):
    text = ("The Islamic State of Iraq and the Levant and the Kurdistan Workers' Party were named "
            "by The Washington Post. The commander known as the Prince of Nineveh died. "
            "USS George H.W. Bush sailed. Iraqi and American officials met. Split decisions, "
            "Of course. President Obama spoke to Lloyd Austin.")
    assert names(find_mentions_in_text(text, gazetteer)) == []


def test_common_words_need_context(gazetteer):
    assert names(find_mentions_in_text("Hit by a bomb, the convoy stopped.", gazetteer)) == []
    ms = find_mentions_in_text("ISIL attacked the town. Fighting in Hit and Ramadi continued.", gazetteer)
    assert "Hit" in names(ms)
    hit = next(m for m in ms if m.text == "Hit")
    assert hit.place.country == "IQ"


def test_modifiers_are_not_map_points(gazetteer):
    ms = find_mentions_in_text("U.S. forces and US-led jets struck Mosul.", gazetteer)
    roles = {m.text: m.role for m in ms}
    assert roles["Mosul"] == "place"
    assert roles.get("U.S.") == "modifier" and roles.get("US") == "modifier"
    fc = places_features(ms)
    assert [f["properties"]["name"] for f in fc["features"]] == ["Mosul"]


def test_sinjar_in_northern_iraq_is_the_iraqi_town(gazetteer):
    text = "ISIL took Sinjar in August. Yazidis fled from Sinjar towards Mosul and Erbil in Iraq."
    sinjar = [m for m in find_mentions_in_text(text, gazetteer) if m.text == "Sinjar"]
    assert sinjar and all(m.place.country == "IQ" for m in sinjar)
    assert sinjar[0].alternatives and 0 < sinjar[0].confidence <= 1


def test_feature_cues(gazetteer):
    ms = find_mentions_in_text("Troops left Balad Air Base, Camp Taji and the Mosul Dam.", gazetteer)
    kinds = {m.text: m.place.kind for m in ms}
    assert kinds == {"Balad Air Base": "airbase", "Camp Taji": "camp", "Mosul Dam": "dam"}


def _doc(text, links=()):
    sentence = Sentence(text=text, line=3, start=100, end=100 + len(text), links=tuple(links))
    return Document(id="d.wiki", path="d.wiki", title="t", format="wikitext", date=None,
                    sentences=(sentence,), line_starts=(0, 50, 100))


def test_link_target_picks_the_town(gazetteer):
    text = "ISIL held Anbar and other towns."
    linked = find_mentions(_doc(text, [Link("Anbar (town)", "Anbar", 10, 15)]), gazetteer)
    plain = find_mentions(_doc(text), gazetteer)
    assert linked[0].place.kind == "town" and plain[0].place.kind == "region"
    assert linked[0].start == 110 and linked[0].line == 3


def test_rows_and_review(gazetteer):
    text = "Soldiers went to Camp Qqqzzyx near Mosul."
    ms = find_mentions_in_text(text, gazetteer, "x.txt")
    rows = mention_rows(ms)
    assert all(tuple(r) == MENTION_COLUMNS for r in rows)
    unresolved = [m for m in ms if m.place is None]
    assert [m.text for m in unresolved] == ["Camp Qqqzzyx"]
    review = review_rows(ms, [])
    assert review[0]["name"] == "Camp Qqqzzyx" and review[0]["doc"] == "x.txt"


def test_seed_timeline_places_within_25_km(gazetteer):
    text = (settings.CORPUS_DIR / "000_5c273f305db20d6c.txt").read_text(encoding="utf-8")
    ms = find_mentions_in_text(text, gazetteer, "000")
    truth = {"Sinjar": (36.32, 41.88), "Wana": (36.55, 42.94), "Zumar": (36.64, 42.50),
             "Qaraqosh": (36.27, 43.38), "Makhmur": (35.78, 43.58), "Gweyr": (36.04, 43.49),
             "Mosul Dam": (36.63, 42.82), "Haditha Dam": (34.21, 42.36), "Tikrit": (34.60, 43.68),
             "Al-Qa'im": (34.37, 41.09), "Fallujah": (33.35, 43.78), "Kirkuk": (35.47, 44.39),
             "Ain al-Assad base": (33.79, 42.44), "Camp Taji": (33.52, 44.26), "Erbil": (36.19, 44.01),
             "Mosul": (36.34, 43.13), "Baghdad": (33.34, 44.40), "Baiji": (34.93, 43.49),
             "Balad Air Base": (33.94, 44.36), "Al-Taqaddum Air Base": (33.34, 43.60),
             "Karbala": (32.62, 44.02), "Abu Ghraib": (33.29, 44.07), "Ramadi": (33.42, 43.30)}
    found = {m.text: m for m in ms if m.place is not None}
    for name, (lat, lon) in truth.items():
        assert name in found, name
        p = found[name].place
        assert haversine_km(p.lat, p.lon, lat, lon) < 25, (name, p)


def test_cli_places_json_and_geocode(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Airstrikes hit targets near Kobani and Raqqa.", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "geo", "places", str(f), "--json"],
                         capture_output=True, text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["text"] for r in rows] == ["Kobani", "Raqqa"] and rows[0]["country"] == "SY"
    out = subprocess.run([sys.executable, "-m", "geo", "geocode", "Irbil", "--country", "IQ"],
                         capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0].split("\t")[1] == "Erbil"


class FakeOnline:
    """Stands in for geo.places.online.OnlineLookup: answers one name, fails on another."""

    def __init__(self):
        self.asked = []

    def lookup(self, name, country_codes=None):
        from geo.errors import GeocoderError
        from geo.model import Place
        self.asked.append((name, country_codes))
        if name == "Camp Qqqzzyx":
            return [Place("nominatim:1", "Camp Qqqzzyx", "camp", "IQ", 33.0, 44.0, "nominatim")]
        raise GeocoderError("service down")


def test_online_fills_only_unresolved_names(gazetteer):
    online = FakeOnline()
    text = "Soldiers went from Camp Qqqzzyx to Camp Zzqqxy near Mosul in Iraq."
    ms = find_mentions_in_text(text, gazetteer, "x.txt", online=online)
    by_text = {m.text: m for m in ms}
    assert by_text["Camp Qqqzzyx"].place.source == "nominatim"
    assert by_text["Camp Zzqqxy"].place is None  # the failing service loses nothing
    assert by_text["Mosul"].place.source == "geonames"
    assert [name for name, _ in online.asked] == ["Camp Qqqzzyx", "Camp Zzqqxy"]
    assert online.asked[0][1][0] == "IQ"
