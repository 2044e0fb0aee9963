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
CACHE_DIR = Path(os.environ.get("GEO_CACHE_DIR", REPO_ROOT / ".cache"))
