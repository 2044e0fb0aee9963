"""Places: offline gazetteer, geopy-style geocoders, toponym recognition and resolution."""

from __future__ import annotations

from geo.places.gazetteer import Gazetteer, load_gazetteer
from geo.places.mentions import find_mentions, find_mentions_in_text, resolve_spans
from geo.places.output import MENTION_COLUMNS, mention_rows, places_features, pointable, review_rows

__all__ = ["Gazetteer", "load_gazetteer", "find_mentions", "find_mentions_in_text", "resolve_spans",
           "mention_rows", "places_features", "pointable", "review_rows", "MENTION_COLUMNS"]
