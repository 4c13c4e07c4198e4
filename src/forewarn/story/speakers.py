"""Who speaks each quote.

Rules, in order of trust:

1. an explicit attribution next to the quote: a speech verb with its subject after the
   quote ("…," Miku says / said his wife / returned she), or before it (Yuto said, "…"),
   or ending the narration paragraph just before it ("Old Cotter said:" ¶ "…");
2. a character who acts in the same paragraph's narration ("Good." He grins.);
3. another quote of the same paragraph with a known speaker;
4. the reply: a line answered by one naming a person ("Tom, …") is that person's —
   decided as the paragraphs are read, so the turns after it build on it;
5. turn-taking in an untagged exchange: the person the previous line addressed by name,
   else the speaker before the previous one.

Pronouns (he/she) go to the subject just before them in their paragraph ("Buck Mulligan
wiped the razor. Then he said:"), else to the one of that gender in a two-person
conversation, else to the most salient character of that gender — never to the person
the quote addresses; "he added" goes on from the last speaker of that gender; "I" is the
first-person narrator; "her mother" is the most salient character titled Mrs.; "the
woman" goes to the nearest female character who is not the focal one.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from forewarn.story.characters import Entity, Mention
from forewarn.story.lexicon import gendered_nouns, speech_verbs
from forewarn.story.nominal import NominalSpeakers, nominal_phrase
from forewarn.story.trie import trie_pattern
from forewarn.text.document import ChapterDoc, Document, Paragraph

_KIN = frozenset({"mother", "father", "wife", "husband", "aunt", "uncle", "sister", "brother",
                  "daughter", "son", "grandmother", "grandfather", "niece", "nephew"})
NARRATOR = -2
#: Last resort for a line nothing attributes: the most salient person nearby. Off: on
#: LitBank such guesses are right only about a third of the time, and a wrong speaker
#: misleads more than an unknown one (it would lift speaker accuracy 0.759 → 0.772).
GUESS_SALIENT = False
#: A speaker known only by a description ("said the porter") is a character of its own.
NOMINAL = True
#: … also one described by a gendered noun ("the young man") when no one of that gender is near.
NOMINAL_GENDERED = False
#: Salience of a mention halves every this many characters back.
HALF_LIFE = 600.0
SUBJECT_WEIGHT = 2.0
UNKNOWN = -1
#: A set of character ids; some callers pass a frozenset.
Ids = set[int] | frozenset[int]

_WORD = r"[A-Za-z][\w'’\-]*"
_SUBJECT = (r"(?P<who>(?:I|[Hh]e|[Ss]he|[Tt]hey|[Ww]e)\b"
            r"|(?:[Tt]he|[Hh]is|[Hh]er|[Mm]y|[Tt]his|[Tt]hat|[Aa]n?|[Oo]ne|[Oo]ur|[Tt]heir)\s+(?:(?:[a-z]+|[A-Z][a-z]+)\s+){0,2}?[a-z][\w\-]*"
            r"|(?:[A-Z][\w'’\-.]*\s+){0,3}[A-Z][\w'’\-]*)")


def _verbs() -> str:
    """The speech verbs as one regex alternation, factored as a trie ("sa(?:id|ys?)"):
    the same words, matched several times faster than a flat list of ~500 branches."""
    return trie_pattern(speech_verbs())


_PATTERNS: dict[str, re.Pattern[str]] = {}
#: Punctuation stripped from the ends of a word before it is looked up as a speech verb.
_STRIP = re.escape(",.;:!?—–-\"”’'")
_STRIP_BEFORE = re.escape(",.;:!?—–-")


def _pat(name: str) -> re.Pattern[str]:
    return (_PATTERNS if _PATTERNS else _patterns())[name]


def _patterns() -> dict[str, re.Pattern[str]]:
    """The attribution patterns, compiled on first use."""
    if not _PATTERNS:
        v = _verbs()
        # after the quote: ", said Mr. Bennet" / "returned she" / "cried his wife"
        _PATTERNS["after_inv"] = re.compile(
            rf"\s*[,;—–-]*\s*(?P<verb>{v})\s+{_SUBJECT}", re.S)
        # after the quote: "Miku says" / "he laughs softly and says" / "the woman mutters"
        _PATTERNS["after"] = re.compile(
            rf"\s*[,;—–-]*\s*{_SUBJECT}(?:\s+(?:\w+ly|then|again|at\s+last|quietly|softly|and|also|had|has|was|just|finally)){{0,3}}\s+(?P<verb>{v})\b", re.S)
        # before the quote: "Yuto said, " / "He turned to her and said: ", in three steps
        # (see _tag_before): the last speech verb, with no other speech verb nor sentence
        # end between it and the quote; then its subject, starting a word ("he", not the
        # "he" of "the warning, "), at most four words before it
        _PATTERNS["verb_ws"] = re.compile(rf"(?<=\s)(?:{v})\b")
        _PATTERNS["before_tail"] = re.compile(r"[^.!?\"“”]{0,60}?[,:—–]?\s*", re.S)
        _PATTERNS["before_head"] = re.compile(
            rf"(?<![A-Za-z]){_SUBJECT}(?:\s+{_WORD}){{0,4}}?\s+$", re.S)
        _PATTERNS["verb_any"] = re.compile(rf"\b{v}\b")
        # a word that is a speech verb once punctuation is stripped from its ends
        _PATTERNS["verb_word"] = re.compile(rf"(?:^|\s)[{_STRIP_BEFORE}]*{v}[{_STRIP_BEFORE}]*(?:\s|$)")
        # …among the first nine words of a text
        _PATTERNS["verb_after"] = re.compile(rf"\s*(?:\S+\s+){{0,8}}?[{_STRIP}]*{v}[{_STRIP}]*(?:\s|$)")
        _PATTERNS["subject"] = re.compile(
            r"(?:^|[.!?…]\s+|^\s*[,;—–-]*\s*)(?P<who>I|He|She|he|she)\b\s+[a-z]", re.S)
    return _PATTERNS


@dataclass(slots=True)
class Attributed:
    """A quote and the character id that speaks it (``UNKNOWN``, ``NARRATOR`` or an id)."""

    chapter: int
    quote: int
    speaker: int
    how: str


class _Context:
    """Mentions of one chapter, searchable by offset, with the genders of characters."""

    def __init__(self, ch: ChapterDoc, mentions: list[Mention], entities: list[Entity],
                 narrator: int | None, genders: dict[int, str]) -> None:
        self.ch = ch
        self.text = ch.text
        # people talked about inside quotes are rarely the ones talking: only narration counts
        self.mentions = [m for m in mentions if m.char >= 0 and not m.in_quote]
        self.starts = [m.start for m in self.mentions]
        self._subject: dict[int, bool] = {}  # mention index → likely subject, on demand
        self.quoted = [m for m in mentions if m.char >= 0 and m.in_quote]
        self.quoted_starts = [m.start for m in self.quoted]
        self.entities = entities
        self.gender = genders
        self.narrator = narrator
        counts: dict[int, int] = {}
        for m in self.mentions:
            counts[m.char] = counts.get(m.char, 0) + 1
        self.focal = max(counts, key=lambda c: counts[c]) if counts else None
        self.recent_speakers: list[tuple[int, int]] = []  # (offset, speaker)
        self.title_index: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
        self.untitled: dict[str, set[int]] = {}  # title → characters without it (on demand)
        self.nominal: NominalSpeakers | None = None  # described speakers, shared by chapters

    def subject(self, i: int) -> bool:
        """Whether narration mention ``i`` is likely its sentence's subject (cached)."""
        v = self._subject.get(i)
        if v is None:
            v = self._subject[i] = _is_subject(self.text, self.mentions, i)
        return v

    def mention_in(self, s: int, e: int) -> Mention | None:
        i = bisect_left(self.starts, s)
        while i < len(self.mentions) and self.mentions[i].start < e:
            return self.mentions[i]
        return None

    def recent(self, offset: int, gender: str | None, exclude: Ids, limit: int = 4000) -> int:
        """The most recent character (mentioned or speaking before ``offset``) of
        ``gender``; failing that, the most recent one whose gender is unknown."""
        # (offset, character, index of the narration mention or -1 for a speaker)
        events: list[tuple[int, int, int]] = []
        mentions = self.mentions
        floor = offset - limit
        i = bisect_left(self.starts, offset) - 1
        stop = max(-1, i - 40)
        while i > stop:
            m = mentions[i]
            if m.start <= floor:
                break
            events.append((m.start, m.char, i))
            i -= 1
        for off, spk in self.recent_speakers[-20:]:
            if off > floor:
                events.append((off, spk, -1))
        events.sort(reverse=True)
        # salience: subjects and speakers weigh more, and every step back weighs less
        score: dict[int, float] = {}
        unknown: dict[int, float] = {}
        genders = self.gender
        for off, c, i in events:
            if c < 0 or c in exclude:
                continue
            g = genders.get(c)
            if gender is None or g == gender:
                w = (SUBJECT_WEIGHT if i < 0 or self.subject(i) else 1.0) * 0.5 ** ((offset - off) / HALF_LIFE)
                score[c] = score.get(c, 0.0) + w
            elif g == "unknown":
                w = (SUBJECT_WEIGHT if i < 0 or self.subject(i) else 1.0) * 0.5 ** ((offset - off) / HALF_LIFE)
                unknown[c] = unknown.get(c, 0.0) + w
        if score:
            return max(score, key=lambda c: score[c])
        if unknown:
            return max(unknown, key=lambda c: unknown[c])
        return UNKNOWN


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
        spk = _participant(ctx, quote_start, he_she, exclude)
        return spk if spk != UNKNOWN else ctx.recent(quote_start, he_she, exclude)
    if lw in ("they", "we"):
        return UNKNOWN
    m = ctx.mention_in(start, start + len(w))
    if m is not None:
        return m.char
    words = lw.split()
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
        return _nearest_other(ctx, quote_start, gender, exclude)
    return UNKNOWN


