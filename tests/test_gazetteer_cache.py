"""The gazetteer cache is disposable and safe: damaged, unfinished or leftover caches are
repaired or removed, caches other users could write are refused, and a folder that cannot be
written is a one-line error. Each test builds a gazetteer of three places (a second or less)
in its own cache folder."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from geo import settings
from geo.errors import GazetteerError
from geo.places import build, cache, find_mentions_in_text, load_gazetteer, sources, store

ROWS = [
    ("geonames:99072", "Mosul", ("Al-Mawsil",), "city", "IQ", 36.335, 43.119, "geonames",
     1683000, "15"),
    ("geonames:95446", "Erbil", ("Irbil", "Hawler"), "city", "IQ", 36.191, 44.009, "geonames",
     932800, "11"),
    ("icao:ORAA", "Al Asad Air Base", ("ORAA", "Ain al-Asad Air Base"), "airbase", "IQ", 33.786,
     42.441, "airportsdata", 0, "Anbar"),
]


@pytest.fixture
def tiny(monkeypatch, tmp_path) -> Path:
    """A cache folder of its own, where the gazetteer has three places; its cache's path."""
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(build, "collect_rows", lambda: list(ROWS))
    monkeypatch.setattr(sources, "cities", lambda: [])  # read before collect_rows: none here
    return cache.cache_path()


def works(gazetteer) -> bool:
    found = [m.place.name for m in find_mentions_in_text("Troops left Irbil for Mosul.", gazetteer)
             if m.place is not None]
    return found == ["Erbil", "Mosul"] and gazetteer.lookup("ORAA")[0].kind == "airbase"


def test_the_cache_folder_is_the_platform_one_unless_geo_cache_dir_says(monkeypatch, tmp_path):
    import platformdirs
    monkeypatch.delenv("GEO_CACHE_DIR", raising=False)
    assert settings.CACHE_DIR == Path(platformdirs.user_cache_dir("geo", appauthor=False))
    assert settings.REPO_ROOT not in settings.CACHE_DIR.parents  # never beside the package
    monkeypatch.setenv("GEO_CACHE_DIR", str(tmp_path))
    assert settings.CACHE_DIR == tmp_path


