"""Who took a place a passive sentence names no taker for: "Wuhan was taken by October".

A passive change of hands ("X was captured", "X fell") names its taker after "by"/"to". When it
names none, the actor left over from the clause before may be the side that held or defended the
place: "ISIL-held Mosul ... Mosul, held by ISIL, was recaptured", "Chinese forces prepared their
defences, but the city was taken". That side is no taker, so the event keeps no actor. The
phrasings are the `held_by` and `contrast` rows of data/event_words.csv.
"""

from __future__ import annotations

from geo.actors import ActorMatch
from geo.events.cues import Lexicon


def defender_named(lex: Lexicon, text: str, cue_start: int, matches: list[ActorMatch], actor: str,
                   clause_start: int = 0) -> bool:
    """True when `actor`, the candidate taker of a passive change of hands at `cue_start`, is told
    as the place's holder ("held by ISIL") or stands before a contrast ("..., but") in the clause."""
    named = [a for a in matches if a.actor == actor and clause_start <= a.end <= cue_start]
    if any(lex.held_by.search(text, max(0, a.start - 30), a.start) for a in named):
        return True   # "Mosul, held by ISIL since 2014, was recaptured"
    since = named[-1].end if named else clause_start
    return lex.contrast.search(text, since, cue_start) is not None
