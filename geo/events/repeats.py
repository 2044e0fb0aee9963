"""Sentences told again: news archives repeat wire copy word for word, in one file and across
files, and reading the same sentence in the same context gives the same events every time.

`SentenceMemo` keeps one sentence's events under a key that holds everything the reading
depends on, written relative to the sentence (its text, dates, section, links, mapping to the
original file, the line breaks inside it, its place mentions, the actor and paragraph context,
the document's own date). A repeat gets the first reading's events moved to where the repeat
stands: the same events with its document, line, trigger offsets and so its event id.
"""

from __future__ import annotations

import bisect

from geo.events.text import event_id, place_key
from geo.model import Document, Event, Mention, Sentence, SourceRef

# Keys held at most (a few kB each); past it the memo starts again. Repeats are near each
# other in an archive (one story's copies), so a bounded memo finds most of them.
LIMIT = 8192
ENABLED = True     # tests turn it off to check that the memo changes no output


class SentenceMemo:
    """One extractor's memo: sentence key -> (events, subject actor, where the sentence was)."""

    def __init__(self) -> None:
        self._seen: dict[tuple, tuple[list[Event], str, int, int]] = {}

    def key(self, doc: Document, sentence: Sentence, mentions: list[Mention], context_actor: str,
            same_paragraph: bool) -> tuple | None:
        """Everything `Extractor.sentence` reads, relative to the sentence; None: do not remember."""
        if not ENABLED:
            return None
        start, line = sentence.start, sentence.line
        ls = doc.line_starts
        breaks = tuple(b - start for b in ls[bisect.bisect_right(ls, start):bisect.bisect_right(ls, sentence.end)])
        places = tuple((m.line - line, m.start - start, m.end - start, m.text, m.place, m.confidence,
                        m.alternatives, m.role, m.doc == doc.id, m.sentence == sentence.index)
                       for m in mentions)
        return (sentence.text, sentence.dates, sentence.section, sentence.links, sentence.end - start,
                tuple((i, o - start) for i, o in sentence.segments), breaks, bool(ls),
                doc.line_of(start) - line, places, context_actor, same_paragraph, doc.date)

    def get(self, key: tuple | None, doc: Document, sentence: Sentence) -> tuple[list[Event], str] | None:
        """The remembered reading moved to `sentence`, or None."""
        found = self._seen.get(key) if key is not None else None
        if found is None:
            return None
        events, subject, line, start = found
        return [_moved(e, doc.id, sentence.line - line, sentence.start - start) for e in events], subject

    def put(self, key: tuple | None, sentence: Sentence, events: list[Event], subject: str) -> None:
        if key is None:
            return
        if len(self._seen) >= LIMIT:
            self._seen.clear()
        self._seen[key] = (list(events), subject, sentence.line, sentence.start)


def _moved(event: Event, doc_id: str, lines: int, offset: int) -> Event:
    """`event` as told `lines` lines and `offset` characters further on, in document `doc_id`."""
    line = event.sources[0].line + lines
    # the frozen record copied through its __dict__ (as places' _mention does): a repeat-rich
    # archive moves an event per sentence, and dataclasses.replace would cost more than the rest
    moved = _new(Event)
    moved.__dict__.update(event.__dict__,
                          event_id=event_id(doc_id, line, event.event_type, place_key(event.place, event.place_text),
                                            event.date.start.isoformat()),
                          sources=(SourceRef(doc_id, line),),
                          trigger=(event.trigger[0] + offset, event.trigger[1] + offset))
    return moved


_new = object.__new__
