"""Content warnings: what the text shows, and what the author declared.

``analyze(doc, report)`` fills ``report.warnings`` (one Finding per warning, with severity,
prominence and evidence), ``report.declared``, ``report.declared_not_found`` and
``report.undeclared``. The pieces, each small:

* :mod:`.lexicon` — lexicon data compiled once into one matcher (:mod:`.matcher`);
* :mod:`.context` — negation, hypotheticals, mention and intensity cues (data);
* :mod:`.detect` — one pass over each chapter, context rules only around hits;
* :mod:`.findings` — hits → findings, severity, evidence;
* :mod:`.declared` — warnings declared in notes and archive tags.

Example:
    >>> from forewarn.pipeline import scan_work
    >>> from forewarn.work import Work, Chapter, Note
    >>> r = scan_work(Work(chapters=[Chapter("He lit a cigarette and smoked it.")],
    ...                    notes=[Note("notes", "CW: alcohol")]))
    >>> [(f.id, f.severity, f.declared) for f in r.warnings]
    [('smoking', 'depicted', False)]
    >>> r.declared_not_found, r.undeclared
    (['alcohol'], ['smoking'])
"""
from __future__ import annotations

from forewarn.report import Report
from forewarn.taxonomy import covered_by
from forewarn.text.document import Document
from forewarn.warnings.declared import read_declared
from forewarn.warnings.detect import Hit, chapter_hits
from forewarn.warnings.scoring import score_chapter
from forewarn.warnings.findings import build_findings

__all__ = ["analyze", "decide_warnings", "find_hits"]


def find_hits(doc: Document, accepted_only: bool = False) -> list[Hit]:
    """Every lexicon hit of the document, judged by the context rules (with
    ``accepted_only``, only the hits the context rules accept)."""
    hits: list[Hit] = []
    words = doc.words
    for ch in doc.chapters:
        found = chapter_hits(ch, accepted_only)
        score_chapter(ch, found, words)
        hits.extend(found)
    return hits


def analyze(doc: Document, report: Report) -> None:
    """Fill the content-warning part of ``report`` from ``doc`` (the three warning
    components of :mod:`.components` in one call)."""
    decide_warnings(doc, find_hits(doc, accepted_only=True), report)


def decide_warnings(doc: Document, hits: list[Hit], report: Report) -> None:
    """Findings from scored hits, and what the author declared against what was found."""
    report.warnings = build_findings(doc, hits)
    report.declared = read_declared(doc.work)
    declared_ids = {d.id for d in report.declared}
    covered = covered_by(declared_ids)
    found_ids = {f.id for f in report.warnings}
    found_cover = covered_by(found_ids)
    for f in report.warnings:
        f.declared = f.id in covered
    report.declared_not_found = [d.id for d in report.declared if d.id not in found_cover]
    report.undeclared = [f.id for f in report.warnings if not f.declared]
