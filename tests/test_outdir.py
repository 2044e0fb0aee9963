"""Outputs of different runs never mix: a build writes a fresh folder and moves it in at the end,
a killed or failing build leaves the previous outputs, and a second build to the same folder
fails in one line while the first holds it."""

from __future__ import annotations

import csv
import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import geo.pipeline as pipeline
from geo import outdir
from geo.api import Atlas, Layer
from geo.cli import main
from geo.errors import ExportError
from geo.pipeline import OUTPUTS, write_outputs

REPO = Path(__file__).resolve().parent.parent


def atlas_of(tag: str) -> Atlas:
    """An Atlas whose every table has one row naming `tag`, so a file tells which run wrote it."""
    layers = {layer: Layer([{"doc": tag}], ["doc"], [None]) for _, layer, _ in OUTPUTS}
    return Atlas(documents=[], layers=layers)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and p.name != outdir.LOCK_NAME}


def runs_in(folder: Path) -> set[str]:
    """Which runs the CSV outputs in `folder` come from."""
    return {line for name, _, fmt in OUTPUTS if fmt == "csv"
            for line in (folder / name).read_text(encoding="utf-8").splitlines()[1:]}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(outdir.STAGE_PREFIX))


def test_a_build_replaces_its_files_and_keeps_foreign_ones(tmp_path):
    (tmp_path / "README.md").write_text("mine", encoding="utf-8")
    (tmp_path / "atlas.html").write_text("an atlas of an older run", encoding="utf-8")
    written = write_outputs(atlas_of("run-1"), tmp_path, with_map=False)
    assert [p.parent for p in written] == [tmp_path] * len(OUTPUTS)
    assert runs_in(tmp_path) == {"run-1"}
    # --no-map: the older run's atlas would show other data than the files beside it
    assert not (tmp_path / "atlas.html").exists()
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "mine"
    assert leftovers(tmp_path) == [] and not (tmp_path / outdir.JOURNAL_NAME).exists()


def test_a_build_failing_part_way_leaves_the_previous_outputs(tmp_path, monkeypatch):
    write_outputs(atlas_of("run-1"), tmp_path, with_map=False)
    before = snapshot(tmp_path)
    calls = []
    real = pipeline.write_csv_rows

    def fail_on_third(path, rows, columns):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, rows, columns)

    monkeypatch.setattr(pipeline, "write_csv_rows", fail_on_third)
    with pytest.raises(ExportError) as caught:
        write_outputs(atlas_of("run-2"), tmp_path, with_map=False)
    assert str(caught.value) == (f"cannot write {tmp_path}: No space left on device; "
                                 "the previous outputs are unchanged")
    assert snapshot(tmp_path) == before and leftovers(tmp_path) == []


KILLED_BUILD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    import geo.pipeline as pipeline
    from test_outdir import atlas_of

    real = pipeline.write_csv_rows
    def slow(path, rows, columns):
        out = real(path, rows, columns)
        Path(sys.argv[2]).write_text("half written")   # tell the test: kill me now
        time.sleep(60)
        return out
    pipeline.write_csv_rows = slow
    pipeline.write_outputs(atlas_of("run-2"), Path(sys.argv[1]), with_map=False)
