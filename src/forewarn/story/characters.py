"""Named characters: candidate names, filters against false characters, alias merging,
mention counts and gender.

A capitalised word is a character name only when it is used mid-sentence too (not only
as a sentence opener), is not usually written in lower case elsewhere in the story (so
"Good", "Here" and "Inventory" are not names), and is not a listed interjection, weekday,
month, place, nationality or brand. "Mr. Bennet" / "Bennet" and "Luka Megurine" / "Luka"
become one character with aliases.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from forewarn.cache import compile_regex
from forewarn.story.lexicon import (abbreviated_titles, gendered_nouns, given_names, married_titles, nicknames,
                                    speech_verbs, titles, words)
from forewarn.text.document import Document

#: "Mr|Mrs|…" from titles.toml: an abbreviated title is never a name token of its own.
_ABBREVIATED = "|".join(abbreviated_titles())
_TOKEN = (rf"(?<![^\W_]['’])(?!(?:{_ABBREVIATED})\.)"
          r"(?:[A-Z][a-z](?:[^\W_]|['’](?=[^\W_])|-(?!-))*|[A-Z]['’][A-Z][a-z]+)")
_SEP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"


def _after_capital(abbreviations: tuple[str, ...]) -> str:
    """The abbreviations as a pattern read just after their capital, grouped by it.

    Example:
        >>> _after_capital(("Mr", "Mrs", "Dr"))
        '(?<=M)(?:r|rs)\\\\.|(?<=D)(?:r)\\\\.'
    """
    by_first: dict[str, list[str]] = {}
    for t in abbreviations:
        by_first.setdefault(t[0], []).append(re.escape(t[1:]))
    return "|".join(rf"(?<={c})(?:{'|'.join(rest)})\." for c, rest in by_first.items())
#: ``_TOKEN`` at a word start, written capital-first: same matches, faster search.
_FIRST_TOKEN = (r"[A-Z](?<!\w[A-Z])(?<![^\W_]['’][A-Z])"
                r"(?!" + _after_capital(abbreviated_titles()) + ")"
                r"(?:[a-z](?:[^\W_]|['’](?=[^\W_])|-(?!-))*|['’][A-Z][a-z]+)")


_NAME: re.Pattern[str] | None = None


def _name_re() -> re.Pattern[str]:
    global _NAME
    if _NAME is None:
        # the first token starts with a character class so the regex engine can skip ahead
        # to capitals (several times faster than a leading \b)
        _NAME = compile_regex(rf"(?P<name>{_FIRST_TOKEN}(?:{_SEP}{_TOKEN})*)")
    return _NAME


_PRONOUN = compile_regex(  # subjects and possessives ("her scarf"), not objects ("met him")
    r"\b(?:(he|his|himself)|(she|hers|herself|her(?=\s+(?!(?:and|to|as|with|in|at|for|that|the|a|an|up|down|"
    r"out|off|on|into|from|by|so|but|or|again|back|away|now|then|too|was|is|had|if|when|than|once)\b)[a-z])))\b", re.I)
_COPULA_NOUN = compile_regex(r"\s+(?:was|is)\s+(?:a|an|the|his|her)\s+((?:[\w\-]+,?\s+){0,4}[a-z]+)\b")
_SENTENCE_BREAK = compile_regex(r"[.!?]\s")
#: A pronoun in the next sentence is weaker evidence than one in the same sentence.
CROSS_SENTENCE_VOTE = 0.5
#: Weight of the given-name hint, used only when the story's own evidence is thin.
NAME_HINT_VOTE = 2
_CLITIC = compile_regex(r"['’](?:ll|ve|re|d|m)$")
_NOT = compile_regex(r"n['’]t$")
_CLOSERS = frozenset("”\"’',")
_PLACE_WORDS = frozenset("in into near across throughout inside from toward towards of the at to "
                         "through beyond within upon".split())
_SENTENCE_END = set(".!?…:;\n\"“”‘'’([—–")
_POSS = compile_regex(r"['’]s?$")


class _LowerCounts:
    """How often a word is written in lower case, from whitespace-split tokens (a word
    with trailing punctuation counts too): cheaper than a regex over the whole book."""

    _TAILS = ("", ",", ".", ";", ":", "!", "?", "'s", "’s", "—", "-", "”", "\"", "’", "'", ")")

    def __init__(self, tokens: Counter) -> None:
        self._tokens = tokens

    def get(self, word: str, default: int = 0) -> int:
        t = self._tokens
        n = sum(t.get(word + tail, 0) for tail in self._TAILS)
        return n + t.get("“" + word, 0) + t.get("\"" + word, 0) + t.get("(" + word, 0) or default


@dataclass(slots=True)
class Mention:
    """One occurrence of a name: where it is and what surrounds it."""

    chapter: int
    start: int
    end: int
    form: tuple[str, ...]
    title: str | None
    initial: bool
    in_quote: bool
    #: A name used to address someone in a quote; set by :func:`build_characters` for the
    #: mentions of characters (it is False on the others).
    vocative: bool = False
    char: int = -1


@dataclass
class Entity:
    """A character being assembled: its surface forms and the evidence of its gender."""

    id: int
    key: tuple[str | None, tuple[str, ...]]
    forms: Counter = field(default_factory=Counter)
    #: a Counter of gender → votes; typed Any because its counts may be fractional
    #: (a cross-sentence vote is 0.5) and typeshed types Counter counts as int
    votes: Any = field(default_factory=Counter)
    mentions: int = 0
    narration_mentions: int = 0
    vocatives: int = 0
    narrator: bool = False
    #: An animal's name (a pet): no character of the relationship, no antecedent of he/she.
    animal: bool = False
    #: A speaker known only by a description ("the porter"), made by forewarn.story.nominal.
    nominal: bool = False

    @property
    def name(self) -> str:
        return self.forms.most_common(1)[0][0]

    @property
    def aliases(self) -> list[str]:
        return [f for f, _ in self.forms.most_common() if f != self.name]

    @property
    def gender(self) -> str:
        m, f, n = self.votes["male"], self.votes["female"], self.votes["nonbinary"]
        total = m + f + n
        if total == 0:
            return "unknown"
        best = max(("male", m), ("female", f), ("nonbinary", n), key=lambda x: x[1])
        return best[0] if best[1] >= 0.6 * total else "unknown"


def _display(title: str | None, form: tuple[str, ...]) -> str:
    name = " ".join(form)
    if title:
        t = title.rstrip(".")
        t = t + "." if t.lower() in ("mr", "mrs", "ms", "dr", "st", "prof", "rev") else t
        return f"{t} {name}"
    return name


def _is_initial(text: str, start: int, lo: int) -> bool:
    i = start - 1
    while i >= lo and text[i] in " \t":
        i -= 1
    if i < lo:
        return True
    # opening quotes and brackets continue to the char before them
    while i >= lo and text[i] in "\"“‘'([":
        j = i - 1
        while j >= lo and text[j] in " \t":
            j -= 1
        if j < lo or text[j] in _SENTENCE_END or text[j] == "\n":
            return True
        if text[i] in "'‘" and text[j - 1:j + 1].strip() == "":
            return True
        return text[j] in ".!?…"
    return text[i] in _SENTENCE_END


_DOT_TITLE = compile_regex(rf"\b({_ABBREVIATED})\.[ \t]*\n?[ \t]*$")


@lru_cache(maxsize=None)
def _skip_fast() -> frozenset[str]:
    """Capitalised spellings of the words that can never start a name."""
    return frozenset(w[:1].upper() + w[1:] for w in words("not_names.txt"))


def find_mentions(doc: Document) -> tuple[list[list[Mention]], "_LowerCounts"]:
    """Every capitalised name-like run in the story, and the counts of lower-case words.

    Example:
        >>> from forewarn.text import segment_text
        >>> ms, _ = find_mentions(segment_text("Then Mr. Bennet smiled at Luka Megurine."))
        >>> [(m.title, m.form) for m in ms[0]]
        [('Mr.', ('Bennet',)), (None, ('Luka', 'Megurine'))]
    """
    not_names = words("not_names.txt")
    title_words = titles()
    skip_fast = set(_skip_fast())  # grows with the words found to be no names
    single: dict[str, tuple[int, tuple[str]]] = {}  # one-word spelling → (length, form)
    parsed: dict[str, list[tuple[int, str | None, int, int, tuple[str, ...]]]] = {}
    per_chapter: list[list[Mention]] = []
    name_re = _name_re()
    for ci, ch in enumerate(doc.chapters):
        text = ch.text
        out: list[Mention] = []
        quotes = ch.quotes
        n_quotes = len(quotes)
        qi = 0
        for m in name_re.finditer(text):
            raw = m.group()
            if raw in skip_fast:
                continue  # "The", "She", "But": the bulk of capitalised words, never names
            base = m.start()
            title = None
            if base >= 3 and (text[base - 2] == "." or text[base - 3] == "."):
                # "Mr. Bennet": abbreviated titles end in a dot, so they sit outside the run
                tm = _DOT_TITLE.search(text, max(0, base - 8), base)
                if tm:
                    title = tm.group(1) + "."
            one = single.get(raw) if title is None else None
            if one is None and title is None and " " not in raw and "\n" not in raw and "\t" not in raw:
                clean = _clean_single(raw, not_names, title_words)
                if not clean:
                    skip_fast.add(raw)  # with or without a title, never a name
                    continue
                one = single[raw] = (len(clean), (clean,))
            if one is not None:
                # fast path: one word, no title (most mentions)
                if base >= 2 and text[base - 1] == " " and ((c := text[base - 2]).isalnum() or c == ","):
                    initial = False  # "… and Luka", "…, Luka": mid-sentence (the common case)
                else:
                    initial = _is_initial(text, base, 0)
                while qi < n_quotes and quotes[qi].end <= base:
                    qi += 1
                out.append(Mention(ci, base, base + one[0], one[1], None, initial,
                                   qi < n_quotes and quotes[qi].start <= base))
                continue
            runs = parsed.get(raw)
            if runs is None:
                runs = parsed[raw] = _parse_run(raw, not_names, title_words)
            for k, this_title, s_off, e_off, form in runs:
                s = base + s_off
                initial = k == 0 and title is None and s_off == 0 and _is_initial(text, s, 0)
                while qi < n_quotes and quotes[qi].end <= s:
                    qi += 1
                out.append(Mention(ci, s, base + e_off, form, title if k == 0 else this_title,
                                   initial, qi < n_quotes and quotes[qi].start <= s))
        per_chapter.append(out)
    return per_chapter, _LowerCounts(doc.token_counts())


def _clean_single(raw: str, not_names: frozenset[str], title_words: dict) -> str:
    """A one-word run as a name ("Luka's" → "Luka"), or "" when it can never be one
    ("Don't", "We'll", a listed non-name or title)."""
    if raw.isalpha():  # no apostrophe: nothing to cut off (most spellings)
        low = raw.lower()
        return "" if low in not_names or low in title_words or len(raw) < 2 else raw
    c = _POSS.sub("", raw) if raw.endswith(("'s", "’s", "'", "’")) else raw
    c = _CLITIC.sub("", c)
    low = c.lower()
    if _NOT.search(low):
        low = "don't"  # a verb ("Don’t"), never a name
    base_word = re.split(r"['’]", low, maxsplit=1)[0]
    if low in not_names or low in title_words or len(c) < 2 \
            or ("'" in low or "’" in low) and base_word in not_names:
        return ""
    return c


def _parse_run(raw: str, not_names: frozenset[str], title_words: dict
               ) -> list[tuple[int, str | None, int, int, tuple[str, ...]]]:
    """Cut a run of capitalised words into names: ``(k, title, start, end, form)`` with
    offsets into ``raw``; ``k`` is 0 for the part a dotted title before the run belongs to.
    Titles written out ("Captain") start a new part, listed non-names and possessives
    end one ("Sherlock Holmes's Watson" → "Sherlock Holmes", "Watson").

    Example:
        >>> _parse_run("Captain Ahab's Whale", frozenset(), {"captain": "male"})
        [(1, 'Captain', 8, 12, ('Ahab',)), (2, None, 15, 20, ('Whale',))]
    """
    runs: list[tuple[str | None, list[tuple[int, str]]]] = [(None, [])]
    pos = 0
    for tok in raw.split():
        pos = raw.find(tok, pos)
        clean = _POSS.sub("", tok) if tok.endswith(("'s", "’s", "'", "’")) else tok
        low = clean.lower()
        if low in title_words and clean == tok:
            runs.append((clean, []))
        elif low in not_names or len(clean) < 2:
            runs.append((None, []))
        else:
            runs[-1][1].append((pos, clean))
            if clean != tok:
                runs.append((None, []))
        pos += len(tok)
    return [(k, t, run[0][0], run[-1][0] + len(run[-1][1]), tuple(w for _, w in run))
            for k, (t, run) in enumerate(runs) if run]


_VOC_BEFORE = compile_regex(r"(?:^|[,“\"‘'(—–]|\b(?:[Dd]ear|[Mm]y|[Oo]h|O|[Aa]h|[Pp]oor|[Hh]ello|[Hh]i|[Hh]ey|[Tt]hanks|[Yy]es|[Nn]o|[Ww]ell|[Nn]ight|[Mm]orning|[Bb]ye))\s*$")


_SENTENCE_END_BEFORE = re.compile(r"[a-z][!?…]\s+$|[a-z]{2}\.\s+$")


def _vocative(text: str, s: int, e: int, q_inner: tuple[int, int] | None = None) -> bool:
    """A name used to address someone: "Luka, you made it" / "Good night, Luka." /
    "My dear Mr. Bennet," — but not a quote that is only the name ("Bingley.")."""
    after = text[e:e + 2].lstrip()
    if after[:1] not in (",", ".", "!", "?", "…", "—", "–", "\"", "”", "’", "'", ";"):
        return False
    if q_inner is not None and len(text[q_inner[0]:q_inner[1]].strip(" ,.!?…—–-'\"“”‘’")) <= e - s + 2:
        return False
    before = text[max(0, s - 24):s]
    before = re.sub(r"\b(?:Mr|Mrs|Ms|Dr|Miss|Sir|Lady|Lord|Aunt|Uncle|Captain)\.?\s*$", "", before)
    if _VOC_BEFORE.search(before):
        return True
    # opening a sentence inside the quote and set off by a comma: "So late! Anna, come in."
    return after[:1] in (",", "!", "?") and _SENTENCE_END_BEFORE.search(before) is not None


def _accept_single(w: str, stats: "FormStats", lower: "_LowerCounts", rejects: frozenset[str]) -> bool:
    lw = w.lower()
    if not w[0].isupper():
        return False
    total, mid, titled = stats.total, stats.mid, stats.titled
    if stats.said >= 1 and lw not in words("interjections.txt") \
            and (stats.said >= 2 or lower.get(lw, 0) < 3 * max(1, mid)):
        return True  # '”, Slim stated' / 'said Irish': a speaker, whatever the word
    if lw in rejects:
        return False
    if titled:
        return True
    if mid == 0:
        # only ever a sentence opener: a name if it acts ("Aki exhaled", "Aki's boots")
        # and the word is never written in lower case
        return stats.agent >= 2 and lower.get(lw, 0) == 0
    if lower.get(lw, 0) >= max(1, mid):
        return False
    if _place_like(stats):
        return False
    return total >= 2 or stats.speaker >= 1 or stats.agent >= 1


def _place_like(stats: "FormStats") -> bool:
    """Mostly after "in/at/to/of/the" and hardly ever acting or speaking: a place
    ("at Longbourn", "to Pemberley") or a thing, not a character; or mostly after a
    lower-case "the" and never tagged as speaking ("the Bottoms crouched"): people are
    not "the Tom".

    Example:
        >>> _place_like(FormStats(total=9, mid=9, place=8, article=8, agent=3, sampled=9))
        True
    """
    person = stats.agent + stats.said + stats.speaker + min(stats.titled, stats.sampled)
    seen = max(1, stats.sampled)
    if ARTICLE_PLACES and stats.sampled >= 2 and stats.article >= ARTICLE_SHARE * seen \
            and not stats.said and not stats.titled:
        return True
    return stats.place >= PLACE_SHARE * seen and person < PERSON_SHARE * seen


#: Narration mentions of one character that vote on its gender.
VOTE_SAMPLE = 80
#: Mentions of one name whose surroundings are examined (the rest are only counted).
CONTEXT_SAMPLE = 40
#: Share of mentions after a preposition or "the" that makes a name place-like …
PLACE_SHARE = 0.4
#: … unless at least this share of its mentions act, speak or carry a title.
PERSON_SHARE = 0.15
#: A name mostly written after a lower-case "the" (this share of its mentions) is a place
#: or a thing, whatever it does ("the Bottoms crouched"), unless a tag says it speaks.
ARTICLE_PLACES = True
ARTICLE_SHARE = 0.6


def build_characters(doc: Document) -> tuple[list[Entity], list[list[Mention]]]:
    """The story's characters, and every name mention linked to its character (``char``),
    in passes: the statistics of each name form, the forms accepted as names, the character
    each form goes to (titles and families decide), the mentions linked, then nicknames
    merged, pronoun votes counted and first-name hints added.

    Example:
        >>> from forewarn.text import segment_text
        >>> doc = segment_text('Mr. Bennet sat. "Yes," said Bennet. Oh, Sunday. Then Luka came, and Luka sat.')
        >>> ents, _ = build_characters(doc)
        >>> sorted((e.name, e.aliases) for e in ents)
        [('Luka', []), ('Mr. Bennet', ['Bennet'])]
    """
    per_chapter, lower = find_mentions(doc)
    stats, titled_forms = _form_stats(doc, per_chapter)
    accepted = _accepted_forms(stats, lower)
    targets = _targets(accepted, stats, titled_forms)
    entities = _link_mentions(doc, per_chapter, accepted, *targets)
    entities = _merge_nicknames(entities, per_chapter)
    _pronoun_votes(doc, per_chapter, entities)
    _name_hints(entities)
    return entities, per_chapter


def _name_hints(entities: list[Entity]) -> None:
    """A known given name ("Clara") adds the votes of its usual gender: a few when the
    story's own evidence is thin, and (with :data:`NAME_PRIOR`) enough to decide when the
    pronouns are mixed but do not overrule it (the other gender at most
    :data:`HINT_OVERRULED` times as many votes): in a love story "Clara" is often
    followed by "he" meaning the man beside her.

    Example:
        >>> from collections import Counter
        >>> e = Entity(id=0, key=(None, ("Clara",)), votes=Counter(male=11, female=14))
        >>> _name_hints([e]); e.gender
        'female'
    """
    hints = given_names()
    for ent in entities:
        hg = hints.get(ent.key[1][0].lower()) if ent.key[1] and not ent.key[0] else None
        if not hg or hg not in ("male", "female"):
            continue
        total = ent.votes["male"] + ent.votes["female"] + ent.votes["nonbinary"]
        other = total - ent.votes[hg]
        if total <= 2:
            ent.votes[hg] += NAME_HINT_VOTE
        elif NAME_PRIOR and other <= HINT_OVERRULED * ent.votes[hg]:
            ent.votes[hg] += NAME_HINT_VOTE + total


#: A given name's usual gender decides when the pronoun votes are mixed (see _name_hints).
NAME_PRIOR = True
#: … unless the other gender has more than this many times its votes.
HINT_OVERRULED = 4.0


Form = tuple[str, ...]
Target = tuple[str | None, Form]


@dataclass(slots=True)
class FormStats:
    """How one name form is used: mentions in all (``total``), not opening a sentence
    (``mid``), with a title, and among the first ``CONTEXT_SAMPLE`` (``sampled``) how many
    follow a place word, act ("Aki exhaled", "Aki's"), follow a speech verb (``speaker``)
    or are tagged as saying a line (``said``)."""

    total: int = 0
    mid: int = 0
    titled: int = 0
    place: int = 0
    agent: int = 0
    speaker: int = 0
    said: int = 0
    sampled: int = 0
    article: int = 0  # after a lower-case "the" ("the Bottoms", "the Pequod")


def _form_stats(doc: Document, per_chapter: list[list[Mention]]) -> tuple[dict[Form, FormStats], Counter]:
    """The statistics of every name form, and how often each (title, form) pair occurs."""
    speech = speech_verbs()
    past = words("past_verbs.txt") | speech
    stats: dict[Form, FormStats] = {}
    titled_forms: Counter = Counter()
    for ms in per_chapter:
        for m in ms:
            st = stats.get(m.form)
            if st is None:
                st = stats[m.form] = FormStats()
            st.total += 1
            if not m.initial:
                st.mid += 1
            if m.title:
                st.titled += 1
                titled_forms[(_norm_title(m.title), m.form)] += 1
            if st.sampled >= CONTEXT_SAMPLE:
                continue  # enough context seen for this name: its shares will not change much
            st.sampled += 1
            text = doc.chapters[m.chapter].text
            before = text[max(0, m.start - 20):m.start]
            after = text[m.end:m.end + 20]
            prev = before.rsplit(None, 2)
            last = prev[-1].lower() if prev and not before[-1:].isalnum() else ""
            nxt = after.split(None, 1)
            nword = nxt[0].strip(",.;:!?—–-\"”’'").lower() if nxt and after[:1].isspace() else ""
            if after.startswith(("'s", "’s")) or nword in past or (nword.endswith("ed") and len(nword) > 4):
                st.agent += 1
            if last in speech:
                st.speaker += 1
                if len(prev) >= 2 and prev[-2][-1:] in _CLOSERS and "\n\n" not in before[-len(last) - 6:]:
                    st.said += 1
            elif nword in speech and before.rstrip(" \t")[-1:] in _CLOSERS:
                st.said += 1
            if last in _PLACE_WORDS and not m.title and after[:1] not in ("'", "’"):
                st.place += 1
                if last == "the" and prev[-1] == "the":
                    st.article += 1
    return stats, titled_forms


def _accepted_forms(stats: dict[Form, FormStats], lower: "_LowerCounts") -> set[Form]:
    """The forms that name characters (not places, families, interjections…)."""
    rejects = (words("not_names.txt") | words("common_capitalised.txt") | words("places.txt")
               | words("brands.txt"))
    place_words = words("place_words.txt")
    accepted: set[tuple[str, ...]] = set()
    for form, st in stats.items():
        if len(form) == 1:
            w = form[0]
            if w.endswith("s") and (w[:-1],) in stats:
                continue  # "the Elphbergs": a family, not a character
            if w.lower() in place_words and not st.titled:
                continue  # "Row" of "Hell Row", "Street": the end of a place name
            if _accept_single(w, st, lower, rejects):
                accepted.add(form)
        else:
            lows = [t.lower() for t in form]
            if lows[-1] in place_words or any(t in rejects for t in lows) or " ".join(lows) in rejects:
                continue
            if _place_like(st):
                continue
            if any(lower.get(t, 0) > 2 for t in lows[1:]):
                continue
            if st.total >= 2 or st.titled or any((t,) in stats and stats[(t,)].mid for t in form):
                accepted.add(form)
    return accepted


def _targets(accepted: set[Form], stats: dict[Form, FormStats], titled_forms: Counter
             ) -> tuple[dict[Form, Target], dict[tuple[str, Form], Target], dict[Form, Target]]:
    """The character key each multi-word form, titled form and bare single word goes to:
    titled forms and multi-word forms first, then bare single words merge into them."""
    form_count = {f: stats[f].total for f in accepted}
    # multi-word forms, most frequent first; a shorter multi-word form inside a longer one merges
    multi = sorted((f for f in accepted if len(f) > 1), key=lambda f: (-len(f), -form_count[f], f))
    multi_target: dict[tuple[str, ...], tuple[str | None, tuple[str, ...]]] = {}
    for f in multi:
        multi_target[f] = (None, f)
    titled_target: dict[tuple[str, tuple[str, ...]], tuple[str | None, tuple[str, ...]]] = {}
    for (t, f), n in titled_forms.most_common():
        if f not in accepted:
            continue
        if len(f) > 1:
            titled_target[(t, f)] = (None, f)
            continue
        # "Mr. Holmes" joins "Sherlock Holmes" when that is the only full name ending so
        cands = [g for g in multi if g[-1] == f[0]] or [g for g in multi if g[0] == f[0]]
        g_ok = [g for g in cands if _gender_compatible(t, g, titled_forms) and _title_fits(t, g)]
        if len(g_ok) == 1 and len(cands) == 1:
            titled_target[(t, f)] = (None, g_ok[0])
        else:
            titled_target[(t, f)] = (t, f)
    single_target: dict[tuple[str, ...], tuple[str | None, tuple[str, ...]]] = {}
    titles_of: dict[tuple[str, ...], dict[str, tuple[str | None, tuple[str, ...]]]] = {}
    for (t, g), key in titled_target.items():
        titles_of.setdefault(g, {})[t] = key
    firsts_of: dict[str, set[str]] = {}  # surname → first names of two-word forms
    multi_with: dict[str, list[tuple[str, ...]]] = {}  # word → the multi-word forms with it
    for g in multi:
        if len(g) == 2:
            firsts_of.setdefault(g[1], set()).add(g[0])
        for word in dict.fromkeys(g):
            multi_with.setdefault(word, []).append(g)
    for f in sorted(accepted):
        if len(f) != 1:
            continue
        w = f[0]
        options: Counter = Counter()
        for t, key in titles_of.get(f, {}).items():
            options[key] += titled_forms[(t, f)]
        for g in multi_with.get(w, ()):
            options[multi_target[g]] += form_count[g] + (0.5 if g[0] == w else 0)
        family = _family_target(f, titles_of.get(f, {}), firsts_of.get(w, set()))
        if family is not None:
            single_target[f] = family
            continue
        # the most common option, the first one among equals (as Counter.most_common(1))
        single_target[f] = max(options, key=options.__getitem__) if options else (None, f)
    return multi_target, titled_target, single_target


def _link_mentions(doc: Document, per_chapter: list[list[Mention]], accepted: set[Form],
                   multi_target: dict[Form, Target], titled_target: dict[tuple[str, Form], Target],
                   single_target: dict[Form, Target]) -> list[Entity]:
    """The entities, with every mention of an accepted form linked to its target's."""
    title_gender = titles()
    entities: list[Entity] = []
    by_key: dict[tuple[str | None, tuple[str, ...]], Entity] = {}

    def entity_for(key: tuple[str | None, tuple[str, ...]]) -> Entity:
        ent = by_key.get(key)
        if ent is None:
            ent = Entity(len(entities), key)
            entities.append(ent)
            by_key[key] = ent
        return ent
    # link mentions: the target of each spelling (title and form) is looked up once, and
    # the counts are added per spelling at the end (forms enter in first-mention order)
    links: dict[tuple[str | None, tuple[str, ...]], list | None] = {}
    for ms in per_chapter:
        for m in ms:
            dkey = (m.title, m.form)
            link = links.get(dkey)
            if dkey not in links:
                link = links[dkey] = None
                if m.form in accepted:
                    if m.title:
                        tkey = titled_target.get((_norm_title(m.title), m.form))
                    elif len(m.form) > 1:
                        tkey = multi_target.get(m.form)
                    else:
                        tkey = single_target.get(m.form)
                    if tkey is not None:
                        ent = entity_for(tkey)
                        shown = _display(m.title, m.form)
                        ent.forms[shown] += 0  # its place among the forms
                        tg = title_gender.get(_norm_title(m.title), "") if m.title else ""
                        link = links[dkey] = [ent, shown, tg, 0, 0]  # mentions, in narration
            if link is None:
                continue
            ent = link[0]
            m.char = ent.id
            link[3] += 1
            if m.in_quote:
                ch = doc.chapters[m.chapter]
                q = ch.quote_at(m.start)
                m.vocative = q is not None and _vocative(ch.text, m.start, m.end, (q.inner_start, q.inner_end))
                ent.vocatives += m.vocative
            else:
                link[4] += 1
    for link in links.values():
        if link is not None:
            ent, shown, lg, n, narration = link
            ent.forms[shown] += n
            ent.mentions += n
            ent.narration_mentions += narration
            if lg:
                ent.votes[lg] += 3 * n
    return entities


