"""Paths and settings in one place (osmnx-style): every module reads them from here."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
CORPUS_DIR = DATA_DIR / "corpus"
MANIFEST = CORPUS_DIR / "manifest.csv"
MAPS_DIR = REPO_ROOT / "maps"
NODE_MODULES = Path(os.environ.get("GEO_NODE_MODULES", REPO_ROOT / "node_modules"))


def cache_dir() -> Path:
    """Where caches go: GEO_CACHE_DIR, else the user's platform cache folder (~/.cache/geo on
    Linux), never beside the package (a wheel's site-packages may be shared or read-only).
    Read at each use, so a test or a caller can point it elsewhere after import."""
    chosen = os.environ.get("GEO_CACHE_DIR", "").strip()
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs
    return Path(platformdirs.user_cache_dir("geo", appauthor=False))


def __getattr__(name: str):
    # settings.CACHE_DIR stays an attribute (PEP 562), computed when read
    if name == "CACHE_DIR":
        return cache_dir()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
