"""Feature words around a name that say what kind of place it is ("X Air Base", "Camp X",
"X Dam", "X Governorate") and whether they belong to the name."""

from __future__ import annotations

import re

FEATURES_AFTER = {"air base": "airbase", "airbase": "airbase", "air field": "airbase",
                  "airfield": "airbase", "air station": "airbase", "base": "airbase",
                  "dam": "dam", "governorate": "region", "province": "region",
                  "district": "region", "region": "region", "mountains": "mountain",
                  "mountain": "mountain", "mountain range": "mountain", "airport": "airbase",
                  "international airport": "other", "air force base": "airbase",
                  "air reserve base": "airbase", "afb": "airbase", "river": "other",
                  # "the Aleppo and Raqqa governorates": the plural is each listed name's kind
                  "governorates": "region", "provinces": "region", "districts": "region"}
FEATURES_BEFORE = {"camp": "camp", "mount": "mountain", "mt": "mountain",
                   "naval air station": "airbase", "wadi": "other", "jebel": "mountain",
                   "jabal": "mountain"}
# after the last name of a list, the kind of each name in it ("the Idlib and Hama governorates")
PLURAL_FEATURES = ("governorates", "provinces", "districts")
# part of the name when written after it (extend the span: "Haditha Dam", "Anbar Province")
EXTEND_AFTER = {"air base", "airbase", "air field", "airfield", "dam", "governorate",
                "province", "mountains", "district"}
# written in lower case, still a cue for the kind ("in Hasakah province", "the Mosul dam")
LOWER_CUE = frozenset({"province", "governorate", "dam", "air base", "airbase", "airfield",
                       "mountains", "mountain", "district", "river", "governorates", "provinces",
                       "districts"})
# the words a feature phrase starts or ends with: cheap first tests before the phrase lookup
FEATURE_FIRST = frozenset(k.split()[0] for k in FEATURES_AFTER)
FEATURE_LAST = frozenset(k.split()[-1] for k in FEATURES_BEFORE)

SETTLEMENT = ("city", "town", "village")
# entries someone vouches for: curated rows (with a cited source), the user's --places file and
# the point a document gives for its own subject (docplace.py); they outrank a namesake
OWN_SOURCES = ("curated", "user", "document")
# what a link's qualifier says the place is: "Anbar (town)", "Nineveh (governorate)"
LINK_KIND = {"town": SETTLEMENT, "city": SETTLEMENT, "village": SETTLEMENT,
             "governorate": ("region",), "province": ("region",), "district": ("region",),
             "region": ("region",), "mountain": ("mountain",), "mountains": ("mountain",),
             "dam": ("dam",), "air base": ("airbase",), "country": ("country",)}
PAREN_RE = re.compile(r"\s*\(([^)]*)\)\s*$")
