"""Work → Document: each chapter cut into scenes, paragraphs, sentences and quotes."""
from __future__ import annotations

import re

from forewarn.text.dialogue import find_quotes
from forewarn.text.document import ChapterDoc, Document, Paragraph, Scene, Sentence
from forewarn.text.paragraphs import split_paragraphs
from forewarn.text.sentences import SentenceCutter
from forewarn.work import Work


_NOT_LETTER = re.compile(r"[\W\d_]+")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-Þ]")
SAMPLE_CHARS = 5000


def _lowercased(text: str) -> bool:
    """True for text written without capitals (as some corpora are): sentences then
    start with lower-case letters."""
    sample = text[:SAMPLE_CHARS]
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
    cutter = SentenceCutter(text, _lowercased(text))
    sentences = ch.sentences
    scene_no, scene_first = 0, 0
    for start, end, is_break in split_paragraphs(text):
        if is_break:
            if len(ch.paragraphs) > scene_first:
                _close_scene(ch, scene_no, scene_first)
                scene_no += 1
                scene_first = len(ch.paragraphs)
            continue
        pi = len(ch.paragraphs)
        first = len(sentences)
        sentences.extend([Sentence(s, e, pi) for s, e in cutter.split(start, end)])
        ch.paragraphs.append(Paragraph(pi, start, end, scene_no, range(first, len(sentences))))
    if len(ch.paragraphs) > scene_first:
        _close_scene(ch, scene_no, scene_first)
    ch.quotes = find_quotes(text, ch.paragraphs)
    ch.finalize()
    return ch


def _close_scene(ch: ChapterDoc, number: int, first: int) -> None:
    paras = ch.paragraphs
    ch.scenes.append(Scene(number, paras[first].start, paras[-1].end, range(first, len(paras))))


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
