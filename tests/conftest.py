"""Fixtures shared by the test files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests never touch the user's real cache folder: the gazetteer is built once into the
# checkout's own .cache/ (gitignored) and shared by every test session and the test's
# subprocesses (set before geo is imported; settings reads it at each use)
os.environ["GEO_CACHE_DIR"] = str(Path(__file__).resolve().parent.parent / ".cache")

from geo.places import load_gazetteer  # noqa: E402 - after the cache folder is chosen


@pytest.fixture(scope="session")
def gazetteer():
    """The cached gazetteer (built on first use), loaded once for the whole run."""
    return load_gazetteer()
