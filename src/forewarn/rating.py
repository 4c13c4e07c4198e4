"""Rating estimate derived from the findings (filled in by the content-warnings issue)."""
from __future__ import annotations

from forewarn.report import Report
from forewarn.text.document import Document


def analyze(doc: Document, report: Report) -> None:
    """Fill ``report.rating`` and ``report.tags`` (nothing yet)."""
