"""`geo places --online` against a self-hosted Nominatim (--geocoder-url, $GEO_GEOCODER_URL):
the command line, not only the API, on the local fake server; unusable answers are skipped with
a warning and the other files' output is kept; a damaged answer cache is replaced."""

from __future__ import annotations

import csv
import io
import logging
import sqlite3
from types import SimpleNamespace

import pytest

from geo.cli import main
from geo.places import online as online_module
from geo.places.geocache import GeocodeCache
from geo.places.online import nominatim_at
from nominatim_server import FakeNominatim, nominatim_result, running_server

GOOD = nominatim_result("Camp Alphaqq", 33.3, 44.1, "military", "barracks", "iq", 2001)


def _with_lat(name: str, lat: str, osm_id: int) -> dict:
    hit = nominatim_result(name, 33.0, 44.0, "place", "village", "iq", osm_id)
    hit["lat"] = lat
    return hit


ANSWERS = {
    "Camp Alphaqq": [GOOD],
    "Camp Betaqq": [_with_lat("Camp Betaqq", "abc", 2002)],
    "Camp Gammaqq": [_with_lat("Camp Gammaqq", "NaN", 2003)],
    "Camp Deltaqq": [_with_lat("Camp Deltaqq", "95", 2004),
                     nominatim_result("Camp Deltaqq", 34.0, 43.0, "place", "village", "iq", 2005)],
}


@pytest.fixture
def server():
    with running_server(FakeNominatim(answers={k: list(v) for k, v in ANSWERS.items()})) as state:
        yield state


@pytest.fixture
def docs(tmp_path, monkeypatch):
    # answers go to a cache of the test's own (the gazetteer cache stays where it is)
    monkeypatch.setattr(online_module, "settings", SimpleNamespace(CACHE_DIR=tmp_path / "cache"))
    bad = tmp_path / "a_bad_answers.txt"
    bad.write_text("In Iraq, troops moved from Camp Betaqq to Camp Gammaqq and Camp Deltaqq.\n",
                   encoding="utf-8")
    good = tmp_path / "b_good.txt"
    good.write_text("In Iraq, advisers reached Camp Alphaqq near Baghdad.\n", encoding="utf-8")
    return [str(bad), str(good)]


def _rows(out: str) -> dict[str, dict]:
    return {r["text"]: r for r in csv.DictReader(io.StringIO(out))}


def test_cli_geocoder_url_skips_unusable_answers_and_keeps_every_file(server, docs, capsys, caplog):
    url = f"http://127.0.0.1:{server.port}"
    with caplog.at_level(logging.WARNING):
        code = main(["places", *docs, "--geocoder-url", url])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err
    rows = _rows(out)
    assert rows["Camp Alphaqq"]["source"] == "nominatim" and rows["Camp Alphaqq"]["lat"] == "33.3"
    assert rows["Camp Betaqq"]["place_id"] == "" and rows["Camp Gammaqq"]["place_id"] == ""
    assert rows["Camp Deltaqq"]["lat"] == "34.0"          # the good hit beside the bad one stays
    assert rows["Baghdad"]["source"] != "nominatim"       # the gazetteer still answers first
    assert caplog.text.count("unusable coordinates") == 3
    assert {r.q for r in server.requests} == set(ANSWERS)


def test_cli_geocoder_url_from_the_environment(server, docs, capsys, monkeypatch):
    monkeypatch.setenv("GEO_GEOCODER_URL", f"http://127.0.0.1:{server.port}/search")
    assert main(["places", docs[1], "--online"]) == 0
    assert _rows(capsys.readouterr().out)["Camp Alphaqq"]["source"] == "nominatim"
    assert server.asked("Camp Alphaqq") == 1


@pytest.mark.parametrize("url", ["ftp://example.org", "nominatim.local", "http://", "http://x/?q=1"])
def test_a_bad_geocoder_url_is_one_line(url, docs, capsys):
    assert main(["places", docs[1], "--geocoder-url", url]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"geo: error: geocoder URL {url!r} is not an http(s) address such as https://nominatim.example.org"


def test_geocoder_url_with_a_path_prefix():
    geocoder = nominatim_at("https://maps.example.org/nominatim/")
    assert (geocoder.scheme, geocoder.domain) == ("https", "maps.example.org/nominatim")
    assert geocoder.api == "https://maps.example.org/nominatim/search"


def _filled_cache(path) -> None:
    cache = GeocodeCache(path)
    for i in range(400):
        cache.put("nominatim", f"Place number {i}", ["iq"], [{"lat": 33.0, "lon": 44.0, "n": "x" * 50}])
    cache.close()


@pytest.mark.parametrize("damage", ["garbled", "truncated", "not a database"])
def test_a_damaged_geocode_cache_is_replaced(tmp_path, caplog, damage):
    path = tmp_path / "geocode-cache.sqlite"
    _filled_cache(path)
    data = bytearray(path.read_bytes())
    if damage == "garbled":
        data[4096:len(data) - 4096] = b"\xa5" * (len(data) - 8192)
    elif damage == "truncated":
        data = data[: len(data) // 3 + 17]
    else:
        data = bytearray(b"this is no database" * 100)
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING):
        cache = GeocodeCache(path)
        assert cache.get("nominatim", "Place number 1", ["iq"]) is None
        cache.put("nominatim", "Mosul", None, [])
        assert cache.get("nominatim", "mosul") == [] and len(cache) == 1
        cache.close()
    assert "is damaged" in caplog.text and (tmp_path / "geocode-cache.sqlite.damaged").exists()


def test_a_locked_geocode_cache_is_not_thrown_away(tmp_path):
    path = tmp_path / "geocode-cache.sqlite"
    _filled_cache(path)
    cache = GeocodeCache(path)
    with pytest.raises(sqlite3.OperationalError):
        cache._replace_damaged(sqlite3.OperationalError("database is locked"))
    assert path.exists() and not (tmp_path / "geocode-cache.sqlite.damaged").exists()
    cache.close()
