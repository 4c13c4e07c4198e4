"""Speakers known only by a description ("the porter said", "said the young man").

Such a speaker becomes a character of its own, named by its description with "the"
("the young man"), the same one every time the description comes back; its gender is its
noun's (``gendered_nouns.toml``), or unknown for the nouns of ``person_nouns.txt``.

Example:
    >>> reg = NominalSpeakers([])
    >>> i = reg.speaker(nominal_phrase("said the young man.", 5)); j = reg.speaker(("the young man", "man"))
    >>> i == j, reg.entities[i].name, reg.genders[i]
    (True, 'the young man', 'male')
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from forewarn.cache import compile_regex
from forewarn.story.characters import Entity
from forewarn.story.lexicon import described_titles, gendered_nouns, words


_WORDS = compile_regex(r"[a-z][\w\-]*")


@lru_cache(maxsize=None)
def person_nouns() -> dict[str, str]:
    """Nouns that name a person, with their gender ("unknown" when the noun has none).

    Example:
        >>> person_nouns()["porter"], person_nouns()["woman"], person_nouns()["parson"]
        ('unknown', 'female', 'male')
    """
    out = dict.fromkeys(words("person_nouns.txt"), "unknown")
    out.update(dict.fromkeys(described_titles(), "unknown"))  # "the parson", "the doctor"
    out.update(gendered_nouns())
    return out


def nominal_phrase(text: str, start: int) -> tuple[str, str] | None:
    """The description starting at ``start`` ("the old woman") and its noun, when a person
    noun comes within its first four words.

    Example:
        >>> nominal_phrase("said the old woman, smiling", 5)
        ('the old woman', 'woman')
        >>> nominal_phrase("said the old house", 5) is None
        True
    """
    m = re.compile(r"(?:[Tt]he|[Aa]n?|[Aa]nother|[Tt]his|[Tt]hat)\s+").match(text, start)
    if not m:
        return None
    nouns = person_nouns()
    found: list[str] = []
    found_end = m.end()
    for w in _WORDS.finditer(text, m.end(), min(len(text), m.end() + 60)):
        if found and text[found_end:w.start()].strip():
            return None  # punctuation between words: the phrase ended before a noun
        found.append(w.group())
        found_end = w.end()
        if w.group() in nouns:
            return "the " + " ".join(found), w.group()
        if len(found) == 4:
            return None
    return None


class NominalSpeakers:
    """The characters made for described speakers, appended to the entity list."""

    def __init__(self, entities: list[Entity], genders: dict[int, str] | None = None) -> None:
        self.entities = entities
        self.genders = genders if genders is not None else {}
        self.ids = {e.name: e.id for e in entities if e.nominal}

    def speaker(self, phrase: tuple[str, str] | None) -> int:
        """The id of the character a description names (made on first use); -1 for None."""
        if phrase is None:
            return -1
        name, noun = phrase
        got = self.ids.get(name)
        if got is None:
            e = Entity(id=len(self.entities), key=(None, (name,)), forms=Counter({name: 1}),
                       nominal=True)
            gender = person_nouns().get(noun, "unknown")
            if gender != "unknown":
                e.votes[gender] += 1
            self.entities.append(e)
            got = self.ids[name] = e.id
        self.genders.setdefault(got, self.entities[got].gender)
        return got
