"""Whole archives: scan a corpus on local processes or a Dask cluster, into JSONL.

The names below are imported on first use, so ``forewarn --help`` stays fast.

Example:
    >>> import tempfile, pathlib, json
    >>> from forewarn.batch import run_batch
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "works.jsonl").write_text('{"work_id": "1", "text": "<p>It rained.</p>"}\\n')
    >>> _ = run_batch([d / "works.jsonl"], d / "labels.jsonl", fmt="pan", workers=1,
    ...               progress=False)
    >>> json.loads((d / "labels.jsonl").read_text())["work_id"]
    '1'
"""
from __future__ import annotations

from typing import Any

__all__ = ["run_batch", "iter_items", "Item", "BatchStats"]

_WHERE = {"run_batch": "runner", "iter_items": "items", "Item": "items", "BatchStats": "progress"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        from importlib import import_module

        return getattr(import_module(f"forewarn.batch.{_WHERE[name]}"), name)
    raise AttributeError(name)
