"""The scan's evidence scoring: every accepted hit's probability, sentence by sentence.

The sum is the evidence model's (:func:`forewarn.warnings.evidence.hit_features` and
:meth:`~forewarn.warnings.evidence.EvidenceModel.probability`, a test holds the two equal
up to floating-point rounding), done the quick way:

* weights are read from :mod:`.weights`' tables, never through feature strings, and a
  term's own part (bias, ``t=``, ``k=``, prior) is looked up once per term;
* they are added in the order the reference adds them, so that ``p`` is the one the scan
  has always given, to the last bit (ties between passages break as they did);
* what a sentence gives every hit in it is found once: its normalised text, the lexicon
  cues in it (``co=``/``rel=``), its bag of words and the bag's weight per warning group;
* the cues come from the chapter's own matching pass (:class:`~.detect.ChapterMatches`),
  found by bisection, rather than from running the automaton over the sentence again;
  a sentence whose normalised text or edges could differ from the chapter's is matched
  on its own, as the reference does.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from forewarn.text.document import ChapterDoc
from forewarn.warnings.detect import MATCHES, ChapterMatches, Hit
from forewarn.warnings.evidence import (_ANY_WORD, _LETTER, _groups, _norm, bag_words,
                                        sentence_cues, sigmoid)
from forewarn.warnings.lexicon import compiled
from forewarn.warnings.weights import WeightTable, tables

#: Characters before and after a sentence that make its own matching pass the chapter's:
#: white space, which normalises to a blank on every path (see ``detect.normalize``).
_BLANK = frozenset(" \t\n\r\x0b\x0c")
_LEFT_REACH, _RIGHT_REACH = 60, 40  # how far the edge words are looked for (as in evidence)
#: One cue: (start, end, kind), offsets in the sentence.
Cue = tuple[int, int, str]


@dataclass(slots=True)
class _Sentence:
    """What every hit of one sentence shares: its start, text and normalised text, the
    offset of its first letter, its lexicon cues by warning, its bag of words and the
    bag's weight per group (:func:`_bag_total`), filled lazily."""

    start: int
    text: str
    norm: str
    first_letter: int
    cues: dict[str, list[Cue]]
    bag: frozenset[str]
    sums: dict[str, float] = field(default_factory=dict)


class _Sentences:
    """The :class:`_Sentence` of each sentence of a chapter, built once however many hits
    it holds."""

    __slots__ = ("ch", "matches", "ends", "entries")

    def __init__(self, ch: ChapterDoc, matches: ChapterMatches | None) -> None:
        self.ch, self.entries = ch, {}
        self.matches = matches if matches is not None and matches.fires is not None else None
        self.ends = [f[1] for f in self.matches.fires] if self.matches is not None else []

    def get(self, index: int) -> _Sentence:
        entry = self.entries.get(index)
        if entry is None:
            sent = self.ch.sentences[index]
            text = self.ch.text[sent.start:sent.end]
            norm, cues = self._norm_and_cues(sent.start, sent.end, text)
            letter = _LETTER.search(text)
            entry = self.entries[index] = _Sentence(
                sent.start, text, norm, letter.start() if letter else len(text),
                _by_warning(cues), bag_words(text))
        return entry

    def _norm_and_cues(self, start: int, end: int,
                       text: str) -> tuple[str, list[tuple[int, int, str, str]]]:
        """The sentence's normalised text and its lexicon matches (sentence offsets): the
        chapter's when they are the same, else matched on their own."""
        m = self.matches
        norm = None
        if m is not None and self._blank_edges(start, end):
            chapter_norm = m.norm[start:end]
            # ASCII: the same table and the same blank edges give the same characters
            if self.ch.text.isascii() or (norm := _norm(text)) == chapter_norm:
                return chapter_norm, self._fires_in(start, end)
        norm = _norm(text) if norm is None else norm
        return norm, sentence_cues(norm)

    def _blank_edges(self, start: int, end: int) -> bool:
        text = self.ch.text
        return (start == 0 or text[start - 1] in _BLANK) and (end >= len(text)
                                                               or text[end] in _BLANK)

    def _fires_in(self, start: int, end: int) -> list[tuple[int, int, str, str]]:
        """The chapter's matches that lie inside ``start:end``, in sentence offsets."""
        fires = self.matches.fires  # type: ignore[union-attr]
        lo, hi = bisect_right(self.ends, start), bisect_right(self.ends, end)
        return [(s - start, e - start, w, k) for s, e, w, k in fires[lo:hi] if s >= start]


def _by_warning(cues: list[tuple[int, int, str, str]]) -> dict[str, list[Cue]]:
    out: dict[str, list[Cue]] = {}
    for s, e, w, k in cues:
        out.setdefault(w, []).append((s, e, k))
    return out


@lru_cache(maxsize=4096)
def _hit_words(span: str) -> frozenset[str]:
    """The bag words of a hit's own text (left out of its sentence's bag)."""
    return bag_words(span)


@dataclass(slots=True)
class _Parts:
    """What a hit's sum is made of, whatever the table: its edge words, the kinds of its
    own warning's other cues in the sentence, whether a related warning's cue is there,
    the rules' flags, its words and its sentence."""

    left: str | None
    left2: str | None
    right: str | None
    co: list[str]
    rel: bool
    flags: tuple[str, ...]
    words: frozenset[str]
    entry: _Sentence
    group: str


def _edge_word(m: re.Match[str], first_letter: int) -> str:
    word = m.group()
    if word[0].isupper() and first_letter < m.start():  # a capital inside: a name
        return "NAME"
    return word.lower()


