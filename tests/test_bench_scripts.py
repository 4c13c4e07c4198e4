"""The benchmarks run end to end on a tiny corpus written here and print their figures
(what they print is checked, never how fast it is)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"

STORY = ('Mara lit a cigarette on the porch. "Stay," Tom said, and she stayed.\n\n'
         "Later the blood dried on the floor, and Mara drank until morning.\n")


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCH / script), *args], capture_output=True,
                          text=True, timeout=300, cwd=BENCH)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    for i in range(2):
        (tmp_path / f"novel{i}.txt").write_text(STORY * 20, encoding="utf-8")
    return tmp_path


def test_throughput_prints_every_stage_the_labels_only_scan_and_each_run(corpus: Path):
    out = _run("throughput.py", "--folder", str(corpus), "--repeat", "2")
    assert out.returncode == 0, out.stderr
    for stage in ("ingest", "segmentation", "warnings", "story", "total (scan)"):
        assert f"\n{stage}" in out.stdout
    assert "runs: 2, whole scan MB/s per core of each: " in out.stdout
    assert "labels only (batch --format pan" in out.stdout
    assert "peak RSS of this worker" in out.stdout


def test_throughput_refuses_zero_runs(corpus: Path):
    out = _run("throughput.py", "--folder", str(corpus), "--repeat", "0")
    assert out.returncode == 2
    assert "--repeat must be at least 1" in out.stderr


def test_throughput_says_so_when_no_file_scans(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    out = _run("throughput.py", "--folder", str(tmp_path))
    assert out.returncode == 1
    assert "none of the 1 files could be scanned" in out.stderr


def test_scaling_runs_labels_only_batches(corpus: Path):
    out = _run("scaling.py", "--folder", str(corpus), "--repeat", "1", "--no-dask",
               "--format", "pan")
    assert out.returncode == 0, out.stderr
    assert "--format pan" in out.stdout.splitlines()[0]
    assert "local, 2 workers" in out.stdout
    assert "speed-up, 2 local workers over 1: " in out.stdout
