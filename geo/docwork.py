"""The per-document half of a build: read -> dates -> places -> event candidates, one file at a time.

`process_document` depends on its file and the build's `WorkOptions` only, never on other
documents, so the same call runs in this process, in a process pool or on a Dask cluster, and
its `DocResult` can be cached by the file's content. Everything that joins documents (merging
events, bases, territory, tables) reads DocResults afterwards (geo.api).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from geo.bases import BaseItem, DatedLine, base_items, dated_lines
from geo.errors import InputError
from geo.gcpause import paused
from geo.model import DateSpan, Document, Event, Mention

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WorkOptions:
    """What every document's work depends on besides its own file (part of the cache key)."""

    forced_format: str | None = None
    user_places: str | None = None


@dataclass(frozen=True)
class DocTask:
    """One file to process: its path, its manifest entry (sorted items) and size in bytes."""

    path: str
    meta: tuple[tuple[str, str], ...] = ()
    size: int = 0


@dataclass(frozen=True)
class DocInfo:
    """What the joining stages need of a document besides its mentions and events."""

    id: str
    path: str
    title: str
    format: str
    date: DateSpan | None
    warnings: tuple[str, ...] = ()

    def as_document(self) -> Document:
        """The document's record without its text (Atlas.documents)."""
        return Document(id=self.id, path=self.path, title=self.title, format=self.format,
                        date=self.date, warnings=self.warnings)


@dataclass(frozen=True)
class DocResult:
    """Everything one document contributes to a build; `error` set when it could not be read."""

    path: str
    error: str = ""
    info: DocInfo | None = None
    mentions: tuple[Mention, ...] = ()        # without `alternatives` (only resolution reads them)
    candidates: tuple[Event, ...] = ()        # events before merging across documents
    bases: tuple[BaseItem, ...] = ()
    dated: tuple[DatedLine, ...] = ()
    involvement: tuple[dict, ...] = ()
    unresolved: tuple[dict, ...] = ()
    log: tuple[str, ...] = field(default=())  # warnings logged while reading (replayed from the cache)
    seconds: tuple[float, ...] = ()           # wall seconds: read+dates, places, events (benchmarks)


class _Tools:
    """The gazetteer, actor lexicon and event extractor, loaded once per process and options."""

    _loaded: dict[str | None, "_Tools"] = {}

    def __init__(self, user_places: str | None) -> None:
        from geo.actors import load_actors
        from geo.events import Extractor
        from geo.places import load_gazetteer

        self.gazetteer = load_gazetteer(Path(user_places) if user_places else None)
        self.actors = load_actors()
        self.extractor = Extractor(self.actors)

    @classmethod
    def get(cls, user_places: str | None) -> "_Tools":
        if user_places not in cls._loaded:
            cls._loaded[user_places] = cls(user_places)
        return cls._loaded[user_places]


def read_dated(path: Path, forced_format: str | None, meta: dict) -> Document:
    """Read one file and tag its dates."""
    from geo.dates import tag_document
    from geo.ingest import read_document

    return tag_document(read_document(path, forced_format, meta))


class _Captured(logging.Handler):
    """Collects the warnings this thread logs during one document's work, so that the build
    replays them once in document order (cached results too) instead of each worker printing."""

    _lock = threading.Lock()
    _active = 0                   # captures in progress (Dask workers may run several threads)

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())

    def __enter__(self) -> "_Captured":
        root = logging.getLogger("geo")
        with self._lock:
            if _Captured._active == 0:
                _Captured._propagate = root.propagate
                root.propagate = False
            _Captured._active += 1
            root.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        root = logging.getLogger("geo")
        with self._lock:
            root.removeHandler(self)
            _Captured._active -= 1
            if _Captured._active == 0:
                root.propagate = _Captured._propagate


def process_document(task: DocTask, options: WorkOptions, online=None) -> DocResult:
    """Read, date, find places and event candidates of one file (pure: same file, same result)."""
    from geo.involvement import involvement_rows
    from geo.places import find_mentions, review_rows

    tools = _Tools.get(options.user_places)
    with _Captured() as capture, paused():
        t0 = time.perf_counter()
        try:
            doc = read_dated(Path(task.path), options.forced_format, dict(task.meta))
        except InputError as error:
            return DocResult(task.path, error=str(error), log=tuple(capture.messages))
        t1 = time.perf_counter()
        mentions = (find_mentions(doc, tools.gazetteer, online) if online is not None
                    else find_mentions(doc, tools.gazetteer))
        t2 = time.perf_counter()
        candidates = tools.extractor.document(doc, mentions)
        t3 = time.perf_counter()
        return DocResult(
            task.path,
            info=DocInfo(doc.id, doc.path, doc.title, doc.format, doc.date, doc.warnings),
            # the joining stages never read a mention's other candidates: not kept
            mentions=tuple(_without_alternatives(m) if m.alternatives else m for m in mentions),
            candidates=tuple(candidates),
            bases=tuple(base_items(doc, mentions, tools.actors)),
            dated=tuple(dated_lines(doc)),
            involvement=tuple(involvement_rows([doc])),
            unresolved=tuple(review_rows(mentions, [doc])),
            log=tuple(capture.messages),
            seconds=(t1 - t0, t2 - t1, t3 - t2),
        )


def _without_alternatives(mention: Mention) -> Mention:
    """`replace(mention, alternatives=())` through the frozen record's __dict__ (as places'
    _mention builds them): a text has a mention every hundred characters."""
    copy = object.__new__(Mention)
    copy.__dict__.update(mention.__dict__, alternatives=())
    return copy


def process_batch(tasks: list[DocTask], options: WorkOptions) -> list[DocResult]:
    """`process_document` over a few files: one task per batch keeps scheduling cheap."""
    return [process_document(task, options) for task in tasks]