def _title_fits(title: str, full: tuple[str, ...]) -> bool:
    """Whether "Mr. X" / "Miss X" / "Mrs. X" may be the person of a full name "First X": not
    when the first name is of the other gender, and a "Mrs. X" never is (a married woman goes
    by her husband's name; "Gertrude Morel" next to "Mrs. Morel" is rarely told as one).

    Example:
        >>> _title_fits("mr", ("Sherlock", "Holmes")), _title_fits("mr", ("Miriam", "Leivers")), _title_fits("mrs", ("Miriam", "Leivers"))
        (True, False, False)
    """
    g = titles().get(title, "")
    if title in married_titles():
        return False
    first = given_names().get(full[0].lower()) if len(full) > 1 else None
    return not (g and first and first != g)


def _family_target(f: tuple[str, ...], by_title: dict[str, tuple[str | None, tuple[str, ...]]],
                   firsts: set[str]) -> tuple[str | None, tuple[str, ...]] | None:
    """A bare surname shared by a wife and her family ("Morel" beside "Mrs. Morel" and "Paul
    Morel"): it is the man of the family ("Mr. Morel") when he is named so, else a character
    of its own — never the wife. None when no such family shares it (then the most frequent
    form with that surname takes it). ``by_title``: the titled forms of the surname (title →
    target); ``firsts``: the first names of the two-word forms ending with it.

    Example:
        >>> _family_target(("Morel",), {"mrs": ("mrs", ("Morel",))}, {"Paul"})
        (None, ('Morel',))
        >>> _family_target(("Holmes",), {}, {"Sherlock"}) is None
        True
    """
    female = any(titles().get(t) == "female" for t in by_title)
    if not (female and (firsts or "mr" in by_title)):
        return None
    return by_title.get("mr", (None, f))


