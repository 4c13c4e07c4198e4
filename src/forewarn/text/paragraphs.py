"""Paragraphs and scenes of one chapter's text, with offsets.

A paragraph is a block between blank lines; inside a block, lines are joined when they look
hard-wrapped (Project Gutenberg style, ~70 characters) and split otherwise (one paragraph a
line, as many fan-fiction files are). Scene-break lines end a scene and are no paragraph.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate, compress
from operator import add, not_, sub

from forewarn.cache import compile_regex
from forewarn.text.scenes import BREAK_LETTERS, is_scene_break

#: Blank lines between blocks.
_GAP = compile_regex(r"\n(?:[^\S\n]*\n)+")
#: Space next to a line break: line lengths then need stripping.
_EDGE_SPACE = compile_regex(r"\n(?:(?=[^\S\n])|(?<=[^\S\n]\n))")  # a literal first: fast
#: The start of a line that may be a scene break: one that opens with a symbol (not a
#: quote mark or bracket), "ooo",
#: "o o", "scene", "break" or "line". Lines without it never are (see ``is_scene_break``).
#: Searched in "\n" + a block or a whole text; starting with a literal keeps the search fast.
_MAYBE_BREAK = compile_regex(r"\n[^\S\n]*(?:[^\w\s\"“”'‘’…(){}\[\]]|[oOxX0]{3}|[oO][^\S\n]*[oO]|"
                          r"[sS][cC][eE][nN][eE]|[bB][rR][eE][aA][kK]|[lL][iI][nN][eE])")
WRAP_MIN, WRAP_MAX = 40, 100
_START = re.Match.start
#: Blank lines between blocks, captured: ``re.split`` then yields blocks and gaps.
_GAP_SPLIT = compile_regex(r"(\n(?:[^\S\n]*\n)+)")
#: A block that is one paragraph at first sight (no blank line, no edge space inside):
#: a single line opening with a character no scene break opens with (quote marks and
#: brackets, letters and digits other than ``BREAK_LETTERS``; see ``is_scene_break``), or
#: lines but the last of WRAP_MIN..WRAP_MAX characters with no space at either end
#: (hard-wrapped), which is one paragraph when none of them may be a scene break. One match instead of splitting and measuring lines (most blocks of a book).
#: (Possessive repeats: a line that does not fit fails at once, without backtracking.)
_PLAIN_BLOCK = compile_regex(
    rf"(?:\S[^\n]{{{WRAP_MIN - 1},{WRAP_MAX - 1}}}+(?<=\S)\n)++[^\n]*"
    rf"|(?:[\"“”'‘’…(){{}}\[\]]|(?![_{BREAK_LETTERS}])\w)[^\n]*+")


def _wrapped_lengths(lengths: list[int]) -> bool:
    """True when lines of these lengths (all but a block's last) read as hard-wrapped."""
    if not lengths:
        return False
    ordered = sorted(lengths)
    in_range = bisect_right(ordered, WRAP_MAX) - bisect_left(ordered, WRAP_MIN)
    return in_range >= 0.6 * len(ordered) and ordered[-1] <= WRAP_MAX + 20


def split_paragraphs(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, is_scene_break)`` for every paragraph or scene break, in order.

    Offsets exclude surrounding whitespace. Blocks are found with one regex pass; only
    blocks that are not hard-wrapped are cut line by line.

    Example:
        >>> t = "It rained.\\nShe left.\\n\\n* * *\\n\\nMorning."
        >>> [(t[s:e], brk) for s, e, brk in split_paragraphs(t)]
        [('It rained.', False), ('She left.', False), ('* * *', True), ('Morning.', False)]
    """
    out: list[tuple[int, int, bool]] = []
    pos = 0
    for gap in _GAP.finditer(text):
        _block(text, pos, gap.start(), out)
        pos = gap.end()
    _block(text, pos, len(text), out)
    return out


def paragraph_spans(text: str) -> tuple[list[int], list[int], list[int], list[int]]:
    """The paragraphs of :func:`split_paragraphs` as lists: their starts, their ends, their
    scene numbers (a scene break ends a scene that has paragraphs), and the starts of the
    scene-break lines.

    Example:
        >>> paragraph_spans("It rained.\\nShe left.\\n\\n* * *\\n\\nMorning.")
        ([0, 11, 29], [10, 20, 37], [0, 0, 1], [22])
    """
    # every block is measured with C-level map() calls; only the blocks that are not
    # plainly one paragraph (see _PLAIN_BLOCK) are looked at one by one
    pieces = _GAP_SPLIT.split(text)  # block, gap, block, ..., block: no match objects
    offsets = [0]
    offsets += accumulate(map(len, pieces))
    segs = pieces[::2]
    los = offsets[::2]
    rests = list(map(str.lstrip, segs))
    blocks = list(map(str.rstrip, rests))
    all_starts = list(map(sub, map(add, los, map(len, segs)), map(len, rests)))
    all_ends = list(map(add, all_starts, map(len, blocks)))
    odd = set(compress(range(len(blocks)), map(not_, map(_PLAIN_BLOCK.fullmatch, blocks))))
    # blocks holding a line that may be a scene break (offsets of such lines' starts)
    odd.update(bisect_right(los, m) - 1 for m in map(_START, _MAYBE_BREAK.finditer("\n" + text)))
    if not odd:
        return all_starts, all_ends, [0] * len(all_starts), []
    return _with_odd_blocks(text, sorted(odd), los, segs, all_starts, all_ends)


def _with_odd_blocks(text: str, odd: list[int], los: list[int], segs: list[str],
                     all_starts: list[int], all_ends: list[int]
                     ) -> tuple[list[int], list[int], list[int], list[int]]:
    """:func:`paragraph_spans`' lists when the blocks ``odd`` (indexes, in order) are not
    plainly one paragraph: those are cut line by line (``_block``), the runs of blocks
    between them are taken as they are."""
    starts: list[int] = []
    ends: list[int] = []
    scenes: list[int] = []
    breaks: list[int] = []
    scene = 0
    done = 0
    for i in odd:
        starts += all_starts[done:i]
        ends += all_ends[done:i]
        scenes += [scene] * (i - done)
        done = i + 1
        out: list[tuple[int, int, bool]] = []
        _block(text, los[i], los[i] + len(segs[i]), out)
        for s, e, is_break in out:
            if is_break:
                if scenes and scenes[-1] == scene:
                    scene += 1
                breaks.append(s)
            else:
                starts.append(s)
                ends.append(e)
                scenes.append(scene)
    starts += all_starts[done:]
    ends += all_ends[done:]
    scenes += [scene] * (len(all_starts) - done)
    return starts, ends, scenes, breaks


def _maybe_break(block: str) -> bool:
    """True when some line of the block is a scene break."""
    for m in _MAYBE_BREAK.finditer("\n" + block):
        line_end = block.find("\n", m.start())
        if is_scene_break(block[m.start():line_end if line_end != -1 else len(block)]):
            return True
    return False


def _block(text: str, lo: int, hi: int, out: list[tuple[int, int, bool]]) -> None:
    """Append the paragraphs of the block ``text[lo:hi]`` (no blank line inside)."""
    seg = text[lo:hi]
    block = seg.strip()
    if not block:
        return
    start = lo + len(seg) - len(seg.lstrip())
    if "\n" not in block:
        out.append((start, start + len(block), is_scene_break(block)))
        return
    lines = block.split("\n")
    if _EDGE_SPACE.search(block) is None and "\r" not in block:
        lengths = list(map(len, lines[:-1]))  # no space to strip: the common case
    else:
        lengths = [len(ln.strip()) for ln in lines[:-1]]
    if _wrapped_lengths(lengths) and not _maybe_break(block):
        out.append((start, start + len(block), False))
        return
    pos = start
    for ln in lines:
        s = ln.strip()
        if s:
            b = pos + len(ln) - len(ln.lstrip())
            out.append((b, b + len(s), is_scene_break(s)))
        pos += len(ln) + 1
