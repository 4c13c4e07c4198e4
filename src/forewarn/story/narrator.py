"""The name of a first-person narrator, when the story gives it.

Either the narrator names themself ("my name is Pip", "I'm Luka", "call me Ishmael"), or
other characters keep addressing someone by a name the narration itself never uses.
"""
from __future__ import annotations

from forewarn.cache import compile_regex
from forewarn.story.characters import Entity, Mention
from forewarn.text.document import Document

_SELF = compile_regex(r"\b(?:[Mm]y name(?:'s|’s| is| was)|I'm|I’m|I am|[Cc]all me|[Cc]alled me|[Cc]alled myself|"
                   r"came to be called|I was called|they call me|[Kk]nown as)\s+$")


#: How a window that :data:`_SELF` can match ends (a cheap test before the regex).
_SELF_ENDS = ("is", "was", "'s", "’s", "I'm", "I’m", "am", "me", "myself", "called", "as")


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
            if m.char < 0 or m.in_quote:
                continue
            window = text[max(0, m.start - 20):m.start]
            if window.rstrip().endswith(_SELF_ENDS) and _SELF.search(window):
                named[m.char] = named.get(m.char, 0) + 1
    if named:
        return max(named, key=lambda c: named[c])
    best, best_voc = None, 1
    for e in entities:
        if e.vocatives > best_voc and e.narration_mentions <= max(1, 0.2 * e.mentions):
            best, best_voc = e.id, e.vocatives
    return best


def narrator_from_dialogue(doc: Document, per_chapter: list[list[Mention]],
                           attributions: list, narrator_id: int) -> int | None:
    """The name other speakers call the narrator: vocatives in lines spoken right before
    or after one of the narrator's own lines (``narrator_id`` marks those)."""
    counts: dict[int, int] = {}
    own: dict[int, int] = {}
    by_chapter: dict[int, list] = {}
    for a in attributions:
        by_chapter.setdefault(a.chapter, []).append(a)
        if a.speaker >= 0:
            own[a.speaker] = own.get(a.speaker, 0) + 1
    for ci, atts in by_chapter.items():
        ch = doc.chapters[ci]
        vocs = [m for m in per_chapter[ci] if m.vocative and m.char >= 0]
        if not vocs:
            continue
        vi = 0
        for k, a in enumerate(atts):
            q = ch.quotes[a.quote]
            while vi < len(vocs) and vocs[vi].start < q.start:
                vi += 1
            j = vi
            if a.speaker == narrator_id:
                continue
            near = any(0 <= k + d < len(atts) and atts[k + d].speaker == narrator_id for d in (-1, 1))
            while j < len(vocs) and vocs[j].start < q.end:
                if near:
                    counts[vocs[j].char] = counts.get(vocs[j].char, 0) + 1
                j += 1
    best = max(counts, key=lambda c: counts[c], default=None)
    if best is None or own.get(best, 0) >= counts[best]:
        return None
    return best
