"""A build's output folder: its files change together or not at all, one build at a time.

A build writes every file into a fresh staging folder inside `--out` (same file system, so
moving is a rename), then moves them in. A lock file inside `--out` keeps a second build to
the same folder out (it fails at once, in one line). Killed while writing, a build leaves the
previous outputs as they were and a staging folder the next build removes. The move itself is
journalled: killed during those few renames, the next build to the folder finishes it first, so
no reader is left with files of two runs. Files in `--out` that a build does not own (a README,
maps from `geo map`) are left alone. A build that fails takes away the lock file and the folder
it created, so a failed first build leaves no empty `--out` behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.atomic import write_text
from geo.errors import ExportError, GeoError

LOCK_NAME = ".geo-build.lock"
JOURNAL_NAME = ".geo-move.json"
STAGE_PREFIX = ".geo-build-"

_held = threading.local()   # folders this thread has locked (a locked build may stage inside)


class BuildBusyError(GeoError):
    """Another build is writing to the same output folder."""


def cannot_write(target: Path, error: OSError, unchanged: str = "") -> ExportError:
    """One line for a write that failed (read-only, full disk, a file where a folder should be)."""
    reason = error.strerror or type(error).__name__
    return ExportError(f"cannot write {target}: {reason}{unchanged}")


def prepare_folder(out: Path) -> Path:
    """`out` as an existing, writable folder (created if missing, its parent must exist)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder: --out needs a folder")
    if not out.parent.is_dir():
        raise ExportError(f"cannot create {out}: no folder {out.parent}")
    try:
        out.mkdir(exist_ok=True)
    except OSError as error:
        raise cannot_write(out, error) from error
    if not os.access(out, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {out}: Permission denied")
    return out


def check_output_file(path: Path) -> Path:
    """An output file path whose folder exists (never created on the fly: a typo should not make
    folders) and which is not itself a folder; checked before a build spends its time."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give a file name")
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {path}: no folder {path.parent}")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {path}: Permission denied")
    return path


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn an OSError while writing `path` into one line (atomic writes leave nothing half)."""
    try:
        yield
    except OSError as error:
        raise cannot_write(Path(path), error) from error


@contextmanager
def locked(out: Path) -> Iterator[Path]:
    """Hold the folder's build lock (re-entrant in one thread); finish an interrupted move and
    remove staging folders of killed builds first."""
    had_folder = Path(out).is_dir()
    out = prepare_folder(out)
    key = str(out.resolve())
    held = getattr(_held, "folders", None)
    if held is None:
        held = _held.folders = set()
    if key in held:
        yield out
        return
    had_lock = (out / LOCK_NAME).exists()
    try:
        handle = open(out / LOCK_NAME, "a+", encoding="utf-8")
    except OSError as error:
        raise cannot_write(out, error) from error
    try:
        _lock(handle, out)
        held.add(key)
        try:
            _recover(out)
            yield out
        except BaseException:
            _undo_preparation(out, had_folder, had_lock)
            raise
        finally:
            held.discard(key)
    finally:
        handle.close()   # closing releases the lock


def _undo_preparation(out: Path, had_folder: bool, had_lock: bool) -> None:
    """After a failed build, take away the lock file and the folder it made for itself (a
    failed first build leaves no empty --out behind); anything else in the folder stays."""
    if not had_lock:
        (out / LOCK_NAME).unlink(missing_ok=True)   # still held: no other build is inside
    if not had_folder:
        try:
            out.rmdir()          # only when empty
        except OSError:
            pass


def _lock(handle, out: Path) -> None:
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        who = handle.read().strip() or "another process"
        raise BuildBusyError(f"another geo build ({who}) is writing to {out}; "
                             "try again when it has finished") from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}")
    handle.flush()


@contextmanager
def staged(out: Path, owned: Iterable[str]) -> Iterator[Path]:
    """A fresh folder to write one build into; on success its files replace those in `out`, and
    files named in `owned` that this build did not write are removed (they belong to an older
    run). On any failure the staging folder is removed and `out` is left as it was."""
    with locked(out) as out:
        try:
            stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=out))
        except OSError as error:
            raise cannot_write(out, error) from error
        try:
            yield stage
            _write_journal(out, stage, owned)
        except BaseException as error:
            shutil.rmtree(stage, ignore_errors=True)
            if isinstance(error, OSError):
                raise cannot_write(out, error, "; the previous outputs are unchanged") from error
            raise
        _finish_move(out)


def _write_journal(out: Path, stage: Path, owned: Iterable[str]) -> None:
    files = sorted(p.name for p in stage.iterdir())
    write_text(out / JOURNAL_NAME, json.dumps({"stage": stage.name, "files": files,
                                               "owned": sorted(set(owned))}))


def _finish_move(out: Path) -> None:
    """Move a complete staging folder's files in, as the journal lists them; idempotent."""
    journal = out / JOURNAL_NAME
    plan = json.loads(journal.read_text(encoding="utf-8"))
    stage = out / plan["stage"]
    for name in plan["files"]:
        if (stage / name).exists():
            os.replace(stage / name, out / name)
    for name in set(plan["owned"]) - set(plan["files"]):
        (out / name).unlink(missing_ok=True)
    shutil.rmtree(stage, ignore_errors=True)
    journal.unlink()


def _recover(out: Path) -> None:
    if (out / JOURNAL_NAME).exists():   # written atomically: present means the move began
        _finish_move(out)
    for leftover in out.glob(STAGE_PREFIX + "*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
