"""Quoted speech in one chapter: "straight", “curly”, 'single' and ‘curly single’ quotes.

Apostrophes (don't, Luka's, 'em, rock 'n' roll, the boys' room) never open or close a quote.
Speech that runs over several paragraphs (each opening with a quote mark, only the last
closed) is one quote. Nested quotes of the other family are part of the outer quote.
"""
from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from functools import lru_cache

from forewarn.cache import compile_regex
from forewarn.text.data_files import load_words
from forewarn.text.document import Paragraph, Quote

_OPEN_BEFORE = set(" \t\n([{—–-/…")
_ELISION = compile_regex(r"([a-z]+(?:'[a-z]+)?)\b|(\d0s|\d\ds)\b")
DOUBLE, SINGLE = "double", "single"


def _family(ch: str) -> str:
    return DOUBLE if ch in "\"“”" else SINGLE


def _is_elision(text: str, i: int) -> bool:
    m = _ELISION.match(text, i + 1)
    if not m:
        return False
    if m.group(2):
        return True
    word = m.group(1)
    if word not in load_words("elisions.txt"):
        return False
    # 'n' only as in rock 'n' roll: followed by a closing apostrophe.
    if word == "n":
        return text[i + 2:i + 3] in ("'", "’")
    return True


def _can_open(text: str, i: int, lo: int) -> bool:
    ch = text[i]
    if ch == "”":
        return False
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return ch == "“"
    if ch in "\"“":
        return True
    if ch == "’" and before.isalnum():
        return False
    if not (before in _OPEN_BEFORE or before in "\"“”"):
        return False
    return not _is_elision(text, i)


def _strong_close(text: str, i: int) -> bool:
    """A closing single quote right after punctuation ('Thanks,' / 'Go!')."""
    return text[i - 1] in ",.!?…—–-;:"


_DASH_OPEN = "—―"
#: Dash-introduced paragraphs needed (and outnumbering quote marks) before a chapter is
#: read as dash dialogue (Joyce: "—Come up, Kinch!").
MIN_DASH_LINES = 3
_DASH_ATTR: re.Pattern[str] | None = None


def _dash_attribution() -> re.Pattern[str]:
    global _DASH_ATTR
    if _DASH_ATTR is None:
        verbs = "|".join(sorted(load_words("dash_speech_verbs.txt"), key=len, reverse=True))
        who = r"(?:he|she|I|they|we|you|[A-Z][\w'’]+(?:[ \t\n][A-Z][\w'’]+){0,2})"
        _DASH_ATTR = re.compile(
            rf"(?<=[.!?,;:…])[ \t\n]+(?:{who}[ \t\n]+(?:\w+ly[ \t\n]+)?(?:{verbs})"
            rf"|(?:{verbs})[ \t\n]+{who})\b[^.!?:]{{0,60}}?[.:,]")
    return _DASH_ATTR


def _dash_line(text: str, p: Paragraph) -> bool:
    """A paragraph opening with a dash ("—Come up" or "--What is your name?")."""
    if p.end - p.start < 2:
        return False
    ch = text[p.start]
    if ch in _DASH_OPEN:
        return text[p.start + 1] not in _DASH_OPEN
    return text.startswith("--", p.start) and text[p.start + 2] not in "-—" and not text[p.start + 2].isspace()


def find_dash_quotes(text: str, paragraphs: list[Paragraph]) -> list[Quote]:
    """Speech introduced by a dash at the start of a paragraph, up to an attribution
    ("he said sternly.") or the paragraph's end; the words after the attribution are
    speech again.

    Example:
        >>> from forewarn.text.document import Paragraph
        >>> t = "—Back to barracks! he said sternly. Go on."
        >>> [t[q.start:q.end] for q in find_dash_quotes(t, [Paragraph(0, 0, len(t), 0)])]
        ['—Back to barracks!', 'Go on.']
        >>> t = "—That fellow, said Buck Mulligan, says you are mad."
        >>> [t[q.start:q.end] for q in find_dash_quotes(t, [Paragraph(0, 0, len(t), 0)])]
        ['—That fellow,', 'says you are mad.']
    """
    out: list[Quote] = []
    attr = _dash_attribution()
    for p in paragraphs:
        if not _dash_line(text, p):
            continue
        start = p.start
        m = attr.search(text, start + 1, p.end)
        if m is None:
            out.append(Quote(start, p.end, start + 1, p.end, p.index, p.index, "dash"))
            continue
        out.append(Quote(start, m.start(), start + 1, m.start(), p.index, p.index, "dash"))
        rest = m.end()
        while rest < p.end and text[rest].isspace():
            rest += 1
        if rest < p.end:
            out.append(Quote(rest, p.end, rest, p.end, p.index, p.index, "dash"))
    return out


