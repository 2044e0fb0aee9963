"""Paths and settings in one place (osmnx-style): every module reads them from here."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
# data/ sits at the top of a checkout; a wheel carries it inside the package as geo/data
# (setup.py maps the one onto the other), so both layouts find the same files.
IN_CHECKOUT = (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "data").is_dir()
DATA_DIR = REPO_ROOT / "data" if IN_CHECKOUT else PACKAGE_DIR / "data"
CORPUS_DIR = DATA_DIR / "corpus"
MANIFEST = CORPUS_DIR / "manifest.csv"
# Outputs: the checkout's maps/ (as the README says), else maps/ in the current folder, never
# inside an installed package.
MAPS_DIR = REPO_ROOT / "maps" if IN_CHECKOUT else Path("maps")
# The pinned npm files: GEO_NODE_MODULES, else a checkout's node_modules (`npm ci`), else the
# copy a wheel carries as geo/npm (setup.py, geo/npmbundle.py).
BUNDLED_NODE_MODULES = PACKAGE_DIR / "npm"
NODE_MODULES = Path(os.environ.get("GEO_NODE_MODULES")
                    or (BUNDLED_NODE_MODULES if not IN_CHECKOUT and BUNDLED_NODE_MODULES.is_dir()
                        else REPO_ROOT / "node_modules"))


def node_modules_hint(missing: str) -> str:
    """What to do when `missing` (a path inside node_modules) is absent: an installed wheel has
    no node_modules beside it, so the user must say where one is (one clause of an error line)."""
    return (f"{missing} is not in {NODE_MODULES}: set GEO_NODE_MODULES to a node_modules folder with "
            "the npm packages pinned in geo's package.json (`npm ci` in a geo checkout makes one)")


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
