"""The Report: plain, versioned, JSON-serialisable data that every renderer consumes.

Schema version 1. Names are only ever added, never renamed (see ``docs/report-schema.md``).

Example:
    >>> r = Report()
    >>> Report.from_dict(r.to_dict()) == r
    True
    >>> r.to_dict()["schema"]
    1
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from forewarn._version import __version__
from forewarn.work import ArchiveTags

SCHEMA_VERSION = 1
SEVERITIES = ("mention", "depicted", "graphic")
SEVERITY_RANK = {s: i + 1 for i, s in enumerate(SEVERITIES)}


@dataclass
class Source:
    path: str | None = None
    format: str = "text"


ArchiveTagsInfo = ArchiveTags  # the archive's tags, as ingest read them


@dataclass
class NoteInfo:
    kind: str
    text: str
    chapter: int | None = None


@dataclass
class ChapterInfo:
    index: int
    title: str | None
    words: int
    paragraphs: int
    scenes: int


@dataclass
class WorkInfo:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    words: int = 0
    chapters: int = 0
    notes_words: int = 0
    archive_tags: ArchiveTagsInfo = field(default_factory=ArchiveTagsInfo)
    series: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    language: str | None = None
    reading_minutes: int = 0
    chapter_list: list[ChapterInfo] = field(default_factory=list)
    notes: list[NoteInfo] = field(default_factory=list)
    content_hash: str | None = None


@dataclass
class Declared:
    id: str
    text: str


@dataclass
class Evidence:
    chapter: int
    paragraph: int
    start: int
    end: int
    text: str
    severity: str | None = None
    p: float | None = None  # the evidence model's probability for the passage's surest hit


@dataclass
class Finding:
    id: str
    name: str
    group: str
    severity: str
    score: float = 0.0
    evidence_count: int = 0
    chapters: list[int] = field(default_factory=list)
    declared: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    confidence: str = "high"  # "high", or "medium": shown as possible


@dataclass
class Character:
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    gender: str = "unknown"
    quotes: int = 0
    narrator: bool = False


@dataclass
class QuoteInfo:
    chapter: int
    paragraph: int
    start: int
    end: int
    speaker: str | None = None
    text: str = ""


@dataclass
class StoryFacts:
    pov: str = "unknown"
    reader_insert: bool = False
    tense: str = "unknown"
    characters: list[Character] = field(default_factory=list)
    relationship_category: str = "unknown"
    dialogue_share: float = 0.0
    quotes: list[QuoteInfo] = field(default_factory=list)


@dataclass
class Rating:
    id: str = "unknown"
    reasons: list[str] = field(default_factory=list)


@dataclass
class Tags:
    archive_warnings: list[str] = field(default_factory=list)
    additional: list[str] = field(default_factory=list)


@dataclass
class Check:
    """One warning of the taxonomy, checked: ``found`` (confident), ``possible`` (medium
    confidence) or ``not-found`` (looked for, not there)."""

    id: str
    status: str = "not-found"
    severity: str | None = None


@dataclass
class Report:
    schema: int = SCHEMA_VERSION
    forewarn_version: str = __version__
    source: Source = field(default_factory=Source)
    work: WorkInfo = field(default_factory=WorkInfo)
    declared: list[Declared] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    declared_not_found: list[str] = field(default_factory=list)
    undeclared: list[str] = field(default_factory=list)
    story: StoryFacts = field(default_factory=StoryFacts)
    rating: Rating = field(default_factory=Rating)
    tags: Tags = field(default_factory=Tags)
    checked: list[Check] = field(default_factory=list)  # every warning looked for

    def to_dict(self) -> dict[str, Any]:
        """Plain dict, ready for ``json.dumps`` (equal to ``dataclasses.asdict``, faster)."""
        return _plain(self)

    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON text (UTF-8 safe, non-ASCII kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Report":
        """Rebuild a Report from :meth:`to_dict` output; unknown keys are ignored."""
        return _build(cls, data)

    @classmethod
    def from_json(cls, text: str) -> "Report":
        """Rebuild a Report from :meth:`to_json` output."""
        return cls.from_dict(json.loads(text))

    def finding(self, warning_id: str) -> Finding | None:
        """The finding for a taxonomy id, or None."""
        for f in self.warnings:
            if f.id == warning_id:
                return f
        return None


_NESTED: dict[tuple[type, str], type] = {
    (Report, "source"): Source,
    (Report, "work"): WorkInfo,
    (Report, "declared"): Declared,
    (Report, "warnings"): Finding,
    (Report, "story"): StoryFacts,
    (Report, "rating"): Rating,
    (Report, "tags"): Tags,
    (Report, "checked"): Check,
    (WorkInfo, "archive_tags"): ArchiveTagsInfo,
    (WorkInfo, "chapter_list"): ChapterInfo,
    (WorkInfo, "notes"): NoteInfo,
    (Finding, "evidence"): Evidence,
    (StoryFacts, "characters"): Character,
    (StoryFacts, "quotes"): QuoteInfo,
}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
#: Report parts whose fields are all scalars (str, int, float, bool, None): a list of them
#: (thousands of quotes in a novel) converts with one C-level getter per item.
_FLAT: dict[type, tuple[tuple[str, ...], Any]] = {
    c: (names := tuple(f.name for f in fields(c)), attrgetter(*names))
    for c in (NoteInfo, ChapterInfo, Declared, Evidence, QuoteInfo, Check)
}


def _plain(obj: Any) -> Any:
    """Dataclasses → dicts, lists → new lists; other values are shared (they are immutable
    scalars in a report), which is what makes this quicker than ``asdict``'s deep copy."""
    cls = type(obj)
    if cls in (str, int, float, bool) or obj is None:
        return obj
    if cls is list:
        flat = _FLAT.get(type(obj[0])) if obj else None
        if flat is not None:
            kind = type(obj[0])
            names, get = flat
            return [dict(zip(names, get(v))) if type(v) is kind else _plain(v) for v in obj]
        return [_plain(v) for v in obj]
    if cls is dict:
        return {k: _plain(v) for k, v in obj.items()}
    known = _FIELD_NAMES.get(cls)
    if known is None:
        known = _FIELD_NAMES[cls] = tuple(f.name for f in fields(obj))
    return {n: _plain(getattr(obj, n)) for n in known}


def _build(cls: type, data: dict[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        sub = _NESTED.get((cls, f.name))
        if sub is not None and value is not None:
            value = [_build(sub, v) for v in value] if isinstance(value, list) else _build(sub, value)
        kwargs[f.name] = value
    return cls(**kwargs)
