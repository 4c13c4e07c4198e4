"""The reader's library: a SQLite store of scanned works, searchable by text and warnings.

Example:
    >>> from forewarn.library import Library, Filters
    >>> with Library(":memory:") as lib:
    ...     lib.count()
    0
"""
from __future__ import annotations

from forewarn.library.filters import Filters, parse_warning_spec, resolve_warning
from forewarn.library.store import Library, StoredWork, WorkSummary, default_db_path

__all__ = ["Library", "Filters", "StoredWork", "WorkSummary", "default_db_path",
           "parse_warning_spec", "resolve_warning"]
