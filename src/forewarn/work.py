"""What a source says about a story: metadata, notes and chapters of story text.

A :class:`Work` is produced by ``forewarn.ingest`` and consumed by ``forewarn.text`` (which
cuts it into a :class:`~forewarn.text.document.Document`). Author's notes and summaries are
kept apart from the story text so they are never counted as story words nor scanned as
story content.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Note:
    """A piece of author-written text that is not the story.

    ``kind`` is one of ``summary``, ``notes`` (work notes, or a note at the start of a
    plain-text story), ``end-notes``, ``chapter-summary``, ``chapter-notes``,
    ``chapter-end-notes``. ``chapter`` is the 1-based chapter index for chapter notes.

    Example:
        >>> Note("notes", "CW: grief").text
        'CW: grief'
    """

    kind: str
    text: str
    chapter: int | None = None


@dataclass
class Chapter:
    """One chapter of story text (notes excluded).

    Example:
        >>> Chapter("It rained.", title="Chapter 1").title
        'Chapter 1'
    """

    text: str
    title: str | None = None


@dataclass
class ArchiveTags:
    """Tags an archive (AO3) already gave the work; empty for plain text."""

    rating: str | None = None
    warnings: list[str] = field(default_factory=list)
    category: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    additional: list[str] = field(default_factory=list)


@dataclass
class Work:
    """A story as its source describes it.

    Example:
        >>> w = Work(title="Rain", chapters=[Chapter("It rained all day.")])
        >>> w.story_text()
        'It rained all day.'
    """

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    archive_tags: ArchiveTags = field(default_factory=ArchiveTags)
    series: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    language: str | None = None
    stats: dict[str, str] = field(default_factory=dict)
    source_path: str | None = None
    source_format: str = "text"

    def story_text(self, sep: str = "\n\n") -> str:
        """All chapters' text joined; the notes are never part of it."""
        return sep.join(c.text for c in self.chapters)

    def notes_text(self, sep: str = "\n\n") -> str:
        """All author-written notes and summaries joined."""
        return sep.join(n.text for n in self.notes)