def _described(ctx: _Context, start: int, quote_start: int, exclude: Ids) -> int:
    """A speaker known by a description ("said the porter") when no named character
    could be meant: none has the noun in its name ("Parson Tringham" for "the parson")
    and, for a gendered noun ("the young man"), none of that gender is near."""
    phrase = nominal_phrase(ctx.text, start)
    if phrase is None:
        return UNKNOWN
    noun = phrase[1]
    by_title, by_first = ctx.title_index
    if noun in by_first or _TITLE_ALIASES.get(noun, noun) in by_title:
        return UNKNOWN
    gender = gendered_nouns().get(noun)
    if gender and (not NOMINAL_GENDERED or _nearest_other(ctx, quote_start, gender, exclude) != UNKNOWN):
        return UNKNOWN
    return ctx.nominal.speaker(phrase) if ctx.nominal is not None else UNKNOWN


#: Determiners that open a description of a speaker ("the porter", "a lounger").
_DESCRIBING = frozenset({"the", "a", "an", "another", "this", "that"})


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
        if m.char not in exclude and ctx.gender.get(m.char) == gender:
            return m.char if ctx.subject(i) else UNKNOWN
        i -= 1
    return UNKNOWN


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
    """Characters by title ("dr") and by the first word of any of their names."""
    by_title: dict[str, set[int]] = {}
    by_first: dict[str, set[int]] = {}
    for e in entities:
        if e.key[0]:
            t = e.key[0].rstrip(".").lower()
            by_title.setdefault(_TITLE_ALIASES.get(t, t), set()).add(e.id)
        for f in e.forms:
            by_first.setdefault(f.split()[0].rstrip(".").lower(), set()).add(e.id)
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
                   skip_focal: bool = True) -> int:
    """"the woman": the nearest character of that gender (before, or named soon after) who
    is not the focal one."""
    skip = set(exclude)
    if skip_focal and ctx.focal is not None:
        skip.add(ctx.focal)
    i = bisect_left(ctx.starts, offset)
    best, dist = UNKNOWN, 1e9
    for j in range(max(0, i - 30), min(len(ctx.mentions), i + 60)):
        m = ctx.mentions[j]
        if m.char in skip or ctx.gender.get(m.char) != gender:
            continue
        d = abs(m.start - offset) * (1 if m.start < offset else 0.5)
        if d < dist:
            best, dist = m.char, d
    return best


