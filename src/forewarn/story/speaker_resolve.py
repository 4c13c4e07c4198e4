"""Who a subject phrase names: "I", "he"/"she" (antecedent, conversation, salience), a
name, "her mother", "his wife", "the doctor", or a described speaker ("the porter")."""
from __future__ import annotations

import re
from bisect import bisect_left

from forewarn.cache import compile_regex

from forewarn.story.characters import Entity, Mention
from forewarn.story.lexicon import described_titles, gendered_nouns, titles
from forewarn.story.nominal import nominal_phrase, person_nouns
from forewarn.story.speaker_described import description_nouns
from forewarn.story.speaker_context import NARRATOR, UNKNOWN, Ids, _Context
from forewarn.text.document import ChapterDoc

_KIN = frozenset({"mother", "father", "wife", "husband", "aunt", "uncle", "sister", "brother",
                  "daughter", "son", "grandmother", "grandfather", "niece", "nephew"})
#: A speaker known only by a description ("said the porter") is a character of its own.
NOMINAL = True
#: … also one described by a gendered noun ("the young man") when no one of that gender is
#: near. Off: on LitBank such descriptions mostly re-describe a named character.
NOMINAL_GENDERED = False
#: How near (characters before the line; half as far after it) a named character of a
#: description's gender must be for "the young man" to be taken for that character.
NEAR_WINDOW = 3000


def _resolve(ctx: _Context, who: str, start: int, quote_start: int, exclude: Ids) -> int:
    """The character a subject phrase names."""
    w = who.strip()
    lw = w.lower()
    if lw == "i":
        return NARRATOR if ctx.narrator is None else ctx.narrator
    if lw in ("he", "she"):
        he_she = "male" if lw == "he" else "female"
        if ctx.narrator is not None and ctx.narrator >= 0:
            exclude = exclude | {ctx.narrator}  # the narrator is "I", never "he"
        spk = _antecedent(ctx, start, he_she, exclude)
        if spk != UNKNOWN:
            return spk
        if PREVIOUS_SUBJECT:
            spk = _previous_subject(ctx, quote_start, he_she, exclude)
            if spk != UNKNOWN:
                return spk
        spk = _participant(ctx, quote_start, he_she, exclude)
        if spk == UNKNOWN and LAST_IN_NARRATION:
            spk = _last_in_narration(ctx, quote_start, he_she, exclude)
        return spk if spk != UNKNOWN else ctx.recent(quote_start, he_she, exclude)
    if lw in ("they", "we"):
        return UNKNOWN
    m = ctx.mention_in(start, start + len(w))
    if m is not None:
        return m.char
    words = _description_words(ctx.text, lw, start)
    noun = words[-1] if words else ""
    gender = gendered_nouns().get(noun)
    if words and words[0] in ("his", "her") and noun in ("wife", "husband", "lady"):
        spouse = _spouse(ctx, quote_start, "male" if words[0] == "his" else "female", exclude)
        if spouse != UNKNOWN:
            return spouse
    if noun in _PARENT_TITLE and len(words) == 2 and words[0] in ("his", "her", "the"):
        # "her mother" / "the father": a parent goes by Mrs. / Mr. in the narration
        spk = _titled_recent(ctx, quote_start, _PARENT_TITLE[noun], exclude)
        if spk != UNKNOWN:
            return spk
    if gender and len(words) >= 2 and words[0] in ("his", "her"):
        # "her mother": someone of that gender other than the owner of "her"
        owner = ctx.recent(quote_start, "male" if words[0] == "his" else "female", exclude)
        spk = ctx.recent(quote_start, gender, exclude | {owner})
        if spk != UNKNOWN and ctx.gender.get(spk) == gender:
            return spk
    if len(words) == 2 and words[0] == "the":
        titled = _titled(ctx, noun)
        if titled != UNKNOWN:
            return titled
    if gender and words and words[0] in ("the", "this", "that") and noun in _KIN:
        # "the mother": a role in the family, often the focal character
        return ctx.recent(quote_start, gender, exclude)
    if NOMINAL and ctx.nominal is not None and words and words[0] in _DESCRIBING:
        spk = _described(ctx, start, quote_start, exclude)
        if spk != UNKNOWN:
            return spk
    if gender and words and words[0] in ("the", "this", "that"):
        spk = _nearest_other(ctx, quote_start, gender, exclude)
        if spk == UNKNOWN and NOMINAL and NOMINAL_FALLBACK and ctx.nominal is not None:
            # a tag names someone described and no one named can be meant: the description
            spk = _described(ctx, start, quote_start, exclude, anyway=True)
        return spk
    return UNKNOWN


