"""Map rendering: the self-contained layered atlas (Folium + inlined pinned npm assets).

The atlas is loaded on first use, not with the package: importing Folium and compiling its
templates costs seconds, and builds without a map use only the colour table (palette).
"""

from __future__ import annotations

__all__ = ["build_atlas_html", "write_atlas"]


def __getattr__(name: str):
    if name in __all__:
        from geo.render import atlas

        return getattr(atlas, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
