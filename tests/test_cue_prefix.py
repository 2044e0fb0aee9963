"""The cue prefilter: openings read from each row's pattern, and one pass that finds what a scan per row finds."""

from geo.events.cues import load_lexicon
from geo.events.prefix import openings


def test_openings_of_literals_branches_and_optional_parts():
    assert openings(r"struck") == {"st"}
    assert openings(r"air ?strikes?|drone strikes?") == {"ai", "dr"}
    assert openings(r"(?:re)?captur(?:ed|e)") == {"re", "ca"}
    assert openings(r"\d+ strikes") == {f"{a}{b}" for a in "0123456789" for b in "0123456789 "}


def test_unknown_openings_are_tried_everywhere():
    assert openings(r".+ fell") is None
    assert openings(r"[^a] fell") is None


def _scan_per_row(lex, text):
    found = []
    for cue in lex.cues:
        found += [(m.start(), m.end(), cue.order) for m in cue.pattern.finditer(text)]
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    kept = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
            kept.append(f)
    return sorted(kept)


def test_one_pass_finds_what_a_scan_per_row_finds():
    lex = load_lexicon()
    for text in ("Jets struck a depot; the militia recaptured the bridge and withdrew from the hill.",
                 "Allied aircraft conducted 12 airstrikes before the garrison was overrun.",
                 "A car bomb exploded; later, rebels shelled the airport and clashes erupted near it.",
                 "No cue here at all, only words."):
        assert [(c.start, c.end, c.cue.order) for c in lex.find(text)] == _scan_per_row(lex, text), text


def test_three_letter_openings_try_the_rows_the_two_letter_ones_find(monkeypatch):
    """On plain ASCII text the cue rows are picked by three-letter openings (fewer tries): the same
    matches as the two-letter index, cut words, numbers and passives included."""
    from geo.events import cues

    lex = load_lexicon()
    texts = ["Coalition jets conducted 14 airstrikes near the dam; 3 strikes hit a bridge.",
             "The town was recaptured by Kurdish forces after it had been besieged by militants.",
             "Rebels lost control of the road to the army and shelled it with mortar rounds.",
             "Two air raids, a drone strike and an ambush; troops withdrew, then re-took it.",
             "He was shot down, executed, beheaded: massacres in Hit and is hit.",
             "A car-bomb attack; IS fighters overran it (seized it) and 12,000 fled."]
    fast = [[(c.start, c.end, c.cue.order) for c in lex.find(text)] for text in texts]
    assert all(cues.deep_enough(text) for text in texts)
    monkeypatch.setattr(cues, "deep_enough", lambda text: False)
    assert fast == [[(c.start, c.end, c.cue.order) for c in lex.find(text)] for text in texts]
    assert sum(map(len, fast)) > 15


def test_text_outside_plain_ascii_keeps_the_two_letter_index():
    from geo.events import cues

    assert not cues.deep_enough("Jets struck Raqqa’s edge")            # lower() may change lengths
    assert not cues.deep_enough("12\x1fstrikes")                        # \s the openings do not list
    lex = load_lexicon()
    for text in ("Jets struck the depot’s gate.", "Jets\x1fstruck it."):
        assert [(c.start, c.end, c.cue.order) for c in lex.find(text)] == _scan_per_row(lex, text)
