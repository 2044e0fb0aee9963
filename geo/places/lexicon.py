"""Word lists the recogniser uses, read once from data/ (stop words, demonyms, context words)."""

from __future__ import annotations

import csv
import functools
from collections import defaultdict

from geo import settings
from geo.places import fold


def _rows(name: str) -> list[dict[str, str]]:
    with open(settings.DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.lru_cache(maxsize=1)
def stopwords() -> dict[str, str]:
    """Canonical name -> 'never' (never a place) or 'context' (only with a place cue)."""
    return {fold.canonical(r["word"]): r["rule"] for r in _rows("place_stopwords.csv")}


@functools.lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Surface-folded demonym -> ISO country ('' when it names no single country)."""
    return {" ".join(fold.surface(r["demonym"]).split()): r["country"] for r in _rows("demonyms.csv")}


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return frozenset(fold.surface(r["name"]).strip() for r in _rows("given_names.csv"))


@functools.lru_cache(maxsize=1)
def context() -> dict[str, frozenset[str]]:
    """Role -> surface-folded words/phrases (ship prefixes keep their capitals)."""
    roles: dict[str, set[str]] = defaultdict(set)
    for r in _rows("place_context.csv"):
        word = r["word"] if r["role"] == "ship" else " ".join(fold.surface(r["word"]).split())
        roles[r["role"]].add(word)
    return {k: frozenset(v) for k, v in roles.items()}


@functools.lru_cache(maxsize=4096)
def generic_name(key: str) -> bool:
    """A name made only of direction and generic words ("West Coast", "Western", "Gulf"):
    a region of that name somewhere (NZ, Ghana) is not what a text means without context."""
    ctx = context()
    words = key.split()
    return bool(words) and all(w in ctx.get("direction", ()) or w in ctx.get("generic_region", ())
                               for w in words)


@functools.lru_cache(maxsize=1)
def local_features() -> frozenset[str]:
    """Words ending the names of streets and buildings ("Royal Street", "Manila Cathedral")."""
    return frozenset(" ".join(fold.surface(r["word"]).split()) for r in _rows("place_local_features.csv"))
