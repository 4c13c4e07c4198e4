"""One pass over a narration for both point of view and tense.

Every personal pronoun is found once ("I", "me", "her", "they" …); when it is a subject
("I", "he", "it", "we" …) the verb right after it is read too. Point of view counts the
pronouns by person, tense judges the verbs (see :mod:`forewarn.story.pov` and
:mod:`forewarn.story.tense`).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from forewarn.cache import compile_regex
from forewarn.story.lexicon import words
from forewarn.story.trie import trie_pattern

FIRST_WORDS = ("I", "me", "my", "mine", "myself")
SECOND_WORDS = ("you", "your", "yours", "yourself")
THIRD_WORDS = ("he", "she", "him", "her", "his", "hers", "himself", "herself", "they", "them",
               "their", "themselves")
#: Subjects whose next word shows the tense ("she turns", "I stared").
SUBJECTS = ("I", "he", "she", "it", "they", "we", "you")
_ADVERB = r"(?:\w+ly\s+|just\s+|still\s+|then\s+|also\s+|only\s+|never\s+|always\s+)"
_PERSON = {**{w.lower(): 0 for w in FIRST_WORDS}, **{w: 1 for w in SECOND_WORDS},
           **{w: 2 for w in THIRD_WORDS}}
_NOT_PAST_ED = frozenset({"need", "feed", "seed", "bleed", "breed", "speed", "weed", "heed", "shed",
                          "bed", "red", "wed"})
_PLURAL_SUBJ = frozenset({"i", "we", "they", "you"})


def _pattern(lower: bool) -> re.Pattern[str]:
    # every alternative starts with a literal letter, so the engine jumps between candidate
    # letters instead of testing a word boundary at every position; the lookbehind after
    # that letter is the boundary before it, and the rest of the word is a trie (one
    # branch per letter: "h(?:e(?:r…)?)?|i(?:m…|s)"), tried once instead of once per form
    forms: set[str] = set()
    for w in FIRST_WORDS + SECOND_WORDS + THIRD_WORDS + SUBJECTS:
        if lower:
            forms.add(w.lower())
        elif w == "I":
            forms.add(w)
        else:
            forms |= {w[0].upper() + w[1:], w}
    by_first: dict[str, set[str]] = {}
    for f in forms:
        by_first.setdefault(f[0], set()).add(f[1:])
    alts = "|".join(f"{c}(?<!\\w{c}){trie_pattern(rests)}" for c, rests in sorted(by_first.items()))
    return compile_regex(rf"((?:{alts}))\b(?:(?=\s+{_ADVERB}?([a-z]+)\b)|)")


#: Chapters longer than two windows are read in windows of this many characters …
SAMPLE_WINDOW = 4000
#: … one every this many characters.
SAMPLE_STRIDE = 10000
_CASED = _pattern(False)
_LOWER = _pattern(True)


class Counts(NamedTuple):
    """Pronouns by person, words, and past/present verbs after subject pronouns."""

    first: int
    second: int
    third: int
    words: int
    past: int
    present: int


def scan(narration: str) -> Counts:
    """Count pronouns by person and past/present verbs after subjects, in one pass.

    Lower-cased stories (no capital in the first 5000 characters) read "i" as "I". A long
    chapter is read in evenly spaced windows (:data:`SAMPLE_WINDOW` of every
    :data:`SAMPLE_STRIDE` characters) and the counts scaled to its length.

    Example:
        >>> scan("I ran. He stayed with me and she walks.")
        Counts(first=2, second=0, third=2, words=9, past=2, present=1)
    """
    lower = not any(c.isupper() for c in narration[:5000])
    pattern = _LOWER if lower else _CASED
    n = len(narration)
    if n <= 2 * SAMPLE_WINDOW:
        found = Counter(pattern.findall(narration))
        scale = 1.0
    else:
        # a long chapter: read evenly spaced windows and scale up (shares barely move)
        found = Counter()
        for pos in range(0, n, SAMPLE_STRIDE):
            found.update(pattern.findall(narration, pos, pos + SAMPLE_WINDOW))
        scale = n / sum(min(SAMPLE_WINDOW, n - pos) for pos in range(0, n, SAMPLE_STRIDE))
    persons = [0, 0, 0]
    past = present = 0
    past_words, present_words, bases = words("past_verbs.txt"), words("present_verbs.txt"), _bases()
    for (w, verb), n in found.items():
        lw = w.lower()
        kind = _PERSON.get(lw)
        if kind is not None:
            persons[kind] += n
        if not verb or lw not in _SUBJECT_SET:
            continue
        if verb in past_words or (verb.endswith("ed") and verb not in _NOT_PAST_ED and len(verb) > 3):
            past += n
        elif verb in present_words or (verb.endswith("s") and not verb.endswith("ss") and len(verb) > 3):
            present += n
        elif lw in _PLURAL_SUBJ and verb in bases:
            present += n
    words_n = narration.count(" ") + narration.count("\n") + 1
    if scale != 1.0:
        persons = [round(p * scale) for p in persons]
        past, present = round(past * scale), round(present * scale)
    return Counts(persons[0], persons[1], persons[2], words_n, past, present)


_SUBJECT_SET = frozenset(w.lower() for w in SUBJECTS)
_BASES: frozenset[str] | None = None


def _bases() -> frozenset[str]:
    """Base forms of the listed present verbs ("walks" → "walk"), plus am/are/have/do."""
    global _BASES
    if _BASES is None:
        out = {"am", "are", "have", "do"}
        for w in words("present_verbs.txt"):
            if w.endswith("ies"):
                out.add(w[:-3] + "y")
            elif w.endswith(("ches", "shes", "sses", "xes", "oes")):
                out.add(w[:-2])
            elif w.endswith("s") and w not in ("is", "has", "does", "was"):
                out.add(w[:-1])
        _BASES = frozenset(out)
    return _BASES
