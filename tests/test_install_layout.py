"""The installed layout: a wheel carries data/ as geo/data (setup.py), and settings finds it there,
from any folder, with outputs in ./maps, never beside the package. (.ci/run builds and installs the
real wheel; this checks the same layout quickly, from a copy of the package.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def installed_copy(tmp_path: Path) -> Path:
    """site-packages as a wheel lays it out: geo/ with data/ inside, no pyproject.toml beside."""
    site = tmp_path / "site"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "geo", site / "geo", ignore=ignore)
    shutil.copytree(REPO / "data", site / "geo" / "data", ignore=ignore)
    return site


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def test_settings_find_the_package_data_from_another_folder(tmp_path):
    site, elsewhere = installed_copy(tmp_path), tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = ("import json, geo, geo.settings as s; print(json.dumps([geo.__file__, str(s.DATA_DIR), "
             "str(s.CORPUS_DIR), str(s.MAPS_DIR), s.IN_CHECKOUT]))")
    done = run_installed(site, elsewhere, "-c", probe)
    assert done.returncode == 0, done.stderr
    package, data, corpus, maps, in_checkout = json.loads(done.stdout)
    assert Path(package).parent == site / "geo" and not in_checkout
    assert Path(data) == site / "geo" / "data" and Path(corpus) == site / "geo" / "data" / "corpus"
    assert maps == "maps"   # relative: the folder the command runs in


def test_installed_package_reads_and_dates_a_document_from_another_folder(tmp_path):
    # the month names come from data/dates/months.csv: FileNotFoundError before package data
    site, elsewhere = installed_copy(tmp_path), tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "note.txt").write_text("On 8 August 2014 aircraft struck near Erbil.\n", encoding="utf-8")
    done = run_installed(site, elsewhere, "-m", "geo", "ingest", "--json", "note.txt")
    assert done.returncode == 0, done.stderr
    [record] = [json.loads(line) for line in done.stdout.splitlines()]
    assert record["dates"][0]["start"] == "2014-08-08"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["note.txt"]


def test_the_checkout_still_uses_the_top_level_data():
    from geo import settings

    assert settings.IN_CHECKOUT and settings.DATA_DIR == REPO / "data"
    assert settings.MAPS_DIR == REPO / "maps"


def test_missing_npm_files_say_in_one_line_how_to_point_at_them(tmp_path, monkeypatch):
    """An installed wheel has no node_modules beside it: the error names the missing file, the
    folder searched and GEO_NODE_MODULES (and, for map scripts only, the ways to go without)."""
    import pytest

    from geo import naturalearth, settings
    from geo.errors import AssetError
    from geo.render import assets

    monkeypatch.setattr(settings, "NODE_MODULES", tmp_path / "node_modules")
    leaflet = next(a for a in assets.asset_table().values() if a.action == "inline")
    with pytest.raises(AssetError) as caught:
        assets._npm_file(leaflet)
    message = str(caught.value)
    assert "\n" not in message and "npm ci`" in message and "run `npm ci`" not in message
    assert leaflet.npm_path in message and str(tmp_path / "node_modules") in message
    assert "GEO_NODE_MODULES" in message and "--no-map" in message and "--cdn" in message

    naturalearth.load_topology.cache_clear()
    try:
        with pytest.raises(AssetError) as caught:
            naturalearth.load_topology("50m")
    finally:
        naturalearth.load_topology.cache_clear()
    message = str(caught.value)
    assert "\n" not in message and "world-atlas/countries-50m.json" in message
    # the territory areas need the borders whatever the map: --no-map would not help
    assert "GEO_NODE_MODULES" in message and "--no-map" not in message


def bundled_npm_files(target: Path) -> Path:
    """The npm files a wheel carries as geo/npm, copied as setup.py copies them."""
    from geo import npmbundle, settings

    npmbundle.copy_runtime_files(settings.DATA_DIR, REPO / "node_modules", target)
    return target


def test_the_wheel_bundle_holds_every_npm_file_a_build_and_a_map_read(tmp_path, monkeypatch):
    from geo import naturalearth, settings
    from geo.render import assets

    bundle = bundled_npm_files(tmp_path / "npm")
    monkeypatch.setattr(settings, "NODE_MODULES", bundle)
    for asset in assets.asset_table().values():
        if asset.action == "inline":
            path = assets._npm_file(asset)
            if path.suffix == ".css":   # its icons and images are in the bundle too
                assert "url(\"data:" in assets.embed_css_urls(path.read_text(encoding="utf-8"), path.parent) \
                    or "url(" not in path.read_text(encoding="utf-8").replace("url(#", "")
    naturalearth.load_topology.cache_clear()
    try:
        assert naturalearth.load_topology("50m")["type"] == "Topology"
    finally:
        naturalearth.load_topology.cache_clear()
    assert (bundle / "us-atlas" / "counties-10m.json").is_file()
    assert (bundle / "leaflet" / "LICENSE").is_file()   # each package's licence travels with it


def test_an_installed_package_finds_its_bundled_npm_files(tmp_path):
    site, elsewhere = installed_copy(tmp_path), tmp_path / "elsewhere"
    elsewhere.mkdir()
    bundled_npm_files(site / "geo" / "npm")
    env = {key: value for key, value in os.environ.items() if key != "GEO_NODE_MODULES"}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run([sys.executable, "-c", "import geo.settings as s; print(s.NODE_MODULES)"],
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == site / "geo" / "npm"
