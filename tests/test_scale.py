"""Per-document work (issue 11): serial, process-pool and Dask builds write the same bytes; the
per-document cache gives the same outputs, recomputes only what changed and survives damage."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from geo import api, resultstore, runner, settings, spill
from geo.pipeline import write_outputs

def outputs(atlas: api.Atlas, folder: Path) -> dict[str, bytes]:
    write_outputs(atlas, folder, with_map=False)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> dict[str, bytes]:
    """The reference: every document computed in this process, no cache."""
    return outputs(api.build(cache=False, workers=1), tmp_path_factory.mktemp("serial"))


@pytest.fixture
def cache_file(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "cache" / "results.sqlite"
    monkeypatch.setattr(resultstore, "default_path", lambda: path)
    return path


# Short reports written for these tests: places, dates, actors, a few events each.
SENTENCES = (
    "On {d} March {y}, coalition aircraft struck ISIL positions near Mosul and Tikrit.",
    "Iraqi forces retook Ramadi on {d} April {y} after weeks of fighting.",
    "In May {y} the Royal Air Force flew sorties from RAF Akrotiri against targets in Raqqa.",
    "Kurdish Peshmerga fighters captured Sinjar on {d} November {y}.",
    "On {d} June {y}, ISIL militants attacked a checkpoint in Fallujah.",
    "Australian F/A-18 Hornets operated from Al Minhad Air Base in {y}.",
)


def small_folder(folder: Path, count: int = 6) -> Path:
    """`count` short reports, each its own mix of the sentences above, dated to its own year."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        lines = [SENTENCES[(i + k) % len(SENTENCES)].format(d=1 + (i * 7 + k) % 27, y=2014 + i % 6)
                 for k in range(4)]
        (folder / f"report_{i:03d}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_process_pool_writes_the_same_bytes(serial, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "PARALLEL_FROM_BYTES", 0)      # the corpus is small: force the pool
    pooled = api.build(cache=False, workers=2)
    assert outputs(pooled, tmp_path) == serial
    assert pooled.computed == len(pooled.documents) == 5


def test_candidates_merged_part_by_part_from_disk_give_the_same_bytes(serial, tmp_path, monkeypatch):
    monkeypatch.setattr(spill, "SPILL_OVER", 10)             # spill after the first few candidates
    assert outputs(api.build(cache=False, workers=1), tmp_path) == serial


def test_cached_results_write_the_same_bytes_and_only_new_files_are_computed(tmp_path, cache_file):
    folder = small_folder(tmp_path / "docs")
    fresh = outputs(api.build([folder], cache=False, workers=1), tmp_path / "fresh")
    first = api.build([folder], workers=1)
    assert first.computed == 6 and outputs(first, tmp_path / "a") == fresh
    warm = api.build([folder], workers=1)
    assert warm.computed == 0 and outputs(warm, tmp_path / "b") == fresh
    (folder / "extra.txt").write_text("On 3 May 2016, coalition aircraft struck Mosul.\n", encoding="utf-8")
    grown = api.build([folder], workers=1)
    assert grown.computed == 1 and len(grown.documents) == 7
    fresh = api.build([folder], cache=False, workers=1)
    assert outputs(grown, tmp_path / "c") == outputs(fresh, tmp_path / "d")


def test_a_changed_document_is_computed_again(tmp_path, cache_file):
    folder = tmp_path / "docs"
    folder.mkdir()
    doc = folder / "a.txt"
    doc.write_text("On 3 May 2016, coalition aircraft struck Mosul.\n", encoding="utf-8")
    assert api.build([folder], workers=1).computed == 1
    doc.write_text("On 4 May 2016, coalition aircraft struck Raqqa.\n", encoding="utf-8")
    again = api.build([folder], workers=1)
    assert again.computed == 1 and list(again.events.date_start) == ["2016-05-04"]


def test_damaged_entries_are_discarded_and_computed_again(tmp_path, cache_file):
    folder = small_folder(tmp_path / "docs")
    fresh = outputs(api.build([folder], workers=1), tmp_path / "fresh")
    with sqlite3.connect(cache_file) as db:
        key = db.execute("SELECT key FROM results LIMIT 1").fetchone()[0]
        db.execute("UPDATE results SET mentions = ? WHERE key = ?", (b"not what was written", key))
    again = api.build([folder], workers=1)
    assert again.computed == 1 and outputs(again, tmp_path / "out") == fresh


def test_rows_of_another_code_version_are_pruned_only_once_old(tmp_path, cache_file):
    # A build of another version sharing the cache folder may still be reading its rows.
    folder = small_folder(tmp_path / "docs", 2)
    api.build([folder], workers=1)
    with sqlite3.connect(cache_file) as db:     # the other version's rows, just written
        db.execute("INSERT INTO results SELECT 'other ' || key, 'another version', core, core_sum, mentions, "
                   "mentions_sum, dated, dated_sum, written FROM results")
    assert api.build([folder], workers=1).computed == 0

    def others() -> int:
        with sqlite3.connect(cache_file) as db:
            return db.execute("SELECT count(*) FROM results WHERE code = 'another version'").fetchone()[0]

    assert others() == 2
    with sqlite3.connect(cache_file) as db:
        db.execute("UPDATE results SET written = 0 WHERE code = 'another version'")
    assert api.build([folder], workers=1).computed == 0
    assert others() == 0


def test_an_unreadable_cache_file_is_replaced(tmp_path, cache_file):
    folder = small_folder(tmp_path / "docs")
    cache_file.parent.mkdir(parents=True)
    cache_file.write_bytes(b"this is not a database" * 100)
    atlas = api.build([folder], workers=1)
    assert atlas.computed == 6
    assert outputs(atlas, tmp_path / "a") == outputs(api.build([folder], cache=False, workers=1), tmp_path / "b")
    assert api.build([folder], workers=1).computed == 0


def test_data_files_are_part_of_the_fingerprint(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    (data / "actors.csv").write_text("name\nA\n", encoding="utf-8")
    monkeypatch.setattr(settings, "DATA_DIR", data)
    resultstore.code_fingerprint.cache_clear()
    before = resultstore.code_fingerprint()
    (data / "actors.csv").write_text("name\nB\n", encoding="utf-8")
    resultstore.code_fingerprint.cache_clear()
    assert resultstore.code_fingerprint() != before
    monkeypatch.undo()
    resultstore.code_fingerprint.cache_clear()


KILLED_BUILD = textwrap.dedent("""
    import sys
    from pathlib import Path
    from geo import api, resultstore
    resultstore.default_path = lambda: Path(sys.argv[1])
    api.build([sys.argv[2]], workers=1)
""")


def test_a_killed_build_leaves_a_usable_cache(tmp_path, cache_file):
    folder = small_folder(tmp_path / "docs", 200)
    env = dict(os.environ, PYTHONPATH=str(settings.REPO_ROOT))
    child = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(cache_file), str(folder)], env=env)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and child.poll() is None:
            try:
                with sqlite3.connect(cache_file, timeout=1) as db:
                    if db.execute("SELECT count(*) FROM results").fetchone()[0] >= 2:
                        break
            except sqlite3.Error:
                pass
            time.sleep(0.05)
    finally:
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
        child.wait()
    resumed = api.build([folder], workers=1)
    assert 0 < resumed.computed < 200
    fresh = api.build([folder], cache=False, workers=1)
    assert outputs(resumed, tmp_path / "a") == outputs(fresh, tmp_path / "b")


@pytest.mark.slow
def test_dask_local_cluster_writes_the_same_bytes(serial, tmp_path):
    import distributed

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        atlas = api.build(cache=False, scheduler=cluster.scheduler_address)
    assert outputs(atlas, tmp_path) == serial
