"""Paragraphs and scenes of one chapter's text, with offsets.

A paragraph is a block between blank lines; inside a block, lines are joined when they look
hard-wrapped (Project Gutenberg style, ~70 characters) and split otherwise (one paragraph a
line, as many fan-fiction files are). Scene-break lines end a scene and are no paragraph.
"""
from __future__ import annotations

import re

from forewarn.text.scenes import is_scene_break

_LINE = re.compile(r"[^\S\n]*(\S[^\n]*)")
WRAP_MIN, WRAP_MAX = 40, 100


def _wrapped(lines: list[tuple[int, int]], text: str) -> bool:
    """True when a multi-line block reads as one hard-wrapped paragraph."""
    lengths = [e - s for s, e in lines[:-1]]
    if not lengths:
        return False
    in_range = sum(WRAP_MIN <= n <= WRAP_MAX for n in lengths)
    return in_range >= 0.6 * len(lengths) and max(lengths) <= WRAP_MAX + 20


def split_paragraphs(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, is_scene_break)`` for every paragraph or scene break, in order.

    Offsets exclude surrounding whitespace.

    Example:
        >>> t = "It rained.\\nShe left.\\n\\n* * *\\n\\nMorning."
        >>> [(t[s:e], brk) for s, e, brk in split_paragraphs(t)]
        [('It rained.', False), ('She left.', False), ('* * *', True), ('Morning.', False)]
    """
    out: list[tuple[int, int, bool]] = []
    block: list[tuple[int, int]] = []

    def flush() -> None:
        if not block:
            return
        if len(block) > 1 and _wrapped(block, text) and not any(
                is_scene_break(text[s:e]) for s, e in block):
            out.append((block[0][0], block[-1][1], False))
        else:
            for s, e in block:
                out.append((s, e, is_scene_break(text[s:e])))
        block.clear()

    prev_end = 0
    for m in _LINE.finditer(text):
        start = m.start(1)
        end = start + len(m.group(1).rstrip())
        if block and text.count("\n", prev_end, start) >= 2:
            flush()
        block.append((start, end))
        prev_end = end
    flush()
    return out
