"""Throughput of each stage of a scan over the LitBank novels, on one core.

Prints MB/s per core (CPU time of this one process) for ingest, segmentation, warnings,
story and the whole scan, the same for a labels-only scan (what ``forewarn batch --format
pan`` runs: no story facts, no rating), the peak memory of this process (it is one worker
scanning the novels one after another), and the ratio of the whole scan to a bare single
pass of the warnings matcher's automaton over the same text, measured in the same run.

    .venv/bin/python bench/throughput.py            # all 100 novels (61 MB)
    .venv/bin/python bench/throughput.py --limit 10 # the first 10 files
    .venv/bin/python bench/throughput.py --profile  # and where the time goes (cProfile)
    .venv/bin/python bench/throughput.py --limit 10 --profile-stage warnings
    .venv/bin/python bench/throughput.py --repeat 3 # 3 runs; the table shows the fastest

The numbers are printed, never asserted. The machine is shared and its speed drifts (the
same 30 novels have taken from 6.25 to 9.44 CPU s), so ``--repeat`` runs the whole scan
several times in this process and prints every run's total and, in the table, the least
disturbed run (the fastest, as ``timeit`` advises).
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import resource
import statistics
import sys
import time
from pathlib import Path

from litbank import FOLDER as DEFAULT_FOLDER, novels
STAGES = ("ingest", "segmentation", "warnings", "story", "rating+report", "json line")


def _rss_mb() -> float:
    """Peak resident set size of this process so far (getrusage ru_maxrss, Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _bare_matcher():  # type: ignore[no-untyped-def]
    """A function text → number of raw hits: the warnings matcher's own normalisation
    (``forewarn.warnings.detect.normalize``) and one pass of its Aho-Corasick automaton,
    without any context rule. None while the lexicon is empty."""
    import ahocorasick

    from forewarn.warnings import lexicon

    lex = lexicon.compiled()
    matcher = getattr(lex, "matcher", None)  # the automaton itself before the matcher
    automaton = matcher.automaton() if matcher is not None else lex.automaton
    if automaton.kind != ahocorasick.AHOCORASICK:  # no lexicon data yet
        return None
    try:
        from forewarn.warnings.detect import normalize
    except ImportError:  # pragma: no cover - an older warnings package
        def normalize(text: str) -> str:
            return lexicon.normalize_pattern(text)

    def run(text: str) -> int:
        n = 0
        for _ in automaton.iter(" " + normalize(text) + " "):
            n += 1
        return n

    return run


class _Quiet:
    def enable(self) -> None: ...

    def disable(self) -> None: ...


def scan_stages(paths: list[Path], prof: cProfile.Profile | None = None,
                only: str | None = None) -> tuple[dict[str, float], float, float, int, list[str]]:
    """Scan every file stage by stage; return CPU seconds per stage, the CPU seconds of a
    labels-only scan (ingest, segmentation, the report's header, warnings and the PAN
    line, as ``batch --format pan`` runs), the bare matcher's CPU seconds, the bytes read,
    and the files that failed. With ``prof`` and ``only``, the profiler runs during that
    stage alone."""
    import json

    from forewarn import rating, story, warnings
    from forewarn.batch.pan import pan_labels
    from forewarn.ingest import load_path
    from forewarn.pipeline import describe, gc_paused
    from forewarn.text import segment

    bare = _bare_matcher()
    cpu = dict.fromkeys(STAGES, 0.0)
    bare_cpu = labels_cpu = 0.0
    nbytes = 0
    failures: list[str] = []
    clock = time.process_time
    quiet = _Quiet()
    on = {s: (prof if prof is not None and only == s else quiet) for s in STAGES}
    for p in paths:
        nbytes += p.stat().st_size
        try:
            t0 = clock()
            on["ingest"].enable()
            work = load_path(p)
            on["ingest"].disable()
            t1 = clock()
            with gc_paused():  # as forewarn.pipeline.scan_work runs these stages
                on["segmentation"].enable()
                doc = segment(work)
                on["segmentation"].disable()
                t2 = clock()
                report = describe(work, doc)
                t3 = clock()
                on["warnings"].enable()
                warnings.analyze(doc, report)
                on["warnings"].disable()
                t4 = clock()
                on["story"].enable()
                story.analyze(doc, report)
                on["story"].disable()
                t5 = clock()
                rating.analyze(doc, report)
                del doc  # as scan_work: freed before the collector resumes
                t6 = clock()
            line = json.dumps({"id": str(p), **report.to_dict()}, ensure_ascii=False,
                              separators=(",", ":"))
            t7 = clock()
            pan = json.dumps({"work_id": str(p), "labels": pan_labels(report)},
                             ensure_ascii=False, separators=(",", ":"))
            t8 = clock()
        except Exception as exc:  # report and go on: a benchmark should see every file
            failures.append(f"{p.name}: {type(exc).__name__}: {exc}")
            continue
        cpu["ingest"] += t1 - t0
        cpu["segmentation"] += t2 - t1
        cpu["warnings"] += t4 - t3
        cpu["story"] += t5 - t4
        cpu["rating+report"] += (t3 - t2) + (t6 - t5)
        cpu["json line"] += t7 - t6
        labels_cpu += (t4 - t0) + (t8 - t7)  # to the warnings, and the PAN line
        text = work.story_text()
        if bare is not None:
            b0 = clock()
            bare(text)
            bare_cpu += clock() - b0
        del work, report, line, pan, text  # the collector runs when it would in a batch
    return cpu, labels_cpu, bare_cpu, nbytes, failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    ap.add_argument("--profile", action="store_true", help="print the top functions (cProfile)")
    ap.add_argument("--profile-stage", choices=["ingest", "segmentation", "warnings", "story"],
                    help="profile this stage only")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="scan the novels N times; the table shows the fastest run")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    folder = args.folder.resolve()
    paths = novels("throughput", folder, args.limit)
    if paths is None:
        return 0

    # warm up: imports, lexicon compilation and data files, outside the measurement
    from forewarn.pipeline import scan

    scan("She lit a cigarette. \"Stay,\" he said, and the blood dried on the floor.")
    rss_before = _rss_mb()

    prof = cProfile.Profile() if args.profile or args.profile_stage else None
    wall0 = time.perf_counter()
    if prof and not args.profile_stage:
        prof.enable()
    runs = []
    for _ in range(args.repeat):
        runs.append(scan_stages(paths, prof, args.profile_stage))
    totals = [sum(r[0].values()) for r in runs]
    cpu, labels_cpu, bare_cpu, nbytes, failures = runs[totals.index(min(totals))]
    if prof and not args.profile_stage:
        prof.disable()
    wall = time.perf_counter() - wall0
    mb = nbytes / 1e6
    total = sum(cpu.values())
    if total <= 0:  # every file failed: nothing was measured
        for f in failures:
            print(f"failed: {f}", file=sys.stderr)
        print(f"throughput: none of the {len(paths)} files could be scanned", file=sys.stderr)
        return 1

    print(f"throughput: {len(paths)} files, {mb:.1f} MB from {folder}"
          f"{'  (cProfile on: slower)' if prof else ''}")
    print(f"{'stage':<16}{'CPU s':>9}{'MB/s per core':>16}{'share':>8}")
    for stage in STAGES:
        rate = mb / cpu[stage] if cpu[stage] else float("inf")
        print(f"{stage:<16}{cpu[stage]:>9.2f}{rate:>16.2f}{cpu[stage] / total:>8.0%}")
    print(f"{'total (scan)':<16}{total:>9.2f}{mb / total:>16.2f}{1:>8.0%}")
    if len(runs) > 1:
        print(f"runs: {len(runs)}, whole scan MB/s per core of each: "
              + ", ".join(f"{mb / t:.2f}" for t in totals)
              + f" (the table shows the fastest; median {mb / statistics.median(totals):.2f})")
    print(f"labels only (batch --format pan: ingest, segmentation, warnings, PAN line): "
          f"{labels_cpu:.2f} CPU s, {mb / labels_cpu:.2f} MB/s per core")
    if bare_cpu:
        print(f"bare warnings-matcher pass: {bare_cpu:.2f} CPU s ({mb / bare_cpu:.1f} MB/s); "
              f"whole scan / bare pass = {total / bare_cpu:.1f}x")
    else:
        print("bare warnings-matcher pass: n/a (the warnings lexicon is empty)")
    print(f"wall time {wall:.1f} s ({len(runs)} run{'s' if len(runs) > 1 else ''}, bare passes "
          f"included); peak RSS of this worker (getrusage ru_maxrss) {_rss_mb():.0f} MB, "
          f"{rss_before:.0f} MB before the first novel")
    for f in failures:
        print(f"failed: {f}")
    if prof:
        print()
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(25)
        if args.profile_stage:
            stats.sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
