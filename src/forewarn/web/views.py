"""What the report page shows, computed from a Report: grouped warnings, chapter map, facts.

Templates only lay out what these functions return; every string in them is escaped by
Jinja2, so story text can never become markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from forewarn.report import SEVERITY_RANK, Finding, Report

GROUP_ORDER = ["violence", "death", "sexual", "abuse", "mental-health", "substances", "medical",
               "discrimination", "language", "other"]


def _taxonomy():  # type: ignore[no-untyped-def]
    try:
        from forewarn.taxonomy import load

        return load()
    except Exception:
        return None


#: evidence passages shown at once on the report page (the others are a page away)
EVIDENCE_PAGE = 2


@dataclass
class EvidenceView:
    chapter: int
    paragraph: int  # 1-based, for readers
    text: str
    severity: str | None
    position: str = ""  # "about 40% into the chapter"


@dataclass
class FindingView:
    id: str
    name: str
    severity: str
    definition: str
    where: str
    declared: bool
    evidence_count: int
    evidence: list[EvidenceView]
    possible: bool = False  # medium confidence: shown as "possible"
    question: str = ""

    @property
    def pages(self) -> int:
        """How many pages of :data:`EVIDENCE_PAGE` passages the evidence fills."""
        return max(1, -(-len(self.evidence) // EVIDENCE_PAGE))


@dataclass
class GroupView:
    id: str
    name: str
    findings: list[FindingView] = field(default_factory=list)


@dataclass
class MapRow:
    id: str
    name: str
    cells: list[str | None]  # severity per chapter, None where absent


def _where(f: Finding) -> str:
    from forewarn.profile import chapter_ranges

    return chapter_ranges(f.chapters) if f.chapters else ""


def _order(f: Finding) -> tuple:
    """Confident findings first, then the *possible* ones; the most severe first in each."""
    return (f.confidence == "medium", -SEVERITY_RANK.get(f.severity, 0), f.name)


def position(report: Report, chapter: int, paragraph: int) -> str:
    """Where a 0-based paragraph sits in its chapter, as a reader can find it.

    Example:
        >>> from forewarn.report import WorkInfo, ChapterInfo
        >>> r = Report(work=WorkInfo(chapter_list=[ChapterInfo(1, None, 900, 10, 1)]))
        >>> position(r, 1, 4)
        'about 40% into chapter 1'
    """
    paras = {c.index: c.paragraphs for c in report.work.chapter_list}.get(chapter, 0)
    if paras <= 1:
        return f"chapter {chapter}"
    return f"about {round(100 * paragraph / paras)}% into chapter {chapter}"


def grouped_findings(report: Report) -> list[GroupView]:
    """Findings grouped by taxonomy group (in reading order), confident findings first in each
    group, then the most severe; groups holding a confident finding come first."""
    tax = _taxonomy()
    groups: dict[str, GroupView] = {}
    for f in sorted(report.warnings, key=_order):
        wt = tax.by_id.get(f.id) if tax else None
        gid = (wt.group if wt else f.group) or "other"
        gname = tax.group_name(gid) if tax else gid.replace("-", " ").capitalize()
        group = groups.setdefault(gid, GroupView(gid, gname))
        group.findings.append(FindingView(
            id=f.id, name=f.name or (wt.name if wt else f.id), severity=f.severity,
            definition=wt.definition if wt else "", where=_where(f), declared=f.declared,
            evidence_count=max(f.evidence_count, len(f.evidence)),
            evidence=[EvidenceView(e.chapter, e.paragraph + 1, e.text, e.severity,
                                   position(report, e.chapter, e.paragraph))
                      for e in f.evidence],
            possible=f.confidence == "medium", question=wt.question if wt else ""))
    order = {g: i for i, g in enumerate(GROUP_ORDER)}
    return sorted(groups.values(), key=lambda g: (all(f.possible for f in g.findings),
                                                  order.get(g.id, len(order)), g.id))


def chapter_map(report: Report) -> tuple[list[int], list[MapRow]]:
    """Chapter numbers and, per warning, the finding's severity (as the report decided it,
    the same as its card) in each chapter it was found in.

    Example:
        >>> from forewarn.report import Evidence
        >>> r = Report(warnings=[Finding("death", "Death", "death", "mention", chapters=[2],
        ...     evidence=[Evidence(2, 0, 0, 1, "…", "graphic")])])
        >>> r.work.chapters = 2
        >>> chapter_map(r)[1][0].cells
        [None, 'mention']
    """
    chapters = [c.index for c in report.work.chapter_list] or \
        list(range(1, max(1, report.work.chapters) + 1))
    rows: list[MapRow] = []
    for f in sorted(report.warnings, key=_order):
        found = set(f.chapters) | {e.chapter for e in f.evidence}
        rows.append(MapRow(f.id, f.name or f.id,
                           [f.severity if ch in found else None for ch in chapters]))
    return chapters, rows


@dataclass
class AnswersView:
    """The reader's warnings answered (their own first), and the rest checked."""

    own: list = field(default_factory=list)  # Answer, for the profile's warnings
    others_found: int = 0
    clear: list[str] = field(default_factory=list)  # names checked and not found (not own)
    checked: int = 0
    mine: bool = True  # ``own`` is the reader's profile (else: what the story holds)