def _norm_title(t: str) -> str:
    return t.rstrip(".").lower()


def _gender_compatible(title: str, form: tuple[str, ...], titled_forms: Counter) -> bool:
    g = titles().get(title, "")
    if not g:
        return True
    for (t, f), _ in titled_forms.items():
        if f == form and titles().get(t, "") not in ("", g):
            return False
    return True


def _pronoun_votes(doc: Document, per_chapter: list[list[Mention]], entities: list[Entity]) -> None:
    """Each narration mention votes for the gender of the first he/she pronoun that follows
    it before the next name (up to :data:`VOTE_SAMPLE` mentions a character)."""
    seen: Counter = Counter()
    for ms in per_chapter:
        if not ms:
            continue
        text = doc.chapters[ms[0].chapter].text
        for i, m in enumerate(ms):
            if m.char < 0 or m.in_quote or seen[m.char] >= VOTE_SAMPLE:
                continue
            seen[m.char] += 1
            if i > 0 and _same_sentence(text, ms[i - 1].start, m.start):
                continue  # not the first name of its sentence: rarely the pronoun's antecedent
            stop = min(m.end + 160, ms[i + 1].start if i + 1 < len(ms) else len(text))
            para_end = text.find("\n\n", m.end, stop)
            if para_end != -1:
                stop = para_end
            cm = _COPULA_NOUN.match(text, m.end)
            if cm:
                nouns = gendered_nouns()
                g = next((nouns[w] for w in cm.group(1).lower().replace(",", " ").split() if w in nouns), None)
                if g:
                    entities[m.char].votes[g] += 3
            pm = _PRONOUN.search(text, m.end, stop)
            if pm is None or doc.chapters[m.chapter].in_dialogue(pm.start()):
                continue
            same_sentence = not _SENTENCE_BREAK.search(text, m.end, pm.start())
            entities[m.char].votes["male" if pm.group(1) else "female"] += 1 if same_sentence else CROSS_SENTENCE_VOTE


