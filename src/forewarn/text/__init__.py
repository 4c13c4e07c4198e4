"""Segmentation: chapters → scenes → paragraphs → sentences, with dialogue marked."""
from __future__ import annotations

from forewarn.text.document import ChapterDoc, Document, count_words
from forewarn.text.segment import segment, segment_chapter


def segment_text(text: str) -> Document:
    """Parse plain story text and segment it (a shortcut for tests and notebooks).

    Example:
        >>> segment_text("Chapter 1\\n\\nIt rained.").chapters[0].title
        'Chapter 1'
    """
    from forewarn.ingest.plaintext import parse_text

    return segment(parse_text(text))


__all__ = ["segment", "segment_chapter", "segment_text", "Document", "ChapterDoc", "count_words"]
