"""Explicit speech tags: a speech verb with its subject after the quote ("…," said Mr.
Bennet / Miku says), before it (Yuto said, "…"), or closing the narration paragraph just
before it ("Old Cotter said:" ¶ "…"); and the person a tag names as spoken to."""
from __future__ import annotations

import re
from functools import lru_cache

from forewarn.cache import compile_regex as _compile
from forewarn.story.lexicon import speech_verbs
from forewarn.story.speaker_context import _HE_SHE, UNKNOWN, Ids, _Context
from forewarn.story.speaker_resolve import _CONTINUING, _last_speaker, _resolve
from forewarn.story.trie import cached_trie_pattern
from forewarn.text.document import Paragraph

_WORD = r"[A-Za-z][\w'’\-]*"
_SUBJECT = (r"(?P<who>(?:I|[Hh]e|[Ss]he|[Tt]hey|[Ww]e)\b"
            r"|(?:[Tt]he|[Hh]is|[Hh]er|[Mm]y|[Tt]his|[Tt]hat|[Aa]n?|[Oo]ne|[Oo]ur|[Tt]heir)\s+(?:(?:[a-z]+|[A-Z][a-z]+)\s+){0,2}?[a-z][\w\-]*"
            r"|(?:[A-Z][\w'’\-.]*\s+){0,3}[A-Z][\w'’\-]*)")


def _verbs() -> str:
    """The speech verbs as one regex alternation, factored as a trie ("sa(?:id|ys?)"):
    the same words, matched several times faster than a flat list of ~500 branches."""
    return cached_trie_pattern("speech_verbs", speech_verbs())


#: Punctuation stripped from the ends of a word before it is looked up as a speech verb.
_STRIP = re.escape(",.;:!?—–-\"”’'")
_STRIP_BEFORE = re.escape(",.;:!?—–-")


def _pat(name: str) -> re.Pattern[str]:
    return _patterns()[name]


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """The attribution patterns, compiled on first use: built whole, then published once
    (threads starting together never see half of them); their compiled code is cached
    across runs by :func:`forewarn.cache.compile_regex`."""
    pats: dict[str, re.Pattern[str]] = {}
    v = _verbs()
    # after the quote: ", said Mr. Bennet" / "returned she" / "cried his wife"
    pats["after_inv"] = _compile(
        rf"\s*[,;—–-]*\s*(?P<verb>{v})\s+{_SUBJECT}", re.S)
    # after the quote: "Miku says" / "he laughs softly and says" / "the woman mutters"
    pats["after"] = _compile(
        rf"\s*[,;—–-]*\s*{_SUBJECT}(?:\s+(?:\w+ly|then|again|at\s+last|quietly|softly|and|also|had|has|was|just|finally)){{0,3}}\s+(?P<verb>{v})\b", re.S)
    # before the quote: "Yuto said, " / "He turned to her and said: ", in three steps
    # (see _tag_before): the last speech verb, with no other speech verb nor sentence
    # end between it and the quote; then its subject, starting a word ("he", not the
    # "he" of "the warning, "), at most four words before it
    pats["verb_ws"] = _compile(rf"(?<=\s)(?:{v})\b")
    pats["before_tail"] = _compile(r"[^.!?\"“”]{0,60}?[,:—–]?\s*", re.S)
    pats["before_head"] = _compile(
        rf"(?<![A-Za-z]){_SUBJECT}(?:\s+{_WORD}){{0,4}}?\s+$", re.S)
    pats["verb_any"] = _compile(rf"\b{v}\b")
    # a word that is a speech verb once punctuation is stripped from its ends
    pats["verb_word"] = _compile(rf"(?:^|\s)[{_STRIP_BEFORE}]*{v}[{_STRIP_BEFORE}]*(?:\s|$)")
    # …among the first nine words of a text
    pats["verb_after"] = _compile(rf"\s*(?:\S+\s+){{0,8}}?[{_STRIP}]*{v}[{_STRIP}]*(?:\s|$)")
    pats["subject"] = _compile(
        r"(?:^|[.!?…]\s+|^\s*[,;—–-]*\s*)(?P<who>I|He|She|he|she)\b\s+[a-z]", re.S)
    return pats


def _explicit(ctx: _Context, qs: int, qe: int, prv: int, nxt: int, voc: Ids) -> tuple[int, str]:
    text = ctx.text
    end = min(nxt, qe + 120)
    # a speech verb among the first nine words after the quote (the patterns below are
    # anchored there; ``endpos`` makes the text end where the window does)
    pats = _patterns()
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
    pats = _patterns()
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


_TO = _compile(r"\s+(?:\w+ly\s+)?(?:to|at)\s+(?:Mr\.|Mrs\.|Miss|Dr\.)?\s*")


def _addressee(ctx: _Context, start: int, end: int) -> set[int]:
    """The person an attribution names as spoken to ("said he to Temple")."""
    m = _TO.match(ctx.text, start, end)
    if not m:
        return set()
    men = ctx.mention_in(m.end() - 1, min(end, m.end() + 3))
    return {men.char} if men is not None else set()
