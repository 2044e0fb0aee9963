"""The faster recognition and resolution paths give what their simple references give."""

from __future__ import annotations

import random
import re
from collections import defaultdict

from geo.model import Place
from geo.places import discourse, fold, lexicon, locality, recognize, resolve, scan, tokens


def _place(rng: random.Random, i: int) -> Place:
    kind = rng.choice(["city", "town", "village", "region", "country", "airbase"])
    return Place(f"p{i}", f"P{i}", kind, rng.choice(["IQ", "SY", "US", ""]),
                 rng.uniform(30, 38), rng.uniform(38, 48), "geonames",
                 rng.choice([0, 900, 20_000, 2_000_000]), rng.choice(["", "01", "02"]))


def test_prev_token_on_long_and_mixed_tokens():
    reference = re.compile(r"([\w.'’-]+) $")
    rng = random.Random(11)
    for _ in range(5000):
        text = "".join(rng.choice(["a", "B", "9", "_", ".", "'", "’", "-", "é", " ", ",", "(", "\n"])
                       for _ in range(rng.randint(1, 20))) + "x" * rng.randint(0, 50) + " "
        start = len(text)
        m = reference.search(text, max(0, start - 40), start)
        assert tokens._prev_token(text, start) == ((m.start(1), m.end(1)) if m else (-1, -1)), text


def test_operation_positions_equal_the_regex():
    words = lexicon.context().get("operation", frozenset())
    rng = random.Random(5)
    vocab = sorted(words) + ["op", "operations", "shield", "in", "the", "é", "2"]
    for _ in range(500):
        folded = fold.surface(" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 12))))
        expected = [m.start() for m in recognize._operation_regex().finditer(folded)]
        assert [s for s, _ in scan.phrase_spans(folded, words)] == expected, folded


def test_pass_two_scores_equal_context_scoring():
    rng = random.Random(2)
    places = [_place(rng, i) for i in range(40)]
    for _ in range(300):
        anchors = rng.sample(places, rng.randint(0, 6))
        ranked = [(rng.uniform(0, 3), p) for p in rng.sample(places, rng.randint(1, 6))]
        countries = {"IQ": rng.random(), "SY": rng.random(), "*": rng.random()}
        distinct = {a.place_id: a for a in anchors if a.admin1 and a.kind != "country"}
        from collections import Counter
        regions = resolve._Regions(Counter((a.country, a.admin1) for a in distinct.values()),
                                   frozenset(distinct), len(distinct))
        alike = rng.choice([None, ("country", ""), ("region", "IQ")])
        index = resolve._AnchorIndex(rng.sample(places, 10) + anchors)
        terms = resolve._terms(ranked, countries, regions, index)
        got = resolve._scored(terms, tuple((id(a), a) for a in anchors), alike)
        top = max(p.population for _, p in ranked) if regions.total else 0
        expected = sorted(((b + resolve._context(p, countries, anchors, regions, top)
                            + (resolve.LIST_BONUS if alike is not None and discourse.category(p) == alike
                               else 0.0), p) for b, p in ranked), key=lambda sp: -sp[0])
        assert got == expected


def test_discourse_votes_equal_the_plain_sums():
    rng = random.Random(4)
    places = [_place(rng, i) for i in range(8)]
    spans = [recognize.Span(0, 1, "A", "A", cue=rng.choice(["", "dam"])) for _ in range(60)]
    items = [(sp, 0) for sp in spans]
    cands = [((), set(), (), rng.choice(["a", "b", "c"])) for _ in spans]
    scored = [sorted(((rng.uniform(0, 4), p) for p in rng.sample(places, 3)), key=lambda sp: -sp[0])
              for _ in spans]
    totals = defaultdict(lambda: defaultdict(float))
    counts = defaultdict(int)
    for (span, _), cand, sc in zip(items, cands, scored):
        counts[(cand[3], span.cue)] += 1
        for score, place in sc:
            totals[(cand[3], span.cue)][place.place_id] += score - sc[-1][0]
    expected = {k: max(v.items(), key=lambda kv: kv[1])[0] for k, v in totals.items() if counts[k] > 1}
    assert discourse.discourse_votes(items, cands, scored) == expected


def test_supported_ids_equals_a_scan_of_every_pair():
    def scan(named):
        distinct = {p.place_id: p for p in named}
        regions = {(p.country, p.admin1) for p in distinct.values() if p.kind == "region" and p.admin1}
        points = [p for p in distinct.values() if p.kind not in locality.BROAD]
        return {p.place_id for p in points
                if (p.admin1 and (p.country, p.admin1) in regions)
                or any(q.place_id != p.place_id and resolve.haversine_km(p.lat, p.lon, q.lat, q.lon)
                       < locality.SUPPORT_KM for q in points)}

    rng = random.Random(8)
    places = [_place(rng, i) for i in range(30)]
    for _ in range(100):
        named = rng.sample(places, rng.randint(0, 12))
        assert locality.supported_ids(named) == scan(named)


def test_fits_with_the_narrow_latitude_band_equals_a_scan():
    rng = random.Random(9)
    places = [_place(rng, i) for i in range(60)]
    for _ in range(300):
        anchors = rng.sample(places, rng.randint(1, 15))
        p = rng.choice(places)
        index = locality.Anchors(anchors)
        expected = any(a.place_id != p.place_id and locality.within_km(p, a, locality.SUPPORT_KM)
                       for a in anchors)
        if p.kind not in ("country", "region", "sea"):
            assert locality.fits(p, index) == expected


def test_gc_pause_leaves_the_collector_as_it_found_it():
    import gc

    from geo.gcpause import paused as _gc_paused
    assert gc.isenabled()
    with _gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with _gc_paused():
            raise ValueError("bad text")
    except ValueError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with _gc_paused():
            pass
        assert not gc.isenabled()  # a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_few_phrase_scan_equals_the_regex():
    rng = random.Random(6)
    for phrases in ({"a b", "b"}, {"a", "a b", "b a"}, {"ab", "b"}, {"a b a", "a"}):
        alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        rx = re.compile(rf"(?<![a-z0-9])(?:{alternation})(?![a-z0-9])")
        for _ in range(500):
            # folded text: ASCII letters, digits and spaces
            folded = "".join(rng.choice(["a", "b", " ", "  ", "x", "1"]) for _ in range(rng.randint(0, 14)))
            assert scan.phrase_spans(folded, frozenset(phrases)) == [m.span() for m in rx.finditer(folded)], folded


def test_outlier_test_with_an_index_equals_the_scan():
    rng = random.Random(12)
    places = [_place(rng, i) for i in range(80)]
    for p in places:
        p_far = Place(p.place_id, p.name, p.kind, p.country, p.lat + rng.choice([0, 5, 20]),
                      p.lon, p.source, p.population, p.admin1)
        for anchors in ([], rng.sample(places, 5), rng.sample(places, 30)):
            assert (locality.is_outlier(p_far, frozenset(), locality.Anchors(anchors))
                    == locality.is_outlier(p_far, frozenset(), anchors))
