"""Event candidates of a big archive, merged part by part from disk in bounded memory.

`merge_events` only ever merges candidates of one (type, place) group and returns its result
sorted by `sort_key`, so merging the groups in separate parts and sorting the union gives the
same list. Below `SPILL_OVER` candidates everything stays in memory; above, candidates go to
`PARTS` JSON-lines files by a stable hash of their group, and each part is merged on its own.
"""

from __future__ import annotations

import json
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from geo import records
from geo.events import merge_events
from geo.events.merge import merge_group_key, sort_key  # the merge's own grouping: parts never split a group
from geo.model import Event

SPILL_OVER = 300_000
PARTS = 64


class CandidateSpill:
    """Collects candidates; `merged()` gives `merge_events` of all of them."""

    def __init__(self) -> None:
        self.held: list[Event] = []
        self._dir: tempfile.TemporaryDirectory | None = None
        self._files: list = []

    def extend(self, events: Iterable[Event]) -> None:
        if self._dir is None:
            self.held.extend(events)
            if len(self.held) > SPILL_OVER:
                self._spill(self.held)
                self.held = []
        else:
            self._spill(events)

    def _spill(self, events: Iterable[Event]) -> None:
        if self._dir is None:
            self._dir = tempfile.TemporaryDirectory(prefix="geo-candidates-")
            self._files = [open(Path(self._dir.name) / f"{k:02d}.jsonl", "w", encoding="utf-8")
                           for k in range(PARTS)]
        for ev in events:
            part = zlib.crc32(repr(merge_group_key(ev)).encode("utf-8")) % PARTS
            self._files[part].write(json.dumps(records.encode(ev), ensure_ascii=False) + "\n")

    def merged(self) -> list[Event]:
        if self._dir is None:
            return merge_events(self.held)
        decode = records.decoder(Event)
        out: list[Event] = []
        try:
            for handle in self._files:
                handle.close()
                with open(handle.name, encoding="utf-8") as part:
                    out.extend(merge_events([decode(json.loads(line)) for line in part]))
        finally:
            self._dir.cleanup()
        out.sort(key=sort_key)
        return out
