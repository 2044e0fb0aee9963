"""Exports: RFC 7946 GeoJSON (validated), CSV with the contract's columns, GeoPackage in EPSG:4326,
filters, the `geo export` command and `geo build` output files on a small document."""

import argparse
import csv
import json

import geojson_validator
import geopandas as gpd
import pyogrio
import pytest
from eventkit import PLACES, day
from shapely.geometry import Polygon

from geo.commands import export as export_cmd
from geo.errors import ExportError
from geo.export import (EVENT_COLUMNS, events_frame, filter_frame, frame, geojson_text, write_csv,
                        write_geojson, write_gpkg)
from geo.model import Event, SourceRef

CONTRACT = ["event_id", "doc", "line", "date_start", "date_end", "date_precision", "event_type", "actor",
            "target", "place", "place_id", "country", "lat", "lon", "geo_precision", "holder_after",
            "sources", "conflicts", "evidence"]


def _events():
    return [
        Event("e1", "airstrike", day("2014-08-08"), PLACES["Erbil"], actor="United States", target="ISIL",
              geo_precision="near", evidence="Airstrikes near Erbil.",
              sources=(SourceRef("000.txt", 174), SourceRef("001.txt", 170)), place_text="Erbil"),
        Event("e2", "territory_change", day("2014-08-03"), PLACES["Sinjar"], actor="ISIL", holder_after="ISIL",
              evidence="They conquered Sinjar.", sources=(SourceRef("000.txt", 154),), place_text="Sinjar"),
        Event("e3", "airstrike", day("2015-11-15"), None, actor="United Kingdom", evidence="RAF struck Nowhereville.",
              sources=(SourceRef("003.txt", 9),), place_text="Nowhereville", conflicts="x says y"),
    ]


def _validate(path):
    data = json.loads(path.read_text())
    assert "crs" not in data
    assert geojson_validator.validate_structure(data) == {}
    result = geojson_validator.validate_geometries(data)
    assert result["invalid"] == {} and result["problematic"] == {}
    for feat in data["features"]:
        assert all(not isinstance(v, (dict, list)) for v in feat["properties"].values()), "flat properties"
    return data


def test_events_geojson_is_rfc7946_and_reads_back(tmp_path):
    path = write_geojson(events_frame(_events()), tmp_path / "events.geojson")
    data = _validate(path)
    # The unplaced event is in the CSV only; lon comes before lat.
    assert [f["properties"]["event_id"] for f in data["features"]] == ["e1", "e2"]
    assert data["features"][0]["geometry"]["coordinates"] == [44.01, 36.19]
    back = gpd.read_file(path, engine="pyogrio")
    assert back.crs.to_epsg() == 4326 and len(back) == 2
    assert back.loc[0, "date_start"] in ("2014-08-08",) or str(back.loc[0, "date_start"])[:10] == "2014-08-08"
    assert pyogrio.read_info(path)["features"] == 2


def test_events_csv_has_contract_columns_and_every_source(tmp_path):
    path = write_csv(events_frame(_events()), tmp_path / "events.csv")
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:len(CONTRACT)] == CONTRACT == EVENT_COLUMNS[:len(CONTRACT)]
    assert {"source_refs", "actor_side", "actor_color"} <= set(rows[0])
    e1 = rows[0]
    assert e1["sources"] == "2" and e1["source_refs"] == "000.txt:174; 001.txt:170"
    assert (e1["doc"], e1["line"], e1["actor_side"]) == ("000.txt", "174", "coalition")
    unplaced = rows[2]
    assert unplaced["place"] == "Nowhereville" and unplaced["lat"] == "" and unplaced["lon"] == ""
    assert unplaced["conflicts"] == "x says y"


def test_polygons_follow_the_right_hand_rule(tmp_path):
    clockwise = Polygon([(40, 30), (40, 31), (41, 31), (41, 30), (40, 30)])
    gdf = frame([{"holder": "ISIL", "start": "2014-06-01", "end": "2014-06-30"}], geometry=[clockwise])
    data = json.loads(geojson_text(gdf))
    ring = data["features"][0]["geometry"]["coordinates"][0]
    signed = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))
    assert signed > 0, "exterior ring must be counter-clockwise"
    path = tmp_path / "t.geojson"
    path.write_text(geojson_text(gdf))
    _validate(path)


def test_geopackage_opens_with_epsg_4326(tmp_path):
    path = write_gpkg(events_frame(_events()), tmp_path / "events.gpkg", "events")
    back = gpd.read_file(path, layer="events")
    assert back.crs.to_epsg() == 4326
    assert sorted(back["event_id"]) == ["e1", "e2"]
    assert not list(tmp_path.glob(".events*")), "no temporary file left behind"


