"""Sentence boundaries inside a paragraph: fast rules, abbreviation-aware.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) before
white space and a capital, a digit or an opening quote. In lower-cased text (no capitals to
go by) a full stop before white space ends a sentence too, unless it follows an
abbreviation.
"""
from __future__ import annotations

import re

from forewarn.text.data_files import load_words

_END = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s+)")
_NEXT_OK = re.compile(r"\s+[\"“‘'«(\[]?[A-Z0-9À-ÖØ-Þ]")
#: ``_END`` followed by what ``_NEXT_OK`` wants, in one regex: cased text needs no other.
_END_CASED = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]?[A-Z0-9À-ÖØ-Þ])")
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def split_sentences(text: str, start: int, end: int, lowercase: bool = False) -> list[tuple[int, int]]:
    """Sentence ``(start, end)`` offsets inside ``text[start:end]``.

    Example:
        >>> t = 'Mr. Bennet sat. "Stop!" she said. He left.'
        >>> [t[s:e] for s, e in split_sentences(t, 0, len(t))]
        ['Mr. Bennet sat.', '"Stop!" she said.', 'He left.']
    """
    abbrev = load_words("abbreviations.txt")
    out: list[tuple[int, int]] = []
    s = start
    for m in (_END if lowercase else _END_CASED).finditer(text, start, end):
        cut = m.end()
        if cut >= end:
            break
        punct = m.group()
        if lowercase and _NEXT_OK.match(text, cut, end) is None:
            if not (punct[0] in ".?!" and punct[-1] in ".!?…"):
                continue
        if punct == ".":
            dot = m.start()
            # a word of at least 7 lower-case letters before the dot is no abbreviation
            # (the longest listed is 6): skip the look-back for most sentence ends
            tail = text[dot - 7:dot] if dot - 7 >= start else ""
            if not (tail.isalpha() and tail.islower()):
                pw = _PREV_WORD.search(text, max(start, dot - 12), dot)
                if pw:
                    word = pw.group(1).lower()
                    if word in abbrev or (len(word) == 1 and word.isalpha() and text[dot - 1].isupper()):
                        continue
        out.append((s, cut))
        s = cut
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        out.append((s, end))
    return out


class SentenceCutter:
    """Sentence offsets for the paragraphs of one text, asked for in order: one regex pass
    over the whole text instead of one per paragraph (same results as
    :func:`split_sentences`).

    Example:
        >>> t = 'It rained. She left.\\n\\nMr. Bennet sat. He slept.'
        >>> cut = SentenceCutter(t)
        >>> [t[s:e] for s, e in cut.split(0, 20)], [t[s:e] for s, e in cut.split(22, len(t))]
        (['It rained.', 'She left.'], ['Mr. Bennet sat.', 'He slept.'])
    """

    def __init__(self, text: str, lowercase: bool = False) -> None:
        self.text = text
        self.lowercase = lowercase
        self._abbrev = load_words("abbreviations.txt")
        self._ends = (_END if lowercase else _END_CASED).finditer(text)
        self._pending: re.Match[str] | None = next(self._ends, None)

    def split(self, start: int, end: int) -> list[tuple[int, int]]:
        """Sentence ``(start, end)`` offsets inside ``text[start:end]``; paragraphs must
        come in text order and must not overlap."""
        text, lowercase, abbrev = self.text, self.lowercase, self._abbrev
        out: list[tuple[int, int]] = []
        s = start
        m = self._pending
        ends = self._ends
        while m is not None and m.start() < start:
            m = next(ends, None)
        while m is not None and m.start() < end:
            cut = m.end()
            if cut >= end:
                break
            punct = m.group()
            ok = True
            if lowercase and _NEXT_OK.match(text, cut, end) is None:
                ok = punct[0] in ".?!" and punct[-1] in ".!?…"
            if ok and punct == ".":
                dot = m.start()
                tail = text[dot - 7:dot] if dot - 7 >= start else ""
                if not (tail.isalpha() and tail.islower()):
                    pw = _PREV_WORD.search(text, max(start, dot - 12), dot)
                    if pw:
                        word = pw.group(1).lower()
                        if word in abbrev or (len(word) == 1 and word.isalpha() and text[dot - 1].isupper()):
                            ok = False
            if ok:
                out.append((s, cut))
                s = cut
                while s < end and text[s].isspace():
                    s += 1
            m = next(ends, None)
        self._pending = m
        if s < end:
            out.append((s, end))
        return out
