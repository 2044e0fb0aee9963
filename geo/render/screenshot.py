"""Write the README screenshot (docs/atlas.png) with the same code as the browser tests.

    python -m geo.render.screenshot [ATLAS.html] [-o docs/atlas.png]

Without ATLAS it builds the default corpus (`geo build` into a temporary folder) and shoots
that atlas.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from geo import settings
from geo.render.browser import screenshot

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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        atlas = args.atlas or corpus_atlas(Path(tmp))
        print(screenshot(atlas, args.output))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
