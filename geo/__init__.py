"""geo: turn documents about a war into sourced, dated events on a self-contained map."""

__version__ = "0.1.0"
