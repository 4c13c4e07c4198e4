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
    for m in _END.finditer(text, start, end):
        cut = m.end()
        if cut >= end:
            break
        nxt = _NEXT_OK.match(text, cut, end)
        punct = m.group(0)
        if nxt is None:
            if not (lowercase and punct.startswith((".", "?", "!")) and punct[-1] in ".!?…"):
                continue
        if punct[0] == "." and len(punct) == 1:
            pw = _PREV_WORD.search(text, max(start, m.start() - 12), m.start())
            if pw:
                word = pw.group(1).lower()
                if word in abbrev or (len(word) == 1 and word.isalpha() and text[m.start() - 1].isupper()):
                    continue
        out.append((s, cut))
        s = cut
        while s < end and text[s].isspace():
            s += 1
    if s < end:
        out.append((s, end))
    return out