_NOBODY: frozenset[int] = frozenset()
_HE_SHE = frozenset({"he", "He", "HE", "she", "She", "SHE"})


def _all_vocatives(ctx: _Context, quotes) -> list[frozenset[int] | set[int]]:
    """For every quote, the characters it addresses by name (one pass over both lists)."""
    out: list[frozenset[int] | set[int]] = [_NOBODY] * len(quotes)
    quoted = ctx.quoted
    if not quoted:
        return out
    j, n = 0, len(quoted)
    for qi, q in enumerate(quotes):
        while j < n and quoted[j].start < q.inner_start:
            j += 1
        if j == n:
            break
        found: set[int] | None = None
        while j < n and quoted[j].start < q.inner_end:
            if quoted[j].vocative:
                if found is None:
                    found = set()
                found.add(quoted[j].char)
            j += 1
        if found:
            out[qi] = found
    return out


def attribute(doc: Document, per_chapter: list[list[Mention]], entities: list[Entity],
              narrator: int | None, first_person: bool) -> list[Attributed]:
    """A speaker for every quote of the document.

    Example:
        >>> from forewarn.text import segment_text
        >>> from forewarn.story.characters import build_characters
        >>> doc = segment_text('Tom met Anna. Then Anna smiled; she was glad. Tom sat and he waited.\\n\\n"Hi," said Tom.\\n\\n"Hello," she said.')
        >>> ents, ms = build_characters(doc)
        >>> [ents[a.speaker].name for a in attribute(doc, ms, ents, None, False)]
        ['Tom', 'Anna']
    """
    out: list[Attributed] = []
    genders = {e.id: "animal" if e.animal else e.gender for e in entities}
    index = title_index(entities)
    nominal = NominalSpeakers(entities, genders)
    for ci, ch in enumerate(doc.chapters):
        ctx = _Context(ch, per_chapter[ci], entities, narrator if first_person else None, genders)
        ctx.title_index = index
        ctx.nominal = nominal
        if not first_person:
            ctx.narrator = UNKNOWN
        out.extend(_attribute_chapter(ci, ch, ctx, first_person))
    return out


