"""Write the README screenshot (docs/atlas.png) with the same code as the browser tests.

    python -m geo.render.screenshot [ATLAS.html] [-o docs/atlas.png] [--at 2015-06-01]
                                    [--view 35.6,41.0,7]

Without ATLAS it builds the default corpus (`geo build` into a temporary folder) and shoots
that atlas. `--at` moves the time slider to that day's month; `--view` centres the map on
latitude,longitude at a zoom level (the docs/territory-*.png pictures of northern Iraq and Syria).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from geo import settings
from geo.render.browser import browser_page, open_atlas, save_screenshot, set_slider

README_PNG = settings.REPO_ROOT / "docs" / "atlas.png"


def corpus_atlas(folder: Path) -> Path:
    """Run the whole pipeline on data/corpus/ into `folder`; returns its atlas.html."""
    from geo.pipeline import build_outputs

    build_outputs([settings.CORPUS_DIR], folder)
    return folder / "atlas.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("atlas", nargs="?", type=Path, help="atlas HTML (default: build the corpus)")
    parser.add_argument("-o", "--output", type=Path, default=README_PNG)
    parser.add_argument("--at", help="slider date (ISO day)")
    parser.add_argument("--view", help="LAT,LON,ZOOM")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        atlas = args.atlas or corpus_atlas(Path(tmp))
        with browser_page() as page:
            open_atlas(page, atlas)
            if args.at:
                set_slider(page, args.at)
            if args.view:
                lat, lon, zoom = (float(v) for v in args.view.split(","))
                page.evaluate("v => { geoAtlas.map.setView([v[0], v[1]], v[2], {animate: false}); }",
                              [lat, lon, zoom])
            print(save_screenshot(page, args.output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
