"""Per-warning answers: every warning a reader cares about, answered *found*, *possible* or
*checked, not found*, with the taxonomy's reader question ("Does someone smoke?").

A finding of ``confidence`` "high" is *found*; "medium" is *possible*; a warning of the
taxonomy with no finding was looked for and is *not found*. :func:`analyze` stores the
statuses in ``report.checked`` (the JSON); :func:`answers` builds what renderers show.

Example:
    >>> from forewarn.report import Report, Finding
    >>> r = Report(warnings=[Finding("smoking", "Smoking", "substances", "depicted", chapters=[1])])
    >>> a = answers(r, ["smoking", "grief"])
    >>> [(x.id, x.status) for x in a]
    [('smoking', 'found'), ('grief', 'not-found')]
    >>> a[0].question, a[0].reply
    ('Does someone smoke?', 'Yes: depicted, chapter 1')
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from forewarn.components import register
from forewarn.report import Check, Finding, Report
from forewarn.taxonomy import load as load_taxonomy
from forewarn.text.document import Document

STATUSES = ("found", "possible", "not-found")
#: how each status is said to a reader
STATUS_LABEL = {"found": "found", "possible": "possible", "not-found": "checked, not found"}


def status_of(finding: Finding | None) -> str:
    """``found``, ``possible`` (a medium-confidence finding) or ``not-found``.

    Example:
        >>> status_of(None)
        'not-found'
        >>> status_of(Finding("war", "War", "violence", "mention", confidence="medium"))
        'possible'
    """
    if finding is None:
        return "not-found"
    return "possible" if finding.confidence == "medium" else "found"


def check_all(report: Report) -> list[Check]:
    """One :class:`~forewarn.report.Check` per taxonomy warning, in taxonomy order.

    Example:
        >>> checks = check_all(Report())
        >>> len(checks) >= 55 and {c.status for c in checks}
        {'not-found'}
    """
    found = {f.id: f for f in report.warnings}
    out: list[Check] = []
    for w in load_taxonomy().warnings:
        f = found.get(w.id)
        out.append(Check(w.id, status_of(f), f.severity if f else None))
    return out


@register("answers", needs=("report.warnings",), adds=("report.checked",))
def analyze(doc: Document | None, report: Report) -> None:
    """Fill ``report.checked`` from ``report.warnings`` (runs after the warnings)."""
    report.checked = check_all(report)


@dataclass
class Answer:
    """The answer to one warning's reader question."""

    id: str
    name: str
    group: str
    question: str
    status: str
    severity: str | None = None
    chapters: tuple[int, ...] = ()
    score: float = 0.0

    @property
    def reply(self) -> str:
        """``"Yes: depicted, chapters 1–3"``, ``"Possibly: mention, …"`` or ``"No (checked)"``."""
        if self.status == "not-found":
            return "No (checked, not found)"
        from forewarn.profile import chapter_ranges

        where = f", {chapter_ranges(list(self.chapters))}" if self.chapters else ""
        word = "Yes" if self.status == "found" else "Possibly"
        return f"{word}: {self.severity}{where}"

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {"id": self.id, "name": self.name, "question": self.question,
                "status": self.status, "severity": self.severity, "answer": self.reply}


def answers(report: Report, ids: Iterable[str] | None = None) -> list[Answer]:
    """Answers for ``ids`` (a reader's profile; every taxonomy warning when None), found
    first, then possible, then the ones checked and not found; unknown ids are skipped."""
    tax = load_taxonomy()
    found = {f.id: f for f in report.warnings}
    wanted = [w.id for w in tax.warnings] if ids is None else [i for i in ids if i in tax.by_id]
    out: list[Answer] = []
    for wid in dict.fromkeys(wanted):
        w, f = tax.by_id[wid], found.get(wid)
        out.append(Answer(wid, w.name, w.group, w.question, status_of(f),
                          f.severity if f else None, tuple(f.chapters) if f else (),
                          f.score if f else 0.0))
    rank = {s: i for i, s in enumerate(STATUSES)}
    return sorted(out, key=lambda a: (rank[a.status], -a.score))


def clear_names(items: list[Answer]) -> list[str]:
    """The names of the answers that are *checked, not found*, for one compact line."""
    return [a.name for a in items if a.status == "not-found"]
