"""Analyzer package (filled in by its issue)."""
from __future__ import annotations

from forewarn.report import Report
from forewarn.text.document import Document


def analyze(doc: Document, report: Report) -> None:
    """Fill this analyzer's part of the report (nothing yet)."""
