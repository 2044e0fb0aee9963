"""The atlas in a real browser: counts, year/actor filters, time slider, popups, screenshot."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.render.browser import ARTIFACTS, save_screenshot, set_slider
from geo.render.labels import year_of

pytestmark = pytest.mark.browser


def shown(page) -> set[str]:
    return set(page.evaluate("geoAtlas.shownIds()"))


def drawn(page) -> int:
    return page.evaluate("geoAtlas.visibleCount()")


def test_loads_without_errors_and_draws_every_event(open_page, synthetic_atlas, synthetic_inputs):
    events, bases, territory, involvement = synthetic_inputs
    page = open_page(synthetic_atlas)
    assert page.geo_errors == []
    assert page.geo_outside == []  # self-contained: nothing requested from the network
    assert drawn(page) == len(events)
    assert page.evaluate("geoAtlas.drawnCount()") == len(events)  # all in view after fitting
    assert shown(page) == set(events["event_id"])
    assert page.evaluate("geoAtlas.baseCount()") == len(bases)
    # every layer is listed in the layer control
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    for name in ("Airstrikes", "Air bases", "Territorial control", "Control changes",
                 "Other events", "Country involvement"):
        assert any(name in label for label in labels), name
    # the legend, title, scale bar and fullscreen button are on the page
    assert page.locator(".geo-legend").count() == 1
    assert "Synthetic <b>test</b> atlas" in page.locator(".geo-title-main").inner_text()
    assert page.locator(".leaflet-control-scale").count() == 1
    assert page.locator(".leaflet-control-zoom-fullscreen").count() == 1
    save_screenshot(page, ARTIFACTS / "atlas.png")
    assert (ARTIFACTS / "atlas.png").stat().st_size > 10_000


def test_unticking_a_year_hides_exactly_that_year(open_page, synthetic_atlas, synthetic_inputs):
    events = synthetic_inputs[0]
    page = open_page(synthetic_atlas)
    years = events["date_start"].map(year_of)
    page.locator('input[data-year="2015"]').uncheck()
    assert shown(page) == set(events.loc[years != "2015", "event_id"])
    assert drawn(page) == int((years != "2015").sum())
    page.locator('input[data-year="2015"]').check()
    assert drawn(page) == len(events)


def test_unticking_an_actor_hides_exactly_that_actor(open_page, synthetic_atlas, synthetic_inputs):
    events = synthetic_inputs[0]
    page = open_page(synthetic_atlas)
    page.locator('input[data-actor="France"]').uncheck()
    assert shown(page) == set(events.loc[events["actor"] != "France", "event_id"])
    # a base stays while any of its users is ticked (the France-only carrier goes)
    bases = synthetic_inputs[1]
    users = bases["users"].str.split("; ")
    assert page.evaluate("geoAtlas.baseCount()") == sum(any(u != "France" for u in us) for us in users)


def test_year_and_actor_together_hide_the_union(open_page, synthetic_atlas, synthetic_inputs):
    events = synthetic_inputs[0]
    page = open_page(synthetic_atlas)
    years = events["date_start"].map(year_of)
    page.locator('input[data-year="2016"]').uncheck()
    page.locator('input[data-actor="ISIL"]').uncheck()
    keep = (years != "2016") & (events["actor"] != "ISIL")
    assert shown(page) == set(events.loc[keep, "event_id"])
    assert drawn(page) == int(keep.sum())
    page.locator('button.geo-none[data-filter="year"]').click()
    assert drawn(page) == 0
    page.locator('button.geo-all[data-filter="year"]').click()
    page.locator('button.geo-all[data-filter="actor"]').click()
    assert drawn(page) == len(events)


def test_unticking_a_layer_hides_its_points(open_page, synthetic_atlas, synthetic_inputs):
    events = synthetic_inputs[0]
    page = open_page(synthetic_atlas)
    page.locator(".leaflet-control-layers-overlays label", has_text="Airstrikes").locator("input").uncheck()
    assert drawn(page) == int((events["event_type"] != "airstrike").sum())


def _active(territory, day: str) -> int:
    """Features whose [start, end] contains `day` (empty start/end: open)."""
    return sum((not a or a <= day) and (not b or day <= b)
               for a, b in zip(territory["start"], territory["end"]))


def test_time_slider_changes_territory(open_page, synthetic_atlas, synthetic_inputs):
    territory = synthetic_inputs[2]
    page = open_page(synthetic_atlas)
    counts = {}
    for day in ("2014-07-01", "2015-09-01", "2018-01-01"):
        set_slider(page, day)
        counts[day] = page.evaluate("geoAtlas.territoryCount()")
        assert counts[day] == _active(territory, day), day
    assert len(set(counts.values())) > 1
    holders = page.evaluate("geoAtlas.timeline.getLayers().map(l => l.feature.properties.holder)")
    assert "Iraq" in holders and "ISIL" not in holders  # 2018: Mosul back with Iraq, ISIL gone
    assert page.locator(".leaflet-timeline-control").count() == 1


def test_clicking_a_point_opens_its_popup_with_evidence(open_page, synthetic_atlas, synthetic_inputs):
    events = synthetic_inputs[0]
    page = open_page(synthetic_atlas)
    row = events[(events["sources"] == 1) & (events["date_precision"] == "month")].iloc[-1]
    index = int(events.index.get_loc(row.name))
    page.evaluate("""i => {
        const c = geoAtlas.data.events.cols;
        geoAtlas.map.setView([c.lat[i], c.lon[i]], 14, {animate: false});
    }""", index)
    point = page.evaluate("""i => {
        const c = geoAtlas.data.events.cols;
        const p = geoAtlas.map.latLngToContainerPoint([c.lat[i], c.lon[i]]);
        const r = geoAtlas.map.getContainer().getBoundingClientRect();
        return [p.x + r.left, p.y + r.top];
    }""", index)
    page.wait_for_timeout(100)
    page.mouse.click(point[0], point[1])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    text = popup.inner_text()
    assert row["evidence"] in text
    assert "single source" in text
    month = dt.date.fromisoformat(row["date_start"]).strftime("%B %Y")
    assert month in text  # the month, not a fake day
    assert row["source_refs"] in text
    assert page.geo_errors == []


def test_big_atlas_payload_is_compressed_and_still_complete(open_page, tmp_path, synthetic_inputs):
    from geo.render import build_atlas_html

    events = synthetic_inputs[0]
    path = tmp_path / "packed.html"
    path.write_text(build_atlas_html(*synthetic_inputs, compress_over=0), encoding="utf-8")
    assert 'data-encoding="gzip-base64"' in path.read_text(encoding="utf-8")
    page = open_page(path)
    assert page.geo_errors == []
    assert shown(page) == set(events["event_id"])
    page.evaluate("i => { geoAtlas.openEventPopup(i); }", 5)
    assert events.iloc[5]["evidence"] in page.locator(".leaflet-popup-content").last.inner_text()


def test_involvement_choropleth_follows_the_theatre(open_page, synthetic_atlas, synthetic_inputs):
    involvement = synthetic_inputs[3]
    page = open_page(synthetic_atlas)
    assert page.evaluate("geoAtlas.involvementCount()") == 0  # off until switched on
    page.locator(".leaflet-control-layers-overlays label", has_text="Country involvement").locator("input").check()
    assert page.evaluate("geoAtlas.involvementCount()") == involvement["iso_a2"].nunique()
    filled = """() => new Set(geoAtlas.involvement.getLayers()
        .filter(l => l.options.fillOpacity > 0).map(l => l.feature.id)).size"""
    assert page.evaluate(filled) == involvement["iso_a2"].nunique()
    page.locator("select.geo-theatre").select_option("Libya")
    libya = involvement[(involvement["theatre"] == "Libya") & involvement[
        ["military", "military_aid", "humanitarian", "intelligence"]].any(axis=1)]
    assert page.evaluate(filled) == libya["iso_a2"].nunique()
    assert page.geo_errors == []


def test_online_tiles_are_optional_and_fail_quietly(open_page, synthetic_atlas):
    page = open_page(synthetic_atlas)
    assert page.geo_outside == []  # the default base is the offline one
    page.locator(".leaflet-control-layers-base label", has_text="OpenStreetMap").locator("input").check()
    page.wait_for_timeout(500)
    assert any("tile.openstreetmap.org" in url for url in page.geo_outside)
    assert page.geo_errors == []


def test_an_empty_atlas_opens_cleanly(open_page, tmp_path):
    import geopandas as gpd

    from geo.render import write_atlas

    empty = gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
    page = open_page(write_atlas(tmp_path / "empty.html", empty, empty, empty, None))
    assert page.geo_errors == []
    assert page.evaluate("[geoAtlas.visibleCount(), geoAtlas.baseCount(), geoAtlas.territoryCount()]") == [0, 0, 0]


def test_points_follow_the_slider_by_default_month_or_up_to(open_page, synthetic_atlas, synthetic_inputs):
    events = synthetic_inputs[0]
    page = open_page(synthetic_atlas, follow=None)
    assert page.locator("input.geo-follow-time").is_checked()       # on by default
    assert page.evaluate("geoAtlas.follow()") == "month"
    set_slider(page, "2015-09-10")

    def in_month(start, end, first, last):
        return start <= last and (end or start) >= first
    september = {e for e, s, t in zip(events["event_id"], events["date_start"], events["date_end"])
                 if in_month(s[:10], str(t)[:10] if isinstance(t, str) and t else s[:10], "2015-09-01", "2015-09-30")}
    assert september and shown(page) == september
    page.locator("select.geo-follow-mode").select_option("upto")
    assert shown(page) == set(events.loc[events["date_start"] <= "2015-09-01", "event_id"])
    set_slider(page, "2016-09-01")
    assert shown(page) == set(events.loc[events["date_start"] <= "2016-09-01", "event_id"])
    page.locator("input.geo-follow-time").uncheck()
    assert drawn(page) == len(events)
