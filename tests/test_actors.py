"""Actor lexicon: aliases, forces and operations normalise to one actor with a side and colour."""

import pytest

from geo.actors import load_actors


@pytest.fixture(scope="module")
def lex():
    return load_actors()


@pytest.mark.parametrize("alias, actor", [
    ("U.S.", "United States"), ("US", "United States"), ("American", "United States"),
    ("USAF", "United States"), ("U.S. Navy", "United States"), ("United States", "United States"),
    ("RAF", "United Kingdom"), ("Operation Shader", "United Kingdom"), ("British", "United Kingdom"),
    ("RAAF", "Australia"), ("Operation Okra", "Australia"),
    ("Opération Chammal", "France"), ("Operation Impact", "Canada"), ("CF-18s", "Canada"),
    ("Peshmerga", "Kurdistan Region"), ("Hashd", "Popular Mobilization Forces"),
    ("Popular Mobilization Forces", "Popular Mobilization Forces"), ("PMF", "Popular Mobilization Forces"),
    ("SDF", "Syrian Democratic Forces"), ("ISIS", "ISIL"), ("IS", "ISIL"), ("Daesh", "ISIL"),
    ("Da'esh", "ISIL"), ("Islamic State", "ISIL"), ("ISIL", "ISIL"), ("coalition", "Coalition"),
    ("Iraqi Army", "Iraq"), ("ISF", "Iraq"), ("Iraqi forces", "Iraq"), ("Belgian", "Belgium"),
    ("Dutch", "Netherlands"), ("Danes", ""),
])
def test_aliases_normalise(lex, alias, actor):
    found = lex.find(f"Reports say {alias} aircraft were involved.")
    assert [m.actor for m in found] == ([actor] if actor else [])


def test_longest_alias_wins_and_offsets_point_at_the_text(lex):
    text = "Iraqi Kurdish forces and the U.S.-led coalition fought the Islamic State of Iraq and the Levant."
    found = lex.find(text)
    assert [(m.text, m.actor) for m in found] == [
        ("Iraqi Kurdish forces", "Kurdistan Region"), ("U.S.-led coalition", "Coalition"),
        ("Islamic State of Iraq and the Levant", "ISIL")]
    assert all(text[m.start:m.end] == m.text for m in found)


def test_short_acronyms_only_as_uppercase_standalone_tokens(lex):
    assert lex.find("this is us, thus it is") == []
    assert [m.actor for m in lex.find("IS fighters")] == ["ISIL"]
    assert lex.find("THIS IS WAR") == []
    assert lex.find("ISIS-held") and lex.find("ISIS-held")[0].actor == "ISIL"


def test_plural_demonyms(lex):
    assert [m.actor for m in lex.find("Canadians and Australians")] == ["Canada", "Australia"]


def test_every_actor_has_a_known_side_and_a_colour(lex):
    sides = {"coalition", "ISIL", "Iraqi government", "Kurdish", "Syrian government and allies", "other"}
    assert set(lex.side_colors) == sides
    for actor in lex.actors.values():
        assert actor.side in sides, actor
        assert actor.color.startswith("#") and len(actor.color) == 7, actor
    assert lex.side("United Kingdom") == "coalition"
    assert lex.side("ISIL") == "ISIL"
    assert lex.side("Russia") == "Syrian government and allies"
    assert lex.side("Peshmerga") == "other"      # a name that is not normalised is unknown
    assert lex.side(lex.normalize("Peshmerga")) == "Kurdish"


def test_normalize_and_government_of(lex):
    assert lex.normalize("raf") == "United Kingdom"
    assert lex.normalize("Nobody") == ""
    assert lex.government_of("IQ") == "Iraq"
    assert lex.government_of("sy") == "Syria"


def test_air_power_per_side(lex):
    assert lex.has_air_power("United States") and lex.has_air_power("Iraq")
    assert not lex.has_air_power("ISIL")


def test_outside_powers_do_not_contest_territory_but_the_belligerents_do(lex):
    # data/sides.csv contests_territory, overridden per actor in data/actors.csv (Turkey holds ground).
    for actor in ("ISIL", "Iraq", "Kurdistan Region", "Syrian Democratic Forces", "Syria", "Libya"):
        assert lex.contests_territory(actor), actor
    for actor in ("United States", "United Kingdom", "Coalition", "Russia", ""):
        assert not lex.contests_territory(actor), actor
    assert lex.contests_territory("Turkey")


def test_command_names_and_israel_are_actors(lex):
    assert [m.actor for m in lex.find("AFRICOM said it carried out 495 airstrikes")] == ["United States"]
    assert [m.actor for m in lex.find("blaming Israel and the United States")] == ["Israel", "United States"]