def answers_view(report: Report, profile_ids: list[str]) -> AnswersView:
    """The per-warning answers the report page shows.

    Example:
        >>> v = answers_view(Report(), ["smoking"])
        >>> v.own[0].status, len(v.clear) == v.checked - 1
        ('not-found', True)
        >>> answers_view(Report(), []).own
        []
    """
    from forewarn.answers import answers, clear_names

    every = answers(report)
    if not profile_ids:  # no profile: the questions the story answers "yes" or "possibly"
        shown = [a for a in every if a.status != "not-found"]
        return AnswersView(shown, 0, clear_names(every), len(every), mine=False)
    own = answers(report, profile_ids)
    mine = {a.id for a in own}
    rest = [a for a in every if a.id not in mine]
    return AnswersView(own, sum(a.status != "not-found" for a in rest), clear_names(rest),
                       len(every))


def declared_view(report: Report) -> dict[str, list[str]]:
    """Declared and found / declared only / found only, as reader-facing names.

    The warnings analyzer decides what a declaration covers (``alcoholism`` covers
    ``alcohol``), so its ``undeclared`` and ``declared_not_found`` lists are used as they are.
    """
    from forewarn.library.filters import warning_name

    undeclared = set(report.undeclared)
    return {
        "both": sorted(warning_name(f.id) for f in report.warnings
                       if report.declared and f.id not in undeclared),
        "declared_only": sorted(warning_name(i) for i in report.declared_not_found),
        "found_only": sorted(warning_name(i) for i in undeclared),
        "declared_text": [d.text for d in report.declared if d.text],
    }


def story_facts(report: Report) -> list[tuple[str, str]]:
    """Label/value pairs for the facts table."""
    w, s = report.work, report.story
    facts: list[tuple[str, str]] = []
    if w.authors:
        facts.append(("Author", ", ".join(w.authors)))
    if w.fandoms:
        facts.append(("Fandom", ", ".join(w.fandoms)))
    from forewarn.render.ranges import plural, reading_time

    facts.append(("Length", f"{plural(w.words, 'word')}, {plural(w.chapters, 'chapter')}, "
                  f"about {reading_time(w.reading_minutes)} to read"))
    facts.append(("Rating estimate", report.rating.id))
    if w.archive_tags.rating:
        facts.append(("Rating given", w.archive_tags.rating))
    facts.append(("Point of view", s.pov + (" (reader insert)" if s.reader_insert else "")))
    facts.append(("Tense", s.tense))
    facts.append(("Relationship", s.relationship_category))
    if s.dialogue_share:
        facts.append(("Dialogue", f"{round(s.dialogue_share * 100)}% of the text"))
    if s.characters:
        top = sorted(s.characters, key=lambda c: -c.mentions)[:8]
        facts.append(("Characters", ", ".join(
            c.name + (" (narrator)" if c.narrator else "") for c in top)))
    return facts


def summary_notes(report: Report) -> list[tuple[str, str]]:
    """The author's summary and notes as (kind, text), for the report page."""
    labels = {"summary": "Summary", "notes": "Notes", "end-notes": "End notes"}
    return [(labels.get(n.kind, n.kind.replace("-", " ").capitalize()) +
             (f" (chapter {n.chapter})" if n.chapter else ""), n.text)
            for n in report.work.notes]
