"""An optional chain to a geopy web geocoder (Nominatim by default) for names the gazetteer lacks.

Off unless the user asks (`--online`): nothing here touches the network at import or at
construction. Every request goes through geopy's RateLimiter at the service's policy, is
retried with exponential backoff on 429/5xx/timeouts (honouring Retry-After), and every
answer, negative ones included, is committed to an on-disk cache before it is returned, so
no name is asked twice, even across a crash.
"""

from __future__ import annotations

import csv
import functools
import inspect
import logging
import math
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geopy.adapters import RequestsAdapter
from geopy.exc import (
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder

from geo import settings
from geo.errors import GeocoderError, GeoError
from geo.model import Place
from geo.places.geocache import GeocodeCache

DEFAULT_USER_AGENT = "geo-atlas/0.1 (+offline-first war mapping tool)"
NOMINATIM_DOMAIN = "nominatim.openstreetmap.org"
GEOCODER_URL_ENV = "GEO_GEOCODER_URL"   # a self-hosted Nominatim, e.g. http://nominatim.local:8080
KINDS_CSV = settings.DATA_DIR / "nominatim_kinds.csv"

log = logging.getLogger(__name__)

__all__ = ["OnlineLookup", "make_nominatim", "nominatim_at", "place_from_result", "usable_coordinates",
           "DEFAULT_USER_AGENT", "GEOCODER_URL_ENV"]


def usable_coordinates(lat: Any, lon: Any) -> bool:
    """True for finite numbers (or numeric text) in WGS84 range; a service can answer anything."""
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        return False
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


class CheckedNominatim(Nominatim):
    """geopy's Nominatim, except that a hit with unusable coordinates (lat "abc", NaN, 95) is
    dropped with a warning; geopy would fail the whole answer, and with it the run."""

    source_name = "nominatim"   # what places and cache keys call it, as before this subclass

    def _parse_json(self, places, exactly_one):
        if isinstance(places, list):
            good = [p for p in places if not isinstance(p, dict)
                    or usable_coordinates(p.get("lat"), p.get("lon"))]
            for bad in (p for p in places if p not in good):
                log.warning("%s: skipped an answer with unusable coordinates (lat %r, lon %r) for %r",
                            self.domain, bad.get("lat"), bad.get("lon"), bad.get("display_name", ""))
            places = good
        return super()._parse_json(places, exactly_one)


def make_nominatim(user_agent: str = DEFAULT_USER_AGENT, timeout: float = 10,
                   domain: str = NOMINATIM_DOMAIN, scheme: str = "https") -> Nominatim:
    """geopy's Nominatim with transport-level retries off, so every retry is ours (rate-limited)."""
    return CheckedNominatim(user_agent=user_agent, timeout=timeout, domain=domain, scheme=scheme,
                            adapter_factory=functools.partial(RequestsAdapter, max_retries=0))


def nominatim_at(url: str | None = None, **kwargs: Any) -> Nominatim:
    """Nominatim at `url` (default: $GEO_GEOCODER_URL, else the public service); the URL is the
    service's base, with or without a path prefix and a trailing /search."""
    from urllib.parse import urlsplit

    url = url or os.environ.get(GEOCODER_URL_ENV) or ""
    if not url.strip():
        return make_nominatim(**kwargs)
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise GeoError(f"geocoder URL {url!r} is not an http(s) address such as "
                       "https://nominatim.example.org")
    path = parts.path.rstrip("/")
    path = path[: -len("/search")] if path.endswith("/search") else path
    return make_nominatim(domain=parts.netloc + path, scheme=parts.scheme, **kwargs)


@functools.lru_cache(maxsize=1)
def _kind_table() -> dict[tuple[str, str], str]:
    """(OSM class, OSM type) -> Place.kind, read from data/nominatim_kinds.csv."""
    with open(KINDS_CSV, newline="", encoding="utf-8") as handle:
        return {(row["class"], row["type"]): row["kind"] for row in csv.DictReader(handle)}


def _kind(raw: dict[str, Any]) -> str:
    """Map Nominatim's class/type (json: "class", jsonv2: "category") to a Place kind."""
    osm_class = str(raw.get("class") or raw.get("category") or "")
    osm_type = str(raw.get("type") or "")
    kind = _kind_table().get((osm_class, osm_type), "other")
    if osm_class == "boundary" and osm_type == "administrative":
        # Countries are admin_level 2, which Nominatim ranks 4.
        if raw.get("addresstype") == "country" or str(raw.get("place_rank")) == "4":
            kind = "country"
    return kind


def _int(value: Any) -> int:
    try:
        return int(str(value).replace(",", "").split(".")[0])
    except (TypeError, ValueError):
        return 0


def place_from_result(result: dict[str, Any], source: str) -> Place:
    """One cached result ({"raw", "lat", "lon", "address"}) as a Place."""
    raw = result.get("raw") or {}
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    lat, lon = float(result["lat"]), float(result["lon"])
    if raw.get("osm_type") and raw.get("osm_id") is not None:
        place_id = f"{source}:{str(raw['osm_type'])[:1].upper()}{raw['osm_id']}"
    elif raw.get("place_id") is not None:
        place_id = f"{source}:{raw['place_id']}"
    else:
        place_id = f"{source}:{lat:.5f},{lon:.5f}"
    display = str(result.get("address") or raw.get("display_name") or "")
    name = str(raw.get("name") or display.split(",")[0]).strip()
    extratags = raw.get("extratags") if isinstance(raw.get("extratags"), dict) else {}
    return Place(
        place_id=place_id,
        name=name,
        kind=_kind(raw),
        country=str(address.get("country_code") or "").upper(),
        lat=lat,
        lon=lon,
        source=source,
        population=_int(extratags.get("population")),
        admin1=str(address.get("state") or address.get("province") or ""),
    )


def _retryable(error: GeopyError) -> bool:
    """429, 5xx, timeouts and unreachable hosts may pass; bad queries and auth never do."""
    if isinstance(error, (GeocoderRateLimited, GeocoderUnavailable, GeocoderTimedOut)):
        return True
    # Plain GeocoderServiceError is what geopy raises for 500, 502 and unknown statuses;
    # its subclasses (query error, auth, quota, parse error) are permanent.
    return type(error) is GeocoderServiceError


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text[:200]}" if text else type(error).__name__