def test_every_damaged_file_is_found_and_rebuilt(tiny):
    assert works(load_gazetteer(reuse=False))
    names = sorted(p.name for p in tiny.iterdir())
    assert names and not [n for n in names if n.endswith(".pickle")]  # nothing that runs code
    # each file one way or the other (the checks are the same for every file), the
    # automaton, whose bytes go to C code, both ways
    cases = [(n, "truncate" if i % 2 else "garble") for i, n in enumerate(names)]
    cases += [(store.AUTOMATON, "truncate"), (store.AUTOMATON, "garble")]
    for name, damage in cases:
        data = (tiny / name).read_bytes()
        if damage == "truncate":
            (tiny / name).write_bytes(data[: len(data) // 2])
        else:  # the same size, a few bytes changed in the middle
            middle = len(data) // 2
            garbled = bytes(b ^ 0x5A for b in data[middle:middle + 8])
            (tiny / name).write_bytes(data[:middle] + garbled + data[middle + 8:])
        assert works(load_gazetteer(reuse=False)), (name, damage)
        assert store.problem(tiny, cache.header(tiny)) is None, (name, damage)


def test_a_file_damaged_after_loading_began_is_rebuilt(tiny):
    gazetteer = load_gazetteer(reuse=False)  # checked: now the automaton goes bad
    (tiny / store.AUTOMATON).write_bytes(b"\0" * (tiny / store.AUTOMATON).stat().st_size)
    assert works(gazetteer)


def test_an_unfinished_cache_is_rebuilt(tiny):
    load_gazetteer(reuse=False)
    (tiny / store.MANIFEST).unlink()  # as a build killed before its last step leaves it
    assert works(load_gazetteer(reuse=False))
    assert (tiny / store.MANIFEST).exists()


def test_leftovers_are_removed_unless_a_build_is_running(tiny):
    load_gazetteer(reuse=False)
    folder = tiny.parent
    leftover = folder / ".gazetteer-k2j4h1"  # an interrupted build's temporary folder
    leftover.mkdir()
    (leftover / "khash.npy").write_bytes(b"half")
    olds = [folder / f"gazetteer-{n:016x}" for n in range(4)]  # caches of other sources
    for age, old in enumerate(olds):
        old.mkdir()
        (old / store.MANIFEST).write_text("{}")
        os.utime(old / store.MANIFEST, (1e9 - age, 1e9 - age))
    with open(folder / ".gazetteer.lock", "a") as lock:  # another process is building
        fcntl.flock(lock, fcntl.LOCK_EX)
        assert works(load_gazetteer(reuse=False))
        assert leftover.exists()
    assert works(load_gazetteer(reuse=False))
    assert not leftover.exists()
    # the two last used of the other caches stay (another checkout may use them)
    assert [old.exists() for old in olds] == [True, True, False, False]


def test_a_folder_that_cannot_be_written_is_a_one_line_error(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GEO_CACHE_DIR", str(blocker / "cache"))
    with pytest.raises(GazetteerError, match="GEO_CACHE_DIR"):
        load_gazetteer(reuse=False)
    run = subprocess.run([sys.executable, "-m", "geo", "geocode", "Mosul"], capture_output=True,
                         text=True, env=dict(os.environ, GEO_CACHE_DIR=str(blocker / "cache")),
                         timeout=120)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith("geo: error: cannot create the gazetteer cache")
    assert run.stderr.count("\n") == 1


def test_a_failed_write_is_a_one_line_error_and_leaves_nothing(tiny, monkeypatch):
    def full_disk(*args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(store, "write", full_disk)
    with pytest.raises(GazetteerError, match="No space left on device"):
        load_gazetteer(reuse=False)
    assert [p.name for p in tiny.parent.iterdir()] == [".gazetteer.lock"]


@pytest.mark.parametrize("how", ["writable by others", "another user's", "in a shared folder"])
def test_a_cache_other_users_could_write_is_never_read(tiny, monkeypatch, how):
    load_gazetteer(reuse=False)
    if how == "writable by others":
        tiny.chmod(0o777)
    elif how == "another user's":
        monkeypatch.setattr(os, "geteuid", lambda: tiny.stat().st_uid + 1)
    else:
        tiny.parent.chmod(0o777)
    (tiny / store.AUTOMATON).write_bytes(b"planted")  # what a stranger could have put there
    with pytest.raises(GazetteerError, match="not reading it") as error:
        load_gazetteer(reuse=False)
    assert "\n" not in str(error.value)


def test_a_shared_sticky_folder_is_fine(tiny):
    tiny.parent.mkdir(parents=True)
    tiny.parent.chmod(0o1777)  # like /tmp: others cannot replace what is ours
    assert works(load_gazetteer(reuse=False))


def test_the_fingerprint_follows_the_build_inputs(monkeypatch, tmp_path):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(settings.DATA_DIR, data, ignore=shutil.ignore_patterns("corpus"))
    monkeypatch.setattr(settings, "DATA_DIR", data)
    before = cache.fingerprint()
    (data / "event_cues.csv").write_text("changed\n")  # not read by the build
    assert cache.fingerprint() == before
    for name in ("places.csv", "place_variants.csv", "given_names.csv", "place_stopwords.csv"):
        with open(data / name, "a", encoding="utf-8") as handle:
            handle.write("\n")
        assert cache.fingerprint() != before, name
        before = cache.fingerprint()


def test_forked_workers_write_the_same_cache_as_one_process(tiny, monkeypatch):
    from geo.places import fork

    def contents():  # the automaton's raw nodes hold padding bytes: compared by its words
        files = {p.name: p.read_bytes() for p in tiny.iterdir()
                 if p.name not in (store.MANIFEST, store.AUTOMATON)}
        words = load_gazetteer(reuse=False).automaton().items()
        return files, sorted(words)
    load_gazetteer(reuse=False)  # three places: built in this process
    alone = contents()
    monkeypatch.setattr(fork, "_WORTH_A_PROCESS", 1)
    monkeypatch.setattr(fork, "processes", lambda: 2)
    (tiny / store.MANIFEST).unlink()
    assert works(load_gazetteer(reuse=False))
    assert contents() == alone


def test_keys_sharing_a_hash_keep_the_exact_key_then_the_first_skeleton():
    import numpy as np
    assert store._hash("~tharshavn") == store._hash("~skarshava")  # the hash is linear
    keys = ["mosul", "~tharshavn", "erbil", "~skarshava", "~tharshavn", "mosul"]
    rows = np.array([0, 1, 2, 3, 4, 5])
    part = (np.fromiter(map(store._hash, keys), np.uint64, len(keys)), rows, [], None, None, keys)
    hashes, kept = build._index_pairs([part])
    pairs = sorted(zip(hashes.tolist(), kept.tolist()))
    assert pairs == sorted((store._hash(k), r) for k, r in zip(keys, rows.tolist())
                           if k != "~tharshavn")  # '~skarshava' sorts first
