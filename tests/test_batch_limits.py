"""Batch limits: a time limit per work (a stuck worker is replaced), regular files only,
and workers that exit when the batch process is killed."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from forewarn.batch import run_batch

# Replaces scan_work at import time, so the workers (which import the main script) hang on
# the work named "sleepy" (in Python) and on "stuck" (inside the regex engine's C code,
# which never returns to Python, so only the kernel can stop it).
SCRIPT = textwrap.dedent("""
    import re
    import sys
    import time

    import forewarn.batch.guard as guard
    import forewarn.pipeline as pipeline

    guard.GRACE_S = 0.5
    _scan_work = pipeline.scan_work

    def scan_work(work, analyzers=None):
        text = work.chapters[0].text
        if "sleepy" in text:
            time.sleep(120)
        if "stuck" in text:
            re.match(r"(a|aa)*c", "a" * 80)
        return _scan_work(work, analyzers)

    pipeline.scan_work = scan_work

    if __name__ == "__main__":
        from forewarn.batch import run_batch

        stats = run_batch([sys.argv[1]], sys.argv[2], workers=2, progress=False,
                          chunk_items=3, timeout=1)
        print(stats.works, stats.errors)
""")


def _works(path: Path, ids: list[str]) -> None:
    path.write_text("".join(json.dumps({"id": i, "text": f"The tide came in, {i}."}) + "\n"
                            for i in ids), encoding="utf-8")


def test_a_work_over_the_timeout_is_an_error_line_and_a_stuck_worker_is_replaced(tmp_path):
    ids = ["w0", "sleepy", "w1", "w2", "stuck", "w3", "w4", "w5"]
    _works(tmp_path / "works.jsonl", ids)
    (tmp_path / "run.py").write_text(SCRIPT, encoding="utf-8")
    t = time.monotonic()
    proc = subprocess.run([sys.executable, str(tmp_path / "run.py"), str(tmp_path / "works.jsonl"),
                           str(tmp_path / "out.jsonl")], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert time.monotonic() - t < 60
    lines = [json.loads(x) for x in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [x["id"] for x in lines] == ids
    by_id = {x["id"]: x for x in lines}
    assert "timed out" in by_id["sleepy"]["error"]
    assert "--timeout" in by_id["stuck"]["error"]
    assert all("error" not in by_id[i] for i in ids if i.startswith("w"))
    assert proc.stdout.split() == ["8", "2"]


def test_a_fifo_in_the_folder_does_not_hang_the_run(tmp_path):
    folder = tmp_path / "stories"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.txt")
    (folder / "b-story.txt").write_text("The tide came in at noon.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stats = run_batch([folder], out, workers=1, progress=False, timeout=30)
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["stories/a-pipe.txt", "stories/b-story.txt"]
    assert "not a regular file" in lines[0]["error"] and "error" not in lines[1]
    assert stats.errors == 1


def test_a_fifo_or_device_given_to_scan_is_refused(cli, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    for path in (str(tmp_path / "pipe.txt"), "/dev/zero"):
        res = cli("scan", path)
        assert res.exit_code == 2 and "not a regular file" in res.stderr, path


def test_a_negative_timeout_is_refused(cli, tmp_path):
    _works(tmp_path / "w.jsonl", ["a"])
    res = cli("batch", str(tmp_path / "w.jsonl"), "--out", str(tmp_path / "o.jsonl"),
              "--timeout", "-1")
    assert res.exit_code == 2


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_the_batch_is_killed(tmp_path):
    text = "He walked to the harbour and the rain went on. " * 4000
    (tmp_path / "w.jsonl").write_text("".join(json.dumps({"id": f"w{i}", "text": text}) + "\n"
                                              for i in range(400)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "forewarn", "batch", str(tmp_path / "w.jsonl"),
                             "--out", str(tmp_path / "o.jsonl"), "--workers", "2", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        procs: set[int] = set()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(procs) < 3:  # forkserver + 2 workers
            procs |= _descendants(proc.pid)
            time.sleep(0.2)
        assert len(procs) >= 3, procs
        time.sleep(1)
        procs |= _descendants(proc.pid)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_running(p) for p in procs):
        time.sleep(0.2)
    left = [p for p in procs if _running(p)]
    for p in left:  # never leave them behind, even when the test fails
        os.kill(p, signal.SIGKILL)
    assert not left
