"""The benchmarks' corpus: LitBank's novels in ../shared/data/litbank/original/.

Every benchmark lists its books through :func:`novels`, which prints one line and returns
None when the shared data is absent, so a benchmark skips cleanly.
"""
from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "litbank" / "original"


def novels(who: str, folder: Path = FOLDER, limit: int | None = None) -> list[Path] | None:
    """The first ``limit`` novels (all when None or 0), sorted by name; None when absent.

    Example:
        >>> novels("doc", Path("/no/such/folder"))
        doc: /no/such/folder not found (the shared LitBank data); nothing to measure
    """
    folder = folder.resolve()
    if not folder.is_dir():
        print(f"{who}: {folder} not found (the shared LitBank data); nothing to measure")
        return None
    return sorted(p for p in folder.iterdir() if p.suffix == ".txt")[: limit or None]