#: One regex per quote mark, each starting with its literal (found with a fast string search;
#: a character class is tested at every character and was 4x slower). Single quotes
#: between two word characters are apostrophes and do not match.
_MARK_FINDERS = tuple([re.compile(re.escape(c)) for c in "\"“”"]
                      + [re.compile(rf"{c}(?:(?<!\w{c})|(?!\w))") for c in "'‘’"])
_START = re.Match.start


def _candidates(text: str) -> list[int]:
    """Offsets of quote marks that may open or close speech: every double quote, and the
    single quotes that do not stand between two word characters (those are apostrophes).

    Example:
        >>> _candidates("'Don't,' he said. “Go.”")
        [0, 7, 18, 22]
    """
    marks: list[int] = []
    for finder in _MARK_FINDERS:
        marks += map(_START, finder.finditer(text))
    marks.sort()  # six sorted runs: one merge
    return marks


def find_quotes(text: str, paragraphs: list[Paragraph]) -> list[Quote]:
    """All quotes in a chapter, in order.

    Example:
        >>> from forewarn.text import segment_text
        >>> ch = segment_text("'Thanks,' the woman mutters. 'The boys' room is there.'").chapters[0]
        >>> [ch.span_text(q) for q in ch.quotes]
        ["'Thanks,'", "'The boys' room is there.'"]
    """
    quotes: list[Quote] = []
    starts = [p.start for p in paragraphs]
    marks = _candidates(text)
    if marks and paragraphs:
        _pair_marks(text, paragraphs, starts, marks, quotes)
    dash_lines = 0
    if any(map(_DASH_FIRST.__contains__, map(text.__getitem__, starts))):  # rarely true
        dash_lines = sum(1 for p in paragraphs if _dash_line(text, p))
    if dash_lines >= MIN_DASH_LINES and dash_lines > len(quotes):
        return find_dash_quotes(text, paragraphs)
    # a quote opening its paragraph is never a mention: skip the call for those
    return [q for q in quotes
            if q.start == starts[q.paragraph] or not _is_mention(text, q, starts[q.paragraph])]


_DASH_FIRST = frozenset(_DASH_OPEN + "-")


def _pair_marks(text: str, paragraphs: list[Paragraph], starts: list[int], marks: list[int],
                quotes: list[Quote]) -> None:
    """Pair the quote marks ``marks`` paragraph by paragraph into ``quotes``; only the
    paragraphs holding a mark are visited (speech carried on into the next paragraph
    needs a mark at its start, so none is skipped)."""
    carry: tuple[int, str, int] | None = None  # (start, family, first paragraph)
    n_marks = len(marks)
    last = len(text) - 1
    j = 0
    while j < n_marks:
        n = bisect_right(starts, marks[j]) - 1
        if n < 0:
            j = bisect_left(marks, starts[0], j)
            continue
        p = paragraphs[n]
        if marks[j] >= p.end:  # marks between paragraphs (a scene-break line)
            j = bisect_left(marks, starts[n + 1], j) if n + 1 < len(starts) else n_marks
            continue
        p_start, p_end, p_index = p.start, p.end, p.index
        hi = bisect_left(marks, p_end, j)
        cands = marks[j:hi]
        j = hi
        k0 = 0
        open_at: tuple[int, str, int] | None = None
        if carry is not None:
            if cands and cands[0] == p_start and _family(text[p_start]) == carry[1]:
                open_at, k0 = carry, 1
            else:
                _close_unterminated(text, quotes, carry, paragraphs[n - 1])
        carry = None
        # this loop runs once per quote mark: the double-quote tests of _can_open are
        # written out, and so is when a mark closes (a double closes a double; a single
        # closes a single when it follows no white space)
        for k in range(k0, len(cands)):
            i = cands[k]
            ch = text[i]
            if open_at is None:
                if ch in "\"“":
                    if ch == "“" or (i < last and not text[i + 1].isspace()):
                        open_at = (i, DOUBLE, p_index)
                elif ch != "”" and _can_open(text, i, p_start):
                    open_at = (i, SINGLE, p_index)
            elif open_at[1] == DOUBLE:
                if ch in "\"”" and i > open_at[0]:
                    start, first = open_at[0], open_at[2]
                    quotes.append(Quote(start, i + 1, start + 1, i, first, p_index, DOUBLE))
                    open_at = None
            elif ch in "'’" and i > open_at[0] and not text[i - 1].isspace():
                if not _strong_close(text, i) and _better_close_ahead(text, cands, k, p_end):
                    continue
                start, first = open_at[0], open_at[2]
                quotes.append(Quote(start, i + 1, start + 1, i, first, p_index, SINGLE))
                open_at = None
        if open_at is not None:
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt is not None and nxt.start < len(text) and text[nxt.start] in "\"“'‘" \
                    and _family(text[nxt.start]) == open_at[1] and _solid_opener(text, open_at, p):
                carry = open_at
            else:
                _close_unterminated(text, quotes, open_at, p)
    if carry is not None:
        _close_unterminated(text, quotes, carry, paragraphs[-1])


