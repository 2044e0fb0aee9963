"""The gazetteer cache's files: what the build writes into its folder, how load checks them,
and how the lookup tables and the automaton are laid out.

Every file is a numpy array (.npy, read memory-mapped with allow_pickle=False), JSON, or the
automaton's raw node bytes: none of them can run code when read. `manifest.json` is written
last: it names every file with its size and CRC-32, so a truncated, garbled or half-written
cache is found (`problem`) and rebuilt rather than loaded. cache.py decides where the folder
lives and when to build; gazetteer.py reads it.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import numpy as np

from geo.errors import GazetteerError

FORMAT_VERSION = "11"
MANIFEST = "manifest.json"
AUTOMATON = "automaton.bin"
SOURCES = ("curated", "user", "geonames", "naturalearth", "airportsdata", "nominatim")

# A key's 64-bit hash: its UTF-8 bytes read as one number, times a constant, modulo the
# largest prime below 2**64 (a Rabin fingerprint): keys of up to 7 bytes never collide,
# longer ones with odds of about 2**-64 a pair; three C operations, half blake2b's cost
_PRIME = 2**64 - 59
_MUL = 0x9E3779B97F4A7C15  # not a multiple of _PRIME (one-to-one); spreads short keys


def _hash(key: str) -> int:
    # Gazetteer._make_lookup inlines this: change both together (and FORMAT_VERSION)
    return int.from_bytes(key.encode("utf-8"), "little") * _MUL % _PRIME


# key hashes are bisected within runs sharing their top bits (2**18 runs of ~2 hashes),
# whose starts are written at build (`kbucket`)
_BUCKET_BITS = 18
_BUCKET_SHIFT = 64 - _BUCKET_BITS
# A record for lookups is one fixed-size struct ("rowrec": lat, lon, population, where its
# text starts, the text's length, its attributes' number): one unpack and one cache line
# instead of six scattered array reads. Its text is its id and name joined by _ROW_SEP (no id
# holds it; checked), cut by one slice and one partition from "rowtext", whose ASCII rows
# come first (their slices are plain copies). Its kind, source, country and admin1 are one
# shared tuple of a table of the ~13k distinct ones ("rowattrs.json", with the format).
_ROW_SEP = "\x00"
_ROW_FORMATS = ("<ddqIHH", "<ddqQII")  # compact (32 bytes), and wide if a field needs it
_ROW_DTYPES = {fmt: np.dtype([("lat", "<f8"), ("lon", "<f8"), ("pop", "<i8"), ("start", s),
                              ("length", n), ("code", n)])
               for fmt, s, n in (("<ddqIHH", "<u4", "<u2"), ("<ddqQII", "<u8", "<u4"))}


class Damaged(Exception):
    """A cache file is missing, short or garbled (the message says which): rebuild."""


def pack(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 byte array and the byte offsets where each starts (and ends)."""
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(np.fromiter(map(len, encoded), np.int64, len(encoded)))
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def unpack(blob: np.ndarray, offsets: np.ndarray) -> list[str]:
    data, bounds = blob.tobytes(), offsets.tolist()
    return [data[a:b].decode("utf-8") for a, b in zip(bounds, bounds[1:])]


def key_table(hashes: np.ndarray, rows: np.ndarray) -> dict[str, np.ndarray]:
    """The lookup index from (key hash, record number) pairs: `khash` (sorted key hashes),
    `kstart` (where each key's records start in `kplace`), `kplace` (record numbers,
    ascending within a key, each once) and `kbucket` (see _BUCKET_BITS). Two keys sharing a
    hash would share their places: odds of about 2**-64 a pair, 2**-27 for 540k keys."""
    order = np.lexsort((rows, hashes))  # by key hash, then record number
    hashes, rows = hashes[order], rows[order]
    fresh = np.ones(len(order), dtype=bool)
    fresh[1:] = (hashes[1:] != hashes[:-1]) | (rows[1:] != rows[:-1])
    hashes, rows = hashes[fresh], rows[fresh]
    first = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
    khash = hashes[first]
    return {"khash": khash, "kstart": np.append(first, len(rows)).astype(np.int64),
            "kplace": rows.astype(np.int32), "kbucket": buckets(khash)}


