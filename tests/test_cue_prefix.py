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
