"""A persistent answer cache for web geocoders, so no name is ever asked twice.

SQLite in WAL mode, one committed row per answer: a run killed mid-way (SIGKILL, power
loss) keeps every answer already received, and the next run asks only what is left.
Negative answers (no result) are cached too; errors are not, so they are asked again.
A cache is disposable: a damaged file (garbled, truncated, not a database) is replaced by an
empty one with a warning, and the names it held are asked again.
"""

from __future__ import annotations

import json
import logging
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


log = logging.getLogger(__name__)


class GeocodeCache:
    """Answers keyed by (service, normalised query, country codes), committed one by one."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as error:
            self._db = self._replace_damaged(error)

    @staticmethod
    def _is_damage(error: Exception) -> bool:
        # OperationalError (locked, busy, disk I/O) is not damage: the file must not be replaced.
        return not isinstance(error, sqlite3.OperationalError)

    def _open(self) -> sqlite3.Connection:
        # Autocommit (isolation_level=None): every INSERT is its own durable transaction.
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout=5000")  # two runs may share one cache
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")  # survive power loss, not just a crash
            db.execute(_SCHEMA)
            # A garbled page may only show when read; quick_check reads them all (fast for a
            # cache of names) so the damage is found here, not half-way through a run.
            verdict = db.execute("PRAGMA quick_check(1)").fetchone()[0]
            if verdict != "ok":
                raise sqlite3.DatabaseError(verdict)
            json_ok = db.execute("SELECT COUNT(*) FROM answers WHERE NOT json_valid(results)")
            if json_ok.fetchone()[0]:
                raise sqlite3.DatabaseError("answers that are not JSON")
        except BaseException:
            db.close()
            raise
        return db

    def _replace_damaged(self, error: Exception) -> sqlite3.Connection:
        """Move the damaged file aside (kept for a look, replaced on the next repair) and
        start an empty cache; other errors (a locked file) are raised."""
        if not self._is_damage(error):
            raise error
        log.warning("geocode cache %s is damaged (%s); starting an empty one, names will be asked again",
                    self.path, error)
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        if self.path.exists():
            self.path.replace(self.path.with_name(self.path.name + ".damaged"))
        return self._open()

    def get(self, service: str, name: str,
            country_codes: list[str] | None = None) -> list[dict[str, Any]] | None:
        """The cached raw results (possibly []), or None when this query was never answered."""
        key = (service, normalise_query(name), normalise_countries(country_codes))
        try:
            row = self._db.execute(
                "SELECT results FROM answers WHERE service=? AND query=? AND countries=?", key,
            ).fetchone()
            return None if row is None else json.loads(row[0])
        except (sqlite3.DatabaseError, ValueError) as error:   # damaged since it was opened
            self._db.close()
            self._db = self._replace_damaged(error)
            return None

    def put(self, service: str, name: str, country_codes: list[str] | None,
            results: list[dict[str, Any]]) -> None:
        """Store one answer and commit it before returning."""
        row = (service, normalise_query(name), normalise_countries(country_codes),
               json.dumps(results, ensure_ascii=False), time.time())
        try:
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)", row)
        except sqlite3.DatabaseError as error:
            self._db.close()
            self._db = self._replace_damaged(error)
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)", row)

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        self._db.close()
