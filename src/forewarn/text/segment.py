"""Work → Document: each chapter cut into scenes, paragraphs, sentences and quotes."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import chain, filterfalse, repeat
from operator import sub

from forewarn.cache import compile_regex
from forewarn.text.dialogue import find_quotes
from forewarn.text.document import ChapterDoc, Document, Paragraph, Scene, Sentence
from forewarn.text.paragraphs import paragraph_spans
from forewarn.text.sentences import sentence_breaks
from forewarn.work import Work


_NOT_LETTER = compile_regex(r"[\W\d_]+")
_UPPER = compile_regex(r"[A-ZÀ-ÖØ-Þ]")
SAMPLE_CHARS = 5000
#: More capitals than ``SAMPLE_CHARS * 0.002`` (10): the sample is cased text.
_MANY_UPPER = compile_regex(r"(?:[^A-ZÀ-ÖØ-Þ]*[A-ZÀ-ÖØ-Þ]){11}")


def _lowercased(text: str) -> bool:
    """True for text written without capitals (as some corpora are): sentences then
    start with lower-case letters."""
    sample = text[:SAMPLE_CHARS]
    if _MANY_UPPER.match(sample):  # stops at the 11th capital, near the start of a cased text
        return False
    upper = len(_UPPER.findall(sample))  # at most 10 here
    letters = len(_NOT_LETTER.sub("", sample))
    return letters > 20 and upper <= letters * 0.002


def segment_chapter(index: int, title: str | None, text: str) -> ChapterDoc:
    """Cut one chapter's text into units.

    Example:
        >>> ch = segment_chapter(1, None, "It rained. She left.\\n\\n***\\n\\nDawn.")
        >>> len(ch.scenes), len(ch.paragraphs), len(ch.sentences)
        (2, 2, 3)
    """
    ch = ChapterDoc(index=index, title=title, text=text)
    starts, ends, scene_of, breaks = paragraph_spans(text)
    if starts:
        sent_starts, sent_ends = _sentence_bounds(text, starts, ends, bool(breaks), _lowercased(text))
        _fill_units(ch, starts, ends, scene_of, sent_starts, sent_ends)
    ch.quotes = find_quotes(text, ch.paragraphs)
    ch.finalize()
    return ch


def _sentence_bounds(text: str, starts: list[int], ends: list[int], break_lines: bool,
                     lowercase: bool) -> tuple[list[int], list[int]]:
    """Starts and ends of every sentence of the paragraphs ``starts``/``ends``, in order:
    the paragraphs' own bounds and the sentence breaks found inside them. Built with
    C-level filters and sorts instead of a loop per paragraph (the stage's hot path)."""
    # the paragraph starts are looked up only for a full stop right after a line break
    cut_ends, cut_starts = sentence_breaks(text, lowercase, starts)
    if break_lines:
        # keep the breaks strictly inside a paragraph: not at its end, not in a scene-break
        # line; paragraph k is the last one starting before the break
        para_of = list(map(bisect_right, repeat(starts, len(cut_ends)), cut_ends))
        inside = [i for i, (e, k) in enumerate(zip(cut_ends, para_of)) if k and e < ends[k - 1]]
        return (sorted(starts + [cut_starts[i] for i in inside]),
                sorted(ends + [cut_ends[i] for i in inside]))
    # only white space outside the paragraphs: a break is inside a paragraph or at its end,
    # where it is that paragraph's end and (past the white space) the next one's start or
    # the text's end; filters drop those, and sorting two sorted runs merges them
    known_ends = set(ends)
    sent_ends = ends + list(filterfalse(known_ends.__contains__, cut_ends))
    sent_ends.sort()
    known_starts = set(starts)
    known_starts.add(len(text))
    sent_starts = starts + list(filterfalse(known_starts.__contains__, cut_starts))
    sent_starts.sort()
    return sent_starts, sent_ends


def _fill_units(ch: ChapterDoc, starts: list[int], ends: list[int], scene_of: list[int],
                sent_starts: list[int], sent_ends: list[int]) -> None:
    """Make ``ch``'s paragraphs, sentences and scenes from their offsets, list by list
    with ``map`` (no Python loop per unit)."""
    n_par = len(starts)
    firsts = list(map(bisect_left, repeat(sent_starts, n_par), starts))  # a paragraph's first sentence
    lasts = firsts[1:]
    lasts.append(len(sent_starts))
    sent_para = list(chain.from_iterable(map(repeat, range(n_par), map(sub, lasts, firsts))))
    ch.sentences = list(map(Sentence, sent_starts, sent_ends, sent_para))
    ch.paragraphs = list(map(Paragraph, range(n_par), starts, ends, scene_of, map(range, firsts, lasts)))
    # scene numbers run 0, 1, 2 … in paragraph order: each scene's paragraphs by bisection
    last = 0
    for number in range(scene_of[-1] + 1):
        first, last = last, bisect_right(scene_of, number, last)
        ch.scenes.append(Scene(number, starts[first], ends[last - 1], range(first, last)))


def segment(work: Work) -> Document:
    """Segment every chapter of a Work.

    Example:
        >>> from forewarn.work import Work, Chapter
        >>> doc = segment(Work(chapters=[Chapter("One."), Chapter("Two. Three.")]))
        >>> [len(c.sentences) for c in doc.chapters]
        [1, 2]
    """
    chapters = [segment_chapter(i + 1, c.title, c.text) for i, c in enumerate(work.chapters)]
    return Document(work=work, chapters=chapters)
