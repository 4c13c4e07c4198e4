"""Whole-scan speed of this tree against an older revision, measured in turns.

The machine may be shared and its speed drifts between runs, so a figure from yesterday
says little. This extracts ``REV`` with ``git archive`` into a temporary folder and scans the
same LitBank novels with the old and the current source in alternating child processes
(``scan_work`` and the JSON line, CPU time after a warm-up), then prints each turn and the
ratio of the best times.

    .venv/bin/python bench/compare.py 715c43f             # first 40 novels, 2 turns each
    .venv/bin/python bench/compare.py HEAD~5 --limit 100 --turns 3

The numbers are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from litbank import FOLDER as DEFAULT_FOLDER, novels

REPO = Path(__file__).resolve().parents[1]


def _worker(src: str, folder: Path, limit: int) -> None:
    """Child process: scan the novels with the forewarn package under ``src``; print
    ``{"mb": …, "cpu": …}``."""
    sys.path.insert(0, src)
    import forewarn

    if not forewarn.__file__.startswith(src):
        raise SystemExit(f"compare: imported {forewarn.__file__}, not the tree under {src}")
    from forewarn.ingest import load_path
    from forewarn.pipeline import scan, scan_work

    scan("She lit a cigarette. \"Stay,\" he said, and the blood dried on the floor.")
    paths = novels("compare", folder, limit) or []
    mb = sum(p.stat().st_size for p in paths) / 1e6
    t0 = time.process_time()
    for p in paths:
        json.dumps(scan_work(load_path(p)).to_dict(), ensure_ascii=False, separators=(",", ":"))
    print(json.dumps({"mb": mb, "cpu": time.process_time() - t0}))


def _run(src: Path, folder: Path, limit: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", str(src), "--folder", str(folder),
                          "--limit", str(limit)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", nargs="?", help="the older git revision to compare with")
    ap.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--limit", type=int, default=40, help="the first N novels (0: all)")
    ap.add_argument("--turns", type=int, default=2, help="runs of each tree, alternating")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.folder, args.limit)
        return 0
    if not args.rev:
        ap.error("give the older revision to compare with, e.g. HEAD~3")
    if novels("compare", args.folder, args.limit) is None:
        return 0
    with tempfile.TemporaryDirectory(prefix="forewarn-compare-") as tmp:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.rev],
                                 capture_output=True, check=False)
        if archive.returncode != 0:
            print(f"compare: git archive {args.rev} failed: "
                  f"{archive.stderr.decode(errors='replace').strip()}", file=sys.stderr)
            return 2
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        trees = {args.rev: Path(tmp) / "src", "this tree": REPO / "src"}
        best: dict[str, float] = {}
        mb = 0.0
        for turn in range(1, args.turns + 1):
            for name, src in trees.items():
                r = _run(src, args.folder, args.limit)
                mb = r["mb"]
                best[name] = min(best.get(name, float("inf")), r["cpu"])
                print(f"turn {turn}: {name:<12} {r['cpu']:7.2f} CPU s  {mb / r['cpu']:6.2f} MB/s")
        old, new = best[args.rev], best["this tree"]
        print(f"best of {args.turns}, {mb:.1f} MB: {args.rev} {mb / old:.2f} MB/s, this tree "
              f"{mb / new:.2f} MB/s; this tree is {old / new:.2f}x as fast")
    return 0


if __name__ == "__main__":
    sys.exit(main())
