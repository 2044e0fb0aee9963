"""Records as plain JSON values and back, for the per-document result cache.

A safe on-disk format (no pickle: reading a cache file never runs code) that round-trips
exactly: dates as ISO strings, floats by their shortest repr, tuples restored as tuples, so a
result read back from the cache gives byte-for-byte the same outputs as a fresh one.
Decoders are built once per dataclass from its type hints.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from functools import lru_cache
from typing import Any, Callable

_SCALARS = (str, int, float, bool)


def encode(value: Any) -> Any:
    """A dataclass, tuple, list, dict, date or scalar as JSON values (dataclass -> list of fields)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, (tuple, list)):
        return [encode(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def decoder(kind: Any) -> Callable[[Any], Any]:
    """The function that turns `encode`'s output for type `kind` back into the value."""
    return _decoder(kind)


@lru_cache(maxsize=None)
def _decoder(kind: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(kind)
    if kind in _SCALARS or kind is Any or kind is dict or origin is dict:
        return _same
    if kind is date:
        return date.fromisoformat
    if kind is type(None):
        return _same
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        inner = _decoder(options[0]) if len(options) == 1 else _same
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda v: tuple(item(x) for x in v)
        items = [_decoder(a) for a in args]
        return lambda v: tuple(f(x) for f, x in zip(items, v))
    if origin is list:
        item = _decoder(typing.get_args(kind)[0])
        return lambda v: [item(x) for x in v]
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        types_ = [hints[f.name] for f in dataclasses.fields(kind)]
        if all(t in _SCALARS for t in types_):
            return _interned(kind)
        fields = [_decoder(t) for t in types_]
        return lambda v: kind(*(f(x) for f, x in zip(fields, v)))
    raise TypeError(f"no decoder for {kind!r}")


def _interned(kind: type) -> Callable[[Any], Any]:
    """A record of scalars (a gazetteer Place) decoded once: equal values share one object,
    which keeps a big build's events small in memory."""
    seen: dict[tuple, Any] = {}

    def decode(value: list) -> Any:
        key = tuple(value)
        found = seen.get(key)
        if found is None:
            if len(seen) > 200_000:
                seen.clear()
            found = seen[key] = kind(*value)
        return found
    return decode


def _same(value: Any) -> Any:
    return value
