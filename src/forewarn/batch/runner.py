"""Run a corpus through the scan: stream items, scan chunks in parallel, write lines in order.

Memory is bounded: items are read lazily, and at most ``window`` chunks are in flight at
any time. Lines are written in input order as each chunk completes, so the output of the
local and Dask engines is the same for the same input, and a killed run loses at most the
chunks in flight.
"""
from __future__ import annotations

import os
from collections import deque
from itertools import islice
from typing import Iterable, Iterator, Sequence

from forewarn.batch.engines import make_engine
from forewarn.batch.items import Item, check_inputs, iter_items
from forewarn.batch.output import ResultsFile
from forewarn.batch.progress import BatchStats, ProgressBar
from forewarn.batch.worker import FORMATS, Result
from forewarn.errors import ForewarnError

CHUNK_ITEMS = 16          # at most this many works per chunk …
CHUNK_BYTES = 512 * 1024  # … or about this much text, whichever comes first
WINDOW_PER_WORKER = 4     # chunks in flight per worker


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
              library: str | os.PathLike[str] | None = None, progress: bool = True,
              processes: bool = True, chunk_items: int = CHUNK_ITEMS,
              chunk_bytes: int = CHUNK_BYTES) -> BatchStats:
    """Scan every work of ``inputs`` and write one JSON line per work to ``out``.

    ``fmt`` is ``report`` (``{"id", …the report…}``) or ``pan`` (``{"work_id",
    "labels"}``); a work that fails is written as ``{"id", "error"}`` (``{"work_id",
    "labels": [], "error"}`` in PAN format) and the run goes on. ``resume`` skips the ids
    already in ``out``. ``library`` also stores each report in that library database.

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
    if workers is not None and workers < 1:
        raise ForewarnError("--workers must be at least 1")
    check_inputs(inputs)
    sink = None
    if library is not None:
        from forewarn.batch.library_sink import open_sink

        sink = open_sink(library)
    stats = BatchStats()
    try:
        with ResultsFile(out, fmt, resume=resume, overwrite=overwrite) as results:
            stats.skipped = 0
            stats.repaired_bytes = results.repaired
            seen = results.done
            eng = make_engine(engine, workers, fmt, keep_report=sink is not None,
                              scheduler=scheduler, processes=processes)
            stats.workers = eng.workers
            todo = _fresh(iter_items(inputs), seen, stats)
            window: deque = deque()
            limit = max(2, eng.workers * WINDOW_PER_WORKER)
            cancelled = True
            try:
                with ProgressBar(stats, enabled=progress) as bar:
                    for chunk in chunked(todo, chunk_items, chunk_bytes):
                        window.append(eng.submit(chunk))
                        while len(window) >= limit:
                            _drain(window.popleft(), results, sink, stats, bar)
                    while window:
                        _drain(window.popleft(), results, sink, stats, bar)
                cancelled = False
            finally:
                _close_engine(eng, cancelled)
    finally:
        if sink is not None:
            sink.close()
    stats.tick()
    return stats


def _fresh(items: Iterable[Item], seen: set[str], stats: BatchStats) -> Iterator[Item]:
    """Items whose id is not done yet; a repeated id in the input is skipped."""
    done_before = set(seen)
    for item in items:
        if item.id in seen:
            if item.id in done_before:
                stats.skipped += 1
                done_before.discard(item.id)
            else:
                stats.duplicates += 1
            continue
        seen.add(item.id)
        yield item


def _drain(future, results: ResultsFile, sink, stats: BatchStats,  # type: ignore[no-untyped-def]
           bar: ProgressBar) -> None:
    try:
        batch: list[Result] = future.result()
    except Exception as exc:  # a worker process died (killed, out of memory)
        raise ForewarnError(f"a worker stopped ({type(exc).__name__}: {exc}); the results so far "
                            "are kept: run again with --resume") from None
    if sink is not None:
        for r in batch:
            if r.report is not None:
                sink.add(r.report)
    results.write_lines([r.line for r in batch])
    stats.works += len(batch)
    stats.errors += sum(1 for r in batch if r.error is not None)
    stats.bytes += sum(r.size for r in batch)
    bar.update()


def _close_engine(eng, cancelled: bool) -> None:  # type: ignore[no-untyped-def]
    try:
        eng.close(cancel=cancelled)
    except Exception:  # pragma: no cover - shutting down after another error
        if not cancelled:
            raise
