"""Sentence boundaries inside a paragraph: fast rules, abbreviation-aware.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) before
white space and a capital, a digit or an opening quote. In lower-cased text (no capitals to
go by) a full stop before white space ends a sentence too, unless it follows an
abbreviation.
"""
from __future__ import annotations

import re
import string
from functools import lru_cache
from itertools import product, repeat
from typing import Container

from forewarn.cache import compile_regex
from forewarn.text.data_files import load_words

_NEXT_OK = compile_regex(r"\s+[\"“‘'«(\[]?[A-Z0-9À-ÖØ-Þ]")
_Match = re.Match
#: A run of end marks (and closing quotes) with the white space after it captured: its
#: end is where the next sentence starts.
_END_GAP = compile_regex(r"[.!?…]+[\"”’'»)\]]*(?=(\s+))")
_ENDERS = ".!?…"


#: End marks before white space and a capital, a digit or an opening quote, one regex per
#: mark, each starting with a literal, which ``re`` finds with a fast string search instead
#: of testing every character against ``[.!?…]`` (4x quicker). A match starts only at the
#: first mark of a run. Group 1 is the white space up to the next sentence. A
#: break before a blank line is left out: it ends a block (a paragraph or a scene-break
#: line), so it cuts no paragraph, and most paragraphs end so.
_CASED_FINDERS = tuple(
    compile_regex(rf"{re.escape(mark)}(?<![.!?…]{re.escape(mark)})[.!?…]*[\"”’'»)\]]*"
               r"(?![^\S\n]*\n[^\S\n]*\n)(\s+)(?=[\"“‘'«(\[]?[A-Z0-9À-ÖØ-Þ])")
    for mark in _ENDERS)


@lru_cache(maxsize=1)
def _suspect_tails() -> tuple[frozenset[str], frozenset[str]]:
    """The character before, and the last 3 characters (any case) of, a lone full stop that
    may close an abbreviation or an initial, or that follows a line break (the word before the dot
    may end at a line break): a quick filter before :func:`_abbreviation_dot`."""
    one = set(string.ascii_uppercase + "\n")  # the character before the dot
    three = set()  # the two characters before it, and the dot
    for word in load_words("abbreviations.txt"):
        for chars in product(*((c.lower(), c.upper()) for c in word[-2:])):
            if len(word) > 1:
                three.add("".join(chars) + ".")
            else:
                one.add(chars[0])
    return frozenset(one), frozenset(three)


_WORD_CHARS = string.ascii_letters + "."


def _abbreviation_dot(text: str, dot: int, abbrev: frozenset[str],
                      para_starts: Container[int] = ()) -> bool:
    """True when the lone full stop at ``dot`` closes an abbreviation ("Mr.", "e.g.") or an
    initial ("J."), so it ends no sentence. ``para_starts``: offsets where paragraphs start
    (no word before the dot is looked for across a paragraph's start).

    Example:
        >>> abbrev = load_words("abbreviations.txt")
        >>> [_abbreviation_dot(t, t.index(". "), abbrev) for t in ["Mr. X", "J. X", "Jo. X", "U.S. X"]]
        [True, True, False, False]
    """
    # a word of at least 7 lower-case letters before the dot is no abbreviation
    # (the longest listed is 6): skip the look-back for most sentence ends
    tail = text[dot - 7:dot] if dot >= 7 else ""
    if tail.isalpha() and tail.islower():
        return False
    # the word before the dot, from the 12 characters before it: the run of letters and
    # dots just before the dot (or before a line break there), from its first letter
    window = text[max(0, dot - 12):dot]
    if window[-1:] == "\n":
        if dot in para_starts:
            return False  # the dot opens a paragraph: nothing before it to look at
        window = window[:-1]
    word = window[len(window.rstrip(_WORD_CHARS)):].lstrip(".").lower()
    if not word:
        return False
    return word in abbrev or (len(word) == 1 and text[dot - 1].isupper())


def sentence_breaks(text: str, lowercase: bool = False,
                    para_starts: Container[int] = ()) -> tuple[list[int], list[int]]:
    """Every sentence break in ``text``: the offsets where a sentence ends (``ends``) and
    where the next one starts (``starts``, past the white space).

    A paragraph's sentences are cut at the breaks strictly inside it, exactly as the
    per-paragraph cutter in ``tests/sentence_reference.py`` cuts them, given the offsets where paragraphs start
    (``para_starts``, looked up only for a full stop after a line break): every paragraph
    starts at the text's start or after white space, so no other rule here looks across a
    paragraph's edge. Breaks at a paragraph's end or in a scene-break line are for the
    caller to drop; in cased text, those before a blank line are left out already.

    Example:
        >>> t = 'Mr. Bennet sat. "Stop!" she said.\\n\\nHe left.'
        >>> sentence_breaks(t)
        ([15], [16])
        >>> sentence_breaks(t.lower(), lowercase=True)
        ([15, 33], [16, 35])
    """
    abbrev = load_words("abbreviations.txt")
    if lowercase:
        return _lowercase_breaks(text, abbrev, para_starts)
    ends: list[int] = []
    starts: list[int] = []
    for finder in _CASED_FINDERS:
        found = list(finder.finditer(text))
        if not found:
            continue
        cut = list(map(_Match.start, found, repeat(1, len(found))))
        nxt = list(map(_Match.end, found))
        if finder is _CASED_FINDERS[0]:  # full stops: test the few that may close "Mr."
            # (in a match longer than one dot, text[c - 2] is a mark or a closer, which no
            # entry of ``one`` or ``three`` has there: only lone dots are picked)
            one, three = _suspect_tails()
            drop = [i for i, c in enumerate(cut) if (text[c - 2] in one or text[c - 3:c] in three)
                    and _abbreviation_dot(text, c - 1, abbrev, para_starts)]
            for i in reversed(drop):
                del cut[i], nxt[i]
        ends += cut
        starts += nxt
    ends.sort()  # the four marks' runs: one merge (disjoint matches, so both sort alike)
    starts.sort()
    return ends, starts


def _lowercase_breaks(text: str, abbrev: frozenset[str],
                      para_starts: Container[int]) -> tuple[list[int], list[int]]:
    """:func:`sentence_breaks` for text without capitals: a full stop before white space
    ends a sentence unless it closes an abbreviation."""
    ends: list[int] = []
    starts: list[int] = []
    for m in _END_GAP.finditer(text):
        punct = m.group()
        if _NEXT_OK.match(text, m.end()) is None:
            if not (punct[0] in ".?!" and punct[-1] in ".!?…"):
                continue
        if punct == "." and _abbreviation_dot(text, m.start(), abbrev, para_starts):
            continue
        ends.append(m.end())
        starts.append(m.end(1))
    return ends, starts
