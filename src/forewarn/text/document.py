"""The segmented story: chapters → scenes → paragraphs → sentences, with dialogue marked.

A :class:`Document` owns the text; every unit is a light view holding character offsets
into its chapter's ``text`` (``text[start:end]``), so any finding can point back at the
exact passage. Offsets are always relative to the chapter, never to the whole work.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter, sub
from typing import Any, Iterator

from forewarn.work import Work

#: The white space of ``str.split`` above ASCII (``str.isspace``; a test holds the list).
WIDE_SPACES = ("\x85", "\xa0", "\u1680", *map(chr, range(0x2000, 0x200b)), "\u2028",
               "\u2029", "\u202f", "\u205f", "\u3000")
#: Byte → b" " for ASCII white space (as ``str.isspace`` has it), b"x" for any other byte.
_WORD_BYTES = bytes(32 if chr(b).isspace() else 120 for b in range(128)) + b"x" * 128


def count_words(text: str) -> int:
    """Count words the way archives do: runs of non-space characters (what
    ``len(text.split())`` counts, without making a string of every word).

    Example:
        >>> count_words("She didn't drink — not tonight."), count_words("  a\u3000b ")
        (6, 2)
    """
    if text.isascii():
        raw = text.encode("ascii")
    elif any(c in text for c in WIDE_SPACES):
        return len(text.split())  # str.split and \S+ agree on every Unicode space
    else:  # every byte of a character above ASCII is >= 0x80: a letter, never a space
        raw = text.encode("utf-8", "surrogatepass")
    marks = raw.translate(_WORD_BYTES)
    return marks.count(b" x") + (marks[:1] == b"x")


FRAMED_SHARE = 0.6  # a framed tale: at least this share of the chapter is quoted...
FRAMED_QUOTE = 3000  # ...and one quote is at least this many characters long
_START, _END = attrgetter("start"), attrgetter("end")


@dataclass(slots=True)
class Sentence:
    """A sentence: ``start``/``end`` offsets in the chapter, and its paragraph index."""

    start: int
    end: int
    paragraph: int


@dataclass(slots=True)
class Paragraph:
    """A paragraph: offsets in the chapter, its index, its scene and its sentences.

    ``sentences`` is a ``range`` of indexes into :attr:`ChapterDoc.sentences`.
    """

    index: int
    start: int
    end: int
    scene: int
    sentences: range = range(0)


@dataclass(slots=True)
class Scene:
    """A run of paragraphs between scene breaks (``***``, ``⸻``, ``~~~`` …)."""

    index: int
    start: int
    end: int
    paragraphs: range


@dataclass(slots=True)
class Quote:
    """A span of quoted speech, quote marks included.

    ``inner_start``/``inner_end`` exclude the marks. ``paragraph`` is the paragraph the quote
    opens in; ``last_paragraph`` differs when the speech runs over several paragraphs.
    ``style`` is ``double`` (straight or curly), ``single`` (straight or curly) or ``dash``
    (speech introduced by a dash, in chapters written that way).
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    last_paragraph: int
    style: str


