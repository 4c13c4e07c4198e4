"""Tense of the narration: past, present or mixed.

Looks at the verb right after a subject pronoun in narration ("she turns", "I stared",
"he was"), so the present tense of dialogue never counts.
"""
from __future__ import annotations

from collections.abc import Sequence

from forewarn.story.persons import Counts, scan

#: Past share above which narration is past tense, below 1 - this it is present.
THRESHOLD = 0.7


def tense_counts(narration: str) -> tuple[int, int]:
    """(past, present) verb counts after subject pronouns in narration.

    Example:
        >>> tense_counts("She turned. He is here. I stared and they walk.")
        (2, 2)
    """
    c = scan(narration)
    return c.past, c.present


def classify(past: int, present: int) -> str:
    """Tense from the counts.

    Example:
        >>> classify(90, 10), classify(5, 80), classify(40, 40), classify(0, 1)
        ('past', 'present', 'mixed', 'unknown')
    """
    total = past + present
    if total < 3:
        return "unknown"
    share = past / total
    if share >= THRESHOLD:
        return "past"
    if share <= 1 - THRESHOLD:
        return "present"
    return "mixed"


def narration_tense(chapter_narrations: list[str], counts: Sequence[Counts] | None = None) -> str:
    """The tense of a story's narration across chapters; ``mixed`` also when whole
    chapters are told in different tenses (Bleak House: present and past). ``counts`` are
    the chapters' :func:`~forewarn.story.persons.scan` results when already computed.

    Example:
        >>> narration_tense(["She walked in. She sat down. He was late.", "She smiled."])
        'past'
    """
    past = present = 0
    by_kind: dict[str, int] = {}
    if counts is None:
        counts = [scan(text) for text in chapter_narrations]
    for c in counts:
        a, b = c.past, c.present
        past += a
        present += b
        if a + b >= 20:
            kind = "past" if a >= THRESHOLD * (a + b) else "present" if b >= THRESHOLD * (a + b) else "unclear"
            by_kind[kind] = by_kind.get(kind, 0) + a + b
    clear = by_kind.get("past", 0) + by_kind.get("present", 0)
    if clear and min(by_kind.get("past", 0), by_kind.get("present", 0)) >= MIXED_MINORITY * clear:
        return "mixed"
    return classify(past, present)


#: Share of the clearly-tensed chapters that the minority tense needs for ``mixed``.
MIXED_MINORITY = 0.25
