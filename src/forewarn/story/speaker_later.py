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
#: A vocative also names the described speaker of the line it answers ("…," drawled the
#: newcomer. ¶ "Reckon so, Jim.").
REPLY_NAMES = True
#: How a line's speaker was found when its own tag names them.
_TAGGED = frozenset({"after_inv", "after", "before", "lead-tag"})
#: How far before a line (characters) a name in the narration is still its tag ("Hale
#: said, “…”").
TAG_REACH = 80


def first_mentions(per_chapter: list[list[Mention]],
                   present: bool = False) -> dict[int, tuple[int, int]]:
    """Where each character is first mentioned: (chapter position, offset), quotes included;
    with ``present``, only where the narration names them or a line addresses them.

    Example:
        >>> ms = [[Mention(0, 5, 8, ("Tom",), None, False, False, char=1)],
        ...       [Mention(1, 2, 5, ("Tom",), None, False, False, char=1),
        ...        Mention(1, 9, 12, ("Ann",), None, False, True, char=2)]]
        >>> first_mentions(ms), first_mentions(ms, present=True)
        ({1: (0, 5), 2: (1, 9)}, {1: (0, 5)})
    """
    out: dict[int, tuple[int, int]] = {}
    for ci, mentions in enumerate(per_chapter):
        for m in mentions:
            if m.char >= 0 and m.char not in out and (not present or _present(m)):
                out[m.char] = (ci, m.start)
    return out


def _present(m: Mention) -> bool:
    """Whether a mention is of someone there: in the narration, or addressed by a line."""
    return not m.in_quote or m.vocative


def _fits(a: str | None, b: str | None) -> bool:
    """Whether two genders can be one person's (an unknown one fits any)."""
    return not a or not b or a == "unknown" or b == "unknown" or a == b


def link_described(chapter: list[Attributed], starts: list[int], mentions: list[Mention],
                   first: tuple[dict[int, tuple[int, int]], dict[int, tuple[int, int]]],
                   entities: list[Entity], genders: dict[int, str], ci: int,
                   text: str = "") -> None:
    """Give the lines of each described speaker of one chapter to the character the text
    names them by later (see the module docstring); ``starts`` are the quotes' offsets,
    in the order of ``chapter``; ``first`` holds where each character is first mentioned at
all, and first mentioned as someone present (:func:`first_mentions`). Changes
``chapter`` in place. ``text`` is the chapter's (to tell a tag from narration).

    Example:
        >>> from collections import Counter
        >>> ents = [Entity(0, (None, ("Hale",)), Counter({"Mr. Hale": 1})),
        ...         Entity(1, (None, ("the gentleman",)), Counter({"the gentleman": 1}), nominal=True)]
        >>> lines = [Attributed(0, 0, 1, "after"), Attributed(0, 1, 1, "turn"),
        ...          Attributed(0, 2, 0, "after")]
        >>> ms = [Mention(0, 300, 308, ("Hale",), "Mr.", False, False, char=0)]  # "…," said Mr. Hale
        >>> first = first_mentions([ms]), first_mentions([ms], present=True)
        >>> link_described(lines, [10, 200, 280], ms, first, ents, {}, 0)
        >>> [a.speaker for a in lines]
        [0, 0, 0]
    """
    if not any(a.speaker >= 0 and entities[a.speaker].nominal for a in chapter):
        return
    done: set[int] = set()  # described speakers linked, and the names they took
    anywhere, _ = first
    for m in mentions:
        c = m.char
        if c < 0 or c in done or not _present(m) or anywhere.get(c, (-1, 0))[0] != ci \
                or entities[c].nominal:
            continue
        spk = _described_named(chapter, starts, m, entities, anywhere[c][1], text)
        if spk < 0 or spk in done or not _fits(genders.get(spk), genders.get(c, entities[c].gender)):
            continue
        mine = [k for k, a in enumerate(chapter) if a.speaker == spk]
        if anywhere[c][1] < starts[mine[0]]:
            continue  # known before the described speaker came in
        before = [k for k in mine if starts[k] < m.start] or mine[:1]
        lo, hi = starts[before[0]], starts[before[-1]]
        theirs = [starts[k] for k, a in enumerate(chapter) if a.speaker == c and starts[k] > lo]
        if theirs and theirs[0] < hi:
            continue  # both spoke in turn before the name came: two people
        done |= {spk, c}
        for k in mine:  # until the named one's next line: a later "the newcomer" is another
            if theirs and starts[k] > theirs[0] and starts[k] > m.start:
                break
            chapter[k].speaker = c


def _described_named(chapter: list[Attributed], starts: list[int], m: Mention,
                     entities: list[Entity], since: int, text: str) -> int:
    """The described speaker a mention names: for a vocative, the one who answers the line
    (the next line's speaker), else the one it answers (with :data:`REPLY_NAMES`); in the narration, when it is the speech tag of a line of
    the one named ("…," said Mr. Hale), the described speaker of the line before the named
    one's, within :data:`LINK_AFTER` and before the name first came up at ``since`` (one
    who goes on talking after the name is out is someone else); -1 for none."""
    k = bisect_right(starts, m.start)  # the first line after the mention
    if m.vocative:
        if k == 0:
            return -1
        asker = chapter[k - 1].speaker
        for j in (k, k - 2) if REPLY_NAMES else (k,):  # the one answering, or the one answered
            if not 0 <= j < len(chapter) or chapter[j].how not in _TAGGED:
                continue  # a speaker found by turn-taking alone is too weak a tie
            spk = chapter[j].speaker
            if spk >= 0 and spk != asker and entities[spk].nominal:
                return spk
        return -1
    if k > 0 and chapter[k - 1].speaker == m.char and "\n\n" not in text[starts[k - 1]:m.start]:
        k -= 1  # the tag after the named one's line, in its paragraph
    elif not (k < len(chapter) and chapter[k].speaker == m.char and starts[k] - m.start < TAG_REACH
              and "\n\n" not in text[m.start:starts[k]]):
        return -1  # the narration only mentions them
    for j in range(k - 1, -1, -1):  # back over the named one's own lines
        spk = chapter[j].speaker
        if spk == m.char:
            continue
        near = starts[j] >= m.start - LINK_AFTER and starts[j] < since
        return spk if near and spk >= 0 and entities[spk].nominal else -1
    return -1
