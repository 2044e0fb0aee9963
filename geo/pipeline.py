"""The whole job as one function per stage, called in order (DESIGN.md's data flow).

`geo.api.build` runs the stages in memory; this module writes the output contract's files.
"""

from __future__ import annotations

import logging
from pathlib import Path

from geo import outdir
from geo.api import Atlas, build
from geo.atomic import write_text
from geo.errors import InputError
from geo.render.pagecache import cached_page
from geo.gcpause import paused
from geo.tables import geometry_text_cache, write_csv_rows, write_geojson_rows

log = logging.getLogger(__name__)


# file name -> (layer, format); GeoJSON leaves out rows without coordinates (unresolved places).
OUTPUTS = (
    ("events.geojson", "events", "geojson"),
    ("events.csv", "events", "csv"),
    ("mentions.csv", "mentions", "csv"),
    ("places.geojson", "places", "geojson"),
    ("bases.geojson", "bases", "geojson"),
    ("territory.geojson", "territory", "geojson"),
    ("involvement.csv", "involvement", "csv"),
    ("unresolved.csv", "unresolved", "csv"),
    ("control.csv", "control", "csv"),
    ("territory.csv", "areas", "csv"),
)
OWNED_FILES = ("atlas.html", *(name for name, _, _ in OUTPUTS))   # what a build replaces in --out


def write_outputs(atlas: Atlas, out: Path, *, with_map: bool = True, title: str | None = None) -> list[Path]:
    """Write atlas.html and the GeoJSON/CSV files of DESIGN.md's output contract into `out`,
    all together or none (`geo.outdir.staged`: a fresh folder, moved in at the end)."""
    out = Path(out)
    with paused(), outdir.staged(out, OWNED_FILES) as stage:
        written = _write_files(atlas, stage, with_map=with_map, title=title)
    return [out / path.name for path in written]


def _write_files(atlas: Atlas, out: Path, *, with_map: bool, title: str | None) -> list[Path]:
    written = []
    texts = geometry_text_cache() if atlas.caching else None    # big polygons' GeoJSON text
    try:
        for name, layer_name, fmt in OUTPUTS:
            layer = atlas.layers[layer_name]
            if fmt == "geojson":
                written.append(write_geojson_rows(out / name, layer.rows, layer.geometries, layer.columns, texts))
            else:
                written.append(write_csv_rows(out / name, layer.rows, layer.columns))
        if texts is not None:
            texts.save()
    finally:
        if texts is not None:
            texts.close()
    if with_map:
        written.insert(0, _write_map(atlas, out / "atlas.html", title))
    return written


def _write_map(atlas: Atlas, path: Path, title: str | None) -> Path:
    """atlas.html; a caching build takes the page of an earlier build of the same map inputs."""
    def render() -> str:
        from geo.render import build_atlas_html  # folium and pandas load only when a page is rendered

        kwargs = {"title": title} if title else {}
        return build_atlas_html(atlas.events, atlas.bases, atlas.territory, atlas.involvement, **kwargs)

    page = cached_page(atlas.layers, title, render) if atlas.caching else render()
    write_text(path, page)
    return path


def build_outputs(paths: list[Path], out: Path, forced_format: str | None = None, *,
                  with_map: bool = True, user_places: Path | None = None,
                  control_polygons: Path | None = None) -> list[Path]:
    """Run every stage on `paths` and write the output contract's files into `out`; files that
    could not be read are logged as warnings (`run_build` hands them back instead)."""
    written, errors = run_build(paths, out, forced_format, with_map=with_map, user_places=user_places,
                                control_polygons=control_polygons)
    for error in errors:
        log.warning("%s", error)
    return written


def run_build(paths: list[Path], out: Path, forced_format: str | None = None, *,
              with_map: bool = True, user_places: Path | None = None,
              control_polygons: Path | None = None, **scale) -> tuple[list[Path], list[str]]:
    """Run every stage, write the outputs of the readable files, and return the files written
    and one line per file that could not be read (the CLI prints them and exits 1).
    `scale`: geo.build's workers, scheduler, cache and quiet."""
    atlas = build(paths, forced_format=forced_format, user_places=user_places,
                  control_polygons=control_polygons, **scale)
    if not atlas.documents:
        # Nothing readable: say so instead of writing an empty atlas over the last good one.
        reason = atlas.errors[0] if atlas.errors else "no documents found"
        raise InputError(f"no readable documents in {', '.join(str(p) for p in paths)} ({reason})")
    return write_outputs(atlas, out, with_map=with_map), list(atlas.errors)
