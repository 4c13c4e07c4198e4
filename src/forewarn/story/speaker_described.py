"""Descriptions in the narration that stand for a known character, so that a "he said"
after them finds its antecedent.

"The doctor shut the door. “Sit up,” he said." — "the doctor" is the one character titled
Dr. (or Doctor), and the narration's "The doctor" counts as a mention of that character.
"“Sit down,” said the stranger. The stranger turned. “Now,” he said." — once a described
speaker ("the stranger", :mod:`forewarn.story.nominal`) has spoken, the same description in
the narration around and after that line is a mention of that speaker.

Only descriptions opening with "the" count: "a stranger" introduces someone new.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from forewarn.story.characters import Mention
from forewarn.story.lexicon import described_titles
from forewarn.story.nominal import person_nouns
from forewarn.story.trie import trie_pattern
from forewarn.text.document import ChapterDoc

Phrase = tuple[int, int, str]  # (start, end, noun)


@lru_cache(maxsize=1)
def _phrase_pattern() -> re.Pattern[str]:
    nouns = trie_pattern(frozenset(person_nouns()) | described_titles())
    return re.compile(rf"(?<![A-Za-z])[Tt]he\s+(?:[a-z][\w\-]*\s+){{0,2}}?(?P<noun>{nouns})(?![\w\-’'])")


def narration_descriptions(ch: ChapterDoc) -> list[Phrase]:
    """The descriptions ("the old doctor") in the chapter's narration, in text order.

    Example:
        >>> from forewarn.text import segment_text
        >>> ch = segment_text('The old doctor sat down. "See the doctor," she said.').chapters[0]
        >>> [(s, e, n) for s, e, n in narration_descriptions(ch)]
        [(0, 14, 'doctor')]
    """
    text = ch.text
    quotes = ch.quotes
    out: list[Phrase] = []
    qi, n = 0, len(quotes)
    for m in _phrase_pattern().finditer(text):
        s = m.start()
        while qi < n and quotes[qi].end <= s:
            qi += 1
        if qi < n and quotes[qi].start <= s:
            continue  # inside a quote: talked about, not acting
        out.append((s, m.end(), m.group("noun")))
    return out


class DescribedMentions:
    """The narration descriptions of one chapter, turned into mentions of characters as
    they become known (see the module docstring)."""

    def __init__(self, ch: ChapterDoc) -> None:
        self.ch = ch
        self.phrases = narration_descriptions(ch) if ch.quotes else []
        self.done: set[tuple[int, str]] = set()  # (character, noun) already added

    def mentions_of(self, char: int, noun: str, since: int = 0) -> list[Mention]:
        """Mentions of ``char`` for the descriptions with ``noun`` from offset ``since`` on
        (empty when they were given before).

        Example:
            >>> from forewarn.text import segment_text
            >>> ch = segment_text('The clerk frowned. "No," said the clerk.').chapters[0]
            >>> [(m.start, m.char) for m in DescribedMentions(ch).mentions_of(7, "clerk")]
            [(0, 7), (30, 7)]
        """
        if (char, noun) in self.done:
            return []
        self.done.add((char, noun))
        i = bisect_left(self.phrases, (since, 0, ""))
        return [Mention(self.ch.index, s, e, (self.ch.text[s:e],), None, False, False, char=char)
                for s, e, n in self.phrases[i:] if n == noun]

    def since_paragraph_before(self, offset: int) -> int:
        """Where the paragraph before the one holding ``offset`` starts (0 at the top)."""
        para = self.ch.paragraph_at(offset)
        if para is None or para.index == 0:
            return 0
        return self.ch.paragraphs[para.index - 1].start
