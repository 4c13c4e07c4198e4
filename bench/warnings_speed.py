"""Throughput of the content-warnings stage (MB/s per core) on LitBank's full texts.

Usage: .venv/bin/python bench/warnings_speed.py [--limit N]

Segmentation is done first and not timed; the timer covers ``forewarn.warnings.analyze``
(Aho-Corasick pass, context rules around hits, findings, evidence) on one core. Skips
cleanly when ../shared/data/litbank/original/ is absent.
"""
from __future__ import annotations

import argparse
import sys
import time

from litbank import novels


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N books")
    args = ap.parse_args()
    files = novels("warnings_speed", limit=args.limit)
    if files is None:
        return 0
    from forewarn.ingest import load
    from forewarn.report import Report
    from forewarn.text import segment
    from forewarn.warnings import analyze
    from forewarn.warnings.lexicon import compiled

    t0 = time.process_time()
    compiled()
    compile_s = time.process_time() - t0
    total_bytes = 0
    spent = 0.0
    findings = 0
    for path in files:
        doc = segment(load(path))
        total_bytes += sum(len(c.text.encode("utf-8")) for c in doc.chapters)
        report = Report()
        t = time.process_time()
        analyze(doc, report)
        spent += time.process_time() - t
        findings += len(report.warnings)
    mb = total_bytes / 1e6
    print(f"books: {len(files)}  story text: {mb:.1f} MB  lexicon compile: {compile_s:.2f} s (once)")
    print(f"warnings stage: {spent:.2f} s CPU  →  {mb / spent:.1f} MB/s per core  "
          f"({findings / max(1, len(files)):.1f} warnings per book)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
