"""The warnings engine as three components: candidates → evidence → work-level decision.

``warning-candidates`` finds the lexicon hits the context rules accept (``doc.results
["hits"]``); ``warning-evidence`` gives each its probability of being real (:mod:`.evidence`);
``warning-decision`` turns them into findings, and reads what the author declared.

Example:
    >>> from forewarn.components import pipeline
    >>> from forewarn.pipeline import scan_work
    >>> from forewarn.work import Work, Chapter
    >>> r = scan_work(Work(chapters=[Chapter("He lit a cigarette and smoked it.")]),
    ...               pipeline(["warning-candidates", "warning-evidence", "warning-decision"]))
    >>> [f.id for f in r.warnings]
    ['smoking']
"""
from __future__ import annotations

from forewarn.components import register
from forewarn.report import Report
from forewarn.text.document import Document
from forewarn.warnings import decide_warnings, major_death  # noqa: F401 (registers itself)
from forewarn.warnings.detect import chapter_hits
from forewarn.warnings.scoring import score_chapter


@register("warning-candidates", adds=("hits",))
def candidates(doc: Document, report: Report) -> None:
    """Accepted lexicon hits, per chapter."""
    doc.results["hits"] = [chapter_hits(ch, accepted_only=True) for ch in doc.chapters]


@register("warning-evidence", needs=("hits",), adds=("hits.p",))
def evidence(doc: Document, report: Report) -> None:
    """Each hit's probability of being real content."""
    words = doc.words
    for ch, hits in zip(doc.chapters, doc.results["hits"]):
        score_chapter(ch, hits, words)


@register("warning-decision", needs=("hits.p",),
          adds=("report.warnings", "report.declared", "report.undeclared"))
def decision(doc: Document, report: Report) -> None:
    """Findings from the whole work's evidence; declared and undeclared warnings."""
    decide_warnings(doc, [h for hits in doc.results["hits"] for h in hits], report)
