"""``forewarn batch --library DB``: store every report in a forewarn library as well.

The library (:class:`forewarn.library.Library`) keeps one row per work, keyed by the hash
of its story text. The batch runner hands it each report and story text in the parent
process (SQLite has one writer), before that work's results line is written, so a line in
the results file always means the library holds the work too; a resumed run adds the
rest. Works that failed are not stored.
"""
from __future__ import annotations

import os

from forewarn.report import Report


class LibrarySink:
    """Adds reports to the library database at ``db``.

    Example:
        >>> from forewarn.pipeline import scan
        >>> sink = LibrarySink(":memory:")
        >>> sink.add(scan("It rained all night."), "It rained all night.")
        >>> sink.added, sink.updated
        (1, 0)
        >>> sink.close()
    """

    def __init__(self, db: str | os.PathLike[str]) -> None:
        from forewarn.library import Library

        self.db = db
        if str(db) != ":memory:":
            with Library(db) as lib:  # fail now, before any work, if it is not a library
                lib.ensure_writable()  # … or cannot be written
        self._lib = None  # opened by the thread that adds (SQLite connections stay in one)
        self.added = 0
        self.updated = 0

    def add(self, report: Report, text: str) -> None:
        """Store one work (a work with the same text already there is updated)."""
        if self._lib is None:
            from forewarn.library import Library

            self._lib = Library(self.db)
        _, status = self._lib.add(report, text=text)
        if status == "added":
            self.added += 1
        else:
            self.updated += 1

    def close(self) -> None:
        """Close the library; call it from the thread that added."""
        if self._lib is not None:
            self._lib.close()
            self._lib = None


def open_sink(db: str | os.PathLike[str]) -> LibrarySink:
    """Open the library at ``db`` for adding (raises ``UnusableInput`` when it is not one)."""
    return LibrarySink(db)
