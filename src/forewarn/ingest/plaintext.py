"""Plain text (.txt, .md) → Work: title, author's notes at start and end, chapters.

The text is cut into *blocks* (runs of lines between blank lines; in a text without blank
lines every line is a block). Chapter headings are single-line blocks ("Chapter 3",
"Chapter Three: The Party", "CHAPTER III", "3.", "Part II", "Prologue", "Epilogue"); an
author's note is a run of blocks at the start or end that opens with a marker ("AN:",
"A/N", "Author's Note", "Notes:", "TW:", "CW:", "Content warning(s)", "Disclaimer:").
Scene-break lines stay in the chapter text: segmentation finds them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress
from operator import not_
from functools import lru_cache

from forewarn.cache import compile_regex
from forewarn.text.data_files import load_toml
from forewarn.text.scenes import is_scene_break
from forewarn.work import Chapter, Note, Work

MAX_HEADING_CHARS = 80
NOTE_SEARCH_BLOCKS = 6
END_NOTE_BLOCKS = 5


class _Block:
    """A run of lines between blank lines. Its text is joined only when read: most blocks
    are story paragraphs that the chapter cutter needs only the line indices of."""

    __slots__ = ("first", "last", "gap", "_lines", "_text")

    def __init__(self, first: int, last: int, gap: int, lines: list[str]) -> None:
        self.first = first  # first line index
        self.last = last    # last line index (inclusive)
        self.gap = gap      # blank lines before the block
        self._lines = lines
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            if self.first == self.last:
                self._text = self._lines[self.first].strip()
            else:
                self._text = "\n".join(self._lines[self.first:self.last + 1]).strip()
        return self._text

    @property
    def one_line(self) -> bool:
        return self.first == self.last


@dataclass
class _Patterns:
    chapter: re.Pattern[str]
    part: re.Pattern[str]
    special: re.Pattern[str]
    number: re.Pattern[str]
    note: re.Pattern[str]
    end_note: re.Pattern[str]
    vocabulary: frozenset[str]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    data = load_toml("headings.toml")
    words = "|".join(data["number_words"])
    num = rf"(?:\d{{1,4}}|[ivxlcdm]{{1,8}}|(?:{words})(?:[\s\-]+(?:{words}))*)"
    title = r"(?:\s*[:.\-–—]\s*(?P<title>.*\S)?|\s*\((?P<ptitle>[^)]*)\))?"
    chap = "|".join(data["chapter_words"])
    part = "|".join(data["part_words"])
    special = "|".join(data["special_headings"])
    return _Patterns(
        chapter=compile_regex(rf"^(?:{chap})\.?\s+{num}{title}$", re.I),
        part=compile_regex(rf"^(?:{part})\s+{num}{title}$", re.I),
        special=compile_regex(rf"^(?:{special}){title}$", re.I),
        number=compile_regex(r"^(?:\d{1,3}|[IVXLC]{1,7})\.?$"),
        note=compile_regex(r"^\W{0,3}(?:" + "|".join(data["note_markers"]) + ")", re.I),
        end_note=compile_regex(r"^\W{0,3}(?:" + "|".join(data["note_markers"] + data["end_note_markers"]) + ")", re.I),
        vocabulary=frozenset(data["note_vocabulary"]),
    )


def _blocks(lines: list[str]) -> list[_Block]:
    """The blocks of right-stripped ``lines``: runs of lines between blank lines, or every
    line on its own when the text has no blank line.

    Example:
        >>> [(b.first, b.last, b.gap) for b in _blocks(["", "a", "b", "", "", "c"])]
        [(1, 2, 1), (5, 5, 2)]
    """
    n = len(lines)
    if "" not in lines:
        return [_Block(i, i, 0, lines) for i in range(n)]
    # the blank lines' indices, found by C-level iteration (a novel has a million lines)
    blanks = list(compress(range(n), map(not_, lines)))
    blanks.append(n)
    blocks: list[_Block] = []
    gap, prev = 0, -1
    for b in blanks:
        if b > prev + 1:
            blocks.append(_Block(prev + 1, b - 1, gap, lines))
            gap = 0
        gap += 1
        prev = b
    return blocks


def _heading(block: _Block, numbered_ok: bool) -> tuple[bool, str | None]:
    """(is a heading, its title) for a one-line block."""
    if block.first != block.last or len(block._lines[block.first]) > 2 * MAX_HEADING_CHARS \
            or len(block.text) > MAX_HEADING_CHARS:
        return False, None  # a story paragraph (the common case), cut off before stripping
    s = block.text.strip().strip("*_#=").strip()
    p = _patterns()
    for pat in (p.chapter, p.part, p.special):
        m = pat.match(s)
        if m:
            return True, s
    if numbered_ok and p.number.match(s):
        return True, s
    return False, None


def _subtitle(block: _Block) -> bool:
    """A short line under a bare heading that names the chapter ("In Chancery")."""
    if not block.one_line:
        return False
    t = block.text
    return (len(t) <= 60 and t[:1].isupper()
            and not t.endswith((".", "!", "?", '"', "”", "’", ",", ";", ":"))
            and not is_scene_break(t))


def _is_note_start(block: _Block, end: bool = False) -> bool:
    p = _patterns()
    return bool((p.end_note if end else p.note).match(block.text))


def _note_like(block: _Block) -> bool:
    words = re.findall(r"[a-z0-9']+", block.text.lower())
    return 0 < len(words) <= 80 and any(w in _patterns().vocabulary for w in words)


def _start_note_end(blocks: list[_Block], k: int) -> int:
    """Index one past the last block of a note that opens at block ``k``."""
    limit = min(len(blocks), k + NOTE_SEARCH_BLOCKS)
    for j in range(k + 1, limit):
        b = blocks[j]
        if b.gap >= 2 or is_scene_break(b.text) or _heading(b, False)[0]:
            return j
    j = k + 1
    while j < limit and _note_like(blocks[j]) and j < len(blocks) - 1:
        j += 1
    return j


def parse_text(text: str, label: str = "<text>") -> Work:
    """Parse plain story text into a :class:`~forewarn.work.Work`.

    Example:
        >>> w = parse_text("A/N: thanks to my beta!\\n\\nChapter 1\\n\\nIt rained.\\n\\n"
        ...                "Chapter 2: After\\n\\nIt stopped.")
        >>> [c.title for c in w.chapters], w.notes[0].kind
        (['Chapter 1', 'Chapter 2: After'], 'notes')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = list(map(str.rstrip, text.split("\n")))
    blocks = _blocks(lines)
    work = Work(source_format="text")
    if not blocks:
        return work
    numbered_ok = _numbered_headings_ok(blocks)

    lo, hi = 0, len(blocks)
    # Title (and "by Author") lines at the very top.
    if hi - lo > 2 and _looks_like_title(blocks[0]) and not _heading(blocks[0], numbered_ok)[0] \
            and not _is_note_start(blocks[0]):
        work.title = blocks[0].text.strip("*_# ")
        lo = 1
        m = re.match(r"^by\s+(.{1,60})$", blocks[1].text, re.I)
        if m and blocks[1].one_line:
            work.authors = [a.strip() for a in re.split(r",|&| and ", m.group(1)) if a.strip()]
            lo = 2
    # Author's note at the start.
    if lo < hi and _is_note_start(blocks[lo]):
        end = _start_note_end(blocks, lo)
        if end < hi:
            work.notes.append(Note("notes", "\n\n".join(b.text for b in blocks[lo:end])))
            lo = end
    # Author's note at the end.
    for j in range(max(lo + 1, hi - END_NOTE_BLOCKS), hi):
        if _is_note_start(blocks[j], end=True):
            work.notes.append(Note("end-notes", "\n\n".join(b.text for b in blocks[j:hi])))
            hi = j
            break

    work.chapters = _chapters(lines, blocks[lo:hi], numbered_ok)
    return work


