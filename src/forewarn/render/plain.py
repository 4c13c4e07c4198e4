"""The terminal report without colour, laid out as rich lays it out, without importing rich.

Importing rich costs more than scanning a short story, and a report written to a file or
a pipe has no colour: its text is all that rich's styles leave. :class:`PlainConsole` takes
the same calls as the few rich objects :mod:`forewarn.render.terminal` uses (``Text``,
``Text.assemble``, ``Console.print`` and ``rule``, ``Table.grid``, ``escape``) and gives
the same characters, for text whose every character rich counts as one cell and treats as
no white space but the space: it wraps lines with rich's algorithm (``rich._wrap`` and
``Text.wrap``: words keep their trailing space, a word longer than the line is folded),
draws left-aligned rules and two-column grids. Anything else (other characters, markup,
a grid wider than the page) raises :class:`Unsure`, and the caller renders with rich.

Example:
    >>> con = PlainConsole(width=20)
    >>> con.print(PlainText("one two three four five six"))
    >>> con.rule(PlainText("Facts"))
    >>> print(con.getvalue())
    one two three four 
    five six
    Facts ──────────────
    <BLANKLINE>
"""
from __future__ import annotations

import re
from typing import Any

#: Characters that rich measures as one cell each (its own single-cell ranges: printable
#: ASCII, Latin-1 and Latin Extended, Greek and Cyrillic, box drawing) and the typographic
#: marks stories and the report use; no white space other than the space (so ``\\s``, which
#: rich's wrapping splits on, means the space alone). A test checks them against rich.
SAFE = frozenset(
    [chr(c) for c in range(0x20, 0x7F)]
    + [chr(c) for c in range(0xA1, 0xAD)] + [chr(c) for c in range(0xAE, 0x300)]
    + [chr(c) for c in range(0x370, 0x483)]
    + list("─‐‑‒–—―‘’‚‛“”„‟†‡•…‰′″‹›€™"))
_WORD = re.compile(r"\s*\S+\s*")  # rich._wrap.re_word
_TRAILING_SPACE = re.compile(r"\s+$")
RULE = "─"


class Unsure(Exception):
    """The plain layout cannot promise rich's characters: render with rich."""


def _check(text: str) -> str:
    if not SAFE.issuperset(text):
        raise Unsure(text[:40])
    return text


class PlainText:
    """The plain characters of a rich ``Text`` (styles change nothing without colour)."""

    __slots__ = ("plain",)

    def __init__(self, text: str = "", style: str | None = None) -> None:
        self.plain = text

    @classmethod
    def assemble(cls, *parts: "str | PlainText | tuple[str, str]") -> "PlainText":
        """Like ``Text.assemble``: strings, texts and (string, style) pairs, end to end."""
        out = cls()
        for part in parts:
            out.append(part[0] if isinstance(part, tuple) else part)
        return out

    def append(self, text: "str | PlainText", style: str | None = None) -> "PlainText":
        self.plain += text.plain if isinstance(text, PlainText) else text
        return self

    def append_text(self, text: "PlainText") -> "PlainText":
        return self.append(text)

    def __add__(self, other: "str | PlainText") -> "PlainText":
        return PlainText(self.plain).append(other)


class PlainGrid:
    """``Table.grid(padding=(0, n))`` with columns whose styles change nothing here."""

    def __init__(self, padding: tuple[int, int] = (0, 0)) -> None:
        if len(padding) != 2 or padding[0]:
            raise Unsure("padding")
        self.gap = padding[1]
        self.columns = 0
        self.rows: list[list[str]] = []

    @classmethod
    def grid(cls, padding: tuple[int, int] = (0, 0)) -> "PlainGrid":
        return cls(padding)

    def add_column(self, style: str | None = None) -> None:
        self.columns += 1

    def add_row(self, *cells: Any) -> None:
        self.rows.append([_cell(c) for c in cells])

    def lines(self, width: int) -> list[str]:
        """The grid's lines: each column as wide as its widest line, ``gap`` spaces
        between columns, short cells padded with spaces (below too)."""
        if not self.rows or any(len(r) != self.columns for r in self.rows):
            raise Unsure("grid shape")
        cells = [[c.split("\n") for c in row] for row in self.rows]
        widths = [max(1, max(len(line) for row in cells for line in row[i]))
                  for i in range(self.columns)]
        if sum(widths) + self.gap * (self.columns - 1) > width:
            raise Unsure("grid wider than the page")  # rich would shrink and wrap columns
        out = []
        for row in cells:
            for n in range(max(len(c) for c in row)):
                parts = [(c[n] if n < len(c) else "").ljust(w) for c, w in zip(row, widths)]
                out.append((" " * self.gap).join(parts))
        return out


