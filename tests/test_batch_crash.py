"""A work that kills its worker process is recorded as an error; the run goes on."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.conftest import REPO

# The script replaces scan_item at import time, so the worker processes (which import the
# main script) crash on the work named "poison" exactly as an out-of-memory kill would.
SCRIPT = textwrap.dedent("""
    import os
    import sys

    import forewarn.batch.worker as worker

    _scan_item = worker.scan_item

    def scan_item(item, opts=worker.ScanOptions()):
        if item.id == "poison":
            os._exit(137)
        return _scan_item(item, opts)

    worker.scan_item = scan_item

    if __name__ == "__main__":
        from forewarn.batch import run_batch

        stats = run_batch([sys.argv[1]], sys.argv[2], workers=2, progress=False,
                          chunk_items=4)
        print(stats.works, stats.errors)
""")


def test_a_work_that_kills_its_worker_becomes_an_error_line(tmp_path):
    ids = [f"w{i:02d}" for i in range(10)] + ["poison"] + [f"w{i:02d}" for i in range(10, 20)]
    src = tmp_path / "works.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": f"The tide came in at hour {n}."}) + "\n"
                           for n, i in enumerate(ids)), encoding="utf-8")
    script = tmp_path / "crashy.py"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, str(script), str(src), str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["21", "1"]
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ids
    errors = {r["id"]: r["error"] for r in recs if "error" in r}
    assert list(errors) == ["poison"] and "worker process" in errors["poison"]
