"""Context rules around a lexicon hit, loaded from ``warnings/data/context.toml``.

Each rule looks only at the sentence holding the hit (never the whole text):

* negation — "she didn't drink", "there was no blood" → the hit is dropped;
* hypotheticals — "if he died", "I'll kill you" → at most a mention;
* mention cues — remembered, reported, long past, said in dialogue → a mention;
* intensity — "blood gushed", "screaming in agony" → graphic when on the page;
* declarations — "Trigger warnings: blood, violence." lists warnings, it shows none.

Example:
    >>> rules = context_rules()
    >>> toks = sentence_tokens("She didn't drink, not tonight.")
    >>> rules.negated(toks, 11)
    True
    >>> rules.negated(sentence_tokens("She drank."), 4)
    False
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from forewarn.cache import compile_regex
from forewarn.warnings.lexicon import read_data

_TOKEN = compile_regex(r"[\w'’]+|[,;:!?()—–]")
# The same tokens on ASCII text, where a class of ranges is cheaper to test than \w.
_ASCII_TOKEN = compile_regex(r"[,;:!?()]|[a-zA-Z0-9_']+")
# Longer sentences (run-on prose, whole pages) find token offsets once and bisect them,
# rather than tokenizing the sentence up to each hit again.
_LONG_SENTENCE = 500
_BARRIERS = frozenset(",;:!?()—–")


class Tokens:
    """Lower-cased tokens of one sentence; ``base`` is the sentence's offset in its chapter.

    A sentence is either its own string (``Tokens(sentence, base)``) or the span
    ``lo:hi`` of the chapter text (:meth:`span`), which spares slicing and lower-casing
    it again for every sentence that holds a hit.
    """

    __slots__ = ("words", "text", "base", "lo", "hi", "apos", "_last", "_pattern", "_starts")

    def __init__(self, text: str, base: int = 0, *, lo: int = 0, hi: int | None = None,
                 low: str | None = None, ascii: bool = False) -> None:
        hi = len(text) if hi is None else hi
        self.text, self.base, self.lo, self.hi = text, base, lo, hi
        self._last: tuple[int, int] | None = None
        self._starts: list[int] | None = None
        self._pattern = pattern = _ASCII_TOKEN if ascii else _TOKEN
        if low is None:
            low, lo, hi = text[lo:hi].lower().replace("’", "'"), 0, hi - lo
        self.words = tuple(pattern.findall(low, lo, hi))
        self.apos = low.find("'", lo, hi) >= 0  # no apostrophe: no word ends in "'ll" or "'d"

    @classmethod
    def span(cls, text: str, low: str | None, lo: int, hi: int, ascii: bool = False) -> "Tokens":
        """Tokens of ``text[lo:hi]``; ``low`` is ``text.lower().replace("’", "'")`` when
        lower-casing the whole text gives the same characters as lower-casing the span
        (None otherwise); ``ascii`` says ``text`` is ASCII. Offsets passed to
        :meth:`before` are offsets in ``text``.

        Example:
            >>> text = "Oh. No, HE bled."
            >>> t = Tokens.span(text, text.lower(), 4, 16)
            >>> t.words, t.before(11)
            (('no', ',', 'he', 'bled'), 3)
            >>> Tokens.span(text, text.lower(), 4, 16, ascii=True).words == t.words
            True
        """
        return cls(text, 0, lo=lo, hi=hi, low=low, ascii=ascii)

    def after_closed_quote(self, offset: int) -> int:
        """Tokens before the last closing quotation mark ahead of ``offset`` in the sentence
        (0 when none): a hit after a quotation stands outside it.

        Example:
            >>> t = sentence_tokens('"Run, he will come," she said, and hid.')
            >>> t.words[t.after_closed_quote(30):t.before(30)]
            ('she', 'said', ',')
        """
        lo, end = self.lo, min(max(self.lo, offset - self.base), self.hi)
        text = self.text
        curly = text.rfind("\u201d", lo, end)
        if curly >= 0 and text.find("\u201c", curly, end) < 0:
            return self.before(curly + 1 + self.base)
        straight = text.rfind('"', lo, end)
        if straight >= 0 and text.count('"', lo, end) % 2 == 0:
            return self.before(straight + 1 + self.base)
        return 0

    def before(self, offset: int) -> int:
        """Number of tokens that start before ``offset`` (a chapter offset)."""
        last = self._last
        if last is not None and last[0] == offset:
            return last[1]
        # findall with pos/endpos on the unsliced text: the pattern has no anchors
        end = min(max(self.lo, offset - self.base), self.hi)
        if self.hi - self.lo <= _LONG_SENTENCE:
            n = len(self._pattern.findall(self.text, self.lo, end))
        else:  # tokens found in text[lo:end] are the tokens that start before end
            starts = self._starts
            if starts is None:
                starts = self._starts = [m.start() for m in
                                         self._pattern.finditer(self.text, self.lo, self.hi)]
            n = bisect_left(starts, end)
        self._last = (offset, n)
        return n


def sentence_tokens(text: str, base: int = 0) -> Tokens:
    """Tokens of a sentence; punctuation marks that end a clause are tokens of their own.

    Example:
        >>> sentence_tokens("No, he bled.").words
        ('no', ',', 'he', 'bled')
    """
    return Tokens(text, base)


@dataclass(frozen=True)
class ContextRules:
    """The rules of ``context.toml``, with word lists as frozen sets."""

    negators: frozenset[str]
    skip: frozenset[str]
    neg_window: int
    hypothetical: frozenset[str]
    hyp_suffixes: tuple[str, ...]
    mention: frozenset[str]
    mention_before: frozenset[str]
    mention_window: int
    dialogue_is_mention: bool
    intensity: frozenset[str]
    scene_hits: int
    topic_window: int
    topic_need: float
    simile: tuple[tuple[str, ...], ...] = ()
    simile_window: int = 6
    simile_starts: frozenset[str] = frozenset()  # first words of the simile markers
    declaration: re.Pattern[str] | None = None
    past: frozenset[str] = frozenset()  # mention words that put the event long before
    mention_reach: int = 0  # mention words count this many words either side of a hit
    too_skip: frozenset[str] = frozenset()  # "too young to <be> murdered"
    perfect_reach: int = 0  # "had <participle> ..." reaches this many words to the hit
    participles: frozenset[str] = frozenset()  # irregular past participles ("shown", "slain")
    perfect_skip: frozenset[str] = frozenset()  # between "had" and it ("had long been")

    @property
    def suffixes_need_apos(self) -> bool:
        """Whether every hypothetical suffix holds an apostrophe ("'ll", "'d")."""
        return all("'" in s for s in self.hyp_suffixes)

    def declared_from(self, sentence: str) -> int:
        """Offset in ``sentence`` where an author's warning list starts, or -1.

        Example:
            >>> context_rules().declared_from("Trigger warnings: blood, violence.")
            16
            >>> context_rules().declared_from("He warned her twice.")
            -1
        """
        if self.declaration is None:
            return -1
        m = self.declaration.search(sentence)
        return m.end() if m else -1

    def figurative(self, toks: Tokens, offset: int) -> bool:
        """True when the hit sits in a simile ("felt like pulling her guts out").

        Example:
            >>> rules = context_rules()
            >>> rules.figurative(sentence_tokens("It felt as if he had been stabbed."), 27)
            True
            >>> rules.figurative(sentence_tokens("As he fell, she stabbed him."), 16)
            False
        """
        i = toks.before(offset)
        words = toks.words[max(0, i - self.simile_window):i]
        starts = self.simile_starts
        if starts.isdisjoint(words):  # the usual case, tested in one call
            return False
        for k in range(len(words) - 1, -1, -1):
            w = words[k]
            if w in _BARRIERS:
                return False
            if w in starts:
                for marker in self.simile:
                    if marker[0] == w and tuple(words[k:k + len(marker)]) == marker:
                        return True
        return False

    def negated(self, toks: Tokens, offset: int) -> bool:
        """True when a negator governs the word at ``offset`` ("didn't even drink"), or
        the word is what something is "too" much of a thing "to" be ("too young to be
        murdered", "too big to take hostage": it does not happen).

        Example:
            >>> rules = context_rules()
            >>> rules.negated(sentence_tokens("He was too young to be murdered."), 23)
            True
            >>> rules.negated(sentence_tokens("He went to town to be murdered."), 22)
            False
        """
        i = toks.before(offset) - 1
        if self._too_to(toks.words, i):
            return True
        steps = 0
        while i >= 0 and steps < self.neg_window:
            w = toks.words[i]
            if w in self.negators or w.endswith("n't"):
                return True
            if w not in self.skip:
                return False
            i -= 1
            steps += 1
        return False

    def _too_to(self, words: tuple[str, ...], i: int) -> bool:
        """Whether "too <word> to [be|get…]" comes right before position ``i + 1``."""
        while i >= 0 and words[i] in self.too_skip:
            i -= 1
        return i >= 2 and words[i] == "to" and words[i - 2] == "too"

    def hypothetical_at(self, toks: Tokens, offset: int) -> bool:
        """True when the clause before ``offset`` is conditional, imagined or threatened.

        Example:
            >>> rules = context_rules()
            >>> rules.hypothetical_at(sentence_tokens("If he died; she wept."), 17)
            False
            >>> rules.hypothetical_at(sentence_tokens("She'll say he died."), 13)
            True

        A quotation that has closed before the hit does not govern it: the threat is the
        speaker's, the narration after it happens ("I'll show him," he shouted, and shot).

            >>> rules.hypothetical_at(sentence_tokens("“I'll show him,” he said, and shot him."), 30)
            False
            >>> rules.hypothetical_at(sentence_tokens("“I'll show him and shoot him,” he said."), 19)
            True
        """
        i = toks.before(offset)
        first = toks.after_closed_quote(offset)
        if i - first > 64:  # a long run-on sentence: walk back, a cue or a semicolon comes soon
            return self._hypothetical_back(toks, i, first)
        words = toks.words[first:i]
        if ";" in words:  # the clause starts after the last semicolon
            words = words[len(words) - words[::-1].index(";"):]
        if not self.hypothetical.isdisjoint(words):
            return True
        suffixes = self.hyp_suffixes
        if not toks.apos and self.suffixes_need_apos:
            return False
        return any(w.endswith(suffixes) for w in words)

    def _hypothetical_back(self, toks: Tokens, i: int, first: int = 0) -> bool:
        """:meth:`hypothetical_at` for the hit after token ``i - 1``, one word at a time."""
        for j in range(i - 1, first - 1, -1):
            w = toks.words[j]
            if w == ";":
                break
            if w in self.hypothetical or w.endswith(self.hyp_suffixes):
                return True
        return False

    def hypothetical_near(self, toks: Tokens, offset: int, window: int = 4) -> bool:
        """True when a conditional or modal word governs the hit itself: at most ``window``
        words before it in the same clause ("would have died", "nearly died"; not "could
        still feel the weight of those lost lives")."""
        i = toks.before(offset)
        for j in range(i - 1, max(-1, i - 1 - window), -1):
            w = toks.words[j]
            if w in _BARRIERS:
                return False
            if w in self.hypothetical or w.endswith(self.hyp_suffixes):
                return True
        return False

    def mentioned(self, toks: Tokens, offset: int) -> bool:
        """True when the sentence remembers or reports the thing rather than showing it: a
        word of time gone by anywhere in it (``past``), another mention word within
        ``mention_reach`` words of the hit (0: anywhere in the sentence), or a past perfect
        just before it."""
        words = toks.words
        if not self.past.isdisjoint(words):
            return True
        if self.mention_reach and len(words) > 2 * self.mention_reach:
            i = toks.before(offset)
            words = words[max(0, i - self.mention_reach): i + self.mention_reach]
        if not self.mention.isdisjoint(words):
            return True
        return self._past_perfect(toks, offset)

    def long_past(self, toks: Tokens, offset: int) -> bool:
        """True when the hit is told as long past: a past perfect ("had died") or a word of
        time gone by ("years ago", "the widow") -- backstory, which no model should lift to
        the page (a "reminder" or "asked" in the sentence is a weaker cue)."""
        return not self.past.isdisjoint(toks.words) or self._past_perfect(toks, offset)

    def _past_perfect(self, toks: Tokens, offset: int) -> bool:
        """An auxiliary of the past perfect just before the hit ("had been shot"), or
        further back in the clause when a past participle follows it ("who had received
        their death-wound on battlefields"; not "he had a gun and shot").

        Example:
            >>> rules = context_rules()
            >>> rules._past_perfect(sentence_tokens("He had received a wound in battle."), 26)
            True
            >>> rules._past_perfect(sentence_tokens("He had a sword and a wound in battle."), 29)
            False
        """
        i = toks.before(offset) - 1
        words = toks.words
        for j in range(i, max(-1, i - max(self.mention_window, self.perfect_reach)), -1):
            w = words[j]
            if w in _BARRIERS:
                break
            if w in self.mention_before or w.endswith("'d"):
                if i - j < self.mention_window or self._participle_after(words, j, i):
                    return True
        return False

    def _participle_after(self, words: tuple[str, ...], j: int, i: int) -> bool:
        """Whether a past participle follows the auxiliary at ``j`` (before the hit at
        ``i + 1``), over the words of ``perfect_skip`` ("had long since been")."""
        k = j + 1
        while k <= i and words[k] in self.perfect_skip:
            k += 1
        if k > i:
            return False
        w = words[k]
        regular = len(w) > 3 and w.endswith("ed") and not w.endswith("eed")
        return regular or w in self.participles

    def intense(self, toks: Tokens) -> bool:
        """True when the sentence carries cues of graphic detail."""
        return not self.intensity.isdisjoint(toks.words)


@lru_cache(maxsize=1)
def context_rules() -> ContextRules:
    """The context rules shipped with forewarn (parsed once)."""
    d = read_data("context.toml")
    neg, hyp, men, inten, topic = (d["negation"], d["hypothetical"], d["mention"],
                                   d["intensity"], d["topic"])
    fig = d.get("figurative", {})
    markers = d.get("declaration", {}).get("markers", ())
    declaration = re.compile(r"\b(?:" + "|".join(markers) + ")", re.IGNORECASE) if markers else None
    return ContextRules(
        negators=frozenset(neg["negators"]), skip=frozenset(neg["skip"]),
        neg_window=int(neg.get("window", 4)), too_skip=frozenset(neg.get("too_skip", ())),
        hypothetical=frozenset(hyp["words"]), hyp_suffixes=tuple(hyp.get("suffixes", ())),
        mention=frozenset(men["words"]), mention_before=frozenset(men.get("before", ())),
        mention_window=int(men.get("before_window", 3)),
        dialogue_is_mention=bool(men.get("dialogue_is_mention", True)),
        past=frozenset(men.get("past", ())), mention_reach=int(men.get("reach", 0)),
        perfect_reach=int(men.get("perfect_reach", 0)),
        participles=frozenset(men.get("participles", ())),
        perfect_skip=frozenset(men.get("perfect_skip", ())),
        intensity=frozenset(inten["words"]), scene_hits=int(inten.get("scene_hits", 6)),
        topic_window=int(topic.get("window", 2)), topic_need=float(topic.get("need", 1.0)),
        simile=tuple(tuple(m.split()) for m in fig.get("simile", ())),
        simile_starts=frozenset(m.split()[0] for m in fig.get("simile", ())),
        simile_window=int(fig.get("window", 6)), declaration=declaration,
    )