class _Markup(str):
    """A cell that was escaped: its characters are shown as they are."""


def _cell(value: Any) -> str:
    if isinstance(value, _Markup):
        return _check_lines(str(value))
    if isinstance(value, PlainText):
        return _check_lines(value.plain)
    if isinstance(value, str) and "[" not in value:  # markup without a tag is its text
        return _check_lines(value)
    raise Unsure("cell")


def _check_lines(text: str) -> str:
    for line in text.split("\n"):
        _check(line)
    return text


def escape(text: str) -> str:
    """Like ``rich.markup.escape``: the text is to be shown as it is."""
    if "\\" in text:
        raise Unsure("backslash")  # rich's escaping of backslashes: leave it to rich
    return _Markup(text)


class PlainConsole:
    """The part of ``rich.console.Console`` the report uses, writing plain lines."""

    Text = PlainText
    Table = PlainGrid
    escape = staticmethod(escape)

    def __init__(self, width: int) -> None:
        self.width = width
        self.out: list[str] = []

    def print(self, obj: Any = None) -> None:
        if obj is None:
            self.out.append("")
        elif isinstance(obj, PlainGrid):
            self.out.extend(obj.lines(self.width))
        elif isinstance(obj, PlainText):
            self.out.extend(wrap(_check(obj.plain), self.width))
        elif isinstance(obj, str) and "[" not in obj:  # markup without a tag is its text
            self.out.extend(wrap(_check(obj), self.width))
        else:
            raise Unsure(type(obj).__name__)

    def rule(self, title: PlainText, align: str = "left") -> None:
        text = _check(title.plain)
        if align != "left" or len(text) > self.width - 2:
            raise Unsure("rule")
        self.out.append(text + " " + RULE * (self.width - len(text) - 1))

    def getvalue(self) -> str:
        return "".join(line + "\n" for line in self.out)


def wrap(line: str, width: int) -> list[str]:
    """rich's ``Text.wrap`` of one line of single-cell characters (justify "default",
    overflow "fold"): break offsets from ``rich._wrap.divide_line``, then white space
    beyond the width trimmed and what is still too long cut.

    Example:
        >>> wrap("aa bb cc", 5), wrap("abcdefgh", 3)
        (['aa bb', 'cc'], ['abc', 'def', 'gh'])
    """
    breaks = _divide_line(line, width)
    pieces = [line[a:b] for a, b in zip([0, *breaks], [*breaks, len(line)])]
    out = []
    for piece in pieces:
        if len(piece) > width:  # Text.rstrip_end
            space = _TRAILING_SPACE.search(piece)
            if space is not None:
                piece = piece[:len(piece) - min(len(space.group()), len(piece) - width)]
        out.append(piece[:width])  # Text.truncate, overflow "fold"
    return out


def _divide_line(text: str, width: int) -> list[int]:
    """``rich._wrap.divide_line(text, width, fold=True)`` for single-cell characters."""
    breaks: list[int] = []
    offset = 0
    position = 0
    match = _WORD.match(text, position)
    while match is not None:
        start, end = match.span()
        word = match.group()
        word_length = len(word.rstrip())
        if width - offset >= word_length:
            offset += len(word)
        elif word_length > width:  # fold the word across lines
            folded = [word[i:i + width] for i in range(0, len(word), width)]
            for i, piece in enumerate(folded):
                if start:
                    breaks.append(start)
                if i == len(folded) - 1:
                    offset = len(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
        match = _WORD.match(text, end)
    return breaks
