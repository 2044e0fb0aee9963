"""Document text with <script>, <img onerror> and javascript: links never runs in the atlas."""

from __future__ import annotations

import pytest

from geo.render.synthetic import XSS

pytestmark = pytest.mark.browser


def test_payloads_in_text_stay_text(open_page, synthetic_atlas, synthetic_inputs):
    events = synthetic_inputs[0]
    page = open_page(synthetic_atlas)
    # open the popup of every event carrying a payload, and the poisoned base's popup
    for index in range(len(XSS)):
        page.evaluate("i => { geoAtlas.openEventPopup(i); }", index)
        text = page.locator(".leaflet-popup-content").last.inner_text()
        assert events.iloc[index]["evidence"] in text  # shown literally, as text
    page.evaluate("""() => { geoAtlas.map.eachLayer(l => {
        if (l.geoBase && l.geoBase.evidence.includes('pwned')) l.openPopup();
    }); }""")
    assert "window.pwned" in page.locator(".leaflet-popup-content").last.inner_text()
    # hover a poisoned point so its tooltip (place name) is built from the payload
    page.evaluate("() => { geoAtlas.map.closePopup(); }")
    x, y = page.evaluate("""() => {
        const c = geoAtlas.data.events.cols, m = geoAtlas.map;
        m.setView([c.lat[0], c.lon[0]], 16, {animate: false});
        const p = m.latLngToContainerPoint([c.lat[0], c.lon[0]]);
        const r = m.getContainer().getBoundingClientRect();
        return [p.x + r.left, p.y + r.top];
    }""")
    page.mouse.move(x, y)
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=5000)
    assert events.iloc[0]["place"] in tooltip.inner_text()
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.geo_dialogs == []
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript:\"]').length") == 0
    # the actor filter labels hold the payload as text
    labels = page.locator(".geo-filter-actor label").all_inner_texts()
    assert any(XSS[1] in label for label in labels)
    assert page.geo_errors == []