def buckets(khash: np.ndarray) -> np.ndarray:
    """Where each run of sorted hashes sharing their top _BUCKET_BITS starts (and the end)."""
    tops = np.arange(1 << _BUCKET_BITS, dtype=np.uint64) << np.uint64(_BUCKET_SHIFT)
    return np.append(np.searchsorted(khash, tops, side="left"), len(khash)).astype(np.int64)


def record_tables(ids: list[str], names: list[str], attrs: list[tuple[str, str, str, str]],
                  lat: np.ndarray, lon: np.ndarray, pop: np.ndarray) -> tuple[dict, dict]:
    """The records' arrays (`rowrec`, `rowtext`: see _ROW_FORMATS) and `rowattrs.json`
    (struct format, the distinct (kind, source, country, admin1) tuples, ASCII length)."""
    bad = next((i for i in ids if _ROW_SEP in i), None)
    if bad is not None:
        raise GazetteerError(f"gazetteer record {bad!r} holds a NUL character")
    texts = [i + _ROW_SEP + n for i, n in zip(ids, names)]
    table: dict[tuple[str, str, str, str], int] = {}
    codes = np.fromiter((table.setdefault(a, len(table)) for a in attrs), np.int64, len(attrs))
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    wide = np.fromiter((not t.isascii() for t in texts), bool, len(texts))
    order = np.argsort(wide, kind="stable")  # ASCII rows first: character = byte offsets
    starts = np.empty(len(texts), dtype=np.int64)
    starts[order] = np.cumsum(lengths[order]) - lengths[order]
    total = int(lengths.sum())
    narrow = len(table) < 1 << 16 and int(lengths.max(initial=0)) < 1 << 16 and total < 1 << 32
    fmt = _ROW_FORMATS[0 if narrow else 1]
    recs = np.zeros(len(texts), dtype=_ROW_DTYPES[fmt])
    for field, column in (("lat", lat), ("lon", lon), ("pop", pop), ("start", starts),
                          ("length", lengths), ("code", codes)):
        recs[field] = column
    blob = "".join([texts[i] for i in order.tolist()]).encode("utf-8")
    arrays = {"rowrec": recs.view(np.uint8), "rowtext": np.frombuffer(blob, dtype=np.uint8)}
    meta = {"format": fmt, "attrs": [list(a) for a in table],
            "ascii_chars": int(lengths[~wide].sum())}
    return arrays, meta


def add_lookup_tables(folder: Path) -> None:
    """Write the record tables for the columns already in `folder` (a small cache made by
    hand, as the tests do; the build passes its columns to record_tables directly)."""
    from geo.model import PLACE_KINDS
    a = {p.stem: np.load(p) for p in folder.glob("*.npy")}
    cols = {f: unpack(a[f + "_blob"], a[f + "_off"]) for f in ("id", "name", "country", "admin1")}
    attrs = [(PLACE_KINDS[k], SOURCES[s], c, r) for k, s, c, r in zip(
        a["kind"].tolist(), a["source"].tolist(), cols["country"], cols["admin1"])]
    arrays, meta = record_tables(cols["id"], cols["name"], attrs, a["lat"], a["lon"], a["pop"])
    arrays["kbucket"] = buckets(a["khash"])
    write(folder, arrays, {"rowattrs.json": meta})


