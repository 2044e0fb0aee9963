"""The online geocoder chain: geopy's real Nominatim against a fake Nominatim on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from geo.errors import GeocoderError
from geo.places.geocache import GeocodeCache
from geo.places.online import DEFAULT_USER_AGENT, OnlineLookup, make_nominatim, place_from_result
from nominatim_server import FakeNominatim, nominatim_result, running_server

REPO = Path(__file__).resolve().parent.parent

ANSWERS = {
    "Mosul": [nominatim_result("Mosul", 36.34, 43.13, "place", "city", "iq", 1001,
                               state="Nineveh Governorate")],
    "Al Asad Airbase": [nominatim_result("Al Asad Airbase", 33.79, 42.44, "aeroway",
                                         "aerodrome", "iq", 1002)],
    "Sinjar": [nominatim_result("Sinjar", 36.32, 41.87, "place", "town", "iq", 1003),
               nominatim_result("Sinjar", 35.95, 36.99, "place", "village", "sy", 1004)],
    "Iraq": [nominatim_result("Iraq", 33.1, 44.2, "boundary", "administrative", "iq", 1005,
                              addresstype="country", place_rank=4)],
    "Anbar": [nominatim_result("Anbar Governorate", 33.0, 42.0, "boundary", "administrative",
                               "iq", 1006, addresstype="state", place_rank=8)],
    "Mount Sinjar": [nominatim_result("Mount Sinjar", 36.37, 41.72, "natural", "peak", "iq", 1007)],
    "Mosul Dam": [nominatim_result("Mosul Dam", 36.63, 42.82, "waterway", "dam", "iq", 1008)],
    "Souk": [nominatim_result("Souk", 36.0, 43.0, "amenity", "marketplace", "iq", 1009)],
}


@pytest.fixture
def server():
    with running_server(FakeNominatim(answers={k: list(v) for k, v in ANSWERS.items()})) as state:
        yield state


def make_lookup(server: FakeNominatim, cache: Path, *, timeout: float = 2.0,
                min_delay: float = 0.0, max_retries: int = 4) -> OnlineLookup:
    """geopy's real Nominatim pointed at the fake server, with fast delays for tests."""
    geocoder = make_nominatim(timeout=timeout, domain=f"127.0.0.1:{server.port}", scheme="http")
    return OnlineLookup(geocoder, cache_path=cache, min_delay_seconds=min_delay,
                        max_retries=max_retries, backoff_seconds=0.05)


def test_normal_answer_becomes_places(server, tmp_path):
    with make_lookup(server, tmp_path / "c.sqlite") as look:
        [mosul] = look.lookup("Mosul")
    assert (mosul.place_id, mosul.name, mosul.kind, mosul.country, mosul.source) == (
        "nominatim:N1001", "Mosul", "city", "IQ", "nominatim")
    assert (mosul.lat, mosul.lon, mosul.admin1) == (36.34, 43.13, "Nineveh Governorate")
    [request] = server.requests
    assert request.params["format"] == "json" and request.params["addressdetails"] == "1"
    assert request.user_agent == DEFAULT_USER_AGENT


@pytest.mark.parametrize("name, kind", [
    ("Al Asad Airbase", "airbase"), ("Sinjar", "town"), ("Iraq", "country"),
    ("Anbar", "region"), ("Mount Sinjar", "mountain"), ("Mosul Dam", "dam"), ("Souk", "other"),
])
def test_kinds_from_nominatim_class_and_type(name, kind):
    place = place_from_result({"raw": ANSWERS[name][0], "lat": 1.0, "lon": 2.0}, "nominatim")
    assert place.kind == kind


def test_country_codes_are_sent_and_kept_apart_in_the_cache(server, tmp_path):
    with make_lookup(server, tmp_path / "c.sqlite") as look:
        assert [p.country for p in look.lookup("Sinjar")] == ["IQ", "SY"]
        assert [p.country for p in look.lookup("Sinjar", ["SY"])] == ["SY"]
        assert [p.country for p in look.lookup("sinjar", ["sy"])] == ["SY"]  # cached
    assert [r.params.get("countrycodes") for r in server.requests] == [None, "sy"]


def test_empty_answer_is_cached_as_negative(server, tmp_path):
    with make_lookup(server, tmp_path / "c.sqlite") as look:
        assert look.lookup("Nowhere Village") == []
        assert look.is_cached("Nowhere Village")
        assert look.lookup("nowhere   village") == []
    assert server.asked("Nowhere Village") == 1


def test_cache_hit_makes_no_request_even_in_a_new_run(server, tmp_path):
    cache = tmp_path / "c.sqlite"
    with make_lookup(server, cache) as look:
        first = look.lookup("Mosul")
    with make_lookup(server, cache) as look:
        assert look.lookup(" MOSUL ") == first
        assert look.requests_made == 0
    assert len(server.requests) == 1


def test_slow_answer_times_out_once_then_retry_succeeds(server, tmp_path):
    server.scripts["Mosul"] = ["slow"]
    server.slow_seconds = 1.0
    with make_lookup(server, tmp_path / "c.sqlite", timeout=0.3) as look:
        assert [p.name for p in look.lookup("Mosul")] == ["Mosul"]
    assert server.asked("Mosul") == 2


