"""Run the per-document function over a build's files: in this process, in a process pool on
this machine's cores, or on a Dask cluster, one code path whatever the scheduler.

Results stream into the `ResultStore` as they arrive (memory holds a few batches, never the
archive); documents already in the store (same bytes, code and options) are not computed again.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field

from geo.docwork import DocResult, DocTask, WorkOptions, process_batch, process_document
from geo.resultstore import ResultStore, options_fingerprint, task_key
# the cycle collector off for a joining or writing stage (never around the worker pool: forked
# workers would inherit it switched off)
from geo.gcpause import paused as collector_paused  # noqa: F401

log = logging.getLogger(__name__)

# Below this much new text, starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 1 << 20
BATCH_BYTES = 1 << 20            # a task is a batch of documents up to about this size
SHARES_PER_WORKER = 8            # a small build is cut into about this many batches per worker
IN_FLIGHT_PER_WORKER = 2         # batches queued per worker: enough to stay busy, little memory


@dataclass
class Plan:
    """Which documents a build reads: their tasks, cache keys (None: not cacheable), the
    documents computed this time, and results held in memory instead of the store (files that
    could not be read: small, and their errors may depend on the moment)."""

    tasks: list[DocTask]
    keys: list[str | None]
    todo: list[int] = field(default_factory=list)
    held: dict[int, DocResult] = field(default_factory=dict)

    @property
    def computed_bytes(self) -> int:
        return sum(self.tasks[i].size for i in self.todo)


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:            # not Linux
        return os.cpu_count() or 1


def scheduler_address(scheduler: str | None) -> str | None:
    """The Dask scheduler to use: the argument, else DASK_SCHEDULER_ADDRESS, else None (local)."""
    return scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS") or None


def progress_bar(total: float, desc: str, unit: str, quiet: bool):
    """A tqdm bar on a terminal; a silent stand-in when quiet or when stderr is not a terminal."""
    from tqdm import tqdm

    tqdm.monitor_interval = 0     # no monitor thread: worker processes are forked
    disable = quiet or not sys.stderr.isatty()
    return tqdm(total=total, desc=desc, unit=unit, unit_scale=True, disable=disable,
                leave=False)


def run_documents(tasks: list[DocTask], options: WorkOptions, store: ResultStore, *,
                  workers: int | None = None, scheduler: str | None = None, quiet: bool = True,
                  online=None) -> Plan:
    """Compute every task the store lacks and store the results. Online geocoding (rate-limited,
    network-dependent) runs in this process and is never cached."""
    cacheable = online is None
    printed = options_fingerprint(options)
    keys: list[str | None] = []
    for task in tasks:
        try:
            keys.append(task_key(task, printed) if cacheable else None)
        except OSError:
            keys.append(None)         # unreadable: process_document gives the one-line error
    plan = Plan(tasks, keys)
    plan.todo = todo = [i for i, key in enumerate(keys) if key is None or not store.verify(key)]
    if not todo:
        return plan
    bar = progress_bar(plan.computed_bytes, "documents", "B", quiet)
    done = 0

    def keep(pairs: list[tuple[int, DocResult]]) -> None:
        nonlocal done
        stored = []
        for i, result in pairs:
            if result.error or keys[i] is None:
                plan.held[i] = result       # never cached: small, and may depend on the moment
            else:
                stored.append((keys[i], result))
        store.put_many(stored)
        done += len(pairs)
        bar.update(sum(tasks[i].size for i, _ in pairs))
        bar.set_postfix_str(f"{done}/{len(todo)} docs", refresh=False)

    address = scheduler_address(scheduler)
    workers = workers or default_workers()
    try:
        if online is not None:
            for i in todo:
                keep([(i, process_document(tasks[i], options, online))])
        elif address:
            _on_dask(address, _batches(todo, tasks), tasks, options, keep)
        elif workers <= 1 or plan.computed_bytes < PARALLEL_FROM_BYTES or len(todo) == 1:
            # one document is one task: a worker process would only add the trip of its result
            for batch in _batches(todo, tasks):
                keep(list(zip(batch, process_batch([tasks[i] for i in batch], options))))
        else:
            _on_pool(workers, _batches(todo, tasks, workers), tasks, options, keep)
    finally:
        bar.close()
    return plan


def _batches(todo: list[int], tasks: list[DocTask], workers: int = 1) -> Iterator[list[int]]:
    """Documents in batches up to BATCH_BYTES, smaller when there is little work to share.
    With several workers the biggest documents go first and batches are small, so no worker
    is left with a long document while the others are idle at the end (results are joined in
    file order whatever order they arrive in)."""
    if workers > 1:
        todo = sorted(todo, key=lambda i: -tasks[i].size)
    limit = min(BATCH_BYTES, max(1, sum(tasks[i].size for i in todo) // (SHARES_PER_WORKER * workers)))
    batch: list[int] = []
    size = 0
    for i in todo:
        if batch and size + tasks[i].size > limit:
            yield batch
            batch, size = [], 0
        batch.append(i)
        size += tasks[i].size
    if batch:
        yield batch


def _bounded(submit: Callable, batches: Iterator[list[int]], limit: int, finished: Callable,
             keep: Callable) -> None:
    """Keep at most `limit` batches in flight; hand each finished batch to `keep`.
    `finished(futures)` waits for and returns some finished ones."""
    pending = {}

    def collect() -> None:
        for future in finished(list(pending)):
            keep(list(zip(pending.pop(future), future.result())))

    for batch in batches:
        pending[submit(batch)] = batch
        while len(pending) >= limit:
            collect()
    while pending:
        collect()


def _on_pool(workers: int, batches: Iterator[list[int]], tasks: list[DocTask], options: WorkOptions,
             keep: Callable) -> None:
    import multiprocessing

    # fork: workers start at once and share the parent's imports and memory-mapped gazetteer
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        _bounded(lambda b: pool.submit(process_batch, [tasks[i] for i in b], options), batches,
                 workers * IN_FLIGHT_PER_WORKER,
                 lambda fs: wait(fs, return_when=FIRST_COMPLETED).done, keep)


def _on_dask(address: str, batches: Iterator[list[int]], tasks: list[DocTask], options: WorkOptions,
             keep: Callable) -> None:
    """The same batches as Dask tasks on the cluster at `address` (workers must see the files)."""
    from distributed import Client, as_completed

    from geo.errors import GeoError

    try:
        client = Client(address, timeout=10, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise GeoError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        done = as_completed(loop=client.loop)

        def submit(batch: list[int]):
            future = client.submit(process_batch, [tasks[i] for i in batch], options, pure=False)
            done.add(future)
            return future

        _bounded(submit, batches, workers * IN_FLIGHT_PER_WORKER, lambda fs: [next(done)], keep)
    finally:
        client.close()