def _attribute_chapter(ci: int, ch: ChapterDoc, ctx: _Context, first_person: bool) -> list[Attributed]:
    text = ch.text
    quotes = ch.quotes
    results: list[Attributed] = []
    if not quotes:
        return results
    # group quotes by the paragraph they open in
    by_para: dict[int, list[int]] = {}
    for qi, q in enumerate(quotes):
        by_para.setdefault(q.paragraph, []).append(qi)
    prev_para_speakers: list[tuple[int, int, set[int]]] = []  # (paragraph, speaker, addressees)
    groups: dict[int, list[Attributed]] = {}  # paragraph → its quotes' attributions
    paragraphs = ch.paragraphs
    recent_speakers = ctx.recent_speakers
    vocs = _all_vocatives(ctx, quotes)
    para_vocs: dict[int, set[int]] = {}  # paragraph → everyone its lines address by name
    for qi, voc in enumerate(vocs):
        if voc:
            para_vocs.setdefault(quotes[qi].paragraph, set()).update(voc)
    for pi, qids in by_para.items():  # paragraphs in order: quotes are in text order
        para = paragraphs[pi]
        last_end = paragraphs[quotes[qids[-1]].last_paragraph].end
        speakers: list[tuple[int, str]] = []
        addressed: set[int] = set()
        found = UNKNOWN  # the first speaker found for the paragraph
        n = len(qids)
        for k, qi in enumerate(qids):
            q = quotes[qi]
            voc = vocs[qi]
            if voc:
                addressed |= voc
            nxt = quotes[qids[k + 1]].start if k + 1 < n else last_end
            prv = quotes[qids[k - 1]].end if k > 0 else para.start
            spk, how = _explicit(ctx, q.start, q.end, prv, nxt, voc)
            if spk != UNKNOWN and found == UNKNOWN:
                found = spk
            speakers.append((spk, how))
        if found != UNKNOWN:
            if n > 1:
                speakers = [(s, h) if s != UNKNOWN else (found, "paragraph") for s, h in speakers]
            if para_vocs.get(pi + 1) and all(h[-8:] == "-pronoun" or h == "paragraph" for _, h in speakers):
                # "…," he said.¶"Tom, …": "he" is the one the reply names
                named = para_vocs[pi + 1] - addressed
                if len(named) == 1:
                    other = next(iter(named))
                    if ctx.gender.get(other) == ctx.gender.get(found):
                        found = other
                        speakers = [(other, h) for _, h in speakers]
        else:
            spk, how = UNKNOWN, "beat"
            if pi > 0 and quotes[qids[0]].start == para.start:
                spk, how = _colon_tag(ctx, paragraphs[pi - 1], quotes, by_para.get(pi - 1),
                                      para.start, addressed), "lead-tag"
            if spk == UNKNOWN:
                spk, how = _beat(ctx, ch, para.start, last_end, quotes, qids, addressed), "beat"
                if spk != UNKNOWN and para_vocs.get(pi - 1) and prev_para_speakers:
                    # "Anna, look!"¶"What?" Bob turned.: Anna answers, not the one acting
                    named = para_vocs[pi - 1] - addressed
                    named.discard(prev_para_speakers[-1][1])
                    if len(named) == 1:
                        spk, how = next(iter(named)), "answering"
            if spk == UNKNOWN and text[para.start] in _QUOTE_OPENERS:
                spk, how = _lead_in(ctx, ch, pi, quotes, by_para, addressed), "lead-in"
            if spk == UNKNOWN:
                spk = _turn(prev_para_speakers, pi, addressed)
                if spk == UNKNOWN and prev_para_speakers and prev_para_speakers[-1][1] >= 0 \
                        and pi - prev_para_speakers[-1][0] <= 3:
                    # the other person in the conversation: someone recently in the narration
                    spk = ctx.recent(para.start, None, addressed | {prev_para_speakers[-1][1]}, 1500)
                how = "turn"
                if spk == UNKNOWN and addressed:
                    # a line that names whom it speaks to: the most salient one nearby
                    spk, how = ctx.recent(para.start, None, addressed, 1500), "vocative"
                if spk == UNKNOWN and GUESS_SALIENT:
                    spk, how = ctx.recent(para.start, None, addressed, 1500), "salient"
            if (spk == UNKNOWN or how in _GUESSES) and para_vocs.get(pi + 1):
                # answered by a line naming one person ("Tuppence, old bean!"): theirs.
                # Decided here, not after the chapter, so the turns that follow build on it
                named = para_vocs[pi + 1] - addressed
                if len(named) == 1:
                    spk, how = next(iter(named)), "answered"
            found = spk
            speakers = [(spk, how)] * n
        # reset turn-taking after a long stretch of narration
        if prev_para_speakers and pi - prev_para_speakers[-1][0] > 3:
            prev_para_speakers = []
        prev_para_speakers.append((pi, found, addressed))
        group = groups[pi] = []
        for qi, (spk, how) in zip(qids, speakers):
            a = Attributed(ci, qi, spk, how)
            results.append(a)
            group.append(a)
            if spk != UNKNOWN:
                recent_speakers.append((quotes[qi].start, spk))
    _backfill_turns(groups)
    for a in results:
        if a.how[-8:] == "-pronoun":
            a.how = a.how[:-8]
    return results