def test_429_honours_retry_after_then_succeeds(server, tmp_path):
    server.scripts["Mosul"] = ["429:1"]
    with make_lookup(server, tmp_path / "c.sqlite") as look:
        assert [p.name for p in look.lookup("Mosul")] == ["Mosul"]
    first, second = server.times()
    assert second - first >= 0.95  # waited for Retry-After: 1, not the 0.05 s backoff


@pytest.mark.parametrize("status", ["429", "500", "503"])
def test_transient_errors_are_retried(server, tmp_path, status):
    server.scripts["Mosul Dam"] = [status, status]
    with make_lookup(server, tmp_path / "c.sqlite") as look:
        assert [p.kind for p in look.lookup("Mosul Dam")] == ["dam"]
    assert server.asked("Mosul Dam") == 3


def test_persistent_500_gives_up_with_one_line_error_and_caches_nothing(server, tmp_path):
    server.scripts["Mosul"] = ["500"] * 10
    with make_lookup(server, tmp_path / "c.sqlite", max_retries=2) as look:
        with pytest.raises(GeocoderError) as caught:
            look.lookup("Mosul")
        assert "\n" not in str(caught.value) and "after 3 tries" in str(caught.value)
        assert not look.is_cached("Mosul")
        # The failure is not remembered: once the service is back, the name is asked again.
        server.scripts["Mosul"] = []
        assert [p.name for p in look.lookup("Mosul")] == ["Mosul"]
    assert server.asked("Mosul") == 4


def test_unreachable_service_is_a_geocoder_error(tmp_path):
    with running_server() as gone:
        port = gone.port
    geocoder = make_nominatim(timeout=0.5, domain=f"127.0.0.1:{port}", scheme="http")
    with OnlineLookup(geocoder, cache_path=tmp_path / "c.sqlite", min_delay_seconds=0,
                      max_retries=1, backoff_seconds=0.01) as look:
        with pytest.raises(GeocoderError, match="after 2 tries"):
            look.lookup("Mosul")


def test_requests_are_spaced_by_min_delay(server, tmp_path):
    names = ["Mosul", "Sinjar", "Iraq", "Anbar", "Nowhere"]
    server.scripts["Iraq"] = ["500"]  # a retry must respect the spacing too
    sent: list[float] = []
    with make_lookup(server, tmp_path / "c.sqlite", min_delay=0.2) as look:
        # Time each request as the client sends it: arrival times at the server also carry the
        # scheduler's delays on a loaded machine, which made this test flaky.
        send = look.geocoder._call_geocoder
        look.geocoder._call_geocoder = lambda *a, **k: (sent.append(time.monotonic()), send(*a, **k))[1]
        for name in names:
            look.lookup(name)
    assert len(server.times()) == len(sent) == len(names) + 1
    gaps = [b - a for a, b in zip(sent, sent[1:])]
    assert min(gaps) >= 0.2 * 0.95, gaps


def test_nothing_happens_before_the_first_lookup(tmp_path):
    look = OnlineLookup(cache_path=tmp_path / "never.sqlite")
    assert look.geocoder.domain == "nominatim.openstreetmap.org"
    assert look.geocoder.headers["User-Agent"] == DEFAULT_USER_AGENT
    assert look.source == "nominatim" and look.requests_made == 0
    assert not (tmp_path / "never.sqlite").exists()


CHILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from geo.places.online import OnlineLookup, make_nominatim
    port, cache, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    geocoder = make_nominatim(timeout=30, domain=f"127.0.0.1:{port}", scheme="http")
    look = OnlineLookup(geocoder, cache_path=Path(cache), min_delay_seconds=0.05)
    for name in names:
        look.lookup(name)
        print("answered", name, flush=True)
""")


def test_cache_survives_sigkill_mid_run(server, tmp_path):
    cache = tmp_path / "c.sqlite"
    names = ["Mosul", "Nowhere", "Iraq", "Anbar", "Mosul Dam", "Souk", "Mount Sinjar"]
    done_before_kill = names[:4]              # includes a negative answer ("Nowhere")
    server.scripts["Mosul Dam"] = ["slow"]    # the child will be mid-request when killed
    server.slow_seconds = 5.0
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(server.port), str(cache), *names],
                             stdout=subprocess.PIPE, text=True, cwd=REPO)
    try:
        answered = [child.stdout.readline().split(" ", 1)[1].strip() for _ in done_before_kill]
        deadline = time.monotonic() + 10
        while server.asked("Mosul Dam") == 0 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=10)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert answered == done_before_kill and server.asked("Mosul Dam") == 1

    # Answers received before the kill are on disk, in a fresh connection.
    saved = GeocodeCache(cache)
    service = f"nominatim@127.0.0.1:{server.port}"
    assert len(saved) == 4 and saved.get(service, "Nowhere") == []
    assert [r["raw"]["osm_id"] for r in saved.get(service, "Mosul")] == [1001]
    assert saved.get(service, "Mosul Dam") is None
    saved.close()

    # The next run asks only what was left.
    before = len(server.requests)
    with make_lookup(server, cache) as look:
        places = {name: look.lookup(name) for name in names}
    assert [r.q for r in server.requests[before:]] == names[4:]
    assert places["Nowhere"] == [] and places["Mosul"][0].place_id == "nominatim:N1001"
