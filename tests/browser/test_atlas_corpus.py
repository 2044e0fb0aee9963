"""The atlas `geo build` makes from the default corpus, checked in the browser against the
events.geojson / territory.geojson written beside it."""

from __future__ import annotations

import json

import pytest

from geo import settings
from geo.render.browser import ARTIFACTS, save_screenshot, set_slider
from geo.render.labels import year_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory):
    from geo.pipeline import build_outputs

    out = tmp_path_factory.mktemp("corpus")
    build_outputs([settings.CORPUS_DIR], out)
    events = [f["properties"] for f in json.loads((out / "events.geojson").read_text("utf-8"))["features"]]
    territory = [f["properties"] for f in json.loads((out / "territory.geojson").read_text("utf-8"))["features"]]
    return out / "atlas.html", events, territory


def _actor(event: dict) -> str:
    return (event.get("actor") or "").strip() or "unknown actor"


def test_corpus_atlas_filters_and_counts(open_page, corpus_build):
    atlas, events, _ = corpus_build
    page = open_page(atlas)
    assert page.geo_errors == []
    assert page.geo_outside == []
    ids = [e["event_id"] for e in events]
    assert page.evaluate("geoAtlas.visibleCount()") == len(events) > 0
    assert sorted(page.evaluate("geoAtlas.shownIds()")) == sorted(ids)
    save_screenshot(page, ARTIFACTS / "atlas-corpus.png")

    years = [year_of(e["date_start"]) for e in events]
    year = max(set(years), key=years.count)
    page.locator(f'input[data-year="{year}"]').uncheck()
    assert sorted(page.evaluate("geoAtlas.shownIds()")) == sorted(
        i for i, y in zip(ids, years) if y != year)

    actors = [_actor(e) for e in events]
    actor = max(set(actors), key=actors.count)
    page.locator(f'input[data-actor="{actor}"]').uncheck()
    assert sorted(page.evaluate("geoAtlas.shownIds()")) == sorted(
        i for i, y, a in zip(ids, years, actors) if y != year and a != actor)

    page.locator(f'input[data-year="{year}"]').check()
    assert sorted(page.evaluate("geoAtlas.shownIds()")) == sorted(
        i for i, a in zip(ids, actors) if a != actor)


def test_corpus_atlas_popup_and_time_slider(open_page, corpus_build):
    atlas, events, territory = corpus_build
    page = open_page(atlas)
    index = max(range(len(events)), key=lambda k: len(events[k].get("evidence") or ""))
    page.evaluate("i => { geoAtlas.openEventPopup(i); }", index)
    text = page.locator(".leaflet-popup-content").last.inner_text()
    assert " ".join(events[index]["evidence"].split()) in " ".join(text.split())

    def active(day: str) -> int:
        return sum((not t.get("start") or t["start"][:10] <= day) and (not t.get("end") or day <= t["end"][:10])
                   for t in territory)

    days = sorted({t["start"][:10] for t in territory if t.get("start")} |
                  {t["end"][:10] for t in territory if t.get("end")})
    counts = {}
    for day in days:
        set_slider(page, day)
        counts[day] = page.evaluate("geoAtlas.territoryCount()")
        assert counts[day] == active(day), day
    assert len(set(counts.values())) > 1  # the slider changes what is drawn
    assert page.geo_errors == []
