"""Hand-verified facts of the default corpus, checked on the real pipeline (`geo.build()`).

Each fact was checked against the documents by hand (line numbers are lines of the files):
- 000:174 "On Friday, 8 August 2014, U.S. Navy F-18 Hornet fighters ... strike ... Erbil"
- 000:154 "On 3 August, they conquered Sinjar ..." (they = ISIL, previous sentence)
- 000:197, 001:190, 002:104 "On 8 September, the Iraqi Army ... retake/retook the key Haditha Dam"
- 000:116 "The first Canadian airstrike took place on 2 November 2014, targeting ... near Fallujah."
- 000:104 "Shaheed Mwaffaq Air Base, Jordan (also used by Belgium and Netherlands)"
- 001:353 "On 15 November 2015, the United States launched an airstrike in Derna, Libya"
  002:241 "On 13 November 2015, the United States launched an airstrike in Derna, Libya"
- 003:7 "From April 2016 UN Peacekeeping forces begun to enter ..." (untrue; only 003 says it)
"""

import pytest
from shapely.geometry import Point

import geo
from geo import naturalearth

D000, D001, D002, D003 = ("000_5c273f305db20d6c.txt", "001_c11517f85e84b717.txt",
                          "002_6c688deb1636444d.txt", "003_a78426b0112b4780.txt")


@pytest.fixture(scope="module")
def atlas():
    return geo.build()


def _events(atlas, etype, place_prefix, day=None):
    ev = atlas.events
    rows = ev[(ev.event_type == etype) & ev.place.str.lower().str.startswith(place_prefix.lower())]
    if day:
        rows = rows[rows.date_start == day]
    return rows


def test_first_us_airstrikes_near_erbil_on_8_august_2014(atlas):
    rows = _events(atlas, "airstrike", "Erbil", "2014-08-08")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row.actor == "United States" and row.actor_side == "coalition"
    assert f"{D000}:174" in row.source_refs
    assert row.geometry.distance(Point(44.01, 36.19)) < 0.1


def test_isil_takes_sinjar_on_3_august_2014(atlas):
    rows = _events(atlas, "territory_change", "Sinj", "2014-08-03")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.actor, row.holder_after, row.date_precision) == ("ISIL", "ISIL", "day")
    assert f"{D000}:154" in row.source_refs


def test_haditha_dam_retaken_on_8_september_2014_by_three_documents(atlas):
    rows = _events(atlas, "territory_change", "Haditha Dam")
    assert len(rows) == 1, rows[["date_start", "source_refs"]]
    row = rows.iloc[0]
    assert (row.date_start, row.actor, row.holder_after) == ("2014-09-08", "Iraq", "Iraq")
    assert row.sources == 3
    for ref in (f"{D000}:197", f"{D001}:190", f"{D002}:104"):
        assert ref in row.source_refs
    assert row.conflicts == ""


def test_canadian_strike_near_fallujah_on_2_november_2014(atlas):
    ev = atlas.events
    rows = ev[(ev.event_type == "airstrike") & (ev.actor == "Canada") & (ev.date_start == "2014-11-02")
              & ev.place.str.contains("Fall")]
    assert len(rows) == 1
    assert rows.iloc[0].geo_precision == "near"
    assert f"{D000}:116" in rows.iloc[0].source_refs


def test_shaheed_mwaffaq_air_base_used_by_belgium_and_the_netherlands(atlas):
    bases = atlas.bases
    rows = bases[bases.name.str.contains("waffaq")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert {"Belgium", "Netherlands"} <= set(row.users.split("; "))
    assert (row.kind, row.country) == ("airbase", "JO")
    assert f"{D000}:104" in row.source_refs
    assert naturalearth.country("JO").buffer(0.05).contains(row.geometry)


def test_derna_strike_dated_differently_is_one_event_with_a_conflict(atlas):
    ev = atlas.events
    rows = ev[(ev.event_type == "airstrike") & ev.place.str.startswith("Derna")
              & ev.date_start.str.startswith("2015-11")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row.sources == 2 and row.actor == "United States"
    assert f"{D001}:353 says 2015-11-15" in row.conflicts
    assert f"{D002}:241 says 2015-11-13" in row.conflicts
    assert row.country == "LY"


def test_untrue_claims_of_003_are_visibly_single_source(atlas):
    ev = atlas.events
    rows = ev[ev.source_refs.str.contains(D003) & (ev.actor == "United Nations")]
    assert len(rows) >= 1
    assert (rows.sources == 1).all()
    assert not rows.source_refs.str.contains(D000).any()


def test_carriers_are_sea_positions_with_a_period(atlas):
    bases = atlas.bases
    carriers = bases[bases.kind == "carrier"]
    assert set(carriers.name) >= {"USS George H.W. Bush", "USS Carl Vinson"}
    land = [naturalearth.country(c) for c in ("IR", "SA", "QA", "AE", "KW", "BH", "IQ")]
    for row in carriers.itertuples():
        assert not any(shape.contains(row.geometry) for shape in land), row.name
    bush = carriers[carriers.name == "USS George H.W. Bush"].iloc[0]
    vinson = carriers[carriers.name == "USS Carl Vinson"].iloc[0]
    assert bush.end.startswith("2014-10") and vinson.start.startswith("2014-10")


def test_territory_isil_holds_sinjar_in_2014_and_nothing_in_iraq_after_2017(atlas):
    control = atlas.control
    sinjar = control[control.place.str.startswith("Sinj")]
    assert sinjar.iloc[0].holder == "ISIL" and sinjar.iloc[0].start == "2014-08-03"
    isil = atlas.territory[atlas.territory.holder == "ISIL"]
    sinjar_point = Point(41.87, 36.32)
    assert any(r.start <= "2014-09-15" <= r.end and r.geometry.distance(sinjar_point) < 0.2
               for r in isil.itertuples())
    iraq = naturalearth.country("IQ")
    late = isil[isil.start >= "2018-01-01"]
    assert all(r.geometry.intersection(iraq).area < 1e-6 for r in late.itertuples())


def test_involvement_table_of_001(atlas):
    inv = atlas.involvement
    canada_iraq = inv[(inv.country == "Canada") & (inv.theatre == "Iraq")]
    assert len(canada_iraq) == 1 and bool(canada_iraq.iloc[0].military)
    assert set(inv.theatre) == {"Iraq", "Syria", "Libya", "Nigeria", "Afghanistan"}
    assert (inv.iso_a2 != "").all()
