"""Batch throughput at 1 and 2 local workers and through a Dask LocalCluster.

Runs ``forewarn.batch.run_batch`` over the LitBank novels (a JSONL-free folder of .txt
files) and prints wall time, works/s, MB/s, the speed-up over one worker, and the peak
resident memory of each worker process (``VmHWM`` from ``/proc``, sampled while it runs).

    .venv/bin/python bench/scaling.py             # all 100 novels (61 MB), three runs
    .venv/bin/python bench/scaling.py --limit 20  # the first 20 files
    .venv/bin/python bench/scaling.py --no-dask

The numbers are printed, never asserted. The machine is shared: other processes running at
the same time lower the 2-worker figure.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = REPO / ".." / "shared" / "data" / "litbank" / "original"


class PeakRSS:
    """Samples VmHWM (peak RSS) of every descendant process of this one, by pid."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            parents: dict[int, int] = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        with open(f"/proc/{entry}/stat") as fh:
                            parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
                    except (OSError, IndexError, ValueError):
                        pass
            family = {me}
            grew = True
            while grew:
                grew = False
                for pid, ppid in parents.items():
                    if ppid in family and pid not in family:
                        family.add(pid)
                        grew = True
            for pid in family - {me}:
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                except OSError:
                    continue
                fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
                if "VmHWM" in fields:
                    kb = float(fields["VmHWM"].split()[0])
                    name = fields.get("Name", "?").strip()
                    old = self.peaks.get(pid, (name, 0.0))[1]
                    self.peaks[pid] = (name, max(old, kb / 1024))
            self._stop.wait(self.interval)

    def workers(self, n: int) -> list[float]:
        """The ``n`` largest peaks (MB): the worker processes, not the small helpers."""
        return sorted((mb for _, mb in self.peaks.values()), reverse=True)[:n]


def run(label: str, folder: Path, workers: int, engine: str) -> float:
    from forewarn.batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        with PeakRSS() as rss:
            t0 = time.perf_counter()
            stats = run_batch([folder], out, workers=workers, engine=engine, progress=False)
            wall = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in folder.iterdir())
    peaks = ", ".join(f"{mb:.0f}" for mb in rss.workers(workers))
    print(f"{label:<28}{wall:>8.1f} s{stats.works / wall:>9.1f} works/s"
          f"{size / 1e6 / wall:>9.2f} MB/s   errors {stats.errors}   peak RSS per worker "
          f"(VmHWM) {peaks} MB", flush=True)
    return wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    args = ap.parse_args(argv)
    folder = args.folder.resolve()
    if not folder.is_dir():
        print(f"scaling: {folder} not found (the shared LitBank data); nothing to measure")
        return 0
    files = sorted(p for p in folder.iterdir() if p.suffix == ".txt")[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for p in files:
            (corpus / p.name).symlink_to(p)
        mb = sum(p.stat().st_size for p in files) / 1e6
        print(f"scaling: {len(files)} files, {mb:.1f} MB, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.2f} at start")
        one = run("local, 1 worker", corpus, 1, "local")
        two = run("local, 2 workers", corpus, 2, "local")
        print(f"speed-up, 2 workers over 1: {one / two:.2f}x")
        if not args.no_dask:
            try:
                import distributed  # noqa: F401
            except ImportError:
                print("dask: not installed (pip install 'forewarn[dask]'); skipped")
            else:
                dask = run("dask LocalCluster, 2 workers", corpus, 2, "dask")
                print(f"speed-up, Dask 2 workers over local 1: {one / dask:.2f}x "
                      "(includes starting the cluster)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
