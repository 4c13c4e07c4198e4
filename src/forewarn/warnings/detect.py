"""Find warning hits in one chapter: one Aho-Corasick pass, then context rules per hit.

Example:
    >>> from forewarn.text import segment_text
    >>> ch = segment_text("She didn't drink. He lit a cigarette.").chapters[0]
    >>> [(h.warning, h.severity) for h in chapter_hits(ch) if h.accepted]
    [('smoking', 'depicted')]
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from forewarn.cache import compile_regex
from forewarn.text.document import ChapterDoc
from forewarn.warnings.context import Tokens, context_rules
from forewarn.warnings.lexicon import FRAME, GLOBAL, SLOT, UNREAL_WINDOW, WEIGHT, Frame, compiled

_PUNCT = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n\r\x0b\x0c" \
    "\u2014\u2013\u2012\u2015\u2026\u201c\u201d\u00ab\u00bb\u2039\u203a\u00a0\u2022\u00b7\u2e3b\u2010\u2011"
_TABLE = {ord(c): " " for c in _PUNCT}
_TABLE[ord("\u2019")] = "'"
_TABLE[ord("\u2018")] = "'"
_TABLE[ord("`")] = "'"
_BYTES = bytes(b if (chr(b).isalnum() or b == ord("'")) else ord(" ") for b in range(128)) \
    + b" " * 128
# An apostrophe that is not inside a word is a quote mark; a possessive 's is dropped.
_LOOSE_APOS = compile_regex(r"'(?:(?<=\W')|(?<=^')|(?!\w)|s\b)")  # starts with a literal: fast
_MAX_LOOKALIKE = 80
#: Invisible format characters (soft hyphen, zero-width space/non-joiner/joiner, bidi
#: marks, embeddings, overrides and isolates, word joiner and invisible operators, BOM,
#: Mongolian vowel separator): ignored when matching, so "sh\u200bot" still reads "shot".
_FORMAT_RANGES = ((0x00ad, 0x00ad), (0x061c, 0x061c), (0x180e, 0x180e), (0x200b, 0x200f),
                  (0x202a, 0x202e), (0x2060, 0x2064), (0x2066, 0x206f), (0xfeff, 0xfeff))
_FORMAT_CHARS = tuple(chr(c) for lo, hi in _FORMAT_RANGES for c in range(lo, hi + 1))
_FORMAT_RE = compile_regex("[" + "".join(_FORMAT_CHARS) + "]+")
TOPIC_WEIGHT = {"terms": 1.0, "mention": 1.0, "intense": 1.0, "weak": 0.0, "support": 0.5,
                FRAME: 1.0}
_KIND_RANK = {"intense": 4, "terms": 3, "mention": 2, FRAME: 1.5, "weak": 1, "support": 0}
#: Characters that end a clause: a frame's slot words must not have one between them.
_CLAUSE_BREAKS = frozenset(";:?!")


@dataclass(slots=True)
class Hit:
    """One lexicon match in a chapter, judged by the context rules.

    ``severity`` is ``mention`` or ``depicted``, or ``graphic`` for a hit on the page with
    intensity cues (the finding decides whether the whole warning is graphic).
    """

    warning: str
    kind: str
    chapter: int
    paragraph: int
    sentence: int
    start: int
    end: int
    severity: str = "depicted"
    negated: bool = False
    accepted: bool = False
    hypothetical: bool = False
    past: bool = False  # told as long past (backstory): stays a mention, whatever the model says
    p: float = 1.0  # probability that it is real (the evidence model, :mod:`.evidence`)

    @property
    def weight(self) -> float:
        """Score contribution of an accepted hit."""
        return WEIGHT[self.kind]


#: Where :func:`chapter_hits` leaves its :class:`ChapterMatches` in ``ChapterDoc.results``.
MATCHES = "warning-matches"


@dataclass(slots=True)
class ChapterMatches:
    """What the evidence model reuses from a chapter's matching pass: the normalised text,
    and every ``(start, end, warning, kind)`` the automaton fired, in the order it found
    them (by end offset), before any was dropped; ``fires`` is None when the chapter held
    format characters (its matches were made on another string than ``norm``)."""

    norm: str
    fires: list[tuple[int, int, str, str]] | None


def normalize(text: str) -> str:
    """Lower-case ``text`` and blank out punctuation, keeping every offset in place.

    Example:
        >>> normalize("Self-Harm, “she” said")
        'self harm   she  said'
    """
    return _normalize_lowered(text, text.lower())


def _normalize_lowered(text: str, low: str) -> str:
    """:func:`normalize` of ``text`` whose ``text.lower()`` is ``low`` (computed once per
    chapter: the context rules lower-case the same text)."""
    if len(low) != len(text):  # a few characters change length when lower-cased
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    low = low.replace("\u2019", "'").replace("\u2018", "'")
    if low.isascii():
        low = low.translate(_TABLE)
    else:  # one byte per character keeps offsets; the lexicon is ASCII, other letters split words
        low = low.encode("ascii", "replace").translate(_BYTES).decode("ascii")
    return _LOOSE_APOS.sub(lambda m: " " * len(m.group()), low)


def _token_text(text: str, low: str) -> str | None:
    """The chapter lower-cased for the context rules' tokens, when lower-casing it whole
    gives the same characters as lower-casing each sentence (same length, no capital sigma
    whose lower case depends on the next letter); None otherwise."""
    if len(low) != len(text) or "\u03a3" in text:
        return None
    return low.replace("’", "'")


def has_format_chars(text: str) -> bool:
    """Whether ``text`` holds an invisible format character (a test per character: much
    quicker than a regex class over the whole text, and free on ASCII text).

    Example:
        >>> has_format_chars("sh\u200bot"), has_format_chars("shot"), has_format_chars("café")
        (True, False, False)
    """
    return not text.isascii() and any(c in text for c in _FORMAT_CHARS)


def without_format_chars(text: str, norm: str) -> tuple[str, list[int] | None]:
    """``norm`` (same length as ``text``) without the positions where ``text`` has a format
    character, and each remaining position's offset in ``text`` (None: there were none).

    Example:
        >>> t = "He sh\u200bot kil\u00adled."
        >>> squeezed, where = without_format_chars(t, normalize(t))
        >>> squeezed, t[where[3]:where[6] + 1]
        ('he shot killed ', 'sh\u200bot')
    """
    if not has_format_chars(text):
        return norm, None
    where: list[int] = []
    last = 0
    for m in _FORMAT_RE.finditer(text):
        where.extend(range(last, m.start()))
        last = m.end()
    where.extend(range(last, len(text)))
    return "".join(norm[i] for i in where), where


def _raw_hits_in(text: str, norm: str) -> tuple[list[tuple[int, int, str, str]],
                                                list[tuple[int, int, str]],
                                                list[tuple[int, int, str, str]], bool]:
    """:func:`_raw_hits` matched as if ``text`` had no format characters, with every span
    given in offsets of ``text`` (a hit spans the invisible characters inside it); the last
    item says whether there were format characters to leave out."""
    squeezed, where = without_format_chars(text, norm)
    hits, nots, cues = _raw_hits(squeezed)
    if where is None:
        return hits, nots, cues, False
    back = where.__getitem__
    return ([(back(s), back(e - 1) + 1, w, k) for s, e, w, k in hits],
            [(back(s), back(e - 1) + 1, w) for s, e, w in nots],
            [(back(s), back(e - 1) + 1, w, k) for s, e, w, k in cues], True)


def _raw_hits(norm: str) -> tuple[list[tuple[int, int, str, str]], list[tuple[int, int, str]],
                                   list[tuple[int, int, str, str]]]:
    """(start, end, warning, kind) hits, (start, end, warning) look-alike spans, and
    (start, end, warning, kind) ``unreal`` and ``declare`` cues."""
    # A match ending at ``end`` of the padded text spans ``end - length + 1 .. end - 1`` of norm.
    found = compiled().matcher.matches(" " + norm + " ")
    hits = [(end - length + 1, end - 1, warning, kind)
            for end, (length, fires, _nots, _cues) in found for warning, kind in fires]
    nots = [(end - length + 1, end - 1, warning)
            for end, (length, _fires, lookalike, _cues) in found if lookalike for warning in lookalike]
    cues = [(end - length + 1, end - 1, warning, kind)
            for end, (length, _fires, _nots, cue) in found if cue for warning, kind in cue]
    return hits, nots, cues


def _drop_lookalikes(hits, nots):  # type: ignore[no-untyped-def]
    if not nots:
        return hits
    nots.sort()
    starts = [n[0] for n in nots]
    kept = []
    for h in hits:
        i = bisect_right(starts, h[0]) - 1
        silenced = False
        while i >= 0 and nots[i][0] >= h[0] - _MAX_LOOKALIKE:
            s, e, w = nots[i]
            if s <= h[0] and h[1] <= e and (w == h[2] or w == GLOBAL):
                silenced = True
                break
            i -= 1
        if not silenced:
            kept.append(h)
    return kept


def _useful(hits, related):  # type: ignore[no-untyped-def]
    """Drop weak hits of warnings with no hit that stands on its own in the chapter (they
    cannot make a finding), and support hits no remaining weak hit can use."""
    strong = {h[2] for h in hits if h[3] != "weak" and h[3] != "support"}
    needed = set(strong)
    for w in strong:
        needed.update(related.get(w, ()))
    return [h for h in hits if (h[3] != "weak" and h[3] != "support") or h[2] in needed]


def _longest(hits):  # type: ignore[no-untyped-def]
    """Per warning, keep the longest of overlapping hits (the strongest kind on ties)."""
    hits.sort(key=lambda h: (h[2], h[0], -(h[1] - h[0]), -_KIND_RANK[h[3]]))
    out = []
    last_w, last_end = None, -1
    for h in hits:
        if h[2] == last_w and h[0] < last_end:
            continue
        out.append(h)
        last_w, last_end = h[2], h[1]
    return out


def _frame_hits(slots, hits, text: str, norm: str, sent_starts: list[int],
                frames: dict[str, Frame]) -> list[tuple[int, int, str, str]]:  # type: ignore[no-untyped-def]
    """Hits made by construction frames: for each frame, the shortest runs of one word of
    every slot in one sentence, within the frame's window of words and with no clause
    break (``;`` ``:`` ``?`` ``!``) between; a run overlapping a hit of the same warning that stands
    on its own (a fixed phrase) is left to that hit. ``slots`` are the slot cues
    (start, end, warning, "slot:<frame>:<slot>"), look-alikes already dropped.

    Example:
        >>> f = Frame("child-abuse", "x", ("act", "who"), 4)
        >>> t = "He flogged the little boy."
        >>> cues = [(3, 10, "child-abuse", f.cue("act")), (22, 25, "child-abuse", f.cue("who"))]
        >>> _frame_hits(cues, [], t, normalize(t), [0], {f.key: f})
        [(3, 25, 'child-abuse', 'frame')]
    """
    by: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for start, end, _wid, kind in slots:
        key, _, slot = kind[len(SLOT):].rpartition(":")
        by.setdefault((key, _sentence_index(sent_starts, start)), []).append((start, end, slot))
    fixed: dict[str, list[tuple[int, int]]] = {}
    for s, e, w, k in hits:
        if k != "weak" and k != "support":
            fixed.setdefault(w, []).append((s, e))
    out = []
    for (key, _si), cues in by.items():
        frame = frames[key]
        if len({c[2] for c in cues}) < len(frame.slots):
            continue
        cues.sort()
        last_end = -1
        for i, (start, _e, _slot) in enumerate(cues):
            if start < last_end:
                continue
            end = _run_end(cues, i, frame, norm, text)
            if end < 0 or any(s < end and e > start for s, e in fixed.get(frame.warning, ())):
                continue
            out.append((start, end, frame.warning, FRAME))
            last_end = end
    return out


def _run_end(cues: list[tuple[int, int, str]], i: int, frame: Frame, norm: str,
             text: str) -> int:
    """End of the shortest run from ``cues[i]`` holding every slot of ``frame`` (in the
    frame's order, if it has one) within its window and clause (-1: none)."""
    start = cues[i][0]
    order = frame.order
    if order and cues[i][2] != order[0]:
        return -1
    seen: set[str] = set()
    end = -1
    for s, e, slot in cues[i:]:
        if len(norm[start:s].split()) >= frame.window:
            return -1
        if any(c in _CLAUSE_BREAKS for c in text[start:s]):
            return -1
        if order and (slot in seen or slot != order[len(seen)]):
            continue
        seen.add(slot)
        end = max(end, e)
        if len(seen) == len(frame.slots):
            return end if len(norm[start:end].split()) <= frame.window else -1
    return -1


def _sentence_index(sent_starts: list[int], offset: int) -> int:
    """Index of the sentence holding ``offset`` (the first one for an offset before it).

    Example:
        >>> _sentence_index([0, 10, 25], 12), _sentence_index([3, 10], 0)
        (1, 0)
    """
    i = bisect_right(sent_starts, offset) - 1
    return i if i > 0 else 0


def _drop_handles(hits, norm: str, text: str, speech: frozenset[str]):  # type: ignore[no-untyped-def]
    """Drop insults that are chat handles: a word right before a colon names who speaks
    ("raccoon hoe: can someone explain"), and so does every other use of that word in the
    chapter. Only warnings whose words are insults (``speech = "depicted"``) are checked.

    Example:
        >>> hits = [(0, 4, "misogyny", "terms"), (15, 19, "misogyny", "terms")]
        >>> text = "slut: hi there slut"
        >>> _drop_handles(hits, normalize(text), text, frozenset({"misogyny"}))
        []
    """
    handles = {norm[s:e] for s, e, w, _k in hits if w in speech and text[e:e + 1] == ":"}
    if not handles:
        return hits
    return [h for h in hits if h[2] not in speech or norm[h[0]:h[1]] not in handles]


_CLOSERS = " \t\n'\"\u2019\u201d)"


def _drop_questions(hits, ch: ChapterDoc, sent_starts: list[int], drop: frozenset[str]):  # type: ignore[no-untyped-def]
    """Drop hits of ``drop`` warnings (``question = "drop"``) in a sentence that asks rather
    than tells ("was it the conversion therapy stuff?"); a slur said in a question is
    still said, so hits that are also a ``slurs`` hit stay."""
    if not any(h[2] in drop for h in hits):
        return hits
    slurs = {(h[0], h[1]) for h in hits if h[2] == "slurs"}
    kept = []
    for h in hits:
        if h[2] in drop and (h[0], h[1]) not in slurs:
            sent = ch.sentences[_sentence_index(sent_starts, h[0])]
            if ch.text[sent.start:sent.end].rstrip(_CLOSERS).endswith("?"):
                continue
        kept.append(h)
    return kept


def chapter_hits(ch: ChapterDoc, accepted_only: bool = False) -> list[Hit]:
    """All hits of a chapter with their context judged; ``accepted`` marks the real ones
    (with ``accepted_only``, only those are returned: all a report needs).

    Context rules run only where they can matter: on hits that stand on their own, and on
    weak hits once the surrounding sentences have shown they are on topic. Support hits
    never fire and are counted as they come.
    """
    if not ch.sentences:
        return []
    rules = context_rules()
    lex = compiled()
    low = ch.text.lower()
    norm = _normalize_lowered(ch.text, low)
    raw, nots, cues, squeezed = _raw_hits_in(ch.text, norm)
    fires = raw
    unreal = [h for h in cues if h[3] == "unreal"]
    declare = [h for h in cues if h[3] == "declare"]
    slots = [h for h in cues if h[3].startswith(SLOT)]
    sent_starts = [s.start for s in ch.sentences]
    if slots:
        raw = raw + _frame_hits(_drop_lookalikes(slots, nots), raw, ch.text, norm, sent_starts,
                                lex.frames)
    raw = _longest(_drop_lookalikes(_useful(raw, lex.related), nots))
    if not raw:
        return []
    ch.results[MATCHES] = ChapterMatches(norm, None if squeezed else fires)
    raw = _drop_handles(raw, norm, ch.text, lex.speech_on_page)
    if lex.drop_question:
        raw = _drop_questions(raw, ch, sent_starts, lex.drop_question)
    judge = _Judge(ch, _token_text(ch.text, low), rules, lex.speech_on_page, lex.drop_hypothetical)
    sentences = ch.sentences
    index = ch.index
    # Hits in raw order; a weak hit waits as its tuple until the topic test has run, and
    # support hits only feed that test (they are never accepted).
    out: list[Hit | tuple[int, int, str, str] | None] = []
    weak: list[int] = []
    support: dict[str, tuple[list[int], list[float]]] = {}
    for raw_hit in raw:
        start, end, wid, kind = raw_hit
        if kind == "weak":  # its sentence is looked up only if its topic has support
            weak.append(len(out))
            out.append(raw_hit)
            continue
        si = _sentence_index(sent_starts, start)
        if kind == "support":
            sents, weights = support.setdefault(wid, ([], []))
            sents.append(si)
            weights.append(TOPIC_WEIGHT[kind])
            if not accepted_only:
                out.append(Hit(wid, kind, index, sentences[si].paragraph, si, start, end))
            continue
        h = Hit(wid, kind, index, sentences[si].paragraph, si, start, end)
        judge(h)
        if h.accepted:
            sents, weights = support.setdefault(wid, ([], []))
            sents.append(si)
            weights.append(TOPIC_WEIGHT[kind])
        out.append(h)
    if weak:
        on_topic = _Topic(support, lex.related, rules.topic_window, rules.topic_need)
        for i in weak:
            start, end, wid, kind = out[i]  # type: ignore[misc]
            si = on_topic(wid, start, sent_starts)
            if si >= 0:
                h = Hit(wid, kind, index, sentences[si].paragraph, si, start, end, accepted=True)
                judge(h)
                out[i] = h
            elif accepted_only:
                out[i] = None  # type: ignore[call-overload]
            else:
                si = _sentence_index(sent_starts, start)
                out[i] = Hit(wid, kind, index, sentences[si].paragraph, si, start, end)
        if accepted_only:
            out = [h for h in out if h is not None]
    hits: list[Hit] = out  # type: ignore[assignment]
    if unreal:
        _unreal(hits, unreal, sent_starts)
    if declare:
        _declared(hits, declare, sent_starts, ch, rules)
    if accepted_only:
        return [h for h in hits if h.accepted]
    return hits


def _declared(hits: list[Hit], declare, sent_starts: list[int], ch: ChapterDoc, rules) -> None:  # type: ignore[no-untyped-def]
    """Drop hits inside an author's warning list ("Trigger warnings: blood, violence."):
    from the list's marker to the end of its sentence. Only sentences holding a ``declare``
    word are checked."""
    starts: dict[int, int] = {}
    for start, _end, _wid, _kind in declare:
        si = _sentence_index(sent_starts, start)
        if si not in starts:
            sent = ch.sentences[si]
            found = rules.declared_from(ch.text[sent.start:sent.end])
            if found >= 0:
                starts[si] = sent.start + found
    if not starts:
        return
    for h in hits:
        at = starts.get(h.sentence)
        if at is not None and h.accepted and h.start >= at:
            h.accepted = False


def _unreal(hits: list[Hit], unreal, sent_starts: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Drop hits near a cue of a sense that does not count ("the undead", "necromancy" for
    death: in such scenes dying does not stick)."""
    near: dict[str, list[int]] = {}
    for start, _end, wid, _kind in unreal:
        near.setdefault(wid, []).append(_sentence_index(sent_starts, start))
    for h in hits:
        sents = near.get(h.warning)
        if sents and any(abs(s - h.sentence) <= UNREAL_WINDOW for s in sents):
            h.accepted = False


class _Judge:
    """Applies negation, simile, hypothetical, mention and intensity rules to one hit of a
    chapter, tokenizing each sentence once.

    A hypothetical hit is dropped for warnings whose lexicon says ``hypothetical = "drop"``
    ("if he died", "she nearly died": no death happened)."""

    __slots__ = ("ch", "low", "ascii", "rules", "speech", "drop_hyp", "cache", "framed")

    def __init__(self, ch: ChapterDoc, low: str | None, rules, speech: frozenset[str],  # type: ignore[no-untyped-def]
                 drop_hyp: frozenset[str] = frozenset()) -> None:
        self.ch, self.low, self.rules = ch, low, rules
        self.ascii = ch.text.isascii()
        self.speech, self.drop_hyp = speech, drop_hyp
        self.cache: dict[int, Tokens] = {}
        self.framed = ch.framed()  # a framed tale's quotes are its narration

    def __call__(self, h: Hit) -> None:
        toks = self.cache.get(h.sentence)
        if toks is None:
            sent = self.ch.sentences[h.sentence]
            toks = self.cache[h.sentence] = Tokens.span(self.ch.text, self.low, sent.start, sent.end,
                                                         self.ascii)
        rules = self.rules
        start = h.start
        if rules.negated(toks, start) or rules.figurative(toks, start):
            h.negated, h.accepted = True, False
            return
        h.hypothetical = rules.hypothetical_at(toks, start)
        if h.hypothetical and h.warning in self.drop_hyp and rules.hypothetical_near(toks, start):
            h.accepted = False
            return
        if (h.kind == "mention" or h.hypothetical or rules.mentioned(toks, start)
                or (rules.dialogue_is_mention and h.warning not in self.speech
                    and not self.framed and self.ch.in_dialogue(start))):
            h.severity = "mention"
            h.past = rules.long_past(toks, start)
        elif h.kind == "intense" or rules.intense(toks):
            h.severity = "graphic"
        h.accepted = True


class _Topic:
    """Whether a weak hit's surrounding sentences carry enough of the same topic.

    Support comes from accepted hits that stand on their own and from support words, of the
    same warning or a related one, within ``window`` sentences either side. Per warning,
    the sentences of its own and its related support are merged once, with running sums of
    their weights, so each weak hit costs two bisections.
    """

    __slots__ = ("by_warning", "related", "window", "need", "merged")

    def __init__(self, by_warning: dict[str, tuple[list[int], list[float]]],
                 related: dict[str, frozenset[str]], window: int, need: float) -> None:
        self.by_warning, self.related, self.window, self.need = by_warning, related, window, need
        self.merged: dict[str, tuple[list[int], list[float]] | None] = {}

    def __call__(self, warning: str, start: int, sent_starts: list[int]) -> int:
        """The sentence of a weak hit of ``warning`` at ``start`` when it is on topic, else -1."""
        try:
            entry = self.merged[warning]
        except KeyError:
            entry = self.merged[warning] = self._merge(warning)
        if entry is None:
            return -1 if self.need > 0.0 else _sentence_index(sent_starts, start)
        sentence = _sentence_index(sent_starts, start)
        sents, sums = entry
        lo = bisect_left(sents, sentence - self.window)
        hi = bisect_right(sents, sentence + self.window)
        return sentence if sums[hi] - sums[lo] >= self.need else -1

    def _merge(self, warning: str) -> tuple[list[int], list[float]] | None:
        entries = [e for w in (warning, *self.related.get(warning, ()))
                   if (e := self.by_warning.get(w)) is not None]
        if not entries:
            return None
        if len(entries) == 1:  # one warning's sentences come in order already
            sents, weights = entries[0]
        else:
            pairs = sorted(pair for e in entries for pair in zip(*e))
            sents, weights = [p[0] for p in pairs], [p[1] for p in pairs]
        # weights are halves: every running sum is exact, whatever the order of addition
        return sents, [0.0, *accumulate(weights)]


assert all((2 * w).is_integer() for w in TOPIC_WEIGHT.values()), "topic sums must stay exact"
