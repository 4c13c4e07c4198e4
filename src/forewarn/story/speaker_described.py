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
from forewarn.text.document import ChapterDoc

Phrase = tuple[int, int, str]  # (start, end, noun)


@lru_cache(maxsize=1)
def description_nouns() -> frozenset[str]:
    """The nouns a description of a person can end with ("the old doctor" → doctor).

    Example:
        >>> {"doctor", "porter", "woman"} <= description_nouns()
        True
    """
    return frozenset(person_nouns()) | described_titles()


#: "the" and up to two words before the noun, read backwards from the noun.
_THE_BEFORE = re.compile(r"(?<![A-Za-z])[Tt]he\s+(?:[a-z][\w\-]*\s+){0,2}$")


def narration_descriptions(ch: ChapterDoc, noun: str) -> list[Phrase]:
    """The descriptions ending with ``noun`` ("the old doctor") in the chapter's narration,
    in text order. The noun itself is searched (``str.find``: a regex with a look-behind first
    would try every position), then "the" before it.

    Example:
        >>> from forewarn.text import segment_text
        >>> ch = segment_text('The old doctor sat down. "See the doctor," she said.').chapters[0]
        >>> narration_descriptions(ch, "doctor")
        [(0, 14, 'doctor')]
    """
    text = ch.text
    quotes = ch.quotes
    out: list[Phrase] = []
    qi, n = 0, len(quotes)
    size = len(noun)
    s = text.find(noun)
    while s >= 0:
        e = s + size
        if (s == 0 or not _word_char(text[s - 1])) and (e == len(text) or not _word_char(text[e])):
            while qi < n and quotes[qi].end <= s:
                qi += 1
            if not (qi < n and quotes[qi].start <= s):  # inside a quote: talked about
                the = _THE_BEFORE.search(text, max(0, s - 40), s)
                if the is not None:
                    out.append((the.start(), e, noun))
        s = text.find(noun, e)
    return out


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "-_'’"


class DescribedMentions:
    """The narration descriptions of one chapter, turned into mentions of characters as
    they become known (see the module docstring); each noun's are found on first use."""

    def __init__(self, ch: ChapterDoc) -> None:
        self.ch = ch
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
        if (char, noun) in self.done or not self.ch.quotes:
            return []
        self.done.add((char, noun))
        phrases = narration_descriptions(self.ch, noun)
        i = bisect_left(phrases, (since, 0, ""))
        return [Mention(self.ch.index, s, e, (self.ch.text[s:e],), None, False, False, char=char)
                for s, e, _ in phrases[i:]]

    def since_paragraph_before(self, offset: int) -> int:
        """Where the paragraph before the one holding ``offset`` starts (0 at the top)."""
        para = self.ch.paragraph_at(offset)
        if para is None or para.index == 0:
            return 0
        return self.ch.paragraphs[para.index - 1].start
