"""Work → Document: each chapter cut into scenes, paragraphs, sentences and quotes."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import chain, filterfalse, repeat
from operator import sub

from forewarn.text.dialogue import find_quotes
from forewarn.text.document import ChapterDoc, Document, Paragraph, Scene, Sentence
from forewarn.text.paragraphs import paragraph_spans
from forewarn.text.sentences import sentence_breaks
from forewarn.work import Work


_NOT_LETTER = re.compile(r"[\W\d_]+")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
SAMPLE_CHARS = 5000
#: More capitals than ``SAMPLE_CHARS * 0.002`` (10): the sample is cased text.
_MANY_UPPER = re.compile(r"(?:[^A-ZÀ-ÖØ-Þ]*[A-ZÀ-ÖØ-Þ]){11}")


def _lowercased(text: str) -> bool:
    """True for text written without capitals (as some corpora are): sentences then
    start with lower-case letters."""
    sample = text[:SAMPLE_CHARS]
    if _MANY_UPPER.match(sample):  # stops at the 11th capital, near the start of a cased text
        return False
    upper = len(_UPPER.findall(sample))
    if upper > SAMPLE_CHARS * 0.002:
        return False  # more capitals than any count of letters allows: cased text
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
        _cut_sentences(ch, starts, ends, scene_of, bool(breaks), _lowercased(text))
    ch.quotes = find_quotes(text, ch.paragraphs)
    ch.finalize()
    return ch


def _cut_sentences(ch: ChapterDoc, starts: list[int], ends: list[int], scene_of: list[int],
                   break_lines: bool, lowercase: bool) -> None:
    """Fill ``ch`` with the paragraphs ``starts``/``ends`` (in scenes ``scene_of``), their
    sentences and the scenes. Built list by list with C-level ``map``/``bisect`` calls
    instead of a Python loop per paragraph and per sentence (the stage's hot path)."""
    cut_ends, cut_starts = sentence_breaks(ch.text, lowercase, starts)  # (looked up rarely)
    n_par = len(starts)
    if break_lines:
        # keep the breaks strictly inside a paragraph: not at its end, not in a scene-break
        # line; paragraph k is the last one starting before the break
        para_of = list(map(bisect_right, repeat(starts, len(cut_ends)), cut_ends))
        inside = [i for i, (e, k) in enumerate(zip(cut_ends, para_of)) if k and e < ends[k - 1]]
        sent_starts = sorted(starts + [cut_starts[i] for i in inside])
        sent_ends = sorted(ends + [cut_ends[i] for i in inside])
    else:
        # only white space outside the paragraphs: a break is inside a paragraph or at its
        # end, where it is that paragraph's end and (past the white space) the next one's
        # start, or the text's end; C-level filters drop those, and sorting two sorted
        # runs merges them
        known_ends = set(ends)
        sent_ends = ends + list(filterfalse(known_ends.__contains__, cut_ends))
        sent_ends.sort()
        known_starts = set(starts)
        known_starts.add(len(ch.text))
        sent_starts = starts + list(filterfalse(known_starts.__contains__, cut_starts))
        sent_starts.sort()
    n_sent = len(sent_starts)
    firsts = list(map(bisect_left, repeat(sent_starts, n_par), starts))
    lasts = firsts[1:]
    lasts.append(n_sent)
    sent_para = list(chain.from_iterable(map(repeat, range(n_par), map(sub, lasts, firsts))))
    ch.sentences = list(map(Sentence, sent_starts, sent_ends, sent_para))
    ch.paragraphs = list(map(Paragraph, range(n_par), starts, ends, scene_of,
                                     map(range, firsts, lasts)))
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