#: Weaker attributions that a reply naming one person overrides.
_GUESSES = frozenset({"vocative", "lead-in"})


def _explicit(ctx: _Context, qs: int, qe: int, prv: int, nxt: int, voc: Ids) -> tuple[int, str]:
    text = ctx.text
    end = min(nxt, qe + 120)
    # a speech verb among the first nine words after the quote (the patterns below are
    # anchored there; ``endpos`` makes the text end where the window does)
    pats = _PATTERNS if _PATTERNS else _patterns()
    if end - qe > 3 and pats["verb_after"].match(text, qe, end):
        for name in _AFTER_NAMES:
            m = pats[name].match(text, qe, end)
            if m:
                told = _addressee(ctx, m.end(), min(nxt, m.end() + 40))
                who = m.group("who")
                spk = UNKNOWN
                if who in _HE_SHE and m.group("verb") in _CONTINUING:
                    # "…," he went on: the last one of that gender to speak goes on
                    spk = _last_speaker(ctx, qs, "male" if who.lower() == "he" else "female",
                                        voc | told if told else voc)
                if spk == UNKNOWN:
                    spk = _resolve(ctx, who, m.start("who"), qs, voc | told if told else voc)
                if spk != UNKNOWN:
                    if who in _HE_SHE:
                        return spk, name + "-pronoun"
                    return spk, name
    lo = max(prv, qs - 160)
    if qs - lo < 3:
        return _NO_TAG
    spk = _tag_before(ctx, lo, qs, qs, voc)
    return (spk, "before") if spk != UNKNOWN else _NO_TAG


_AFTER_NAMES = ("after_inv", "after")
_NO_TAG = (UNKNOWN, "")