@dataclass
class ChapterDoc:
    """One chapter of the document with all of its units.

    Example:
        >>> from forewarn.text import segment_text
        >>> ch = segment_text('It rained.\\n\\n"Stay," she said.').chapters[0]
        >>> [ch.span_text(p) for p in ch.paragraphs]
        ['It rained.', '"Stay," she said.']
        >>> ch.span_text(ch.quotes[0])
        '"Stay,"'
    """

    index: int
    title: str | None
    text: str
    scenes: list[Scene] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    _para_starts: list[int] = field(default_factory=list, repr=False)
    _quote_starts: list[int] = field(default_factory=list, repr=False)
    _words: int = field(default=-1, repr=False)
    _framed: bool | None = field(default=None, repr=False)
    #: intermediate results that analyzers share for this chapter (the warnings matcher's
    #: normalised text and matches, for the evidence model)
    results: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def finalize(self) -> None:
        """Build the lookup tables; called once by the segmenter."""
        self._para_starts = [p.start for p in self.paragraphs]
        self._quote_starts = [q.start for q in self.quotes]
        self._framed = None

    def span_text(self, unit: Sentence | Paragraph | Scene | Quote) -> str:
        """The text a unit covers."""
        return self.text[unit.start:unit.end]

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph containing ``offset`` (None for offsets between paragraphs)."""
        i = bisect_right(self._para_starts, offset) - 1
        if i >= 0 and self.paragraphs[i].start <= offset < self.paragraphs[i].end:
            return self.paragraphs[i]
        return None

    def quote_at(self, offset: int) -> Quote | None:
        """The quote containing ``offset``, or None when it is narration."""
        i = bisect_right(self._quote_starts, offset) - 1
        if i >= 0 and self.quotes[i].start <= offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def framed(self) -> bool:
        """Whether the chapter is a tale told inside quotation marks (a narrator telling the
        story to listeners): most of its text is quoted and one quote runs on for pages.
        Such speech is the story's narration, not a character's dialogue.

        Example:
            >>> from forewarn.text import segment_text
            >>> segment_text('"Stay," she said. He went.').chapters[0].framed()
            False
        """
        if self._framed is None:  # lengths by map: chapters of dialogue have thousands
            lengths = list(map(sub, map(_END, self.quotes), map(_START, self.quotes)))
            self._framed = (sum(lengths) >= FRAMED_SHARE * len(self.text)
                            and max(lengths, default=0) >= FRAMED_QUOTE)
        return self._framed

    def in_dialogue(self, offset: int) -> bool:
        """True when ``offset`` falls inside quoted speech."""
        return self.quote_at(offset) is not None

    def narration_spans(self) -> Iterator[tuple[int, int]]:
        """Offsets of the paragraph text outside quotes (what the narrator says)."""
        qi = 0
        quotes = self.quotes
        for p in self.paragraphs:
            pos = p.start
            while qi < len(quotes) and quotes[qi].end <= pos:
                qi += 1
            j = qi
            while j < len(quotes) and quotes[j].start < p.end:
                q = quotes[j]
                if q.start > pos:
                    yield pos, q.start
                pos = max(pos, q.end)
                j += 1
            if pos < p.end:
                yield pos, p.end

    @property
    def words(self) -> int:
        """Words of story text in this chapter (counted once)."""
        if self._words < 0:
            self._words = count_words(self.text)
        return self._words


@dataclass
class Document:
    """A :class:`~forewarn.work.Work` cut into units; the input of every analyzer.

    Example:
        >>> from forewarn.text import segment_text
        >>> doc = segment_text("One.\\n\\nTwo.")
        >>> doc.words, len(doc.chapters), len(doc.chapters[0].paragraphs)
        (2, 1, 2)
    """

    work: Work
    chapters: list[ChapterDoc]
    _tokens: Counter | None = field(default=None, repr=False, compare=False)
    #: intermediate results that components share (``hits``, ``characters``…)
    results: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def words(self) -> int:
        """Words of story text (notes excluded). Counting them does not build
        :meth:`token_counts`: a labels-only scan (``batch --format pan``) never needs it."""
        return sum(c.words for c in self.chapters)

    def token_counts(self) -> Counter:
        """How often each white-space-separated token ("Luka's", "rain.") occurs in the
        story; one pass that also counts each chapter's words, shared by every analyzer.

        Example:
            >>> from forewarn.text import segment_text
            >>> segment_text("Rain. rain, Rain.").token_counts()["Rain."]
            2
        """
        if self._tokens is None:
            counts: Counter = Counter()
            for ch in self.chapters:
                tokens = ch.text.split()
                ch._words = len(tokens)
                counts.update(tokens)
            self._tokens = counts
        return self._tokens
