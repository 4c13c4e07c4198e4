"""Where chunks are scanned: local worker processes, or a Dask cluster.

Both engines have the same small interface: ``submit(chunk) -> future`` (anything with
``.result()``) and ``close()``. The runner keeps a bounded window of submitted chunks, so
memory stays flat whatever the corpus size.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, Sequence

from forewarn.batch.items import Item
from forewarn.batch.worker import ScanOptions, scan_chunk, warm_up
from forewarn.errors import ForewarnError

ENGINES = ("local", "dask")


class Engine(Protocol):
    workers: int

    def submit(self, chunk: Sequence[Item]) -> Any: ...

    def recover(self) -> None: ...

    def worker_died(self, exc: BaseException) -> bool: ...

    def close(self, cancel: bool = False) -> None: ...


def default_workers() -> int:
    """The number of CPU cores this process may use.

    Example:
        >>> default_workers() >= 1
        True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    """A pool of worker processes on this machine (started with ``forkserver`` where
    available, so that the parent's threads are never forked).

    Example:
        >>> eng = LocalEngine(1)
        >>> from forewarn.batch.items import Item
        >>> eng.submit([Item("a", "jsonl", text="It rained.")]).result()[0].id
        'a'
        >>> eng.close()
    """

    def __init__(self, workers: int, opts: ScanOptions = ScanOptions()) -> None:
        self.workers = workers
        self.opts = opts
        methods = multiprocessing.get_all_start_methods()
        self._ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods
                                                else "spawn")
        self._lock = threading.Lock()
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=self._ctx,
                                   initializer=warm_up, initargs=(os.getpid(),))

    def submit(self, chunk: Sequence[Item]) -> Any:
        with self._lock:
            try:
                return self._pool.submit(scan_chunk, list(chunk), self.opts)
            except BrokenProcessPool:  # a worker died: carry on with a fresh pool
                self._replace_pool()
                return self._pool.submit(scan_chunk, list(chunk), self.opts)

    def recover(self) -> None:
        """Start a fresh pool if a worker process died (the old one refuses work)."""
        with self._lock:
            if getattr(self._pool, "_broken", False):
                self._replace_pool()

    def _replace_pool(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    @staticmethod
    def worker_died(exc: BaseException) -> bool:
        """True when a chunk failed because its worker process died, not because of a bug."""
        return isinstance(exc, BrokenProcessPool)

    def close(self, cancel: bool = False) -> None:
        with self._lock:
            self._pool.shutdown(wait=not cancel, cancel_futures=cancel)


class DaskEngine:
    """Chunks go to a Dask cluster: a ``LocalCluster`` of ``workers`` single-threaded
    processes by default, or the scheduler at ``scheduler`` (``tcp://host:8786``).

    Files are read here and their bytes travel with the chunk, so the cluster's workers
    need no shared file system. Needs the extra ``forewarn[dask]``.
    """

    def __init__(self, workers: int, opts: ScanOptions = ScanOptions(), *,
                 scheduler: str | None = None, processes: bool = True) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ForewarnError("--engine dask needs Dask: pip install 'forewarn[dask]'") from None
        self.opts = opts
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                             processes=processes, dashboard_address=None,
                                             silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            where = scheduler or "a local cluster"
            raise ForewarnError(f"--engine dask: cannot connect to {where} ({exc})") from None
        n = len(self._client.scheduler_info().get("workers", {}))
        self.workers = n or workers

    def submit(self, chunk: Sequence[Item]) -> Any:
        shipped = [_with_bytes(item) for item in chunk]
        return self._client.submit(scan_chunk, shipped, self.opts, pure=False)

    def recover(self) -> None:
        """Nothing to do: the cluster's nannies restart dead workers."""

    @staticmethod
    def worker_died(exc: BaseException) -> bool:
        """True for Dask's KilledWorker (the task's workers kept dying)."""
        return type(exc).__name__ == "KilledWorker"

    def close(self, cancel: bool = False) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def _with_bytes(item: Item) -> Item:
    if item.kind != "file" or item.data is not None or not item.path:
        return item
    try:
        with open(item.path, "rb") as fh:
            data = fh.read()
    except OSError:
        return item  # the worker reports the same error the local engine would
    return Item(item.id, item.kind, path=item.path, data=data, size=item.size)


def make_engine(name: str, workers: int | None, opts: ScanOptions = ScanOptions(), *,
                scheduler: str | None = None, processes: bool = True) -> Engine:
    """Start the named engine (``local`` or ``dask``)."""
    n = workers or default_workers()
    if name == "local":
        if scheduler:
            raise ForewarnError("--scheduler needs --engine dask")
        return LocalEngine(n, opts)
    if name == "dask":
        return DaskEngine(n, opts, scheduler=scheduler, processes=processes)
    raise ForewarnError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")