def _colon_tag(ctx: _Context, prev: Paragraph, quotes, prev_qids: list[int] | None, qs: int,
               voc: set[int]) -> int:
    """A paragraph of narration that ends by introducing the line after it names its
    speaker: "Old Cotter said, as if returning to some former remark of his:" ¶ "…"."""
    text = ctx.text
    hi = prev.end
    while hi > prev.start and text[hi - 1].isspace():
        hi -= 1
    if hi <= prev.start or text[hi - 1] != ":":
        return UNKNOWN
    lo = prev.start
    if prev_qids:
        lo = max(lo, quotes[prev_qids[-1]].end)
    return _tag_before(ctx, max(lo, hi - 160), hi, qs, voc)


def _tag_before(ctx: _Context, lo: int, hi: int, qs: int, voc: Ids) -> int:
    """The speaker a tag ending at ``hi`` names ("Yuto said, " / "He turned and asked:"),
    reading back from ``hi`` to ``lo`` at most and to the last sentence break."""
    text = ctx.text
    pats = _PATTERNS if _PATTERNS else _patterns()
    if hi - lo < 3:
        return UNKNOWN
    before = text[lo:hi]
    cut = max(before.rfind(". ") + 2, before.rfind("! ") + 2, before.rfind("? ") + 2, before.rfind("\n\n") + 2)
    if cut >= 2:
        if len(before) - cut < 3:
            return UNKNOWN
        before = before[cut:]
        lo = hi - len(before)
    if not pats["verb_any"].search(before):  # a quick superset test
        return UNKNOWN
    # a speech verb among the last ten words before the quote
    if not pats["verb_word"].search(" ".join(before.rsplit(None, 10)[-10:])):
        return UNKNOWN
    # the last speech verb, with no sentence end after it …
    verb = None
    for verb in pats["verb_ws"].finditer(before):
        pass
    if verb is None or not pats["before_tail"].fullmatch(before, verb.end()):
        return UNKNOWN
    # … and its subject, at most four words before it
    m = pats["before_head"].search(before, 0, verb.start())
    if m:
        return _resolve(ctx, m.group("who"), lo + m.start("who"), qs, voc)
    return UNKNOWN




def _backfill_turns(by_para: dict[int, list[Attributed]]) -> None:
    """Alternating turns for lines still without a speaker: read backwards (an exchange
    that opens untagged takes its speakers from the tagged lines that follow) or forwards
    from the two lines before (A, B, A, B …)."""
    for pi in sorted(by_para, reverse=True):
        group = by_para[pi]
        if any(a.speaker != UNKNOWN for a in group):
            continue
        for step, how in ((1, "turn-back"), (-1, "turn-fill")):
            nxt, after = by_para.get(pi + step), by_para.get(pi + 2 * step)
            if not nxt or not after:
                continue
            b, a2 = nxt[0].speaker, after[0].speaker
            if b != UNKNOWN and a2 != UNKNOWN and a2 != b:
                for a in group:
                    a.speaker, a.how = a2, how
                break


_TO = re.compile(r"\s+(?:\w+ly\s+)?(?:to|at)\s+(?:Mr\.|Mrs\.|Miss|Dr\.)?\s*")


def _addressee(ctx: _Context, start: int, end: int) -> set[int]:
    """The person an attribution names as spoken to ("said he to Temple")."""
    m = _TO.match(ctx.text, start, end)
    if not m:
        return set()
    men = ctx.mention_in(m.end() - 1, min(end, m.end() + 3))
    return {men.char} if men is not None else set()


def _beat(ctx: _Context, ch: ChapterDoc, start: int, end: int, quotes, qids: list[int],
          addressed: set[int]) -> int:
    """A character acting in the paragraph's narration: the first subject found."""
    text = ctx.text
    spans: list[tuple[int, int]] = []
    pos = start
    for qi in qids:
        q = quotes[qi]
        if q.start > pos:
            spans.append((pos, q.start))
        pos = max(pos, q.end)
    if pos < end:
        spans.append((pos, end))
    for s, e in spans:
        seg = text[s:e]
        if len(seg.strip()) < 3:
            continue
        m = ctx.mention_in(s, e)
        if m is not None and m.char not in addressed:
            # only a "he"/"she" before the name matters: read no further than just past it
            pm = _pat("subject").search(seg, 0, m.start - s + 40)
            if pm is None or m.start < s + pm.start("who"):
                return m.char
        else:
            pm = _pat("subject").search(seg)
        if pm:
            spk = _resolve(ctx, pm.group("who"), s + pm.start("who"), s + pm.start("who"), addressed)
            if spk != UNKNOWN:
                return spk
    return UNKNOWN


