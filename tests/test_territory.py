"""Territorial control: timeline per place, country-wide statements, monthly polygons, user polygons."""

import json
from datetime import date

from eventkit import PLACES, day, month
from shapely.geometry import Point, shape

from geo import naturalearth
from geo.model import DateSpan, Event, SourceRef
from geo.territory import control_features, load_user_polygons, timeline


def change(place, holder, span, actor=None, doc="000.txt", line=1):
    return Event(f"{place}-{span.start}", "territory_change", span, PLACES[place], actor=actor or holder,
                 holder_after=holder, geo_precision="country" if PLACES[place].kind == "country" else "place",
                 sources=(SourceRef(doc, line),), place_text=place)


EVENTS = [
    change("Mosul", "ISIL", day("2014-06-10"), line=22),
    change("Sinjar", "ISIL", day("2014-08-03"), line=154),
    change("Sinjar", "Kurdistan Region", day("2015-11-13"), line=260),
    change("Tikrit", "ISIL", day("2014-06-11")),
    change("Tikrit", "Iraq", day("2015-03-31")),
    change("Iraq", "Iraq", month(2017, 12), actor="ISIL", line=2),
]


def test_timeline_per_place_with_periods_and_sources():
    lines = timeline(EVENTS)
    sinjar = lines["t:sinjar"]
    assert [(c.holder, c.start, c.end) for c in sinjar] == [
        ("ISIL", date(2014, 8, 3), date(2015, 11, 12)), ("Kurdistan Region", date(2015, 11, 13), None)]
    assert sinjar[0].refs == ["000.txt:154"]


def test_country_wide_statement_ends_isil_control_everywhere_in_that_country_only():
    lines = timeline(EVENTS)
    mosul = lines["t:mosul"]
    assert [(c.holder, c.start) for c in mosul] == [("ISIL", date(2014, 6, 10)), ("Iraq", date(2017, 12, 1))]
    assert mosul[-1].refs == ["000.txt:2"]
    # Kurdish-held Sinjar is not handed to Baghdad by "ISIL had no territory left".
    assert lines["t:sinjar"][-1].holder == "Kurdistan Region"
    assert "t:iraq" not in lines


def test_by_qualifier_dates_the_change_at_the_end_of_the_span():
    by = DateSpan(date(2017, 12, 1), date(2017, 12, 31), "month", "By December 2017", 0, 16)
    object.__setattr__(by, "qualifier", "by")
    lines = timeline([change("Mosul", "ISIL", day("2014-06-10")), change("Iraq", "Iraq", by, actor="ISIL")])
    assert lines["t:mosul"][-1].start == date(2017, 12, 31)


def test_monthly_features_clipped_to_the_country_and_merged_over_unchanged_months():
    feats = control_features(EVENTS, horizon=date(2018, 1, 31))
    isil = [f for f in feats if f["holder"] == "ISIL"]
    assert isil[0]["start"] == "2014-06-01"
    assert all(f["side"] == "ISIL" and f["color"].startswith("#") for f in isil)
    # Months with the same holdings become one feature with start/end.
    spans = [(f["start"], f["end"]) for f in isil]
    assert ("2014-08-01", "2015-02-28") in spans   # Tikrit changes hands on 31 March
    assert all(f["end"] <= "2017-11-30" for f in isil)      # nothing held after the country-wide loss
    iraq = shape(naturalearth.country("IQ").__geo_interface__)
    for f in feats:
        g = f["geometry"]
        assert g.is_valid and not g.is_empty
        assert g.difference(iraq.buffer(1e-6)).area < 1e-6, "area leaks outside Iraq"
    assert any(f["holder"] == "Iraq" and f["end"] == "2018-01-31" for f in feats)
    refs = next(f for f in isil if f["start"] == "2014-08-01")["source_refs"]
    assert "000.txt:154" in refs and "000.txt:22" in refs


def test_no_territory_changes_no_features():
    assert control_features([], horizon=date(2020, 1, 1)) == []


def test_user_polygons_replace_the_derived_area_for_their_period(tmp_path):
    square = {"type": "Polygon", "coordinates": [[[42, 35], [44, 35], [44, 37], [42, 37], [42, 35]]]}
    path = tmp_path / "control.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": square,
         "properties": {"holder": "ISIL", "start": "2015-01-01", "end": "2015-02-28"}}]}))
    polys = load_user_polygons(path)
    feats = control_features(EVENTS, horizon=date(2016, 1, 31), user_polygons=polys)
    jan = [f for f in feats if f["holder"] == "ISIL" and f["start"] <= "2015-01-15" <= f["end"]]
    assert len(jan) == 1 and jan[0]["source_refs"] == "control.geojson#0"
    assert abs(jan[0]["geometry"].area - 4.0) < 1e-9
    march = [f for f in feats if f["holder"] == "ISIL" and f["start"] <= "2015-03-15" <= f["end"]]
    assert march and march[0]["source_refs"] != "control.geojson#0"
    # Other holders lose the user's area during its period.
    iraq_jan = [f for f in feats if f["holder"] == "Iraq" and f["start"] <= "2015-01-15" <= f["end"]]
    for f in iraq_jan:
        assert f["geometry"].intersection(shape(square)).area < 1e-9


def test_bad_user_polygons_file_is_one_clear_error(tmp_path):
    import pytest

    from geo.errors import InputError

    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": None, "properties": {"holder": "ISIL"}}]}))
    with pytest.raises(InputError, match="holder, start, end"):
        load_user_polygons(path)


def test_natural_earth_countries_decode():
    iq = naturalearth.country("IQ")
    assert iq.contains(Point(44.36, 33.31))          # Baghdad
    assert not iq.contains(Point(36.3, 33.5))        # Damascus
    assert naturalearth.country("LY").contains(Point(14.43, 27.03))   # Sabha