#: Words a quoted phrase in running narration may have before it treated as a mention
#: (a name, a title, a word in scare quotes), not as speech.
MENTION_MAX_WORDS = 3
_ASCII_LETTERS = frozenset(string.ascii_letters)


def _after_word(text: str, lo: int, hi: int) -> bool:
    """True when ``text[lo:hi]`` ends with a letter and white space (the regex
    ``[A-Za-z][ \\t\\n]+$``, without its search from every offset).

    Example:
        >>> _after_word("the grain “elevator”", 0, 10), _after_word("she said, “Go”", 0, 10)
        (True, False)
    """
    before = text[lo:hi]
    word_end = before.rstrip(" \t\n")
    return len(word_end) < len(before) and word_end[-1:] in _ASCII_LETTERS


def _is_mention(text: str, q: Quote, para_start: int) -> bool:
    """A short quoted phrase inside a sentence of narration, right after a word: the grain
    “elevator”, the words ‘DRINK ME’, known as “quite a scene,” — not speech. Still speech
    after a speech verb (who said “Exactly”) and when it exclaims or asks (“Go!”).

    Example:
        >>> from forewarn.text import segment_text
        >>> ch = segment_text('The station had a grain “elevator” by it. She said “Exactly.”').chapters[0]
        >>> [ch.span_text(q) for q in ch.quotes]
        ['“Exactly.”']
    """
    if q.start == para_start or q.style == "dash":
        return False
    # tested first (the tests are independent): most quotes inside a paragraph follow
    # punctuation, not a word
    if not _after_word(text, max(para_start, q.start - 40), q.start):
        return False
    inner = text[q.inner_start:q.inner_end].strip()
    if not inner or len(inner.split()) > MENTION_MAX_WORDS or inner[-1] in "!?—–-…":
        return False
    # words said or written (Mary said they were "full of lace."): speech, not a mention
    clause = re.split(r"[.!?;:]", text[max(para_start, q.start - 60):q.start])[-1]
    verbs = _intro_verbs()
    return not any(w.strip(",—–-").lower() in verbs for w in clause.split()[-5:])


#: "called" names (a place called “the house”), it does not introduce speech.
_NAMING = frozenset({"call", "calls", "called", "calling"})


@lru_cache(maxsize=1)
def _intro_verbs() -> frozenset[str]:
    """Verbs that introduce a quoted word as speech ("said", "whispered", "cried" …)."""
    return (load_words("dash_speech_verbs.txt")
            | load_words("speech_verbs.txt", "forewarn.story.data")) - _NAMING


def _solid_opener(text: str, open_at: tuple[int, str, int], p: Paragraph) -> bool:
    """Speech may run into the next paragraph when its opening mark is beyond doubt:
    any double quote, or a single quote at the paragraph start or after a sentence."""
    start, fam, first = open_at
    if fam == DOUBLE or first != p.index or start == p.start:
        return True
    return text[p.start:start].rstrip()[-1:] in (".", "!", "?", ",", ":", ";", "—", "…")


def _better_close_ahead(text: str, cands: list[int], k: int, hi: int) -> bool:
    """Another single closer after punctuation comes before the next likely opener."""
    for i in cands[k + 1:]:
        ch = text[i]
        if ch in "'’" and _strong_close(text, i):
            return True
        before = text[i - 1]
        if ch in "‘'" and before.isspace() and i + 1 < hi and not text[i + 1].isspace() \
                and not _is_elision(text, i):
            return False
    return False


def _close_unterminated(text: str, quotes: list[Quote], open_at: tuple[int, str, int], p: Paragraph) -> None:
    start, fam, first = open_at
    if fam == SINGLE and first == p.index and not _solid_opener(text, open_at, p):
        return  # a stray apostrophe mid-paragraph, not speech
    quotes.append(Quote(start, p.end, start + 1, p.end, first, p.index, fam))
