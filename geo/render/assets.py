"""Offline assets: swap every CDN <script src>/<link href> folium writes for the pinned npm file.

The URL → npm path table is data (data/map_assets.csv, action inline or drop with a reason);
an unknown URL raises AssetError, so a new folium plugin can never leak a CDN link silently.
Files that CSS references (icons, images) are embedded as data: URIs.
"""

from __future__ import annotations

import base64
import csv
import mimetypes
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo import settings
from geo.npmbundle import CSS_URL
from geo.errors import AssetError

SCRIPT_TAG = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>\s*</script>", re.I)
LINK_TAG = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']([^\"']+)[\"'][^>]*/?>", re.I)
MIME = {".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff",
        ".ttf": "font/ttf", ".png": "image/png", ".gif": "image/gif"}


@dataclass(frozen=True)
class Asset:
    url: str
    action: str  # "inline" or "drop"
    npm_path: str
    reason: str


@lru_cache(maxsize=1)
def asset_table() -> dict[str, Asset]:
    """The URL table from data/map_assets.csv."""
    table = {}
    with open(settings.DATA_DIR / "map_assets.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            asset = Asset(row["url"].strip(), row["action"].strip(), row["npm_path"].strip(),
                          row["reason"].strip())
            if asset.action not in {"inline", "drop"}:
                raise AssetError(f"map_assets.csv: bad action {asset.action!r} for {asset.url}")
            table[asset.url] = asset
    return table


def lookup(url: str) -> Asset:
    """The table row for `url`; AssetError if the URL is not known."""
    asset = asset_table().get(url)
    if asset is None:
        raise AssetError(f"unknown map asset URL (add it to data/map_assets.csv): {url}")
    return asset


def _npm_file(asset: Asset) -> Path:
    path = Path(settings.NODE_MODULES) / asset.npm_path
    if not path.is_file():
        raise AssetError(f"map asset missing: {settings.node_modules_hint(asset.npm_path)}, "
                         "or use --no-map (geo build) or --cdn (geo map)")
    return path


def _data_uri(path: Path) -> str:
    mime = MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def embed_css_urls(css: str, base: Path) -> str:
    """Replace relative url(...) references in `css` with data URIs of the files beside it."""
    def swap(match: re.Match) -> str:
        ref = match.group(2).strip()
        if ref.startswith(("data:", "#")):
            return match.group(0)
        if re.match(r"^[a-z]+:|^//", ref, re.I):
            raise AssetError(f"stylesheet references an external URL: {ref}")
        target = (base / ref.split("?")[0].split("#")[0]).resolve()
        if not target.is_file():
            raise AssetError(f"stylesheet references a missing file: {target.name}")
        return f'url("{_data_uri(target)}")'
    return CSS_URL.sub(swap, css)


def _safe_script(code: str) -> str:
    # A literal "</script" inside inlined code would end the tag early.
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.I)


def inline_assets(html: str) -> str:
    """Inline or drop every external script and stylesheet of `html` per the asset table."""
    def script(match: re.Match) -> str:
        asset = lookup(match.group(1))
        if asset.action == "drop":
            return ""
        code = _npm_file(asset).read_text(encoding="utf-8")
        return f"<script>/* {asset.npm_path} */\n{_safe_script(code)}\n</script>"

    def link(match: re.Match) -> str:
        tag = match.group(0)
        if not re.search(r"rel\s*=\s*[\"']?stylesheet", tag, re.I):
            return tag
        asset = lookup(match.group(1))
        if asset.action == "drop":
            return ""
        path = _npm_file(asset)
        css = embed_css_urls(path.read_text(encoding="utf-8"), path.parent).replace("</", "<\\/")
        return f"<style>/* {asset.npm_path} */\n{css}\n</style>"

    return LINK_TAG.sub(link, SCRIPT_TAG.sub(script, html))


def drop_unused_cdn(html: str) -> str:
    """CDN mode: keep the CDN links but still drop the ones the table marks unused."""
    def keep_or_drop(match: re.Match) -> str:
        url = match.group(1)
        if not url.startswith(("http://", "https://", "//")):
            return match.group(0)
        return "" if lookup(url).action == "drop" else match.group(0)
    return LINK_TAG.sub(keep_or_drop, SCRIPT_TAG.sub(keep_or_drop, html))


def external_urls(html: str) -> list[str]:
    """External script/stylesheet URLs left in `html` (for tests and a final self-check)."""
    urls = [m.group(1) for m in SCRIPT_TAG.finditer(html)]
    urls += [m.group(1) for m in LINK_TAG.finditer(html) if "stylesheet" in m.group(0).lower()]
    return [u for u in urls if not u.startswith("data:")]
