"""Assemble the atlas: folium map (scale bar, fullscreen, territory timeline + slider), the
embedded JSON payload, the atlas JS/CSS, and asset inlining for the self-contained file."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import html
import json
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium import plugins
from folium.template import Template
from folium.utilities import JsCode
from jinja2.utils import htmlsafe_json_dumps

from geo import atomic
from geo.errors import AssetError
from geo.render import assets, basemap, period
from geo.render.labels import parse_iso
from geo.render.layers import (THEATRES, ActorTable, bases_payload, events_payload,
                               involvement_payload, territory_geojson)

STATIC = Path(__file__).parent / "static"
JS_FILES = ("popups.js", "controls.js", "points.js", "timebar.js", "atlas.js")
DEFAULT_TITLE = "The war against ISIL: strikes, bases and territory"
DEFAULT_BOUNDS = [[12.0, 10.0], [42.0, 62.0]]  # Libya to Afghanistan when nothing is placed
# Above this size the payload is embedded gzip+base64 (read with DecompressionStream):
# evidence text shrinks ~3x, which keeps 100,000 events under 20 MB. Small maps stay plain JSON.
COMPRESS_OVER = 4_000_000


class _Boot(MacroElement):
    """The map's last element: builds the layers, then flags readiness after drawing."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        geoAtlasBoot({{ this._parent.get_name() }}, {{ this.timeline }}, {{ this.slider }}, {{ this.start_ms }});
        {% endmacro %}
    """)

    def __init__(self, timeline: str, slider: str, start_ms: int) -> None:
        super().__init__()
        self._name = "GeoAtlasBoot"
        self.timeline, self.slider, self.start_ms = timeline, slider, int(start_ms)


class _Verbatim(Element):
    """An element whose text is written as it is: branca's Element would compile the text as a
    Jinja template, which costs seconds for a payload of megabytes (and reads any "{{" in it)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class _TerritoryTimeline(plugins.Timeline):
    """folium's Timeline with its GeoJSON put into the page after rendering: folium compiles
    every rendered script as a Jinja template, seconds for megabytes of polygons. `data_text`
    is what the original template's `tojson` writes (sorted keys, HTML-safe): the same page."""

    _template = Template("""
        {% macro script(this, kwargs) %}
          var {{ this.get_name() }}_options = {{ this.options|tojavascript }};

          var {{ this.get_name() }} = L.timeline(
              {{ this.data_marker }},
              {{ this.get_name() }}_options
          );
          {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    @property
    def data_marker(self) -> str:
        return f"geoAtlasData_{self.get_name()}"       # no "<": the asset regexes skip it

    def filled_in(self, page: str) -> str:
        """`page` with this layer's GeoJSON in its place."""
        text = htmlsafe_json_dumps(self.data, sort_keys=True)
        return page.replace(self.data_marker, str(text), 1)


def script_json(payload: Any) -> str:
    """JSON safe inside <script>: no "<", ">" or "&" survive, so "</script>" cannot occur."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def data_script(payload: Any, compress_over: int = COMPRESS_OVER) -> str:
    """The payload as a non-executed <script> block: escaped JSON, or gzip+base64 when big."""
    text = script_json(payload)
    if len(text) <= compress_over:
        return f'<script type="application/json" id="geo-atlas-data">{text}</script>'
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))
    return ('<script type="application/octet-stream" id="geo-atlas-data" data-encoding="gzip-base64">'
            f"{packed.decode('ascii')}</script>")


def _time_range(events: pd.DataFrame, territory: pd.DataFrame) -> tuple[str, str]:
    dates = []
    for frame, names in ((events, ("date_start", "date_end")), (territory, ("start", "end"))):
        for name in names:
            if name in frame.columns:
                dates += [d for d in map(parse_iso, frame[name].tolist()) if d]
    if not dates:
        year = dt.date.today().year
        return f"{year}-01-01", f"{year}-12-31"
    return min(dates).isoformat(), max(dates).isoformat()


def _bounds(payload: dict, bases: list[dict], territory: dict) -> list[list[float]]:
    """Initial view: the central 90% of the events (a few far-away capitals or a strike in
    Libya must not zoom the map out to the whole world), else bases, else territory."""
    lats, lons = list(payload["cols"]["lat"]), list(payload["cols"]["lon"])
    if not lats:
        lats, lons = [b["lat"] for b in bases], [b["lon"] for b in bases]
    if not lats and territory["features"]:
        import shapely.geometry

        for feature in territory["features"]:
            x0, y0, x1, y1 = shapely.geometry.shape(feature["geometry"]).bounds
            lats += [y0, y1]
            lons += [x0, x1]
    if not lats:
        return DEFAULT_BOUNDS
    low, high = (0.05, 0.95) if len(lats) >= 20 else (0.0, 1.0)
    south, north = (float(v) for v in pd.Series(lats).quantile([low, high]))
    west, east = (float(v) for v in pd.Series(lons).quantile([low, high]))
    # A single place would zoom to the street: keep at least ~2 degrees around it.
    pad_lat, pad_lon = max(0.0, 1.0 - (north - south) / 2), max(0.0, 1.0 - (east - west) / 2)
    return [[south - pad_lat, west - pad_lon], [north + pad_lat, east + pad_lon]]


def _ms(iso: str) -> int:
    """Milliseconds since 1970 of an ISO date or UTC date-time (JavaScript's time unit)."""
    moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return int(moment.timestamp() * 1000)


def _wgs84(frame: pd.DataFrame) -> pd.DataFrame:
    """Leaflet draws longitude/latitude: reproject a GeoDataFrame in another CRS."""
    crs = getattr(frame, "crs", None)
    if crs is not None and "geometry" in frame.columns and len(frame) and crs.to_epsg() != 4326:
        return frame.to_crs(4326)
    return frame


def _busiest_time(territory: dict, t0: str, t1: str) -> int:
    """The slider's first position: the moment (inside the slider's range [t0, t1]) most
    territory features are valid, so the map opens on the widest extent of control rather than
    on an empty start."""
    spans = [(f["properties"]["start"], f["properties"]["end"]) for f in territory["features"]
             if f["properties"]["start"][:10] <= t1 and f["properties"]["end"][:10] >= t0]
    if not spans:
        return _ms(t0)
    best = max((max(a[:10], t0) for a, _ in spans), key=lambda t: sum(a[:10] <= t <= b[:10] for a, b in spans))
    return _ms(best) + 43_200_000  # noon of that first day


def atlas_payload(events: pd.DataFrame, bases: pd.DataFrame, territory: pd.DataFrame,
                  involvement: pd.DataFrame | None, title: str,
                  resolution: str = basemap.RESOLUTION) -> tuple[dict, dict, str, str]:
    """The JSON payload, the territory GeoJSON and the time range of the data."""
    events, bases, territory = (_wgs84(f) for f in (events, bases, territory))
    actors = ActorTable()
    event_data = events_payload(events, actors)
    base_data = bases_payload(bases, actors)
    t0, t1 = _time_range(events, territory)
    terr = territory_geojson(territory, t0, t1)
    m0, m1 = period.main_period(events, t0, t1)
    t0, t1 = min(t0, m0), max(t1, m1)   # the whole period holds the main one
    holders = {f["properties"]["holder"]: f["properties"]["color"] for f in terr["features"]}
    involvement_rows = involvement_payload(involvement)
    drawn = len(event_data["cols"]["lat"])
    note = f"{drawn} events, {len(base_data)} bases, {t0[:4]}\u2013{t1[:4]}"
    undrawn = event_data["undrawn"]
    if undrawn:
        note += f" ({undrawn} {'event' if undrawn == 1 else 'events'} without coordinates not drawn)"
    payload = {
        "title": title, "note": note, "events": event_data, "bases": base_data,
        "actors": actors.rows, "actorOrder": actors.sorted_rows(),
        "holders": [{"holder": h, "color": c} for h, c in sorted(holders.items())],
        "involvement": involvement_rows,
        "theatres": [t for t in THEATRES if any(r["theatre"] == t for r in involvement_rows)],
        "basemap": basemap.countries(resolution),
        # The slider spans the main period in month steps; "whole period" widens it to [t0, t1].
        "period": {"main": [_ms(m0), _ms(m1) + 86_399_000], "mainIso": [m0, m1], "full": [_ms(t0), _ms(t1) + 86_399_000],
                   "mainLabel": f"{m0[:4]}\u2013{m1[:4]}", "fullLabel": f"{t0[:4]}\u2013{t1[:4]}"},
        "areas": period.area_series(terr, m0, m1),
        "cities": period.cities(),
    }
    return payload, terr, t0, t1


def build_atlas_html(events: pd.DataFrame, bases: pd.DataFrame, territory: pd.DataFrame,
                     involvement: pd.DataFrame | None = None, *, title: str = DEFAULT_TITLE,
                     cdn: bool = False, compress_over: int = COMPRESS_OVER) -> str:
    """The atlas as one HTML string; self-contained unless `cdn` (then it links the CDN)."""
    # The CDN version is meant to be small: coarser (110m) borders there.
    payload, terr, t0, t1 = atlas_payload(events, bases, territory, involvement, title,
                                          "110m" if cdn else basemap.RESOLUTION)
    fmap = folium.Map(tiles=None, prefer_canvas=True, control_scale=True, zoom_start=5,
                      location=[30, 40], world_copy_jump=False)
    # Padding keeps the points clear of the filter panel (left) and layer control (right).
    fmap.fit_bounds(_bounds(payload["events"], payload["bases"], terr),
                    padding_top_left=(250, 70), padding_bottom_right=(230, 110))
    plugins.Fullscreen(position="topleft").add_to(fmap)
    timeline = _TerritoryTimeline(
        terr, style=JsCode("function (f) { return geoAtlasTerritoryStyle(f); }"),
        point_to_layer=JsCode("function (f, ll) { return geoAtlasTerritoryPoint(f, ll); }"),
    ).add_to(fmap)
    start_ms, end_ms = payload["period"]["main"]  # the last day is included
    first, last = payload["period"]["mainIso"]
    months = period.month_count(first, last)
    # One step a month (timebar.js snaps every position to its month); play takes 0.4 s a month.
    slider = plugins.TimelineSlider(auto_play=False, start=start_ms, end=end_ms,
                                    date_options="MMMM YYYY", show_ticks=False,
                                    playback_duration=400 * months, steps=months)
    slider.add_timelines(timeline).add_to(fmap)
    _Boot(timeline.get_name(), slider.get_name(), _busiest_time(terr, first, last)).add_to(fmap)

    root = fmap.get_root()
    root.header.add_child(Element(f"<title>{html.escape(title)}</title>"), name="geo_title")
    css = (STATIC / "atlas.css").read_text(encoding="utf-8")
    root.header.add_child(Element(f"<style>{css}</style>"), name="geo_css")
    js = "\n".join((STATIC / name).read_text(encoding="utf-8") for name in JS_FILES)
    root.html.add_child(_Verbatim(f"{data_script(payload, compress_over)}\n<script>{js}</script>"),
                        name="geo_data")
    page = root.render()
    if cdn:
        return timeline.filled_in(assets.drop_unused_cdn(page))
    page = assets.inline_assets(page)
    left = assets.external_urls(page)
    if left:
        raise AssetError(f"external asset left after inlining: {left[0]}")
    return timeline.filled_in(page)


def write_atlas(path: Path, events: pd.DataFrame, bases: pd.DataFrame, territory: pd.DataFrame,
                involvement: pd.DataFrame | None = None, *, title: str = DEFAULT_TITLE,
                cdn: bool = False) -> Path:
    """Build the atlas and write it atomically to `path`; returns the path."""
    page = build_atlas_html(events, bases, territory, involvement, title=title, cdn=cdn)
    atomic.write_text(path, page)
    return Path(path)
