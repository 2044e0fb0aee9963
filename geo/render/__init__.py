"""Map rendering: the self-contained layered atlas (Folium + inlined pinned npm assets)."""

from geo.render.atlas import build_atlas_html, write_atlas

__all__ = ["build_atlas_html", "write_atlas"]
