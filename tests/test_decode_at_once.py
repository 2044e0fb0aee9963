"""read_text reads a small file in one go: the same text, warnings and errors as the reading
through detect_encoding that bigger files and other encodings take."""

import codecs

import pytest

from geo.errors import InputError
from geo.ingest import decode


def _slow(path, monkeypatch):
    """read_text through detect_encoding (three reads), as files past WHOLE bytes go."""
    with monkeypatch.context() as patch:
        patch.setattr(decode, "_read_at_once", lambda path: None)
        return decode.read_text(path)


SAMPLES = {
    "plain.txt": "Jets struck Mosul.\r\nOn 3 May the town fell.\n".encode("utf-8"),
    "accents.md": "---\ntitle: Qā'im\n---\n# Al-Qā’im\n\nFighting near Dayr az-Zawr.\r".encode("utf-8"),
    "bom8.txt": codecs.BOM_UTF8 + "Raqqa, Syria\n".encode("utf-8"),
    "bom16.txt": "Tikrit – Baiji\r\n".encode("utf-16"),
    "windows.txt": "Caf\xe9 \x93quoted\x94 near Hit\r\n".encode("latin-1"),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_one_read_gives_what_the_three_reads_give(tmp_path, monkeypatch, name):
    path = tmp_path / name
    path.write_bytes(SAMPLES[name])
    assert decode.read_text(path) == _slow(path, monkeypatch)


def test_only_small_files_that_decode_take_the_one_read(tmp_path, monkeypatch):
    path = tmp_path / "windows.txt"
    path.write_bytes(SAMPLES["windows.txt"])
    assert decode._read_at_once(path) is None                  # cp1252: the warning path
    assert decode.read_text(path)[1] == ["windows.txt: not valid UTF-8, read as cp1252 (Windows-1252)"]
    big = tmp_path / "big.txt"
    big.write_bytes(b"Mosul. " * 200)
    monkeypatch.setattr(decode, "WHOLE", 100)
    assert decode._read_at_once(big) is None
    assert decode.read_text(big) == _slow(big, monkeypatch)


@pytest.mark.parametrize("data, message", [(b"  \n\t", "empty file"), (codecs.BOM_UTF8 + b"  \n", "empty file"),
                                           (b"%PDF-1.4 x", "binary file (PDF document)"),
                                           (b"ab\x00cd", "NUL bytes")])
def test_bad_small_files_give_the_same_one_line_errors(tmp_path, monkeypatch, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as fast:
        decode.read_text(path)
    with pytest.raises(InputError) as slow:
        _slow(path, monkeypatch)
    assert message in str(fast.value) and str(fast.value) == str(slow.value)


def test_a_folder_is_still_named_as_one(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        decode.read_text(tmp_path)
