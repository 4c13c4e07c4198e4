"""Batch throughput at 1 and 2 local workers and through a Dask LocalCluster.

Runs ``forewarn.batch.run_batch`` over the LitBank novels (a JSONL-free folder of .txt
files) and prints wall time, works/s, MB/s, the speed-up over one worker, and the peak
resident memory of each worker process (``VmHWM`` from ``/proc``, sampled while it runs).

    .venv/bin/python bench/scaling.py             # all 100 novels (61 MB), each run twice
    .venv/bin/python bench/scaling.py --limit 20  # the first 20 files
    .venv/bin/python bench/scaling.py --no-dask
    .venv/bin/python bench/scaling.py --format pan  # labels only, as for the PAN corpus

The numbers are printed, never asserted. The machine may be shared: each run also prints
the CPU time other processes took meanwhile, and a pure-Python spin loop first shows how
much two processes can gain over one on this hardware right now.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from litbank import FOLDER as DEFAULT_FOLDER, novels


_HZ = os.sysconf("SC_CLK_TCK")


def _busy_cpu_seconds() -> float:
    """CPU seconds all processes of the machine have used since boot (``/proc/stat``)."""
    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / _HZ


class PeakRSS:
    """Samples VmHWM (peak RSS) and CPU time of every descendant process of this one."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, float]] = {}
        self.cpu: dict[int, float] = {}
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
                    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except (OSError, IndexError):
                    continue
                self.cpu[pid] = (int(stat[11]) + int(stat[12])) / _HZ
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


def run(label: str, folder: Path, workers: int, engine: str,
        fmt: str = "report") -> tuple[float, float]:
    """One batch run; prints its line and returns its wall time and its CPU time."""
    from forewarn.batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        with PeakRSS() as rss:
            busy0, mine0 = _busy_cpu_seconds(), time.process_time()
            t0 = time.perf_counter()
            stats = run_batch([folder], out, workers=workers, engine=engine, fmt=fmt,
                              progress=False)
            wall = time.perf_counter() - t0
            busy = _busy_cpu_seconds() - busy0
            mine = time.process_time() - mine0
        size = sum(p.stat().st_size for p in folder.iterdir())
    ours = mine + sum(rss.cpu.values())
    peaks = ", ".join(f"{mb:.0f}" for mb in rss.workers(workers))
    print(f"  {label:<28}{wall:>7.1f} s{stats.works / wall:>7.1f} works/s"
          f"{size / 1e6 / wall:>7.2f} MB/s  peak RSS per worker (VmHWM) {peaks} MB; "
          f"CPU: ours {ours:.1f} s, other processes {max(0.0, busy - ours):.1f} s"
          f"{f'  errors {stats.errors}' if stats.errors else ''}", flush=True)
    return wall, ours


def spin_baseline(seconds: float = 2.0) -> float:
    """How much more pure-Python work 2 processes do than 1 in the same time, on this
    machine right now (2.0 on two free, independent cores)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as ex:
        one = ex.submit(_spin, seconds).result()
        two = sum(f.result() for f in [ex.submit(_spin, seconds) for _ in range(2)])
    return two / one


def _spin(seconds: float) -> int:
    end = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < end:
        n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    ap.add_argument("--format", dest="fmt", choices=["report", "pan"], default="report",
                    help="what the batch writes: whole reports, or PAN labels only")
    ap.add_argument("--repeat", type=int, default=2,
                    help="runs of each configuration; the best (least disturbed) counts")
    args = ap.parse_args(argv)
    folder = args.folder.resolve()
    files = novels("scaling", folder, args.limit)
    if files is None:
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for p in files:
            (corpus / p.name).symlink_to(p)
        mb = sum(p.stat().st_size for p in files) / 1e6
        print(f"scaling: {len(files)} files, {mb:.1f} MB, --format {args.fmt}, "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start; "
              f"best of {args.repeat}")
        print(f"hardware baseline: 2 processes of a pure-Python loop do "
              f"{spin_baseline():.2f}x the work of 1")
        configs = [("local, 1 worker", 1, "local"), ("local, 2 workers", 2, "local")]
        if not args.no_dask:
            try:
                import distributed  # noqa: F401
            except ImportError:
                print("dask: not installed (pip install 'forewarn[dask]'); skipped")
            else:
                configs.append(("dask LocalCluster, 2 workers", 2, "dask"))
        best: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for i in range(args.repeat):
            print(f"run {i + 1}:")
            for label, workers, engine in configs:
                wall, ours = run(label, corpus, workers, engine, args.fmt)
                if wall < best.get(label, float("inf")):
                    best[label], cpu[label] = wall, ours
        one = best["local, 1 worker"]
        print("best: " + "; ".join(f"{k} {v:.1f} s ({mb / v:.2f} MB/s)" for k, v in best.items()))
        print(f"speed-up, 2 local workers over 1: {one / best['local, 2 workers']:.2f}x")
        print(f"  estimate for two free cores, 2 x (CPU of the 1-worker run / CPU of the "
              f"2-worker run): {2 * cpu['local, 1 worker'] / cpu['local, 2 workers']:.2f}x "
              "(ignores the tail where one worker finishes the last novel alone)")
        if "dask LocalCluster, 2 workers" in best:
            print(f"speed-up, Dask LocalCluster (2 workers, its start-up included) over 1 local "
                  f"worker: {one / best['dask LocalCluster, 2 workers']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
