"""geo: turn documents about a war into sourced, dated events on a self-contained map."""

__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy: `import geo` stays cheap; `geo.build` / `geo.Atlas` load the pipeline on first use.
    if name in ("build", "Atlas"):
        from geo import api

        return getattr(api, name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
