"""Events: extraction from sentences (extract), merging across documents (merge), cue lexicon (cues)."""

from geo.events.cues import load_lexicon
from geo.events.extract import Extractor, extract_events
from geo.events.merge import merge_events, source_count

__all__ = ["Extractor", "extract_events", "load_lexicon", "merge_events", "source_count"]
