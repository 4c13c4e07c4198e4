"""The one-direction flow: source → Work → Document → analyzers → Report.

Analyzers are small, independent callables ``analyzer(doc, report) -> None`` that each
fill their own part of the report. They run in the order of :data:`ANALYZERS` (the rating
reads the warnings, so it comes after them).
"""
from __future__ import annotations

import copy
import gc
import hashlib
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Sequence

from forewarn.report import (ChapterInfo, NoteInfo, Report, Source,
                             WorkInfo)
from forewarn.text import segment
from forewarn.text.document import Document, count_words
from forewarn.work import Work

Analyzer = Callable[[Document, Report], None]
WORDS_PER_MINUTE = 250


def _default_analyzers() -> list[Analyzer]:
    from forewarn import answers, rating, story, warnings

    return [warnings.analyze, story.analyze, rating.analyze, answers.analyze]


def describe(work: Work, doc: Document) -> Report:
    """A report holding only what the source and segmentation say (no analyzers yet).

    Example:
        >>> from forewarn.text import segment_text
        >>> doc = segment_text("One two three.")
        >>> describe(doc.work, doc).work.words
        3
    """
    words = doc.words
    digest = hashlib.sha256(work.story_text().encode("utf-8", "surrogatepass")).hexdigest()
    info = WorkInfo(
        title=work.title,
        authors=list(work.authors),
        fandoms=list(work.fandoms),
        words=words,
        chapters=len(doc.chapters),
        notes_words=sum(count_words(n.text) for n in work.notes),
        archive_tags=copy.deepcopy(work.archive_tags),
        series=list(work.series),
        collections=list(work.collections),
        language=work.language,
        reading_minutes=max(1, round(words / WORDS_PER_MINUTE)) if words else 0,
        chapter_list=[ChapterInfo(c.index, c.title, c.words, len(c.paragraphs), len(c.scenes))
                      for c in doc.chapters],
        notes=[NoteInfo(n.kind, n.text, n.chapter) for n in work.notes],
        content_hash=digest,
    )
    return Report(source=Source(work.source_path, work.source_format), work=info)


def scan_work(work: Work, analyzers: Sequence[Analyzer] | None = None) -> Report:
    """Segment a Work and run the analyzers over it.

    Example:
        >>> from forewarn.work import Work, Chapter
        >>> scan_work(Work(title="T", chapters=[Chapter("It rained.")])).work.title
        'T'
    """
    with gc_paused():
        doc = segment(work)
        report = describe(work, doc)
        for analyzer in (_default_analyzers() if analyzers is None else analyzers):
            analyzer(doc, report)
        del doc  # freed by reference counting, so the resumed collector never walks it
    return report


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one story is scanned.

    A scan allocates hundreds of thousands of small objects (sentences, name mentions,
    hits) that form no reference cycles, so the collector's passes over them free nothing
    and cost about a tenth of the scan (``bench/throughput.py``). Reference counting frees
    them as usual; the collector resumes afterwards and walks only what is still alive, so
    drop the Document inside the block. Nesting is fine, and a collector that was already
    off stays off.

    Example:
        >>> import gc
        >>> with gc_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def scan(source: str | bytes | Path, *, name: str | None = None,
         analyzers: Sequence[Analyzer] | None = None) -> Report:
    """Scan a story and return its :class:`~forewarn.report.Report`.

    ``source`` is a path (``str`` or :class:`pathlib.Path`), the story text itself as a
    ``str``, or the file's content as ``bytes`` (any supported format; ``name`` may give a
    file name to report). Raises :class:`~forewarn.errors.UnusableInput` for input that
    cannot be read as a story.

    Example:
        >>> r = scan("Chapter 1\\n\\nShe lit a cigarette.\\n\\nChapter 2\\n\\nShe slept.")
        >>> r.work.chapters, r.work.words
        (2, 6)
    """
    from forewarn.ingest import load

    return scan_work(load(source, name=name), analyzers)
