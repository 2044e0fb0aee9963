"""A page's own subject as a place of that document: an article with coordinates of its own
({{coord}}, "Coordinates:", geo <meta>; read by geo/ingest/coords.py) makes its title a place
at that point, so "Tiyas Military Airbase", missing from GeoNames, still maps where its article
says it is. The entry lives only while that document is read (DocumentGazetteer) and comes
before the gazetteer's places of that name; an article about a place the gazetteer already has
at that point keeps the gazetteer's entry (its kind, country and population), first.
"""

from __future__ import annotations

import functools
import logging
import re

from geo.model import Document, Place
from geo.places import fold, lexicon
from geo.places.candidates import strip_features
from geo.places.features import LINK_KIND, PAREN_RE
from geo.places.gazetteer import _with_extra_names
from geo.places.locality import haversine_km

log = logging.getLogger(__name__)

SAME_PLACE_KM = 10.0     # a gazetteer place of the title's name this close is the subject itself
DEFAULT_KIND = "town"    # a title without a feature word ("Tiyas") or kind note ("(village)")
SOURCE = "document"


def subject_place(doc: Document, gazetteer) -> tuple[Place, tuple[str, ...]] | None:
    """The place the document is about, with the names it goes by, when the page gives its point
    and its title names a place (not an event: "Battle of Raqqa", "Siege of Kobani")."""
    if doc.point is None or not doc.title.strip():
        return None
    note = PAREN_RE.search(doc.title)
    name = " ".join(PAREN_RE.sub("", doc.title).split())
    if not name or _names_an_event(name):
        return None
    core, cue = strip_features(name)
    kinds = LINK_KIND.get(note.group(1).strip().lower(), ()) if note else ()
    kind = cue or (kinds[0] if kinds else "")
    lat, lon = doc.point
    names = tuple(dict.fromkeys((name, core)))
    for known in gazetteer.lookup(name) + (gazetteer.lookup(core) if core != name else []):
        if (haversine_km(lat, lon, known.lat, known.lon) <= SAME_PLACE_KM
                and (not kind or known.kind == kind or (kinds and known.kind in kinds))):
            return known, names
    place = Place(f"{SOURCE}:{doc.id}", name, kind or DEFAULT_KIND, _country_at(lat, lon),
                  lat, lon, SOURCE)
    return place, names


def _names_an_event(title: str) -> bool:
    words = set(fold.surface(title).split())
    return bool(words & lexicon.context().get("event_title", frozenset()))


@functools.lru_cache(maxsize=1)
def _country_shapes():
    """(code, bounds, prepared shape) per Natural Earth country; empty if the atlas is absent."""
    from shapely.prepared import prep

    from geo import naturalearth
    from geo.errors import AssetError
    try:
        shapes = naturalearth.countries()
    except AssetError as error:
        log.warning("no country for document coordinates: %s", error)
        return ()
    return tuple((code, shape.bounds, prep(shape)) for code, shape in shapes.items())


def _country_at(lat: float, lon: float) -> str:
    """ISO code of the country the point lies in ('' at sea or without the atlas)."""
    from shapely.geometry import Point
    point = Point(lon, lat)
    for code, (x0, y0, x1, y1), shape in _country_shapes():
        if x0 <= lon <= x1 and y0 <= lat <= y1 and shape.contains(point):
            return code
    return ""


class DocumentGazetteer:
    """The gazetteer seen by one document: its subject's names come first (the full title
    names nothing else), every other lookup is the shared gazetteer's."""

    def __init__(self, base, place: Place, names: tuple[str, ...]) -> None:
        self._base = base
        self._place = place
        self._whole = fold.canonical(names[0])
        self._keys = frozenset(fold.canonical(n) for n in names)
        self._pairs = [(place, names)]
        self._automaton = None

    def lookup(self, name: str) -> list[Place]:
        key = fold.canonical(name)
        if key == self._whole:
            return [self._place]
        found = self._base.lookup(name)
        if key in self._keys:
            found = [self._place] + [p for p in found if p.place_id != self._place.place_id]
        return found

    def automaton(self):
        if self._automaton is None:
            self._automaton = _with_extra_names(self._base.automaton(), self._pairs)
        return self._automaton

    def __getattr__(self, attribute: str):
        return getattr(self._base, attribute)


def document_gazetteer(doc: Document, gazetteer):
    """`gazetteer` with `doc`'s subject place in front when the page gives its point."""
    subject = subject_place(doc, gazetteer)
    return gazetteer if subject is None else DocumentGazetteer(gazetteer, *subject)
