"""The per-paragraph sentence cutter forewarn used before ``sentence_breaks`` (one regex
pass per chapter): kept here as the reference the fast path is tested against."""
from __future__ import annotations

import re

from forewarn.text.data_files import load_words

_END = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s+)")
_NEXT_OK = re.compile(r"\s+[\"“‘'«(\[]?[A-Z0-9À-ÖØ-Þ]")
_END_CASED = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]?[A-Z0-9À-ÖØ-Þ])")
_PREV_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")


class SentenceCutter:
    """Sentence offsets for the paragraphs of one text, asked for in order.

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