_BREAKS = (". ", "! ", "? ", "\n", "” ", '" ')


def _same_sentence(text: str, prev: int, offset: int) -> bool:
    """True when a name at ``prev`` is in the sentence of the one at ``offset`` (no
    sentence break between them, less than 200 characters back, not at the very start),
    reading only the text between the two names.

    Example:
        >>> t = "So Tom and Anna sat. Then Bo came."
        >>> _same_sentence(t, 3, 11), _same_sentence(t, 11, 26)
        (True, False)
    """
    if prev <= offset - 200 or prev <= 0:
        return False
    between = text[prev:offset]
    return not any(b in between for b in _BREAKS)


def _merge_nicknames(entities: list[Entity], per_chapter: list[list[Mention]]) -> list[Entity]:
    """Fold a bare pet name into the one character whose name it shortens ("Lizzy" →
    "Elizabeth Bennet", "Harry" → "Lord Henry"); ids are renumbered."""
    pets = nicknames()
    target: dict[int, int] = {}
    for e in entities:
        if e.key[0] or len(e.key[1]) != 1:
            continue
        formal = pets.get(e.key[1][0].lower())
        if not formal:
            continue
        cands = {o.id for o in entities if o.id != e.id
                 and any(t.lower() in formal for t in o.key[1])}
        if len(cands) == 1:
            target[e.id] = cands.pop()
    if not target:
        return entities
    for src, dst in target.items():
        while dst in target:
            dst = target[dst]
        d, s = entities[dst], entities[src]
        d.forms.update(s.forms)
        d.votes.update(s.votes)
        d.mentions += s.mentions
        d.narration_mentions += s.narration_mentions
        d.vocatives += s.vocatives
        target[src] = dst
    keep = [e for e in entities if e.id not in target]
    new_id = {e.id: i for i, e in enumerate(keep)}
    for src, dst in target.items():
        new_id[src] = new_id[dst]
    for e in keep:
        e.id = new_id[e.id]
    for ms in per_chapter:
        for m in ms:
            if m.char >= 0:
                m.char = new_id[m.char]
    return keep
