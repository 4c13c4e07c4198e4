"""Compact number ranges for people: [1, 2, 3, 5] → "1–3, 5"."""
from __future__ import annotations

from typing import Iterable


def chapter_ranges(numbers: Iterable[int]) -> str:
    """Format sorted unique numbers as ranges.

    Example:
        >>> chapter_ranges([5, 1, 2, 3])
        '1–3, 5'
    """
    nums = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else f"{nums[i]}–{nums[j]}")
        i = j + 1
    return ", ".join(parts)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the word, in the singular for one.

    Example:
        >>> plural(1, "line"), plural(2, "passage"), plural(1_200, "word")
        ('1 line', '2 passages', '1,200 words')
    """
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def reading_time(minutes: int) -> str:
    """The one reading-time format of the terminal and the web page.

    Example:
        >>> reading_time(7), reading_time(643)
        ('7 min', '10 h 43 min')
    """
    if minutes < 60:
        return f"{max(minutes, 1)} min"
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min"