#: A gendered description ("said the young man") that no named character of its gender
#: can stand for becomes a described speaker of its own, rather than leaving the line to
#: turn-taking (which gives it to someone the tag does not name). Off: on the whole-novel
#: set it changes nothing (tune 0.744, held-out 0.577 either way), and on LitBank's
#: excerpts, whose labels name a described person by the name the text gives later, it
#: drops speaker accuracy 0.809 → 0.798.
NOMINAL_FALLBACK = False


def _description_words(text: str, lw: str, start: int) -> list[str]:
    """The words of a subject phrase (lower case), carried on to its person noun when the
    tag pattern cut it short: "the young" of "said the young gentleman".

    Example:
        >>> _description_words("said the young gentleman.", "the young", 5)
        ['the', 'young', 'gentleman']
        >>> _description_words("said a lounger", "a lounger", 5)
        ['a', 'lounger']
    """
    words = lw.split()
    if len(words) >= 2 and words[0] in _DESCRIBING and words[-1] not in person_nouns():
        phrase = nominal_phrase(text, start)
        if phrase is not None:
            return [words[0], *phrase[0].split()[1:]]
    return words


def _described(ctx: _Context, start: int, quote_start: int, exclude: Ids,
               anyway: bool = False) -> int:
    """A speaker known by a description ("said the porter") when no named character
    could be meant: none has the noun in its name ("Parson Tringham" for "the parson")
    and, for a gendered noun ("the young man"), none of that gender is near (not asked
    ``anyway``: the caller found none)."""
    phrase = nominal_phrase(ctx.text, start)
    if phrase is None:
        return UNKNOWN
    noun = phrase[1]
    by_title, by_first = ctx.title_index
    if noun in by_first or _TITLE_ALIASES.get(noun, noun) in by_title:
        return UNKNOWN
    gender = gendered_nouns().get(noun)
    if gender and not anyway and (not NOMINAL_GENDERED or _nearest_other(ctx, quote_start, gender, exclude,
                                                          window=NEAR_WINDOW) != UNKNOWN) \
            and not (INTRODUCED and introduced(ctx.ch, noun, start)):
        return UNKNOWN
    if ctx.nominal is None:
        return UNKNOWN
    spk = ctx.nominal.speaker(phrase)
    if ctx.described is not None and spk >= 0:
        # the same description in the narration around and after the line is this speaker
        d = ctx.described
        ctx.add_mentions(d.mentions_of(spk, noun, d.since_paragraph_before(quote_start)))
    return spk


#: A gendered description ("said the gentleman") is a described speaker of its own when the
#: narration shortly before brought in someone new by that noun ("There was a gentleman in
#: the coach …", "a young man, dressed in a stylish manner"): the one just introduced, not
#: a named character nearby. Off: with the later-name links of
#: :mod:`forewarn.story.speaker_later` it lifts whole-novel tune 0.769 → 0.788 but lowers
#: held-out 0.580 → 0.570 and LitBank 0.818 → 0.809.
INTRODUCED = False
#: How far back (characters) an introduction with "a"/"an" is looked for.
INTRO_WINDOW = 4000
#: Words after an introduction that give the newcomer a name ("a young man named Frank").
#: Words before one that describe someone already there: a name in apposition ("William,
#: a boy of seven") or a predicate ("he was a gentleman") — not "there was a gentleman".
_NAMED_BEFORE = compile_regex(r"(?:[A-Z][a-z]+,|(\b[Tt]here\s+)?\b(?:was|is|were|be|been|seemed|"
                              r"looked|became|like|as))\s*$")
_NAMING = compile_regex(r"\s*,?\s*(?:named|called|by the name|whose name|[A-Z][a-z]+\b)")


