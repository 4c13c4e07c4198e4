"""The state speaker attribution reads: one chapter's mentions by offset, the characters'
genders, the speakers so far, and salience (who is most present just before a line)."""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forewarn.cache import compile_regex
from forewarn.story.characters import Entity, Mention
from forewarn.text.document import ChapterDoc

if TYPE_CHECKING:
    from forewarn.story.nominal import NominalSpeakers
    from forewarn.story.speaker_described import DescribedMentions

NARRATOR = -2
UNKNOWN = -1
#: Salience of a mention halves every this many characters back.
HALF_LIFE = 600.0
SUBJECT_WEIGHT = 2.0
#: A set of character ids; some callers pass a frozenset.
Ids = set[int] | frozenset[int]


@dataclass(slots=True)
class Attributed:
    """A quote and the character id that speaks it (``UNKNOWN``, ``NARRATOR`` or an id)."""

    chapter: int
    quote: int
    speaker: int
    how: str


class _Context:
    """Mentions of one chapter, searchable by offset, with the genders of characters."""

    def __init__(self, ch: ChapterDoc, mentions: list[Mention], entities: list[Entity],
                 narrator: int | None, genders: dict[int, str]) -> None:
        self.ch = ch
        self.text = ch.text
        # people talked about inside quotes are rarely the ones talking: only narration counts
        self.mentions = [m for m in mentions if m.char >= 0 and not m.in_quote]
        self.starts = [m.start for m in self.mentions]
        self._subject: dict[int, bool] = {}  # mention index → likely subject, on demand
        self.quoted = [m for m in mentions if m.char >= 0 and m.in_quote]
        self.quoted_starts = [m.start for m in self.quoted]
        self.quote_starts = [q.start for q in ch.quotes]
        self.entities = entities
        self.gender = genders
        self.narrator = narrator
        counts: dict[int, int] = {}
        for m in self.mentions:
            counts[m.char] = counts.get(m.char, 0) + 1
        self.focal = max(counts, key=lambda c: counts[c]) if counts else None
        self.recent_speakers: list[tuple[int, int]] = []  # (offset, speaker)
        self.title_index: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
        self.untitled: dict[str, set[int]] = {}  # title → characters without it (on demand)
        self.nominal: NominalSpeakers | None = None  # described speakers, shared by chapters
        self.described: DescribedMentions | None = None  # descriptions in the narration

    def subject(self, i: int) -> bool:
        """Whether narration mention ``i`` is likely its sentence's subject (cached)."""
        v = self._subject.get(i)
        if v is None:
            v = self._subject[i] = _is_subject(self.text, self.mentions, i)
        return v

    def add_mentions(self, extra: list[Mention]) -> None:
        """Count more narration mentions (descriptions that stand for a character)."""
        if not extra:
            return
        self.mentions = sorted(self.mentions + extra, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self._subject.clear()  # keyed by index: the indexes moved

    def mention_in(self, s: int, e: int) -> Mention | None:
        i = bisect_left(self.starts, s)
        while i < len(self.mentions) and self.mentions[i].start < e:
            return self.mentions[i]
        return None

    def recent(self, offset: int, gender: str | None, exclude: Ids, limit: int = 4000) -> int:
        """The most recent character (mentioned or speaking before ``offset``) of
        ``gender``; failing that, the most recent one whose gender is unknown."""
        # (offset, character, index of the narration mention or -1 for a speaker)
        events: list[tuple[int, int, int]] = []
        mentions = self.mentions
        floor = offset - limit
        i = bisect_left(self.starts, offset) - 1
        stop = max(-1, i - 40)
        while i > stop:
            m = mentions[i]
            if m.start <= floor:
                break
            events.append((m.start, m.char, i))
            i -= 1
        for off, spk in self.recent_speakers[-20:]:
            if off > floor:
                events.append((off, spk, -1))
        events.sort(reverse=True)
        # salience: subjects and speakers weigh more, and every step back weighs less
        score: dict[int, float] = {}
        unknown: dict[int, float] = {}
        genders = self.gender
        for off, c, i in events:
            if c < 0 or c in exclude:
                continue
            g = genders.get(c)
            if gender is None or g == gender:
                w = (SUBJECT_WEIGHT if i < 0 or self.subject(i) else 1.0) * 0.5 ** ((offset - off) / HALF_LIFE)
                score[c] = score.get(c, 0.0) + w
            elif g == "unknown":
                w = (SUBJECT_WEIGHT if i < 0 or self.subject(i) else 1.0) * 0.5 ** ((offset - off) / HALF_LIFE)
                unknown[c] = unknown.get(c, 0.0) + w
        if score:
            return max(score, key=lambda c: score[c])
        if unknown:
            return max(unknown, key=lambda c: unknown[c])
        return UNKNOWN


_NOBODY: frozenset[int] = frozenset()
_HE_SHE = frozenset({"he", "He", "HE", "she", "She", "SHE"})


def _all_vocatives(ctx: _Context, quotes) -> tuple[list[frozenset[int] | set[int]],
                                                   list[frozenset[int] | set[int]]]:
    """For every quote, the characters it addresses by name and every character it names
    at all (vocatives included), in one pass over the quotes and the quoted mentions.

    Example:
        >>> from forewarn.text import segment_text
        >>> from forewarn.story.characters import build_characters
        >>> doc = segment_text('Tom met Anna. Tom and Anna sat.\\n\\n"Anna, is Tom here?" he asked.')
        >>> ents, ms = build_characters(doc)
        >>> ctx = _Context(doc.chapters[0], ms[0], ents, None, {})
        >>> vocs, named = _all_vocatives(ctx, doc.chapters[0].quotes)
        >>> [sorted(ents[c].name for c in v) for v in vocs + named]
        [['Anna'], ['Anna', 'Tom']]
    """
    vocs: list[frozenset[int] | set[int]] = [_NOBODY] * len(quotes)
    named: list[frozenset[int] | set[int]] = [_NOBODY] * len(quotes)
    quoted = ctx.quoted
    if not quoted:
        return vocs, named
    j, n = 0, len(quoted)
    for qi, q in enumerate(quotes):
        while j < n and quoted[j].start < q.inner_start:
            j += 1
        if j == n:
            break
        found: set[int] = set()
        voc: set[int] = set()
        while j < n and quoted[j].start < q.inner_end:
            found.add(quoted[j].char)
            if quoted[j].vocative:
                voc.add(quoted[j].char)
            j += 1
        if found:
            named[qi] = found
        if voc:
            vocs[qi] = voc
    return vocs, named


def _is_subject(text: str, mentions: list[Mention], i: int) -> bool:
    """First name of its sentence and not a possessive: likely the sentence's subject."""
    m = mentions[i]
    if text[m.end:m.end + 1] in ("'", "’"):
        return False
    if _POSSESSED.search(text, max(0, m.start - 6), m.start):
        return False  # "her Ayah", "his mother Anna": someone's, not the one acting
    if i == 0:
        return True
    lo = max(0, m.start - 200)
    prev = mentions[i - 1].start
    # a clause boundary between the previous mention and this one (within 200 characters)
    return prev < lo or _BOUNDARY.search(text, max(lo, prev + 1), m.start) is not None


_POSSESSED = compile_regex(r"(?<![A-Za-z])(?:[Hh]er|[Hh]is|[Mm]y|[Yy]our|[Tt]heir|[Oo]ur)\s+$")
_BOUNDARY = compile_regex(r"[.!?”\",] |\n\n")
