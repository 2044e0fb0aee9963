"""The atlas page of a build kept for the next build of the same data.

Rendering the atlas costs seconds whatever the data's size (importing Folium and pandas,
compiling Folium's templates, inlining the assets), so a rebuild whose map inputs did not
change takes the page the last build made instead. The key covers everything the page is made
from: the rows and geometries of the events, bases, territory and involvement layers, the
title, the code and data files (geo's fingerprint and every file of geo/render, static files
included), the installed map assets (node_modules/.package-lock.json) and today's date (an
undated atlas spans the current year). Pages live in the cache folder (geo.blobcache:
checksummed, disposable); any change of input renders the page afresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import shapely

from geo import settings
from geo.blobcache import BlobCache

FORMAT = 1
MAX_BYTES = 128 << 20            # a big archive's page is tens of MB: keep a few


def cache_path() -> Path:
    return settings.CACHE_DIR / "atlas" / f"pages-v{FORMAT}.sqlite"


@lru_cache(maxsize=1)
def _method_fingerprint() -> bytes:
    from geo.resultstore import code_fingerprint

    digest = hashlib.sha256(f"format {FORMAT} {code_fingerprint()} {settings.NODE_MODULES}".encode())
    render = Path(__file__).parent
    for path in sorted(p for p in render.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(f"{path.relative_to(render)}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    try:
        digest.update((settings.NODE_MODULES / ".package-lock.json").read_bytes())
    except OSError:
        digest.update(b"no installed assets")
    return digest.digest()


def page_key(layers: dict, title: str | None) -> str:
    """Hash of everything the atlas page is made from (see the module's docstring)."""
    digest = hashlib.sha256(_method_fingerprint())
    digest.update(json.dumps([title, dt.date.today().isoformat()]).encode())
    for name in ("events", "bases", "territory", "involvement"):
        layer = layers[name]
        digest.update(json.dumps([name, layer.columns, list(layer.rows)], default=str,
                                 ensure_ascii=False).encode())
        if layer.geometries is not None:
            for geom in layer.geometries:
                digest.update(b"-" if geom is None else shapely.to_wkb(geom))
    return digest.hexdigest()


def cached_page(layers: dict, title: str | None, render: Callable[[], str]) -> str:
    """The atlas page for these layers: the one kept from an earlier build, else `render()`."""
    key = page_key(layers, title)
    pages = BlobCache(cache_path(), MAX_BYTES)
    try:
        found = pages.get(key)
        if found is not None:
            page = found.decode("utf-8")
        else:
            page = render()
            pages.put(key, page.encode("utf-8"))
        pages.save()
    finally:
        pages.close()
    return page
