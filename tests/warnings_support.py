"""Shared helpers for the content-warning tests (not a test module)."""
from __future__ import annotations

from forewarn.pipeline import scan_work
from forewarn.report import Report
from forewarn.work import Chapter, Note, Work


def report_for(text: str, notes: str | None = None) -> Report:
    """Scan one chapter of ``text`` (with optional author's notes)."""
    work = Work(chapters=[Chapter(text)], notes=[Note("notes", notes)] if notes else [])
    return scan_work(work)


def found(text: str) -> dict[str, str]:
    """Warning id → severity for ``text``."""
    return {f.id: f.severity for f in report_for(text).warnings}
