"""Word lists and tables of the story analyzer, loaded once from ``story/data``."""
from __future__ import annotations

from functools import lru_cache

from forewarn.text.data_files import load_toml, load_words

_PKG = "forewarn.story.data"


def words(name: str) -> frozenset[str]:
    """A word list from ``story/data`` (lower-cased entries).

    Example:
        >>> "oh" in words("not_names.txt")
        True
    """
    return load_words(name, _PKG)


@lru_cache(maxsize=None)
def titles() -> dict[str, str]:
    """Honorific → implied gender ("" when none).

    Example:
        >>> titles()["mrs"]
        'female'
    """
    return dict(load_toml("titles.toml", _PKG)["titles"])


@lru_cache(maxsize=None)
def abbreviated_titles() -> tuple[str, ...]:
    """Titles written abbreviated with a full stop, capitalised ("Mr", "Dr").

    Example:
        >>> abbreviated_titles()[:2]
        ('Mr', 'Mrs')
    """
    return tuple(load_toml("titles.toml", _PKG)["abbreviated"]["titles"])


@lru_cache(maxsize=None)
def described_titles() -> frozenset[str]:
    """Titles that stand for their one holder after "the" in the narration ("the doctor").

    Example:
        >>> "doctor" in described_titles()
        True
    """
    return frozenset(load_toml("titles.toml", _PKG)["described"]["nouns"])


@lru_cache(maxsize=None)
def married_titles() -> frozenset[str]:
    """Titles of a married woman ("mrs").

    Example:
        >>> "mrs" in married_titles()
        True
    """
    return frozenset(load_toml("titles.toml", _PKG)["married"]["titles"])


@lru_cache(maxsize=None)
def gendered_nouns() -> dict[str, str]:
    """Common noun → gender, for speakers such as "the woman".

    Example:
        >>> gendered_nouns()["woman"]
        'female'
    """
    return dict(load_toml("gendered_nouns.toml", _PKG)["nouns"])


@lru_cache(maxsize=None)
def speech_verbs() -> frozenset[str]:
    """Speech verbs in every form (base, -s, -ed, -ing and listed irregular forms).

    Example:
        >>> {"says", "said", "muttered", "mutters", "replied"} <= speech_verbs()
        True
    """
    out: set[str] = set()
    for w in words("speech_verbs.txt"):
        if " " in w:
            continue
        out.add(w)
        if w.endswith("y") and w[-2:-1] not in "aeiou":
            out.update({w[:-1] + "ies", w[:-1] + "ied"})
        elif w.endswith("e"):
            out.update({w + "s", w + "d", w[:-1] + "ing"})
        elif w.endswith(("s", "sh", "ch", "x")):
            out.update({w + "es", w + "ed", w + "ing"})
        else:
            out.update({w + "s", w + "ed", w + "ing"})
            if len(w) <= 4 and w[-1] in "pgtbnm" and w[-2] in "aeiou" and w[-3:-2] not in "aeiou":
                out.update({w + w[-1] + "ed", w + w[-1] + "ing"})
    return frozenset(out)


@lru_cache(maxsize=None)
def given_names() -> dict[str, str]:
    """Common given name → usual gender (a weak hint).

    Example:
        >>> given_names()["annie"]
        'female'
    """
    data = load_toml("given_names.toml", _PKG)
    out = {n: "female" for n in data["female"]}
    out.update({n: "male" for n in data["male"]})
    return out


@lru_cache(maxsize=None)
def nicknames() -> dict[str, tuple[str, ...]]:
    """Pet form → the formal given names it shortens.

    Example:
        >>> nicknames()["lizzy"]
        ('elizabeth',)
    """
    return {k: tuple(v) for k, v in load_toml("nicknames.toml", _PKG)["nicknames"].items()}
