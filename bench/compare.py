"""Whole-scan speed of this tree against an older revision (or another Python), in turns.

The machine may be shared and its speed drifts between runs, so a figure from yesterday
says little. This extracts ``REV`` with ``git archive`` into a temporary folder and scans the
same LitBank novels with the old and the current source in alternating child processes
(``scan_work`` and the JSON line, CPU time after a warm-up), then prints each turn and the
ratio of the best times.

With ``--together`` the two trees run at the same time, each pinned to its own CPU, and
swap CPUs every turn: whatever else the machine is doing then slows both alike, which
gives steadier ratios on a shared machine than taking turns (it needs two CPUs).

    .venv/bin/python bench/compare.py 715c43f             # first 40 novels, 2 turns each
    .venv/bin/python bench/compare.py HEAD~5 --limit 100 --turns 3
    .venv/bin/python bench/compare.py HEAD~1 --limit 30 --turns 4 --together

``--stage warnings`` times only ``forewarn.warnings.analyze`` on segmented novels (what
``bench/warnings_speed.py`` measures, MB of story text), the two trees side by side too:

    .venv/bin/python bench/compare.py af8f660 --stage warnings --limit 0 --together

``--python PY`` instead of a revision runs this tree under this Python and under ``PY``
(another build of CPython, in a venv that has forewarn's dependencies): how much the
interpreter's own build matters.

    .venv/bin/python bench/compare.py --python /tmp/other-venv/bin/python --together --turns 4

The numbers are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from litbank import FOLDER as DEFAULT_FOLDER, novels

REPO = Path(__file__).resolve().parents[1]


def _worker(src: str, folder: Path, limit: int, stage: str = "scan") -> None:
    """Child process: scan the novels with the forewarn package under ``src`` (or, with
    ``stage`` ``warnings``, time only the warnings stage of segmented novels); print
    ``{"mb": …, "cpu": …}``."""
    sys.path.insert(0, src)
    import forewarn

    if not forewarn.__file__.startswith(src):
        raise SystemExit(f"compare: imported {forewarn.__file__}, not the tree under {src}")
    from forewarn.ingest import load_path
    from forewarn.pipeline import scan, scan_work

    scan("She lit a cigarette. \"Stay,\" he said, and the blood dried on the floor.")
    paths = novels("compare", folder, limit) or []
    if stage == "warnings":
        mb, cpu = _warnings_stage(paths)
        print(json.dumps({"mb": mb, "cpu": cpu}))
        return
    mb = sum(p.stat().st_size for p in paths) / 1e6
    t0 = time.process_time()
    for p in paths:
        json.dumps(scan_work(load_path(p)).to_dict(), ensure_ascii=False, separators=(",", ":"))
    print(json.dumps({"mb": mb, "cpu": time.process_time() - t0}))


def _warnings_stage(paths: list[Path]) -> tuple[float, float]:
    """MB of story text and CPU seconds of ``forewarn.warnings.analyze`` over the novels,
    segmentation untimed (as ``bench/warnings_speed.py`` measures it, after a warm-up)."""
    from forewarn.ingest import load
    from forewarn.report import Report
    from forewarn.text import segment
    from forewarn.warnings import analyze

    total, cpu = 0, 0.0
    for p in paths:
        doc = segment(load(p))
        total += sum(len(c.text.encode("utf-8")) for c in doc.chapters)
        t0 = time.process_time()
        analyze(doc, Report())
        cpu += time.process_time() - t0
    return total / 1e6, cpu


#: One side of the comparison: (label, Python executable, the src/ folder it imports).
Side = tuple[str, str, Path]


def _command(side: Side, folder: Path, limit: int, stage: str = "scan") -> list[str]:
    return [side[1], __file__, "--worker", str(side[2]), "--folder", str(folder),
            "--limit", str(limit), "--stage", stage]


def _run(side: Side, folder: Path, limit: int, stage: str = "scan") -> dict:
    out = subprocess.run(_command(side, folder, limit, stage), capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _run_together(sides: list[Side], cpus: list[int], folder: Path, limit: int,
                  stage: str = "scan") -> list[dict]:
    """Run one child per side at the same time, child i pinned to ``cpus[i]``."""
    procs = []
    for side, cpu in zip(sides, cpus):
        procs.append(subprocess.Popen(_command(side, folder, limit, stage),
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                      preexec_fn=lambda cpu=cpu: os.sched_setaffinity(0, {cpu})))
    results = []
    for proc in procs:
        out, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"compare: a child failed: {err.strip().splitlines()[-1:]}")
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", nargs="?", help="the older git revision to compare with")
    ap.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--limit", type=int, default=40, help="the first N novels (0: all)")
    ap.add_argument("--turns", type=int, default=2, help="runs of each tree, alternating")
    ap.add_argument("--python", help="compare this tree under this Python and under PY")
    ap.add_argument("--together", action="store_true",
                    help="run both trees at once, on two CPUs, swapping them every turn")
    ap.add_argument("--stage", choices=["scan", "warnings"], default="scan",
                    help="what to time: the whole scan, or only the warnings stage")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.folder, args.limit, args.stage)
        return 0
    if not args.rev and not args.python:
        ap.error("give the older revision to compare with (e.g. HEAD~3), or --python PY")
    if novels("compare", args.folder, args.limit) is None:
        return 0
    with tempfile.TemporaryDirectory(prefix="forewarn-compare-") as tmp:
        if args.rev:
            archive = subprocess.run(["git", "-C", str(REPO), "archive", args.rev],
                                     capture_output=True, check=False)
            if archive.returncode != 0:
                print(f"compare: git archive {args.rev} failed: "
                      f"{archive.stderr.decode(errors='replace').strip()}", file=sys.stderr)
                return 2
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
            sides: list[Side] = [(args.rev, sys.executable, Path(tmp) / "src"),
                                 ("this tree", sys.executable, REPO / "src")]
        else:
            sides = [("this Python", sys.executable, REPO / "src"),
                     ("other Python", args.python, REPO / "src")]
        _compare(sides, args)
    return 0


def _compare(sides: list[Side], args: argparse.Namespace) -> None:
    """Run both sides ``args.turns`` times; print each run and the ratio of the best."""
    best: dict[str, float] = {}
    mb = 0.0
    cpus = sorted(os.sched_getaffinity(0))[:2]
    if args.together and len(cpus) < 2:
        print("compare: --together needs two CPUs; taking turns instead", file=sys.stderr)
        args.together = False
    for turn in range(1, args.turns + 1):
        if args.together:
            order = cpus if turn % 2 else cpus[::-1]
            results = _run_together(sides, order, args.folder, args.limit, args.stage)
            where = [f" (CPU {c})" for c in order]
        else:
            results = [_run(side, args.folder, args.limit, args.stage) for side in sides]
            where = ["", ""]
        for (name, _, _), r, at in zip(sides, results, where):
            mb = r["mb"]
            best[name] = min(best.get(name, float("inf")), r["cpu"])
            print(f"turn {turn}: {name:<12} {r['cpu']:7.2f} CPU s  {mb / r['cpu']:6.2f} MB/s{at}",
                  flush=True)
    (a, _, _), (b, _, _) = sides
    print(f"best of {args.turns}, {mb:.1f} MB: {a} {mb / best[a]:.2f} MB/s, {b} "
          f"{mb / best[b]:.2f} MB/s; {b} is {best[a] / best[b]:.2f}x as fast")


if __name__ == "__main__":
    sys.exit(main())