def introduced(ch: ChapterDoc, noun: str, offset: int, window: int = INTRO_WINDOW) -> bool:
    """Whether the narration within ``window`` characters before ``offset`` brings in
    someone unnamed by ``noun`` with "a"/"an" ("there was a gentleman in the coach"), and
    no name follows the introduction.

    Example:
        >>> from forewarn.text import segment_text
        >>> ch = segment_text('A tall gentleman sat by the door. "Sit," said the gentleman.').chapters[0]
        >>> introduced(ch, "gentleman", ch.text.index("the gentleman"))
        True
        >>> ch = segment_text('A gentleman named Tom Hale sat. "Sit," said the gentleman.').chapters[0]
        >>> introduced(ch, "gentleman", ch.text.index("the gentleman"))
        False
    """
    text = ch.text
    lo = max(0, offset - window)
    pat = compile_regex(r"(?<![A-Za-z])(?:[Aa]n?|[Aa]nother)\s+(?:[a-z][\w\-]*\s+){0,2}"
                        + re.escape(noun) + r"(?![\w\-])")
    for m in pat.finditer(text, lo, offset):
        if ch.in_dialogue(m.start()) or _NAMING.match(text, m.end()):
            continue
        before = _NAMED_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before is None or before.group(1):  # "There was a gentleman …" brings one in
            return True
    return False


#: Determiners that open a description of a speaker ("the porter", "a lounger").
_DESCRIBING = frozenset({"the", "a", "an", "another", "this", "that"})


#: A pronoun with no antecedent in its paragraph and no conversation to go on goes to the
#: one of its gender named in the narration paragraph just before ("I found Miss Jellyby
#: there." ¶ "Good night!" she said.), before salience is asked. Off: on the whole-novel
#: tuning set it lifts speaker accuracy 0.713 → 0.718, but on LitBank's excerpts it drops
#: 0.806 → 0.794.
LAST_IN_NARRATION = False


def _last_in_narration(ctx: _Context, offset: int, gender: str, exclude: Ids) -> int:
    """The one character of ``gender`` named in the paragraph before the one at ``offset``,
    when that paragraph is narration only (UNKNOWN when it names none or several)."""
    ch = ctx.ch
    para = ch.paragraph_at(offset)
    if para is None or para.index == 0:
        return UNKNOWN
    prev = ch.paragraphs[para.index - 1]
    qs = ctx.quote_starts
    j = bisect_left(qs, prev.start)
    if j < len(qs) and qs[j] < prev.end:
        return UNKNOWN  # the paragraph before has dialogue of its own
    i = bisect_left(ctx.starts, prev.end) - 1
    found: set[int] = set()
    while i >= 0 and ctx.mentions[i].start >= prev.start:
        m = ctx.mentions[i]
        if m.char not in exclude and ctx.gender.get(m.char) == gender:
            found.add(m.char)
        i -= 1
    return next(iter(found)) if len(found) == 1 else UNKNOWN


#: A pronoun with no antecedent in its own paragraph goes to the subject of the narration
#: paragraph just before ("Frank looked away." ¶ "No," he said. → Frank).
PREVIOUS_SUBJECT = True


def _previous_subject(ctx: _Context, offset: int, gender: str, exclude: Ids) -> int:
    """The last character of ``gender`` that is the subject of its clause in the paragraph
    before the one at ``offset``, when that paragraph is narration only.

    Example:
        >>> from forewarn.text import segment_text
        >>> from forewarn.story.characters import build_characters
        >>> doc = segment_text('Ann met Tom and Bob. Then Tom and Bob sat.\\n\\nLater Tom eyed Bob.\\n\\n"No," he said.')
        >>> ents, ms = build_characters(doc)
        >>> ctx = _Context(doc.chapters[0], ms[0], ents, None, {e.id: "male" for e in ents})
        >>> ents[_previous_subject(ctx, doc.chapters[0].quotes[0].start, "male", set())].name
        'Tom'
    """
    ch = ctx.ch
    para = ch.paragraph_at(offset)
    if para is None or para.index == 0:
        return UNKNOWN
    prev = ch.paragraphs[para.index - 1]
    qs = ctx.quote_starts
    j = bisect_left(qs, prev.start)
    if j < len(qs) and qs[j] < prev.end:
        return UNKNOWN  # the paragraph before has dialogue of its own
    for si in reversed(prev.sentences):  # the last sentence that opens with one of them
        sent = ch.sentences[si]
        i = bisect_left(ctx.starts, sent.start)
        if i < len(ctx.mentions) and ctx.mentions[i].start - sent.start <= SUBJECT_REACH:
            m = ctx.mentions[i]
            if m.start < sent.end and m.char not in exclude and _fits(ctx, m.char, gender) \
                    and ctx.subject(i):
                return m.char
    return UNKNOWN


