"""The narrator's text: what lies outside quoted speech, per chapter."""
from __future__ import annotations

from forewarn.text.document import ChapterDoc


def narration_text(ch: ChapterDoc) -> str:
    """The chapter's narration (quotes removed), paragraphs separated by newlines.

    Example:
        >>> from forewarn.text import segment_text
        >>> narration_text(segment_text('"Go," I said. It rained.').chapters[0])
        ' I said. It rained.'
    """
    text = ch.text
    parts: list[str] = []
    last_end = -1
    for s, e in ch.narration_spans():
        if parts and s != last_end:
            parts.append("\n" if _crosses_paragraph(ch, last_end, s) else " ")
        parts.append(text[s:e])
        last_end = e
    return "".join(parts)


def _crosses_paragraph(ch: ChapterDoc, a: int, b: int) -> bool:
    return "\n" in ch.text[a:b] if b - a < 200 else True
