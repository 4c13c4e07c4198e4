"""Animals among the names: a pet is not a character of the relationship.

A name is an animal's when the words after its mentions in the narration keep speaking of
fur, paws, barking or a leash (``data/animal_words.txt``; each such word goes with the nearest
name before it): at least ``MIN_HITS`` such words, in at least ``MIN_SHARE`` of its mentions.

Example:
    >>> from forewarn.text import segment_text
    >>> from forewarn.story.characters import build_characters
    >>> doc = segment_text("Anna came home from the office. Rex wagged his tail. Anna phoned "
    ...     "her mother, and Anna told her about the new job. Rex barked at the cat. Anna made "
    ...     "tea and read her letters. Later Rex lay down, his paws on the rug.")
    >>> ents, ms = build_characters(doc)
    >>> sorted(ents[i].name for i in animal_ids(doc, ms, ents))
    ['Rex']
"""
from __future__ import annotations

import re
from functools import lru_cache

from forewarn.cache import compile_regex
from forewarn.story.characters import Entity, Mention
from forewarn.story.lexicon import words
from forewarn.story.trie import trie_pattern
from forewarn.text.document import Document

#: An animal word goes with the name at most this many characters before it.
WINDOW = 80
MIN_HITS = 3
MIN_SHARE = 0.2
#: Narration mentions read per character.
SAMPLE = 60


@lru_cache(maxsize=None)
def _animal_re() -> re.Pattern[str]:
    """The animal words as one case-sensitive trie-factored pattern (several times faster
    than a flat case-insensitive alternation; a capitalised "Dog" at a sentence start is missed)."""
    return compile_regex(rf"\b(?:{trie_pattern(words('animal_words.txt'))})\b")


def animal_ids(doc: Document, per_chapter: list[list[Mention]], entities: list[Entity]) -> set[int]:
    """The ids of the characters that are animals (see the module docstring); only the
    first ``SAMPLE`` narration mentions of each character are read (enough to decide)."""
    hits: dict[int, int] = {}  # character → animal words that go with its sampled mentions
    seen: dict[int, int] = {}  # character → sampled mentions
    pat = _animal_re()
    for ci, ms in enumerate(per_chapter):
        text = doc.chapters[ci].text
        narr = [m for m in ms if m.char >= 0 and not m.in_quote]
        for i, m in enumerate(narr):
            n = seen.get(m.char, 0)
            if n >= SAMPLE:
                continue
            seen[m.char] = n + 1
            # the stretch after the name, up to the next name: its animal words are this one's
            hi = m.end + WINDOW
            if i + 1 < len(narr) and narr[i + 1].start < hi:
                hi = narr[i + 1].start
            found = len(pat.findall(text, m.end, hi))
            if found:
                hits[m.char] = hits.get(m.char, 0) + found
    return {c for c, n in hits.items()
            if n >= MIN_HITS and n >= MIN_SHARE * seen[c] and not entities[c].narrator}
