"""An add killed with SIGKILL mid-transaction leaves a valid library without a half-written work."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from forewarn.library import Filters, Library

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")

CHILD = textwrap.dedent("""
    import os, signal, sys
    from forewarn.library import Library
    from forewarn.report import Evidence, Finding, Report, WorkInfo

    def report(key, title, n):
        return Report(work=WorkInfo(title=title, words=10, chapters=1, content_hash=key),
                      warnings=[Finding(f"warning-{i}", "W", "other", "depicted", chapters=[1],
                                        evidence=[Evidence(1, i, 0, 4, "text")])
                                for i in range(n)])

    lib = Library(sys.argv[1])
    lib.add(report("kept", "Kept story", 3), text="the committed lighthouse story")
    # the next add dies after writing its work row, findings and text, before COMMIT
    lib._before_commit = lambda: os.kill(os.getpid(), signal.SIGKILL)
    key = sys.argv[2]
    lib.add(report(key, "Half written", 500), text="the interrupted windmill story " * 2000)
    print("not reached")
""")


def run_child(db, key: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD, str(db), key], capture_output=True,
                          text=True, timeout=120)


def check_valid(db) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    orphans = conn.execute("SELECT count(*) FROM findings WHERE work_id NOT IN "
                           "(SELECT id FROM works)").fetchone()[0]
    assert orphans == 0
    conn.close()


def test_killed_add_leaves_no_half_written_work(tmp_path):
    db = tmp_path / "lib.sqlite3"
    proc = run_child(db, "new-work")
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "not reached" not in proc.stdout
    check_valid(db)
    with Library(db) as lib:
        assert [w.title for w in lib.list()] == ["Kept story"]
        assert lib.search(Filters.parse("windmill")) == []
        assert [w.title for w in lib.search(Filters.parse("lighthouse"))] == ["Kept story"]
        assert lib.conn.execute("SELECT count(*) FROM findings").fetchone()[0] == 3
        # and the library still takes new works
        from forewarn.pipeline import scan

        lib.add(scan("A windmill turned in the wind."), text="A windmill turned in the wind.")
        assert lib.count() == 2


def test_killed_update_keeps_the_previous_version(tmp_path):
    db = tmp_path / "lib.sqlite3"
    proc = run_child(db, "kept")  # the killed add re-adds the same story: an update
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    check_valid(db)
    with Library(db) as lib:
        works = lib.list()
        assert [w.title for w in works] == ["Kept story"]
        assert len(works[0].warnings) == 3
        assert lib.search(Filters.parse("windmill")) == []
        assert [w.title for w in lib.search(Filters.parse("lighthouse"))] == ["Kept story"]
