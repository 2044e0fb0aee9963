"""The event-location chooser (geo.events.where): named features of a candidate place and the
shipped weights' choice. Sentences written for these tests."""

from geo.events.where import Candidate, choose, features, name_candidates


def _cands(text, spans):
    """Candidates at the given (surface, kind) pairs, in sentence order."""
    out = []
    for surface, kind in spans:
        at = text.index(surface)
        out.append(Candidate(at, at + len(surface), kind))
    return sorted(out, key=lambda c: c.start)


def _trigger(text, word):
    at = text.index(word)
    return at, at + len(word)


def _pick(text, word, spans):
    chosen = choose(text, _trigger(text, word), _cands(text, spans))
    return text[chosen.start:chosen.end]


def _feats(text, word, spans, surface):
    cands = _cands(text, spans)
    k = next(i for i, c in enumerate(cands) if text[c.start:c.end] == surface)
    return features(text, _trigger(text, word), cands, k)


def test_district_named_after_a_city_possessive_wins_over_the_city():
    text = "A roadside bomb wounded four traders in Kabul's eastern Qasaba district on Monday."
    assert _pick(text, "wounded", [("Kabul", "city"), ("Qasaba", "name")]) == "Qasaba"


def test_place_before_a_where_clause_is_flagged():
    text = "The convoy reached Tal Afar, west of Mosul, where gunmen shot two drivers."
    feats = _feats(text, "shot", [("Tal Afar", "town"), ("Mosul", "city")], "Mosul")
    assert feats.get("where_clause") == 1.0


def test_a_person_named_as_the_object_is_not_the_place():
    text = "Masked men shot the farmer Yusuf Darwish, 52, outside his home in Kirkuk late on Friday."
    feats = _feats(text, "shot", [("Yusuf Darwish", "name"), ("Kirkuk", "city")], "Yusuf Darwish")
    assert feats.get("person") == 1.0
    assert _pick(text, "shot", [("Yusuf Darwish", "name"), ("Kirkuk", "city")]) == "Kirkuk"


def test_an_adjective_name_before_a_noun_is_not_the_place():
    text = "Rockets were fired at the Kurdish town of Duhok overnight."
    feats = _feats(text, "fired", [("Kurdish", "name"), ("Duhok", "city")], "Kurdish")
    assert feats.get("adjective") == 1.0
    assert _pick(text, "fired", [("Kurdish", "name"), ("Duhok", "city")]) == "Duhok"


def test_an_institutions_name_is_flagged():
    text = "A car bomb exploded outside the Health Ministry in Basra."
    feats = _feats(text, "exploded", [("Health Ministry", "name"), ("Basra", "city")], "Health Ministry")
    assert feats.get("org_name") == 1.0
    assert _pick(text, "exploded", [("Health Ministry", "name"), ("Basra", "city")]) == "Basra"


def test_an_unknown_name_typed_by_the_word_after_it_is_a_candidate():
    text = "Troops raided the southern Karbat area at dawn."
    found = [text[c.start:c.end] for c in name_candidates(text, [], _trigger(text, "raided"))]
    assert "Karbat" in found


def test_the_country_after_a_town_only_locates_it():
    text = "Militants stormed a police post in Gao, Mali, killing three officers."
    assert _pick(text, "stormed", [("Gao", "town"), ("Mali", "country")]) == "Gao"
