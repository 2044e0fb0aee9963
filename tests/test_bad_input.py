"""Bad input through the command line: one-line errors, no traceback, good files kept."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from geo.cli import main
from geo.ingest import iter_sentences, read_document

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["ingest", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("geo: error:")]


def test_empty_file(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run(capsys, str(tmp_path / "empty.txt"))
    assert code == 1 and out == ""
    assert err.strip() == "geo: error: empty.txt: empty file (no text to read)"


def test_whitespace_only_file_is_empty(tmp_path, capsys):
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t\n")
    code, _, err = run(capsys, str(tmp_path / "blank.txt"))
    assert code == 1 and "empty file" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("data,kind", [(PNG, "PNG image"), (b"abc\x00\x00def\x00" * 50, "contains NUL bytes")])
def test_binary_file(tmp_path, capsys, data, kind):
    (tmp_path / "picture.txt").write_bytes(data)
    code, out, err = run(capsys, str(tmp_path / "picture.txt"))
    assert code == 1 and out == ""
    assert err.strip() == f"geo: error: picture.txt: binary file ({kind}), not text"


def test_cp1252_file_is_read_with_a_warning(tmp_path, capsys, caplog):
    text = "== Caf\u00e9 ==\nOn 8 August 2014 the \u201cstrikes\u201d began near Erbil \u2013 said Ren\u00e9.\n"
    (tmp_path / "win.txt").write_bytes(text.encode("cp1252"))
    code, out, err = run(capsys, "--json", str(tmp_path / "win.txt"))
    assert code == 0 and "error" not in err
    assert "win.txt: not valid UTF-8, read as cp1252" in caplog.text     # logged as a warning
    assert read_document(tmp_path / "win.txt").warnings == (
        "win.txt: not valid UTF-8, read as cp1252 (Windows-1252)",)
    record = json.loads(out.splitlines()[0])
    assert record["text"] == "On 8 August 2014 the \u201cstrikes\u201d began near Erbil \u2013 said Ren\u00e9."
    assert record["section"] == ["Caf\u00e9"] and record["line"] == 2


def test_latin1_file(tmp_path, capsys, caplog):
    # 0x81 is undefined in cp1252, so only Latin-1 reads this file
    data = "Les troupes fran\u00e7aises arriv\u00e8rent \u00e0 Erbil.".encode("latin-1") + b" \x81 Fin.\n"
    (tmp_path / "latin.txt").write_bytes(data)
    code, out, err = run(capsys, str(tmp_path / "latin.txt"))
    assert code == 0 and "read as Latin-1" in caplog.text
    assert "fran\u00e7aises arriv\u00e8rent \u00e0 Erbil." in out


def test_folder_mixing_good_and_bad_files(tmp_path, capsys):
    (tmp_path / "a_good.txt").write_text("== Part ==\nOn 5 May 2015 troops reached Tikrit.\n", encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_image.png").write_bytes(PNG)
    (tmp_path / "d_good.wiki").write_text("[[Mosul]] fell on [[10 June]] 2014. {{cite|x}}\n"
                                          "[[Erbil]] held. [[Kirkuk]] too.\n", encoding="utf-8")
    code, out, err = run(capsys, "--json", str(tmp_path))
    assert code == 1
    docs = [json.loads(line)["doc"] for line in out.splitlines()]
    assert set(docs) == {"a_good.txt", "d_good.wiki"}
    errors = error_lines(err)
    assert len(errors) == 2 and "b_empty.txt" in errors[0] and "c_image.png" in errors[1]


def test_missing_path_and_unknown_format(tmp_path, capsys):
    code, _, err = run(capsys, str(tmp_path / "nope.txt"))
    assert code == 1 and error_lines(err) == [f"geo: error: {tmp_path / 'nope.txt'}: no such file or folder"]
    (tmp_path / "x.txt").write_text("Hello there.\n", encoding="utf-8")
    code, _, err = run(capsys, "--format", "pdf", str(tmp_path / "x.txt"))
    assert code == 1 and len(err.strip().splitlines()) == 1 and "unknown format 'pdf'" in err


def test_malformed_wikitext_through_the_cli(tmp_path, capsys):
    (tmp_path / "broken.wiki").write_text(
        "Stray }} here. Then {{unclosed|template and [[Mosul]] text.\n[[broken link\n"
        "{{a|{{b|}} c\n== H ==\nAfter the heading, ISIL left Sinjar.\n", encoding="utf-8")
    code, out, err = run(capsys, "--format", "wikitext", str(tmp_path / "broken.wiki"))
    assert code == 0 and err == ""
    assert "Stray here." in out and "ISIL left Sinjar." in out and "== H ==" in out


def test_human_output_shows_sections_lines_and_dates(capsys):
    from geo import settings
    code, out, _ = run(capsys, str(settings.CORPUS_DIR / "004_514e203b7d281425.txt"))
    assert code == 0
    assert "== SOURCES == (lines 11-19)" in out
    assert "  1: On November 27 it was announced" in out
    assert "2025-11-27..2025-11-27 day" in out


BLOCK = ("== Part {n} ==\n"
         "On 8 August 2014 the U.S. began airstrikes near Erbil. Lt. Gen. Smith said No. 1 "
         "priority was Sinjar. In mid-June 2015 forces moved to Mosul and 3.5 billion dollars "
         "were spent.\nThe next day Iraqi troops advanced on Tikrit.\n\n")
PER_BLOCK = 4      # sentences in one BLOCK


def _write_big(path: Path, megabytes: int) -> int:
    """Write a synthetic file of about `megabytes` MB; return how many blocks it holds."""
    size = n = 0
    with path.open("w", encoding="utf-8") as handle:
        while size < megabytes << 20:
            piece = BLOCK.format(n=n)
            handle.write(piece)
            size += len(piece)
            n += 1
    return n


def test_block_sentence_count(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(BLOCK.format(n=0), encoding="utf-8")
    assert len(list(iter_sentences(path))) == PER_BLOCK


PEAK = """
import resource, runpy, sys
sys.argv = ["geo"] + sys.argv[1:]
try:
    runpy.run_module("geo", run_name="__main__")
