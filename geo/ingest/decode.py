"""Bytes to text: refuse empty and binary files, read UTF-8, fall back to cp1252/Latin-1.

A fallback encoding is not an error (old Windows files are common) but it is reported as a
warning, because offsets and quotes may differ from what the author saw.
"""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from geo.errors import InputError

log = logging.getLogger(__name__)

CHUNK = 1 << 20
# Magic numbers of binary formats users drop into a folder by mistake.
MAGIC = (
    (b"\x89PNG", "PNG image"), (b"%PDF", "PDF document"), (b"PK\x03\x04", "ZIP archive"),
    (b"GIF8", "GIF image"), (b"\xff\xd8\xff", "JPEG image"), (b"\x7fELF", "executable"),
    (b"\x1f\x8b", "gzip archive"), (b"BZh", "bzip2 archive"), (b"\xd0\xcf\x11\xe0", "Office document"),
)
_CONTROL = bytes(range(0, 32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"").replace(b"\f", b"")


def check_head(head: bytes, name: str) -> None:
    """Raise InputError if the first bytes of a file show it is empty or binary."""
    if not head.strip():
        raise InputError(f"{name}: empty file (no text to read)")
    for magic, kind in MAGIC:
        if head.startswith(magic):
            raise InputError(f"{name}: binary file ({kind}), not text")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    if b"\x00" in head:
        raise InputError(f"{name}: binary file (contains NUL bytes), not text")
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if controls > len(head) * 0.05:
        raise InputError(f"{name}: binary file (control bytes), not text")


def _fits(path: Path, encoding: str) -> bool:
    """True if the whole file decodes with `encoding`, checked chunk by chunk (bounded memory)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def detect_encoding(path: Path) -> tuple[str, list[str]]:
    """Check the file is readable text and return (encoding, warnings) without loading it all."""
    name = path.name
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except IsADirectoryError:
        raise InputError(f"{name}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})") from None
    check_head(head, name)
    encoding = _first_choice(head)
    if _fits(path, encoding):
        return encoding, []
    for fallback, label in (("cp1252", "cp1252 (Windows-1252)"), ("latin-1", "Latin-1 (ISO-8859-1)")):
        if encoding != "utf-16" and _fits(path, fallback):
            warning = f"{name}: not valid UTF-8, read as {label}"
            log.warning(warning)
            return fallback, [warning]
    raise InputError(f"{name}: cannot decode as UTF-8, cp1252 or Latin-1")


def _first_choice(head: bytes) -> str:
    """The encoding tried first: the byte-order mark's, else UTF-8."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def read_text(path: Path) -> tuple[str, list[str]]:
    """Read a whole file as text (newlines kept as they are) and return (text, warnings)."""
    found = _read_at_once(path)
    if found is not None:
        return found
    encoding, warnings = detect_encoding(path)
    try:
        with path.open("r", encoding=encoding, newline="") as handle:
            text = handle.read()
    except OSError as error:
        raise InputError(f"{path.name}: cannot read ({error.strerror or error})") from None
    if not text.strip():
        raise InputError(f"{path.name}: empty file (no text to read)")
    return text, warnings


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where each line starts, for Document.line_of()."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return tuple(starts)


WHOLE = CHUNK   # files up to this size are read in one go


def _read_at_once(path: Path) -> tuple[str, list[str]] | None:
    """`read_text` of a file up to WHOLE bytes that decodes with its first choice of encoding,
    from one read (an archive of short reports would open each file three times); None for any
    other file, whose reading (and its errors and warnings) detect_encoding does."""
    try:
        with path.open("rb") as handle:
            data = handle.read(WHOLE + 1)
    except OSError:
        return None
    if len(data) > WHOLE:
        return None
    head = data[:8192]
    check_head(head, path.name)
    try:
        text = data.decode(_first_choice(head))
    except UnicodeDecodeError:
        return None
    if not text.strip():
        raise InputError(f"{path.name}: empty file (no text to read)")
    return text, []
