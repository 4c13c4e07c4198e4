"""Tense of the narration: past, present or mixed.

Looks at the verb right after a subject pronoun in narration ("she turns", "I stared",
"he was"), so the present tense of dialogue never counts.
"""
from __future__ import annotations

import re

from forewarn.story.lexicon import words

_SUBJ_VERB = re.compile(
    r"\b(?=[IHhSsTtWwYyi])(I|[Hh]e|[Ss]he|[Ii]t|[Tt]hey|[Ww]e|[Yy]ou)\s+(?:\w+ly\s+|just\s+|still\s+|then\s+|also\s+|only\s+|never\s+|always\s+)?([a-z]+)\b")
_SUBJ_VERB_LOWER = re.compile(
    r"\b(?=[hstwyi])(i|he|she|it|they|we|you)\s+(?:\w+ly\s+|just\s+|still\s+|then\s+|also\s+|only\s+|never\s+|always\s+)?([a-z]+)\b")
_NOT_PAST_ED = frozenset({"need", "feed", "seed", "bleed", "breed", "speed", "weed", "heed", "shed", "bed", "red", "wed"})
#: Past share above which narration is past tense, below 1 - this it is present.
THRESHOLD = 0.7


def tense_counts(narration: str) -> tuple[int, int]:
    """(past, present) verb counts after subject pronouns in narration.

    Example:
        >>> tense_counts("She turned. He is here. I stared and they walk.")
        (2, 2)
    """
    past_words, present_words = words("past_verbs.txt"), words("present_verbs.txt")
    lower = not any(c.isupper() for c in narration[:5000])
    past = present = 0
    bases = _bases()
    for subj, verb in (_SUBJ_VERB_LOWER if lower else _SUBJ_VERB).findall(narration):
        if verb in past_words or (verb.endswith("ed") and verb not in _NOT_PAST_ED and len(verb) > 3):
            past += 1
        elif verb in present_words or (verb.endswith("s") and not verb.endswith("ss") and len(verb) > 3):
            present += 1
        elif subj.lower() in _PLURAL_SUBJ and verb in bases:
            present += 1
    return past, present


_PLURAL_SUBJ = frozenset({"i", "we", "they", "you"})


def _bases() -> frozenset[str]:
    """Base forms of the listed present verbs ("walks" → "walk"), plus am/are/have/do."""
    out = {"am", "are", "have", "do"}
    for w in words("present_verbs.txt"):
        if w.endswith("ies"):
            out.add(w[:-3] + "y")
        elif w.endswith(("ches", "shes", "sses", "xes", "oes")):
            out.add(w[:-2])
        elif w.endswith("s") and w not in ("is", "has", "does", "was"):
            out.add(w[:-1])
    return frozenset(out)


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


def narration_tense(chapter_narrations: list[str]) -> str:
    """The tense of a story's narration across chapters; ``mixed`` also when whole
    chapters are told in different tenses (Bleak House: present and past).

    Example:
        >>> narration_tense(["She walked in. She sat down. He was late.", "She smiled."])
        'past'
    """
    past = present = 0
    by_kind: dict[str, int] = {}
    for text in chapter_narrations:
        a, b = tense_counts(text)
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