""")


def test_a_killed_build_leaves_the_previous_outputs(tmp_path):
    out = tmp_path / "out"
    write_outputs(atlas_of("run-1"), out, with_map=False)
    before = snapshot(out)
    signal_file = tmp_path / "signal"
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(out), str(signal_file),
                             str(REPO / "tests")], cwd=REPO)
    try:
        deadline = time.monotonic() + 120
        while not signal_file.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert signal_file.exists(), "the build never got to writing"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert snapshot(out) == before and len(leftovers(out)) == 1
    write_outputs(atlas_of("run-3"), out, with_map=False)      # the next build cleans up
    assert runs_in(out) == {"run-3"} and leftovers(out) == []


def test_a_move_cut_short_is_finished_by_the_next_build(tmp_path):
    out = tmp_path / "out"
    write_outputs(atlas_of("run-1"), out, with_map=False)
    # a run-2 staging folder fully written, its journal written, two files already moved
    stage = out / (outdir.STAGE_PREFIX + "killed")
    stage.mkdir()
    pipeline._write_files(atlas_of("run-2"), stage, with_map=False, title=None)
    names = sorted(p.name for p in stage.iterdir())
    (out / outdir.JOURNAL_NAME).write_text(json.dumps(
        {"stage": stage.name, "files": names, "owned": list(pipeline.OWNED_FILES)}), encoding="utf-8")
    for name in names[:2]:
        os.replace(stage / name, out / name)
    assert len(runs_in(out)) == 2                                   # mixed until someone finishes
    with outdir.locked(out):
        pass
    assert runs_in(out) == {"run-2"} and leftovers(out) == []


def test_a_second_build_to_the_same_folder_fails_in_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    holding, release = threading.Event(), threading.Event()

    def first_build():
        with outdir.locked(out):
            holding.set()
            release.wait(30)

    thread = threading.Thread(target=first_build)
    thread.start()
    try:
        assert holding.wait(30)
        doc = tmp_path / "a.txt"
        doc.write_text("Coalition aircraft struck Mosul on 5 May 2015.\n", encoding="utf-8")
        assert main(["build", str(doc), "--no-map", "--out", str(out)]) == 1
    finally:
        release.set()
        thread.join()
    err = capsys.readouterr().err.strip()
    assert err == (f"geo: error: another geo build (pid {os.getpid()}) is writing to {out}; "
                   "try again when it has finished")
    assert not (out / "events.csv").exists()


def test_a_failed_first_build_leaves_no_folder_behind(tmp_path, capsys):
    nothing = tmp_path / "nothing"
    nothing.mkdir()                               # no readable documents: the build fails
    out = tmp_path / "out"
    assert main(["build", str(nothing), "--no-map", "--out", str(out)]) == 1
    assert "no readable documents" in capsys.readouterr().err
    assert not out.exists()
    # a folder that was there stays, as it was: empty, without a lock file
    out.mkdir()
    assert main(["build", str(nothing), "--no-map", "--out", str(out)]) == 1
    assert list(out.iterdir()) == []


def test_a_failed_build_keeps_what_the_folder_held(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_outputs(atlas_of("run-1"), out, with_map=False)
    before = sorted(p.name for p in out.iterdir())
    assert outdir.LOCK_NAME in before
    monkeypatch.setattr(pipeline, "write_csv_rows", lambda *a: (_ for _ in ()).throw(ValueError("bug")))
    with pytest.raises(ValueError):
        write_outputs(atlas_of("run-2"), out, with_map=False)
    assert sorted(p.name for p in out.iterdir()) == before and runs_in(out) == {"run-1"}


@pytest.mark.slow
def test_two_concurrent_builds_never_mix(tmp_path):
    out = tmp_path / "out"
    docs = []
    for name, place in (("north.txt", "Mosul"), ("south.txt", "Basra")):
        docs.append(tmp_path / name)
        docs[-1].write_text(f"Coalition aircraft struck {place} on 5 May 2015.\n", encoding="utf-8")
    for _ in range(2):
        procs = [subprocess.Popen([sys.executable, "-m", "geo", "build", str(doc), "--no-map",
                                   "--out", str(out)], cwd=REPO, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for doc in docs]
        results = [(p.wait(), p.stdout.read(), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        assert any(code == 0 for code, _, _ in results)
        for code, _, err in results:
            assert code == 0 or (code == 1 and "another geo build" in err
                                 and len(err.strip().splitlines()) == 1), err
        docs_seen = {row["doc"] for name in ("events.csv", "mentions.csv")
                     for row in csv.DictReader((out / name).open(encoding="utf-8"))}
        assert len(docs_seen) == 1, docs_seen
        assert leftovers(out) == []
