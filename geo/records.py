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

from geo.gcpause import paused

_SCALARS = (str, int, float, bool)


def encode(value: Any) -> Any:
    """A dataclass, tuple, list, dict, date or scalar as JSON values (dataclass -> list of fields)."""
    with paused():
        return _encode(value, {})


def _encode(value: Any, frozen: dict[int, Any]) -> Any:
    """`encode`, with each frozen record (a Place, a DateSpan that many mentions and events
    share) encoded once per call: `frozen` maps the ids of those seen, alive until the call ends."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    names = _field_names(kind)
    if names is not None:
        if not names[0]:
            return _encode_all([getattr(value, name) for name in names[1:]], frozen)
        done = frozen.get(id(value))
        if done is None:
            done = frozen[id(value)] = _encode_all([getattr(value, name) for name in names[1:]], frozen)
        return done
    if isinstance(value, (tuple, list)):
        return _encode_all(value, frozen)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _encode(v, frozen) for k, v in value.items()}
    return value


_PLAIN = frozenset((str, int, float, bool, type(None)))   # encoded as themselves


def _encode_all(values, frozen: dict[int, Any]) -> list:
    """`_encode` of each value, without a call for the plain ones (most fields are strings)."""
    return [v if type(v) in _PLAIN else _encode(v, frozen) for v in values]


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """("frozen" or "", field names...) of a dataclass type, None for any other type (looked up
    once per type: a build encodes a few hundred thousand records)."""
    if dataclasses.is_dataclass(kind):
        frozen = "frozen" if kind.__dataclass_params__.frozen else ""
        return (frozen, *(f.name for f in dataclasses.fields(kind)))
    return None


def decoder(kind: Any) -> Callable[[Any], Any]:
    """The function that turns `encode`'s output for type `kind` back into the value."""
    inner = _decoder(kind)

    def decode(value: Any) -> Any:
        with paused():
            return inner(value)
    return decode


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
            return lambda v: tuple([item(x) for x in v])
        items = [_decoder(a) for a in args]
        return lambda v: tuple(f(x) for f, x in zip(items, v))
    if origin is list:
        item = _decoder(typing.get_args(kind)[0])
        return lambda v: [item(x) for x in v]
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        types_ = [hints[f.name] for f in dataclasses.fields(kind)]
        fields = [_decoder(t) for t in types_]
        if all(t in _SCALARS for t in types_):
            return _interned(kind)
        if kind.__dataclass_params__.frozen and all(t in _SCALARS or t is date for t in types_):
            # a DateSpan: its JSON is a row of scalars too, and a frozen record can be shared
            return _interned(lambda *v: kind(*[f(x) for f, x in zip(fields, v)]))
        return lambda v: kind(*[f(x) for f, x in zip(fields, v)])
    raise TypeError(f"no decoder for {kind!r}")


def _interned(make: Callable[..., Any]) -> Callable[[Any], Any]:
    """A record stored as a row of scalars (a gazetteer Place, a DateSpan) decoded once by
    `make`: equal rows share one object, which keeps a big build's events small in memory."""
    seen: dict[tuple, Any] = {}

    def decode(value: list) -> Any:
        key = tuple(value)
        found = seen.get(key)
        if found is None:
            if len(seen) > 200_000:
                seen.clear()
            found = seen[key] = make(*value)
        return found
    return decode


def _same(value: Any) -> Any:
    return value