_QUOTE_OPENERS = "\"“‘'—―-"
#: Words of narration before a line that make its actor the likely speaker ("Oskar
#: hesitated." is enough).
LEAD_IN_WORDS = 2
LEAD_IN_AFTER_SPEECH = False
_LAST_SENTENCE = re.compile(r"(?:^|(?<=[.!?…]))\s+(?=\S)")


def _lead_in(ctx: _Context, ch: ChapterDoc, pi: int, quotes, by_para: dict[int, list[int]],
             addressed: set[int]) -> int:
    """The actor of the narration right before an untagged line: a paragraph of narration
    ("Mr. Pett was sniffing suspiciously.") or the narration closing the previous
    paragraph ("Ogden celebrated his victory …")."""
    if pi == 0:
        return UNKNOWN
    prev = ch.paragraphs[pi - 1]
    start = prev.start
    if pi - 1 in by_para and not LEAD_IN_AFTER_SPEECH:
        return UNKNOWN
    if pi - 1 in by_para:
        start = max(start, quotes[by_para[pi - 1][-1]].end)
        if (pi - 1) in by_para and quotes[by_para[pi - 1][-1]].last_paragraph != pi - 1:
            return UNKNOWN
    seg = ctx.text[start:prev.end]
    if len(seg.split(None, LEAD_IN_WORDS)) < LEAD_IN_WORDS:
        return UNKNOWN
    # the last sentence of that narration
    cut = max(seg.rfind(". ", 0, len(seg) - 2), seg.rfind("! ", 0, len(seg) - 2), seg.rfind("? ", 0, len(seg) - 2))
    s0 = start + (cut + 2 if cut >= 0 else 0)
    m = ctx.mention_in(s0, prev.end)
    # a "he"/"she" matters only at the sentence start or before the name: read no further
    pm = _pat("subject").search(ctx.text, s0, min(prev.end, (m.start if m is not None else s0) + 40))
    if m is not None and m.char not in addressed and (pm is None or m.start <= pm.start("who")) \
            and m.start - s0 < 40:
        return m.char
    if pm is not None and pm.start("who") - s0 < 3:
        return _resolve(ctx, pm.group("who"), pm.start("who"), pm.start("who"), addressed)
    return UNKNOWN


def _turn(prev: list[tuple[int, int, set[int]]], pi: int, addressed: set[int]) -> int:
    """Turn-taking: answer the one who was addressed, or alternate with the last speaker."""
    if not prev:
        return UNKNOWN
    last_pi, last_spk, last_addr = prev[-1]
    if pi - last_pi > 2:
        return UNKNOWN
    if last_addr:
        cands = [a for a in last_addr if a != last_spk and a not in addressed]
        if len(cands) == 1:
            return cands[0]
    for j in range(len(prev) - 2, -1, -1):
        spk = prev[j][1]
        if spk != UNKNOWN and spk != last_spk and spk not in addressed:
            return spk
        if spk == last_spk and spk != UNKNOWN:
            return UNKNOWN
    return UNKNOWN


def _is_subject(text: str, mentions: list[Mention], i: int) -> bool:
    """First name of its sentence and not a possessive: likely the sentence's subject."""
    m = mentions[i]
    if text[m.end:m.end + 1] in ("'", "’"):
        return False
    if _POSSESSED.search(text, max(0, m.start - 6), m.start):
        return False  # "her Ayah", "his mother Anna": someone's, not the one acting
    if i == 0:
        return True
    lo = max(0, m.start - 200)
    prev = mentions[i - 1].start
    # a clause boundary between the previous mention and this one (within 200 characters)
    return prev < lo or _BOUNDARY.search(text, max(lo, prev + 1), m.start) is not None


_POSSESSED = re.compile(r"(?<![A-Za-z])(?:[Hh]er|[Hh]is|[Mm]y|[Yy]our|[Tt]heir|[Oo]ur)\s+$")
_BOUNDARY = re.compile(r"[.!?”\",] |\n\n")
