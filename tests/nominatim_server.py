"""A tiny fake Nominatim on 127.0.0.1 for tests: answers /search in Nominatim's JSON format.

Each query can be given a script of actions consumed one per request ("ok", "empty",
"slow", "429", "429:SECONDS" with Retry-After, "500", "503"); when the script runs out the
query gets its canned answer (or [] when it has none). Every request is recorded with its
arrival time so tests can check spacing and that cached names are never asked again.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


def nominatim_result(name: str, lat: float, lon: float, osm_class: str, osm_type: str,
                     country_code: str, osm_id: int, *, state: str = "",
                     addresstype: str = "", place_rank: int = 16) -> dict[str, Any]:
    """One search hit shaped like Nominatim's format=json&addressdetails=1 output."""
    address = {"country_code": country_code.lower()}
    if state:
        address["state"] = state
    return {
        "place_id": osm_id * 10 + 1,
        "licence": "Data (c) OpenStreetMap contributors, ODbL 1.0",
        "osm_type": "relation" if osm_class == "boundary" else "node",
        "osm_id": osm_id,
        "lat": str(lat),
        "lon": str(lon),
        "class": osm_class,
        "type": osm_type,
        "place_rank": place_rank,
        "importance": 0.5,
        "addresstype": addresstype or osm_type,
        "name": name,
        "display_name": ", ".join(p for p in (name, state, country_code.upper()) if p),
        "address": address,
        "boundingbox": [str(lat - 0.1), str(lat + 0.1), str(lon - 0.1), str(lon + 0.1)],
    }


@dataclass
class Request:
    at: float                 # time.monotonic() on arrival
    q: str
    params: dict[str, str]
    user_agent: str


@dataclass
class FakeNominatim:
    """State shared with the handler; tests edit `answers` and `scripts` directly."""

    answers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    scripts: dict[str, list[str]] = field(default_factory=dict)
    slow_seconds: float = 1.0
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    def asked(self, q: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.q == q)

    def times(self) -> list[float]:
        with self.lock:
            return [r.at for r in self.requests]


def _handler(state: FakeNominatim) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            arrived = time.monotonic()
            url = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            q = params.get("q", "")
            with state.lock:
                state.requests.append(Request(arrived, q, params,
                                              self.headers.get("User-Agent", "")))
                script = state.scripts.get(q)
                action = script.pop(0) if script else "ok"
            if url.path != "/search":
                return self._send(404, {"error": "not found"})
            if action == "slow":
                time.sleep(state.slow_seconds)
                action = "ok"
            if action.startswith("429"):
                seconds = action.partition(":")[2]
                return self._send(429, {"error": "Too Many Requests"},
                                  {"Retry-After": seconds} if seconds else {})
            if action in ("500", "503"):
                return self._send(int(action), {"error": "server error"})
            hits = [] if action == "empty" else state.answers.get(q, [])
            wanted = params.get("countrycodes")
            if wanted:
                codes = wanted.lower().split(",")
                hits = [h for h in hits if h["address"]["country_code"] in codes]
            self._send(200, hits[: int(params.get("limit", 10))])

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client timed out and left; that is the point of "slow"

    return Handler


class running_server:  # noqa: N801 (used as a context manager)
    """Start a FakeNominatim on a free 127.0.0.1 port in a thread; stop it on exit."""

    def __init__(self, state: FakeNominatim | None = None) -> None:
        self.state = state or FakeNominatim()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.state))
        self.server.daemon_threads = True
        self.state.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> FakeNominatim:
        self.thread.start()
        return self.state

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
