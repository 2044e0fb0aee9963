"""The atlas's time controls in a real browser: month steps over the main period, the whole
period on request, play, points that follow the slider, the area chart, the legend of present
holders and the city labels of the offline basemap."""

from __future__ import annotations

import pytest

from geo.render.browser import set_slider

pytestmark = pytest.mark.browser


def slider_range(page):
    return page.evaluate("""() => {
        const s = document.querySelector('.leaflet-timeline-control input.time-slider');
        return [new Date(+s.min).toISOString().slice(0, 10), new Date(+s.max).toISOString().slice(0, 10)];
    }""")


def slider_month(page):
    return page.evaluate("new Date(geoAtlas.slider.time).toISOString().slice(0, 10)")


def test_slider_spans_the_main_period_in_month_steps(open_page, synthetic_atlas):
    page = open_page(synthetic_atlas)
    first, last = slider_range(page)
    assert first.endswith("-01-01") and last.endswith("-12-31")
    period = page.evaluate("geoAtlas.data.period")
    assert first == period["mainIso"][0] and last == period["mainIso"][1]
    set_slider(page, "2015-09-17")
    assert slider_month(page) == "2015-09-01"              # any day means its month
    page.locator(".leaflet-timeline-control .next").click()
    assert slider_month(page) == "2015-10-01"
    page.locator(".leaflet-timeline-control .prev").click()
    page.locator(".leaflet-timeline-control .prev").click()
    assert slider_month(page) == "2015-08-01"
    label = page.locator(".leaflet-timeline-control output").inner_text()
    assert label == "August 2015"


def test_play_moves_month_by_month_and_the_period_can_widen(open_page, tmp_path, synthetic_inputs):
    from geo.render import write_atlas

    events, bases, territory, involvement = synthetic_inputs
    # One stray old event must not stretch the slider over two centuries.
    stray = events.iloc[:1].copy()
    stray["event_id"], stray["date_start"], stray["date_end"] = "old", "1835-05-01", "1835-05-01"
    import pandas as pd
    atlas = write_atlas(tmp_path / "stray.html", pd.concat([events, stray]), bases, territory, involvement)
    page = open_page(atlas)
    first, last = slider_range(page)
    assert first >= "2014-01-01"
    set_slider(page, "2015-01-01")
    page.locator(".leaflet-timeline-control .play").click()
    page.wait_for_timeout(1000)
    page.locator(".leaflet-timeline-control .pause").click()
    moved = slider_month(page)
    assert "2015-02-01" <= moved <= "2015-05-01" and moved.endswith("-01")
    page.locator("button.geo-period").click()
    assert slider_range(page)[0] == "1835-05-01"
    page.locator("button.geo-period").click()
    assert slider_range(page)[0] == first
    assert page.geo_errors == []


def test_legend_lists_only_the_holders_drawn_at_the_slider_date(open_page, synthetic_atlas):
    page = open_page(synthetic_atlas)
    set_slider(page, "2018-01-01")
    drawn = set(page.evaluate("geoAtlas.timeline.getLayers().map(l => l.feature.properties.holder)"))
    assert set(page.evaluate("geoAtlas.legendHolders()")) == drawn
    assert "ISIL" not in drawn
    set_slider(page, "2015-09-01")
    assert "ISIL" in page.evaluate("geoAtlas.legendHolders()")


def test_area_chart_draws_a_line_per_holder_and_reads_the_slider_month(open_page, synthetic_atlas):
    page = open_page(synthetic_atlas)
    chart = page.locator(".geo-area-chart")
    assert chart.count() == 1
    holders = page.evaluate("geoAtlas.data.areas.holders.map(h => h.holder)")
    assert sorted(chart.locator("polyline").evaluate_all("ls => ls.map(l => l.dataset.holder)")) == sorted(holders)
    set_slider(page, "2015-09-01")
    readout = page.locator(".geo-chart-readout").inner_text()
    assert "ISIL" in readout


def test_city_labels_appear_as_the_map_zooms_in(open_page, synthetic_atlas):
    page = open_page(synthetic_atlas)
    page.evaluate("() => { geoAtlas.map.setView([35.5, 41.5], 5, {animate: false}); }")
    page.wait_for_timeout(100)
    far = set(page.evaluate("geoAtlas.labels.shownNames()"))
    assert {"Baghdad", "Mosul"} <= far and not far & {"Tal Afar", "Sinjar", "Hit"}   # rank 3 waits
    page.evaluate("() => { geoAtlas.map.setView([36.3, 42.8], 8, {animate: false}); }")
    page.wait_for_timeout(100)
    near = set(page.evaluate("geoAtlas.labels.shownNames()"))
    assert {"Mosul", "Tal Afar", "Sinjar", "Erbil"} <= near
    # Labels that would overlap are not both drawn.
    boxes = page.locator(".geo-city-name").evaluate_all("ns => ns.map(n => n.getBoundingClientRect())"
                                                         ".map(r => [r.left, r.top, r.right, r.bottom])")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)
