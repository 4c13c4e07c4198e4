"""`forewarn batch --resume`: a killed run, a torn last line, and files it must not touch."""
from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forewarn.batch import run_batch
from forewarn.batch.output import repair_tail
from forewarn.errors import UnusableInput
from tests.conftest import REPO

SENTENCES = ["The ferry left at dawn.", "Gulls followed it out past the breakwater.",
             "Nobody on deck said much.", "A boy counted the buoys aloud.",
             "The captain drank black coffee from a dented tin cup."]


def _work(i: int) -> dict:
    paras = [" ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(4)) for _ in range(6)]
    return {"id": f"w{i:04d}", "text": "\n\n".join(paras)}


def _write_corpus(path: Path, n: int) -> list[str]:
    works = [_work(i) for i in range(n)]
    path.write_text("".join(json.dumps(w) + "\n" for w in works), encoding="utf-8")
    return [w["id"] for w in works]


def _ids(path: Path) -> list[str]:
    raw = path.read_bytes()
    assert raw == b"" or raw.endswith(b"\n"), "the results file ends in a torn line"
    return [json.loads(line)["id"] for line in raw.decode("utf-8").splitlines()]


def _open_fifo_for_writing(fifo: Path, proc: subprocess.Popen, deadline: float) -> int:
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:
                raise
        if proc.poll() is not None:
            raise AssertionError(f"batch exited early: {proc.stderr.read().decode()}")
        if time.monotonic() > deadline:
            raise AssertionError("batch never opened its input")
        time.sleep(0.02)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX named pipes")
def test_sigkill_mid_run_then_resume_gives_every_id_exactly_once(tmp_path):
    """The input is a named pipe we feed by hand, so the kill is sure to land mid-run."""
    n_first, n_total = 120, 300
    full = tmp_path / "all.jsonl"
    all_ids = _write_corpus(full, n_total)
    first = full.read_bytes().splitlines(keepends=True)[:n_first]
    fifo = tmp_path / "stream.jsonl"
    os.mkfifo(fifo)
    out = tmp_path / "results.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-c", "from forewarn.cli import main; main()", "batch", str(fifo),
         "--out", str(out), "--workers", "2", "--quiet"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        fd = _open_fifo_for_writing(fifo, proc, deadline)
        os.set_blocking(fd, True)
        os.write(fd, b"".join(first))
        while not (out.exists() and out.stat().st_size > 0):  # some results are written
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "no results were written"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)  # the runner and its workers, mid-run
        proc.wait(timeout=30)
        os.close(fd)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    written = _ids(out)  # whole lines only
    assert 0 < len(written) <= n_first  # killed before the stream ended (a fast run may finish what it was fed)
    assert written == all_ids[:len(written)]  # in input order, nothing invented

    stats = run_batch([full], out, workers=2, resume=True, progress=False)
    final = _ids(out)
    assert sorted(final) == sorted(all_ids) and len(final) == len(set(final))
    assert stats.skipped == len(written) and stats.works == n_total - len(written)


def test_resume_cuts_a_torn_last_line_and_redoes_that_work(tmp_path):
    src = tmp_path / "in.jsonl"
    ids = _write_corpus(src, 5)
    out = tmp_path / "out.jsonl"
    run_batch([src], out, workers=1, progress=False)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:3]) + lines[3][: len(lines[3]) // 2])  # a torn 4th line

    stats = run_batch([src], out, workers=1, resume=True, progress=False)
    assert _ids(out) == ids
    assert stats.skipped == 3 and stats.works == 2 and stats.repaired_bytes > 0


def test_repair_tail_drops_an_unreadable_last_line_even_with_its_newline(tmp_path):
    p = tmp_path / "out.jsonl"
    p.write_bytes(b'{"id": "a"}\n{"id": "b", "wor\n')
    assert repair_tail(p) == len(b'{"id": "b", "wor\n')
    assert p.read_bytes() == b'{"id": "a"}\n'
    assert repair_tail(p) == 0  # a sound file is left alone


def test_a_broken_line_before_the_end_is_refused_and_the_file_untouched(tmp_path):
    src = tmp_path / "in.jsonl"
    _write_corpus(src, 2)
    out = tmp_path / "out.jsonl"
    before = b'{"id": "w0000"}\nGARBAGE\n{"id": "w0001"}\n'
    out.write_bytes(before)
    with pytest.raises(UnusableInput, match=r"out.jsonl:2: not a JSON line"):
        run_batch([src], out, workers=1, resume=True, progress=False)
    assert out.read_bytes() == before


def test_existing_results_are_never_overwritten_by_accident(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    _write_corpus(src, 1)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "keep-me", "error": "x"}\n', encoding="utf-8")
    res = cli("batch", str(src), "--out", str(out), "--quiet")
    assert res.exit_code == 2 and "--resume" in res.output
    assert out.read_text(encoding="utf-8") == '{"id": "keep-me", "error": "x"}\n'
    res = cli("batch", str(src), "--out", str(out), "--quiet", "--overwrite")
    assert res.exit_code == 0 and _ids(out) == ["w0000"]


def test_resume_refuses_a_file_of_the_other_format(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    _write_corpus(src, 2)
    out = tmp_path / "labels.jsonl"
    assert cli("batch", str(src), "--out", str(out), "--format", "pan", "-q").exit_code == 0
    res = cli("batch", str(src), "--out", str(out), "--resume", "-q")
    assert res.exit_code == 2 and "--format pan" in res.output
    res = cli("batch", str(src), "--out", str(out), "--resume", "--format", "pan", "-q")
    assert res.exit_code == 0
    assert [json.loads(l)["work_id"] for l in out.read_text().splitlines()] == ["w0000", "w0001"]


def test_an_engine_that_cannot_start_leaves_no_results_file(tmp_path):
    from forewarn.errors import ForewarnError

    src = tmp_path / "in.jsonl"
    _write_corpus(src, 1)
    out = tmp_path / "out.jsonl"
    with pytest.raises(ForewarnError, match="--scheduler needs --engine dask"):
        run_batch([src], out, engine="local", scheduler="tcp://127.0.0.1:1", progress=False)
    assert not out.exists()
