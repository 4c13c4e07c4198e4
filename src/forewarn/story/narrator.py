"""The name of a first-person narrator, when the story gives it.

Either the narrator names themself ("my name is Pip", "I'm Luka", "call me Ishmael"), or
other characters keep addressing someone by a name the narration itself never uses.
"""
from __future__ import annotations

import re

from forewarn.story.characters import Entity, Mention
from forewarn.text.document import Document

_SELF = re.compile(r"\b(?:[Mm]y name(?:'s| is| was)|I'm|I’m|I am|[Cc]all me|[Cc]alled me|me,)\s+$")


def find_narrator(doc: Document, per_chapter: list[list[Mention]], entities: list[Entity]) -> int | None:
    """The character id of the first-person narrator, or None when unnamed.

    Example:
        >>> from forewarn.text import segment_text
        >>> from forewarn.story.characters import build_characters
        >>> doc = segment_text('I met Yuto and Yuto waved.\\n\\n"Hi, Luka," he said.\\n\\n"Night, Luka," he said.')
        >>> ents, ms = build_characters(doc)
        >>> ents[find_narrator(doc, ms, ents)].name
        'Luka'
    """
    named: dict[int, int] = {}
    for ms in per_chapter:
        if not ms:
            continue
        text = doc.chapters[ms[0].chapter].text
        for m in ms:
            if m.char >= 0 and _SELF.search(text[max(0, m.start - 16):m.start]):
                named[m.char] = named.get(m.char, 0) + 1
    if named:
        return max(named, key=named.get)
    best, best_voc = None, 1
    for e in entities:
        if e.vocatives > best_voc and e.narration_mentions <= max(1, 0.2 * e.mentions):
            best, best_voc = e.id, e.vocatives
    return best
