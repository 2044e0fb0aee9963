"""A persistent answer cache for web geocoders, so no name is ever asked twice.

SQLite in WAL mode, one committed row per answer: a run killed mid-way (SIGKILL, power
loss) keeps every answer already received, and the next run asks only what is left.
Negative answers (no result) are cached too; errors are not, so they are asked again.
"""

from __future__ import annotations

import json
import sqlite3
import time
import unicodedata
from pathlib import Path
from typing import Any

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    service   TEXT NOT NULL,
    query     TEXT NOT NULL,
    countries TEXT NOT NULL,
    results   TEXT NOT NULL,   -- JSON list of the service's raw result objects
    asked_at  REAL NOT NULL,
    PRIMARY KEY (service, query, countries)
)
"""


def normalise_query(name: str) -> str:
    """Fold a query to its cache key: NFKC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def normalise_countries(country_codes: list[str] | tuple[str, ...] | None) -> str:
    """Country codes as one key: lower-case, sorted, de-duplicated, comma-joined."""
    return ",".join(sorted({c.strip().lower() for c in country_codes or () if c.strip()}))


class GeocodeCache:
    """Answers keyed by (service, normalised query, country codes), committed one by one."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit (isolation_level=None): every INSERT is its own durable transaction.
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # survive power loss, not just a crash
        self._db.execute("PRAGMA busy_timeout=5000")  # two runs may share one cache
        self._db.execute(_SCHEMA)

    def get(self, service: str, name: str,
            country_codes: list[str] | None = None) -> list[dict[str, Any]] | None:
        """The cached raw results (possibly []), or None when this query was never answered."""
        row = self._db.execute(
            "SELECT results FROM answers WHERE service=? AND query=? AND countries=?",
            (service, normalise_query(name), normalise_countries(country_codes)),
        ).fetchone()
        return None if row is None else json.loads(row[0])

    def put(self, service: str, name: str, country_codes: list[str] | None,
            results: list[dict[str, Any]]) -> None:
        """Store one answer and commit it before returning."""
        self._db.execute(
            "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)",
            (service, normalise_query(name), normalise_countries(country_codes),
             json.dumps(results, ensure_ascii=False), time.time()),
        )

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        self._db.close()