def _looks_like_title(block: _Block) -> bool:
    if not block.one_line:
        return False
    t = block.text
    return (len(t) <= 80 and len(t.split()) <= 12
            and not t.endswith((".", "!", "?", ",", ";", '"', "”", "’", "'"))
            and not is_scene_break(t) and t[:1] not in "\"“‘'")


def _numbered_headings_ok(blocks: list[_Block]) -> bool:
    """Bare numbers ("1.", "II") count as headings only when they form a sequence from 1."""
    num = _patterns().number
    found = [b.text.strip().rstrip(".") for b in blocks
             if b.one_line and len(b.text) <= 6 and num.match(b.text.strip())]
    return len(found) >= 2 and found[0] in ("1", "I", "0")


def _chapters(lines: list[str], blocks: list[_Block], numbered_ok: bool) -> list[Chapter]:
    if not blocks:
        return []
    marks: list[tuple[int, str | None, int]] = []  # (block index of body start, title, heading idx)
    i = 0
    while i < len(blocks):
        is_head, title = _heading(blocks[i], numbered_ok)
        if is_head:
            body = i + 1
            bare = title is not None and not re.search(r"[:.\-–—(]\s*\S", title.split(None, 2)[-1] if len(title.split()) > 2 else "")
            if bare and body < len(blocks) and _subtitle(blocks[body]) and \
                    not _heading(blocks[body], numbered_ok)[0] and body + 1 < len(blocks):
                title = f"{title}: {blocks[body].text}"
                body += 1
            marks.append((body, title, i))
            i = body
            continue
        i += 1

    def text_of(a: int, b: int) -> str:
        if a >= b:
            return ""
        return "\n".join(lines[blocks[a].first:blocks[b - 1].last + 1]).strip("\n")

    chapters: list[Chapter] = []
    first_head = marks[0][2] if marks else len(blocks)
    pre = text_of(0, first_head)
    if pre.strip() and (not marks or len(pre.split()) >= 30):
        chapters.append(Chapter(pre, None))
    for n, (body, title, _head) in enumerate(marks):
        end = marks[n + 1][2] if n + 1 < len(marks) else len(blocks)
        body_text = text_of(body, end)
        if _is_empty_chapter(body_text):
            continue
        chapters.append(Chapter(body_text, title))
    if not chapters and pre.strip():
        chapters.append(Chapter(pre, None))
    return chapters


def _is_empty_chapter(text: str) -> bool:
    """A heading with nothing under it (a table of contents line) is not a chapter."""
    return not text.strip()
