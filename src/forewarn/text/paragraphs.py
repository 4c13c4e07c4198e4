"""Paragraphs and scenes of one chapter's text, with offsets.

A paragraph is a block between blank lines; inside a block, lines are joined when they look
hard-wrapped (Project Gutenberg style, ~70 characters) and split otherwise (one paragraph a
line, as many fan-fiction files are). Scene-break lines end a scene and are no paragraph.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from forewarn.text.scenes import is_scene_break

#: Blank lines between blocks.
_GAP = re.compile(r"\n(?:[^\S\n]*\n)+")
#: Space next to a line break: line lengths then need stripping.
_EDGE_SPACE = re.compile(r"\n(?:(?=[^\S\n])|(?<=[^\S\n]\n))")  # a literal first: fast
#: The start of a line that may be a scene break: one that opens with a symbol (not a
#: quote mark or bracket), "ooo",
#: "o o", "scene", "break" or "line". Lines without it never are (see ``is_scene_break``).
#: Searched in "\n" + block; starting with a literal keeps the search fast.
_MAYBE_BREAK = re.compile(r"\n[^\S\n]*(?:[^\w\s\"“”'‘’…(){}\[\]]|[oOxX0]{3}|[oO][^\S\n]*[oO]|"
                          r"[sS][cC][eE][nN][eE]|[bB][rR][eE][aA][kK]|[lL][iI][nN][eE])")
WRAP_MIN, WRAP_MAX = 40, 100


def _wrapped_lengths(lengths: list[int]) -> bool:
    """True when lines of these lengths (all but a block's last) read as hard-wrapped."""
    if not lengths:
        return False
    ordered = sorted(lengths)
    in_range = bisect_right(ordered, WRAP_MAX) - bisect_left(ordered, WRAP_MIN)
    return in_range >= 0.6 * len(ordered) and ordered[-1] <= WRAP_MAX + 20


def _wrapped(lines: list[tuple[int, int]], text: str) -> bool:
    """True when a multi-line block of ``(start, end)`` lines reads as one hard-wrapped
    paragraph."""
    return _wrapped_lengths([e - s for s, e in lines[:-1]])


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
