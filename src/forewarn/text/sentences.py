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
