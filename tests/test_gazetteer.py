"""Gazetteer cache, lookups, user places and the geopy-style offline geocoder."""

from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geo.places import load_gazetteer
from geo.places.geocoder import GazetteerGeocoder
from geo.places.resolve import haversine_km


def test_lookup_and_get(gazetteer):
    mosul = gazetteer.lookup("Mosul")[0]
    assert mosul.country == "IQ" and mosul.kind == "city"
    assert gazetteer.get(mosul.place_id) == mosul
    assert gazetteer.lookup("no such place qqq") == []


def test_cache_is_reused(gazetteer):
    again = load_gazetteer()
    assert again.path == gazetteer.path and (gazetteer.path / "manifest.json").exists()


def test_icao_code_and_airbase(gazetteer):
    assert gazetteer.lookup("ORAA")[0].kind == "airbase"
    assert gazetteer.lookup("Ain al-Asad")[0].place_id == "icao:ORAA"


def test_user_places_take_precedence(tmp_path: Path):
    csv = tmp_path / "my.csv"
    csv.write_text("place_id,name,aliases,kind,country,lat,lon,source_note\n"
                   "mine:mosul,Mosul,Mawsil,city,IQ,36.0,43.0,my notes\n"
                   "bad row,,,,,notanumber,,\n", encoding="utf-8")
    gaz = load_gazetteer(csv)
    first = gaz.lookup("Mosul")[0]
    assert first.place_id == "mine:mosul" and first.source == "user"
    assert gaz.get("mine:mosul").lat == 36.0


def test_geocoder_is_a_geopy_geocoder(gazetteer):
    geocoder = GazetteerGeocoder(gazetteer)
    assert isinstance(geocoder, Geocoder)
    loc = geocoder.geocode("Irbil")
    assert isinstance(loc, Location)
    assert {"id", "kind", "country", "population", "source"} <= set(loc.raw)
    assert loc.raw["country"] == "IQ"
    assert geocoder.geocode("Sinjar", exactly_one=False, country_codes=["SY"])[0].raw["country"] == "SY"
    near = geocoder.reverse((36.34, 43.13), exactly_one=False)
    assert any(l.raw["name"] == "Mosul" for l in near)


def test_seed_air_bases_within_25_km(gazetteer):
    truth = {"Ahmad al-Jaber Air Base": (28.93, 47.79), "Ali Al Salem Air Base": (29.35, 47.52),
             "Isa Air Base": (25.92, 50.59), "Al Dhafra Air Base": (24.25, 54.55),
             "Shaheed Mwaffaq Air Base": (31.83, 36.78), "RAF Akrotiri": (34.59, 32.99),
             "Al Udeid Air Base": (25.12, 51.32), "Al Minhad Air Base": (25.03, 55.37),
             "Incirlik Air Base": (37.00, 35.43)}
    for name, (lat, lon) in truth.items():
        place = gazetteer.lookup(name)[0]
        assert haversine_km(place.lat, place.lon, lat, lon) < 25, name


def test_a_process_loads_the_gazetteer_once(tmp_path: Path):
    assert load_gazetteer() is load_gazetteer()
    assert load_gazetteer(reuse=False) is not load_gazetteer()
    csv = tmp_path / "my.csv"
    csv.write_text("place_id,name,aliases,kind,country,lat,lon,source_note\n"
                   "mine:x,Qqzzville,,town,IQ,36.0,43.0,note\n", encoding="utf-8")
    mine = load_gazetteer(csv)
    assert mine is load_gazetteer(csv) and mine is not load_gazetteer()
    csv.write_text("place_id,name,aliases,kind,country,lat,lon,source_note\n"
                   "mine:x,Qqzzville,,town,IQ,35.0,43.0,moved\n", encoding="utf-8")
    assert load_gazetteer(csv).lookup("Qqzzville")[0].lat == 35.0  # an edited file is read again