def test_filters_year_actor_type_and_dates():
    gdf = events_frame(_events())
    assert list(filter_frame(gdf, year=2014)["event_id"]) == ["e1", "e2"]
    assert list(filter_frame(gdf, actor="RAF")["event_id"]) == ["e3"]
    assert list(filter_frame(gdf, actor="U.S.")["event_id"]) == ["e1"]
    assert list(filter_frame(gdf, event_type="territory_change")["event_id"]) == ["e2"]
    assert list(filter_frame(gdf, date_from="2014-08-05", date_to="2014-12-31")["event_id"]) == ["e1"]
    with pytest.raises(ExportError, match="--from"):
        filter_frame(gdf, date_from="last week")


def _run_export(argv):
    parser = argparse.ArgumentParser()
    export_cmd.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["export", *argv])
    return args.func(args)


DOC = ("== Timeline ==\n"
       "On 3 August 2014, ISIL conquered Sinjar.\n"
       "On 8 August 2014, U.S. aircraft struck ISIL artillery near Erbil.\n"
       "By December 2017, ISIL had no remaining territory in Iraq.\n")


@pytest.fixture(scope="module")
def small_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("docs") / "note.txt"
    path.write_text(DOC)
    return path


@pytest.mark.parametrize("layer, fmt", [("events", "geojson"), ("territory", "geojson"), ("events", "gpkg"),
                                        ("places", "csv"), ("bases", "geojson")])
def test_geo_export_command_writes_each_layer(tmp_path, small_doc, capsys, layer, fmt):
    out = tmp_path / f"{layer}.{fmt}"
    assert _run_export([str(small_doc), "--layer", layer, "--format", fmt, "-o", str(out)]) == 0
    assert out.exists()
    if fmt == "geojson":
        _validate(out)
    if fmt == "gpkg":
        assert gpd.read_file(out).crs.to_epsg() == 4326


def test_geo_export_filters_by_year_and_type(tmp_path, small_doc):
    out = tmp_path / "e.geojson"
    _run_export([str(small_doc), "--layer", "events", "-o", str(out), "--year", "2014", "--type", "airstrike"])
    feats = json.loads(out.read_text())["features"]
    assert [f["properties"]["place"] for f in feats] == ["Erbil"]
    assert feats[0]["properties"]["actor"] == "United States"


def test_geo_export_rejects_unknown_type(tmp_path, small_doc):
    with pytest.raises(ExportError, match="unknown event type"):
        _run_export([str(small_doc), "--layer", "events", "-o", str(tmp_path / "x.csv"), "--type", "picnic"])


def test_build_outputs_writes_the_contract_files(tmp_path, small_doc):
    from geo.pipeline import build_outputs

    out = tmp_path / "maps"
    written = build_outputs([small_doc], out, with_map=False)
    names = {p.name for p in written}
    assert {"events.geojson", "events.csv", "mentions.csv", "places.geojson", "bases.geojson",
            "territory.geojson", "involvement.csv", "unresolved.csv"} <= names
    for name in ("events.geojson", "places.geojson", "bases.geojson", "territory.geojson"):
        _validate(out / name)
    with open(out / "events.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:len(CONTRACT)] == CONTRACT
    sinjar = [r for r in rows if r["event_type"] == "territory_change" and r["place"].startswith("Sinj")]
    assert sinjar and sinjar[0]["holder_after"] == "ISIL" and sinjar[0]["date_start"] == "2014-08-03"
    territory = json.loads((out / "territory.geojson").read_text())["features"]
    isil = [f["properties"] for f in territory if f["properties"]["holder"] == "ISIL"]
    assert isil and isil[0]["start"] == "2014-08-01" and isil[-1]["end"] <= "2017-12-31"
    with open(out / "mentions.csv", newline="") as f:
        header = next(csv.reader(f))
    assert header == ["doc", "line", "start", "end", "text", "place_id", "name", "kind", "country", "lat",
                      "lon", "source", "confidence"]


def test_build_with_nothing_readable_is_one_error_and_writes_nothing(tmp_path):
    from geo.errors import InputError
    from geo.pipeline import build_outputs

    bad = tmp_path / "docs"
    bad.mkdir()
    (bad / "bad.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(InputError, match="no readable documents"):
        build_outputs([bad], tmp_path / "out", with_map=False)
    assert not (tmp_path / "out").exists()
