"""How long ``forewarn scan`` takes on a short story, with and without the lexicon cache.

A short story is scanned in milliseconds; what a person waits for at the command line is
starting Python, importing forewarn and building its matchers. This runs
``python -m forewarn scan`` on a one-paragraph story in child processes, in turns: with the
cache off (the lexicon compiled in every process) and with a warm cache (loaded), and
prints the best wall and CPU time of each and their ratio.

    .venv/bin/python bench/startup.py             # 5 turns
    .venv/bin/python bench/startup.py --turns 9
    .venv/bin/python bench/startup.py --against ../main/src   # warm scans, side by side

``--against SRC`` adds warm-cache scans of another checkout's ``src`` folder (imported
first through ``PYTHONPATH``), so a branch can be compared with ``main`` on one machine.

The numbers are printed, never asserted.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STORY = ("She lit a cigarette at the window and watched the rain. \"You're late,\" said Tom.\n\n"
         "He poured two glasses of wine and did not answer.\n")


def _run(story: Path, cache: str, src: str | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (of the child) of one scan (of the code in ``src`` if given)."""
    env = {**os.environ, "FOREWARN_CACHE": cache}
    if src:
        env["PYTHONPATH"] = str(Path(src).resolve())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "forewarn", "scan", str(story)], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=5, help="runs of each kind (default 5)")
    ap.add_argument("--against", metavar="SRC", help="also time warm scans of this src folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        story = Path(tmp) / "story.txt"
        story.write_text(STORY, encoding="utf-8")
        warm, other = str(Path(tmp) / "cache"), str(Path(tmp) / "other-cache")
        _run(story, warm)  # fills the cache
        kinds = [("cache off", "off", None), ("warm cache", warm, None)]
        if args.against:
            _run(story, other, args.against)
            kinds.append((f"warm {args.against}", other, args.against))
        best = {kind: (1e9, 1e9) for kind, _, _ in kinds}
        for turn in range(1, args.turns + 1):
            for kind, cache, src in kinds:
                wall, cpu = _run(story, cache, src)
                best[kind] = (min(best[kind][0], wall), min(best[kind][1], cpu))
                print(f"turn {turn}: {kind:<10}  wall {wall:.3f} s  CPU {cpu:.3f} s", flush=True)
    for kind, (wall, cpu) in best.items():
        print(f"best {kind:<10}  wall {wall:.3f} s  CPU {cpu:.3f} s")
    off, warm_best = best["cache off"][0], best["warm cache"][0]
    print(f"forewarn scan of a short story: {off / warm_best:.2f}x as fast with a warm cache")
    return 0


if __name__ == "__main__":
    sys.exit(main())
