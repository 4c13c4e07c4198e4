"""Described speakers that the text names later ("said the gentleman" … "said Mr. Hale").

A speaker known only by a description (:mod:`forewarn.story.nominal`: "the gentleman",
"the clerk") is often given a name a little later in the same scene: he says it ("What
name?" — "Hale, second floor."), someone addresses him by it, or the next tag names him.
The gold convention (and a reader's) is that such a speaker is that person all along. A
described speaker's lines in a chapter go to a named character of a fitting gender who is
mentioned for the first time in the whole story while that speaker is talking or just
after (within :data:`LINK_AFTER` characters of the last line), and who has no line of
his own before the description's last one.
"""
from __future__ import annotations

from bisect import bisect_right

from forewarn.story.characters import Entity, Mention
from forewarn.story.speaker_context import Attributed

#: How far after a described speaker's last line (characters) a first mention of a name
#: still counts as naming that speaker.
LINK_AFTER = 1500


def first_mentions(per_chapter: list[list[Mention]]) -> dict[int, tuple[int, int]]:
    """Where each character is first mentioned: (chapter position, offset), quotes included.

    Example:
        >>> ms = [[Mention(0, 5, 8, ("Tom",), None, False, False, char=1)],
        ...       [Mention(1, 2, 5, ("Tom",), None, False, False, char=1),
        ...        Mention(1, 9, 12, ("Ann",), None, False, True, char=2)]]
        >>> first_mentions(ms)
        {1: (0, 5), 2: (1, 9)}
    """
    out: dict[int, tuple[int, int]] = {}
    for ci, mentions in enumerate(per_chapter):
        for m in mentions:
            if m.char >= 0 and m.char not in out:
                out[m.char] = (ci, m.start)
    return out


def _fits(a: str | None, b: str | None) -> bool:
    """Whether two genders can be one person's (an unknown one fits any)."""
    return not a or not b or a == "unknown" or b == "unknown" or a == b


def link_described(chapter: list[Attributed], starts: list[int], mentions: list[Mention],
                   first: dict[int, tuple[int, int]], entities: list[Entity],
                   genders: dict[int, str], ci: int) -> None:
    """Give the lines of each described speaker of one chapter to the character the text
    names them by later (see the module docstring); ``starts`` are the quotes' offsets,
    in the order of ``chapter``. Changes ``chapter`` in place.

    Example:
        >>> from collections import Counter
        >>> ents = [Entity(0, (None, ("Hale",)), Counter({"Mr. Hale": 1})),
        ...         Entity(1, (None, ("the gentleman",)), Counter({"the gentleman": 1}), nominal=True)]
        >>> lines = [Attributed(0, 0, 1, "after"), Attributed(0, 1, 1, "turn")]
        >>> ms = [Mention(0, 300, 308, ("Hale",), "Mr.", False, False, char=0)]
        >>> link_described(lines, [10, 200], ms, first_mentions([ms]), ents, {}, 0)
        >>> [a.speaker for a in lines]
        [0, 0]
    """
    if not any(a.speaker >= 0 and entities[a.speaker].nominal for a in chapter):
        return
    done: set[int] = set()
    for m in mentions:
        c = m.char
        if c < 0 or first.get(c) != (ci, m.start) or entities[c].nominal:
            continue
        if m.in_quote and not m.vocative:
            continue  # someone talked about, not someone there
        spk = _described_named(chapter, starts, m, entities)
        if spk < 0 or spk in done or not _fits(genders.get(spk), genders.get(c, entities[c].gender)):
            continue
        mine = [k for k, a in enumerate(chapter) if a.speaker == spk]
        if any(a.speaker == c and starts[k] < starts[mine[-1]] for k, a in enumerate(chapter)):
            continue  # both speak in turn: two people
        done.add(spk)
        for k in mine:
            chapter[k].speaker = c


def _described_named(chapter: list[Attributed], starts: list[int], m: Mention,
                     entities: list[Entity]) -> int:
    """The described speaker a first mention names: for a vocative, the one who answers
    the line (the next line's speaker); in the narration, the described speaker of the last
    line before it (within :data:`LINK_AFTER`); -1 for none."""
    k = bisect_right(starts, m.start)  # the first line after the mention
    if m.vocative:
        if k >= len(chapter) or k == 0:
            return -1
        spk, asker = chapter[k].speaker, chapter[k - 1].speaker
        return spk if spk >= 0 and spk != asker and entities[spk].nominal else -1
    for j in range(k - 1, -1, -1):
        if starts[j] < m.start - LINK_AFTER:
            break
        spk = chapter[j].speaker
        if spk >= 0 and entities[spk].nominal:
            return spk
    return -1