except SystemExit as done:
    code = done.code
print(f"maxrss_kb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} code={code}", file=sys.stderr)
"""


def _peak_kb(path: Path, out: Path) -> tuple[int, int, str]:
    """Run `geo ingest --json PATH > out` in a fresh interpreter; (peak RSS kB, exit code, stderr)."""
    with out.open("w", encoding="utf-8") as sink:
        done = subprocess.run([sys.executable, "-c", PEAK, "ingest", "--json", str(path)],
                              stdout=sink, stderr=subprocess.PIPE, text=True, check=False)
    last = done.stderr.strip().splitlines()[-1]
    fields = dict(part.split("=") for part in last.split())
    return int(fields["maxrss_kb"]), int(fields["code"]), done.stderr


@pytest.mark.slow
def test_50_mb_file_streams_in_bounded_memory(tmp_path):
    small = tmp_path / "small.txt"
    small.write_text(BLOCK.format(n=0) * 3, encoding="utf-8")
    base_kb, code, err = _peak_kb(small, tmp_path / "small.jsonl")
    assert code == 0 and "Traceback" not in err
    big = tmp_path / "big.txt"
    blocks = _write_big(big, 50)
    peak_kb, code, err = _peak_kb(big, tmp_path / "out.jsonl")
    assert code == 0 and "Traceback" not in err
    # the whole file alone would take 50 MB as a str (and ~10x that as a Document)
    assert peak_kb - base_kb < 30 * 1024, f"peak grew by {(peak_kb - base_kb) / 1024:.0f} MB"
    with (tmp_path / "out.jsonl").open(encoding="utf-8") as handle:
        first = json.loads(handle.readline())
        count = 1 + sum(1 for _ in handle)
    assert first["line"] == 2 and first["section"] == ["Part 0"]
    assert first["dates"][0]["start"] == "2014-08-08"
    assert count == PER_BLOCK * blocks


@pytest.mark.slow
def test_iter_sentences_streams_a_big_file(tmp_path):
    big = tmp_path / "big.txt"
    blocks = _write_big(big, 50)
    count, last, peak = 0, None, 0
    tracemalloc.start()            # traced over the first 200,000 sentences (tracing is slow)
    try:
        for last in iter_sentences(big):
            count += 1
            if count == 200_000:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
    finally:
        if tracemalloc.is_tracing():
            tracemalloc.stop()
    # 200,000 sentences kept in memory would take well over 50 MB
    assert 0 < peak < 8 << 20, f"peak {peak / 2**20:.1f} MB"
    assert last is not None and last.text == "The next day Iraqi troops advanced on Tikrit."
    assert last.section == (f"Part {blocks - 1}",)
    assert count == PER_BLOCK * blocks
