"""The Dask engine writes exactly what the local engine writes (needs forewarn[dask])."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from forewarn.batch import run_batch

pytest.importorskip("distributed", reason="the dask extra is not installed")

STORIES = {
    "harbour.txt": "Chapter 1\n\nThe harbour froze in January.\n\nChapter 2\n\n"
                   "\"We wait,\" said Ada. The ice held until March.",
    "sub/letters.md": "He wrote to her every week. She answered every second letter.",
    "empty.txt": "",
}


def _corpus(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "stories"
    for name, text in STORIES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    works = tmp_path / "works.jsonl"
    works.write_text("".join(json.dumps({"work_id": str(i), "text": f"<p>Day {i}: the "
                                         f"bells rang {i} times.</p><hr><p>Night.</p>"}) + "\n"
                             for i in range(30)) + "{broken\n", encoding="utf-8")
    return [folder, works]


@pytest.mark.parametrize("fmt", ["report", "pan"])
def test_dask_output_equals_local_output(tmp_path, fmt):
    inputs = _corpus(tmp_path)
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch(inputs, local, workers=2, fmt=fmt, progress=False, chunk_items=4)
    stats = run_batch(inputs, dask, workers=2, engine="dask", fmt=fmt, progress=False,
                      processes=False, chunk_items=4)
    assert local.read_bytes() == dask.read_bytes()
    lines = local.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 + 30 + 1 and stats.works == 34 and stats.errors == 2
