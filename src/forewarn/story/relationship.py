"""Relationship category (AO3 style): F/F, F/M, M/M, Gen, Multi or Other.

The central pair is the two characters who share the most paragraphs (as mentions or
speakers); the category comes from their genders when their shared paragraphs carry
romantic vocabulary, and is Gen otherwise. A second romantic pair of another kind makes it
Multi.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import combinations

from forewarn.story.lexicon import words


@lru_cache(maxsize=1)
def _romance() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The romantic-words regex and its stems, built together and published at once (a
    thread starting meanwhile never sees the regex without its stems)."""
    ws = sorted(words("romance.txt"), key=len, reverse=True)
    first = "".join(sorted({w[0] for w in ws} | {w[0].upper() for w in ws}))
    alts = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in ws)
    # the words no other listed word contains: a text holding none of them in lower
    # case cannot match, and ``in`` rules most paragraphs out faster than the regex
    stems = tuple(sorted(w.lower() for w in ws if not any(o != w and o in w for o in ws)))
    return re.compile(rf"\b(?=[{first}])(?:{alts})\b"), stems


def is_romantic(text: str) -> bool:
    """Whether ``text`` holds a listed romantic word (whole word, first letter in any case).

    Example:
        >>> is_romantic("She kissed him."), is_romantic("Kissing!"), is_romantic("a glove"), is_romantic("KISS")
        (True, True, False, False)
    """
    romance, stems = _romance()
    lower = text.lower()
    for stem in stems:
        if stem in lower:
            return romance.search(text) is not None
    return False


#: Shared paragraphs with romantic words needed before a pair counts as romantic.
MIN_ROMANCE = 2


def category(genders: tuple[str, str]) -> str:
    """The AO3 category of a pair from the two genders.

    Example:
        >>> category(("female", "female")), category(("male", "female")), category(("male", "unknown"))
        ('F/F', 'F/M', 'Other')
    """
    g = sorted(genders)
    if "unknown" in g or "nonbinary" in g:
        return "Other"
    return {("female", "female"): "F/F", ("female", "male"): "F/M", ("male", "male"): "M/M"}[(g[0], g[1])]


def relationship_category(paragraph_sets: list[tuple[set[int], str]], gender: dict[int, str]) -> str:
    """The category from each paragraph's characters and its text.

    Example:
        >>> paras = [({1, 2}, "She kissed her.")] * 3 + [({1, 3}, "They talked.")]
        >>> relationship_category(paras, {1: "female", 2: "female", 3: "male"})
        'F/F'
    """
    romantic: Counter = Counter()
    seen = False  # anyone present at all
    every_pair: list[tuple[int, int]] = []
    shared: list[tuple[list[tuple[int, int]], str]] = []
    for chars, text in paragraph_sets:
        if len(chars) < 2:
            seen = seen or bool(chars)
            continue
        pairs = list(combinations(sorted(chars), 2))
        every_pair += pairs
        shared.append((pairs, text))
    # counted in one go: one Counter call instead of one per paragraph, same order of keys
    together = Counter(every_pair)
    ranked = [p for p, _ in together.most_common(5)]
    top_pairs = set(ranked)
    for pairs, text in shared:  # only the leading pairs' paragraphs are read for romance
        mine = [p for p in pairs if p in top_pairs]
        if mine and is_romantic(text):
            romantic.update(mine)
    if not seen and not shared:
        return "unknown"
    if not together:
        return "Gen"
    romantic_pairs = [p for p in ranked if romantic[p] >= MIN_ROMANCE]
    if not romantic_pairs:
        return "Gen"
    top = romantic_pairs[0]
    kinds = {category((gender.get(top[0], "unknown"), gender.get(top[1], "unknown")))}
    for p in romantic_pairs[1:]:
        if romantic[p] >= 0.6 * romantic[top] and not set(p) & set(top):
            kinds.add(category((gender.get(p[0], "unknown"), gender.get(p[1], "unknown"))))
    if len(kinds) > 1:
        return "Multi"
    return kinds.pop()
