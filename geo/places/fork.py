"""Spread the gazetteer build over the machine's cores with forked processes: a child starts
with the parent's memory (the rows already read), so nothing is pickled to it, only its
results come back. Where forking is impossible or unsafe (no fork on the platform, a daemonic
pool worker, other threads running) the same work runs in the calling process."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable

_TASK: Callable | None = None  # what the forked pool's workers call (inherited, not pickled)


def processes() -> int:
    """How many processes the build may use (1: stay in this one)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if multiprocessing.current_process().daemon or threading.active_count() > 1:
        return 1  # a daemon may not have children; forking beside threads can deadlock
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


_WORTH_A_PROCESS = 20_000  # items: fewer cost less than starting a process


class Spread:
    """task(start, stop) over consecutive ranges covering range(total), started now on
    forked processes while the caller goes on (or run at `results()` in this process when
    forking is not possible or not worth it); `results()` waits and gives them in order."""

    def __init__(self, task: Callable[[int, int], object], total: int, pieces: int = 8) -> None:
        bounds = [total * k // pieces for k in range(pieces + 1)]
        self._task = task
        self._ranges = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
        self._pool = self._futures = None
        count = processes() if total >= _WORTH_A_PROCESS else 1
        if count > 1 and len(self._ranges) > 1:
            global _TASK
            _TASK = task  # the workers are forked at the first submit: they inherit it
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(count, mp_context=context)
            self._futures = [self._pool.submit(_run, r) for r in self._ranges]
            _TASK = None

    def results(self) -> list:
        if self._pool is None:
            return [self._task(a, b) for a, b in self._ranges]
        try:
            return [future.result() for future in self._futures]
        finally:
            self._pool.shutdown()


def _run(bounds: tuple[int, int]):
    return _TASK(*bounds)


class Aside:
    """`task()` started in a forked child while the caller goes on (in this process when
    forking is not possible, or `size`, the task's item count, is small); `result()` waits
    for it and re-raises its error here."""

    def __init__(self, task: Callable[[], object], size: int) -> None:
        self._value: object = None
        self._child = None
        if size < _WORTH_A_PROCESS or processes() == 1:
            self._value = task()
            return
        context = multiprocessing.get_context("fork")
        self._pipe, child_end = context.Pipe(duplex=False)
        self._child = context.Process(target=_report, args=(task, child_end), daemon=True)
        self._child.start()
        child_end.close()

    def result(self):
        if self._child is None:
            return self._value
        try:
            status, value = self._pipe.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            status, value = "error", OSError(f"build process ended with code {self._child.exitcode}")
        self._child.join()
        if status == "error":
            raise value
        return value


def _report(task: Callable[[], object], pipe) -> None:
    try:
        pipe.send(("ok", task()))
    except BaseException as error:  # noqa: BLE001 - sent to the parent, raised there
        try:
            pipe.send(("error", error))
        except Exception:  # noqa: BLE001 - an error that cannot be pickled: its text
            pipe.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))
