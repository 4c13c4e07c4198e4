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
