"""Open an atlas in Debian's headless Chromium (Playwright), offline: shared by the browser
tests, the README screenshot and the scale benchmark so all three see the same page."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from geo import settings
from geo.errors import AssetError

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
VIEWPORT = {"width": 1400, "height": 900}
ARTIFACTS = settings.REPO_ROOT / "artifacts"  # test screenshots (gitignored)
# A 1×1 transparent PNG answers every tile request, so nothing leaves the machine.
BLANK_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def chromium_path() -> str:
    """Debian's Chromium (never a Playwright-downloaded browser); GEO_CHROMIUM overrides."""
    path = os.environ.get("GEO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        raise AssetError("chromium not found: run `make chromium` (apt-get install chromium)")
    return path


def offline_route(route) -> None:  # noqa: ANN001 - playwright Route
    """Serve file: URLs, answer image requests with a blank PNG, abort everything else."""
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:")):
        route.continue_()
    elif route.request.resource_type == "image":
        route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
    else:
        route.abort()


@contextmanager
def browser_page(viewport: dict | None = None) -> Iterator:
    """A fresh offline Chromium page; console errors collect in page.geo_errors."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=viewport or VIEWPORT)
            page.geo_errors = []
            page.on("console", lambda m: m.type == "error" and page.geo_errors.append(m.text))
            page.on("pageerror", lambda e: page.geo_errors.append(f"pageerror: {e}"))
            page.route("**/*", offline_route)
            yield page
        finally:
            browser.close()


def open_atlas(page, path: Path, timeout_ms: int = 60_000) -> None:  # noqa: ANN001
    """Load the atlas file and wait for its ready signal (set after the layers are drawn)."""
    page.goto(Path(path).resolve().as_uri())
    page.wait_for_function("window.geoAtlasReady === true", timeout=timeout_ms)


def set_slider(page, day: str) -> None:  # noqa: ANN001
    """Move the territory time slider to noon UTC of `day` (ISO date), as a user's drag would."""
    import datetime as dt

    ms = int(dt.datetime.fromisoformat(day).replace(hour=12, tzinfo=dt.timezone.utc).timestamp() * 1000)
    page.evaluate("""ms => {
        const s = document.querySelector('.leaflet-timeline-control input.time-slider');
        s.value = String(ms);
        s.dispatchEvent(new Event('input', {bubbles: true}));
    }""", ms)


def save_screenshot(page, png: Path) -> Path:  # noqa: ANN001
    """Screenshot of an opened atlas page (the browser test and the README use this)."""
    png = Path(png)
    png.parent.mkdir(parents=True, exist_ok=True)
    page.mouse.move(2, VIEWPORT["height"] // 2)  # no hover tooltip in the picture
    # "Ready" means the layers exist; Leaflet's zoom animation (0.25 s) and the canvas redraw
    # after it can still be running, which once left a half-drawn basemap in the picture.
    page.wait_for_timeout(600)
    page.screenshot(path=str(png))
    return png


def screenshot(atlas: Path, png: Path) -> Path:
    """Open `atlas` offline and save a screenshot of the ready map to `png`."""
    with browser_page() as page:
        open_atlas(page, atlas)
        return save_screenshot(page, png)