def write(folder: Path, arrays: dict[str, np.ndarray], documents: dict[str, object]) -> None:
    for name, array in arrays.items():
        np.save(folder / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
    for name, document in documents.items():
        (folder / name).write_text(json.dumps(document), encoding="utf-8")


# -- the automaton -------------------------------------------------------------------------
# pyahocorasick pickles an automaton as its constructor's arguments: the trie's nodes as raw
# byte chunks plus a few numbers. The chunks are stored as they are and the numbers in the
# manifest; loading calls the constructor with them (about as fast as unpickling, which
# would run whatever code a pickle names). Values are STORE_INTS: a key's length, no objects.

def write_automaton(folder: Path, automaton) -> dict:
    """Write the automaton's nodes (`automaton.bin`); returns what the manifest keeps."""
    import ahocorasick
    cls, args = automaton.__reduce__()
    chunks, numbers = args[0], list(args[1:])
    if cls is not ahocorasick.Automaton or numbers[-1] is not None:
        raise GazetteerError("unexpected pyahocorasick layout: only STORE_INTS is stored")
    with open(folder / AUTOMATON, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    return {"chunks": [len(c) for c in chunks], "numbers": numbers[:-1],
            "crc32": [zlib.crc32(c) for c in chunks]}


def read_automaton(folder: Path, header: dict):
    """The automaton from `automaton.bin`, each chunk checked against its CRC-32 first (the
    constructor trusts its bytes: a garbled node must never reach it)."""
    import ahocorasick
    chunks = []
    try:
        with open(folder / AUTOMATON, "rb") as handle:
            for size, crc in zip(header["chunks"], header["crc32"]):
                chunk = handle.read(size)
                if len(chunk) != size or zlib.crc32(chunk) != crc:
                    raise Damaged(f"{AUTOMATON} is garbled or truncated")
                chunks.append(chunk)
        return ahocorasick.Automaton(chunks, *header["numbers"], None)
    except (OSError, ValueError, TypeError, KeyError) as error:
        raise Damaged(f"{AUTOMATON}: {error}") from error


# -- sealing and checking ------------------------------------------------------------------

def seal(folder: Path, header: dict) -> None:
    """Write the manifest (last): `header` plus every file's size and CRC-32 (the automaton's
    chunks carry their own, checked as it is read)."""
    files = {}
    for path in sorted(folder.iterdir()):
        if path.name != MANIFEST:
            crc = None if path.name == AUTOMATON else _crc_of(path)
            files[path.name] = [path.stat().st_size, crc]
    document = dict(header, files=files)
    (folder / MANIFEST).write_text(json.dumps(document, indent=1), encoding="utf-8")


def problem(folder: Path, header: dict) -> str | None:
    """What is wrong with the cache in `folder` (None: nothing). It must have a manifest
    matching `header` (format and fingerprint), and every file it lists with its size and
    checksum."""
    manifest = read_manifest(folder)
    if manifest is None:
        return "missing" if not folder.exists() else "no readable manifest (an unfinished build)"
    if any(manifest.get(k) != v for k, v in header.items()):
        return "built for other sources"
    try:
        for name, (size, crc) in manifest["files"].items():
            path = folder / name
            if path.stat().st_size != size:
                return f"{name} has the wrong size"
            if crc is not None and _crc_of(path) != crc:
                return f"{name} is garbled"
    except (OSError, ValueError, TypeError, AttributeError, KeyError) as error:
        return f"unreadable ({error})"
    return None


def _crc_of(path: Path) -> int:
    with open(path, "rb") as handle:
        return zlib.crc32(handle.read())


def read_manifest(folder: Path) -> dict | None:
    try:
        document = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) and isinstance(document.get("files"), dict) else None


def load_arrays(folder: Path, manifest: dict) -> dict[str, np.ndarray]:
    """The manifest's arrays, memory-mapped; plain ndarray views of the maps: the same pages
    without np.memmap's slow indexing."""
    return {name[:-4]: np.asarray(np.load(folder / name, mmap_mode="r", allow_pickle=False))
            for name in manifest["files"] if name.endswith(".npy")}


def load_json(folder: Path, name: str):
    try:
        return json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise Damaged(f"{name}: {error}") from error