def _edges(entry: _Sentence, lo: int, hi: int) -> tuple[str | None, str | None, str | None]:
    """The word before the hit, the one before that, and the word after it."""
    text, first = entry.text, entry.first_letter
    left = list(_ANY_WORD.finditer(text, max(0, lo - _LEFT_REACH), lo))[-2:]
    m = _ANY_WORD.search(text, hi, hi + _RIGHT_REACH)
    right = _edge_word(m, first) if m else None
    if not left:
        return None, None, right
    last = _edge_word(left[-1], first)
    return last, (_edge_word(left[0], first) if len(left) == 2 else None), right


def _cue_parts(entry: _Sentence, lo: int, hi: int, warning: str,
               related: frozenset[str]) -> tuple[list[str], bool]:
    """The kinds of the warning's own cues that do not overlap the hit (sorted), and
    whether a cue of a related warning does not."""
    kinds: set[str] = set()
    rel = False
    for w, cues in entry.cues.items():
        if w == warning:
            kinds.update(k for s, e, k in cues if not (s < hi and e > lo))
        elif not rel and w in related:
            rel = any(not (s < hi and e > lo) for s, e, _k in cues)
    return (sorted(kinds) if len(kinds) > 1 else list(kinds)), rel


def _flags(h: Hit, said: bool) -> tuple[str, ...]:
    """The context rules' verdicts, named as :func:`~.evidence.rule_features` names them."""
    out = ("hyp",) if h.hypothetical else ()
    if h.severity == "mention":
        out += ("men",)
    elif h.severity == "graphic":
        out += ("int",)
    return out + ("dlg",) if said else out


def _probability(t: WeightTable, bag: float, h: Hit, surface: str, parts: _Parts) -> float:
    """p of a hit under one table, its sentence's bag weighing ``bag`` (see
    :func:`_bag_total`). The weights are added in the order of the feature list the model
    sums (:meth:`~.evidence.EvidenceModel.score`), so that ``p`` is the same to the last
    bit: a tie between two passages then breaks as it always has."""
    w = h.warning
    if parts.words:
        bag -= t.bag_weight(parts.group, parts.words & parts.entry.bag)
    prior, bias, term, kind_of, kind = t.term_parts(w, surface, h.kind)
    x = bag + prior
    x += bias
    x += term
    x += kind_of
    x += kind
    own = t.of_warning(w)
    if parts.left is not None:
        x += own.l1.get(parts.left, 0.0)
        x += t.l1_any.get(parts.left, 0.0)
        if parts.left2 is not None:
            x += own.l2.get(f"{parts.left2} {parts.left}", 0.0)
    if parts.right is not None:
        x += own.r1.get(parts.right, 0.0)
        x += t.r1_any.get(parts.right, 0.0)
    for k in parts.co:  # already sorted, as the reference sorts its feature names
        x += own.co.get(k, 0.0)
    if parts.rel:
        x += own.rel
    for f in parts.flags:
        x += t.flags.get(f, 0.0)
    return sigmoid(x)


def _bag_total(t: WeightTable, entry: _Sentence, group: str) -> float:
    """The summed ``s=`` weights of a sentence's bag for ``group``, once per sentence.

    Both models are given the *real* model's sum, the hit's own words then taken out with
    each model's own weights: that is what the scan has computed since the severity model
    came (0.2.0, where both models shared one cache of sums), and reports must not change
    with speed work. :func:`~.evidence.hit_features` with the severity model's weights gives
    another sum for ``p(on the page)``; which one is right is the model's owner's call.
    """
    total = entry.sums.get(group)
    if total is None:
        total = entry.sums[group] = t.bag_weight(group, entry.bag)
    return total


def score_chapter(ch: ChapterDoc, hits: list[Hit], words: int = 0) -> None:
    """Set ``p`` (and, where the severity model is sure, the severity) on every accepted
    hit of a chapter (the severity only on hits sure enough to count in a work of ``words``
    words); the same sum as ``model().probability(hit_features(…))``.

    Example:
        >>> from forewarn.text import segment_text
        >>> from forewarn.warnings.detect import chapter_hits
        >>> ch = segment_text("He stabbed the guard.").chapters[0]
        >>> hs = chapter_hits(ch, accepted_only=True)
        >>> score_chapter(ch, hs)
        >>> 0.0 < hs[0].p < 1.0
        True
    """
    from forewarn.warnings.decide import floor, params

    real, page = tables()
    d = params()
    least = floor(words)
    groups, related = _groups(), compiled().related
    framed = ch.framed()
    sentences = _Sentences(ch, ch.results.pop(MATCHES, None))
    none: frozenset[str] = frozenset()
    for h in hits:
        if not h.accepted:
            continue
        entry = sentences.get(h.sentence)
        lo, hi = h.start - entry.start, h.end - entry.start
        surface = " ".join(entry.norm[lo:hi].split())
        said = not framed and ch.in_dialogue(h.start)
        co, rel = _cue_parts(entry, lo, hi, h.warning, related.get(h.warning, none))
        parts = _Parts(*_edges(entry, lo, hi), co, rel, _flags(h, said),
                       _hit_words(entry.text[lo:hi]), entry, groups.get(h.warning, "other"))
        bag = _bag_total(real, entry, parts.group)
        h.p = _probability(real, bag, h, surface, parts)
        if page is not None and h.kind != "mention" and h.p >= least:
            on_page = _probability(page, bag, h, surface, parts)
            if on_page < d.mention_below:
                h.severity = "mention"
            elif (on_page >= d.page_above and h.severity == "mention" and not h.hypothetical
                  and not said and not h.past):
                h.severity = "depicted"
