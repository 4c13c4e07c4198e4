"""Run a corpus through the scan: stream items, scan chunks in parallel, write lines in order.

Memory is bounded: items are read lazily, and at most ``window`` chunks are in flight at
any time. Lines are written in input order as each chunk completes, so the output of the
local and Dask engines is the same for the same input, and a killed run loses at most the
chunks in flight.
"""
from __future__ import annotations

import os
import queue
import threading
from typing import Any, Callable, Iterable, Iterator, Sequence

from forewarn.batch.engines import make_engine
from forewarn.batch.items import Item, check_inputs, iter_items
from forewarn.batch.output import ResultsFile
from forewarn.batch.progress import BatchStats, ProgressBar
from forewarn.batch.worker import FORMATS, Result, ScanOptions, error_result
from forewarn.errors import ForewarnError

CHUNK_ITEMS = 16          # at most this many works per chunk …
CHUNK_BYTES = 512 * 1024  # … or about this much text, whichever comes first
WINDOW_PER_WORKER = 4     # chunks in flight per worker
DEFAULT_TIMEOUT_S = 300.0  # seconds one work may take (--timeout)


def chunked(items: Iterable[Item], max_items: int = CHUNK_ITEMS,
            max_bytes: int = CHUNK_BYTES) -> Iterator[list[Item]]:
    """Group items into chunks of at most ``max_items`` works or about ``max_bytes``.

    Example:
        >>> its = [Item(str(i), "jsonl", text="x", size=300) for i in range(5)]
        >>> [len(c) for c in chunked(its, max_items=10, max_bytes=600)]
        [2, 2, 1]
    """
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += item.size
        if len(chunk) >= max_items or size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def run_batch(inputs: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str], *,
              workers: int | None = None, engine: str = "local", scheduler: str | None = None,
              fmt: str = "report", resume: bool = False, overwrite: bool = False,
              library: str | os.PathLike[str] | None = None, lean: bool = False,
              progress: bool = True, timeout: float | None = DEFAULT_TIMEOUT_S,
              processes: bool = True, chunk_items: int = CHUNK_ITEMS,
              chunk_bytes: int = CHUNK_BYTES) -> BatchStats:
    """Scan every work of ``inputs`` and write one JSON line per work to ``out``.

    ``fmt`` is ``report`` (``{"id", …the report…}``) or ``pan`` (``{"work_id",
    "labels"}``); a work that fails is written as ``{"id", "error"}`` (``{"work_id",
    "labels": [], "error"}`` in PAN format) and the run goes on. ``resume`` skips the ids
    already in ``out``. ``library`` also stores each report in that library database.
    ``lean`` leaves the quote list and the evidence text out of report lines.
    ``timeout`` is the time one work may take in a local worker (None or 0: no limit): a
    work over it becomes an error line, and a worker stuck in it is replaced.

    Example:
        >>> import tempfile, pathlib, json
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (d / "in.jsonl").write_text('{"id": "a", "text": "It rained."}\\n')
        >>> stats = run_batch([d / "in.jsonl"], d / "out.jsonl", workers=1, progress=False)
        >>> [json.loads(l)["id"] for l in (d / "out.jsonl").read_text().splitlines()]
        ['a']
    """
    if fmt not in FORMATS:
        raise ForewarnError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if timeout is not None and timeout < 0:
        raise ForewarnError("--timeout must not be negative")
    if workers is not None and workers < 1:
        raise ForewarnError("--workers must be at least 1")
    check_inputs(inputs)
    sink = None
    if library is not None:
        from forewarn.batch.library_sink import open_sink

        sink = open_sink(library)
    stats = BatchStats()
    with ResultsFile(out, fmt, resume=resume, overwrite=overwrite) as results:
        stats.repaired_bytes = results.repaired
        opts = ScanOptions(fmt, keep_report=sink is not None, lean=lean,
                           timeout=timeout or None)
        try:
            eng = make_engine(engine, workers, opts, scheduler=scheduler, processes=processes)
        except BaseException:
            results.discard_if_unused()  # no empty results file left behind
            raise
        stats.workers = eng.workers
        todo = _fresh(iter_items(inputs), results.done, stats)
        results.done = set()  # _fresh owns the ids now
        limit = max(2, eng.workers * WINDOW_PER_WORKER)
        cancelled = True
        try:
            with ProgressBar(stats, enabled=progress) as bar:
                _pump(chunked(todo, chunk_items, chunk_bytes), eng, limit,
                      lambda job: _drain(job, eng, fmt, results, sink, stats, bar),
                      sink.close if sink is not None else None)
            cancelled = False
        finally:
            _close_engine(eng, cancelled)
    if sink is not None:
        stats.library = (sink.added, sink.updated)
    stats.tick()
    return stats