#: How far into its sentence (characters) its first name may start and still be taken for
#: its subject ("Presently Beasley strode …"); on the whole-novel tuning set a wide reach
#: does best (12: 0.728, 40: 0.731, 200: 0.744; LitBank 0.813, 0.812, 0.811).
SUBJECT_REACH = 200


#: How far back (characters) a pronoun looks for its antecedent in its own paragraph.
ANTECEDENT_WINDOW = 300


def _antecedent(ctx: _Context, offset: int, gender: str, exclude: Ids) -> int:
    """The antecedent of a "he"/"she" at ``offset``: the nearest earlier character of that
    gender in its own paragraph's narration, when that one is the subject of its clause
    ("Buck Mulligan wiped the razor. Then, gazing over it, he said:" → Buck Mulligan)."""
    mentions = ctx.mentions
    para = ctx.ch.paragraph_at(offset)
    if para is None:
        return UNKNOWN
    i = bisect_left(ctx.starts, offset) - 1
    floor = offset - ANTECEDENT_WINDOW
    while i >= 0 and mentions[i].start >= para.start:
        m = mentions[i]
        if m.start < floor:
            return UNKNOWN
        if m.char not in exclude and _fits(ctx, m.char, gender):
            if not ctx.subject(i):
                return UNKNOWN
            ctx.gender[m.char] = gender  # a described speaker learns its gender here
            return m.char
        i -= 1
    return UNKNOWN


def _fits(ctx: _Context, char: int, gender: str) -> bool:
    """Whether a "he"/"she" of ``gender`` can stand for ``char``: one of that gender, or a
    described speaker whose noun has none ("the sailor")."""
    g = ctx.gender.get(char)
    return g == gender or (g == "unknown" and ctx.entities[char].nominal)


#: Tags that carry on a line rather than answer one ("he continued", "she added").
_CONTINUING = frozenset({"continued", "continues", "added", "adds", "resumed", "resumes",
                         "pursued", "pursues", "proceeded", "proceeds", "persisted", "persists"})


def _last_speaker(ctx: _Context, offset: int, gender: str, exclude: Ids) -> int:
    """The most recent speaker of ``gender`` in the last few lines before ``offset``."""
    for off, spk in reversed(ctx.recent_speakers[-4:]):
        if off < offset - 3000:
            break
        if spk >= 0 and spk not in exclude and ctx.gender.get(spk) == gender:
            return spk
    return UNKNOWN


#: Parents, by the title the narration gives them.
_PARENT_TITLE = {"mother": "mrs", "father": "mr"}


def _titled_recent(ctx: _Context, offset: int, title: str, exclude: Ids) -> int:
    """The most salient character nearby whose name carries ``title`` ("mrs", "mr")."""
    others = ctx.untitled.get(title)
    if others is None:
        others = ctx.untitled[title] = {
            e.id for e in ctx.entities if not e.key[0] or e.key[0].rstrip(".").lower() != title}
    if len(others) == len(ctx.entities):
        return UNKNOWN
    return ctx.recent(offset, None, exclude | others)


def _participant(ctx: _Context, offset: int, gender: str, exclude: Ids) -> int:
    """In a running conversation, the one of its two speakers a pronoun fits: the one of
    that gender, or the one of unknown gender when the other is of the opposite gender."""
    people: list[int] = []
    for off, spk in reversed(ctx.recent_speakers[-8:]):
        if off < offset - 2000:
            break
        if spk >= 0 and spk not in people:
            people.append(spk)
        if len(people) == 2:
            break
    if len(people) < 2:
        return UNKNOWN
    genders = [ctx.gender.get(p, "unknown") for p in people]
    fits = [p for p, g in zip(people, genders) if g == gender and p not in exclude]
    if len(fits) == 1:
        return fits[0]
    if not fits and "unknown" in genders:
        other = [g for g in genders if g != "unknown"]
        if other and other[0] != gender:
            return people[genders.index("unknown")]
    return UNKNOWN


_TITLE_ALIASES = {"doctor": "dr", "dr": "dr", "mister": "mr", "professor": "prof"}


def _titled(ctx: _Context, noun: str) -> int:
    """"the doctor" → the one character titled Doctor/Dr. (when there is exactly one)."""
    by_title, by_first = ctx.title_index
    want = _TITLE_ALIASES.get(noun, noun)
    found = by_title.get(want) or by_first.get(noun) or set()
    return next(iter(found)) if len(found) == 1 else UNKNOWN


