"""Throughput of the story stage (point of view, tense, characters, speakers, relationship).

Reads every novel in ../shared/data/litbank/original/, segments it (not timed), then times
``forewarn.story.analyze`` alone and prints MB/s on one core (UTF-8 bytes of story text per
second of CPU time), plus the slowest books. Skips cleanly when the data is absent.

Usage: .venv/bin/python bench/story_speed.py [--limit N]
"""
from __future__ import annotations

import argparse
import sys
import time

from litbank import novels


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N books")
    args = ap.parse_args()
    files = novels("story_speed", limit=args.limit)
    if files is None:
        return 0
    from forewarn import story
    from forewarn.ingest.plaintext import parse_text
    from forewarn.report import Report
    from forewarn.text import segment

    total_bytes = 0
    total_cpu = 0.0
    per_book: list[tuple[float, str]] = []
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")
        doc = segment(parse_text(text))
        size = sum(len(c.text.encode("utf-8")) for c in doc.chapters)
        t0 = time.process_time()
        story.analyze(doc, Report())
        cpu = time.process_time() - t0
        total_bytes += size
        total_cpu += cpu
        per_book.append((size / 1e6 / cpu if cpu else float("inf"), f.name))
    mb = total_bytes / 1e6
    print(f"story stage: {mb:.1f} MB in {total_cpu:.2f} s CPU = {mb / total_cpu:.1f} MB/s per core "
          f"({len(files)} books)")
    print("slowest books (MB/s):", ", ".join(f"{n} {r:.1f}" for r, n in sorted(per_book)[:3]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
