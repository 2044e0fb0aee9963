"""Fixtures shared by the test files."""

from __future__ import annotations

import pytest

from geo.places import load_gazetteer


@pytest.fixture(scope="session")
def gazetteer():
    """The cached gazetteer (built on first use), loaded once for the whole run."""
    return load_gazetteer()
