"""Which files of node_modules geo reads at run time, so a wheel can carry them (setup.py).

A checkout finds the pinned npm packages in node_modules/ (`npm ci`); an installed wheel has no
such folder, so the wheel ships these files as geo/npm/<path> and settings.NODE_MODULES falls
back to that copy. Standard library only: setup.py loads this file on its own, before geo's
dependencies are installed.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

# Country and county shapes read by naturalearth.py, basemap.py (50m; 110m with --cdn) and usatlas.py
TOPOLOGIES = ["world-atlas/countries-50m.json", "world-atlas/countries-110m.json",
              "us-atlas/counties-10m.json"]
CSS_URL = re.compile(r"url\(\s*([\"']?)([^\"')]+)\1\s*\)")


def _css_references(css_file: Path, node_modules: Path) -> list[str]:
    """Files a stylesheet points at (icons, images), as paths inside node_modules."""
    found = []
    for _, url in CSS_URL.findall(css_file.read_text(encoding="utf-8")):
        if url.startswith(("data:", "#", "http:", "https:", "//")):
            continue
        target = (css_file.parent / url.split("?")[0].split("#")[0]).resolve()
        if target.is_file():
            found.append(target.relative_to(node_modules.resolve()).as_posix())
    return found


def runtime_files(data_dir: Path, node_modules: Path) -> list[str]:
    """Paths (inside node_modules) of every file a build or a map needs, with each package's
    licence; raises FileNotFoundError naming the first one missing."""
    paths = list(TOPOLOGIES)
    with open(data_dir / "map_assets.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["action"].strip() == "inline":
                paths.append(row["npm_path"].strip())
    for path in list(paths):
        if path.endswith(".css") and (node_modules / path).is_file():
            paths.extend(_css_references(node_modules / path, node_modules))
    for package in sorted({_package_of(path) for path in paths}):
        paths.extend(p.relative_to(node_modules).as_posix()
                     for p in sorted((node_modules / package).glob("LICENSE*")))
    missing = [path for path in paths if not (node_modules / path).is_file()]
    if missing:
        raise FileNotFoundError(f"{missing[0]} is not in {node_modules}: run `npm ci` first")
    return sorted(set(paths))


def copy_runtime_files(data_dir: Path, node_modules: Path, target: Path) -> None:
    """Copy every runtime file (runtime_files) from node_modules into `target`, same layout."""
    for path in runtime_files(data_dir, node_modules):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / path, target / path)


def _package_of(path: str) -> str:
    parts = path.split("/")
    return "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]