def _pump(chunks: Iterable[list[Item]], eng, limit: int,  # type: ignore[no-untyped-def]
          drain: Callable[[Any], None], finish: Callable[[], None] | None = None) -> None:
    """Submit chunks while a writer thread drains them in order as they complete.

    At most ``limit`` submitted chunks wait for the writer (the queue blocks the reader
    beyond that), so memory is bounded; and results are written as soon as they are done,
    even while the reader waits for slow input (a pipe, a network file system).
    """
    pending: queue.Queue = queue.Queue(maxsize=limit)
    failure: list[BaseException] = []
    stop = threading.Event()

    def writer() -> None:
        try:
            _write_all()
        finally:
            if finish is not None:
                finish()

    def _write_all() -> None:
        while True:
            fut = pending.get()
            if fut is None:
                return
            if failure or stop.is_set():
                continue  # keep emptying the queue so the reader never blocks for good
            try:
                drain(fut)
            except BaseException as exc:  # handed to the reader thread below
                failure.append(exc)

    thread = threading.Thread(target=writer, name="forewarn-batch-writer", daemon=True)
    thread.start()
    try:
        for chunk in chunks:
            if failure:
                break
            pending.put((eng.submit(chunk), chunk))
    except KeyboardInterrupt:
        stop.set()  # lose the works in flight, not the time to finish them
        raise
    finally:
        if not stop.is_set():  # done, or the input failed: write what is in flight first
            pending.put(None)
            thread.join()
    if failure:
        raise failure[0]


def _fresh(items: Iterable[Item], done: set[str], stats: BatchStats) -> Iterator[Item]:
    """Items whose id is not done yet; a repeated id in the input is skipped.

    ``seen`` maps an id to True while it is only known from an earlier run's output.
    """
    seen: dict[str, bool] = dict.fromkeys(done, True)
    done.clear()
    for item in items:
        earlier = seen.get(item.id)
        if earlier is not None:
            if earlier:
                stats.skipped += 1
                seen[item.id] = False
            else:
                stats.duplicates += 1
            continue
        seen[item.id] = False
        yield item


def _drain(job, eng, fmt: str, results: ResultsFile, sink,  # type: ignore[no-untyped-def]
           stats: BatchStats, bar: ProgressBar) -> None:
    future, chunk = job
    try:
        batch: list[Result] = future.result()
    except Exception as exc:
        if not eng.worker_died(exc):
            raise ForewarnError(f"the batch engine failed ({type(exc).__name__}: {exc}); the "
                                "results so far are kept: run again with --resume") from None
        batch = _one_by_one(eng, chunk, fmt)
    if sink is not None:
        for r in batch:
            if r.report is not None:
                sink.add(r.report, r.text or "")
    results.write_lines([r.line for r in batch])
    stats.works += len(batch)
    stats.errors += sum(1 for r in batch if r.error is not None)
    stats.bytes += sum(r.size for r in batch)
    bar.update()


def _one_by_one(eng, chunk: list[Item], fmt: str) -> list[Result]:  # type: ignore[no-untyped-def]
    """Rescan a chunk whose worker died, one work at a time, so that only the work that
    kills its worker (out of memory, a crash) is recorded as an error. A work is given two
    tries, as another chunk's bad work may have broken the pool under it."""
    out: list[Result] = []
    for item in chunk:
        result = None
        for _ in range(2):
            eng.recover()
            try:
                [result] = eng.submit([item]).result()
                break
            except Exception as exc:
                if not eng.worker_died(exc):
                    raise
        if result is None:
            result = error_result(item, fmt, f"{item.id}: the worker process scanning this "
                                  "work died (out of memory, killed, or stuck past --timeout)")
        out.append(result)
    return out


def _close_engine(eng, cancelled: bool) -> None:  # type: ignore[no-untyped-def]
    try:
        eng.close(cancel=cancelled)
    except Exception:  # pragma: no cover - shutting down after another error
        if not cancelled:
            raise
