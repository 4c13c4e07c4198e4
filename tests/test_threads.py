"""Eight threads scanning at once on a cold start (a fresh interpreter) all succeed with
the same report: every lazy initialiser publishes whole values."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

STORY = (
    "Chapter 1\n\n"
    "\u201cI missed you,\u201d said Anna, and she kissed Mara on the mouth.\n\n"
    "Mara laughed. \u201cYou always say that,\u201d she whispered. They held hands at the "
    "funeral, and later he stabbed the guard and the blood ran over the floor.\n\n"
    "\u201cCome here,\u201d Anna said softly. She loved her more than anything.\n"
)

SCAN_CODE = """
import json, sys, threading
import forewarn
story = sys.stdin.read()
barrier = threading.Barrier(8)
results, errors = [None] * 8, []
def run(i):
    barrier.wait()
    try:
        results[i] = forewarn.scan(story).to_dict()
    except BaseException as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"errors": errors, "distinct": len({json.dumps(r, sort_keys=True) for r in results}),
                  "romance": results[0]["story"]["relationship_category"] if results[0] else None}))
"""

SERVER_CODE = """
import json, sys, threading
from fastapi.testclient import TestClient
from forewarn.web.app import create_app
story, db, prof = sys.stdin.read(), sys.argv[1], sys.argv[2]
barrier = threading.Barrier(8)
codes = [None] * 8
with TestClient(create_app(db_path=db, profile_path=prof), base_url="http://127.0.0.1") as c:
    def run(i):
        barrier.wait()
        r = c.post("/api/scan", json={"text": story + f"\\n\\nThe end, part {i}.", "save": True})
        codes[i] = r.status_code
    threads = [threading.Thread(target=run, args=(i,)) for i in range(8)]
    for t in threads: t.start()
    for t in threads: t.join()
    count = c.get("/api/works").json()["count"]
print(json.dumps({"codes": codes, "count": count}))
"""


def _fresh(code: str, tmp_path, *args: str) -> dict:
    import forewarn

    forewarn.scan("It rained.")  # the compiled lexicon is cached: 8 compiles would be slow
    env = dict(os.environ)
    out = subprocess.run([sys.executable, "-c", code, *args], input=STORY, env=env,
                         capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_eight_threads_scan_at_once_on_a_cold_start(tmp_path):
    got = _fresh(SCAN_CODE, tmp_path)
    assert got["errors"] == [] and got["distinct"] == 1, got


def test_eight_first_requests_to_a_fresh_server(tmp_path):
    pytest.importorskip("fastapi")
    got = _fresh(SERVER_CODE, tmp_path, str(tmp_path / "lib.sqlite3"), str(tmp_path / "p.json"))
    assert got["codes"] == [201] * 8 and got["count"] == 8, got
