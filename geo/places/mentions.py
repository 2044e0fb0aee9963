"""Recognise + resolve on a Document or plain text, producing `Mention` records."""

from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import fields
from operator import attrgetter
from typing import Iterable

from geo.gcpause import paused
from geo.model import Document, Mention, Place
from geo.places.anaphora import refer_back
from geo.places.docplace import DocumentGazetteer, subject_place
from geo.places.recognize import find_spans, lowercase_vocabulary
from geo.places.records import Span
from geo.places.resolve import resolve_all


def _online_fill(mentions: list[Mention], online, countries: list[str]) -> list[Mention]:
    """Ask the optional web geocoder (--online) about names the gazetteer left unresolved."""
    from dataclasses import replace

    from geo.errors import GeocoderError
    out = []
    for m in mentions:
        if m.place is None and online is not None:
            try:
                found = online.lookup(m.text, country_codes=countries or None)
            except GeocoderError as error:  # the name stays unresolved, listed for review
                import logging
                logging.getLogger(__name__).warning("online lookup of %r failed: %s", m.text, error)
                found = []
            if found:
                m = replace(m, place=found[0], confidence=0.5, alternatives=tuple(found[1:4]))
        out.append(m)
    return out


def _doc_countries(mentions: Iterable[Mention]) -> list[str]:
    from collections import Counter
    counts = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    return [c for c, _ in counts.most_common(3)]


def find_mentions(doc: Document, gazetteer, online=None) -> list[Mention]:
    """Every place mention in a Document, resolved where possible (original-file offsets).

    Headings ("== Syria ==") are read too, in the same resolution pass so that they count
    as evidence of the document's countries; their mentions have `sentence` -1."""
    with paused():
        mentions = _find_mentions(doc, gazetteer)
    if online is not None:
        mentions = _online_fill(mentions, online, _doc_countries(mentions))
    return mentions


def _find_mentions(doc: Document, gazetteer) -> list[Mention]:
    # a page that gives its own subject's point makes its title a place for this document
    subject = subject_place(doc, gazetteer)
    if subject is not None:
        gazetteer = DocumentGazetteer(gazetteer, *subject)
    vocab = lowercase_vocabulary("\n".join(s.text for s in doc.sentences))
    items: list[tuple[Span, object]] = []
    owners = []
    spans_of = _SpanMemo(gazetteer, vocab)
    # headings after the prose: each its own paragraph key, so it lends no neighbours to one
    for key, sentence in [(s.paragraph, s) for s in doc.sentences] + \
            [(("heading", k), s) for k, s in enumerate(doc.headings)]:
        for span in spans_of(sentence):
            items.append((span, key))
            owners.append(sentence)
    mentions = []
    cues = []
    for (span, _), sentence, res in zip(items, owners, resolve_all(items, gazetteer)):
        if not res.keep:
            continue
        start = sentence.to_original(span.start)
        end = sentence.to_original(span.end - 1) + 1 if span.end > span.start else start
        if (span.text.endswith(".") and span.end - span.start > 1
                and end - start != span.end - span.start):
            # "[[United States|U.S]]." : keep the stop out rather than the markup in
            span.text = span.text[:-1]
            end = sentence.to_original(span.end - 2) + 1
        mentions.append(_mention(doc.id, doc.line_of(start), start, end, span, sentence.index, res))
        cues.append(span.cue)
    prose = [(m, cue) for m, cue in zip(mentions, cues) if m.sentence >= 0]
    # "the base", "the city": the last named place of the kind (anaphora.py), in file order
    referring = refer_back(doc, prose, subject[0] if subject is not None else None)
    # heading mentions (sentence -1) merged into file order; the prose keeps its own order
    return list(heapq.merge([m for m, _ in prose] if not referring else
                            heapq.merge([m for m, _ in prose], referring, key=_by_start),
                            [m for m in mentions if m.sentence < 0], key=_by_start))


def _by_start(m: Mention) -> int:
    return m.start


class _SpanMemo:
    """`find_spans` of each sentence of one document, worked out once per distinct text and links:
    archives repeat wire copy word for word. Recognition reads nothing else of the document but
    its lower-case vocabulary (fixed per document); each call gets fresh Spans, which resolution
    edits."""

    LIMIT = 8192   # texts held; past it the memo starts again (0: no memo)

    def __init__(self, gazetteer, vocab) -> None:
        self.gazetteer, self.vocab = gazetteer, vocab
        self.seen: dict[tuple, list[Span]] = {}

    def __call__(self, sentence) -> list[Span]:
        links = tuple((l.start, l.end, l.target) for l in sentence.links)
        if not self.LIMIT:
            return find_spans(sentence.text, self.gazetteer, list(links), self.vocab)
        key = (sentence.text, links)
        kept = self.seen.get(key)
        if kept is None:
            found = find_spans(sentence.text, self.gazetteer, list(links), self.vocab)
            if len(self.seen) >= self.LIMIT:
                self.seen.clear()
            self.seen[key] = [_fresh(s) for s in found]
            return found
        return [_fresh(s) for s in kept]


_span_fields = attrgetter(*(f.name for f in fields(Span)))


def _fresh(span: Span) -> Span:
    """A copy of `span` that shares nothing mutable with it."""
    copy = Span(*_span_fields(span))
    copy.weak_reasons = list(span.weak_reasons)
    return copy


def _mention(doc_id: str, line: int, start: int, end: int, span: Span, sentence: int, res) -> Mention:
    role = "modifier" if span.modifier and res.place is not None and res.place.kind == "country" else "place"
    # the frozen dataclass filled through its __dict__: the same record, without one
    # object.__setattr__ call per field (a text has a mention every hundred characters)
    mention = _new(Mention)
    mention.__dict__.update(doc=doc_id, line=line, start=start, end=end, text=span.text,
                            sentence=sentence, place=res.place,
                            confidence=res.confidence if res.place else 0.0,
                            alternatives=res.alternatives, role=role)
    return mention


_new = object.__new__


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]


def find_mentions_in_text(text: str, gazetteer, doc_id: str = "", online=None) -> list[Mention]:
    """Place mentions in plain text; offsets index `text` as given, lines are 1-based."""
    with paused():
        mentions = _find_mentions_in_text(text, gazetteer, doc_id)
    if online is not None:
        mentions = _online_fill(mentions, online, _doc_countries(mentions))
    return mentions


def _find_mentions_in_text(text: str, gazetteer, doc_id: str) -> list[Mention]:
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    paragraphs = _paragraph_starts(text)
    spans = find_spans(text, gazetteer, (), lowercase_vocabulary(text))
    items = [(s, bisect.bisect_right(paragraphs, s.start)) for s in spans]
    mentions = []
    for (span, para), res in zip(items, resolve_all(items, gazetteer)):
        if res.keep:
            line = bisect.bisect_right(line_starts, span.start)
            mentions.append(_mention(doc_id, line, span.start, span.end, span, para, res))
    return mentions


def resolve_spans(text: str, spans: list[tuple[int, int]], gazetteer) -> list[Place | None]:
    """Resolve given (gold) spans of `text`: resolution scored apart from recognition."""
    from geo.places.given import resolve_spans as resolve_given
    return resolve_given(text, spans, gazetteer)
