"""The line a batch run ends with: counts in plain English, the rates it measured."""
from __future__ import annotations

from forewarn.batch.progress import BatchStats


def test_summary_counts_in_singular_and_plural() -> None:
    s = BatchStats(workers=1)
    s.works, s.errors, s.bytes, s.seconds = 1, 1, 2_000_000, 2.0
    line = s.summary()
    assert line.startswith("1 work, 1 error in 2.0 s on 1 worker: ")
    assert line.endswith("0.5 works/s, 1.00 MB/s")
    s.works, s.errors, s.workers = 3, 0, 2
    assert s.summary().startswith("3 works, 0 errors in 2.0 s on 2 workers: ")
