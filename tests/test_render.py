"""Atlas rendering without a browser: date labels, colours, JSON escaping, asset inlining,
basemap decoding, empty inputs, and the `geo map` filters."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
import pytest

from geo.errors import AssetError, ExportError, InputError
from geo.render import assets, basemap, build_atlas_html, synthetic, write_atlas
from geo.render.atlas import script_json
from geo.render.labels import date_label, year_of
from geo.render.palette import color_for
from geo.render.select import narrow, read_exports


@pytest.mark.parametrize("start, end, precision, label", [
    ("2014-08-08", "2014-08-08", "day", "8 August 2014"),
    ("2014-06-05", "2014-06-11", "range", "5\u201311 June 2014"),
    ("2014-06-28", "2014-07-03", "range", "28 June \u2013 3 July 2014"),
    ("2014-08-01", "2014-08-31", "month", "August 2014"),
    ("2014-08", "", "month", "August 2014"),
    ("2015-06-01", "2015-08-31", "season", "summer 2015"),
    ("2016-01-01", "2016-12-31", "year", "2016"),
    ("", "", "day", "undated"),
    ("garbage", None, "day", "undated"),
])
def test_date_label_keeps_precision(start, end, precision, label):
    assert date_label(start, end, precision) == label


def test_year_of():
    assert year_of("2015-03-02") == "2015"
    assert year_of(pd.NaT) == "undated"


def test_colours_prefer_row_then_palette_then_stable_hash():
    assert color_for("France", "#ABCDEF") == "#abcdef"
    assert color_for("France", "red; background:url(x)") == "#0055a4"
    assert color_for("Some militia") == color_for("Some militia")
    assert re.fullmatch(r"#[0-9a-f]{6}", color_for("Some militia"))


def test_script_json_cannot_close_the_script_tag():
    text = script_json({"e": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["e"] == "</script><script>alert(1)</script> & <!--"


def test_topojson_decoder_on_world_atlas():
    countries = basemap.countries("110m")
    names = {f["properties"]["name"] for f in countries["features"]}
    assert {"Iraq", "Syria", "France"} <= names
    iraq = next(f for f in countries["features"] if f["properties"]["name"] == "Iraq")
    ring = iraq["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1]  # closed
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    assert 38 < min(lons) < 40 and 48 < max(lons) < 49 and 29 < min(lats) < 30 and 37 < max(lats) < 38


def test_topojson_reversed_arcs():
    topology = {"type": "Topology", "arcs": [[[0, 0], [1, 0], [1, 1]], [[1, 1], [0, 1], [0, 0]]],
                "objects": {"x": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "properties": {"name": "a"}},
                    {"type": "Polygon", "arcs": [[~1, ~0]], "properties": {"name": "b"}}]}}}
    fc = basemap.topology_to_geojson(topology, "x")
    assert fc["features"][0]["geometry"]["coordinates"][0] == [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    assert fc["features"][1]["geometry"]["coordinates"][0] == [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]


def test_inliner_fails_loudly_on_unknown_url():
    with pytest.raises(AssetError, match="unknown map asset URL"):
        assets.inline_assets('<script src="https://cdn.example.org/evil.js"></script>')
    with pytest.raises(AssetError, match="unknown map asset URL"):
        assets.inline_assets('<link rel="stylesheet" href="https://cdn.example.org/x.css"/>')


def test_inliner_embeds_css_images_as_data_uris():
    html = assets.inline_assets(
        '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"/>')
    assert "url(\"data:image/png;base64," in html
    assert "images/layers.png" not in html


@pytest.fixture(scope="module")
def inputs():
    return (synthetic.events_frame(120, seed=3, xss=True), synthetic.bases_frame(xss=True),
            synthetic.territory_frame(), synthetic.involvement_frame())


@pytest.fixture(scope="module")
def page(inputs):
    return build_atlas_html(*inputs, title="T <script>x</script>")


def test_self_contained_html_has_no_external_script_or_stylesheet(page):
    assert assets.external_urls(page) == []
    assert not re.search(r"<(script|link)[^>]+(src|href)=[\"']https?:", page)
    assert "cdn.jsdelivr" not in page and "netdna" not in page and "cdnjs" not in page


def test_document_text_never_reaches_the_html_raw(page):
    for payload in synthetic.XSS:
        assert payload not in page
    assert "<title>T &lt;script&gt;x&lt;/script&gt;</title>" in page
    assert "\\u003cscript\\u003ewindow.pwned=1" in page  # present only as escaped JSON
    data = re.search(r'id="geo-atlas-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in data


def test_payload_holds_every_event_and_the_ready_signal_is_last(page, inputs):
    data = json.loads(re.search(r'id="geo-atlas-data">(.*?)</script>', page, re.S).group(1))
    assert len(data["events"]["cols"]["id"]) == len(inputs[0])
    assert data["events"]["years"] == ["2014", "2015", "2016", "2017", "2018"]
    script = page.rsplit("<script>", 1)[1]
    lines = [line.strip() for line in script.splitlines() if line.strip()]
    assert lines[-2:] == ["</script>", "</html>"] and lines[-3].startswith("geoAtlasBoot(")


def test_cdn_version_is_small_and_links_only_used_assets(inputs):
    html = build_atlas_html(*inputs, cdn=True)
    urls = assets.external_urls(html)
    assert urls and all(assets.lookup(u).action == "inline" for u in urls)
    assert len(html) < 600_000


def test_empty_inputs_still_make_a_map(tmp_path):
    empty = gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
    path = write_atlas(tmp_path / "a.html", empty, empty, empty, None)
    text = path.read_text(encoding="utf-8")
    assert "geoAtlasBoot(" in text and assets.external_urls(text) == []


def test_events_without_coordinates_are_counted_not_drawn(inputs):
    events = inputs[0].copy()
    events.loc[events.index[:5], "geometry"] = None
    events.loc[events.index[:5], ["lat", "lon"]] = float("nan")
    html = build_atlas_html(events, inputs[1], inputs[2], None)
    data = json.loads(re.search(r'id="geo-atlas-data">(.*?)</script>', html, re.S).group(1))
    assert data["events"]["undrawn"] == 5
    assert len(data["events"]["cols"]["id"]) == len(events) - 5


def _exports(tmp_path, inputs):
    events, bases, territory, involvement = inputs
    (tmp_path / "events.geojson").write_text(events.to_json(), encoding="utf-8")
    (tmp_path / "bases.geojson").write_text(bases.to_json(), encoding="utf-8")
    (tmp_path / "territory.geojson").write_text(territory.to_json(), encoding="utf-8")
    involvement.to_csv(tmp_path / "involvement.csv", index=False)
    return read_exports(tmp_path)


def test_narrow_by_year_actor_and_layer(tmp_path, inputs):
    read = _exports(tmp_path, inputs)
    events = inputs[0]
    only = narrow(read, years=["2015"], actors=["france", "Russia"])
    expected = events[(events["date_start"].str[:4] == "2015") & events["actor"].isin(["France", "Russia"])]
    assert sorted(only.events["event_id"]) == sorted(expected["event_id"])
    assert set(only.bases["name"]) == {"Muwaffaq Salti Air Base", "Khmeimim Air Base", synthetic.XSS[0]}
    layer = narrow(read, layers=["airstrikes", "territory"])
    assert set(layer.events["event_type"]) == {"airstrike"}
    assert len(layer.bases) == 0 and len(layer.territory) == len(inputs[2]) and layer.involvement is None
    with pytest.raises(ExportError, match="unknown layer"):
        narrow(read, layers=["nope"])


def test_read_exports_needs_events(tmp_path):
    with pytest.raises(InputError, match="geo build"):
        read_exports(tmp_path)


def test_map_command_writes_filtered_atlas(tmp_path, inputs, capsys):
    import argparse

    from geo.commands import map as map_command

    _exports(tmp_path, inputs)
    parser = argparse.ArgumentParser()
    map_command.register(parser.add_subparsers())
    args = parser.parse_args(["map", "--from", str(tmp_path), "--year", "2016", "-o", str(tmp_path / "m.html")])
    assert args.func(args) == 0
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="geo-atlas-data">(.*?)</script>', html, re.S).group(1))
    assert data["events"]["years"] == ["2016"]
    assert "m.html" in capsys.readouterr().out


def test_big_payload_is_gzip_base64_and_round_trips():
    import base64
    import gzip

    from geo.render.atlas import data_script

    payload = {"e": ["</script> <b>x</b>"] * 50}
    small = data_script(payload)
    assert 'type="application/json"' in small
    big = data_script(payload, compress_over=10)
    body = re.search(r'data-encoding="gzip-base64">(.*?)</script>', big).group(1)
    assert json.loads(gzip.decompress(base64.b64decode(body))) == payload


def test_blank_actor_and_date_get_explicit_labels(inputs):
    from geo.render.layers import ActorTable, events_payload

    events = inputs[0].head(3).copy()
    events.loc[events.index[0], ["actor", "date_start", "date_end"]] = ["", "", ""]
    actors = ActorTable()
    data = events_payload(events, actors)
    assert actors.rows[data["cols"]["actor"][0]]["name"] == "unknown actor"
    assert data["years"][data["cols"]["year"][0]] == "undated"
    assert data["strings"][data["cols"]["date"][0]] == "undated"


def test_territory_periods_cover_whole_days():
    from geo.render.layers import territory_geojson

    feature = territory_geojson(synthetic.territory_frame(), "2014-01-01", "2018-12-31")["features"][1]
    assert feature["properties"]["start"] == "2017-07-10T00:00:00Z"
    assert feature["properties"]["end"] == "2018-12-31T23:59:59Z"  # open end: to the data's end


def test_territory_geometry_keeps_ring_order_and_rounds_to_four_places():
    from shapely.geometry import MultiPolygon, Polygon

    from geo.render.layers import rounded_geometry

    shell = [(40.123456, 33.0), (40.0, 34.765432), (41.00005, 34.0), (41.0, 33.0)]   # clockwise
    hole = [(40.2, 33.2), (40.4, 33.2), (40.4, 33.4), (40.2, 33.4)]
    polygon = Polygon(shell, [hole])
    got = rounded_geometry(MultiPolygon([polygon, Polygon([(44, 36), (45, 36), (45, 37)])]))
    assert got["type"] == "MultiPolygon" and len(got["coordinates"]) == 2
    exterior, interior = got["coordinates"][0]
    assert exterior[:3] == [[40.1235, 33.0], [40.0, 34.7654], [round(41.00005, 4), 34.0]]
    assert exterior[0] == exterior[-1] and len(interior) == 5
    assert rounded_geometry(polygon)["coordinates"] == got["coordinates"][0]


def test_territory_text_reaches_the_page_as_data_not_template(inputs):
    territory = inputs[2].copy()
    territory.loc[territory.index[0], "source_refs"] = "{{ oops }} {% if %} <b>"
    html = build_atlas_html(inputs[0], inputs[1], territory, None)
    assert "{{ oops }} {% if %} \\u003cb\\u003e" in html and "<b>" not in html


def test_frames_in_another_crs_are_reprojected(inputs):
    events = inputs[0].head(4).to_crs(3857)
    events = events.drop(columns=["lat", "lon"])
    html = build_atlas_html(events, inputs[1], inputs[2], None)
    data = json.loads(re.search(r'id="geo-atlas-data">(.*?)</script>', html, re.S).group(1))
    assert data["events"]["cols"]["lat"] == [round(v, 4) for v in inputs[0].head(4)["lat"]]
