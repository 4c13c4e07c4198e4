"""A progress display for batch runs: works done, errors, works/s and MB/s."""
from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass
class BatchStats:
    """Counts and rates of a batch run.

    Example:
        >>> s = BatchStats(works=10, bytes=2_000_000, seconds=2.0)
        >>> s.works_per_s, s.mb_per_s
        (5.0, 1.0)
    """

    works: int = 0
    errors: int = 0
    skipped: int = 0
    duplicates: int = 0
    bytes: int = 0
    seconds: float = 0.0
    workers: int = 1
    repaired_bytes: int = 0
    library: tuple[int, int] | None = None  # (added, updated) with --library
    started: float = field(default_factory=time.perf_counter, repr=False)

    @property
    def works_per_s(self) -> float:
        return self.works / self.seconds if self.seconds > 0 else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0

    def tick(self) -> None:
        self.seconds = time.perf_counter() - self.started

    def summary(self) -> str:
        """One line for the end of a run."""
        parts = [_count(self.works, "work"), _count(self.errors, "error")]
        if self.skipped:
            parts.append(f"{self.skipped} already done")
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate ids skipped")
        if self.library is not None:
            parts.append(f"library: {self.library[0]} added, {self.library[1]} updated")
        if self.repaired_bytes:
            parts.append(f"torn last line cut ({self.repaired_bytes} bytes)")
        return (", ".join(parts) + f" in {self.seconds:.1f} s on {_count(self.workers, 'worker')}: "
                f"{self.works_per_s:.1f} works/s, {self.mb_per_s:.2f} MB/s")


def _count(n: int, noun: str) -> str:
    """ "1 work", "2 works", "0 errors"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class ProgressBar:
    """A rich progress bar on stderr (silent when stderr is not a terminal)."""

    def __init__(self, stats: BatchStats, enabled: bool = True) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn)

        console = Console(stderr=True)
        self.stats = stats
        self._progress = Progress(
            SpinnerColumn(), TextColumn("[bold]batch"), BarColumn(),
            TextColumn("{task.completed} works"), TextColumn("[red]{task.fields[errors]} errors"),
            TextColumn("{task.fields[wps]} works/s"), TextColumn("{task.fields[mbps]} MB/s"),
            TimeElapsedColumn(), console=console, transient=False,
            disable=not (enabled and console.is_terminal),
        )
        self._task = self._progress.add_task("batch", total=None, errors=0, wps="0.0", mbps="0.00")

    def __enter__(self) -> "ProgressBar":
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def update(self) -> None:
        s = self.stats
        s.tick()
        self._progress.update(self._task, completed=s.works, errors=s.errors,
                              wps=f"{s.works_per_s:.1f}", mbps=f"{s.mb_per_s:.2f}")
