"""``forewarn batch --library DB``: store every report in a forewarn library as well.

The library (``forewarn.library``) keeps one row per work; the batch runner hands it each
report in the parent process, before that work's line is written, so a results line always
means the library has the work too.
"""
from __future__ import annotations

import os

from forewarn.errors import ForewarnError
from forewarn.report import Report


class LibrarySink:
    """Adds reports to a library database."""

    def __init__(self, db: str | os.PathLike[str]) -> None:
        raise ForewarnError("--library: this version of forewarn has no library yet")

    def add(self, report: Report) -> None:  # pragma: no cover - see __init__
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - see __init__
        pass


def open_sink(db: str | os.PathLike[str]) -> LibrarySink:
    """Open the library at ``db`` for adding (raises ForewarnError when unavailable)."""
    return LibrarySink(db)
