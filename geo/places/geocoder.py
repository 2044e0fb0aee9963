"""An offline geocoder in geopy's family: the gazetteer behind geopy's Geocoder interface."""

from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from geo.model import Place
from geo.places.resolve import _prior, haversine_km


def _location(place: Place) -> Location:
    raw = {"id": place.place_id, "name": place.name, "kind": place.kind, "country": place.country,
           "population": place.population, "source": place.source, "lat": place.lat, "lon": place.lon}
    address = f"{place.name}, {place.country}" if place.country else place.name
    return Location(address, Point(place.lat, place.lon), raw)


class GazetteerGeocoder(Geocoder):
    """geocode()/reverse() answered from the local gazetteer: no network, no rate limit."""

    def __init__(self, gazetteer=None, user_places=None) -> None:
        super().__init__(scheme="https", timeout=1, proxies={}, user_agent="geo-offline")
        if gazetteer is None:
            from geo.places import load_gazetteer
            gazetteer = load_gazetteer(user_places)
        self.gazetteer = gazetteer

    def candidates(self, query: str, country_codes=None) -> list[Place]:
        """Places for a name, best first (user and curated entries, then countries, population)."""
        codes = {c.upper() for c in ([country_codes] if isinstance(country_codes, str) else country_codes or [])}
        found = self.gazetteer.lookup(query)
        if codes:
            found = [p for p in found if p.country in codes]
        return sorted(found, key=lambda p: -_prior(p))

    def geocode(self, query, *, exactly_one=True, country_codes=None, **kwargs):
        places = self.candidates(str(query), country_codes)
        if not places:
            return None
        return _location(places[0]) if exactly_one else [_location(p) for p in places]

    def reverse(self, query, *, exactly_one=True, radius_km: float = 50.0, **kwargs):
        """Nearest gazetteer places to a point (within `radius_km`), nearest first."""
        import numpy as np
        point = Point(query)
        a = self.gazetteer._a
        lat, lon = np.radians(np.asarray(a["lat"])), np.radians(np.asarray(a["lon"]))
        p1, l1 = np.radians(point.latitude), np.radians(point.longitude)
        h = np.sin((lat - p1) / 2) ** 2 + np.cos(p1) * np.cos(lat) * np.sin((lon - l1) / 2) ** 2
        dist = 6371.0 * 2 * np.arcsin(np.sqrt(np.minimum(1.0, h)))
        order = np.argsort(dist)[:10]
        places = [self.gazetteer.place(int(i)) for i in order if dist[i] <= radius_km]
        if not places:
            return None
        return _location(places[0]) if exactly_one else [_location(p) for p in places]


__all__ = ["GazetteerGeocoder", "haversine_km"]