class OnlineLookup:
    """Look names up in a geopy web geocoder, politely and at most once per (name, countries).

    `lookup()` returns Places best first ([] when the service knows nothing) and raises
    geo.errors.GeocoderError when the service keeps failing; callers then keep the name
    unresolved. Not thread-safe beyond what RateLimiter and sqlite give; use one per run.
    """

    def __init__(
        self,
        geocoder: Geocoder | None = None,
        cache_path: Path | None = None,
        user_agent: str = DEFAULT_USER_AGENT,
        min_delay_seconds: float = 1.0,
        timeout: float = 10,
        max_retries: int = 4,
        *,
        backoff_seconds: float = 2.0,
        max_backoff_seconds: float = 60.0,
        limit: int = 5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_retries < 0 or min_delay_seconds < 0:
            raise ValueError("max_retries and min_delay_seconds must be >= 0")
        # Default: the Nominatim that $GEO_GEOCODER_URL names, else the public one.
        self.geocoder = (geocoder if geocoder is not None
                         else nominatim_at(user_agent=user_agent, timeout=timeout))
        self.source = getattr(self.geocoder, "source_name", None) or type(self.geocoder).__name__.lower()
        # Answers from a private instance must not pass for the public service's.
        domain = getattr(self.geocoder, "domain", "")
        self.service = f"{self.source}@{domain}" if domain else self.source
        default_cache = settings.CACHE_DIR / "geocode-cache.sqlite"
        self.cache_path = Path(cache_path) if cache_path else default_cache
        self.min_delay_seconds = min_delay_seconds
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.max_backoff_seconds = max_backoff_seconds
        self.limit = limit
        self._sleep = sleep
        self._cache: GeocodeCache | None = None  # opened on first use, not at construction
        # RateLimiter only spaces requests; retries are ours so backoff and Retry-After apply.
        self._geocode = RateLimiter(self.geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=0, error_wait_seconds=min_delay_seconds,
                                    swallow_exceptions=False)
        self.requests_made = 0  # HTTP attempts this instance made (cache hits excluded)

    @property
    def cache(self) -> GeocodeCache:
        if self._cache is None:
            self._cache = GeocodeCache(self.cache_path)
        return self._cache

    def lookup(self, name: str, country_codes: list[str] | None = None) -> list[Place]:
        """Places the service finds for `name` (optionally within ISO country codes), best first."""
        if not name.strip():
            return []
        results = self.cache.get(self.service, name, country_codes)
        if results is None:
            results = self._ask(name, country_codes)
            self.cache.put(self.service, name, country_codes, results)
        places: dict[str, Place] = {}
        for result in results:
            if not usable_coordinates(result.get("lat"), result.get("lon")):
                log.warning("%s: skipped an answer for %r with unusable coordinates", self.source, name)
                continue
            place = place_from_result(result, self.source)
            places.setdefault(place.place_id, place)
        return list(places.values())

    def is_cached(self, name: str, country_codes: list[str] | None = None) -> bool:
        """True when `name` has an answer (even an empty one) on disk."""
        return self.cache.get(self.service, name, country_codes) is not None

    def _geocode_kwargs(self, country_codes: list[str] | None) -> dict[str, Any]:
        """Only the keyword arguments this geocoder's geocode() accepts."""
        accepted = inspect.signature(self.geocoder.geocode).parameters
        kwargs: dict[str, Any] = {"exactly_one": False}
        if "addressdetails" in accepted:
            kwargs["addressdetails"] = True
        if "limit" in accepted:
            kwargs["limit"] = self.limit
        if country_codes and "country_codes" in accepted:
            kwargs["country_codes"] = [c.lower() for c in country_codes]
        return kwargs

    def _ask(self, name: str, country_codes: list[str] | None) -> list[dict[str, Any]]:
        """One answer from the service, with backoff on transient failures."""
        kwargs = self._geocode_kwargs(country_codes)
        for attempt in range(self.max_retries + 1):
            self.requests_made += 1
            try:
                found = self._geocode(name, **kwargs)
            except (ValueError, TypeError) as error:   # another geocoder's parser choked on its answer
                raise GeocoderError(f"{self.source}: unreadable answer for {name!r}: "
                                    f"{_one_line(error)}") from error
            except GeopyError as error:
                if not _retryable(error):
                    raise GeocoderError(
                        f"{self.source}: {name!r} refused: {_one_line(error)}") from error
                if attempt == self.max_retries:
                    raise GeocoderError(f"{self.source}: no answer for {name!r} after "
                                        f"{attempt + 1} tries: {_one_line(error)}") from error
                delay = min(self.backoff_seconds * 2 ** attempt, self.max_backoff_seconds)
                retry_after = getattr(error, "retry_after", None)
                if retry_after is not None:
                    if retry_after > self.max_backoff_seconds:
                        raise GeocoderError(f"{self.source}: asks to wait {retry_after:.0f} s "
                                            f"before {name!r}; giving up") from error
                    delay = max(delay, float(retry_after))
                self._sleep(delay)
                continue
            return [{"raw": loc.raw, "lat": loc.latitude, "lon": loc.longitude,
                     "address": loc.address} for loc in (found or [])]
        raise AssertionError("unreachable")  # the loop returns or raises

    def close(self) -> None:
        """Close the cache (answers are already on disk)."""
        if self._cache is not None:
            self._cache.close()
            self._cache = None

    def __enter__(self) -> OnlineLookup:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
