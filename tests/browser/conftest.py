"""Browser fixtures: Debian's Chromium through Playwright, fully offline (see geo.render.browser)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.render import synthetic, write_atlas
from geo.render.browser import CHROMIUM_ARGS, VIEWPORT, chromium_path, offline_route, open_atlas



@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def synthetic_inputs():
    """Several years, actors, every type, bases, territory periods, involvement and XSS payloads."""
    return (synthetic.events_frame(400, seed=11, xss=True), synthetic.bases_frame(xss=True),
            synthetic.territory_frame(), synthetic.involvement_frame())


@pytest.fixture(scope="session")
def synthetic_atlas(tmp_path_factory, synthetic_inputs) -> Path:
    path = tmp_path_factory.mktemp("atlas") / "atlas.html"
    return write_atlas(path, *synthetic_inputs, title="Synthetic <b>test</b> atlas")


@pytest.fixture
def open_page(chromium):
    """open_page(path) → a ready page; tracks console errors, dialogs and outside requests.

    The points follow the slider by default (events of its month); tests that count every event
    open with follow="all" (the reader turning following off), the default here."""
    pages = []

    def opener(path: Path, follow: str | None = "all"):
        page = chromium.new_page(viewport=VIEWPORT)
        page.geo_errors, page.geo_dialogs, page.geo_outside = [], [], []
        page.on("console", lambda m: m.type == "error" and page.geo_errors.append(m.text))
        page.on("pageerror", lambda e: page.geo_errors.append(f"pageerror: {e}"))
        page.on("dialog", lambda d: (page.geo_dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: r.url.startswith(("file:", "data:", "blob:"))
                or page.geo_outside.append(r.url))
        page.route("**/*", offline_route)
        open_atlas(page, path)
        if follow:
            page.evaluate("mode => geoAtlas.setFollow(mode)", follow)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()
