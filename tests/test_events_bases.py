"""Air bases from list items and prose, carriers as sea positions; involvement from a wikitable."""

from datetime import date

from eventkit import PLACES, make_doc

from geo.bases import build_bases
from geo.involvement import from_wikitext
from geo.model import DateSpan, Event, SourceRef


def test_base_list_items_give_bases_with_users():
    doc, mentions = make_doc("000.txt", [
        ("Shaheed Mwaffaq Air Base, Jordan (also used by Belgium and Netherlands)", [],
         ["Shaheed Mwaffaq Air Base", "Jordan"]),
        ("Ali Al Salem Air Base, Kuwait (used by Denmark, Canada and Italy)", [], []),
    ])
    rows = {r["name"]: r for r in build_bases([doc], mentions, [])}
    smab = rows["Shaheed Mwaffaq Air Base"]
    assert smab["users"] == "Belgium; Netherlands"
    assert (smab["kind"], smab["country"], smab["place_id"]) == ("airbase", "JO", "t:smab")
    assert smab["source_refs"] == "000.txt:1" and smab["sources"] == 1
    # Not in the gazetteer: still listed, with its country, but without coordinates.
    salem = rows["Ali Al Salem Air Base"]
    assert salem["users"] == "Denmark; Canada; Italy" and salem["country"] == "KW"
    assert salem["lat"] is None


def test_prose_base_use_adds_users_and_period():
    doc, mentions = make_doc("000.txt", [
        ("Shaheed Mwaffaq Air Base, Jordan (also used by Belgium)", [], ["Shaheed Mwaffaq Air Base"]),
    ])
    use = Event("e", "base_use", DateSpan(date(2016, 1, 1), date(2016, 1, 31), "month"),
                PLACES["Shaheed Mwaffaq Air Base"], actor="Netherlands", evidence="Dutch F-16s operate from ...",
                sources=(SourceRef("002.txt", 168),))
    [row] = build_bases([doc], mentions, [use])
    assert row["users"] == "Belgium; Netherlands"
    assert (row["start"], row["end"]) == ("2016-01-01", "2016-01-31")
    assert row["sources"] == 2 and row["source_refs"] == "000.txt:1; 002.txt:168"


def test_carriers_are_sea_positions_with_their_period():
    doc, mentions = make_doc("000.txt", [
        ("USS George H.W. Bush (CVN-77) in the Persian Gulf until mid October 2014",
         [("2014-10", "mid October 2014")], []),
        ("USS Carl Vinson (CVN-70) deployed to the Persian Gulf from mid October 2014",
         [("2014-10", "mid October 2014")], []),
    ])
    rows = {r["name"]: r for r in build_bases([doc], mentions, [])}
    bush, vinson = rows["USS George H.W. Bush"], rows["USS Carl Vinson"]
    assert bush["kind"] == vinson["kind"] == "carrier"
    assert bush["users"] == "United States"
    assert bush["end"] == "2014-10-31" and bush["start"] == ""
    assert vinson["start"] == "2014-10-01" and vinson["end"] == ""
    assert 26 < bush["lat"] < 28 and 50 < bush["lon"] < 53     # open water, data/seas.csv


WIKITABLE = """text before
{| class="wikitable"
|-
! Country !! style="width:15%;"|In Iraq !! style="width:15%;"|In Syria
|-
| align=left| {{#invoke:flag||Canada}} || style="background:darkred"| || style="background:slateblue"|
|-
| align=left| {{#invoke:flag||Turkey}} || — || style="background:forestgreen"|<ref>x</ref>
|}
"""


def test_involvement_from_wikitable_colours():
    rows = from_wikitext(WIKITABLE, "001.txt")
    got = {(r["country"], r["theatre"]): r for r in rows}
    assert set(got) == {("Canada", "Iraq"), ("Canada", "Syria"), ("Turkey", "Syria")}
    assert got[("Canada", "Iraq")]["military"] and not got[("Canada", "Iraq")]["humanitarian"]
    assert got[("Canada", "Syria")]["humanitarian"]
    assert got[("Turkey", "Syria")]["intelligence"] and got[("Turkey", "Syria")]["iso_a2"] == "TR"
    assert got[("Canada", "Iraq")]["line"] == 6
