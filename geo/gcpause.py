"""The cyclic garbage collector paused while a stage makes many small objects and no cycles.

Reading a document, encoding or decoding its results, joining and writing them make millions
of small records, lists and dicts and no reference cycles; each collection they would trigger
walks every long-lived object (the gazetteer's places, the memos, the results so far) for
nothing: over half the time of encoding a big document's results, a third of writing a big
territory layer. Reference counting still frees them. Never pause it around a worker pool:
forked workers would inherit it switched off.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Pause the collector for the block; left as it was found (a caller that paused it keeps
    it paused)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