def title_index(entities: list[Entity]) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
    """Characters by title ("dr") and by the first word of any of their names, when that
    word is a title or a role ("Parson Tringham" → parson); a nickname made of a common
    noun ("Gentleman Jim") makes no title, so "the gentleman" is not taken for him.

    Example:
        >>> from collections import Counter
        >>> from forewarn.story.characters import Entity
        >>> ents = [Entity(id=0, key=(None, ("Tringham",)), forms=Counter({"Parson Tringham": 2})),
        ...         Entity(id=1, key=(None, ("Jim",)), forms=Counter({"Gentleman Jim": 2}))]
        >>> sorted(title_index(ents)[1])
        ['parson']
    """
    by_title: dict[str, set[int]] = {}
    by_first: dict[str, set[int]] = {}
    known = titles()
    roles = described_titles()
    for e in entities:
        if e.key[0]:
            t = e.key[0].rstrip(".").lower()
            by_title.setdefault(_TITLE_ALIASES.get(t, t), set()).add(e.id)
        for f in e.forms:
            first = f.split()[0].rstrip(".").lower()
            if first in known or first in roles:
                by_first.setdefault(first, set()).add(e.id)
            if first in known and len(f.split()) > 1:  # "Dr. Archie": titled by a form
                by_title.setdefault(_TITLE_ALIASES.get(first, first), set()).add(e.id)
    return by_title, by_first


def _spouse(ctx: _Context, offset: int, owner_gender: str, exclude: Ids) -> int:
    """"his wife" → Mrs. X when the most recent man is Mr. X (and the reverse)."""
    want = ("mrs",) if owner_gender == "male" else ("mr",)
    owners = [o for o in exclude if ctx.gender.get(o) == owner_gender]  # the one addressed
    owners.append(ctx.recent(offset, owner_gender, set()))
    for owner in owners:
        if owner < 0:
            continue
        key = ctx.entities[owner].key
        for e in ctx.entities:
            if e.id != owner and e.key[1] == key[1] and e.key[0] and \
                    e.key[0].rstrip(".").lower() in want:
                return e.id
    return UNKNOWN


def _nearest_other(ctx: _Context, offset: int, gender: str, exclude: Ids,
                   skip_focal: bool = True, window: float = 1e9) -> int:
    """"the woman": the nearest named character of that gender (before, or named soon
    after) who is not the focal one; a character known only by another description ("the
    man with the basket" for "the parson") is not taken."""
    skip = set(exclude)
    if skip_focal and ctx.focal is not None:
        skip.add(ctx.focal)
    i = bisect_left(ctx.starts, offset)
    best, dist = UNKNOWN, window
    for j in range(max(0, i - 30), min(len(ctx.mentions), i + 60)):
        m = ctx.mentions[j]
        if m.char in skip or ctx.gender.get(m.char) != gender or ctx.entities[m.char].nominal:
            continue
        d = abs(m.start - offset) * (1 if m.start < offset else 0.5)
        if d < dist:
            best, dist = m.char, d
    return best


def titled_descriptions(ctx: _Context) -> list[Mention]:
    """Mentions for the chapter's narration descriptions that name a title held by one
    character only ("The doctor shut the door." → Dr. Archie).

    Example:
        >>> from forewarn.text import segment_text
        >>> from forewarn.story.characters import build_characters
        >>> from forewarn.story.speaker_described import DescribedMentions
        >>> doc = segment_text('Dr. Hale came in. Dr. Hale sat. The doctor smiled. "Well," he said.')
        >>> ents, ms = build_characters(doc)
        >>> ctx = _Context(doc.chapters[0], ms[0], ents, None, {e.id: e.gender for e in ents})
        >>> ctx.title_index, ctx.described = title_index(ents), DescribedMentions(doc.chapters[0])
        >>> [(m.start, ents[m.char].name) for m in titled_descriptions(ctx)]
        [(32, 'Dr. Hale')]
    """
    if ctx.described is None:
        return []
    out: list[Mention] = []
    for noun in _titled_nouns(ctx):
        char = _titled(ctx, noun)
        if char != UNKNOWN and not ctx.entities[char].nominal:
            out.extend(ctx.described.mentions_of(char, noun))
    return out


def _titled_nouns(ctx: _Context) -> list[str]:
    """The description nouns that name a title some character holds ("doctor")."""
    by_title, by_first = ctx.title_index
    return [n for n in description_nouns()
            if _TITLE_ALIASES.get(n, n) in by_title or n in by_first]
