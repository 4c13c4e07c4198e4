"""Point of view of the narration and reader-insert markers.

Only narration (text outside quotes) decides: a third-person novel full of "I" in its
dialogue stays third person.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from forewarn.cache import compile_regex
from forewarn.story.persons import Counts, scan

READER_MARKER = compile_regex(r"\(\s*y\s*/\s*n\s*\)|\[\s*y\s*/\s*n\s*\]|\bY/N\b|\by/n\b|\[\s*(?:Name|Your Name|Y/N|L/N|E/C|H/C)\s*\]|\(\s*(?:Y/N|L/N|E/C|H/C)\s*\)",
                           re.I)

#: Pronouns per word above which a person dominates the narration.
FIRST_RATE = 0.010
SECOND_RATE = 0.02
#: First-person pronouns needed per third-person one (first-person narrators talk about others a lot).
FIRST_TO_THIRD = 0.12


def pronoun_counts(narration: str) -> tuple[int, int, int, int]:
    """Counts of (first, second, third)-person pronouns and words in narration.

    Example:
        >>> pronoun_counts("I ran. He stayed with me.")
        (2, 0, 1, 6)
    """
    c = scan(narration)
    return c.first, c.second, c.third, c.words


def classify(first: int, second: int, third: int, words: int) -> str:
    """The person of a narration from its pronoun counts.

    Example:
        >>> classify(40, 2, 30, 1000), classify(1, 0, 60, 1000), classify(0, 50, 5, 1000)
        ('first', 'third', 'second')
    """
    if words < 20 or first + second + third < 3:
        return "unknown"
    if first >= FIRST_RATE * words and first >= FIRST_TO_THIRD * third:
        return "first"
    if second >= SECOND_RATE * words and second > 1.5 * third:
        return "second"
    if third > 0:
        return "third"
    return "unknown"


def point_of_view(chapter_narrations: list[str],
                  counts: Sequence[Counts] | None = None) -> tuple[str, dict[str, int]]:
    """The point of view of a story from each chapter's narration, plus the totals.

    ``mixed`` when substantial chapters are told in different persons. ``counts`` are the
    chapters' :func:`~forewarn.story.persons.scan` results when already computed.

    Example:
        >>> point_of_view(["I walked home and I slept. " * 60, "He walked home and he slept. " * 60])[0]
        'mixed'
    """
    per: list[tuple[str | None, int]] = []
    tot = [0, 0, 0, 0]
    if counts is None:
        counts = [scan(text) for text in chapter_narrations]
    for chapter_counts in counts:
        counts4 = chapter_counts[:4]
        for i, c in enumerate(counts4):
            tot[i] += c
        per.append((_strict_kind(*counts4), counts4[3]))
    overall = classify(*tot)
    totals = {"first": tot[0], "second": tot[1], "third": tot[2], "words": tot[3]}
    n = max(1, len(chapter_narrations))
    weight: dict[str | None, int] = {}
    for p, w in per:
        if w >= max(200, 0.3 * tot[3] / n):
            weight[p] = weight.get(p, 0) + w
    unclear = weight.pop(None, 0)
    voting = sum(weight.values())
    if len(weight) > 1 and max(weight.values()) < MIXED_SHARE * voting \
            and unclear < MIXED_UNCLEAR * (voting + unclear):
        return "mixed", totals
    return overall, totals


#: A story is mixed when its largest kind of chapter holds less than this share of the words.
MIXED_SHARE = 0.75
#: ... and when few of its words are in chapters of unclear person (a first-person
#: narrator's chapters about others, as in Moby-Dick).
MIXED_UNCLEAR = 0.2
#: Below this rate of I/me/my a chapter is plainly third (or second) person.
NO_FIRST_RATE = 0.002


def _strict_kind(first: int, second: int, third: int, words: int) -> str | None:
    """A chapter's person for the mixed test: clear first or clearly without a narrating
    "I"; chapters in between (a first-person narrator describing others) do not vote."""
    kind = classify(first, second, third, words)
    if kind == "first":
        return kind
    if kind in ("third", "second") and first < NO_FIRST_RATE * words:
        return kind
    return None


def reader_insert(story_text: str, pov: str, totals: dict[str, int]) -> bool:
    """True when the reader is a character: Y/N-style markers, or a narration that keeps
    addressing "you" while not being told in the first person.

    Example:
        >>> reader_insert("You smile at (Y/N).", "second", {"second": 1, "words": 4})
        True
    """
    for mark in ("/", "["):
        i = story_text.find(mark)
        while i != -1:
            if READER_MARKER.search(story_text, max(0, i - 4), i + 14):
                return True
            i = story_text.find(mark, i + 1)
    words = max(1, totals.get("words", 0))
    return pov != "first" and totals.get("second", 0) >= 0.015 * words
